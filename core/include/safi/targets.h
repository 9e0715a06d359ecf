// SPDX-License-Identifier: Apache-2.0
// SIMD target selection: which Highway targets are compiled in, which this
// CPU supports, and pinning one (SAFI_FORCE_TARGET).
#ifndef SAFI_TARGETS_H_
#define SAFI_TARGETS_H_

#include <string>
#include <string_view>
#include <vector>

#include "safi/export.h"

namespace safi {

// Names of the Highway targets compiled into the library, best first
// (e.g. "AVX3_DL", "AVX3", "AVX2", "SSE4", "SSSE3", "EMU128" or "SCALAR").
SAFI_API std::vector<std::string> CompiledTargets();
// The compiled targets this CPU can run, best first.
SAFI_API std::vector<std::string> SupportedTargets();
// The target the fast path dispatches to now.
SAFI_API std::string ActiveTarget();

// Pins the fast path to the named target ("" or "auto": the best one).
// The fallback target (SCALAR, or EMU128 in builds whose Highway fallback
// is EMU128, as with clang; "SCALAR" names it in both) runs the scalar path
// alone. Returns false with *error set when the name is unknown or the
// target is not compiled in or not supported by this CPU. Affects the whole
// process; call it before normalizing, not concurrently with it.
SAFI_API bool ForceTarget(std::string_view name, std::string* error);

// Applies SAFI_FORCE_TARGET from the environment if set; false with *error
// as for ForceTarget.
SAFI_API bool ForceTargetFromEnvironment(std::string* error);

}  // namespace safi

#endif  // SAFI_TARGETS_H_
