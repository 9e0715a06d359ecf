// SPDX-License-Identifier: Apache-2.0
// Every file under $SAFI_CORPORA_DIR (raw bytes), and the article texts of
// the SaudiNewsNet sample, for every profile: production == ICU reference,
// idempotence, streaming in random chunks, and kError mode.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "differential_util.h"
#include "icu_reference.h"

namespace safi::differential {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxReportedLines = 5;

// One text to normalize and where it comes from.
struct Text {
  std::string name;
  std::string bytes;
};

// Every regular file under dir (recursively), sorted by path.
std::vector<Text> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Text> texts;
  for (const fs::path& path : paths) {
    auto bytes = ReadFile(path.string());
    EXPECT_TRUE(bytes.has_value()) << "cannot read " << path;
    if (bytes) texts.push_back({path.string(), std::move(*bytes)});
  }
  return texts;
}

// Appends the UTF-8 (or, for a lone surrogate, the generalized UTF-8 bytes,
// which are ill-formed) of code unit value c.
void AppendCodeUnit(uint32_t c, std::string* out) {
  if (c >= 0xD800 && c <= 0xDFFF) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    *out += Utf8(c);
  }
}

// Decodes the JSON string starting after the opening quote at json[*pos];
// leaves *pos after the closing quote. Returns false if it is malformed.
bool ParseJsonString(const std::string& json, size_t* pos, std::string* out) {
  size_t i = *pos;
  while (i < json.size()) {
    const char c = json[i++];
    if (c == '"') {
      *pos = i;
      return true;
    }
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (i >= json.size()) return false;
    const char e = json[i++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        if (i + 4 > json.size()) return false;
        uint32_t unit = std::stoul(json.substr(i, 4), nullptr, 16);
        i += 4;
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 6 <= json.size() &&
            json[i] == '\\' && json[i + 1] == 'u') {
          const uint32_t low = std::stoul(json.substr(i + 2, 4), nullptr, 16);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        AppendCodeUnit(unit, out);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

// The "content" strings of the SaudiNewsNet JSON array, one Text each.
std::vector<Text> SaudiNewsNetContents(const fs::path& json_path) {
  std::vector<Text> texts;
  const auto json = ReadFile(json_path.string());
  EXPECT_TRUE(json.has_value()) << "cannot read " << json_path;
  if (!json) return texts;
  const std::string key = "\"content\":";
  size_t pos = 0;
  while ((pos = json->find(key, pos)) != std::string::npos) {
    pos = json->find('"', pos + key.size());
    if (pos == std::string::npos) break;
    ++pos;
    Text text{json_path.string() + " content #" + std::to_string(texts.size()),
              ""};
    EXPECT_TRUE(ParseJsonString(*json, &pos, &text.bytes)) << text.name;
    texts.push_back(std::move(text));
  }
  return texts;
}

// The groups of texts: each top-level folder of the corpora, plus the
// decoded article texts of the SaudiNewsNet sample.
constexpr const char* kGroups[] = {
    "arabic-ui-strings",   "astd-tweets",          "boilerplate-gold",
    "quran-tanzil",        "saudinewsnet-sample",  "seed",
    "unicode-conformance", "saudinewsnet-content",
};
constexpr int kGroupCount = sizeof(kGroups) / sizeof(kGroups[0]);

std::vector<Text> GroupTexts(const std::string& corpora,
                             const std::string& group) {
  if (group == "saudinewsnet-content") {
    return SaudiNewsNetContents(fs::path(corpora) / "saudinewsnet-sample" /
                                "2015-07-23.json");
  }
  return FilesUnder(fs::path(corpora) / group);
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

class CorporaTest : public ::testing::TestWithParam<std::tuple<int, Profile>> {
 protected:
  void SetUp() override {
    if (!CorporaDir()) {
      GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: SKIPPING the corpora "
                      "differential tests (set it to ../shared/corpora)";
    }
  }
  std::string group() const { return kGroups[std::get<0>(GetParam())]; }
  Profile profile() const { return std::get<1>(GetParam()); }
};

TEST_P(CorporaTest, MatchesReferenceIdempotentStreamingAndErrorMode) {
  const std::vector<Text> texts = GroupTexts(*CorporaDir(), group());
  ASSERT_FALSE(texts.empty())
      << "no files in " << *CorporaDir() << "/" << group();
  const Options options = icu_reference::ReferenceProfileOptions(profile());
  Options error_options = options;
  error_options.invalid = InvalidUtf8::kError;
  const Normalizer normalizer(profile());
  const Normalizer error_normalizer(error_options);
  std::mt19937_64 rng(TestSeed() + std::get<0>(GetParam()));
  size_t bytes = 0;
  for (const Text& text : texts) {
    bytes += text.bytes.size();
    const std::string label = ProfileLabel(profile()) + " " + text.name;
    const auto result = CheckAll(label, normalizer, options, text.bytes, &rng);
    if (!result) {
      // Pinpoint: the lines of the text that fail on their own.
      int reported = 0;
      const std::vector<std::string> lines = SplitLines(text.bytes);
      for (size_t i = 0; i < lines.size() && reported < kMaxReportedLines;
           ++i) {
        const auto line_result =
            CheckAll(label + " line " + std::to_string(i + 1), normalizer,
                     options, lines[i], &rng);
        if (!line_result) {
          ADD_FAILURE() << line_result.message();
          ++reported;
        }
      }
      if (reported == 0) ADD_FAILURE() << result.message();
    }
    // kError mode: the reference's first ill-formed offset, or the kReplace
    // output for well-formed text.
    const size_t first_error = icu_reference::FirstIllFormedOffset(text.bytes);
    Outcome expected_error;
    expected_error.ok = first_error == std::string_view::npos;
    if (expected_error.ok) {
      expected_error.output = Production(normalizer, text.bytes).output;
    } else {
      expected_error.offset = first_error;
    }
    EXPECT_TRUE(SameOutcome(label + " (kError)", text.bytes, expected_error,
                            Production(error_normalizer, text.bytes)));
    EXPECT_TRUE(SameOutcome(
        label + " (kError, stream)", text.bytes, expected_error,
        ProductionStream(error_normalizer, text.bytes, 1 + rng() % 300, &rng)));
  }
  std::cout << "[ corpora    ] " << group() << ": " << texts.size()
            << " texts, " << bytes << " bytes, profile "
            << ProfileLabel(profile()) << std::endl;
}

std::string ParamName(
    const ::testing::TestParamInfo<std::tuple<int, Profile>>& info) {
  std::string name = kGroups[std::get<0>(info.param)];
  std::replace(name.begin(), name.end(), '-', '_');
  return name + "_" + ProfileLabel(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(
    AllProfiles, CorporaTest,
    ::testing::Combine(::testing::Range(0, kGroupCount),
                       ::testing::ValuesIn(TestProfiles())),
    ParamName);

}  // namespace
}  // namespace safi::differential
