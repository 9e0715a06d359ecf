// SPDX-License-Identifier: Apache-2.0
// Opaque: a vector made opaque to the compiler, so that a constant built
// before a kernel's loop stays in a register instead of being built again
// in every step.
#if defined(SAFI_SIMD_OPAQUE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SAFI_SIMD_OPAQUE_INL_H_
#undef SAFI_SIMD_OPAQUE_INL_H_
#else
#define SAFI_SIMD_OPAQUE_INL_H_
#endif

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace safi {
namespace detail {
namespace HWY_NAMESPACE {

// v, made opaque to the compiler on AVX3_DL. g++ 12 otherwise builds
// constants again in the loop where they are used (a mov and a broadcast
// each), rather than keeping them in registers, of which AVX-512 has 32;
// an opaque one is computed once and stays in a register. Measured uses:
// the normalizer's byte constants and the word hashes' constants
// (normalize_arabic-inl.h, dedup_kernels-inl.h).
template <class V>
HWY_INLINE V Opaque(V v) {
#if HWY_TARGET == HWY_AVX3_DL && defined(__GNUC__)
  __asm__("" : "+v"(v.raw));
#endif
  return v;
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
