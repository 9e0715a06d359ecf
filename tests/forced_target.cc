// SPDX-License-Identifier: Apache-2.0
// Linked into a GoogleTest binary: pins the Highway target named by
// SAFI_FORCE_TARGET (if set) for all its tests, so that the fast path of
// each target can be checked against the references.
#include <string>

#include "gtest/gtest.h"
#include "safi/targets.h"

namespace safi {
namespace {

class ForcedTargetEnvironment : public ::testing::Environment {
 public:
  // Fails every test of the binary if SAFI_FORCE_TARGET names an unknown or
  // unsupported target.
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(ForceTargetFromEnvironment(&error))
        << "SAFI_FORCE_TARGET: " << error;
  }
};

::testing::Environment* const kForcedTarget =
    ::testing::AddGlobalTestEnvironment(new ForcedTargetEnvironment);

}  // namespace
}  // namespace safi
