// SPDX-License-Identifier: Apache-2.0
// Compiles the dedup kernels for every Highway target and dispatches to the
// best one this CPU supports (or the one pinned by safi::ForceTarget).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "dedup_kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

// After foreach_target.h, which re-includes this file once per target.
#include "dedup_kernels-inl.h"

#if HWY_ONCE
namespace safi {
namespace detail {

HWY_EXPORT(FindTwoBytes);
HWY_EXPORT(SplitKeyWords);
HWY_EXPORT(HashWords);
HWY_EXPORT(AddShingleMinima);
HWY_EXPORT(TakeMinima);
HWY_EXPORT(WeightedSum);

size_t FindTwoBytes(const char* data, size_t n, char a, char b,
                    uint32_t* positions) {
  return HWY_DYNAMIC_DISPATCH(FindTwoBytes)(data, n, a, b, positions);
}

size_t SplitKeyWords(const char* keys, size_t n, size_t max_breaks,
                     uint32_t* spans, uint32_t* line_ends, size_t* breaks) {
  return HWY_DYNAMIC_DISPATCH(SplitKeyWords)(keys, n, max_breaks, spans,
                                             line_ends, breaks);
}

uint64_t WordHash(const char* bytes, size_t size, uint64_t seed) {
  return HashWord(bytes, size, seed);
}

void HashWords(const char* keys, const uint32_t* spans, size_t n, uint64_t seed,
               uint64_t* out) {
  HWY_DYNAMIC_DISPATCH(HashWords)(keys, spans, n, seed, out);
}

size_t AddShingleMinima(const uint64_t* w, size_t shingles, size_t width,
                        uint64_t salt, uint32_t k, uint64_t* bins) {
  return HWY_DYNAMIC_DISPATCH(AddShingleMinima)(w, shingles, width, salt, k,
                                                bins);
}

void TakeMinima(uint64_t* bins, size_t k, uint32_t* values, uint64_t* empty) {
  HWY_DYNAMIC_DISPATCH(TakeMinima)(bins, k, values, empty);
}

uint64_t WeightedSum(const uint64_t* items, const uint64_t* weights, size_t n) {
  return HWY_DYNAMIC_DISPATCH(WeightedSum)(items, weights, n);
}

}  // namespace detail
}  // namespace safi
#endif  // HWY_ONCE
