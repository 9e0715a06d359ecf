// SPDX-License-Identifier: Apache-2.0
// Unicode conformance of the production nfc and nfkc profiles:
// NormalizationTest.txt (Unicode 15.0.0), every line and the Part 1
// invariance rule, and the flenniken UTF-8 replacement cases byte for byte.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "differential_util.h"
#include "icu_reference.h"

namespace safi::differential {
namespace {

constexpr int kMaxReported = 10;

// Decompresses a .bz2 file with a child `bzip2 -dc`; nullopt on failure.
std::optional<std::string> ReadBzip2(const std::string& path) {
  const std::string command = "bzip2 -dc '" + path + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string text;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    text.append(buffer, n);
  }
  if (pclose(pipe) != 0) return std::nullopt;
  return text;
}

// NormalizationTest.txt of Unicode 15.0.0: from $SAFI_CORPORA_DIR when set,
// else from the unicode-data package. `source` receives the path used.
std::optional<std::string> LoadNormalizationTest(std::string* source) {
  if (const auto dir = CorporaDir()) {
    *source = *dir +
              "/unicode-conformance/normalization/NormalizationTest-15.0.0.txt";
    if (auto text = ReadFile(*source)) return text;
  }
  *source = SAFI_NORMALIZATION_TEST_BZ2;
  return ReadBzip2(*source);
}

// "1E0A 0323" -> UTF-8.
std::string ParseCodePoints(const std::string& field) {
  std::istringstream in(field);
  std::string out;
  std::string hex;
  while (in >> hex)
    out += Utf8(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  return out;
}

struct TestLine {
  int line_number;
  int part;
  std::string c[5];
};

std::vector<TestLine> ParseNormalizationTest(const std::string& text) {
  std::vector<TestLine> lines;
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  int part = -1;
  while (std::getline(in, line)) {
    ++line_number;
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    if (line[0] == '@') {
      part = std::stoi(line.substr(5));
      continue;
    }
    TestLine test{line_number, part, {}};
    size_t start = 0;
    for (int column = 0; column < 5; ++column) {
      const size_t semicolon = line.find(';', start);
      if (semicolon == std::string::npos) {
        ADD_FAILURE() << "malformed line " << line_number << ": " << line;
        break;
      }
      test.c[column] = ParseCodePoints(line.substr(start, semicolon - start));
      start = semicolon + 1;
    }
    lines.push_back(std::move(test));
  }
  return lines;
}

class NormalizationTestFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string source;
    const auto text = LoadNormalizationTest(&source);
    if (!text) return;
    source_ = new std::string(source);
    if (text->find("# NormalizationTest-15.0.0.txt") == std::string::npos) {
      return;  // wrong version; the test reports it
    }
    lines_ = new std::vector<TestLine>(ParseNormalizationTest(*text));
  }
  static void TearDownTestSuite() {
    delete lines_;
    lines_ = nullptr;
    delete source_;
    source_ = nullptr;
  }
  void SetUp() override {
    if (source_ == nullptr) {
      GTEST_SKIP() << "NormalizationTest.txt not found: install unicode-data "
                      "(" SAFI_NORMALIZATION_TEST_BZ2
                      ") or set SAFI_CORPORA_DIR";
    }
    ASSERT_NE(lines_, nullptr) << *source_ << " is not version 15.0.0";
    ASSERT_GT(lines_->size(), 19000u) << *source_;
  }

  // Checks c[expected] == normalize(c[input]) with the production profile
  // `profile` (nfc or nfkc) and with the reference; counts and reports
  // failures.
  void Check(Profile profile, const TestLine& line, int expected, int input,
             int* failures) {
    static const Normalizer* const nfc = new Normalizer(Profile::kNfc);
    static const Normalizer* const nfkc = new Normalizer(Profile::kNfkc);
    const Normalizer& normalizer = profile == Profile::kNfc ? *nfc : *nfkc;
    const std::string& in = line.c[input];
    const Outcome want{true, line.c[expected], 0};
    const std::string what =
        "NormalizationTest line " + std::to_string(line.line_number) + ": c" +
        std::to_string(expected + 1) + " == " + ProfileLabel(profile) + "(c" +
        std::to_string(input + 1) + ")";
    auto same = SameOutcome(what + " (production)", in, want,
                            Production(normalizer, in));
    if (!same && ++*failures <= kMaxReported) ADD_FAILURE() << same.message();
    same = SameOutcome(
        what + " (ICU reference)", in, want,
        Reference(in, icu_reference::ReferenceProfileOptions(profile)));
    if (!same && ++*failures <= kMaxReported) ADD_FAILURE() << same.message();
  }

  static std::string* source_;
  static std::vector<TestLine>* lines_;
};

std::string* NormalizationTestFile::source_ = nullptr;
std::vector<TestLine>* NormalizationTestFile::lines_ = nullptr;

TEST_F(NormalizationTestFile, NfcAllLines) {
  int failures = 0;
  for (const TestLine& line : *lines_) {
    // c2 == NFC(c1) == NFC(c2) == NFC(c3); c4 == NFC(c4) == NFC(c5).
    for (int input : {0, 1, 2}) Check(Profile::kNfc, line, 1, input, &failures);
    for (int input : {3, 4}) Check(Profile::kNfc, line, 3, input, &failures);
  }
  EXPECT_EQ(failures, 0) << failures << " NFC checks failed on "
                         << lines_->size() << " lines of " << *source_;
}

TEST_F(NormalizationTestFile, NfkcAllLines) {
  int failures = 0;
  for (const TestLine& line : *lines_) {
    // c4 == NFKC(c1) == NFKC(c2) == NFKC(c3) == NFKC(c4) == NFKC(c5).
    for (int input = 0; input < 5; ++input) {
      Check(Profile::kNfkc, line, 3, input, &failures);
    }
  }
  EXPECT_EQ(failures, 0) << failures << " NFKC checks failed on "
                         << lines_->size() << " lines of " << *source_;
}

// Part 1 rule: every code point not listed in column 1 of Part 1 is its own
// NFC and NFKC.
TEST_F(NormalizationTestFile, UnlistedCodePointsAreInvariant) {
  std::set<std::string> listed;
  for (const TestLine& line : *lines_) {
    if (line.part == 1) listed.insert(line.c[0]);
  }
  ASSERT_GT(listed.size(), 10000u);
  const Normalizer nfc(Profile::kNfc);
  const Normalizer nfkc(Profile::kNfkc);
  int failures = 0;
  int checked = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string in = Utf8(c);
    if (listed.count(in) != 0) continue;
    ++checked;
    const Outcome want{true, in, 0};
    for (const Normalizer* n : {&nfc, &nfkc}) {
      const auto same = SameOutcome(
          std::string("NormalizationTest Part 1: unlisted code point changes "
                      "under ") +
              (n == &nfc ? "nfc" : "nfkc"),
          in, want, Production(*n, in));
      if (!same && ++failures <= kMaxReported) ADD_FAILURE() << same.message();
    }
  }
  EXPECT_GT(checked, 1000000);
  EXPECT_EQ(failures, 0);
}

// flenniken/utf8tests: utf8tests.bin has one case per line; the replace
// reference is the same file with one U+FFFD per maximal subpart.
class FlennikenUtf8 : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto dir = CorporaDir();
    if (!dir) {
      GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: skipping the flenniken "
                      "UTF-8 replacement cases (set it to ../shared/corpora)";
    }
    const std::string base = *dir + "/unicode-conformance/utf8/flenniken-";
    const auto bin = ReadFile(base + "utf8tests.bin");
    const auto ref = ReadFile(base + "utf8.replace.ref.txt");
    ASSERT_TRUE(bin && ref) << "cannot read " << base << "*";
    bin_ = *bin;
    ref_ = *ref;
  }
  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
  }
  std::string bin_;
  std::string ref_;
};

TEST_F(FlennikenUtf8, WholeFileByteForByte) {
  const Normalizer nfc(Profile::kNfc);
  const Outcome got = Production(nfc, bin_);
  EXPECT_TRUE(
      SameOutcome("nfc(flenniken-utf8tests.bin) vs "
                  "flenniken-utf8.replace.ref.txt",
                  bin_, Outcome{true, ref_, 0}, got));
}

TEST_F(FlennikenUtf8, EachLineAndErrorOffsets) {
  const std::vector<std::string> bin_lines = Lines(bin_);
  const std::vector<std::string> ref_lines = Lines(ref_);
  ASSERT_EQ(bin_lines.size(), ref_lines.size());
  ASSERT_GT(bin_lines.size(), 200u);
  const Normalizer nfc(Profile::kNfc);
  Options error_options = icu_reference::ReferenceProfileOptions(Profile::kNfc);
  error_options.invalid = InvalidUtf8::kError;
  const Normalizer nfc_error(error_options);
  for (size_t i = 0; i < bin_lines.size(); ++i) {
    const std::string& line = bin_lines[i];
    const std::string what = "flenniken line " + std::to_string(i + 1);
    EXPECT_TRUE(SameOutcome(what, line, Outcome{true, ref_lines[i], 0},
                            Production(nfc, line)));
    const Outcome expected_error = Reference(line, error_options);
    EXPECT_EQ(expected_error.ok, line.find(":valid:") != std::string::npos)
        << what;
    EXPECT_TRUE(SameOutcome(what + " (kError)", line, expected_error,
                            Production(nfc_error, line)));
    size_t offset = 0;
    const bool valid = ValidateUtf8(line, &offset);
    EXPECT_EQ(valid, expected_error.ok) << what;
    if (!valid && !expected_error.ok) {
      EXPECT_EQ(offset, expected_error.offset) << what;
    }
  }
}

}  // namespace
}  // namespace safi::differential
