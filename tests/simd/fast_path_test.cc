// SPDX-License-Identifier: Apache-2.0
// The SIMD fast path on every Highway target this CPU supports: output must
// equal the scalar path (SCALAR target) and the ICU reference byte for byte,
// with every special character at every offset of a vector block.
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "icu_reference.h"
#include "news_generator.h"
#include "safi/normalizer.h"
#include "safi/targets.h"

namespace safi {
namespace {

// Pieces that the fast path must hand to the scalar path, or handle exactly:
// composing hamza, marks, tatweel, CR/LF variants, runs of spaces, spaces
// before line breaks, NBSP, ZWNJ, presentation forms (composing with a
// following hamza or madda, ligatures, BOM), pairs and triples of marks in
// and out of canonical order, Latin with an accent,
// digits, punctuation, U+0080..U+00BF and U+2000..U+203F, ill-formed bytes,
// and stretches of 64 bytes and more without a segment start.
const std::vector<std::string>& SpecialPieces() {
  static const std::string long_word = [] {
    std::string word;
    for (int k = 0; k < 40; ++k) word += "\u0628";
    return word;
  }();
  static const std::string long_marks = [] {
    std::string marks = "\u0628";
    for (int k = 0; k < 35; ++k) marks += "\u0640\u064E";
    return marks;
  }();
  static const std::string long_presentation_word = [] {
    std::string word;
    for (int k = 0; k < 30; ++k) word += "\uFE92";
    return word;
  }();
  static const std::string long_vocalized = [] {
    std::string text;
    for (int k = 0; k < 30; ++k) {
      text += k % 3 == 0 ? "\u0628\u0651\u064E" : "\u062A\u064E\u0651";
    }
    return text;
  }();
  static const std::vector<std::string> pieces = {
      "\u0654",
      "\u0627\u0654",
      "\u0648\u0654",
      "\u064A\u064E\u0654",
      "\u064E",
      "\u0651\u064E",
      "\u064E\u0651",
      "\u0640",
      "\u0640\u064E",
      "\r",
      "\r\n",
      "\n",
      "\n\n",
      "  ",
      " \n",
      "\t",
      " \t ",
      "\n ",
      " ",
      "\u00A0",
      "\u200C",
      "\u200F",
      "\uFEFB",
      "\uFDFA",
      "e\u0301",
      "A",
      "\u0661\u0662",
      "123",
      "\u060C",
      "\u061F",
      ".",
      "\u0622",
      "\u0629",
      "\u0649",
      "\u06CC",
      "\u0675",
      "\xD8",
      "\xD9\x20",
      "\x80",
      "\xC3",
      "\u0610",
      "\u06ED",
      "\u0670",
      "\u0653",
      "\u0655",
      "\u06C0",
      "\r\u0645\r\n",
      "\u00A0\u00A0",
      " \u00A0\n",
      "\u00AB\u00BB",
      "\u00A9",
      "\u0085",
      "\u00B2",
      "\u00B4",
      "\u2013",
      "\u2026",
      "\u2025\u2024",
      "\u201C\u201D",
      "\u2028",
      "\u202F",
      "\u2033",
      " \u200F ",
      "\u200B\u200D",
      "\xE2\x80",
      "\xC2\x41",
      long_word,
      long_word + "\u0654",
      long_marks,
      long_marks + "\u0654",
      "\uFEB3\uFEE8\uFEE8\uFEA0\uFEEA",
      "\uFE8D\u0654",
      "\uFE8D\u0653",
      "\uFE8E\u064E",
      "\uFEEF\u0670",
      "\uFE80",
      "\uFEFC",
      "\uFEF5\u0653",
      "\uFEFF",
      "\uFE70",
      "\uFE93\u0640",
      "\uFEED\u0654",
      "\xEF\xBB",
      "\xEF\xBA\x41",
      "\xEF\xBB\xBF\xBF",
      long_presentation_word,
      "\u0651\u064E\u0652",
      "a\u0651\u064E",
      "\uFEB3\u0651\u064E",
      "\u0628\u064B\u0651",
      "\u0628\u0651\u0670",
      "\u0628\u0651\u0654",
      "\u0628\u0651\u064E\u0640\u064F",
      long_vocalized,
  };
  return pieces;
}

// Plain Arabic prose: letters and single spaces, no special piece.
std::string PlainArabic(size_t bytes, uint64_t seed) {
  static const char* const kWords[] = {
      "كتب", "الطالب", "درس",      "في", "مدينة",     "بيروت",
      "قال", "وزير",   "الخارجية", "ان", "المحادثات", "مستمرة"};
  std::mt19937_64 rng(seed);
  std::string text;
  while (text.size() < bytes) {
    if (!text.empty()) text += ' ';
    text += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
  }
  return text;
}

std::string Hex(const std::string& s) { return icu_reference::Escape(s); }

class FastPathTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(ForceTarget(GetParam(), &error)) << error;
  }
  void TearDown() override {
    std::string error;
    ForceTarget("auto", &error);
  }

  // Output on the target under test and on the scalar path.
  static void Both(const Normalizer& n, const std::string& in,
                   std::string* target_out, std::string* scalar_out) {
    ASSERT_TRUE(n.Normalize(in, target_out).ok());
    std::string error;
    ASSERT_TRUE(ForceTarget("SCALAR", &error)) << error;
    ASSERT_TRUE(n.Normalize(in, scalar_out).ok());
    ASSERT_TRUE(ForceTarget(GetParam(), &error)) << error;
  }

  // Both paths of n on in against the ICU reference with options; context
  // names the case in a failure.
  static void ExpectBothEqualReference(const Normalizer& n,
                                       const Options& options,
                                       const std::string& in,
                                       const std::string& context) {
    std::string fast, scalar, reference;
    size_t error_offset = 0;
    Both(n, in, &fast, &scalar);
    ASSERT_TRUE(
        icu_reference::Normalize(in, options, &reference, &error_offset));
    ASSERT_EQ(fast, reference) << context;
    ASSERT_EQ(scalar, reference) << context;
  }
};

TEST_P(FastPathTest, SpecialPieceAtEveryOffset) {
  const std::string base = PlainArabic(400, 1);
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    const Options options = ProfileOptions(profile);
    for (const std::string& piece : SpecialPieces()) {
      for (size_t offset = 150; offset < 150 + 130; ++offset) {
        std::string in = base;
        in.insert(offset, piece);
        ASSERT_NO_FATAL_FAILURE(ExpectBothEqualReference(
            normalizer, options, in,
            std::string(ProfileName(profile)) + " piece " + Hex(piece) +
                " at " + std::to_string(offset)));
      }
    }
  }
}

// Every special piece in the last bytes of the input, which the fast path
// takes from a padded copy (with an end marker when the input ends there),
// after a long prefix and in inputs too short for a whole block.
TEST_P(FastPathTest, SpecialPieceNearTheEnd) {
  const std::string tail = PlainArabic(100, 2);
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    const Options options = ProfileOptions(profile);
    for (size_t prefix : {20, 300}) {
      const std::string base = PlainArabic(prefix, 3) + ' ';
      for (const std::string& piece : SpecialPieces()) {
        for (size_t after = 0; after <= 70; ++after) {
          const std::string in = base + piece + tail.substr(0, after);
          ASSERT_NO_FATAL_FAILURE(ExpectBothEqualReference(
              normalizer, options, in,
              std::string(ProfileName(profile)) + " piece " + Hex(piece) +
                  " then " + std::to_string(after)));
        }
      }
    }
  }
}

// A CR LF whose CR ends a block that holds no other segment start (a run
// of tatweel, which the search profiles delete), near the end of the
// input, where the fast path hands back at the last segment start of its
// last block: the CR, at every lane, must not pass for one.
TEST_P(FastPathTest, DroppedCrAtBlockEnd) {
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    const Options options = ProfileOptions(profile);
    for (int tatweels = 31; tatweels <= 33; ++tatweels) {
      std::string run;
      for (int k = 0; k < tatweels; ++k) run += "\u0640";
      for (size_t prefix = 1; prefix < 140; ++prefix) {
        for (const char* tail : {"x", "xyz"}) {
          const std::string in =
              std::string(prefix, 'a') + run + "\r\n" + std::string(tail);
          std::string fast, scalar, reference;
          size_t error_offset = 0;
          Both(normalizer, in, &fast, &scalar);
          ASSERT_TRUE(
              icu_reference::Normalize(in, options, &reference, &error_offset));
          ASSERT_EQ(fast, reference)
              << ProfileName(profile) << " prefix " << prefix << " " << Hex(in);
          ASSERT_EQ(scalar, reference) << ProfileName(profile);
        }
      }
    }
  }
}

// Ligatures write more bytes than they read (three bytes of U+FEFB, four
// of lam and alef): runs of them, alone or between letters of both kinds,
// into a caller buffer of exactly the output size followed by guard bytes,
// which must stay untouched (the fast path stops before its output runs
// far ahead of its input).
TEST_P(FastPathTest, LigatureRunsIntoExactBuffer) {
  constexpr size_t kGuard = 256;
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    for (const char* filler : {"", "\uFEB3", "\u0628", " ", "a"}) {
      for (int run = 1; run <= 400; run += (run < 70 ? 1 : 37)) {
        std::string in = "\u0643\u0644\u0645 ";
        for (int k = 0; k < run; ++k) in += std::string("\uFEFB") + filler;
        in += " \u0646";
        std::string fast, scalar;
        Both(normalizer, in, &fast, &scalar);
        ASSERT_EQ(fast, scalar) << ProfileName(profile) << " " << Hex(in);
        std::vector<char> buffer(scalar.size() + kGuard, '\x5A');
        size_t written = 0;
        ASSERT_TRUE(normalizer
                        .Normalize(in.data(), in.size(), buffer.data(),
                                   scalar.size(), &written)
                        .ok());
        ASSERT_EQ(std::string(buffer.data(), written), scalar)
            << ProfileName(profile) << " run " << run;
        for (size_t k = scalar.size(); k < buffer.size(); ++k) {
          ASSERT_EQ(buffer[k], '\x5A')
              << ProfileName(profile) << " run " << run << " guard " << k;
        }
      }
    }
  }
}

TEST_P(FastPathTest, RandomMixturesEqualScalar) {
  std::mt19937_64 rng(20261129);
  const auto& pieces = SpecialPieces();
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    for (int round = 0; round < 300; ++round) {
      std::string in = PlainArabic(64 + rng() % 1500, rng());
      const int specials = static_cast<int>(rng() % 12);
      for (int k = 0; k < specials; ++k) {
        in.insert(rng() % in.size(), pieces[rng() % pieces.size()]);
      }
      std::string fast, scalar;
      Both(normalizer, in, &fast, &scalar);
      ASSERT_EQ(fast, scalar) << ProfileName(profile) << " " << Hex(in);
    }
  }
}

TEST_P(FastPathTest, GeneratedCorporaEqualScalarAndReference) {
  for (corpus::Variant variant : corpus::AllVariants()) {
    const std::string text = corpus::Generate(variant, 256 << 10, 7);
    for (Profile profile : AllProfiles()) {
      const Normalizer normalizer(profile);
      std::string fast, scalar, reference;
      Both(normalizer, text, &fast, &scalar);
      ASSERT_EQ(fast, scalar)
          << corpus::VariantName(variant) << " " << ProfileName(profile);
      // The ICU reference is slow: check a 32 KiB prefix cut at a line end.
      const std::string prefix = text.substr(0, text.find('\n', 32 << 10) + 1);
      std::string fast_prefix;
      size_t error_offset = 0;
      ASSERT_TRUE(normalizer.Normalize(prefix, &fast_prefix).ok());
      ASSERT_TRUE(icu_reference::Normalize(prefix, ProfileOptions(profile),
                                           &reference, &error_offset));
      ASSERT_EQ(fast_prefix, reference)
          << corpus::VariantName(variant) << " " << ProfileName(profile);
    }
  }
}

TEST_P(FastPathTest, StreamingSplitsEqualOneShot) {
  const std::string text =
      corpus::Generate(corpus::Variant::kNews, 128 << 10, 3);
  std::mt19937_64 rng(5);
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    std::string one_shot;
    ASSERT_TRUE(normalizer.Normalize(text, &one_shot).ok());
    Normalizer::Stream stream(normalizer);
    std::string streamed;
    for (size_t pos = 0; pos < text.size();) {
      const size_t n = std::min<size_t>(text.size() - pos, 1 + rng() % 700);
      ASSERT_TRUE(
          stream.Write(std::string_view(text).substr(pos, n), &streamed).ok());
      pos += n;
    }
    ASSERT_TRUE(stream.Finish(&streamed).ok());
    ASSERT_EQ(streamed, one_shot) << ProfileName(profile);
  }
}

// Every special piece split between two stream writes at every byte: the
// first write ends in a padded copy without end marker, as a following
// write may bring marks that join the last character (a hamza after alef).
TEST_P(FastPathTest, StreamSplitInSpecialPieceEqualsOneShot) {
  for (Profile profile : AllProfiles()) {
    const Normalizer normalizer(profile);
    for (const std::string& piece : SpecialPieces()) {
      const std::string in =
          PlainArabic(40, 4) + ' ' + piece + ' ' + PlainArabic(40, 5);
      std::string one_shot;
      ASSERT_TRUE(normalizer.Normalize(in, &one_shot).ok());
      for (size_t split = 0; split <= in.size(); ++split) {
        Normalizer::Stream stream(normalizer);
        std::string streamed;
        const std::string_view view(in);
        ASSERT_TRUE(stream.Write(view.substr(0, split), &streamed).ok());
        ASSERT_TRUE(stream.Write(view.substr(split), &streamed).ok());
        ASSERT_TRUE(stream.Finish(&streamed).ok());
        ASSERT_EQ(streamed, one_shot) << ProfileName(profile) << " piece "
                                      << Hex(piece) << " split at " << split;
      }
    }
  }
}

// Texts that begin and end in the whitespace and line-break states that
// the engine carries along a text (a CR waiting for its LF, pending or
// leading spaces, an open segment, half a character): one-shot calls of one
// Normalizer, which reuse its engine, must each start afresh.
std::vector<std::string> TextsWithOpenEnds(uint64_t seed) {
  static const char* const kEnds[] = {"",       "\r",    "\n",   "  ",
                                      " \t",    "\r\n",  "\xD8", "\u064E",
                                      "\u0627", "\u0654"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (int k = 0; k < 200; ++k) {
    const size_t body = k % 4 == 0 ? 0 : rng() % 400;
    texts.push_back(std::string(kEnds[rng() % 10]) + PlainArabic(body, rng()) +
                    kEnds[rng() % 10]);
  }
  return texts;
}

TEST_P(FastPathTest, OneShotCallsOfOneNormalizerStartAfresh) {
  const std::vector<std::string> texts = TextsWithOpenEnds(11);
  for (Profile profile : AllProfiles()) {
    const Normalizer reused(profile);
    for (size_t k = 0; k < texts.size(); ++k) {
      const Normalizer fresh(profile);
      std::string expected, got;
      ASSERT_TRUE(fresh.Normalize(texts[k], &expected).ok());
      ASSERT_TRUE(reused.Normalize(texts[k], &got).ok());
      ASSERT_EQ(got, expected) << ProfileName(profile) << " " << Hex(texts[k]);
      // The fixed-buffer call, also into a buffer too small for the text.
      std::vector<char> buffer(expected.size() + 1);
      size_t written = 0;
      ASSERT_TRUE(reused
                      .Normalize(texts[k].data(), texts[k].size(),
                                 buffer.data(), buffer.size(), &written)
                      .ok());
      ASSERT_EQ(std::string(buffer.data(), written), expected);
      if (!expected.empty()) {
        EXPECT_EQ(reused
                      .Normalize(texts[k].data(), texts[k].size(),
                                 buffer.data(), expected.size() / 2, &written)
                      .code,
                  Status::kOutputTooSmall);
      }
    }
  }
}

// One Normalizer (and a copy of it) shared by threads that call it at once:
// each call gets an engine of its own.
TEST_P(FastPathTest, ThreadsSharingANormalizerGetTheirOwnResults) {
  const std::vector<std::string> texts = TextsWithOpenEnds(12);
  const Normalizer normalizer(Profile::kDedup);
  const Normalizer copy = normalizer;
  std::vector<std::string> expected(texts.size());
  for (size_t k = 0; k < texts.size(); ++k) {
    ASSERT_TRUE(
        Normalizer(Profile::kDedup).Normalize(texts[k], &expected[k]).ok());
  }
  constexpr int kThreads = 4;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Normalizer& mine = t % 2 == 0 ? normalizer : copy;
      std::string out;
      for (int round = 0; round < 20; ++round) {
        for (size_t k = 0; k < texts.size(); ++k) {
          const size_t i = (k * 7 + t * 13 + round) % texts.size();
          if (!mine.Normalize(texts[i], &out).ok() || out != expected[i]) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << t;
}

INSTANTIATE_TEST_SUITE_P(AllSupportedTargets, FastPathTest,
                         ::testing::ValuesIn(SupportedTargets()),
                         [](const auto& info) { return info.param; });

TEST(TargetsTest, UnknownOrUnsupportedTargetIsAnError) {
  std::string error;
  EXPECT_FALSE(ForceTarget("AVX9000", &error));
  EXPECT_NE(error.find("unknown target"), std::string::npos) << error;
  EXPECT_TRUE(ForceTarget("auto", &error));
  EXPECT_FALSE(SupportedTargets().empty());
  EXPECT_EQ(ActiveTarget(), SupportedTargets().front());
}

}  // namespace
}  // namespace safi
