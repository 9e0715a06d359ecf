// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the differential test: running the production normalizer
// and the ICU reference on one input, streaming in random chunks, corpus and
// seed lookup, and readable failure messages.
#ifndef SAFI_TESTS_DIFFERENTIAL_DIFFERENTIAL_UTIL_H_
#define SAFI_TESTS_DIFFERENTIAL_DIFFERENTIAL_UTIL_H_

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "icu_reference.h"
#include "safi/normalizer.h"

namespace safi::differential {

// The five profiles, in documentation order.
std::vector<Profile> TestProfiles();

// Name of a profile for test names and messages ("search", ...): the
// library's ProfileName, which spec_test checks against core/SEMANTICS.md.
std::string ProfileLabel(Profile profile);

// gtest parameter name of a profile: its ProfileLabel.
std::string ProfileParamName(const ::testing::TestParamInfo<Profile>& info);

using icu_reference::Utf8;

// Outcome of normalizing one input: ok with output, or an error offset.
struct Outcome {
  bool ok = false;
  std::string output;   // meaningful when ok
  uint64_t offset = 0;  // meaningful when !ok: first ill-formed byte
};

// The ICU reference on `in` under `options`.
Outcome Reference(std::string_view in, const Options& options);

// The production one-shot string API on `in`. Any status other than kOk and
// kInvalidUtf8 is reported as a test failure.
Outcome Production(const Normalizer& normalizer, std::string_view in);

// The production streaming API on `in`, cut into chunks of random sizes
// (1..max_chunk bytes, sometimes empty) drawn from `rng`. A kInvalidUtf8
// status from any Write or Finish ends the stream and gives !ok.
Outcome ProductionStream(const Normalizer& normalizer, std::string_view in,
                         size_t max_chunk, std::mt19937_64* rng);

// Success if the two outcomes are equal; otherwise a message with `what`,
// the input as code points and both outcomes.
::testing::AssertionResult SameOutcome(std::string_view what,
                                       std::string_view in,
                                       const Outcome& expected,
                                       const Outcome& got);

// The production-only part of CheckAll: streaming in random chunks ==
// one-shot; output is at most MaxOutputSize bytes; normalizing the output
// again changes nothing.
::testing::AssertionResult CheckProductionConsistency(
    std::string_view label, const Normalizer& normalizer, std::string_view in,
    std::mt19937_64* rng);

// Everything the differential test requires of one input: production
// one-shot (`normalizer`) == reference (`reference_options`, which should
// describe the same option set); the reference output is in its form;
// streaming in random chunks == one-shot; output is at most MaxOutputSize
// bytes; normalizing the output again changes nothing. Failures carry
// `label` and the input as code points.
::testing::AssertionResult CheckAll(std::string_view label,
                                    const Normalizer& normalizer,
                                    const Options& reference_options,
                                    std::string_view in, std::mt19937_64* rng);

// Short "U+XXXX ..." rendering of bytes (see icu_reference::Escape), cut to
// about max_chars characters.
std::string Escaped(std::string_view bytes, size_t max_chars = 2000);

// $SAFI_CORPORA_DIR, or nullopt when unset or empty.
std::optional<std::string> CorporaDir();

// Contents of a file; nullopt if it cannot be read.
std::optional<std::string> ReadFile(const std::string& path);

// Seed of the random tests: $SAFI_TEST_SEED if set, else a fixed default.
// Prints the seed to stdout once.
uint64_t TestSeed();

}  // namespace safi::differential

#endif  // SAFI_TESTS_DIFFERENTIAL_DIFFERENTIAL_UTIL_H_
