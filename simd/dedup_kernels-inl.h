// SPDX-License-Identifier: Apache-2.0
// Per-target bodies of the dedup kernels (dedup_kernels.h): byte matches as
// 64-bit masks, XXH3-64's 4-8 and 9-16-byte formulas in 64-bit lanes, and
// the MinHash shingle mixing in 64-bit lanes. Scalar twins: XXH3 itself
// (xxhash.h) and AddShingles in core/src/dedup/minhash.cc.
#if defined(SAFI_SIMD_DEDUP_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SAFI_SIMD_DEDUP_KERNELS_INL_H_
#undef SAFI_SIMD_DEDUP_KERNELS_INL_H_
#else
#define SAFI_SIMD_DEDUP_KERNELS_INL_H_
#endif

#include <cstring>

#include "dedup_kernels.h"
#include "hwy/cache_control.h"
#include "hwy/highway.h"

#ifndef SAFI_SIMD_DEDUP_KERNELS_XXH3_
#define SAFI_SIMD_DEDUP_KERNELS_XXH3_
#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

// The word spans are read as 64-bit lanes (offset in the low half) and the
// mask bytes as one 64-bit mask.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian only");

namespace safi {
namespace detail {

// XXH3-64 of one word given as an (offset, size) pair of spans.
inline uint64_t HashWord(const char* keys, const uint32_t* span,
                         uint64_t seed) {
  return XXH3_64bits_withSeed(keys + span[0], span[1], seed);
}

// The 8 bytes of XXH3's default secret at byte at.
inline uint64_t SecretWord(size_t at) {
  uint64_t v;
  std::memcpy(&v, XXH3_kSecret + at, 8);
  return v;
}

}  // namespace detail
}  // namespace safi
#endif  // SAFI_SIMD_DEDUP_KERNELS_XXH3_

HWY_BEFORE_NAMESPACE();
namespace safi {
namespace detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128

// Bit j set where data[j] is a or b, for the 64 bytes at data.
template <class D>
HWY_INLINE uint64_t Match64(D d, const char* HWY_RESTRICT data, hn::Vec<D> va,
                            hn::Vec<D> vb) {
  constexpr size_t kLanes = hn::MaxLanes(D());
  static_assert(64 % kLanes == 0 && kLanes % 8 == 0, "whole mask bytes");
  const uint8_t* bytes = reinterpret_cast<const uint8_t*>(data);
  uint8_t bits[8];
  for (size_t v = 0; v < 64; v += kLanes) {
    const hn::Vec<D> x = hn::LoadU(d, bytes + v);
    hn::StoreMaskBits(d, hn::Or(hn::Eq(x, va), hn::Eq(x, vb)), bits + v / 8);
  }
  uint64_t mask;
  std::memcpy(&mask, bits, 8);
  return mask;
}

// XXH3_mul128_fold64: the low 64 bits of the 128-bit product a * b xored
// with its high 64 bits, from 32 x 32-bit partial products.
template <class D>
HWY_INLINE hn::Vec<D> Mul128Fold64(D d, hn::Vec<D> a, hn::Vec<D> b) {
  const hn::Repartition<uint32_t, D> d32;
  const hn::Vec<D> low32 = hn::Set(d, 0xFFFFFFFFu);
  const hn::Vec<D> a_hi = hn::ShiftRight<32>(a);
  const hn::Vec<D> b_hi = hn::ShiftRight<32>(b);
  const hn::Vec<D> ll = hn::MulEven(hn::BitCast(d32, a), hn::BitCast(d32, b));
  const hn::Vec<D> lh =
      hn::MulEven(hn::BitCast(d32, a), hn::BitCast(d32, b_hi));
  const hn::Vec<D> hl =
      hn::MulEven(hn::BitCast(d32, a_hi), hn::BitCast(d32, b));
  const hn::Vec<D> hh =
      hn::MulEven(hn::BitCast(d32, a_hi), hn::BitCast(d32, b_hi));
  const hn::Vec<D> cross = hn::Add(
      hn::Add(hn::ShiftRight<32>(ll), hn::And(lh, low32)), hn::And(hl, low32));
  const hn::Vec<D> lo = hn::Or(hn::ShiftLeft<32>(cross), hn::And(ll, low32));
  const hn::Vec<D> hi =
      hn::Add(hn::Add(hh, hn::ShiftRight<32>(lh)),
              hn::Add(hn::ShiftRight<32>(hl), hn::ShiftRight<32>(cross)));
  return hn::Xor(lo, hi);
}

// The bytes of each 64-bit lane in reverse order.
template <class D>
HWY_INLINE hn::Vec<D> ByteSwap64(D d, hn::Vec<D> v) {
  const hn::Repartition<uint8_t, D> d8;
  alignas(16) static constexpr uint8_t kReverse[16] = {
      7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8};
  return hn::BitCast(d, hn::TableLookupBytes(hn::BitCast(d8, v),
                                             hn::LoadDup128(d8, kReverse)));
}

// x rotated left by r in [0, 64) bits, r the same for every lane.
template <class D>
HWY_INLINE hn::Vec<D> RotateLeftSame(hn::Vec<D> x, int r) {
  return hn::Or(hn::ShiftLeftSame(x, r), hn::ShiftRightSame(x, (64 - r) & 63));
}

#endif  // HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128

// See dedup_kernels.h.
inline void MatchTwoBytes(const char* HWY_RESTRICT data, size_t n, char a,
                          char b, uint64_t* HWY_RESTRICT masks) {
  size_t i = 0;
#if HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
  const hn::CappedTag<uint8_t, 64> d;
  const hn::Vec<decltype(d)> va = hn::Set(d, static_cast<uint8_t>(a));
  const hn::Vec<decltype(d)> vb = hn::Set(d, static_cast<uint8_t>(b));
  for (; i + 64 <= n; i += 64) {
    // The raw text comes from memory, read for the first time here (the
    // hardware prefetcher starts late within each document); a prefetch
    // never faults, past the end either.
    hwy::Prefetch(data + i + 1024);
    masks[i / 64] = Match64(d, data + i, va, vb);
  }
  if (i < n) {
    // The tail, copied into a block of zeros whose matches past n are
    // cleared.
    alignas(64) char block[64] = {};
    std::memcpy(block, data + i, n - i);
    masks[i / 64] = Match64(d, block, va, vb) & ((uint64_t{1} << (n - i)) - 1);
  }
#else
  // The fallback target (SCALAR with g++ 12, EMU128 with clang): eight
  // bytes per 64-bit word, each byte's match moved to one bit.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  // High bit of each byte of x that is zero, exactly.
  const auto zero_bytes = [](uint64_t x) {
    return ~(((x & kLow7) + kLow7) | x | kLow7);
  };
  const uint64_t pa = kOnes * static_cast<unsigned char>(a);
  const uint64_t pb = kOnes * static_cast<unsigned char>(b);
  for (; i < n; i += 64) {
    const size_t block = n - i < 64 ? n - i : 64;
    uint64_t mask = 0;
    size_t j = 0;
    for (; j + 8 <= block; j += 8) {
      uint64_t x;
      std::memcpy(&x, data + i + j, 8);
      const uint64_t high = zero_bytes(x ^ pa) | zero_bytes(x ^ pb);
      // Bit 7 of byte m to bit 56 + m, then down to bit j + m.
      mask |= (((high >> 7) * 0x0102040810204080ULL) >> 56) << j;
    }
    for (; j < block; ++j) {
      mask |= static_cast<uint64_t>(data[i + j] == a || data[i + j] == b) << j;
    }
    masks[i / 64] = mask;
  }
#endif
}

// See dedup_kernels.h. One 64-bit lane per word: the 4-8 and the 9-16-byte
// formulas of XXH3 (XXH3_len_4to8_64b, XXH3_len_9to16_64b) on the 8 bytes
// at the word's start and the 8 ending at its end; words of 0-3 or more
// than 16 bytes, and the tail of fewer words than lanes, go to XXH3 itself.
// AVX2 and better only: with two lanes and emulated 64-bit multiplies and
// gathers (SSE4, SSSE3) the lanes are slower than XXH3 word by word, which
// those targets and the fallback run.
inline void HashWords(const char* HWY_RESTRICT keys,
                      const uint32_t* HWY_RESTRICT spans, size_t n,
                      uint64_t seed, uint64_t* HWY_RESTRICT out) {
  size_t i = 0;
#if HWY_TARGET <= HWY_AVX2
  const hn::ScalableTag<uint64_t> d;
  const hn::RebindToSigned<decltype(d)> di;
  using V = hn::Vec<decltype(d)>;
  const size_t lanes = hn::Lanes(d);
  // Constants of XXH3_len_4to8_64b and XXH3_len_9to16_64b for this seed.
  const uint64_t seed48 =
      seed ^
      (static_cast<uint64_t>(__builtin_bswap32(static_cast<uint32_t>(seed)))
       << 32);
  const V flip48 = hn::Set(d, (SecretWord(8) ^ SecretWord(16)) - seed48);
  const V flip_lo = hn::Set(d, (SecretWord(24) ^ SecretWord(32)) + seed);
  const V flip_hi = hn::Set(d, (SecretWord(40) ^ SecretWord(48)) - seed);
  const V rrmxmx = hn::Set(d, 0x9FB21C651E98DF25ULL);
  const V prime_mx1 = hn::Set(d, 0x165667919E3779F9ULL);
  const V low32 = hn::Set(d, 0xFFFFFFFFu);
  const V four = hn::Set(d, 4);
  const V eight = hn::Set(d, 8);
  const uint64_t* const base = reinterpret_cast<const uint64_t*>(keys);
  for (; i + lanes <= n; i += lanes) {
    // Each lane holds a span {offset, size}: offset in the low half.
    const V span = hn::LoadU(d, reinterpret_cast<const uint64_t*>(spans) + i);
    const V offset = hn::And(span, low32);
    const V len = hn::ShiftRight<32>(span);
    // Sizes are below 2^32: signed compares are exact.
    const hn::Vec<decltype(di)> signed_len = hn::BitCast(di, len);
    const auto upto8 = hn::RebindMask(d, hn::Lt(signed_len, hn::Set(di, 9)));
    const auto other = hn::Or(hn::Lt(signed_len, hn::Set(di, 4)),
                              hn::Gt(signed_len, hn::Set(di, 16)));
    // 8 bytes at the word's start, and 8 ending at its end (words of 9-16
    // bytes only; the others reread their start).
    const V first = hn::GatherOffset(d, base, hn::BitCast(di, offset));
    const V last_at =
        hn::IfThenElse(upto8, offset, hn::Sub(hn::Add(offset, len), eight));
    const V last = hn::GatherOffset(d, base, hn::BitCast(di, last_at));
    // 4-8 bytes: input1 = the first 4 bytes, input2 = the last 4 (the
    // shift is masked so that it stays below 64 in the other lanes too).
    const V input1 = hn::And(first, low32);
    const V input2 = hn::And(
        first >> hn::ShiftLeft<3>(hn::And(hn::Sub(len, four), hn::Set(d, 7))),
        low32);
    V h = hn::Xor(hn::Add(input2, hn::ShiftLeft<32>(input1)), flip48);
    h = hn::Xor(h, hn::Xor(hn::RotateRight<15>(h), hn::RotateRight<40>(h)));
    h = hn::Mul(h, rrmxmx);
    h = hn::Xor(h, hn::Add(hn::ShiftRight<35>(h), len));
    h = hn::Mul(h, rrmxmx);
    const V short_hash = hn::Xor(h, hn::ShiftRight<28>(h));
    // 9-16 bytes.
    const V input_lo = hn::Xor(first, flip_lo);
    const V input_hi = hn::Xor(last, flip_hi);
    V acc = hn::Add(hn::Add(len, ByteSwap64(d, input_lo)),
                    hn::Add(input_hi, Mul128Fold64(d, input_lo, input_hi)));
    acc = hn::Xor(acc, hn::ShiftRight<37>(acc));
    acc = hn::Mul(acc, prime_mx1);
    const V long_hash = hn::Xor(acc, hn::ShiftRight<32>(acc));
    hn::StoreU(hn::IfThenElse(upto8, short_hash, long_hash), d, out + i);
    // At most 8 lanes of 64 bits on x86: one byte of mask bits.
    uint8_t other_bits[8];
    hn::StoreMaskBits(di, other, other_bits);
    for (unsigned bits = other_bits[0]; bits != 0; bits &= bits - 1) {
      const size_t j = i + static_cast<size_t>(__builtin_ctz(bits));
      out[j] = HashWord(keys, spans + 2 * j, seed);
    }
  }
#endif
  for (; i < n; ++i) out[i] = HashWord(keys, spans + 2 * i, seed);
}

// See dedup_kernels.h. The vector lanes take the shingles as many at a
// time, each mixing its words straight from w, then the minima go in lane
// order. AVX-512 only (native 64-bit multiplies): on AVX2 and below the
// vector mixing is slower than the caller's rolling loop, which then takes
// all shingles.
inline size_t AddShingleMinima(const uint64_t* HWY_RESTRICT w, size_t shingles,
                               size_t width, uint64_t salt, uint32_t k,
                               uint64_t* HWY_RESTRICT bins) {
  size_t s = 0;
#if HWY_TARGET <= HWY_AVX3
  const hn::ScalableTag<uint64_t> d;
  const hn::Repartition<uint32_t, decltype(d)> d32;
  using V = hn::Vec<decltype(d)>;
  const size_t lanes = hn::Lanes(d);
  const V vsalt = hn::Set(d, salt);
  const V c1 = hn::Set(d, 0xff51afd7ed558ccdULL);
  const V c2 = hn::Set(d, 0xc4ceb9fe1a85ec53ULL);
  const V vk = hn::Set(d, k);
  const V low32 = hn::Set(d, 0xFFFFFFFFu);
  constexpr size_t kMaxLanes = hn::MaxLanes(decltype(d)());
  alignas(64) uint64_t bin_of[kMaxLanes];
  alignas(64) uint64_t value_of[kMaxLanes];
  for (; s + lanes <= shingles; s += lanes) {
    V x = vsalt;
    for (size_t j = 0; j < width; ++j) {
      x = hn::Xor(x,
                  RotateLeftSame<decltype(d)>(hn::LoadU(d, w + s + j),
                                              static_cast<int>(13 * j % 64)));
    }
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    x = hn::Mul(x, c1);
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    x = hn::Mul(x, c2);
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    // FastRange: the high 32 bits times k, shifted down by 32.
    hn::Store(
        hn::ShiftRight<32>(hn::MulEven(hn::BitCast(d32, hn::ShiftRight<32>(x)),
                                       hn::BitCast(d32, vk))),
        d, bin_of);
    hn::Store(hn::And(x, low32), d, value_of);
    for (size_t lane = 0; lane < lanes; ++lane) {
      uint64_t& bin = bins[bin_of[lane]];
      bin = bin < value_of[lane] ? bin : value_of[lane];
    }
  }
#else
  (void)w;
  (void)shingles;
  (void)width;
  (void)salt;
  (void)k;
  (void)bins;
#endif
  return s;
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
