// SPDX-License-Identifier: Apache-2.0
// Self-test of the ICU reference normalizer against hand-computed vectors,
// the exact sets of core/SEMANTICS.md and the flenniken UTF-8 test files.
#include "icu_reference.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "spec_vectors.h"

namespace safi::icu_reference {
namespace {

using safi::Form;
using safi::Options;
using safi::Profile;

std::string NormalizeOrDie(std::string_view in, const Options& options) {
  std::string out;
  size_t offset = 0;
  EXPECT_TRUE(Normalize(in, options, &out, &offset))
      << "input " << Escape(in) << " error at " << offset;
  return out;
}

std::string NormalizeProfile(std::string_view in, Profile profile) {
  return NormalizeOrDie(in, ReferenceProfileOptions(profile));
}


// Reads a whole file; empty with a test failure if it cannot be opened.
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(IcuReferenceTest, SpecVectors) {
  int checked = 0;
  for (const auto& v : safi::spec_vectors::kSpecVectors) {
    const std::string got = NormalizeProfile(v.input, v.profile);
    EXPECT_EQ(got, v.expected)
        << "profile " << static_cast<int>(v.profile) << " (" << v.source
        << ")\n  input    " << Escape(v.input) << "\n  expected "
        << Escape(v.expected) << "\n  got      " << Escape(got);
    ++checked;
  }
  EXPECT_GE(checked, 100);
}

TEST(IcuReferenceTest, SpecVectorsAreFixedPointsInTheirForm) {
  for (const auto& v : safi::spec_vectors::kSpecVectors) {
    const Options options = ReferenceProfileOptions(v.profile);
    const std::string once = NormalizeOrDie(v.input, options);
    EXPECT_EQ(NormalizeOrDie(once, options), once) << Escape(v.input);
    EXPECT_TRUE(IsNormalized(once, options.form)) << Escape(once);
  }
}

TEST(IcuReferenceTest, NulIsAnOrdinaryCharacter) {
  const std::string in("a\0b\0", 4);
  EXPECT_EQ(NormalizeProfile(in, Profile::kNfc), in);
  EXPECT_EQ(NormalizeProfile(in, Profile::kSearch), in);
  EXPECT_EQ(NormalizeProfile(std::string("\0 \0", 3), Profile::kSearch),
            std::string("\0 \0", 3));
}

// The horizontal white space of SEMANTICS.md step 4, as listed there.
bool IsListedHorizontalSpace(char32_t c) {
  return c == 0x0009 || c == 0x000B || c == 0x000C || c == 0x0020 ||
         c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// White_Space minus the line breaks (what the reference derives from ICU)
// equals the list in SEMANTICS.md: with collapse_whitespace alone, "a" c "b"
// becomes "a b" exactly for the listed code points. All White_Space code
// points are in the BMP.
TEST(IcuReferenceTest, HorizontalSpaceSetMatchesTheSpecList) {
  Options options;
  options.form = Form::kNfc;
  options.operations = safi::kCollapseWhitespace;
  int collapsed = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string in = "a" + Utf8(c) + "b";
    const std::string got = NormalizeOrDie(in, options);
    if (IsListedHorizontalSpace(c)) {
      EXPECT_EQ(got, "a b") << Escape(in);
      ++collapsed;
    } else {
      EXPECT_NE(got, "a b") << Escape(in);
    }
  }
  EXPECT_EQ(collapsed, 20);
}

TEST(IcuReferenceTest, WhitespaceRulesWithoutLineBreaks) {
  Options collapse_only;
  collapse_only.form = Form::kNfc;
  collapse_only.operations = safi::kCollapseWhitespace;
  // Only LF trims; CR, NEL, LS, PS stay and do not trim.
  EXPECT_EQ(NormalizeOrDie("a \r b", collapse_only), "a \r b");
  EXPECT_EQ(NormalizeOrDie("a \n b", collapse_only), "a\nb");
  EXPECT_EQ(NormalizeOrDie(" \u2028 ", collapse_only), "\u2028");
  EXPECT_EQ(NormalizeOrDie("x \u0085\t\u2029  y", collapse_only),
            "x \u0085 \u2029 y");
  Options breaks_only;
  breaks_only.form = Form::kNfc;
  breaks_only.operations = safi::kLineBreaks;
  EXPECT_EQ(NormalizeOrDie(" a \r\r\n\u0085 ", breaks_only), " a \n\n\n ");
}

TEST(IcuReferenceTest, OperationPriority) {
  Options options;
  options.form = Form::kNfc;
  // Deletion of U+200C wins over zwnj_to_space.
  options.operations = safi::kRemoveZwnjZwj | safi::kZwnjToSpace;
  EXPECT_EQ(NormalizeOrDie("a\u200Cb", options), "ab");
  // remove_bidi_invisible wins over presentation_forms for U+FEFF.
  options.operations = safi::kPresentationForms;
  EXPECT_EQ(NormalizeOrDie("a\uFEFFb", options), "a\uFEFFb");
  options.operations |= safi::kRemoveBidiInvisible;
  EXPECT_EQ(NormalizeOrDie("a\uFEFFb", options), "ab");
  // U+FD3E ORNATE LEFT PARENTHESIS (Ps) lies in the presentation-form block
  // but its NFKC is itself, so presentation_forms does not match it and
  // punctuation applies; alone, presentation_forms leaves it.
  options.operations =
      safi::kPresentationForms | safi::kPunctuationSymbolsToSpace;
  EXPECT_EQ(NormalizeOrDie("a\uFD3Eb", options), "a b");
  options.operations = safi::kPresentationForms;
  EXPECT_EQ(NormalizeOrDie("a\uFD3Eb", options), "a\uFD3Eb");
  // U+FE89 (yeh with hamza, isolated) matches presentation_forms first.
  options.operations =
      safi::kPresentationForms | safi::kPunctuationSymbolsToSpace;
  EXPECT_EQ(NormalizeOrDie("a\uFE89b", options), "a\u0626b");
  // Punctuation wins over case folding; letters fold.
  options.operations = safi::kPunctuationSymbolsToSpace | safi::kCaseFold;
  EXPECT_EQ(NormalizeOrDie("A\u00BFB", options), "a b");
}

TEST(IcuReferenceTest, ErrorModeOffsets) {
  struct Case {
    std::string input;
    size_t offset;  // std::string_view::npos: well-formed
  };
  const Case cases[] = {
      {"ab\xC0\x80", 2},
      {"\xED\xA0\x80", 0},
      {"a\xF4\x90\x80\x80", 1},
      {"abc\xE2\x82", 3},
      {"\xE2\x82\x41", 0},
      {"\xD8\xA7\xD8", 2},
      {"\xD8\xA7\x80", 2},
      {"\xEF\xBF\xBD", std::string_view::npos},
      {std::string("ok\0", 3), std::string_view::npos},
      {"", std::string_view::npos},
  };
  Options options = ReferenceProfileOptions(Profile::kSearch);
  options.invalid = safi::InvalidUtf8::kError;
  for (const Case& c : cases) {
    std::string out = "stale";
    size_t offset = 12345;
    const bool ok = Normalize(c.input, options, &out, &offset);
    EXPECT_EQ(FirstIllFormedOffset(c.input), c.offset) << Escape(c.input);
    if (c.offset == std::string_view::npos) {
      EXPECT_TRUE(ok) << Escape(c.input);
      EXPECT_EQ(out, NormalizeProfile(c.input, Profile::kSearch));
    } else {
      EXPECT_FALSE(ok) << Escape(c.input);
      EXPECT_EQ(offset, c.offset) << Escape(c.input);
      EXPECT_TRUE(out.empty());
    }
  }
}

TEST(IcuReferenceTest, EscapeShowsCodePointsAndIllFormedBytes) {
  EXPECT_EQ(Escape("a\xD8\xA7\xE2\x82z\xFF"),
            "U+0061 U+0627 <E2 82> U+007A <FF>");
  EXPECT_EQ(Escape(""), "(empty)");
}

TEST(IcuReferenceTest, IcuNfkcUtf8MatchesTheNfkcProfile) {
  const char* inputs[] = {"\uFDFA", "\uFEFB\uFE83", "A\u030A\u1E9B\u0323",
                          "plain ascii", "\u3000\u00A0x"};
  for (const char* in : inputs) {
    EXPECT_EQ(IcuNfkcUtf8(in), NormalizeProfile(in, Profile::kNfkc))
        << Escape(in);
  }
}

// flenniken/utf8tests: utf8tests.bin holds one test per line
// ("num:valid:bytes" / "num:invalid:bytes"); utf8.replace.ref.txt is the same
// file with each maximal subpart replaced by U+FFFD. The nfc profile must
// reproduce it byte for byte (the expected text is already NFC), and kError
// mode must fail exactly on the invalid lines.
class FlennikenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dir = std::getenv("SAFI_CORPORA_DIR");
    if (dir == nullptr || *dir == '\0') {
      GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: skipping the flenniken "
                      "UTF-8 tests (set it to ../shared/corpora)";
    }
    const std::string base =
        std::string(dir) + "/unicode-conformance/utf8/flenniken-";
    bin_ = ReadFile(base + "utf8tests.bin");
    ref_ = ReadFile(base + "utf8.replace.ref.txt");
    ASSERT_FALSE(bin_.empty());
    ASSERT_FALSE(ref_.empty());
  }
  std::string bin_;
  std::string ref_;
};

TEST_F(FlennikenTest, WholeFileMatchesReplaceRef) {
  EXPECT_TRUE(NormalizeProfile(bin_, Profile::kNfc) == ref_)
      << "nfc(flenniken-utf8tests.bin) != flenniken-utf8.replace.ref.txt";
}

TEST_F(FlennikenTest, EachLineMatchesReplaceRef) {
  const std::vector<std::string> bin_lines = SplitLines(bin_);
  const std::vector<std::string> ref_lines = SplitLines(ref_);
  ASSERT_EQ(bin_lines.size(), ref_lines.size());
  Options error_mode = ReferenceProfileOptions(Profile::kNfc);
  error_mode.invalid = safi::InvalidUtf8::kError;
  int valid = 0;
  int invalid = 0;
  for (size_t i = 0; i < bin_lines.size(); ++i) {
    const std::string& line = bin_lines[i];
    EXPECT_EQ(NormalizeProfile(line, Profile::kNfc), ref_lines[i])
        << "line " << i + 1 << ": " << Escape(line);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    ASSERT_NE(colon, std::string::npos) << line;
    const bool marked_valid = line.compare(colon, 7, ":valid:") == 0;
    const bool marked_invalid = line.compare(colon, 9, ":invalid:") == 0;
    ASSERT_TRUE(marked_valid || marked_invalid) << line;
    std::string out;
    size_t offset = 0;
    const bool ok = Normalize(line, error_mode, &out, &offset);
    EXPECT_EQ(ok, marked_valid) << "line " << i + 1 << ": " << Escape(line);
    if (!ok) {
      EXPECT_GE(offset, colon + 9) << Escape(line);
      EXPECT_LT(offset, line.size()) << Escape(line);
    }
    (marked_valid ? valid : invalid)++;
  }
  EXPECT_GT(valid, 50);
  EXPECT_GT(invalid, 100);
}

}  // namespace
}  // namespace safi::icu_reference
