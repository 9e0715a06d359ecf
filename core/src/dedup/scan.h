// SPDX-License-Identifier: Apache-2.0
// Byte scanning of the dedup component: the positions of two byte values in
// a buffer, from the 64-bit match masks of the dispatched Highway kernel
// (simd/dedup_kernels.h).
#ifndef SAFI_CORE_SRC_DEDUP_SCAN_H_
#define SAFI_CORE_SRC_DEDUP_SCAN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dedup_kernels.h"

namespace safi {
namespace dedup {
namespace internal {

// Bytes matched per kernel call: the masks fit on the stack and the bytes
// stay in the L1 cache for the visitor.
constexpr size_t kScanChunk = 4096;

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

// Calls visit(base, mask) for each 64-byte block of data[0, n) in order:
// bit j of mask is set where data[base + j] is a or b (bits past n are 0).
// The kernel matches kScanChunk bytes per call.
template <typename Visit>
inline void ForEachMatchMask(const char* data, size_t n, char a, char b,
                             Visit visit) {
  uint64_t masks[kScanChunk / 64];
  for (size_t start = 0; start < n; start += kScanChunk) {
    const size_t len = std::min(kScanChunk, n - start);
    detail::MatchTwoBytes(data + start, len, a, b, masks);
    for (size_t m = 0; 64 * m < len; ++m) visit(start + 64 * m, masks[m]);
  }
}

}  // namespace internal

// Calls visit(i) for each i in [0, n), in increasing order, where data[i]
// is a or b.
template <typename Visit>
inline void ForEachByteOf(const char* data, size_t n, char a, char b,
                          Visit visit) {
  internal::ForEachMatchMask(data, n, a, b, [&](size_t base, uint64_t mask) {
    for (; mask != 0; mask &= mask - 1) {
      visit(base + static_cast<size_t>(__builtin_ctzll(mask)));
    }
  });
}

// Stores the positions i in [0, n) where data[i] is a or b, in increasing
// order, in (*positions)[0, count) and returns count. positions is grown
// as needed and never shrunk, so a reused vector stops allocating; its
// elements past count are unspecified. n must be < 2^32.
inline size_t FindBytes(const char* data, size_t n, char a, char b,
                        std::vector<uint32_t>* positions) {
  size_t count = 0;
  internal::ForEachMatchMask(data, n, a, b, [&](size_t base, uint64_t mask) {
    internal::AppendBitPositions(mask, static_cast<uint32_t>(base), positions,
                                 &count);
  });
  return count;
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_SCAN_H_
