// SPDX-License-Identifier: Apache-2.0
// In-place sorting of records whose order starts with a uniformly
// distributed 64-bit hash: an MSD radix sort on the hash's top bits
// (American flag sort, no extra memory for the records), then a comparison
// sort of the small buckets left.
#ifndef SAFI_CORE_SRC_DEDUP_HASH_SORT_H_
#define SAFI_CORE_SRC_DEDUP_HASH_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace safi {
namespace dedup {
namespace internal {

// Buckets at or below this size are sorted by comparison.
constexpr size_t kHashSortSmall = 32;

// Sorts data[0, n) whose hashes agree on their top `done` bits, by the next
// digit of `bits` bits, then each bucket by digits of `below` bits. counts
// is scratch of at least 2 << bits entries for this level, followed by
// 2 << below for each level below.
template <typename T, typename Hash, typename Less>
void HashSortLevel(T* data, size_t n, unsigned done, unsigned bits,
                   unsigned below, Hash hash, Less less, size_t* counts) {
  if (n <= kHashSortSmall || done >= 64) {
    std::sort(data, data + n, less);
    return;
  }
  bits = std::min(bits, 64 - done);
  const size_t buckets = size_t{1} << bits;
  const auto digit = [&](const T& x) {
    return static_cast<size_t>((hash(x) << done) >> (64 - bits));
  };
  size_t* const next = counts;
  size_t* const end = counts + buckets;
  std::fill(end, end + buckets, 0);
  for (size_t i = 0; i < n; ++i) ++end[digit(data[i])];
  size_t sum = 0;
  for (size_t d = 0; d < buckets; ++d) {
    next[d] = sum;
    sum += end[d];
    end[d] = sum;
  }
  // Rounds over the buckets' unplaced parts (ska_sort's form of the
  // American flag sort): each record there is swapped into the next free
  // slot of its own bucket, which places it; the record it displaces waits
  // for the next round. The swaps of a round do not wait on each other's
  // loads (the slots come from the counters alone), so their cache misses
  // overlap, where a chain of displaced records would take them in turn.
  // Every swap places one record: n swaps in all.
  for (bool unplaced = true; unplaced;) {
    unplaced = false;
    for (size_t d = 0; d < buckets; ++d) {
      const size_t stop = end[d];
      for (size_t p = next[d]; p < stop; ++p) {
        std::swap(data[p], data[next[digit(data[p])]++]);
      }
      unplaced = unplaced || next[d] != stop;
    }
  }
  // next[d] == end[d] now: the buckets are [end[d - 1], end[d]).
  size_t begin = 0;
  for (size_t d = 0; d < buckets; ++d) {
    const size_t stop = end[d];
    HashSortLevel(data + begin, stop - begin, done + bits, below, below, hash,
                  less, counts + 2 * buckets);
    begin = stop;
  }
}

}  // namespace internal

// Sorts data[0, n) by less, which must order records by hash(record) (a
// uint64_t, best uniformly distributed) first and may break ties by other
// fields. Not stable; O(n) extra bytes: none but a few KiB of counters.
template <typename T, typename Hash, typename Less>
void HashSort(T* data, size_t n, Hash hash, Less less) {
  // 2^kTopBits buckets first, then 2^8 per bucket and level. Few buckets at
  // the top keep the pages written at once within the TLB (a miss per move
  // costs more than the moves themselves on a VM); the second level then
  // works in buckets that fit in L2, leaving a few records for comparisons.
  constexpr unsigned kTopBits = 8;
  constexpr unsigned kBits = 8;
  constexpr size_t kLevelsBelow = (64 - kTopBits + kBits - 1) / kBits;
  std::vector<size_t> counts((size_t{2} << kTopBits) +
                             (size_t{2} << kBits) * kLevelsBelow);
  internal::HashSortLevel(data, n, 0, kTopBits, kBits, hash, less,
                          counts.data());
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_HASH_SORT_H_
