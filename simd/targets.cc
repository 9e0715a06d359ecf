// SPDX-License-Identifier: Apache-2.0
// Highway target listing and pinning behind safi/targets.h.
#include "safi/targets.h"

#include <cstdint>
#include <cstdlib>

#include "hwy/highway.h"
#include "hwy/targets.h"

namespace safi {
namespace {

std::vector<std::string> Names(int64_t targets) {
  std::vector<std::string> names;
  for (int64_t bits = targets; bits != 0; bits &= bits - 1) {
    const int64_t target = bits & (~bits + 1);  // lowest bit = best target
    names.emplace_back(hwy::TargetName(target));
  }
  return names;
}

}  // namespace

std::vector<std::string> CompiledTargets() { return Names(HWY_TARGETS); }

std::vector<std::string> SupportedTargets() {
  return Names(HWY_TARGETS & hwy::SupportedTargets());
}

std::string ActiveTarget() {
  const std::vector<std::string> supported = SupportedTargets();
  return supported.empty() ? std::string() : supported.front();
}

bool ForceTarget(std::string_view name, std::string* error) {
  if (name.empty() || name == "auto") {
    hwy::SetSupportedTargetsForTest(0);
    return true;
  }
  // SCALAR names the fallback target, which runs the scalar path alone;
  // where Highway's fallback is EMU128 (clang) that is the one compiled.
  if (name == "SCALAR" && (HWY_TARGETS & HWY_SCALAR) == 0) name = "EMU128";
  for (int64_t bits = HWY_TARGETS; bits != 0; bits &= bits - 1) {
    const int64_t target = bits & (~bits + 1);
    if (name != hwy::TargetName(target)) continue;
    hwy::SetSupportedTargetsForTest(0);
    if ((hwy::SupportedTargets() & target) == 0) {
      *error = "target " + std::string(name) + " is not supported by this CPU";
      return false;
    }
    hwy::SetSupportedTargetsForTest(target);
    return true;
  }
  std::string known;
  for (const std::string& n : CompiledTargets()) known += " " + n;
  *error = "unknown target " + std::string(name) + " (compiled:" + known + ")";
  return false;
}

bool ForceTargetFromEnvironment(std::string* error) {
  const char* name = std::getenv("SAFI_FORCE_TARGET");
  if (name == nullptr) return true;
  return ForceTarget(name, error);
}

}  // namespace safi
