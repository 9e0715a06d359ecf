// SPDX-License-Identifier: Apache-2.0
// Hostile inputs for every profile: random bytes, NULs, a long stream
// without a newline in bounded memory, a million marks on one letter, lone
// marks, bidi-control soup, lines of only tatweel and a huge single line.
// Each gets the documented result (checked against the ICU reference, or
// against an expectation that is first checked against it on a small
// instance); none may crash, hang or grow memory without bound.
//
// Sizes: the stream without a newline is 256 MiB per profile by default and
// 1 GiB with SAFI_HOSTILE_FULL=1; the single line is 32 MiB (512 MiB with
// SAFI_HOSTILE_FULL=1). Nothing asserts on time: the CTest TIMEOUT (see
// CMakeLists.txt) is the bound, far above what linear time needs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hostile_util.h"
#include "icu_reference.h"
#include "naive_reference.h"
#include "safi/normalizer.h"

namespace safi::hostile {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kPeakRssLimit = 256 * kMiB;
constexpr char32_t kShadda = 0x0651;
constexpr char32_t kFatha = 0x064E;
constexpr char32_t kTatweel = 0x0640;

const std::vector<Profile>& TestProfiles() {
  static const std::vector<Profile> profiles = {
      Profile::kSearch, Profile::kDedup, Profile::kDisplay, Profile::kNfc,
      Profile::kNfkc};
  return profiles;
}

std::string Label(Profile profile) { return ProfileName(profile); }

std::string ProfileParamName(const ::testing::TestParamInfo<Profile>& info) {
  return Label(info.param);
}

Options ReferenceOptions(Profile profile, InvalidUtf8 invalid) {
  Options options = icu_reference::ReferenceProfileOptions(profile);
  options.invalid = invalid;
  return options;
}

// Outcome of one normalization: ok and output, or the error offset.
struct Result {
  bool ok = true;
  std::string output;
  uint64_t offset = 0;

  bool operator==(const Result& other) const {
    return ok == other.ok &&
           (ok ? output == other.output : offset == other.offset);
  }
};

std::string Show(const Result& result) {
  if (!result.ok) return "invalid UTF-8 at " + std::to_string(result.offset);
  std::string text = icu_reference::Escape(result.output);
  if (text.size() > 600) text = text.substr(0, 600) + " ...";
  return std::to_string(result.output.size()) + " bytes: " + text;
}

std::string ShowInput(std::string_view in) {
  std::string text = icu_reference::Escape(in.substr(0, 400));
  if (in.size() > 400) text += " ... (" + std::to_string(in.size()) + " bytes)";
  return text;
}

Result Reference(std::string_view in, const Options& options) {
  Result result;
  size_t offset = 0;
  result.ok = icu_reference::Normalize(in, options, &result.output, &offset);
  result.offset = offset;
  return result;
}

// The one-shot string API. A status other than kOk and kInvalidUtf8 is
// reported as !ok at offset UINT64_MAX, which no expectation matches.
Result Production(const Normalizer& normalizer, std::string_view in) {
  Result result;
  const Status status = normalizer.Normalize(in, &result.output);
  result.ok = status.ok();
  result.offset =
      status.code == Status::kInvalidUtf8 ? status.offset : UINT64_MAX;
  return result;
}

// The Stream API over `in` in chunks of `chunk` bytes (chunk >= 1).
Result Streamed(const Normalizer& normalizer, std::string_view in,
                size_t chunk) {
  Result result;
  Normalizer::Stream stream(normalizer);
  for (size_t at = 0; at < in.size(); at += chunk) {
    const Status status = stream.Write(in.substr(at, chunk), &result.output);
    if (!status.ok()) {
      result.ok = false;
      result.offset =
          status.code == Status::kInvalidUtf8 ? status.offset : UINT64_MAX;
      return result;
    }
  }
  const Status status = stream.Finish(&result.output);
  result.ok = status.ok();
  result.offset =
      status.code == Status::kInvalidUtf8 ? status.offset : UINT64_MAX;
  return result;
}

::testing::AssertionResult Same(std::string_view what, std::string_view in,
                                const Result& expected, const Result& got) {
  if (got == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << "\n  input    " << ShowInput(in) << "\n  expected "
         << Show(expected) << "\n  got      " << Show(got);
}

// Production one-shot == reference in kReplace and kError mode; streaming
// in chunks of `chunk` bytes == one-shot; the output is valid UTF-8, at most
// MaxOutputSize bytes and a fixed point.
::testing::AssertionResult MatchesReference(Profile profile,
                                            std::string_view in, size_t chunk) {
  for (const InvalidUtf8 invalid :
       {InvalidUtf8::kReplace, InvalidUtf8::kError}) {
    const Options options = ReferenceOptions(profile, invalid);
    const Normalizer normalizer(options);
    const std::string mode =
        Label(profile) +
        (invalid == InvalidUtf8::kError ? " (kError)" : " (kReplace)");
    const Result got = Production(normalizer, in);
    auto same = Same(mode + ": production vs ICU reference", in,
                     Reference(in, options), got);
    if (!same) return same;
    same = Same(mode + ": stream in chunks of " + std::to_string(chunk) +
                    " vs one-shot",
                in, got, Streamed(normalizer, in, chunk));
    if (!same) return same;
    if (!got.ok) continue;
    size_t error_offset = 0;
    if (!ValidateUtf8(got.output, &error_offset) ||
        got.output.size() > Normalizer::MaxOutputSize(in.size())) {
      return ::testing::AssertionFailure()
             << mode << ": output invalid or too large\n  input "
             << ShowInput(in) << "\n  output " << Show(got);
    }
    same = Same(mode + ": normalizing the output again", got.output, got,
                Production(normalizer, got.output));
    if (!same) return same;
  }
  return ::testing::AssertionSuccess();
}

class HostileTest : public ::testing::TestWithParam<Profile> {};

// Uniformly random bytes, and bytes biased to lead and continuation bytes
// so that ill-formed and well-formed multi-byte sequences both occur.
TEST_P(HostileTest, RandomBytes) {
  std::mt19937_64 rng(TestSeed());
  int failures = 0;
  for (int i = 0; i < 3000 && failures < 5; ++i) {
    std::string in(rng() % 200, '\0');
    const bool biased = i % 2 == 1;
    for (char& c : in) {
      const uint64_t r = rng();
      if (!biased || r % 4 == 0) {
        c = static_cast<char>(r >> 8);
      } else {
        c = static_cast<char>((r % 4 == 1 ? 0xC0 : 0x80) | ((r >> 8) & 0x3F));
      }
    }
    const auto result = MatchesReference(GetParam(), in, 1 + i % 7);
    EXPECT_TRUE(result);
    failures += !result;
  }
  std::string big(kMiB, '\0');
  for (char& c : big) c = static_cast<char>(rng() >> 13);
  EXPECT_TRUE(MatchesReference(GetParam(), big, 65536));
}

// NUL is an ordinary character: a megabyte of NULs passes unchanged, and
// NULs between letters, marks, white space and ill-formed bytes get what the
// reference gives.
TEST_P(HostileTest, Nuls) {
  const std::string small(64 * 1024, '\0');
  EXPECT_TRUE(MatchesReference(GetParam(), small, 4096));
  const Normalizer normalizer(GetParam());
  const std::string nuls(kMiB, '\0');
  EXPECT_TRUE(Same("a megabyte of NULs", "(NULs)", Result{true, nuls, 0},
                   Production(normalizer, nuls)));
  std::vector<char> buffer(nuls.size());
  size_t out_len = 0;
  const Status status = normalizer.Normalize(
      nuls.data(), nuls.size(), buffer.data(), buffer.size(), &out_len);
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(out_len, nuls.size());
  EXPECT_TRUE(std::all_of(buffer.begin(), buffer.end(),
                          [](char c) { return c == '\0'; }));
  using namespace std::string_literals;
  for (const std::string& in :
       {"\0"s, "\xD8\xA8\0\xD9\x8E"s, "\0\xD9\x8E\xD9\x91"s, " \0 \0  "s,
        "\0\r\n\0\n\0"s, "\xD9\x84\0\xD8\xA7"s, "a\0\xCC\x81"s, "\xFF\0\xFE\0"s,
        "\0\xE2\x80\x8C\0"s, "\xD9\x80\0\xD9\x80"s}) {
    EXPECT_TRUE(MatchesReference(GetParam(), in, 1));
  }
}

// The long pattern of the stream and single-line tests: Arabic words with
// harakat, tatweel, presentation forms, ZWNJ, bidi marks, both kinds of
// digits, Latin with case folding, runs of horizontal white space, an
// ill-formed byte and U+FDFA; no line break. It starts and ends with a
// letter, so repetitions do not interact: N(P^k) = N(P)^k (checked).
std::string LinePattern() {
  return "كَتَبَ الطـــالبُ  الدرسَ\t\u00a0في ﻻ ﷺ \u200fالمدرسة\u200e "
         "كتاب\u200cها ٣٤٥ ۱۲ 2024 Straße İSTANBUL \xff «مرحبا»، "
         "\u202bنص\u202c \u3000 \ufdfa أإآ ىة ؤئ ۀی\u0654 ب";
}

// Checks that N(P + P) = N(P) + N(P) for `normalizer` and returns N(P).
std::string SeparableUnit(const Normalizer& normalizer,
                          const std::string& pattern) {
  std::string unit, twice;
  EXPECT_TRUE(normalizer.Normalize(pattern, &unit).ok());
  EXPECT_TRUE(normalizer.Normalize(pattern + pattern, &twice).ok());
  EXPECT_EQ(twice, unit + unit) << "the pattern is not separable";
  EXPECT_FALSE(unit.empty());
  return unit;
}

// A stream without a newline, fed in 1 MiB chunks and generated on the fly:
// the output is the repetition of the pattern's normalization, and peak
// memory stays under 256 MiB.
TEST_P(HostileTest, LongStreamWithoutNewline) {
  const uint64_t target = (FullSize() ? 1024 : 256) * kMiB;
  const Normalizer normalizer(GetParam());
  const std::string pattern = LinePattern();
  const std::string unit = SeparableUnit(normalizer, pattern);
  ASSERT_FALSE(HasFailure());
  const uint64_t repetitions = (target + pattern.size() - 1) / pattern.size();
  const uint64_t total = repetitions * pattern.size();
  const PeriodicText text(pattern, kMiB);
  RepetitionChecker checker(unit);

  const bool reset = ResetPeakRss();
  const std::optional<uint64_t> before = PeakRssBytes();
  Normalizer::Stream stream(normalizer);
  std::string out;
  for (uint64_t at = 0; at < total; at += kMiB) {
    const size_t length = static_cast<size_t>(std::min(kMiB, total - at));
    ASSERT_TRUE(stream.Write(text.Slice(at, length), &out).ok());
    ASSERT_TRUE(checker.Consume(out))
        << "output differs at byte " << *checker.mismatch();
    out.clear();
  }
  ASSERT_TRUE(stream.Finish(&out).ok());
  ASSERT_TRUE(checker.Consume(out))
      << "output differs at byte " << *checker.mismatch();
  EXPECT_EQ(checker.consumed(), repetitions * unit.size());

  const std::optional<uint64_t> after = PeakRssBytes();
  ASSERT_TRUE(before && after) << "cannot read VmHWM from /proc/self/status";
  std::printf("%s: %llu MiB streamed, peak RSS %llu MiB%s\n",
              Label(GetParam()).c_str(),
              static_cast<unsigned long long>(total / kMiB),
              static_cast<unsigned long long>(*after / kMiB),
              reset ? "" : " (peak not reset: growth checked)");
  if (reset) {
    EXPECT_LT(*after, kPeakRssLimit);
  } else {
    EXPECT_LT(*after - *before, kPeakRssLimit);
  }
}

// One huge line through the string API, the buffer API with a buffer of
// exactly the output size, and the Stream API. The line is a pattern P that
// ends in white space and invisibles, repeated, then a closing letter b:
// N(P^k b) = U^k b where U b = N(P b) (checked for k = 2).
TEST_P(HostileTest, HugeSingleLine) {
  const uint64_t target = (FullSize() ? 512 : 32) * kMiB;
  const Normalizer normalizer(GetParam());
  const std::string pattern = LinePattern() + "  \u200c\u200d\u2066 ";
  const std::string closing = "ب";
  std::string closed, twice;
  ASSERT_TRUE(normalizer.Normalize(pattern + closing, &closed).ok());
  ASSERT_TRUE(normalizer.Normalize(pattern + pattern + closing, &twice).ok());
  ASSERT_GT(closed.size(), closing.size());
  ASSERT_EQ(closed.substr(closed.size() - closing.size()), closing);
  const std::string unit = closed.substr(0, closed.size() - closing.size());
  ASSERT_EQ(twice, unit + unit + closing) << "the pattern is not separable";

  const size_t repetitions = static_cast<size_t>(target / pattern.size());
  const std::string line = Repeat(pattern, repetitions) + closing;
  std::string out;
  ASSERT_TRUE(normalizer.Normalize(line, &out).ok());
  ASSERT_EQ(out.size(), uint64_t{repetitions} * unit.size() + closing.size());
  RepetitionChecker checker(unit);
  EXPECT_TRUE(checker.Consume(
      std::string_view(out).substr(0, out.size() - closing.size())))
      << "string API output differs at byte " << *checker.mismatch();
  EXPECT_EQ(out.substr(out.size() - closing.size()), closing);

  std::string buffer(out.size(), '\0');
  size_t out_len = 0;
  EXPECT_TRUE(normalizer
                  .Normalize(line.data(), line.size(), buffer.data(),
                             buffer.size(), &out_len)
                  .ok());
  EXPECT_EQ(out_len, out.size());
  EXPECT_TRUE(buffer == out) << "buffer API output differs";

  const Result streamed = Streamed(normalizer, line, kMiB);
  EXPECT_TRUE(streamed.ok && streamed.output == out) << "stream output differs";
}

// Stable sort of marks by canonical combining class, with the classes that
// the reference check below confirms: fatha 30, shadda 33.
std::string SortedMarks(size_t pairs) {
  return Repeat(Utf8(kFatha), pairs) + Repeat(Utf8(kShadda), pairs);
}

// What a profile makes of `base` followed by `pairs` shadda-fatha pairs:
// the base's own normalization, then either nothing (remove_harakat) or the
// marks in canonical order. Checked against the ICU reference on 64 pairs
// before it is trusted for a million marks.
std::string MarksExpectation(Profile profile, const std::string& base,
                             size_t pairs) {
  const Options options = ReferenceOptions(profile, InvalidUtf8::kReplace);
  std::string expected;
  EXPECT_TRUE(icu_reference::Normalize(base, options, &expected, nullptr));
  if ((options.operations & kRemoveHarakat) == 0)
    expected += SortedMarks(pairs);
  return expected;
}

struct MarksCase {
  Profile profile;
  const char* base_name;
  std::string base;
};

// gtest prints parameters in test listings; raw bytes would include heap
// addresses.
void PrintTo(const MarksCase& param, std::ostream* os) {
  *os << Label(param.profile) << "_" << param.base_name;
}

class MillionMarksTest : public ::testing::TestWithParam<MarksCase> {};

// One base followed by a million alternating shadda and fatha: a single
// combining sequence of 2 MB, by the string API and the stream.
TEST_P(MillionMarksTest, OneCombiningSequence) {
  const MarksCase& param = GetParam();
  const std::string pair = Utf8(kShadda) + Utf8(kFatha);
  constexpr size_t kSmallPairs = 64;
  const std::string small = param.base + Repeat(pair, kSmallPairs);
  std::string reference;
  ASSERT_TRUE(icu_reference::Normalize(
      small, ReferenceOptions(param.profile, InvalidUtf8::kReplace), &reference,
      nullptr));
  ASSERT_EQ(icu_reference::Escape(reference),
            icu_reference::Escape(
                MarksExpectation(param.profile, param.base, kSmallPairs)))
      << "the expectation rule does not hold on " << kSmallPairs << " pairs";

  constexpr size_t kPairs = 500000;  // a million marks
  const std::string in = param.base + Repeat(pair, kPairs);
  const std::string expected =
      MarksExpectation(param.profile, param.base, kPairs);
  const Normalizer normalizer(param.profile);
  std::string out;
  ASSERT_TRUE(normalizer.Normalize(in, &out).ok());
  EXPECT_TRUE(out == expected)
      << "string API: " << out.size() << " bytes, expected " << expected.size();
  const Result streamed = Streamed(normalizer, in, 65536);
  EXPECT_TRUE(streamed.ok && streamed.output == expected)
      << "stream: " << streamed.output.size() << " bytes, expected "
      << expected.size();
}

std::vector<MarksCase> MarksCases() {
  std::vector<MarksCase> cases;
  for (const Profile profile : TestProfiles()) {
    cases.push_back({profile, "letter", Utf8(0x0628)});
    cases.push_back({profile, "nothing", ""});
    cases.push_back({profile, "tatweel", Utf8(kTatweel)});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Profiles, MillionMarksTest,
                         ::testing::ValuesIn(MarksCases()),
                         [](const ::testing::TestParamInfo<MarksCase>& info) {
                           return Label(info.param.profile) + "_" +
                                  info.param.base_name;
                         });

// Combining marks with no letter to attach to: at the start, after line
// breaks, white space, NUL, ill-formed bytes, invisibles, tatweel, digits;
// and the Arabic marks that compose (U+0653..U+0655) in both orders.
TEST_P(HostileTest, LoneMarks) {
  const std::string marks = "\u064e\u0651\u0655\u0654\u0670\u06e1\u0610";
  const std::vector<std::string> before = {
      "",       "\n",   "\r\n",   " ",      "\t",     std::string(1, '\0'),
      "\xff",   "\xd9", "\u200c", "\u200f", "\u202e", "\ufeff",
      "\u0640", "٣",    "\ufffd", "\uac00", "\u00a0", "\u2028"};
  for (const std::string& prefix : before) {
    EXPECT_TRUE(MatchesReference(GetParam(), prefix + marks, 1));
    EXPECT_TRUE(MatchesReference(GetParam(), "ب " + prefix + marks + " ب", 2));
  }
  for (const std::string in :
       {"\u0654\u0627", "\u0627\u0654", "\u0627\u0653", "\u0627\u0655",
        "\u0648\u0654", "\u064a\u0654", "\u06d5\u0654", "\u06c1\u0654",
        "\u0627\u064e\u0654", "\u0627\u0651\u0653", "\u0653\u0653\u0653"}) {
    EXPECT_TRUE(MatchesReference(GetParam(), in, 1));
  }
}

// The bidi-invisible set of remove_bidi_invisible (core/SEMANTICS.md).
bool IsBidiInvisible(char32_t c) {
  return c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x00AD;
}

// Random strings made mostly of bidi controls and invisibles around a few
// letters, marks, digits, spaces and line breaks.
TEST_P(HostileTest, BidiControlSoup) {
  const std::vector<char32_t> controls = {
      0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B,
      0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
      0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x00AD};
  const std::vector<std::string> others = {
      "ب", "ا", "ل", "\u064e", "٣", "1", " ", "\n", "(", ")", "a", "\u0654"};
  std::mt19937_64 rng(TestSeed() + 1);
  auto soup = [&](size_t pieces) {
    std::string s;
    for (size_t i = 0; i < pieces; ++i) {
      s += rng() % 10 < 7 ? Utf8(controls[rng() % controls.size()])
                          : others[rng() % others.size()];
    }
    return s;
  };
  int failures = 0;
  for (int i = 0; i < 2000 && failures < 5; ++i) {
    const auto result =
        MatchesReference(GetParam(), soup(rng() % 60), 1 + i % 5);
    EXPECT_TRUE(result);
    failures += !result;
  }
  const std::string big = soup(300000);
  EXPECT_TRUE(MatchesReference(GetParam(), big, 65536));
  const Options options = ReferenceOptions(GetParam(), InvalidUtf8::kReplace);
  if (options.operations & kRemoveBidiInvisible) {
    std::string out;
    ASSERT_TRUE(Normalizer(GetParam()).Normalize(big, &out).ok());
    const std::u32string cps = naive_reference::DecodeUtf8(out, nullptr);
    EXPECT_TRUE(std::none_of(cps.begin(), cps.end(), IsBidiInvisible))
        << "a bidi control or invisible survived remove_bidi_invisible";
  }
}

// Lines made only of tatweel (with white space and harakat in some), ended
// by every kind of line break. Lines do not interact, so a document
// normalizes to the concatenation of its lines' normalizations; that is
// checked against the reference on 400 lines, then used for 200,000.
TEST_P(HostileTest, TatweelOnlyLines) {
  const std::vector<std::string> endings = {"\n", "\r\n", "\n", "\u2028",
                                            "\r\n\n"};
  const std::string tatweel = Utf8(kTatweel);
  std::vector<std::string> lines;
  for (size_t k = 1; k <= 40; ++k) {
    std::string body = Repeat(tatweel, k);
    if (k % 5 == 0) body += " " + tatweel;
    if (k % 7 == 0) body = tatweel + "\u064e" + body + "\u0651";
    if (k % 11 == 0) body = "\t" + body + "  ";
    lines.push_back(body + endings[k % endings.size()]);
  }
  const Options options = ReferenceOptions(GetParam(), InvalidUtf8::kReplace);
  std::vector<std::string> line_outputs(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_TRUE(
        icu_reference::Normalize(lines[i], options, &line_outputs[i], nullptr));
  }
  auto document = [&](size_t count, std::string* expected) {
    std::string text;
    expected->clear();
    for (size_t i = 0; i < count; ++i) {
      const size_t k = (i * 7919) % lines.size();
      text += lines[k];
      *expected += line_outputs[k];
    }
    return text;
  };
  std::string expected;
  const std::string small = document(400, &expected);
  EXPECT_TRUE(MatchesReference(GetParam(), small, 3));
  std::string reference;
  ASSERT_TRUE(icu_reference::Normalize(small, options, &reference, nullptr));
  ASSERT_EQ(reference, expected) << "lines are not independent";

  const std::string big = document(200000, &expected);
  const Normalizer normalizer(GetParam());
  EXPECT_TRUE(Same("200000 tatweel lines", big, Result{true, expected, 0},
                   Production(normalizer, big)));
  EXPECT_TRUE(Same("200000 tatweel lines, streamed", big,
                   Result{true, expected, 0}, Streamed(normalizer, big, kMiB)));
}

INSTANTIATE_TEST_SUITE_P(Profiles, HostileTest,
                         ::testing::ValuesIn(TestProfiles()), ProfileParamName);

}  // namespace
}  // namespace safi::hostile
