// SPDX-License-Identifier: Apache-2.0
// Per-target bodies of the dedup kernels (dedup_kernels.h): byte matches as
// 64-bit masks, the key split into word spans by compressing the positions
// of word edges, the positions of two byte values, XXH3-64's 4-8 and 9-16-byte
// formulas in 64-bit lanes, and the MinHash shingle mixing in 64-bit lanes.
// Scalar twins: the 64-bit word matches and the bit loop below, XXH3 itself
// (xxhash.h) and AddShingles in core/src/dedup/minhash.cc.
#if defined(SAFI_SIMD_DEDUP_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SAFI_SIMD_DEDUP_KERNELS_INL_H_
#undef SAFI_SIMD_DEDUP_KERNELS_INL_H_
#else
#define SAFI_SIMD_DEDUP_KERNELS_INL_H_
#endif

#include <algorithm>
#include <cstring>

#include "dedup_kernels.h"
#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "opaque-inl.h"

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

// The 8 bytes of XXH3's default secret at byte at.
inline uint64_t SecretWord(size_t at) {
  uint64_t v;
  std::memcpy(&v, XXH3_kSecret + at, 8);
  return v;
}

// XXH3_len_9to16_64b with seed of an input of size bytes whose first 8
// bytes are first and whose last 8 are last (little-endian): the formula
// of every word hash of 1-16 bytes (WordHash in dedup_kernels.h).
inline uint64_t HashFirstAndLast(uint64_t first, uint64_t last, size_t size,
                                 uint64_t seed) {
  const uint64_t input_lo = first ^ ((SecretWord(24) ^ SecretWord(32)) + seed);
  const uint64_t input_hi = last ^ ((SecretWord(40) ^ SecretWord(48)) - seed);
  return XXH3_avalanche(size + XXH_swap64(input_lo) + input_hi +
                        XXH3_mul128_fold64(input_lo, input_hi));
}

// The word hash of bytes[0, size) with seed (WordHash in dedup_kernels.h),
// for bytes with nothing readable past them (a lexicon phrase's words);
// HashPaddedWord below is the scalar twin of HashWords. Reads exactly
// bytes[0, size).
inline uint64_t HashWord(const char* bytes, size_t size, uint64_t seed) {
  if (size == 0 || size > 16) return XXH3_64bits_withSeed(bytes, size, seed);
  // XXH3_len_9to16_64b on the word's first 8 bytes and its last 8, or for
  // up to 8 bytes on its bytes zero-padded and 0. Those are read as XXH3
  // reads 1-3 and 4-8 bytes, in overlapping pieces (a memcpy of size bytes
  // is a call, which made the word hashes 70 % slower).
  const uint8_t* const p = reinterpret_cast<const uint8_t*>(bytes);
  uint64_t first, last = 0;
  if (size > 8) {
    first = XXH_readLE64(p);
    last = XXH_readLE64(p + size - 8);
  } else if (size >= 4) {
    // Bytes [size - 4, size) shifted so that bytes [4, size) land above
    // bytes [0, 4).
    first = XXH_readLE32(p) |
            (uint64_t{XXH_readLE32(p + size - 4)} >> (8 * (8 - size))) << 32;
  } else {
    first = (uint64_t{p[0]} | uint64_t{p[size >> 1]} << 8 |
             uint64_t{p[size - 1]} << 16) &
            ((uint64_t{1} << (8 * size)) - 1);
  }
  return HashFirstAndLast(first, last, size, seed);
}

// HashWord for a word with 8 readable bytes at its start (in a key buffer
// with the padding that HashWords asks for): those 8 bytes are read at
// once and masked, and the size picks the inputs without a branch. The
// scalar targets' HashWords take 14.8-14.9 ms on the news crawl's words
// (each page's in cache, Zen 4), where HashWord took 15.5 and XXH3 for
// every word, with its branches on the size, 14.3-14.4.
inline uint64_t HashPaddedWord(const char* bytes, size_t size, uint64_t seed) {
  if (size == 0 || size > 16) return XXH3_64bits_withSeed(bytes, size, seed);
  const uint8_t* const p = reinterpret_cast<const uint8_t*>(bytes);
  const bool two = size > 8;
  const uint64_t start = XXH_readLE64(p);
  // The 8 bytes ending at the end, for 9-16 bytes (at the start otherwise,
  // which are readable).
  const uint64_t end = XXH_readLE64(p + (two ? size - 8 : 0));
  const uint64_t first =
      two ? start : start & (~uint64_t{0} >> ((64 - 8 * size) & 63));
  return HashFirstAndLast(first, two ? end : 0, size, seed);
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

// The 64 bits of mask m of a 64-lane byte vector, bit j for lane j.
template <class D>
HWY_INLINE uint64_t MaskBits64(D d, hn::Mask<D> m) {
  static_assert(hn::MaxLanes(D()) == 64, "one 64-lane vector");
  uint8_t bits[8];
  hn::StoreMaskBits(d, m, bits);
  uint64_t mask;
  std::memcpy(&mask, bits, 8);
  return mask;
}

// XXH3_mul128_fold64: the low 64 bits of the 128-bit product a * b xored
// with its high 64 bits, from 32 x 32-bit partial products summed as
// XXH_mult64to128 does: the middle sum (ll >> 32) + (hl & low32) + lh
// stays below 2^64, which saves a mask over summing both halves apart. On
// AVX3 the low 64 bits come from VPMULLQ, one instruction for three: on
// Zen 4, ten HashWords passes over the news crawl's words in cache took
// 110.9-111.2 ms instead of 112.1-115.1 (AVX3_DL).
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
  const hn::Vec<D> cross =
      hn::Add(hn::Add(hn::ShiftRight<32>(ll), hn::And(hl, low32)), lh);
#if HWY_TARGET <= HWY_AVX3
  const hn::Vec<D> lo = hn::Mul(a, b);
#else
  const hn::Vec<D> lo = hn::Or(hn::ShiftLeft<32>(cross), hn::And(ll, low32));
#endif
  const hn::Vec<D> hi =
      hn::Add(hn::Add(hh, hn::ShiftRight<32>(hl)), hn::ShiftRight<32>(cross));
  return hn::Xor(lo, hi);
}

// The byte indices that reverse the bytes of each 64-bit lane, for
// ByteSwap64.
template <class D>
HWY_INLINE hn::Vec<D> ByteSwap64Indices(D d) {
  const hn::Repartition<uint8_t, D> d8;
  alignas(16) static constexpr uint8_t kReverse[16] = {
      7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8};
  return hn::BitCast(d, hn::LoadDup128(d8, kReverse));
}

// The bytes of each 64-bit lane of v in reverse order; indices:
// ByteSwap64Indices(d).
template <class D>
HWY_INLINE hn::Vec<D> ByteSwap64(D d, hn::Vec<D> v, hn::Vec<D> indices) {
  const hn::Repartition<uint8_t, D> d8;
  return hn::BitCast(
      d, hn::TableLookupBytes(hn::BitCast(d8, v), hn::BitCast(d8, indices)));
}

// x rotated left by r in [0, 64) bits, r the same for every lane.
template <class D>
HWY_INLINE hn::Vec<D> RotateLeftSame(hn::Vec<D> x, int r) {
  return hn::Or(hn::ShiftLeftSame(x, r), hn::ShiftRightSame(x, (64 - r) & 63));
}

#endif  // HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128

// Calls visit(i, mask) for each 64-byte block of data[0, n), in
// increasing order: i is the block's offset, bit j of mask is set where
// data[i + j] (i + j < n) is a or b. Reads exactly data[0, n).
template <typename Visit>
HWY_INLINE void ForEachMatchBlock(const char* HWY_RESTRICT data, size_t n,
                                  char a, char b, Visit visit) {
#if HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
  const hn::CappedTag<uint8_t, 64> d;
  const hn::Vec<decltype(d)> va = hn::Set(d, static_cast<uint8_t>(a));
  const hn::Vec<decltype(d)> vb = hn::Set(d, static_cast<uint8_t>(b));
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    // The dedup split runs after the normalizer has read the text, but the
    // text has usually left the L1 cache by then; a prefetch never faults,
    // past the end either.
    hwy::Prefetch(data + i + 1024);
    visit(i, Match64(d, data + i, va, vb));
  }
  if (i < n) {
    // The tail, copied into a block of zeros whose matches past n are
    // cleared.
    alignas(64) char block[64] = {};
    std::memcpy(block, data + i, n - i);
    visit(i, Match64(d, block, va, vb) & ((uint64_t{1} << (n - i)) - 1));
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
  for (size_t i = 0; i < n; i += 64) {
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
    visit(i, mask);
  }
#endif
}

// Writes (n + 63) / 64 masks: bit j of masks[i] is set where
// data[64 * i + j] (in [0, n)) is a or b; the bits past n are 0. Reads
// exactly data[0, n).
inline void MatchTwoBytes(const char* HWY_RESTRICT data, size_t n, char a,
                          char b, uint64_t* HWY_RESTRICT masks) {
  ForEachMatchBlock(data, n, a, b,
                    [masks](size_t i, uint64_t mask) { masks[i / 64] = mask; });
}

// Writes base + j for each set bit j of mask, in increasing order, at
// out[0, count) and returns count; may write scratch at out[count]. Rounds
// of kPerRound positions without a branch per position (bit 63 stands in
// for an empty mask, whose lowest bit is undefined); a round more for each
// kPerRound bits set.
template <int kPerRound>
HWY_INLINE size_t AppendBitPositions(uint64_t mask, uint32_t base,
                                     uint32_t* HWY_RESTRICT out) {
  size_t found = 0;
  do {
    for (int j = 0; j < kPerRound; ++j) {
      out[found] = base + static_cast<uint32_t>(
                              __builtin_ctzll(mask | (uint64_t{1} << 63)));
      found += mask != 0 ? 1 : 0;
      mask &= mask - 1;
    }
  } while (mask != 0);
  return found;
}

#if HWY_TARGET == HWY_AVX3_DL

// Writes base + j for each set bit j of mask, in increasing order, at
// out[0, count) and returns count; may write scratch at out[count, 64).
// For sparse masks: the 64 byte indices are compressed at once
// (VPCOMPRESSB), the first 16 widened and stored, the others (rare) 16 at
// a time from a copy.
HWY_INLINE size_t AppendSparsePositions(uint64_t mask, uint32_t base,
                                        uint32_t* HWY_RESTRICT out) {
  const size_t count = static_cast<size_t>(__builtin_popcountll(mask));
  const hn::ScalableTag<uint8_t> d8;
  const hn::ScalableTag<uint32_t> d32;
  static_assert(hn::MaxLanes(d32) == 16, "16 positions per vector");
  const hn::Rebind<uint8_t, decltype(d32)> d8x16;
  uint8_t bits[8];
  std::memcpy(bits, &mask, 8);
  const hn::Vec<decltype(d8)> packed =
      hn::Compress(hn::Iota(d8, 0), hn::LoadMaskBits(d8, bits));
  const hn::Vec<decltype(d32)> vbase = hn::Set(d32, base);
  hn::StoreU(
      hn::Add(hn::PromoteTo(d32, hn::LowerHalf(d8x16, hn::LowerHalf(packed))),
              vbase),
      d32, out);
  if (count > 16) {
    alignas(64) uint8_t indices[64 + 16];
    hn::Store(packed, d8, indices);
    for (size_t k = 16; k < count; k += 16) {
      hn::StoreU(
          hn::Add(hn::PromoteTo(d32, hn::LoadU(d8x16, indices + k)), vbase),
          d32, out + k);
    }
  }
  return count;
}

// For the k-th set bit j of lf (k from 0, in increasing order), writes
// (edges_before + the set bits of edges at j and below) / 2 at out[k], and
// returns the set bits of lf; may write scratch at out[count, count + 8).
// The LFs go eight at a time, one per 64-bit lane: 63 - j for each, from a
// compress of the byte lanes 63 - i, shifts the bits above j out.
HWY_INLINE size_t AppendLineEnds(uint64_t lf, uint64_t edges,
                                 size_t edges_before,
                                 uint32_t* HWY_RESTRICT out) {
  const size_t count = static_cast<size_t>(__builtin_popcountll(lf));
  const hn::ScalableTag<uint8_t> d8;
  const hn::ScalableTag<uint32_t> d32;
  const hn::ScalableTag<uint64_t> d64;
  const hn::Rebind<uint8_t, decltype(d32)> d8x16;
  const hn::Rebind<uint32_t, decltype(d64)> d32x8;
  static_assert(hn::MaxLanes(d64) == 8, "8 LFs per vector");
  uint8_t bits[8];
  std::memcpy(bits, &lf, 8);
  const hn::Vec<decltype(d8)> shifts =
      hn::Compress(hn::Sub(hn::Set(d8, uint8_t{63}), hn::Iota(d8, 0)),
                   hn::LoadMaskBits(d8, bits));
  const hn::Vec<decltype(d64)> vedges = hn::Set(d64, edges);
  const hn::Vec<decltype(d64)> vbefore =
      hn::Set(d64, static_cast<uint64_t>(edges_before));
  // The line ends of the LFs whose shifts are the first 8 of 16 bytes.
  const auto line_ends = [&](hn::Vec<decltype(d8x16)> shift_bytes) {
    // The first 8 bytes zero-extended to 64 bits at once (VPMOVZXBQ), which
    // Highway 1.0.3 has no PromoteTo for.
    const hn::Vec<decltype(d64)> shift{_mm512_cvtepu8_epi64(shift_bytes.raw)};
    return hn::TruncateTo(
        d32x8, hn::ShiftRight<1>(
                   hn::Add(hn::PopulationCount(vedges << shift), vbefore)));
  };
  // Most blocks have at most one LF, very few more than eight.
  hn::StoreU(line_ends(hn::LowerHalf(
                 d8x16, hn::LowerHalf(hn::Half<decltype(d8)>(), shifts))),
             d32x8, out);
  if (count > 8) {
    alignas(64) uint8_t shift_bytes[64 + 16];
    hn::Store(shifts, d8, shift_bytes);
    for (size_t k = 8; k < count; k += 8) {
      hn::StoreU(line_ends(hn::LoadU(d8x16, shift_bytes + k)), d32x8, out + k);
    }
  }
  return count;
}

// Turns the pairs [from, to) of spans (pair k at spans[2 * k]) from
// (offset, end) into (offset, end - offset): each pair is a 64-bit lane,
// offset in the low half, minus the offset shifted into the high half;
// the last (partial) vector of pairs masked, without a loop.
HWY_INLINE void EndsToSizes(uint32_t* HWY_RESTRICT spans, size_t from,
                            size_t to) {
  const hn::ScalableTag<uint64_t> d64;
  const size_t lanes = hn::Lanes(d64);
  uint64_t* const pairs = reinterpret_cast<uint64_t*>(spans);
  size_t k = from;
  for (; k + lanes <= to; k += lanes) {
    const hn::Vec<decltype(d64)> v = hn::LoadU(d64, pairs + k);
    hn::StoreU(hn::Sub(v, hn::ShiftLeft<32>(v)), d64, pairs + k);
  }
  const hn::Mask<decltype(d64)> rest = hn::FirstN(d64, to - k);
  const hn::Vec<decltype(d64)> v = hn::MaskedLoad(rest, d64, pairs + k);
  hn::BlendedStore(hn::Sub(v, hn::ShiftLeft<32>(v)), rest, d64, pairs + k);
}

#endif  // HWY_TARGET == HWY_AVX3_DL

// See dedup_kernels.h. Per 64-byte block, the match mask, then its bit
// positions without a branch per position or per block, for sparse
// matches (a news page has a line terminator per 150 bytes): on AVX3_DL
// compressed at once, on the other targets two per round. On the line
// terminators of 16 MiB of the news crawl (AVX3_DL) the 16-lane store of
// AppendSparsePositions took 10-20 % less time than two or four 16-lane
// stores (a block's matches up to 32 without a branch), and a loop over the set
// bits, whose exit mispredicts, twice as long.
inline size_t FindTwoBytes(const char* HWY_RESTRICT data, size_t n, char a,
                           char b, uint32_t* HWY_RESTRICT positions) {
  size_t found = 0;
  ForEachMatchBlock(data, n, a, b, [&](size_t i, uint64_t mask) {
#if HWY_TARGET == HWY_AVX3_DL
    found += AppendSparsePositions(mask, static_cast<uint32_t>(i),
                                   positions + found);
#else
    found += AppendBitPositions<2>(mask, static_cast<uint32_t>(i),
                                   positions + found);
#endif
  });
  return found;
}

// See dedup_kernels.h.
//
// AVX3_DL: per 64-byte block, the separator and LF masks, then the edges,
// where a byte and the one before it differ in being separators (before
// the text and past its end lie separators): the words' starts and ends
// alternate there. The edge positions go to spans as (start, end) pairs,
// turned into (offset, size) every chunk while they are in L1; the words
// ended by an LF are half the edges up to it. No branch per word or LF.
// The edge positions go 16 at a time (AppendSparsePositions): a news block
// has 12 edges on average and more than 16 in 2 % of the blocks, and on
// its keys one 16-lane store with that rare branch took 3-5 % less time
// than two stores without it.
//
// The other targets take the scalar twin (on the news crawl keys the lanes
// were 2.5 times slower than it on AVX3, without VPCOMPRESSB and VPOPCNTQ,
// and 9 times on AVX2, whose compress is a table lookup): per chunk, the
// separator positions from the MatchTwoBytes masks, then one pass over
// them without a branch: each separator ends a possibly empty word, written
// at spans[2 * words] with words moving on past the non-empty ones only,
// and writes the word count at line_ends[min(lfs, max_breaks)] with lfs
// moving on at LFs only.
inline size_t SplitKeyWords(const char* HWY_RESTRICT keys, size_t n,
                            size_t max_breaks, uint32_t* HWY_RESTRICT spans,
                            uint32_t* HWY_RESTRICT line_ends,
                            size_t* HWY_RESTRICT breaks) {
  constexpr size_t kChunk = 4096;
  size_t lfs = 0;
#if HWY_TARGET == HWY_AVX3_DL
  const hn::ScalableTag<uint8_t> d8;
  const hn::Vec<decltype(d8)> space = hn::Set(d8, uint8_t{' '});
  const hn::Vec<decltype(d8)> newline = hn::Set(d8, uint8_t{'\n'});
  size_t edges_before = 0;        // edges in the blocks done
  size_t sized = 0;               // pairs turned into (offset, size)
  uint64_t separator_before = 1;  // the byte before the block is one
  // The block at keys[i] given its separator and LF masks.
  const auto split_block = [&](size_t i, uint64_t sep, uint64_t lf) {
    const uint64_t edges = sep ^ ((sep << 1) | separator_before);
    separator_before = sep >> 63;
    lfs += AppendLineEnds(lf, edges, edges_before,
                          line_ends + std::min(lfs, max_breaks));
    edges_before += AppendSparsePositions(edges, static_cast<uint32_t>(i),
                                          spans + edges_before);
  };
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const hn::Vec<decltype(d8)> x =
        hn::LoadU(d8, reinterpret_cast<const uint8_t*>(keys + i));
    const auto is_lf = hn::Eq(x, newline);
    split_block(i, MaskBits64(d8, hn::Or(hn::Eq(x, space), is_lf)),
                MaskBits64(d8, is_lf));
    if ((i + 64) % kChunk == 0) {
      EndsToSizes(spans, sized, edges_before / 2);
      sized = edges_before / 2;
    }
  }
  // The tail (possibly empty) by a masked load, whose lanes past n read
  // nothing and are zeros (no separators) (a copy into a block of zeros
  // stalls on the store forwarding); the bytes past the end are
  // separators, which end a last word at n.
  const hn::Vec<decltype(d8)> x = hn::MaskedLoad(
      hn::FirstN(d8, n - i), d8, reinterpret_cast<const uint8_t*>(keys + i));
  const auto is_lf = hn::Eq(x, newline);
  split_block(i,
              MaskBits64(d8, hn::Or(hn::Eq(x, space), is_lf)) |
                  (~uint64_t{0} << (n - i)),
              MaskBits64(d8, is_lf));
  const size_t words = edges_before / 2;
  EndsToSizes(spans, sized, words);
#else
  uint64_t masks[kChunk / 64];
  uint32_t positions[kChunk + 1];
  size_t words = 0;
  size_t word_start = 0;
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t len = std::min(kChunk, n - start);
    MatchTwoBytes(keys + start, len, ' ', '\n', masks);
    size_t found = 0;
    for (size_t m = 0; 64 * m < len; ++m) {
      found += AppendBitPositions<8>(
          masks[m], static_cast<uint32_t>(start + 64 * m), positions + found);
    }
    for (size_t k = 0; k < found; ++k) {
      const size_t p = positions[k];
      spans[2 * words] = static_cast<uint32_t>(word_start);
      spans[2 * words + 1] = static_cast<uint32_t>(p - word_start);
      words += p > word_start ? 1 : 0;
      word_start = p + 1;
      line_ends[std::min(lfs, max_breaks)] = static_cast<uint32_t>(words);
      lfs += keys[p] == '\n' ? 1 : 0;
    }
  }
  spans[2 * words] = static_cast<uint32_t>(word_start);
  spans[2 * words + 1] = static_cast<uint32_t>(n - word_start);
  words += n > word_start ? 1 : 0;
#endif
  *breaks = lfs;
  return words;
}

#if HWY_TARGET == HWY_AVX3_DL
// The 8 bytes at keys[at] for each 64-bit lane's at, where every at lies in
// [base, base + 120]: picked from the 128 bytes at keys + base (which must
// be readable) by one two-register byte permutation (VPERMT2B), where a
// gather loads each lane on its own.
template <class D>
HWY_INLINE hn::Vec<D> LoadEightBytesNear(D d, const hn::Vec<D> low,
                                         const hn::Vec<D> high, hn::Vec<D> at,
                                         uint64_t base) {
  const hn::Repartition<uint8_t, D> d8;
  // Each lane's distance from base (< 128) in all of its 8 bytes, plus the
  // byte's place in the lane.
  alignas(16) static constexpr uint8_t kLowByte[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                                       8, 8, 8, 8, 8, 8, 8, 8};
  alignas(16) static constexpr uint8_t kPlace[16] = {0, 1, 2, 3, 4, 5, 6, 7,
                                                     0, 1, 2, 3, 4, 5, 6, 7};
  const hn::Vec<decltype(d8)> distance =
      hn::TableLookupBytes(hn::BitCast(d8, hn::Sub(at, hn::Set(d, base))),
                           hn::LoadDup128(d8, kLowByte));
  const hn::Vec<decltype(d8)> index =
      hn::Add(distance, hn::LoadDup128(d8, kPlace));
  return hn::BitCast(
      d, hn::Vec<decltype(d8)>{_mm512_permutex2var_epi8(
             hn::BitCast(d8, low).raw, index.raw, hn::BitCast(d8, high).raw)});
}
#endif  // HWY_TARGET == HWY_AVX3_DL

// See dedup_kernels.h. One 64-bit lane per word: XXH3's 9-16-byte function
// (XXH3_len_9to16_64b) on the 8 bytes at the word's start and the 8 ending
// at its end, or for a word of up to 8 bytes on its bytes zero-padded and
// no second half (the word hash of dedup_kernels.h); words of 0 or more
// than 16 bytes go apart (below), and the tail of fewer words than lanes
// to the scalar twin.
// AVX2 and better only: with two lanes and emulated 64-bit multiplies and
// gathers (SSE4, SSSE3) the lanes are slower than the scalar twin word by
// word, which those targets and the fallback run. The words' bytes come
// from two gathers, or on AVX3_DL, when the lanes' words lie within 128
// readable bytes (nearly always in text), from two byte permutations of
// those bytes: 12 % less time for the kernel on the news crawl's words.
// Words of up to 8 bytes (45 % of the news crawl's) had XXH3 itself,
// whose 4-8-byte formula every lane then ran besides the 9-16-byte one,
// and whose 0-3-byte words took a pass of their own: with one formula for
// all, the news crawl's words, each page's in cache, take 9.7 ms instead
// of 11.8 on AVX3_DL, 12.5 instead of 14.0 on AVX3, 15.0 instead of 21.9
// on AVX2 (Zen 4). Running each formula on its own words only (per 256 words,
// the lanes' inputs compressed into a buffer per size class by register
// VPCOMPRESSQ, the formulas on the buffers, the hashes expanded back by
// VPEXPANDQ) had taken as long as both formulas on every lane. The lanes'
// words of 0 and of more than 16 bytes are listed apart (their indices,
// without a branch per word) and hashed by the scalar twin after each chunk
// of words: a loop over them after each vector (whose exits mispredict, as
// does XXH3's choice of path) made the kernel take 22.7 Mcycles instead of
// 18.2.
inline void HashWords(const char* HWY_RESTRICT keys,
                      const uint32_t* HWY_RESTRICT spans, size_t n,
                      uint64_t seed, uint64_t* HWY_RESTRICT out) {
  size_t i = 0;
#if HWY_TARGET <= HWY_AVX2
  const hn::ScalableTag<uint64_t> d;
  const hn::RebindToSigned<decltype(d)> di;
  using V = hn::Vec<decltype(d)>;
  const size_t lanes = hn::Lanes(d);
  // Constants of XXH3_len_9to16_64b for this seed.
  const V flip_lo = hn::Set(d, (SecretWord(24) ^ SecretWord(32)) + seed);
  const V flip_hi = hn::Set(d, (SecretWord(40) ^ SecretWord(48)) - seed);
  const V prime_mx1 = hn::Set(d, 0x165667919E3779F9ULL);
  const V low32 = hn::Set(d, 0xFFFFFFFFu);
  // Opaque: g++ built these again in every step of the loop below (whose
  // chunks call the scalar twin, which may clobber every vector register);
  // kept in registers, the kernel takes the news crawl's words in 20.7-20.8
  // instead of 21.7-21.9 Mtsc (AVX3_DL, one call per page as
  // AnalyzeDocument makes them; Zen 4).
  const V eight = Opaque(hn::Set(d, 8));
  const V byte_swap = Opaque(ByteSwap64Indices(d));
#if HWY_TARGET <= HWY_AVX3
  // Lane s % 8: the mask of a word's s bytes, for s in [1, 8].
  alignas(64) static constexpr uint64_t kKeptBySize[8] = {
      ~uint64_t{0}, 0xFF,         0xFFFF,         0xFFFFFF,
      0xFFFFFFFF,   0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF};
  const V kept_by_size = Opaque(hn::Load(d, kKeptBySize));
#else
  const V all_ones = hn::Set(d, ~uint64_t{0});
#endif
  const uint64_t* const base = reinterpret_cast<const uint64_t*>(keys);
#if HWY_TARGET == HWY_AVX3_DL
  // The bytes known to be readable: up to 8 past the last word's start,
  // and the last word itself.
  const uint64_t readable =
      n == 0 ? 0
             : std::max<uint64_t>(
                   uint64_t{spans[2 * (n - 1)]} + 8,
                   uint64_t{spans[2 * (n - 1)]} + spans[2 * (n - 1) + 1]);
#endif
  // Indices of the chunk's words of 0 or more than 16 bytes, with room for
  // AppendBitPositions' scratch past the last.
  constexpr size_t kChunk = 1024;
  uint32_t apart_words[kChunk + 1];
  while (i + lanes <= n) {
    const size_t chunk_end = i + std::min(kChunk, (n - i) / lanes * lanes);
    size_t aparts = 0;
    for (; i < chunk_end; i += lanes) {
      // Each lane holds a span {offset, size}: offset in the low half.
      const V span = hn::LoadU(d, reinterpret_cast<const uint64_t*>(spans) + i);
      const V offset = hn::And(span, low32);
      const V len = hn::ShiftRight<32>(span);
      // Sizes are below 2^32: signed compares are exact.
      const hn::Vec<decltype(di)> signed_len = hn::BitCast(di, len);
      const auto upto8 = hn::RebindMask(d, hn::Lt(signed_len, hn::Set(di, 9)));
      const auto apart =
          hn::Or(hn::RebindMask(d, hn::Gt(signed_len, hn::Set(di, 16))),
                 hn::Eq(len, hn::Zero(d)));
      // The 8 bytes at the word's start, and the 8 ending at its end (for a
      // word of up to 8 bytes, which does not use them, those at its start:
      // reading before it could pass the readable bytes).
      V first, last;
      const auto load_apart = [&] {
        first = hn::GatherOffset(d, base, hn::BitCast(di, offset));
        last = hn::GatherOffset(
            d, base,
            hn::BitCast(di,
                        hn::IfThenElse(upto8, offset,
                                       hn::Sub(hn::Add(offset, len), eight))));
      };
#if HWY_TARGET == HWY_AVX3_DL
      // Both within 128 bytes of the first word's start (every lane's
      // word starts at most 112 bytes past it, and the bytes read end at
      // most 16 bytes past their starts), when those bytes are readable: a
      // permutation of two vectors (a word of up to 8 bytes picks bytes it
      // does not use for its end). Words before the first go to the
      // gathers too, so that the spans may come in any order.
      const uint32_t near = spans[2 * i];
      if (hn::AllTrue(
              d, hn::Lt(hn::Sub(offset, hn::Set(d, near)), hn::Set(d, 113))) &&
          uint64_t{near} + 128 <= readable) {
        const hn::Repartition<uint8_t, decltype(d)> d8;
        const V low = hn::BitCast(
            d, hn::LoadU(d8, reinterpret_cast<const uint8_t*>(keys) + near));
        const V high = hn::BitCast(
            d,
            hn::LoadU(d8, reinterpret_cast<const uint8_t*>(keys) + near + 64));
        first = LoadEightBytesNear(d, low, high, offset, near);
        last = LoadEightBytesNear(d, low, high,
                                  hn::Sub(hn::Add(offset, len), eight), near);
      } else {
        load_apart();
      }
#else
      load_apart();
#endif
      // Up to 8 bytes: the bytes past the word masked off, and no second
      // half.
#if HWY_TARGET <= HWY_AVX3
      // The mask of the lane's len bytes from a table of eight by len % 8
      // (8 bytes at 0; the 0-byte words go apart), ANDed into the lanes of
      // upto8 only: two instructions for five, and the news crawl's words
      // in 19.9-20.0 instead of 20.7-20.8 Mtsc (AVX3_DL, as
      // AnalyzeDocument calls the kernel; Zen 4).
      const V kept{_mm512_permutexvar_epi64(len.raw, kept_by_size.raw)};
      const V input_lo = hn::Xor(
          V{_mm512_mask_and_epi64(first.raw, upto8.raw, first.raw, kept.raw)},
          flip_lo);
#else
      // The shift is 8 to 56 bits in those lanes but for the 0-byte words,
      // which go apart.
      const V kept = all_ones >> hn::ShiftLeft<3>(hn::Sub(eight, len));
      const V input_lo =
          hn::Xor(hn::IfThenElse(upto8, hn::And(first, kept), first), flip_lo);
#endif
      const V input_hi = hn::Xor(hn::IfThenZeroElse(upto8, last), flip_hi);
      V acc = hn::Add(hn::Add(len, ByteSwap64(d, input_lo, byte_swap)),
                      hn::Add(input_hi, Mul128Fold64(d, input_lo, input_hi)));
      acc = hn::Xor(acc, hn::ShiftRight<37>(acc));
      acc = hn::Mul(acc, prime_mx1);
      hn::StoreU(hn::Xor(acc, hn::ShiftRight<32>(acc)), d, out + i);
      // At most 8 lanes of 64 bits on x86: one byte of mask bits.
      uint8_t apart_bits[8];
      hn::StoreMaskBits(d, apart, apart_bits);
      aparts += AppendBitPositions<2>(apart_bits[0], static_cast<uint32_t>(i),
                                      apart_words + aparts);
    }
    for (size_t k = 0; k < aparts; ++k) {
      const size_t j = apart_words[k];
      out[j] = HashPaddedWord(keys + spans[2 * j], spans[2 * j + 1], seed);
    }
  }
#endif
  for (; i < n; ++i) {
    out[i] = HashPaddedWord(keys + spans[2 * i], spans[2 * i + 1], seed);
  }
}

#if HWY_TARGET <= HWY_AVX3

// x ^ rotl(load(j), 13 * j % 64) for j in [kJ, kWidth), the rotations
// immediate operands (13 * j % 64 is nonzero for j in [1, 64)).
template <size_t kJ, size_t kWidth, class D, class Load>
HWY_INLINE hn::Vec<D> XorShingleTerms(hn::Vec<D> x, Load load) {
  if constexpr (kJ == kWidth) {
    return x;
  } else {
    static_assert(13 * kJ % 64 != 0, "a rotation by 0 is no RotateRight");
    return XorShingleTerms<kJ + 1, kWidth, D>(
        hn::Xor(x,
                hn::RotateRight<static_cast<int>(64 - 13 * kJ % 64)>(load(kJ))),
        load);
  }
}

// Each lane's shingle hash before mixing: salt ^ rotl(load(0), 0) ^
// rotl(load(1), 13) ^ ... over width words, load(j) being the vector of
// the lanes' word j. kWidth is width known at compile time, or 0 for a
// width known at run time only (rotations by a register, twice the work).
template <size_t kWidth, class D, class Load>
HWY_INLINE hn::Vec<D> ShingleTerms(hn::Vec<D> salt, size_t width, Load load) {
  if constexpr (kWidth == 0) {
    hn::Vec<D> x = hn::Xor(salt, load(0));
    for (size_t j = 1; j < width; ++j) {
      x = hn::Xor(x, RotateLeftSame<D>(load(j), static_cast<int>(13 * j % 64)));
    }
    return x;
  } else {
    (void)width;
    return XorShingleTerms<1, kWidth, D>(hn::Xor(salt, load(0)), load);
  }
}

// AddShingleMinima for width == kWidth (0: any width): the vector lanes
// store each shingle's bin (high half) and value (low half) packed in one
// word, a whole vector at a time (the last one masked: it reads no word
// past the last shingle's), into a ring; a scalar loop takes the minima in
// shingle order kLagVectors vectors behind, in the same steps, in
// general-purpose registers (g++ took them with single-lane VPMINUQ). The
// scalar minima then run on the integer units while the vector units mix
// the next shingles. Zen 4, 485 random words: 1055-1072 tsc per call, where
// a chunk of 128 shingles mixed and then its minima taken made 1278-1293
// (a lag of 2 vectors: 1204-1207, 8: 1073-1084, 16: 1108-1114; the minima
// with VPMINUQ, lag 16: 1160-1177).
template <size_t kWidth>
HWY_INLINE size_t AddShingleMinimaOf(const uint64_t* HWY_RESTRICT w,
                                     size_t shingles, size_t width,
                                     uint64_t salt, uint32_t k,
                                     uint64_t* HWY_RESTRICT bins) {
  const hn::ScalableTag<uint64_t> d;
  const hn::Repartition<uint32_t, decltype(d)> d32;
  using D = decltype(d);
  using V = hn::Vec<D>;
  const size_t lanes = hn::Lanes(d);
  const V vsalt = hn::Set(d, salt);
  const V c1 = hn::Set(d, 0xff51afd7ed558ccdULL);
  const V c2 = hn::Set(d, 0xc4ceb9fe1a85ec53ULL);
  const V vk = hn::Set(d, k);
  // The ring holds twice the lag, a power of two: a vector's slot is
  // written again kRingVectors steps later, after its minima were taken
  // kLagVectors steps later. 512 bytes of stack on AVX-512.
  constexpr size_t kLagVectors = 4;
  constexpr size_t kRingVectors = 2 * kLagVectors;
  alignas(64) uint64_t ring[kRingVectors * hn::MaxLanes(d)];
  // Mix64 of each lane, then FastRange of its high half (the high half of
  // the 64-bit product) packed above its low half, into vector v's slot.
  const auto pack = [&](V x, size_t v) {
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    x = hn::Mul(x, c1);
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    x = hn::Mul(x, c2);
    x = hn::Xor(x, hn::ShiftRight<33>(x));
    const V range = hn::MulEven(hn::BitCast(d32, hn::ShiftRight<32>(x)),
                                hn::BitCast(d32, vk));
    hn::Store(hn::BitCast(
                  d, hn::OddEven(hn::BitCast(d32, range), hn::BitCast(d32, x))),
              d, ring + (v % kRingVectors) * lanes);
  };
  // The minima of the first count shingles of vector v.
  const auto take = [&](size_t v, size_t count) {
    const uint64_t* HWY_RESTRICT packed = ring + (v % kRingVectors) * lanes;
    for (size_t j = 0; j < count; ++j) {
      uint64_t& bin = bins[packed[j] >> 32];
      const uint64_t value = static_cast<uint32_t>(packed[j]);
      bin = InGpr(bin < value ? bin : value);
    }
  };
  const size_t full = shingles / lanes;
  size_t v = 0;
  for (; v < full; ++v) {
    const uint64_t* HWY_RESTRICT at = w + v * lanes;
    pack(ShingleTerms<kWidth, D>(
             vsalt, width, [&](size_t j) { return hn::LoadU(d, at + j); }),
         v);
    // Vector v - kLagVectors is a full one.
    if (v >= kLagVectors) take(v - kLagVectors, lanes);
  }
  const size_t rest = shingles - full * lanes;
  if (rest != 0) {
    const uint64_t* HWY_RESTRICT at = w + v * lanes;
    const auto valid = hn::FirstN(d, rest);
    pack(ShingleTerms<kWidth, D>(
             vsalt, width,
             [&](size_t j) { return hn::MaskedLoad(valid, d, at + j); }),
         v);
    if (v >= kLagVectors) take(v - kLagVectors, lanes);
    ++v;
  }
  for (size_t u = v > kLagVectors ? v - kLagVectors : 0; u < v; ++u) {
    take(u, u < full ? lanes : rest);
  }
  return shingles;
}

#endif  // HWY_TARGET <= HWY_AVX3

// See dedup_kernels.h. The vector lanes take all the shingles, each mixing
// its words straight from w, then the minima go in lane order; the default
// width (5) has its rotations fixed at compile time. AVX-512 only (native
// 64-bit multiplies and masked loads): on AVX2 and below the vector mixing
// is slower than the caller's rolling loop, which then takes all shingles.
inline size_t AddShingleMinima(const uint64_t* HWY_RESTRICT w, size_t shingles,
                               size_t width, uint64_t salt, uint32_t k,
                               uint64_t* HWY_RESTRICT bins) {
#if HWY_TARGET <= HWY_AVX3
  if (width == 5) {
    return AddShingleMinimaOf<5>(w, shingles, width, salt, k, bins);
  }
  return AddShingleMinimaOf<0>(w, shingles, width, salt, k, bins);
#else
  (void)w;
  (void)shingles;
  (void)width;
  (void)salt;
  (void)k;
  (void)bins;
  return 0;
#endif
}

// See dedup_kernels.h. AVX2 and better take a vector of bins at a time
// (a news signature of 112 bins: 14 loads, 14 narrowed stores and 14
// refills on AVX3, where the scalar loop made 112 of each); the rest, and
// all of SSE4 and below, bin by bin.
inline void TakeMinima(uint64_t* HWY_RESTRICT bins, size_t k,
                       uint32_t* HWY_RESTRICT values,
                       uint64_t* HWY_RESTRICT empty) {
  for (size_t w = 0; w < (k + 63) / 64; ++w) empty[w] = 0;
  size_t i = 0;
#if HWY_TARGET <= HWY_AVX2
  const hn::ScalableTag<uint64_t> d;
  const hn::Rebind<uint32_t, decltype(d)> d32;
  const size_t lanes = hn::Lanes(d);
  static_assert(64 % hn::MaxLanes(d) == 0, "a vector's bits in one word");
  const hn::Vec<decltype(d)> refill = hn::Set(d, kEmptyBin);
  const hn::Vec<decltype(d)> largest = hn::Set(d, 0xFFFFFFFFu);
  for (; i + lanes <= k; i += lanes) {
    const hn::Vec<decltype(d)> v = hn::LoadU(d, bins + i);
    hn::StoreU(hn::TruncateTo(d32, v), d32, values + i);
    uint8_t bits[8] = {};
    hn::StoreMaskBits(d, hn::Gt(v, largest), bits);
    empty[i / 64] |= uint64_t{bits[0]} << (i % 64);
    hn::StoreU(refill, d, bins + i);
  }
#endif
  for (; i < k; ++i) {
    values[i] = static_cast<uint32_t>(bins[i]);
    empty[i / 64] |= (bins[i] >> 32) << (i % 64);
    bins[i] = kEmptyBin;
  }
}

// See dedup_kernels.h. AVX2 and better (the last, partial vector by a
// masked load, which reads no lane past n); SSE4 and below run the scalar
// loop. Measured on a line's hash (SequenceHash::Of): AVX3_DL lanes take
// 29 % less time than the scalar loop, AVX2 lanes (emulated 64-bit
// multiplies) about 8 % less.
inline uint64_t WeightedSum(const uint64_t* HWY_RESTRICT items,
                            const uint64_t* HWY_RESTRICT weights, size_t n) {
  uint64_t sum = 0;
  size_t i = 0;
#if HWY_TARGET <= HWY_AVX2
  const hn::ScalableTag<uint64_t> d;
  const size_t lanes = hn::Lanes(d);
  hn::Vec<decltype(d)> products = hn::Zero(d);
  for (; i + lanes <= n; i += lanes) {
    products = hn::Add(
        products, hn::Mul(hn::LoadU(d, items + i), hn::LoadU(d, weights + i)));
  }
  if (i < n) {
    const auto rest = hn::FirstN(d, n - i);
    products = hn::Add(products, hn::Mul(hn::MaskedLoad(rest, d, items + i),
                                         hn::MaskedLoad(rest, d, weights + i)));
    i = n;
  }
  // Lane by lane in unsigned arithmetic: SumOfLanes is GCC's
  // _mm512_reduce_add_epi64 on AVX-512, whose signed adds UBSan reports.
  alignas(64) uint64_t lane_sums[hn::MaxLanes(d)];
  hn::Store(products, d, lane_sums);
  for (size_t lane = 0; lane < lanes; ++lane) sum += lane_sums[lane];
#endif
  for (; i < n; ++i) sum += items[i] * weights[i];
  return sum;
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
