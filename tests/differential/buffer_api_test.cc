// SPDX-License-Identifier: Apache-2.0
// The caller-buffer API: with cap = MaxOutputSize(len) or exactly the needed
// size it equals the string API; with a smaller cap it returns
// kOutputTooSmall with the needed size and never writes past cap.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "differential_util.h"
#include "icu_reference.h"
#include "random_text.h"
#include "spec_vectors.h"

namespace safi::differential {
namespace {

constexpr size_t kGuard = 64;
constexpr char kGuardByte = '\x5A';
constexpr int kStringsPerProfile = 20000;
constexpr int kMaxReported = 10;

// Calls the buffer API with a buffer of exactly `cap` bytes followed by a
// guard region; fails if the guard is touched.
::testing::AssertionResult CallWithCap(const Normalizer& normalizer,
                                       const std::string& in, size_t cap,
                                       Status* status, size_t* out_len,
                                       std::string* out) {
  std::vector<char> buffer(cap + kGuard, '\xA5');
  std::fill(buffer.begin() + cap, buffer.end(), kGuardByte);
  *out_len = 12345;
  *status =
      normalizer.Normalize(in.data(), in.size(), buffer.data(), cap, out_len);
  for (size_t i = cap; i < buffer.size(); ++i) {
    if (buffer[i] != kGuardByte) {
      return ::testing::AssertionFailure()
             << "wrote past cap=" << cap << " (byte " << i << ")\n  input "
             << Escaped(in);
    }
  }
  if (status->ok() && *out_len <= cap) out->assign(buffer.data(), *out_len);
  return ::testing::AssertionSuccess();
}

// Every buffer-API property for one input; caps below the needed size are
// drawn from rng.
::testing::AssertionResult CheckBufferApi(const Normalizer& normalizer,
                                          const std::string& in,
                                          std::mt19937_64* rng) {
  std::string expected;
  const Status string_status = normalizer.Normalize(in, &expected);
  Status status;
  size_t out_len = 0;
  std::string out;
  auto result =
      CallWithCap(normalizer, in, Normalizer::MaxOutputSize(in.size()), &status,
                  &out_len, &out);
  if (!result) return result;
  if (!string_status.ok()) {
    if (status.code != string_status.code ||
        status.offset != string_status.offset || out_len != 0) {
      return ::testing::AssertionFailure()
             << "buffer API error (code " << int{status.code} << ", offset "
             << status.offset << ", out_len " << out_len
             << ") differs from string API (code " << int{string_status.code}
             << ", offset " << string_status.offset << ")\n  input "
             << Escaped(in);
    }
    return ::testing::AssertionSuccess();
  }
  if (!status.ok() || out != expected) {
    return ::testing::AssertionFailure()
           << "buffer API with cap=MaxOutputSize: code " << int{status.code}
           << ", output " << Escaped(out) << "\n  string API output "
           << Escaped(expected) << "\n  input " << Escaped(in);
  }
  const size_t needed = expected.size();
  std::vector<size_t> caps = {needed};
  if (needed > 0) {
    caps.push_back(needed - 1);
    caps.push_back(0);
    caps.push_back((*rng)() % needed);
  }
  for (const size_t cap : caps) {
    result = CallWithCap(normalizer, in, cap, &status, &out_len, &out);
    if (!result) return result;
    const bool fits = cap >= needed;
    const bool right_status =
        fits ? status.ok() && out == expected
             : status.code == Status::kOutputTooSmall && out_len == needed;
    if (!right_status) {
      return ::testing::AssertionFailure()
             << "cap=" << cap << " needed=" << needed << ": code "
             << int{status.code} << ", out_len " << out_len << "\n  input "
             << Escaped(in);
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(BufferApiTest, MaxOutputSizeIsElevenTimesTheInput) {
  for (size_t n :
       {size_t{0}, size_t{1}, size_t{3}, size_t{1000}, size_t{1} << 30}) {
    EXPECT_EQ(Normalizer::MaxOutputSize(n), 11 * n) << n;
  }
}

class BufferApiTest : public ::testing::TestWithParam<Profile> {};

TEST_P(BufferApiTest, RandomStringsInBothModes) {
  Options error_options = icu_reference::ReferenceProfileOptions(GetParam());
  error_options.invalid = InvalidUtf8::kError;
  const Normalizer replace(GetParam());
  const Normalizer error(error_options);
  const uint64_t seed = TestSeed() + 2;
  RandomText generator(seed);
  std::mt19937_64 rng(seed);
  int failures = 0;
  for (int i = 0; i < kStringsPerProfile; ++i) {
    const std::string in = generator.Next();
    for (const Normalizer* n : {&replace, &error}) {
      const auto result = CheckBufferApi(*n, in, &rng);
      if (!result && ++failures <= kMaxReported) {
        ADD_FAILURE() << ProfileLabel(GetParam()) << " random string #" << i
                      << " of seed " << seed
                      << (n == &error ? " (kError): " : ": ")
                      << result.message();
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

// Inputs at the documented bound: U+FDFA grows 3 bytes into 33 under NFKC,
// an ill-formed byte into 3; plus the spec vectors and long mixed text.
TEST_P(BufferApiTest, LargeExpansionsAndLongInputs) {
  const Normalizer normalizer(GetParam());
  std::mt19937_64 rng(TestSeed() + 3);
  std::string fdfa;
  for (int i = 0; i < 1000; ++i) fdfa += "\uFDFA";
  std::string spec_text;
  for (const auto& v : spec_vectors::kSpecVectors) {
    spec_text += v.input;
    spec_text += '\n';
  }
  RandomText generator(TestSeed() + 4);
  std::string long_random;
  while (long_random.size() < 200000) long_random += generator.Next();
  const std::string inputs[] = {fdfa,        std::string(1000, '\xFF'),
                                "\uFDFA",    spec_text,
                                long_random, std::string()};
  for (const std::string& in : inputs) {
    EXPECT_TRUE(CheckBufferApi(normalizer, in, &rng))
        << ProfileLabel(GetParam());
  }
  if (GetParam() == Profile::kNfkc) {
    std::string out;
    ASSERT_TRUE(normalizer.Normalize(fdfa, &out).ok());
    EXPECT_EQ(out.size(), Normalizer::MaxOutputSize(fdfa.size()));
  }
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, BufferApiTest,
                         ::testing::ValuesIn(TestProfiles()), ProfileParamName);

}  // namespace
}  // namespace safi::differential
