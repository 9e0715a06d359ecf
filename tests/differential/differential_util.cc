// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the differential test (see differential_util.h).
#include "differential_util.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "icu_reference.h"

namespace safi::differential {

std::vector<Profile> TestProfiles() {
  return {Profile::kSearch, Profile::kDedup, Profile::kDisplay, Profile::kNfc,
          Profile::kNfkc};
}

std::string ProfileLabel(Profile profile) { return ProfileName(profile); }

std::string ProfileParamName(const ::testing::TestParamInfo<Profile>& info) {
  return ProfileLabel(info.param);
}

Outcome Reference(std::string_view in, const Options& options) {
  Outcome outcome;
  size_t offset = 0;
  outcome.ok = icu_reference::Normalize(in, options, &outcome.output, &offset);
  if (!outcome.ok) outcome.offset = offset;
  return outcome;
}

Outcome Production(const Normalizer& normalizer, std::string_view in) {
  Outcome outcome;
  const Status status = normalizer.Normalize(in, &outcome.output);
  outcome.ok = status.ok();
  if (!outcome.ok) {
    EXPECT_EQ(status.code, Status::kInvalidUtf8)
        << "unexpected status for " << Escaped(in);
    EXPECT_TRUE(outcome.output.empty())
        << "output not cleared on error for " << Escaped(in);
    outcome.offset = status.offset;
  }
  return outcome;
}

Outcome ProductionStream(const Normalizer& normalizer, std::string_view in,
                         size_t max_chunk, std::mt19937_64* rng) {
  Outcome outcome;
  Normalizer::Stream stream(normalizer);
  size_t pos = 0;
  while (pos < in.size()) {
    // One chunk in eight is empty; the others hold 1..max_chunk bytes.
    size_t size = (*rng)() % 8 == 0 ? 0 : 1 + (*rng)() % max_chunk;
    if (size > in.size() - pos) size = in.size() - pos;
    const Status status = stream.Write(in.substr(pos, size), &outcome.output);
    pos += size;
    if (!status.ok()) {
      EXPECT_EQ(status.code, Status::kInvalidUtf8)
          << "unexpected Write status for " << Escaped(in);
      outcome.ok = false;
      outcome.offset = status.offset;
      return outcome;
    }
  }
  const Status status = stream.Finish(&outcome.output);
  outcome.ok = status.ok();
  if (!outcome.ok) {
    EXPECT_EQ(status.code, Status::kInvalidUtf8)
        << "unexpected Finish status for " << Escaped(in);
    outcome.offset = status.offset;
  }
  return outcome;
}

namespace {

std::string DescribeOutcome(const Outcome& outcome) {
  if (!outcome.ok) {
    return "invalid UTF-8 at byte " + std::to_string(outcome.offset);
  }
  return Escaped(outcome.output) + "  (" +
         std::to_string(outcome.output.size()) + " bytes)";
}

// Offset of the first byte where a and b differ (or the shorter length).
size_t FirstDifference(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

::testing::AssertionResult SameOutcome(std::string_view what,
                                       std::string_view in,
                                       const Outcome& expected,
                                       const Outcome& got) {
  const bool same =
      expected.ok == got.ok && (expected.ok ? expected.output == got.output
                                            : expected.offset == got.offset);
  if (same) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  failure << what << "\n  input    " << Escaped(in) << "  (" << in.size()
          << " bytes)\n  expected " << DescribeOutcome(expected)
          << "\n  got      " << DescribeOutcome(got);
  if (expected.ok && got.ok) {
    const size_t at = FirstDifference(expected.output, got.output);
    const size_t from = at >= 24 ? at - 24 : 0;
    failure << "\n  first difference at output byte " << at
            << "; expected from byte " << from << ": "
            << Escaped(std::string_view(expected.output).substr(from, 64))
            << "\n                     got from byte " << from << ": "
            << Escaped(std::string_view(got.output).substr(from, 64));
  }
  return failure;
}

::testing::AssertionResult CheckProductionConsistency(
    std::string_view label, const Normalizer& normalizer, std::string_view in,
    std::mt19937_64* rng) {
  const std::string prefix(label);
  const Outcome got = Production(normalizer, in);
  if (got.ok && got.output.size() > Normalizer::MaxOutputSize(in.size())) {
    return ::testing::AssertionFailure()
           << prefix << ": output of " << got.output.size()
           << " bytes exceeds MaxOutputSize(" << in.size() << ")\n  input "
           << Escaped(in);
  }
  static constexpr size_t kMaxChunks[] = {1, 2, 3, 7, 16, 64, 4096};
  const size_t max_chunk =
      kMaxChunks[(*rng)() % (sizeof(kMaxChunks) / sizeof(kMaxChunks[0]))];
  auto result =
      SameOutcome(prefix + ": stream (chunks of at most " +
                      std::to_string(max_chunk) + " bytes) != one-shot",
                  in, got, ProductionStream(normalizer, in, max_chunk, rng));
  if (!result) return result;
  if (got.ok) {
    result = SameOutcome(prefix +
                             ": not idempotent, normalize(output) != "
                             "output; input shown is the output",
                         got.output, got, Production(normalizer, got.output));
    if (!result) return result;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult CheckAll(std::string_view label,
                                    const Normalizer& normalizer,
                                    const Options& reference_options,
                                    std::string_view in, std::mt19937_64* rng) {
  const std::string prefix(label);
  const Outcome expected = Reference(in, reference_options);
  const Outcome got = Production(normalizer, in);
  auto result =
      SameOutcome(prefix + ": production != ICU reference", in, expected, got);
  if (!result) return result;
  if (expected.ok &&
      !icu_reference::IsNormalized(expected.output, reference_options.form)) {
    return ::testing::AssertionFailure()
           << prefix << ": reference output is not in its normalization form"
           << " (core/SEMANTICS.md promises it is)\n  input  " << Escaped(in)
           << "\n  output " << Escaped(expected.output);
  }
  return CheckProductionConsistency(label, normalizer, in, rng);
}

std::string Escaped(std::string_view bytes, size_t max_chars) {
  std::string escaped = icu_reference::Escape(bytes);
  if (escaped.size() > max_chars) {
    escaped.resize(max_chars);
    escaped += " ...";
  }
  return escaped;
}

std::optional<std::string> CorporaDir() {
  const char* dir = std::getenv("SAFI_CORPORA_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  return std::string(dir);
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

uint64_t TestSeed() {
  static const uint64_t seed = [] {
    uint64_t value = 20261128;
    const char* env = std::getenv("SAFI_TEST_SEED");
    if (env != nullptr && *env != '\0') {
      value = std::strtoull(env, nullptr, 0);
    }
    std::cout << "[ differential ] SAFI_TEST_SEED=" << value
              << " (set SAFI_TEST_SEED to replay another run)" << std::endl;
    return value;
  }();
  return seed;
}

}  // namespace safi::differential
