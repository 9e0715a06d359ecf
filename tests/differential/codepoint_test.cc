// SPDX-License-Identifier: Apache-2.0
// Every code point U+0000..U+10FFFF except surrogates, alone and in Arabic,
// Latin and whitespace contexts, for every profile: production == ICU
// reference, one input per code point, then in LF-separated batches through
// the one-shot and the streaming interfaces.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <tuple>

#include "differential_util.h"
#include "icu_reference.h"

namespace safi::differential {
namespace {

struct Context {
  const char* name;
  const char* prefix;
  const char* suffix;
  bool doubled;  // the code point appears twice
};

constexpr Context kContexts[] = {
    {"alone", "", "", false},
    {"beh_cp_fatha", "\u0628", "\u064E", false},
    {"alef_cp", "\u0627", "", false},
    {"cp_hamza_above", "", "\u0654", false},
    {"alef_cp_hamza_above", "\u0627", "\u0654", false},
    {"space_cp_space", " ", " ", false},
    {"lf_cp", "\n", "", false},
    {"cp_acute", "", "\u0301", false},
    {"cp_cp", "", "", true},
};
constexpr int kContextCount = sizeof(kContexts) / sizeof(kContexts[0]);

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr int kMaxReported = 10;

bool IsSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

std::string Input(const Context& context, char32_t c) {
  std::string in = context.prefix;
  in += Utf8(c);
  if (context.doubled) in += Utf8(c);
  in += context.suffix;
  return in;
}

class CodePointTest
    : public ::testing::TestWithParam<std::tuple<Profile, int>> {
 protected:
  Profile profile() const { return std::get<0>(GetParam()); }
  const Context& context() const { return kContexts[std::get<1>(GetParam())]; }
  std::string Label() const {
    return ProfileLabel(profile()) + "/" + context().name;
  }
};

bool Same(const Outcome& a, const Outcome& b) {
  return a.ok == b.ok && a.output == b.output && a.offset == b.offset;
}

TEST_P(CodePointTest, EachCodePointMatchesReference) {
  const Options reference_options =
      icu_reference::ReferenceProfileOptions(profile());
  const Normalizer normalizer(profile());
  const std::string label = Label();
  int failures = 0;
  int checked = 0;
  for (char32_t c = 0; c <= kMaxCodePoint; ++c) {
    if (IsSurrogate(c)) continue;
    const std::string in = Input(context(), c);
    const Outcome expected = Reference(in, reference_options);
    const Outcome got = Production(normalizer, in);
    ++checked;
    if (Same(expected, got)) {
      const Outcome again = Production(normalizer, got.output);
      if (Same(again, got)) continue;
      if (++failures <= kMaxReported) {
        ADD_FAILURE() << SameOutcome(label +
                                         ": not idempotent (the input "
                                         "shown is the first output)",
                                     got.output, got, again)
                             .message()
                      << "\n  original input " << Escaped(in);
      }
    } else if (++failures <= kMaxReported) {
      ADD_FAILURE() << SameOutcome(label, in, expected, got).message();
    }
  }
  EXPECT_EQ(checked, 0x110000 - 0x800);
  EXPECT_EQ(failures, 0) << label << ": " << failures
                         << " code points differ; the first " << kMaxReported
                         << " are shown above";
}

// Code points in blocks of kBlock, each input on its own line: the batch
// puts code points next to each other's contexts and crosses every chunk
// boundary of the streaming interface. The batches of the "alone" context
// are also compared with the reference (in the other contexts that would
// repeat EachCodePointMatchesReference, LF being a boundary of every step).
TEST_P(CodePointTest, LineBatchesStreamAndMatchReference) {
  constexpr char32_t kBlock = 4096;
  const Options reference_options =
      icu_reference::ReferenceProfileOptions(profile());
  const Normalizer normalizer(profile());
  std::mt19937_64 rng(TestSeed() ^
                      static_cast<uint64_t>(std::get<1>(GetParam())));
  int failures = 0;
  for (char32_t first = 0; first <= kMaxCodePoint; first += kBlock) {
    std::string batch;
    for (char32_t c = first; c < first + kBlock && c <= kMaxCodePoint; ++c) {
      if (IsSurrogate(c)) continue;
      batch += Input(context(), c);
      batch += '\n';
    }
    if (batch.empty()) continue;
    char label[64];
    std::snprintf(label, sizeof(label), " block U+%04X..",
                  static_cast<unsigned>(first));
    const auto result = std::get<1>(GetParam()) == 0
                            ? CheckAll(Label() + label, normalizer,
                                       reference_options, batch, &rng)
                            : CheckProductionConsistency(
                                  Label() + label, normalizer, batch, &rng);
    if (!result && ++failures <= kMaxReported) {
      ADD_FAILURE() << result.message();
    }
  }
  EXPECT_EQ(failures, 0) << Label() << ": " << failures
                         << " blocks differ; the first " << kMaxReported
                         << " are shown above";
}

std::string ParamName(
    const ::testing::TestParamInfo<std::tuple<Profile, int>>& info) {
  return ProfileLabel(std::get<0>(info.param)) + "_" +
         kContexts[std::get<1>(info.param)].name;
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, CodePointTest,
                         ::testing::Combine(::testing::ValuesIn(TestProfiles()),
                                            ::testing::Range(0, kContextCount)),
                         ParamName);

}  // namespace
}  // namespace safi::differential
