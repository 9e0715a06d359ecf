// SPDX-License-Identifier: Apache-2.0
// Sorting of records whose order starts with a uniformly distributed 64-bit
// hash: MSD radix passes on the hash's top bits (in place while the records
// do not fit a small scratch, then one counting pass through it), then a
// comparison sort of the small groups left; records of equal hashes by
// radix passes on a second such hash, the tie, when the order has one.
#ifndef SAFI_CORE_SRC_DEDUP_HASH_SORT_H_
#define SAFI_CORE_SRC_DEDUP_HASH_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace safi {
namespace dedup {
namespace internal {

// Groups of records at or below this size are sorted by insertion, larger
// ones (many equal hashes) by SortEqualHashes.
constexpr size_t kHashSortSmall = 16;
// Buckets of at most this many records are sorted by one counting pass
// through a scratch buffer of this size (512 KiB for 32-byte records, half
// of Zen 4's L2).
constexpr size_t kHashSortScratch = size_t{1} << 14;
// Most bits of that counting pass: counters that stay in L1.
constexpr unsigned kHashSortCountingBits = 12;

// Copies the record at from to to, all sizeof(T) bytes. The implicit copy
// of a record with padding skips it: g++ 12 moved a LineEntry (28 bytes of
// fields, 4 of padding) as 16 bytes at offset 0 and 16 at offset 12 (and
// std::swap through a stack temporary so moved), and a later 8- or 16-byte
// load that both stores overlapped could not take its value from them and
// waited for them to reach the cache. Moving whole records took the sort of
// the news crawl's 232,870 line records from ~9.7 to ~7.2 Mtsc (Zen 4).
template <typename T>
void CopyRecord(T* to, const T* from) {
  std::memcpy(static_cast<void*>(to), static_cast<const void*>(from),
              sizeof(T));
}

// Swaps the records at a and b (which may be the same), as CopyRecord.
template <typename T>
void SwapRecords(T* a, T* b) {
  unsigned char x[sizeof(T)], y[sizeof(T)];
  std::memcpy(x, static_cast<const void*>(a), sizeof(T));
  std::memcpy(y, static_cast<const void*>(b), sizeof(T));
  std::memcpy(static_cast<void*>(a), y, sizeof(T));
  std::memcpy(static_cast<void*>(b), x, sizeof(T));
}

// Sorts data[0, n) by less by insertion: for small n.
template <typename T, typename Less>
void InsertionSort(T* data, size_t n, Less less) {
  for (size_t i = 1; i < n; ++i) {
    if (!less(data[i], data[i - 1])) continue;
    T x;
    CopyRecord(&x, &data[i]);
    size_t j = i;
    do {
      CopyRecord(&data[j], &data[j - 1]);
      --j;
    } while (j > 0 && less(x, data[j - 1]));
    CopyRecord(&data[j], &x);
  }
}

// Sorts data[0, n) by less, any records: meant for a group left by the
// radix passes with more than kHashSortSmall records, which are mostly
// records of equal hashes (uniform hashes seldom share 20 top bits), and
// in the dedup tables (a boilerplate line on thousands of pages of a few
// sites) mostly equivalent records. Quicksort with three-way partitions
// (Dijkstra's): a partition puts the records equivalent to the pivot in
// their final place, so a group with k distinct records takes about
// log2 k passes (one without a swap when all are equivalent), where
// std::sort took ~log2 n passes; std::sort past 2 log2 n + 2 levels, as in
// introsort.
template <typename T, typename Less>
void SortEqualHashes(T* data, size_t n, Less less) {
  unsigned depth = 2;
  for (size_t m = n; m > 1; m >>= 1) depth += 2;
  while (n > kHashSortSmall) {
    if (depth-- == 0) {
      std::sort(data, data + n, less);
      return;
    }
    // Median of the first, middle and last records.
    const T* a = &data[0];
    const T* b = &data[n / 2];
    const T* c = &data[n - 1];
    if (less(*b, *a)) std::swap(a, b);
    if (less(*c, *b)) b = less(*c, *a) ? a : c;
    T pivot;
    CopyRecord(&pivot, b);
    size_t lt = 0, i = 0, gt = n;
    // [0, lt) < pivot, [lt, i) equivalent, [i, gt) unseen, [gt, n) > pivot.
    while (i < gt) {
      if (less(data[i], pivot)) {
        SwapRecords(&data[lt++], &data[i++]);
      } else if (less(pivot, data[i])) {
        SwapRecords(&data[i], &data[--gt]);
      } else {
        ++i;
      }
    }
    // Recurse into the smaller side, loop on the larger.
    if (lt < n - gt) {
      SortEqualHashes(data, lt, less);
      data += gt;
      n -= gt;
    } else {
      SortEqualHashes(data + gt, n - gt, less);
      n = lt;
    }
  }
  InsertionSort(data, n, less);
}

// Sorts data[0, n) by less: by insertion for small n, else by
// SortEqualHashes.
template <typename T, typename Less>
void SortGroup(T* data, size_t n, Less less) {
  if (n > kHashSortSmall) {
    SortEqualHashes(data, n, less);
  } else {
    InsertionSort(data, n, less);
  }
}

// The tie of a HashSort without one: records of equal hashes are ordered
// by less alone.
struct NoTie {};

template <typename T, typename Hash, typename Tie, typename Less>
void HashSortCounting(T* data, size_t n, unsigned done, Hash hash, Tie tie,
                      Less less, T* scratch, uint32_t* counts);

// Sorts data[0, n) (n <= kHashSortScratch), a group of more than
// kHashSortSmall records left by a counting pass: mostly records of one
// hash (uniform hashes seldom share 20 top bits), with at times a few
// others that share its top bits. Without a tie, by SortEqualHashes. With
// one, a three-way partition on the hash of the middle record (predicted
// well: the strangers are few) leaves the records of that hash in the
// middle, sorted by a counting pass on their ties, where SortEqualHashes
// took log2(ties) passes of branches mispredicted about half the time: on
// the news crawl, where a boilerplate line comes on thousands of pages of
// one to eight sites, the line records' sort went from ~7.3 to ~6.9 Mtsc,
// and that of the lead lines (20,969 heads for 34,005 lines) from ~1.6 to
// ~1.0 (best of 30 sorts of the tables Finish sorts). counts:
// 2^kHashSortCountingBits for that pass.
template <typename T, typename Hash, typename Tie, typename Less>
void SortGroupOfHash(T* data, size_t n, Hash hash, Tie tie, Less less,
                     T* scratch, uint32_t* counts) {
  if constexpr (std::is_same<Tie, NoTie>::value) {
    SortEqualHashes(data, n, less);
  } else {
    const uint64_t pivot = hash(data[n / 2]);
    size_t lt = 0, i = 0, gt = n;
    // [0, lt) hash < pivot, [lt, i) equal, [i, gt) unseen, [gt, n) greater.
    while (i < gt) {
      const uint64_t h = hash(data[i]);
      if (h == pivot) {
        ++i;
      } else if (h < pivot) {
        SwapRecords(&data[lt++], &data[i++]);
      } else {
        SwapRecords(&data[i], &data[--gt]);
      }
    }
    SortGroup(data, lt, less);
    SortGroup(data + gt, n - gt, less);
    HashSortCounting(data + lt, gt - lt, 0, tie, NoTie(), less, scratch,
                     counts);
  }
}

// Sorts data[0, n) (n <= kHashSortScratch) whose hashes agree on their top
// `done` bits: one counting pass on the next bits (about log2 n of them,
// at most kHashSortCountingBits) through scratch (n records), then the
// groups of more than kHashSortSmall equal digits by SortGroupOfHash, then
// the whole by insertion, which only moves records within the small
// groups. One insertion pass rather than one per group: the test of a
// group's size, true for about a quarter of the groups in no pattern, was a
// branch mispredicted as often. counts: 2^kHashSortCountingBits, followed
// by as many for SortGroupOfHash when there is a tie.
template <typename T, typename Hash, typename Tie, typename Less>
void HashSortCounting(T* data, size_t n, unsigned done, Hash hash, Tie tie,
                      Less less, T* scratch, uint32_t* counts) {
  if (n <= kHashSortSmall) {
    InsertionSort(data, n, less);
    return;
  }
  if (done >= 64) {
    SortGroupOfHash(data, n, hash, tie, less, scratch, counts);
    return;
  }
  unsigned bits = 0;
  while (bits < kHashSortCountingBits && (size_t{1} << bits) < n) ++bits;
  bits = std::min(bits, 64 - done);
  const size_t groups = size_t{1} << bits;
  const auto digit = [&](const T& x) {
    return static_cast<size_t>((hash(x) << done) >> (64 - bits));
  };
  std::fill(counts, counts + groups, 0);
  for (size_t i = 0; i < n; ++i) ++counts[digit(data[i])];
  uint32_t sum = 0;
  for (size_t g = 0; g < groups; ++g) {
    const uint32_t c = counts[g];
    counts[g] = sum;
    sum += c;
  }
  for (size_t i = 0; i < n; ++i) {
    CopyRecord(&scratch[counts[digit(data[i])]++], &data[i]);
  }
  std::memcpy(static_cast<void*>(data), scratch, n * sizeof(T));
  // counts[g] is now the end of group g.
  size_t begin = 0;
  for (size_t g = 0; g < groups; ++g) {
    const size_t end = counts[g];
    if (end - begin > kHashSortSmall) {
      // Without a tie SortGroupOfHash uses no counters.
      uint32_t* const tie_counts =
          std::is_same<Tie, NoTie>::value
              ? counts
              : counts + (size_t{1} << kHashSortCountingBits);
      SortGroupOfHash(data + begin, end - begin, hash, tie, less, scratch,
                      tie_counts);
    }
    begin = end;
  }
  InsertionSort(data, n, less);
}

// Sorts data[0, n) whose hashes agree on their top `done` bits, by the next
// digit of `bits` bits in place, then each bucket: by HashSortCounting if
// it fits the scratch, else by this again with 8-bit digits (on the ties,
// if any, once the hashes are all equal). counts is scratch of at least
// 2 << bits entries for this level, followed by 2 << 8 for each level
// below; group_counts that of HashSortCounting.
template <typename T, typename Hash, typename Tie, typename Less>
void HashSortLevel(T* data, size_t n, unsigned done, unsigned bits, Hash hash,
                   Tie tie, Less less, size_t* counts, T* scratch,
                   uint32_t* group_counts) {
  if (n <= kHashSortScratch) {
    HashSortCounting(data, n, done, hash, tie, less, scratch, group_counts);
    return;
  }
  if (done >= 64) {
    if constexpr (std::is_same<Tie, NoTie>::value) {
      SortEqualHashes(data, n, less);
    } else {
      HashSortLevel(data, n, 0, bits, tie, NoTie(), less, counts, scratch,
                    group_counts);
    }
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
        SwapRecords(&data[p], &data[next[digit(data[p])]++]);
      }
      unplaced = unplaced || next[d] != stop;
    }
  }
  // next[d] == end[d] now: the buckets are [end[d - 1], end[d]).
  size_t begin = 0;
  for (size_t d = 0; d < buckets; ++d) {
    const size_t stop = end[d];
    HashSortLevel(data + begin, stop - begin, done + bits, 8, hash, tie, less,
                  counts + 2 * buckets, scratch, group_counts);
    begin = stop;
  }
}

// HashSort with a tie (NoTie for none).
template <typename T, typename Hash, typename Tie, typename Less>
void HashSortWithTie(T* data, size_t n, Hash hash, Tie tie, Less less) {
  static_assert(std::is_trivially_copyable<T>::value,
                "records are moved with memcpy");
  // 2^8 buckets per in-place level: few enough that the pages written at
  // once stay within the TLB, and after one level (2^22 records and fewer)
  // the buckets fit the scratch, where a counting pass on up to 12 bits
  // leaves groups of one or two records. Levels for the hash, then as many
  // for the ties; counters of a counting pass on hashes, then one on ties.
  constexpr unsigned kBits = 8;
  constexpr size_t kKeys = std::is_same<Tie, NoTie>::value ? 1 : 2;
  constexpr size_t kLevels = kKeys * ((64 + kBits - 1) / kBits);
  std::vector<size_t> counts((size_t{2} << kBits) * kLevels);
  std::vector<T> scratch(std::min(n, kHashSortScratch));
  std::vector<uint32_t> group_counts(kKeys << kHashSortCountingBits);
  HashSortLevel(data, n, 0, kBits, hash, tie, less, counts.data(),
                scratch.data(), group_counts.data());
}

}  // namespace internal

// Sorts data[0, n) by less, which must order records by hash(record) (a
// uint64_t, best uniformly distributed) first and may break ties by other
// fields. Not stable. Extra memory: min(n, 2^14) records and a few tens of
// KiB of counters.
template <typename T, typename Hash, typename Less>
void HashSort(T* data, size_t n, Hash hash, Less less) {
  internal::HashSortWithTie(data, n, hash, internal::NoTie(), less);
}

// Likewise for a less that orders records of equal hashes by tie(record)
// (a uint64_t, best uniformly distributed too) next: records of equal
// hashes are then sorted by radix passes on their ties, not compared.
template <typename T, typename Hash, typename Tie, typename Less>
void HashSort(T* data, size_t n, Hash hash, Tie tie, Less less) {
  internal::HashSortWithTie(data, n, hash, tie, less);
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_HASH_SORT_H_
