// SPDX-License-Identifier: Apache-2.0
// Byte scanning of the dedup component: the positions of two byte values in
// a buffer, from the 64-bit match masks of the dispatched Highway kernel
// (simd/dedup_kernels.h).
#ifndef SAFI_CORE_SRC_DEDUP_SCAN_H_
#define SAFI_CORE_SRC_DEDUP_SCAN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "dedup_kernels.h"

namespace safi {
namespace dedup {
namespace internal {

// Bytes matched per kernel call: the masks fit on the stack and the bytes
// stay in the L1 cache for the visitor.
constexpr size_t kScanChunk = 4096;

}  // namespace internal

// Calls visit(i) for each i in [0, n), in increasing order, where data[i]
// is a or b. The kernel matches internal::kScanChunk bytes per call.
template <typename Visit>
inline void ForEachByteOf(const char* data, size_t n, char a, char b,
                          Visit visit) {
  uint64_t masks[internal::kScanChunk / 64];
  for (size_t start = 0; start < n; start += internal::kScanChunk) {
    const size_t len = std::min(internal::kScanChunk, n - start);
    detail::MatchTwoBytes(data + start, len, a, b, masks);
    for (size_t m = 0; 64 * m < len; ++m) {
      for (uint64_t mask = masks[m]; mask != 0; mask &= mask - 1) {
        visit(start + 64 * m + static_cast<size_t>(__builtin_ctzll(mask)));
      }
    }
  }
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_SCAN_H_
