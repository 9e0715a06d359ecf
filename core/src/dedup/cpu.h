// SPDX-License-Identifier: Apache-2.0
// Run-time CPU checks of the dedup component's hand-vectorized loops
// (word_hash.cc, minhash.cc), and the attribute that compiles a function
// for AVX-512 whatever the library's baseline.
#ifndef SAFI_CORE_SRC_DEDUP_CPU_H_
#define SAFI_CORE_SRC_DEDUP_CPU_H_

#if defined(__x86_64__) && defined(__GNUC__)
#define SAFI_DEDUP_AVX512 1
#define SAFI_AVX512_FUNCTION \
  __attribute__((target("avx512f,avx512dq,avx512bw")))
#else
#define SAFI_DEDUP_AVX512 0
#endif

namespace safi {
namespace dedup {

// True if the CPU runs AVX-512 F, DQ and BW (what SAFI_AVX512_FUNCTION
// compiles for); false where SAFI_DEDUP_AVX512 is 0.
inline bool CpuHasAvx512() {
#if SAFI_DEDUP_AVX512
  static const bool has = __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512dq") &&
                          __builtin_cpu_supports("avx512bw");
  return has;
#else
  return false;
#endif
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_CPU_H_
