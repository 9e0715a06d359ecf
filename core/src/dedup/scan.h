// SPDX-License-Identifier: Apache-2.0
// Byte scanning of the dedup component: the positions of two byte values in
// a buffer, from the dispatched Highway kernel (simd/dedup_kernels.h).
#ifndef SAFI_CORE_SRC_DEDUP_SCAN_H_
#define SAFI_CORE_SRC_DEDUP_SCAN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "dedup_kernels.h"

namespace safi {
namespace dedup {
namespace internal {

// Bytes matched per kernel call: the positions fit on the stack and the
// bytes stay in the L1 cache for the visitor.
constexpr size_t kScanChunk = 4096;

}  // namespace internal

// Calls visit(start, positions, count) for each chunk of
// internal::kScanChunk bytes (the last one shorter) at data + start, in
// increasing order: positions[0, count) are the offsets from start, in
// increasing order, of the bytes of the chunk that are a or b.
template <typename Visit>
inline void ForEachByteChunk(const char* data, size_t n, char a, char b,
                             Visit visit) {
  uint32_t positions[internal::kScanChunk + detail::kFindTwoBytesSlack];
  for (size_t start = 0; start < n; start += internal::kScanChunk) {
    const size_t len = std::min(internal::kScanChunk, n - start);
    const size_t count =
        detail::FindTwoBytes(data + start, len, a, b, positions);
    visit(start, static_cast<const uint32_t*>(positions), count);
  }
}

// Calls visit(i) for each i in [0, n), in increasing order, where data[i]
// is a or b.
template <typename Visit>
inline void ForEachByteOf(const char* data, size_t n, char a, char b,
                          Visit visit) {
  ForEachByteChunk(data, n, a, b,
                   [&](size_t start, const uint32_t* positions, size_t count) {
                     for (size_t k = 0; k < count; ++k) {
                       visit(start + positions[k]);
                     }
                   });
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_SCAN_H_
