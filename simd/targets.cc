// SPDX-License-Identifier: Apache-2.0
// Highway target listing and pinning behind safi/targets.h.
#include "safi/targets.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>

#include "best_target.h"
#include "hwy/highway.h"
#include "hwy/targets.h"

namespace safi {
namespace {

// BestTarget's cache; 0: not computed since the last ForceTarget.
std::atomic<int64_t> best_target{0};

std::vector<std::string> Names(int64_t targets) {
  std::vector<std::string> names;
  for (int64_t bits = targets; bits != 0; bits &= bits - 1) {
    const int64_t target = bits & (~bits + 1);  // lowest bit = best target
    names.emplace_back(hwy::TargetName(target));
  }
  return names;
}

}  // namespace

namespace detail {

int64_t BestTarget() {
  int64_t best = best_target.load(std::memory_order_relaxed);
  if (best == 0) {
    const int64_t targets = HWY_TARGETS & hwy::SupportedTargets();
    best = targets & -targets;
    best_target.store(best, std::memory_order_relaxed);
  }
  return best;
}

}  // namespace detail

std::vector<std::string> CompiledTargets() { return Names(HWY_TARGETS); }

std::vector<std::string> SupportedTargets() {
  return Names(HWY_TARGETS & hwy::SupportedTargets());
}

std::string ActiveTarget() {
  const std::vector<std::string> supported = SupportedTargets();
  return supported.empty() ? std::string() : supported.front();
}

bool ForceTarget(std::string_view name, std::string* error) {
  best_target.store(0, std::memory_order_relaxed);
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
