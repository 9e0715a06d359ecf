// SPDX-License-Identifier: Apache-2.0
// Byte scanning of the dedup component: the positions of two byte values in
// a buffer, 64 bytes at a time with AVX-512 (where the CPU has it) or SSE2,
// 8 at a time elsewhere.
#ifndef SAFI_CORE_SRC_DEDUP_SCAN_H_
#define SAFI_CORE_SRC_DEDUP_SCAN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "cpu.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if SAFI_DEDUP_AVX512
#include <immintrin.h>
#endif

namespace safi {
namespace dedup {
namespace internal {

// Appends base + j for each set bit j of mask, in increasing order, at
// (*positions)[*count] and advances *count; positions grows as FindBytes
// says. The positions are written eight at a time without a branch per
// position (bit 63 stands in for an empty mask, whose lowest bit is
// undefined; such writes are overwritten or past the count).
inline void AppendBitPositions(uint64_t mask, uint32_t base,
                               std::vector<uint32_t>* positions,
                               size_t* count) {
  if (positions->size() < *count + 64) {
    positions->resize(std::max(2 * positions->size(), *count + 64));
  }
  uint32_t* const out = positions->data() + *count;
  size_t found = 0;
  do {
    for (int j = 0; j < 8; ++j) {
      out[found] = base + static_cast<uint32_t>(
                              __builtin_ctzll(mask | (uint64_t{1} << 63)));
      found += mask != 0 ? 1 : 0;
      mask &= mask - 1;
    }
  } while (mask != 0);
  *count += found;
}

}  // namespace internal

#if SAFI_DEDUP_AVX512
namespace internal {

// Bit j set where data[j] is a or b, for the min(n, 64) bytes at data (the
// bytes past n are not read).
SAFI_AVX512_FUNCTION inline uint64_t Match64(const char* data, size_t n,
                                             __m512i a, __m512i b) {
  const __m512i v =
      n >= 64 ? _mm512_loadu_si512(data)
              : _mm512_maskz_loadu_epi8(_bzhi_u64(~uint64_t{0}, n), data);
  const uint64_t mask =
      _mm512_cmpeq_epi8_mask(v, a) | _mm512_cmpeq_epi8_mask(v, b);
  return n >= 64 ? mask : _bzhi_u64(mask, n);
}

template <typename Visit>
SAFI_AVX512_FUNCTION void ForEachByteOfAvx512(const char* data, size_t n,
                                              char a, char b, Visit visit) {
  const __m512i va = _mm512_set1_epi8(a);
  const __m512i vb = _mm512_set1_epi8(b);
  for (size_t i = 0; i < n; i += 64) {
    // The raw text comes from memory, read for the first time here (the
    // hardware prefetcher starts late within each document); a prefetch
    // never faults, past the end either.
    _mm_prefetch(data + i + 1024, _MM_HINT_T0);
    for (uint64_t mask = Match64(data + i, n - i, va, vb); mask != 0;
         mask &= mask - 1) {
      visit(i + static_cast<size_t>(__builtin_ctzll(mask)));
    }
  }
}

SAFI_AVX512_FUNCTION inline size_t FindBytesAvx512(
    const char* data, size_t n, char a, char b,
    std::vector<uint32_t>* positions) {
  const __m512i va = _mm512_set1_epi8(a);
  const __m512i vb = _mm512_set1_epi8(b);
  size_t count = 0;
  for (size_t i = 0; i < n; i += 64) {
    AppendBitPositions(Match64(data + i, n - i, va, vb),
                       static_cast<uint32_t>(i), positions, &count);
  }
  return count;
}

}  // namespace internal
#endif  // SAFI_DEDUP_AVX512

// Calls visit(i) for each i in [0, n), in increasing order, where data[i]
// is a or b.
template <typename Visit>
inline void ForEachByteOf(const char* data, size_t n, char a, char b,
                          Visit visit) {
#if SAFI_DEDUP_AVX512
  if (CpuHasAvx512()) {
    internal::ForEachByteOfAvx512(data, n, a, b, visit);
    return;
  }
#endif
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  for (; i + 16 <= n; i += 16) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb))));
    while (mask != 0) {
      visit(i + static_cast<size_t>(__builtin_ctz(mask)));
      mask &= mask - 1;
    }
  }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  // High bit of each byte of x that is zero, exactly.
  const auto zero_bytes = [](uint64_t x) {
    return ~(((x & kLow7) + kLow7) | x | kLow7);
  };
  const uint64_t pa = kOnes * static_cast<unsigned char>(a);
  const uint64_t pb = kOnes * static_cast<unsigned char>(b);
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, data + i, 8);
    uint64_t mask = zero_bytes(x ^ pa) | zero_bytes(x ^ pb);
    while (mask != 0) {
      visit(i + (static_cast<size_t>(__builtin_ctzll(mask)) >> 3));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    if (data[i] == a || data[i] == b) visit(i);
  }
}

// Stores the positions i in [0, n) where data[i] is a or b, in increasing
// order, in (*positions)[0, count) and returns count. positions is grown
// as needed and never shrunk, so a reused vector stops allocating; its
// elements past count are unspecified. n must be < 2^32.
inline size_t FindBytes(const char* data, size_t n, char a, char b,
                        std::vector<uint32_t>* positions) {
#if SAFI_DEDUP_AVX512
  if (CpuHasAvx512())
    return internal::FindBytesAvx512(data, n, a, b, positions);
#endif
  size_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // 64 bytes at a time.
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  const auto match = [&](size_t at) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)))));
  };
  for (; i + 64 <= n; i += 64) {
    internal::AppendBitPositions(match(i) | match(i + 16) << 16 |
                                     match(i + 32) << 32 | match(i + 48) << 48,
                                 static_cast<uint32_t>(i), positions, &count);
  }
#endif
  if (positions->size() < count + (n - i)) {
    positions->resize(std::max(2 * positions->size(), count + (n - i)));
  }
  ForEachByteOf(data + i, n - i, a, b, [&](size_t at) {
    (*positions)[count++] = static_cast<uint32_t>(i + at);
  });
  return count;
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_SCAN_H_
