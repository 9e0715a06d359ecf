// SPDX-License-Identifier: Apache-2.0
// The best Highway target the process may use now, cached for code that
// picks its own hand-written vector loops by it (the dedup component).
#ifndef SAFI_SIMD_BEST_TARGET_H_
#define SAFI_SIMD_BEST_TARGET_H_

#include <cstdint>

namespace safi {
namespace detail {

// The best (lowest) bit of HWY_TARGETS & hwy::SupportedTargets(): the
// target the fast path dispatches to, as pinned by safi::ForceTarget.
// Computed on first use and again after each ForceTarget, since
// hwy::SupportedTargets runs CPUID on every call (a trap to the hypervisor
// on a VM). Thread-safe.
int64_t BestTarget();

}  // namespace detail
}  // namespace safi

#endif  // SAFI_SIMD_BEST_TARGET_H_
