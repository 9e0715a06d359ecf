// SPDX-License-Identifier: Apache-2.0
// Hashing helpers of the dedup component: XXH3-64 (header-only, inlined so
// that embedders need no xxhash library at run time) and a 64-bit mixer.
#ifndef SAFI_CORE_SRC_DEDUP_HASH_H_
#define SAFI_CORE_SRC_DEDUP_HASH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <utility>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include "dedup_kernels.h"

namespace safi {
namespace dedup {

// XXH3-64 of bytes with a seed. Any length, including 0.
inline uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// Bijective 64-bit finalizer (MurmurHash3 fmix64): spreads every input bit
// over every output bit.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

namespace internal {

// Key i of SequenceHash: a SplitMix64 output from a fixed start, made odd.
constexpr uint64_t SequenceKey(uint64_t i) {
  uint64_t z = 0x736166695F736571ULL + (i + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (z ^ (z >> 31)) | 1;
}
template <size_t... I>
constexpr std::array<uint64_t, sizeof...(I)> SequenceKeys(
    std::index_sequence<I...>) {
  return {SequenceKey(I)...};
}

}  // namespace internal

// Order-sensitive hash of a sequence of 64-bit hashes fed one at a time: a
// line's word hashes (the line key and lead-prefix hashes), a document's
// content line hashes (its exact hash). The item at position i is
// multiplied by the odd key internal::SequenceKey(i % 64) and the products
// are summed, so that the multiplies of one sequence are independent of
// each other rather than a chain; after every 64 items the sum is folded
// into a chain by Mix64, and the digest mixes the chain, the sum and the
// count. Two sequences that differ, of items drawn at random, collide with
// probability about 2^-62.
class SequenceHash {
 public:
  static constexpr size_t kBlock = 64;

  void Add(uint64_t item) {
    sum_ += item * kKeys[count_ % kBlock];
    if (++count_ % kBlock == 0) {
      Fold(sum_);
      sum_ = 0;
    }
  }
  // The hash of the items added so far (any number, including none).
  uint64_t Digest() const {
    return Mix64(chain_ ^ sum_ ^ (count_ * 0x9E3779B97F4A7C15ULL));
  }
  // The digest of items[0, count).
  static uint64_t Of(const uint64_t* items, size_t count) {
    SequenceHash hash;
    size_t done = 0;
    for (; count - done > kBlock; done += kBlock) {
      hash.Fold(Sum(items + done, kBlock));
    }
    return DigestAfter(hash, Sum(items + done, count - done), count);
  }
  // Of(items, kEnds[j]) into out[j] for j < count: kEnds is an array of
  // increasing counts, none above kBlock, known at compile time (a lead
  // line's checkpoints), and count at most its size. Each item is
  // multiplied once, in runs between the ends unrolled at compile time, and
  // no digest waits for another: 40 % less time than a loop over the ends
  // whose exits the branch predictor missed.
  template <const auto& kEnds>
  static void PrefixDigests(const uint64_t* items, size_t count,
                            uint64_t* out) {
    PrefixDigestsFrom<kEnds, 0>(items, count, 0, out);
  }

 private:
  static constexpr std::array<uint64_t, kBlock> kKeys =
      internal::SequenceKeys(std::make_index_sequence<kBlock>());

  // Folds the weighted sum of a block of kBlock items into the chain.
  void Fold(uint64_t block_sum) { chain_ = Mix64(chain_ ^ block_sum); }

  // The digest of count items (count > 0 or none) given hash, which holds
  // the blocks before the last (at most kBlock items, weighted sum sum): a
  // full last block is folded into the chain, a partial one is the sum.
  static uint64_t DigestAfter(SequenceHash hash, uint64_t sum, size_t count) {
    if (count != 0 && count % kBlock == 0) {
      hash.Fold(sum);
    } else {
      hash.sum_ = sum;
    }
    hash.count_ = count;
    return hash.Digest();
  }

  // PrefixDigests from end kJ on, sum being the weighted sum of the items
  // before kEnds[kJ - 1] (0 for kJ = 0).
  template <const auto& kEnds, size_t kJ>
  static void PrefixDigestsFrom(const uint64_t* items, size_t count,
                                uint64_t sum, uint64_t* out) {
    if constexpr (kJ < std::size(kEnds)) {
      if (kJ == count) return;
      constexpr size_t kFrom = kJ == 0 ? 0 : kEnds[kJ - 1];
      constexpr size_t kTo = kEnds[kJ];
      static_assert(kFrom < kTo && kTo <= kBlock,
                    "ends increase and stay within a block");
      uint64_t run = 0;
      for (size_t i = kFrom; i < kTo; ++i) run += items[i] * kKeys[i];
      sum += run;
      out[kJ] = DigestAfter(SequenceHash(), sum, kTo);
      PrefixDigestsFrom<kEnds, kJ + 1>(items, count, sum, out);
    }
  }

  // The weighted sum of a block of n <= kBlock items: the WeightedSum
  // kernel from kMinKernelItems items on (below, its call costs more than
  // the products).
  static constexpr size_t kMinKernelItems = 8;
  static uint64_t Sum(const uint64_t* items, size_t n) {
    if (n >= kMinKernelItems) {
      return detail::WeightedSum(items, kKeys.data(), n);
    }
    uint64_t sum = 0;
    for (size_t j = 0; j < n; ++j) sum += items[j] * kKeys[j];
    return sum;
  }

  uint64_t chain_ = 0x5851F42D4C957F2DULL;
  uint64_t sum_ = 0;
  uint64_t count_ = 0;
};

// SequenceHash::Of(items, count) for counts asked in increasing order, each
// item added once over all the asks: the hashes of the prefixes of one
// sequence (a line's lead prefixes, a lexicon phrase growing word by word).
class PrefixSequenceHash {
 public:
  explicit PrefixSequenceHash(const uint64_t* items) : items_(items) {}
  // count must be >= every count asked before.
  uint64_t Of(size_t count) {
    for (; added_ < count; ++added_) hash_.Add(items_[added_]);
    return hash_.Digest();
  }

 private:
  const uint64_t* items_;
  size_t added_ = 0;
  SequenceHash hash_;
};

inline uint64_t RotateLeft(uint64_t x, unsigned r) {
  return r == 0 ? x : (x << r) | (x >> (64 - r));
}

// Maps a 64-bit hash to [0, n) without division (Lemire's fast range on the
// high 32 bits). n must be < 2^32.
inline uint32_t FastRange(uint64_t hash, uint32_t n) {
  return static_cast<uint32_t>(((hash >> 32) * n) >> 32);
}

// Streaming XXH3-64 over pieces; the digest equals Hash64 of the
// concatenation.
class StreamHash {
 public:
  explicit StreamHash(uint64_t seed) {
    XXH3_64bits_reset_withSeed(&state_, seed);
  }
  void Update(std::string_view bytes) {
    XXH3_64bits_update(&state_, bytes.data(), bytes.size());
  }
  uint64_t Digest() const { return XXH3_64bits_digest(&state_); }

 private:
  XXH3_state_t state_ = {};
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_HASH_H_
