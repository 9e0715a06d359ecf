// SPDX-License-Identifier: Apache-2.0
// Values made opaque to the compiler, so that it keeps them where a kernel
// wants them: Opaque vectors in registers, InGpr scalars in
// general-purpose registers.
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

// x, from a general-purpose register. Without it compilers move scalar
// work into the vector or mask registers, where it competes for the ports
// of the vector instructions around it: clang redid the normalizer's mask
// arithmetic with mask-register instructions, g++ took the MinHash bins'
// minima with single-lane VPMINUQ.
HWY_INLINE uint64_t InGpr(uint64_t x) {
#if defined(__GNUC__)
  __asm__("" : "+r"(x));
#endif
  return x;
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
