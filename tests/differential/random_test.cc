// SPDX-License-Identifier: Apache-2.0
// Random Arabic-biased strings (seeded by SAFI_TEST_SEED): for every profile,
// production == ICU reference in kReplace and kError mode, streaming in
// random chunks, idempotence; and random option sets beyond the profiles.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "differential_util.h"
#include "icu_reference.h"
#include "random_text.h"

namespace safi::differential {
namespace {

constexpr int kStringsPerProfile = 100000;
constexpr int kOptionSets = 400;
constexpr int kStringsPerOptionSet = 50;
constexpr int kMaxReported = 10;

// kError mode of one input: the one-shot call, ValidateUtf8 and the stream
// all report the reference's first ill-formed offset, or the kReplace output
// when the input is well-formed.
::testing::AssertionResult CheckErrorMode(const std::string& label,
                                          const Normalizer& error_normalizer,
                                          const Options& error_options,
                                          const std::string& in,
                                          std::mt19937_64* rng) {
  const Outcome expected = Reference(in, error_options);
  auto result = SameOutcome(label + " (kError)", in, expected,
                            Production(error_normalizer, in));
  if (!result) return result;
  result = SameOutcome(
      label + " (kError, stream)", in, expected,
      ProductionStream(error_normalizer, in, 1 + (*rng)() % 8, rng));
  if (!result) return result;
  size_t offset = 0;
  const bool valid = ValidateUtf8(in, &offset);
  if (valid != expected.ok || (!valid && offset != expected.offset)) {
    return ::testing::AssertionFailure()
           << label << ": ValidateUtf8 says " << (valid ? "valid" : "invalid")
           << " at " << offset << ", reference says "
           << (expected.ok ? "valid"
                           : "invalid at " + std::to_string(expected.offset))
           << "\n  input " << Escaped(in);
  }
  return ::testing::AssertionSuccess();
}

class RandomStringsTest : public ::testing::TestWithParam<Profile> {};

TEST_P(RandomStringsTest, MatchReferenceInBothModes) {
  const Profile profile = GetParam();
  const Options options = icu_reference::ReferenceProfileOptions(profile);
  Options error_options = options;
  error_options.invalid = InvalidUtf8::kError;
  const Normalizer normalizer(profile);
  const Normalizer error_normalizer(error_options);
  // The same strings for every profile.
  const uint64_t seed = TestSeed();
  RandomText generator(seed);
  std::mt19937_64 rng(seed ^ 0x9E3779B97F4A7C15u);
  int failures = 0;
  size_t bytes = 0;
  for (int i = 0; i < kStringsPerProfile; ++i) {
    const std::string in = generator.Next();
    bytes += in.size();
    const std::string label = ProfileLabel(profile) + " random string #" +
                              std::to_string(i) + " of seed " +
                              std::to_string(seed);
    auto result = CheckAll(label, normalizer, options, in, &rng);
    if (result) {
      result = CheckErrorMode(label, error_normalizer, error_options, in, &rng);
    }
    if (!result && ++failures <= kMaxReported) {
      ADD_FAILURE() << result.message();
    }
  }
  std::cout << "[ random     ] " << ProfileLabel(profile) << ": "
            << kStringsPerProfile << " strings, " << bytes << " bytes"
            << std::endl;
  EXPECT_EQ(failures, 0) << failures << " of " << kStringsPerProfile
                         << " random strings failed; the first " << kMaxReported
                         << " are shown above";
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, RandomStringsTest,
                         ::testing::ValuesIn(TestProfiles()), ProfileParamName);

// Every operation bit, for random option sets.
constexpr uint32_t kAllOperations = (kCollapseWhitespace << 1) - 1;

std::string DescribeOptions(const Options& options) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s operations=0x%05X %s",
                options.form == Form::kNfc ? "NFC" : "NFKC",
                static_cast<unsigned>(options.operations),
                options.invalid == InvalidUtf8::kError ? "kError" : "kReplace");
  return buffer;
}

// Random option sets (form, any operation bits, either invalid mode), each
// used for a run of strings; Normalizer construction may be costly.
TEST(RandomOptionSetsTest, MatchReference) {
  const uint64_t seed = TestSeed() + 1;
  RandomText generator(seed);
  std::mt19937_64 rng(seed);
  int failures = 0;
  for (int set = 0; set < kOptionSets; ++set) {
    Options options;
    options.form = rng() % 2 == 0 ? Form::kNfc : Form::kNfkc;
    options.operations = static_cast<uint32_t>(rng()) & kAllOperations;
    options.invalid =
        rng() % 4 == 0 ? InvalidUtf8::kError : InvalidUtf8::kReplace;
    const Normalizer normalizer(options);
    for (int i = 0; i < kStringsPerOptionSet; ++i) {
      const std::string in = generator.Next();
      const std::string label = "random options " + DescribeOptions(options) +
                                " (set #" + std::to_string(set) + ", string #" +
                                std::to_string(i) + " of seed " +
                                std::to_string(seed) + ")";
      const auto result = CheckAll(label, normalizer, options, in, &rng);
      if (!result && ++failures <= kMaxReported) {
        ADD_FAILURE() << result.message();
      }
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of "
                         << kOptionSets * kStringsPerOptionSet
                         << " strings failed; the first " << kMaxReported
                         << " are shown above";
}

}  // namespace
}  // namespace safi::differential
