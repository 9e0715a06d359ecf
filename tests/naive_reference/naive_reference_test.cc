// SPDX-License-Identifier: Apache-2.0
// Conformance tests of the naive oracle: UTF-8 decoding against third-party
// test files and ICU, normalization against NormalizationTest.txt, and every
// profile against a SEMANTICS.md pipeline assembled from ICU.
#include "naive_reference.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace {

using safi::naive_reference::DecodeUtf8;
using safi::naive_reference::EncodeUtf8;

// Stops a loop after this many reported mismatches.
constexpr int kMaxReportedFailures = 10;

std::string Hex(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof(buf), "%02X ", b);
    out += buf;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::string CodePointsHex(std::u32string_view cps) {
  std::string out;
  char buf[12];
  for (char32_t cp : cps) {
    std::snprintf(buf, sizeof(buf), "%04X ", static_cast<unsigned>(cp));
    out += buf;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

// Returns the directory of the third-party corpora or null if unset.
const char* CorporaDir() {
  const char* dir = std::getenv("SAFI_CORPORA_DIR");
  return dir != nullptr && *dir != '\0' ? dir : nullptr;
}

// Skips the current test, loudly, when SAFI_CORPORA_DIR is unset.
#define SKIP_WITHOUT_CORPORA()                                               \
  do {                                                                       \
    if (CorporaDir() == nullptr) {                                           \
      GTEST_SKIP() << "SKIPPED: SAFI_CORPORA_DIR is not set; set it to the " \
                      "corpora directory (e.g. /work/shared/corpora) to "    \
                      "run this conformance test";                           \
    }                                                                        \
  } while (false)

// Reads a whole file; false if it cannot be opened.
bool ReadFile(const std::string& path, std::string* contents) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return false;
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  *contents = buffer.str();
  return true;
}

std::string CorpusPath(const std::string& relative) {
  return std::string(CorporaDir()) + "/unicode-conformance/" + relative;
}

// ---------------------------------------------------------------------------
// ICU helpers.

// ICU's decoding with U+FFFD substitution; *substitutions counts them.
std::u32string IcuDecode(std::string_view in, int32_t* substitutions) {
  std::vector<UChar> utf16(in.size() + 1);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(utf16.data(), static_cast<int32_t>(utf16.size()),
                       &length, in.data(), static_cast<int32_t>(in.size()),
                       0xFFFD, substitutions, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::u32string cps;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(utf16.data(), i, length, c);
    cps.push_back(static_cast<char32_t>(c));
  }
  return cps;
}

// Compares DecodeUtf8 with ICU on one input: the code points, whether there
// is an error, and the first error offset (the prefix before it is
// well-formed and a sequence starting there is ill-formed, according to
// ICU's U8_NEXT). Returns an empty string or a description of the mismatch.
std::string CompareWithIcu(std::string_view in) {
  size_t first_error = 0;
  const std::u32string mine = DecodeUtf8(in, &first_error);
  int32_t substitutions = 0;
  const std::u32string icu = IcuDecode(in, &substitutions);
  std::string problem;
  if (mine != icu) {
    problem =
        "code points " + CodePointsHex(mine) + " vs ICU " + CodePointsHex(icu);
  } else if ((first_error == SIZE_MAX) != (substitutions == 0)) {
    problem = "first_error " + std::to_string(first_error) + " but ICU made " +
              std::to_string(substitutions) + " substitutions";
  } else if (first_error != SIZE_MAX) {
    int32_t prefix_substitutions = 0;
    IcuDecode(in.substr(0, first_error), &prefix_substitutions);
    const auto* rest =
        reinterpret_cast<const uint8_t*>(in.data()) + first_error;
    const int32_t rest_length = static_cast<int32_t>(in.size() - first_error);
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(rest, i, rest_length, c);
    if (prefix_substitutions != 0 || c >= 0) {
      problem = "first_error " + std::to_string(first_error) +
                " is not the first ill-formed byte";
    }
  }
  return problem.empty() ? problem : "input " + Hex(in) + ": " + problem;
}

// ---------------------------------------------------------------------------
// UTF-8: encoder and decoder basics.

TEST(Utf8, EncodeMatchesIcuForEveryScalarValue) {
  int failures = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF && failures < kMaxReportedFailures;
       ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string mine = EncodeUtf8(std::u32string(1, cp));
    uint8_t icu[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(icu, length, static_cast<UChar32>(cp));
    const std::string expected(reinterpret_cast<char*>(icu), length);
    size_t error = 0;
    const std::u32string back = DecodeUtf8(mine, &error);
    if (mine != expected || back != std::u32string(1, cp) ||
        error != SIZE_MAX) {
      ++failures;
      ADD_FAILURE() << "U+" << CodePointsHex(std::u32string(1, cp))
                    << ": encoded " << Hex(mine) << ", ICU " << Hex(expected);
    }
  }
}

TEST(Utf8, EncodeReplacesNonScalarValues) {
  EXPECT_EQ(EncodeUtf8(U"a\xD800"
                       U"b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(EncodeUtf8(std::u32string(1, 0x110000)), "\xEF\xBF\xBD");
}

TEST(Utf8, DecodeHandWrittenCases) {
  struct Case {
    std::string in;
    std::u32string expected;
    size_t first_error;
  };
  const Case cases[] = {
      {"", U"", SIZE_MAX},
      {std::string("a\0b", 3), std::u32string(U"a\0b", 3), SIZE_MAX},
      {"\xC2\x80\xDF\xBF", U"\u0080\u07FF", SIZE_MAX},
      {"\xF4\x8F\xBF\xBF", U"\U0010FFFF", SIZE_MAX},
      // Truncated 4-byte sequence: one maximal subpart.
      {"a\xF0\x9F\x98", U"a\uFFFD", 1},
      // Surrogate: ED A0 is not a prefix of any well-formed sequence.
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD", 0},
      // Overlong and above U+10FFFF.
      {"\xC0\xAF\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", 0},
      // The example of Unicode 15.0 §3.9 "U+FFFD Substitution of Maximal
      // Subparts": 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
      {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
       U"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", 1},
  };
  for (const Case& c : cases) {
    size_t error = 0;
    EXPECT_EQ(CodePointsHex(DecodeUtf8(c.in, &error)),
              CodePointsHex(c.expected))
        << Hex(c.in);
    EXPECT_EQ(error, c.first_error) << Hex(c.in);
  }
}

// ---------------------------------------------------------------------------
// UTF-8 against ICU.

TEST(Utf8VersusIcu, AllOneAndTwoByteStrings) {
  int failures = 0;
  std::string in;
  for (int a = 0; a < 256; ++a) {
    in.assign(1, static_cast<char>(a));
    const std::string problem = CompareWithIcu(in);
    if (!problem.empty() && failures++ < kMaxReportedFailures) {
      ADD_FAILURE() << problem;
    }
    for (int b = 0; b < 256; ++b) {
      in.assign({static_cast<char>(a), static_cast<char>(b)});
      const std::string problem2 = CompareWithIcu(in);
      if (!problem2.empty() && failures++ < kMaxReportedFailures) {
        ADD_FAILURE() << problem2;
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(Utf8VersusIcu, AllThreeByteStrings) {
  int failures = 0;
  std::string in(3, '\0');
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) {
        in[0] = static_cast<char>(a);
        in[1] = static_cast<char>(b);
        in[2] = static_cast<char>(c);
        const std::string problem = CompareWithIcu(in);
        if (!problem.empty() && failures++ < kMaxReportedFailures) {
          ADD_FAILURE() << problem;
        }
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

// Bytes at the edges of the Table 3-7 ranges.
constexpr uint8_t kBoundaryBytes[] = {
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
    0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
    0xF4, 0xF5, 0xF7, 0xF8, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};

TEST(Utf8VersusIcu, FourByteStringsWithLeadByteAtLeastE0) {
  int failures = 0;
  std::string in(4, '\0');
  for (int a = 0xE0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (uint8_t c : kBoundaryBytes) {
        for (uint8_t d : kBoundaryBytes) {
          in[0] = static_cast<char>(a);
          in[1] = static_cast<char>(b);
          in[2] = static_cast<char>(c);
          in[3] = static_cast<char>(d);
          const std::string problem = CompareWithIcu(in);
          if (!problem.empty() && failures++ < kMaxReportedFailures) {
            ADD_FAILURE() << problem;
          }
        }
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(Utf8VersusIcu, OneMillionRandomShortStrings) {
  std::mt19937 rng(20260115);
  std::uniform_int_distribution<int> length_dist(0, 12);
  std::uniform_int_distribution<int> byte_dist(0, 255);
  std::uniform_int_distribution<size_t> boundary_dist(
      0, sizeof(kBoundaryBytes) - 1);
  int failures = 0;
  std::string in;
  for (int n = 0; n < 1000000; ++n) {
    in.clear();
    const int length = length_dist(rng);
    for (int i = 0; i < length; ++i) {
      in.push_back(static_cast<char>(byte_dist(rng) < 128
                                         ? kBoundaryBytes[boundary_dist(rng)]
                                         : byte_dist(rng)));
    }
    const std::string problem = CompareWithIcu(in);
    if (!problem.empty() && failures++ < kMaxReportedFailures) {
      ADD_FAILURE() << problem;
    }
  }
  EXPECT_EQ(failures, 0);
}

// ---------------------------------------------------------------------------
// UTF-8 conformance files.

// One case of flenniken-utf8tests.txt.
struct FlennikenCase {
  std::string id;
  bool valid;
  std::string bytes;
  std::string replaced;  // expected output with U+FFFD substitution
};

// Decodes hex digits, ignoring white space; "nothing" is the empty string.
bool ParseHex(const std::string& text, std::string* bytes) {
  bytes->clear();
  std::string digits;
  for (char c : text) {
    if (c != ' ' && c != '\t') digits.push_back(c);
  }
  if (digits == "nothing") return true;
  if (digits.size() % 2 != 0 ||
      digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return false;
  }
  for (size_t i = 0; i < digits.size(); i += 2) {
    bytes->push_back(
        static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return true;
}

std::string TrimSpaces(const std::string& s) {
  const size_t begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

// Parses the test lines of flenniken-utf8tests.txt:
//   num:valid:ASCII bytes
//   num:valid hex:hexString
//   num:invalid hex:hexString:skipHexString:replaceHexString
std::vector<FlennikenCase> ParseFlenniken(const std::string& text) {
  std::vector<FlennikenCase> cases;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (TrimSpaces(line).empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t colon; (colon = line.find(':', start)) != std::string::npos;
         start = colon + 1) {
      fields.push_back(line.substr(start, colon - start));
    }
    fields.push_back(line.substr(start));
    FlennikenCase c;
    c.id = TrimSpaces(fields[0]);
    const std::string type = fields.size() > 1 ? TrimSpaces(fields[1]) : "";
    bool ok = false;
    if (type == "valid") {
      c.valid = true;
      c.bytes = line.substr(line.find(':', line.find(':') + 1) + 1);
      c.replaced = c.bytes;
      ok = true;
    } else if (type == "valid hex" && fields.size() == 3) {
      c.valid = true;
      ok = ParseHex(fields[2], &c.bytes);
      c.replaced = c.bytes;
    } else if (type == "invalid hex" && fields.size() == 5) {
      c.valid = false;
      ok = ParseHex(fields[2], &c.bytes) && ParseHex(fields[4], &c.replaced);
    }
    if (!ok) {
      ADD_FAILURE() << "unparsed line: " << line;
      continue;
    }
    cases.push_back(c);
  }
  return cases;
}

TEST(Utf8Conformance, FlennikenCases) {
  SKIP_WITHOUT_CORPORA();
  std::string text, bin, replace_ref;
  ASSERT_TRUE(ReadFile(CorpusPath("utf8/flenniken-utf8tests.txt"), &text));
  ASSERT_TRUE(ReadFile(CorpusPath("utf8/flenniken-utf8tests.bin"), &bin));
  ASSERT_TRUE(ReadFile(CorpusPath("utf8/flenniken-utf8.replace.ref.txt"),
                       &replace_ref));
  const std::vector<FlennikenCase> cases = ParseFlenniken(text);
  // 222 test lines (utf8tests.bin has one line per case).
  ASSERT_EQ(cases.size(), 222u);

  std::string expected_bin, expected_ref;
  for (const FlennikenCase& c : cases) {
    const std::string label = c.id + (c.valid ? ":valid:" : ":invalid:");
    size_t first_error = 0;
    const std::string replaced = EncodeUtf8(DecodeUtf8(c.bytes, &first_error));
    EXPECT_EQ(first_error == SIZE_MAX, c.valid) << c.id;
    EXPECT_EQ(Hex(replaced), Hex(c.replaced)) << c.id;
    expected_bin += label + c.bytes + "\n";
    expected_ref += label + replaced + "\n";
  }
  // The .bin file is the compiled .txt: checks that the parse is right.
  EXPECT_EQ(expected_bin, bin);
  // The reference output, byte for byte, per case and for the whole file.
  EXPECT_EQ(expected_ref, replace_ref);
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(bin, nullptr)), replace_ref);
}

TEST(Utf8Conformance, KuhnStressTest) {
  SKIP_WITHOUT_CORPORA();
  std::string text;
  ASSERT_TRUE(ReadFile(CorpusPath("utf8/kuhn-UTF-8-test.txt"), &text));
  ASSERT_GT(text.size(), 20000u);
  size_t first_error = 0;
  const std::u32string decoded = DecodeUtf8(text, &first_error);
  EXPECT_NE(first_error, SIZE_MAX) << "the file has malformed sections";
  const std::string reencoded = EncodeUtf8(decoded);
  size_t reencoded_error = 0;
  EXPECT_EQ(DecodeUtf8(reencoded, &reencoded_error), decoded);
  EXPECT_EQ(reencoded_error, SIZE_MAX);
  EXPECT_EQ(CompareWithIcu(text), "");
  // Line by line, so that a mismatch is easy to locate.
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) EXPECT_EQ(CompareWithIcu(line), "");
}

// Decodes a string of ICU's resource-bundle test data: \uXXXX, \UXXXXXXXX
// and literal ASCII. False on any other escape.
bool ParseIcuString(const std::string& text, std::u32string* cps) {
  cps->clear();
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\') {
      cps->push_back(static_cast<unsigned char>(text[i++]));
      continue;
    }
    if (i + 1 >= text.size()) return false;
    const size_t digits = text[i + 1] == 'u' ? 4 : text[i + 1] == 'U' ? 8 : 0;
    if (digits == 0 || i + 2 + digits > text.size()) return false;
    cps->push_back(static_cast<char32_t>(
        std::stoul(text.substr(i + 2, digits), nullptr, 16)));
    i += 2 + digits;
  }
  return true;
}

TEST(Utf8Conformance, IcuConversionTestData) {
  SKIP_WITHOUT_CORPORA();
  std::string text;
  ASSERT_TRUE(ReadFile(CorpusPath("icu72-testdata/conversion.txt"), &text));
  // toUnicode cases: { charset, bytes, unicode, offsets, flush, fallbacks,
  // errorCode, callback, invalidChars }. Usable here: UTF-8, no error code,
  // the substitute callback ("" or "?", ICU's default subchar U+FFFD).
  const std::regex case_re(
      R"re(\{\s*"UTF-8",\s*:bin\{\s*([0-9a-fA-F]*)\s*\},\s*"([^"]*)",\s*)re"
      R"re(:intvector\{([^}]*)\},\s*:int\{(\d)\},\s*:int\{\d\},\s*)re"
      R"re("([a-z]*)",\s*"([^"]*)")re");
  int used = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), case_re), end;
       it != end; ++it) {
    const std::smatch& m = *it;
    if (!m[5].str().empty() || (m[6] != "" && m[6] != "?")) continue;
    std::string bytes;
    std::u32string expected;
    ASSERT_TRUE(ParseHex(m[1].str(), &bytes)) << m[0];
    ASSERT_TRUE(ParseIcuString(m[2].str(), &expected)) << m[0];
    // Without flush, a truncated sequence at the end would stay pending in
    // ICU's converter; the cases used must end in ASCII.
    if (m[4] == "0") {
      ASSERT_LT(static_cast<uint8_t>(bytes.back()), 0x80) << m[0];
    }
    // offsets[i] is the source byte offset of the i-th UTF-16 output unit.
    std::vector<size_t> offsets;
    std::istringstream offset_stream(m[3].str());
    std::string offset;
    while (std::getline(offset_stream, offset, ',')) {
      offsets.push_back(std::stoul(TrimSpaces(offset)));
    }
    size_t expected_error = SIZE_MAX;
    size_t unit = 0;
    for (char32_t cp : expected) {
      if (cp == 0xFFFD && expected_error == SIZE_MAX) {
        ASSERT_LT(unit, offsets.size()) << m[0];
        expected_error = offsets[unit];
      }
      unit += cp > 0xFFFF ? 2 : 1;
    }
    size_t first_error = 0;
    EXPECT_EQ(CodePointsHex(DecodeUtf8(bytes, &first_error)),
              CodePointsHex(expected))
        << m[0];
    EXPECT_EQ(first_error, expected_error) << m[0];
    ++used;
  }
  // conversion.txt of ICU 72.1 has four such cases.
  EXPECT_EQ(used, 4);
}

// ---------------------------------------------------------------------------
// Normalization.

safi::Options MakeOptions(safi::Form form, uint32_t operations) {
  safi::Options options;
  options.form = form;
  options.operations = operations;
  options.invalid = safi::InvalidUtf8::kReplace;
  return options;
}

// The profiles, transcribed from the "Profiles" table of SEMANTICS.md.
struct NamedProfile {
  const char* name;
  safi::Options options;
};

std::vector<NamedProfile> Profiles() {
  const uint32_t search =
      safi::kRemoveTatweel | safi::kRemoveHarakat | safi::kRemoveQuranicMarks |
      safi::kRemoveBidiInvisible | safi::kZwnjToSpace | safi::kFoldAlef |
      safi::kFoldAlefMaksura | safi::kFoldTehMarbuta |
      safi::kFoldPersianLetters | safi::kFoldDigits | safi::kLineBreaks |
      safi::kCollapseWhitespace;
  const uint32_t dedup = search | safi::kRemoveZwnjZwj | safi::kFoldHamzaSeats |
                         safi::kPunctuationSymbolsToSpace | safi::kCaseFold;
  const uint32_t display = safi::kPresentationForms |
                           safi::kRemoveBidiInvisible | safi::kLineBreaks |
                           safi::kCollapseWhitespace;
  return {
      {"nfc", MakeOptions(safi::Form::kNfc, 0)},
      {"nfkc", MakeOptions(safi::Form::kNfkc, 0)},
      {"search", MakeOptions(safi::Form::kNfkc, search)},
      {"dedup", MakeOptions(safi::Form::kNfkc, dedup)},
      {"display", MakeOptions(safi::Form::kNfc, display)},
  };
}

safi::Options ProfileOptions(const std::string& name) {
  for (const NamedProfile& p : Profiles()) {
    if (name == p.name) return p.options;
  }
  ADD_FAILURE() << "no profile " << name;
  return safi::Options();
}

// Normalizes code points with the oracle (replace mode) and decodes the
// result.
std::u32string Naive(std::u32string_view in, const safi::Options& options) {
  std::string out;
  EXPECT_TRUE(
      safi::naive_reference::Normalize(EncodeUtf8(in), options, &out, nullptr));
  return DecodeUtf8(out, nullptr);
}

// Opens NormalizationTest.txt: the corpora copy if SAFI_CORPORA_DIR is set,
// else the bzip2 file of the unicode-data package through `bzip2 -dc`.
std::string ReadNormalizationTest() {
  std::string text;
  if (CorporaDir() != nullptr) {
    EXPECT_TRUE(ReadFile(
        CorpusPath("normalization/NormalizationTest-15.0.0.txt"), &text));
    return text;
  }
  const std::string command =
      "bzip2 -dc '" SAFI_UCD_DIR "/NormalizationTest.txt.bz2'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof(buf), pipe)) > 0;) {
    text.append(buf, n);
  }
  EXPECT_EQ(pclose(pipe), 0) << command;
  return text;
}

struct NormalizationTestLine {
  int part;
  std::u32string c[5];
  std::string text;
};

std::vector<NormalizationTestLine> ParseNormalizationTest(
    const std::string& text) {
  std::vector<NormalizationTestLine> lines;
  std::istringstream stream(text);
  std::string line;
  int part = -1;
  while (std::getline(stream, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@Part", 0) == 0) {
      part = std::stoi(line.substr(5));
      continue;
    }
    NormalizationTestLine entry;
    entry.part = part;
    entry.text = line;
    std::istringstream fields(line);
    for (std::u32string& column : entry.c) {
      std::string field;
      std::getline(fields, field, ';');
      std::istringstream hex(field);
      std::string cp;
      while (hex >> cp) column.push_back(std::stoul(cp, nullptr, 16));
    }
    lines.push_back(entry);
  }
  return lines;
}

TEST(NormalizationConformance, NormalizationTestTxt) {
  const std::vector<NormalizationTestLine> lines =
      ParseNormalizationTest(ReadNormalizationTest());
  // NormalizationTest-15.0.0.txt has 19,074 test lines (SOURCES.md).
  ASSERT_EQ(lines.size(), 19074u);
  const safi::Options nfc = ProfileOptions("nfc");
  const safi::Options nfkc = ProfileOptions("nfkc");
  int failures = 0;
  for (const NormalizationTestLine& l : lines) {
    if (failures >= kMaxReportedFailures) break;
    // c2 == toNFC(c1) == toNFC(c2) == toNFC(c3); c4 == toNFC(c4) == toNFC(c5);
    // c4 == toNFKC(c1..c5).
    for (int i = 0; i < 5; ++i) {
      const std::u32string& nfc_expected = i < 3 ? l.c[1] : l.c[3];
      const std::u32string nfc_actual = Naive(l.c[i], nfc);
      const std::u32string nfkc_actual = Naive(l.c[i], nfkc);
      if (nfc_actual != nfc_expected || nfkc_actual != l.c[3]) {
        ++failures;
        ADD_FAILURE() << l.text << "\n column " << i + 1 << ": NFC "
                      << CodePointsHex(nfc_actual) << ", NFKC "
                      << CodePointsHex(nfkc_actual);
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(NormalizationConformance, CodePointsNotInPart1AreStable) {
  const std::vector<NormalizationTestLine> lines =
      ParseNormalizationTest(ReadNormalizationTest());
  std::set<char32_t> part1;
  for (const NormalizationTestLine& l : lines) {
    if (l.part == 1) part1.insert(l.c[0][0]);
  }
  ASSERT_GT(part1.size(), 10000u);
  const safi::Options nfc = ProfileOptions("nfc");
  const safi::Options nfkc = ProfileOptions("nfkc");
  int failures = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF && failures < kMaxReportedFailures;
       ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || part1.count(cp) != 0) continue;
    const std::u32string x(1, cp);
    if (Naive(x, nfc) != x || Naive(x, nfkc) != x) {
      ++failures;
      ADD_FAILURE() << "U+" << CodePointsHex(x) << " is not stable";
    }
  }
}

// ---------------------------------------------------------------------------
// SEMANTICS.md assembled from ICU: Normalizer2, UnicodeSet, u_charType,
// u_charDigitValue, UnicodeString::foldCase and u_isUWhiteSpace.

class IcuPipeline {
 public:
  IcuPipeline() {
    UErrorCode status = U_ZERO_ERROR;
    nfc_ = icu::Normalizer2::getNFCInstance(status);
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    nfd_ = icu::Normalizer2::getNFDInstance(status);
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    // The "Operations" table of SEMANTICS.md, in priority order.
    AddRule(safi::kRemoveTatweel, "[\\u0640]", u"");
    AddRule(safi::kRemoveHarakat, "[\\u064B-\\u065F\\u0670]", u"");
    AddRule(safi::kRemoveQuranicMarks,
            "[\\u0610-\\u061A\\u06D6-\\u06DC\\u06DF-\\u06E8\\u06EA-\\u06ED"
            "\\u08D3-\\u08E1\\u08E3-\\u08FF]",
            u"");
    AddRule(safi::kRemoveBidiInvisible,
            "[\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064"
            "\\u2066-\\u2069\\uFEFF\\u00AD]",
            u"");
    AddRule(safi::kRemoveZwnjZwj, "[\\u200C\\u200D]", u"");
    AddRule(safi::kZwnjToSpace, "[\\u200C]", u" ");
    AddRule(safi::kFoldAlef, "[\\u0622\\u0623\\u0625\\u0671\\u0672\\u0673]",
            u"\u0627");
    AddRule(safi::kFoldAlefMaksura, "[\\u0649]", u"\u064A");
    AddRule(safi::kFoldTehMarbuta, "[\\u0629]", u"\u0647");
    AddRule(safi::kFoldPersianLetters, "[\\u06CC\\u06D0\\u06D2]", u"\u064A");
    AddRule(safi::kFoldPersianLetters, "[\\u06A9]", u"\u0643");
    AddRule(safi::kFoldPersianLetters, "[\\u06C0\\u06C1\\u06C2]", u"\u0647");
    AddRule(safi::kFoldDigits, "[\\u0660-\\u0669\\u06F0-\\u06F9]", nullptr);
    AddRule(safi::kFoldHamzaSeats, "[\\u0624]", u"\u0648");
    AddRule(safi::kFoldHamzaSeats, "[\\u0626]", u"\u064A");
  }

  std::u32string Normalize(std::string_view in, const safi::Options& o) const {
    int32_t substitutions = 0;
    icu::UnicodeString text = FromUtf32(IcuDecode(in, &substitutions));
    for (;;) {
      icu::UnicodeString next = Round(text, o);
      if (next == text) break;
      text = next;
    }
    return ToUtf32(text);
  }

 private:
  struct Rule {
    uint32_t operation;
    icu::UnicodeSet set;
    const char16_t* replacement;  // null: the digit's value in ASCII
  };

  void AddRule(uint32_t operation, const char* pattern,
               const char16_t* replacement) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet set(icu::UnicodeString(pattern, -1, US_INV), status);
    EXPECT_TRUE(U_SUCCESS(status)) << pattern;
    rules_.push_back({operation, set, replacement});
  }

  static icu::UnicodeString FromUtf32(const std::u32string& s) {
    return icu::UnicodeString::fromUTF32(
        reinterpret_cast<const UChar32*>(s.data()),
        static_cast<int32_t>(s.size()));
  }

  static std::u32string ToUtf32(const icu::UnicodeString& s) {
    std::u32string out;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
      out.push_back(static_cast<char32_t>(s.char32At(i)));
    }
    return out;
  }

  icu::UnicodeString Nfd(const icu::UnicodeString& s) const {
    UErrorCode status = U_ZERO_ERROR;
    return nfd_->normalize(s, status);
  }

  icu::UnicodeString MapCodePoint(UChar32 cp, uint32_t ops) const {
    for (const Rule& rule : rules_) {
      if ((ops & rule.operation) && rule.set.contains(cp)) {
        if (rule.replacement != nullptr) {
          return icu::UnicodeString(rule.replacement);
        }
        return icu::UnicodeString(
            static_cast<UChar>(u'0' + u_charDigitValue(cp)));
      }
    }
    const icu::UnicodeString self(cp);
    if ((ops & safi::kPresentationForms) &&
        ((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))) {
      UErrorCode status = U_ZERO_ERROR;
      return nfkc_->normalize(self, status);
    }
    if ((ops & safi::kPunctuationSymbolsToSpace) &&
        (U_GET_GC_MASK(cp) & (U_GC_P_MASK | U_GC_S_MASK))) {
      return icu::UnicodeString(u' ');
    }
    if (ops & safi::kCaseFold) {
      icu::UnicodeString folded(self);
      folded.foldCase(U_FOLD_CASE_DEFAULT);
      if (Nfd(folded) != Nfd(self)) return folded;
    }
    return self;
  }

  static bool IsLineBreak(char32_t cp) {
    return cp == 0x0A || cp == 0x0D || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
  }

  icu::UnicodeString Round(const icu::UnicodeString& in,
                           const safi::Options& o) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString normalized =
        (o.form == safi::Form::kNfc ? nfc_ : nfkc_)->normalize(in, status);
    EXPECT_TRUE(U_SUCCESS(status));
    icu::UnicodeString mapped;
    for (int32_t i = 0; i < normalized.length();
         i = normalized.moveIndex32(i, 1)) {
      mapped += MapCodePoint(normalized.char32At(i), o.operations);
    }
    if (o.operations & safi::kLineBreaks) {
      const icu::UnicodeString lf(u"\n");
      mapped.findAndReplace(icu::UnicodeString(u"\r\n"), lf);
      for (const char16_t* other : {u"\r", u"\u0085", u"\u2028", u"\u2029"}) {
        mapped.findAndReplace(icu::UnicodeString(other), lf);
      }
    }
    if (!(o.operations & safi::kCollapseWhitespace)) return mapped;
    // Line by line (lines end at LF): runs of horizontal white space become
    // one space, except at the start and end of a line.
    std::u32string out;
    std::u32string line;
    bool pending_space = false;
    for (char32_t cp : ToUtf32(mapped) + U"\n") {
      if (cp == U'\n') {
        out += line + U"\n";
        line.clear();
        pending_space = false;
      } else if (u_isUWhiteSpace(cp) && !IsLineBreak(cp)) {
        pending_space = true;
      } else {
        if (pending_space && !line.empty()) line.push_back(U' ');
        pending_space = false;
        line.push_back(cp);
      }
    }
    out.pop_back();
    return FromUtf32(out);
  }

  const icu::Normalizer2* nfc_ = nullptr;
  const icu::Normalizer2* nfkc_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  std::vector<Rule> rules_;
};

// Compares the oracle with the ICU pipeline under every profile, and checks
// that the oracle's output is a fixed point. Returns the number of failures.
int CompareProfilesWithIcu(const IcuPipeline& icu, std::string_view in) {
  int failures = 0;
  for (const NamedProfile& p : Profiles()) {
    std::string mine;
    EXPECT_TRUE(
        safi::naive_reference::Normalize(in, p.options, &mine, nullptr));
    const std::string expected = EncodeUtf8(icu.Normalize(in, p.options));
    std::string again;
    safi::naive_reference::Normalize(mine, p.options, &again, nullptr);
    if (mine != expected || again != mine) {
      ++failures;
      ADD_FAILURE() << p.name << " of " << Hex(in) << ":\n  naive " << Hex(mine)
                    << "\n  ICU   " << Hex(expected) << "\n  again "
                    << Hex(again);
    }
  }
  return failures;
}

TEST(ProfilesVersusIcu, EveryCodePointAlone) {
  const IcuPipeline icu;
  int failures = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF && failures < kMaxReportedFailures;
       ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    failures += CompareProfilesWithIcu(icu, EncodeUtf8(std::u32string(1, cp)));
  }
}

// Code points of planes 0, 1 and 14 and the CJK compatibility supplement
// (the rest is ideographs, private use or unassigned, covered alone above)
// between characters that compose, reorder, case-fold and trim around them.
TEST(ProfilesVersusIcu, CodePointsInContext) {
  const IcuPipeline icu;
  int failures = 0;
  for (char32_t cp = 0; cp <= 0xE0FFF && failures < kMaxReportedFailures;
       ++cp) {
    if (cp == 0x20000) cp = 0x2F800;
    if (cp == 0x2FA20) cp = 0xE0000;
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::u32string x(1, cp);
    failures += CompareProfilesWithIcu(
        icu, EncodeUtf8(U"\u0627\u064E" + x + U"\u0654 A\u0323" + x +
                        U"\u0301\u00A0\n"));
  }
}

// Pieces of random test strings: code points that exercise every operation,
// composition, reordering, case folding and whitespace, and ill-formed bytes.
std::vector<std::string> RandomPieces() {
  const std::u32string cps =
      std::u32string(U"aAZz09 .-_!\t\n\r\v\f\u007F") + U'\0' +
      U"\u00A0\u00AD\u00B4\u00C5\u00DF\u0130\u0131\u0301\u0302\u0308\u0323"
      U"\u0345\u0344\u0390\u0391\u03A3\u03C2\u1E9E\u1F88\u1FBE\u212B\u2126"
      U"\uFB00\u0F73"
      U"\u0600\u060C\u061B\u061C\u061F\u0610\u0615\u0621\u0622\u0623\u0624"
      U"\u0625\u0626\u0627\u0628\u0629\u062D\u0644\u0645\u0647\u0648\u0649"
      U"\u064A\u0640\u064B\u064E\u0650\u0651\u0652\u0653\u0654\u0655\u0656"
      U"\u065F\u0660\u0665\u0669\u066A\u066B\u0670\u0671\u0672\u0673\u0674"
      U"\u0675\u06A9\u06C0\u06C1\u06C2\u06C3\u06CC\u06D0\u06D2\u06D4\u06D5"
      U"\u06D6\u06DD\u06DF\u06E5\u06EA\u06F0\u06F9\u08D3\u08E2\u08E3\u08F0"
      U"\uFB50\uFB8E\uFBFC\uFC5E\uFCF2\uFD3E\uFDF2\uFDFA\uFDFC\uFDFD\uFE70"
      U"\uFE7F\uFE80\uFE83\uFE8B\uFE92\uFEE3\uFEF5\uFEF7\uFEFB\uFEFC\uFEFF"
      U"\u200B\u200C\u200D\u200E\u200F\u202A\u202E\u2060\u2066\u2069\u2028"
      U"\u2029\u0085\u1680\u2000\u200A\u202F\u205F\u3000\uFFFD\u1100\u1161"
      U"\u11A8\uAC00\uAC01\U0001F600\U0001F1E6\uFE0F\U0001D15E";
  std::vector<std::string> pieces;
  for (char32_t cp : cps) pieces.push_back(EncodeUtf8(std::u32string(1, cp)));
  pieces.push_back("\r\n");
  for (const char* bad : {"\x80", "\xFF", "\xC3", "\xE0\x80", "\xED\xA0\x80",
                          "\xF0\x9F\x98", "\xF4\x90\x80\x80"}) {
    pieces.push_back(bad);
  }
  return pieces;
}

TEST(ProfilesVersusIcu, RandomStrings) {
  const IcuPipeline icu;
  const std::vector<std::string> pieces = RandomPieces();
  std::mt19937 rng(615);
  std::uniform_int_distribution<int> length_dist(0, 16);
  std::uniform_int_distribution<size_t> piece_dist(0, pieces.size() - 1);
  int failures = 0;
  for (int n = 0; n < 100000 && failures < kMaxReportedFailures; ++n) {
    std::string in;
    const int length = length_dist(rng);
    for (int i = 0; i < length; ++i) in += pieces[piece_dist(rng)];
    failures += CompareProfilesWithIcu(icu, in);
  }
}

// ---------------------------------------------------------------------------
// Hand-written expectations.

struct Expectation {
  const char* profile;
  std::u32string in;
  std::u32string expected;
};

TEST(HandWritten, ArabicProfiles) {
  const Expectation cases[] = {
      // normalization.md §3: "ﺃَحْمَدُ فاطِمَةُ بنى مـــحمد ﻷ".
      {"search",
       U"\uFE83\u064E\u062D\u0652\u0645\u064E\u062F\u064F "
       U"\u0641\u0627\u0637\u0650\u0645\u064E\u0629\u064F "
       U"\u0628\u0646\u0649 \u0645\u0640\u0640\u0640\u062D\u0645\u062F "
       U"\uFEF7",
       U"\u0627\u062D\u0645\u062F \u0641\u0627\u0637\u0645\u0647 "
       U"\u0628\u0646\u064A \u0645\u062D\u0645\u062F \u0644\u0627"},
      // Persian ZWNJ becomes a space, Farsi yeh becomes Arabic yeh.
      {"search", U"\u0645\u06CC\u200C\u0631\u0648\u0645",
       U"\u0645\u064A \u0631\u0648\u0645"},
      // ... but dedup deletes the ZWNJ (deletions come first).
      {"dedup", U"\u0645\u06CC\u200C\u0631\u0648\u0645",
       U"\u0645\u064A\u0631\u0648\u0645"},
      // display keeps it.
      {"display", U"\u0645\u06CC\u200C\u0631\u0648\u0645",
       U"\u0645\u06CC\u200C\u0631\u0648\u0645"},
      // Arabic-Indic and extended digits.
      {"search",
       U"\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669 "
       U"\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9",
       U"0123456789 0123456789"},
      // Whitespace: NBSP is NFKC'd to a space, runs collapse, lines trimmed.
      {"search",
       U"  \u0645\u0631\u062D\u0628\u0627\u00A0\u00A0\u0628\u0627\u0644 "
       U"\r\n\r\n\u0633\u0644\u0627\u0645\u2028 ",
       U"\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\n\n"
       U"\u0633\u0644\u0627\u0645\n"},
      // Basmala with shadda, wasla and dagger alef.
      {"search",
       U"\u0628\u0650\u0633\u0652\u0645\u0650 "
       U"\u0671\u0644\u0644\u0651\u064E\u0647\u0650 "
       U"\u0671\u0644\u0631\u0651\u064E\u062D\u0652\u0645\u064E\u0670\u0646"
       U"\u0650",
       U"\u0628\u0633\u0645 \u0627\u0644\u0644\u0647 "
       U"\u0627\u0644\u0631\u062D\u0645\u0646"},
      // Presentation forms through NFKC: "ﻣﺮﺣﺒﺎ", ﷲ, and ﷼ whose NFKC ends
      // in Farsi yeh, folded in the same round.
      {"search", U"\uFEE3\uFEAE\uFEA3\uFE92\uFE8E \uFDF2 \uFDFC",
       U"\u0645\u0631\u062D\u0628\u0627 \u0627\u0644\u0644\u0647 "
       U"\u0631\u064A\u0627\u0644"},
      // Hamza seats are kept by search, folded by dedup with punctuation.
      {"search", U"\u0645\u0633\u0624\u0648\u0644 \u0633\u0626\u0644",
       U"\u0645\u0633\u0624\u0648\u0644 \u0633\u0626\u0644"},
      {"dedup",
       U"\u0633\u064F\u0624\u0627\u0644: \u0647\u0644 \u0623\u0646\u062A "
       U"\u0645\u0633\u0624\u0648\u0644\u061F \u00AB\u0646\u0639\u0645\u00BB!",
       U"\u0633\u0648\u0627\u0644 \u0647\u0644 \u0627\u0646\u062A "
       U"\u0645\u0633\u0648\u0648\u0644 \u0646\u0639\u0645"},
      // Persian kaf and heh with yeh above.
      {"search", U"\u06A9\u062A\u0627\u0628\u06C0",
       U"\u0643\u062A\u0627\u0628\u0647"},
      // display: lam-alef and ﷺ expanded, ﷽ (no decomposition) kept.
      {"display", U"\uFEFB \uFDFA \uFDFD",
       U"\u0644\u0627 \u0635\u0644\u0649 \u0627\u0644\u0644\u0647 "
       U"\u0639\u0644\u064A\u0647 \u0648\u0633\u0644\u0645 \uFDFD"},
      // dedup: ﷽ is So and becomes a space (then trimmed).
      {"dedup", U"\u0628 \uFDFD", U"\u0628"},
      // display: canonical reordering (fatha before shadda), bidi marks
      // deleted, harakat, tatweel and digits kept.
      {"display",
       U"\u200F\u0645\u0651\u064E\u0640\u062D\u0645\u062F \u0661\u0662\u200E",
       U"\u0645\u064E\u0651\u0640\u062D\u0645\u062F \u0661\u0662"},
      // NFC composes alef + hamza across an intervening fatha.
      {"display", U"\u0627\u064E\u0654", U"\u0623\u064E"},
      // Quranic marks and open tanween.
      {"search",
       U"\u0639\u0644\u064A\u0645\u064C\u06D6 "
       U"\u0643\u0650\u062A\u064E\u0670\u0628\u08F0",
       U"\u0639\u0644\u064A\u0645 \u0643\u062A\u0628"},
  };
  for (const Expectation& c : cases) {
    EXPECT_EQ(CodePointsHex(Naive(c.in, ProfileOptions(c.profile))),
              CodePointsHex(c.expected))
        << c.profile << " of " << CodePointsHex(c.in);
  }
}

TEST(HandWritten, CaseFolding) {
  const Expectation cases[] = {
      // ß and ẞ fold to "ss", Σ and final ς to σ, İ to i + U+0307.
      {"dedup",
       U"Stra\u00DFe \u1E9E \u03A3\u038A\u03A3\u03A5\u03A6\u039F\u03C2",
       U"strasse ss \u03C3\u03AF\u03C3\u03C5\u03C6\u03BF\u03C3"},
      {"dedup", U"\u0130stanbul", U"i\u0307stanbul"},
      // U+0390 folds to a sequence whose NFC is U+0390 itself: unchanged.
      {"dedup", U"\u0390", U"\u0390"},
      {"search", U"ABC", U"ABC"},
  };
  for (const Expectation& c : cases) {
    EXPECT_EQ(CodePointsHex(Naive(c.in, ProfileOptions(c.profile))),
              CodePointsHex(c.expected))
        << c.profile << " of " << CodePointsHex(c.in);
  }
}

TEST(HandWritten, WhitespaceRules) {
  using safi::Form;
  const safi::Options lines_and_spaces =
      MakeOptions(Form::kNfc, safi::kLineBreaks | safi::kCollapseWhitespace);
  const safi::Options spaces_only =
      MakeOptions(Form::kNfc, safi::kCollapseWhitespace);
  const safi::Options lines_only = MakeOptions(Form::kNfc, safi::kLineBreaks);
  struct Case {
    safi::Options options;
    std::u32string in;
    std::u32string expected;
  };
  const Case cases[] = {
      // CR LF is one line break; CR CR LF is two.
      {lines_only, U"a\r\nb\r\r\nc\rd\u0085e\u2028f\u2029g\n",
       U"a\nb\n\nc\nd\ne\nf\ng\n"},
      // Only LF trims when line_breaks is off; CR is then ordinary.
      {spaces_only, U" a \r b\n c ", U"a \r b\nc"},
      {lines_and_spaces, U" a \r b\n c ", U"a\nb\nc"},
      // Every horizontal white space character, VT and FF included.
      {spaces_only,
       U"x\t\v\f \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
       U"\u2007\u2008\u2009\u200A\u202F\u205F\u3000y",
       U"x y"},
      // Empty lines stay; white-space-only lines become empty.
      {lines_and_spaces, U"\n \t\n\na", U"\n\n\na"},
      // NUL is an ordinary character.
      {lines_and_spaces, std::u32string(U" \0 ", 3), std::u32string(U"\0", 1)},
      // Without collapse_whitespace white space stays as it is.
      {lines_only, U"  a\t ", U"  a\t "},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CodePointsHex(Naive(c.in, c.options)), CodePointsHex(c.expected))
        << CodePointsHex(c.in);
  }
}

TEST(HandWritten, InvalidUtf8) {
  safi::Options options = ProfileOptions("search");
  std::string out = "stale";
  size_t offset = 0;
  EXPECT_TRUE(
      safi::naive_reference::Normalize("a\xFF\xC3(", options, &out, &offset));
  EXPECT_EQ(out, "a\xEF\xBF\xBD\xEF\xBF\xBD(");
  options.invalid = safi::InvalidUtf8::kError;
  out = "stale";
  EXPECT_FALSE(
      safi::naive_reference::Normalize("ab\xE0\x80x", options, &out, &offset));
  EXPECT_EQ(offset, 2u);
  EXPECT_EQ(out, "");
  // Ill-formed input is detected before normalization, whatever it deletes.
  EXPECT_FALSE(safi::naive_reference::Normalize("\xD9\x80\xED\xA0\x80", options,
                                                &out, &offset));
  EXPECT_EQ(offset, 2u);
  EXPECT_TRUE(safi::naive_reference::Normalize("\xD9\x80\xD8\xA7", options,
                                               &out, &offset));
  EXPECT_EQ(out, "\xD8\xA7");
}

// SEMANTICS.md lists the horizontal white space explicitly; it must be
// White_Space minus the line breaks, which is what the oracle computes.
TEST(HandWritten, HorizontalWhiteSpaceIsWhiteSpaceMinusLineBreaks) {
  const std::u32string listed =
      U"\t\v\f \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
      U"\u2008\u2009\u200A\u202F\u205F\u3000";
  const safi::Options spaces_only =
      MakeOptions(safi::Form::kNfc, safi::kCollapseWhitespace);
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::u32string in = U"x" + std::u32string(1, cp) + U"y";
    const bool collapsed = Naive(in, spaces_only) == U"x y";
    const bool is_listed = listed.find(cp) != std::u32string::npos;
    EXPECT_EQ(collapsed, is_listed || cp == U' ')
        << "U+" << CodePointsHex(std::u32string(1, cp));
  }
}

TEST(ThreadSafety, ConcurrentFirstUse) {
  const std::string in =
      "\xEF\xBB\xB7 \xD9\xA1 Stra\xC3\x9F"
      "e";
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& result : results) {
    threads.emplace_back([&in, &result] {
      safi::naive_reference::Normalize(in, ProfileOptions("dedup"), &result,
                                       nullptr);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& result : results) {
    EXPECT_EQ(result, "\xD9\x84\xD8\xA7 1 strasse");
  }
}

}  // namespace
