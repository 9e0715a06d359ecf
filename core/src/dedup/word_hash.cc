// SPDX-License-Identifier: Apache-2.0
// XXH3-64 of many short words at once: eight words per AVX-512 vector for
// the 4-16-byte words that make up most text, XXH3 itself for the others
// and on CPUs without AVX-512.
#include "word_hash.h"

#include <cstring>

#include "cpu.h"
#include "hash.h"

#if SAFI_DEDUP_AVX512
#include <immintrin.h>
#endif

namespace safi {
namespace dedup {
namespace {

uint64_t SecretWord(size_t at) {
  uint64_t v;
  std::memcpy(&v, XXH3_kSecret + at, 8);
  return v;
}

void HashWordsScalar(const char* keys, const WordSpan* words, size_t n,
                     uint64_t seed, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) {
    out[i] =
        Hash64(std::string_view(keys + words[i].offset, words[i].size), seed);
  }
}

#if SAFI_DEDUP_AVX512

// GCC 12 warns inside its own AVX-512 headers (the deliberately
// uninitialized value of _mm512_undefined_si512) once they are inlined.
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

SAFI_AVX512_FUNCTION inline __m512i Rotl(__m512i x, int r) {
  return _mm512_or_si512(_mm512_slli_epi64(x, r), _mm512_srli_epi64(x, 64 - r));
}

// Low 64 bits of a * b, xored with the high 64 bits (XXH3_mul128_fold64),
// from 32 x 32-bit partial products.
SAFI_AVX512_FUNCTION inline __m512i Mul128Fold64(__m512i a, __m512i b) {
  const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
  const __m512i a_hi = _mm512_srli_epi64(a, 32);
  const __m512i b_hi = _mm512_srli_epi64(b, 32);
  const __m512i ll = _mm512_mul_epu32(a, b);
  const __m512i lh = _mm512_mul_epu32(a, b_hi);
  const __m512i hl = _mm512_mul_epu32(a_hi, b);
  const __m512i hh = _mm512_mul_epu32(a_hi, b_hi);
  const __m512i cross = _mm512_add_epi64(
      _mm512_add_epi64(_mm512_srli_epi64(ll, 32), _mm512_and_si512(lh, low32)),
      _mm512_and_si512(hl, low32));
  const __m512i lo = _mm512_or_si512(_mm512_slli_epi64(cross, 32),
                                     _mm512_and_si512(ll, low32));
  const __m512i hi =
      _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(lh, 32)),
                       _mm512_add_epi64(_mm512_srli_epi64(hl, 32),
                                        _mm512_srli_epi64(cross, 32)));
  return _mm512_xor_si512(lo, hi);
}

// Eight words at a time; words of 0-3 or more than 16 bytes go through
// HashWordsScalar. Each word's bytes [offset, offset + max(size, 8)) must
// be readable.
SAFI_AVX512_FUNCTION void HashWordsAvx512(const char* keys,
                                          const WordSpan* words, size_t n,
                                          uint64_t seed, uint64_t* out) {
  // Constants of XXH3_len_4to8_64b and XXH3_len_9to16_64b for this seed.
  const uint64_t seed48 =
      seed ^
      (static_cast<uint64_t>(__builtin_bswap32(static_cast<uint32_t>(seed)))
       << 32);
  const __m512i flip48 =
      _mm512_set1_epi64((SecretWord(8) ^ SecretWord(16)) - seed48);
  const __m512i flip_lo =
      _mm512_set1_epi64((SecretWord(24) ^ SecretWord(32)) + seed);
  const __m512i flip_hi =
      _mm512_set1_epi64((SecretWord(40) ^ SecretWord(48)) - seed);
  const __m512i rrmxmx = _mm512_set1_epi64(0x9FB21C651E98DF25ULL);
  const __m512i prime_mx1 = _mm512_set1_epi64(0x165667919E3779F9ULL);
  const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
  const __m512i four = _mm512_set1_epi64(4);
  const __m512i eight = _mm512_set1_epi64(8);
  const __m512i byte_reverse = _mm512_set_epi8(
      8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2,
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
  const long long* const base = reinterpret_cast<const long long*>(keys);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    // WordSpan is {offset, size}: the low and high halves of each lane.
    const __m512i spans = _mm512_loadu_si512(words + i);
    const __m512i offset = _mm512_and_si512(spans, low32);
    const __m512i len = _mm512_srli_epi64(spans, 32);
    const __mmask8 short4 = _mm512_cmplt_epu64_mask(len, four);
    const __mmask8 long16 = _mm512_cmpgt_epu64_mask(len, _mm512_set1_epi64(16));
    const __mmask8 upto8 = _mm512_cmple_epu64_mask(len, eight);
    // 8 bytes at the word's start, and 8 ending at its end (words of 9-16
    // bytes only; the others reread their start).
    const __m512i first = _mm512_i64gather_epi64(offset, base, 1);
    const __m512i last_at =
        _mm512_mask_sub_epi64(offset, static_cast<__mmask8>(~upto8),
                              _mm512_add_epi64(offset, len), eight);
    const __m512i last = _mm512_i64gather_epi64(last_at, base, 1);
    // 4-8 bytes: input1 = first 4 bytes, input2 = last 4 bytes.
    const __m512i input1 = _mm512_and_si512(first, low32);
    const __m512i input2 = _mm512_and_si512(
        _mm512_srlv_epi64(first,
                          _mm512_slli_epi64(_mm512_sub_epi64(len, four), 3)),
        low32);
    __m512i h = _mm512_xor_si512(
        _mm512_add_epi64(input2, _mm512_slli_epi64(input1, 32)), flip48);
    h = _mm512_xor_si512(h, _mm512_xor_si512(Rotl(h, 49), Rotl(h, 24)));
    h = _mm512_mullo_epi64(h, rrmxmx);
    h = _mm512_xor_si512(h, _mm512_add_epi64(_mm512_srli_epi64(h, 35), len));
    h = _mm512_mullo_epi64(h, rrmxmx);
    const __m512i short_hash = _mm512_xor_si512(h, _mm512_srli_epi64(h, 28));
    // 9-16 bytes.
    const __m512i input_lo = _mm512_xor_si512(first, flip_lo);
    const __m512i input_hi = _mm512_xor_si512(last, flip_hi);
    __m512i acc = _mm512_add_epi64(
        _mm512_add_epi64(len, _mm512_shuffle_epi8(input_lo, byte_reverse)),
        _mm512_add_epi64(input_hi, Mul128Fold64(input_lo, input_hi)));
    acc = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 37));
    acc = _mm512_mullo_epi64(acc, prime_mx1);
    const __m512i long_hash = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 32));
    _mm512_storeu_si512(out + i,
                        _mm512_mask_blend_epi64(upto8, long_hash, short_hash));
    for (unsigned other = short4 | long16; other != 0; other &= other - 1) {
      const size_t j = i + static_cast<size_t>(__builtin_ctz(other));
      out[j] =
          Hash64(std::string_view(keys + words[j].offset, words[j].size), seed);
    }
  }
  HashWordsScalar(keys, words + i, n - i, seed, out + i);
}

#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif  // SAFI_DEDUP_AVX512

}  // namespace

void HashWords(const char* keys, const WordSpan* words, size_t n, uint64_t seed,
               uint64_t* out) {
#if SAFI_DEDUP_AVX512
  if (CpuHasAvx512()) {
    HashWordsAvx512(keys, words, n, seed, out);
    return;
  }
#endif
  HashWordsScalar(keys, words, n, seed, out);
}

}  // namespace dedup
}  // namespace safi
