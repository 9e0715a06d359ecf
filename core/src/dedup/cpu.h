// SPDX-License-Identifier: Apache-2.0
// Run-time CPU checks of the dedup component's hand-vectorized loops
// (word_hash.cc, minhash.cc, scan.h), and the attribute that compiles a
// function for AVX-512 whatever the library's baseline.
#ifndef SAFI_CORE_SRC_DEDUP_CPU_H_
#define SAFI_CORE_SRC_DEDUP_CPU_H_

#include <cstdint>

#include "best_target.h"
#include "hwy/targets.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define SAFI_DEDUP_AVX512 1
#define SAFI_AVX512_FUNCTION \
  __attribute__((target("avx512f,avx512dq,avx512bw,bmi2")))
#else
#define SAFI_DEDUP_AVX512 0
#endif

namespace safi {
namespace dedup {

// True if the loops compiled with SAFI_AVX512_FUNCTION may run: the best
// Highway target of the process (the one the normalizer dispatches to, which
// safi::ForceTarget pins) is an AVX-512 one, which implies AVX-512 F, DQ and
// BW, and BMI2. False where SAFI_DEDUP_AVX512 is 0.
inline bool CpuHasAvx512() {
#if SAFI_DEDUP_AVX512
  return (detail::BestTarget() & (HWY_AVX3 | HWY_AVX3_DL)) != 0;
#else
  return false;
#endif
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_CPU_H_
