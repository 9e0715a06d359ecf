// SPDX-License-Identifier: Apache-2.0
// Tests of the corpus generator: determinism, UTF-8 validity, size bound, page
// structure, variants.

#include "news_generator.h"

#include <unicode/unorm2.h>
#include <unicode/ushape.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "script_transforms.h"
#include "story.h"

namespace safi::corpus {
namespace {

// Strict UTF-8 check (RFC 3629: no overlongs, surrogates or values past
// U+10FFFF), written independently of the generator's decoder.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1F, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0F, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const unsigned char c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

// Decodes valid UTF-8 (checked first).
std::u32string Decode(std::string_view s) {
  EXPECT_TRUE(IsValidUtf8(s));
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    uint32_t cp = len == 1   ? b
                  : len == 2 ? (b & 0x1F)
                  : len == 3 ? (b & 0x0F)
                             : (b & 0x07);
    for (size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Encode(std::u32string_view cps) {
  std::string out;
  for (const char32_t cp : cps) internal::AppendUtf8(cp, &out);
  return out;
}

bool IsLetter(char32_t c) { return c >= 0x0621 && c <= 0x064A && c != 0x0640; }
bool IsMark(char32_t c) { return (c >= 0x064B && c <= 0x0652) || c == 0x0670; }
bool IsArabicScript(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

size_t Count(std::u32string_view text, char32_t c) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), c));
}

size_t Count(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// Undoes the generator's noise so that two renderings of the same clean
// text compare equal: drops CR, ZWNJ and tatweel, maps NBSP and tab to a
// space, collapses spaces, removes the space before an Arabic comma, and
// maps Arabic-Indic digits and separators back to ASCII.
std::u32string Denoise(std::u32string_view text) {
  std::u32string out;
  for (char32_t c : text) {
    if (c == U'\r' || c == 0x200C || c == 0x0640) continue;
    if (c == 0x00A0 || c == U'\t') c = U' ';
    if (c >= 0x0660 && c <= 0x0669) c = U'0' + (c - 0x0660);
    if (c == 0x066B) c = U'.';
    if (c == 0x066A) c = U'%';
    if (c == U' ' && !out.empty() && out.back() == U' ') continue;
    if (c == 0x060C && !out.empty() && out.back() == U' ') out.pop_back();
    out.push_back(c);
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  while (!out.empty() && out.front() == U' ') out.erase(out.begin());
  return out;
}

constexpr uint64_t kSeed = 20240611;

// One corpus per variant, generated once for the whole test binary.
const std::string& Corpus(Variant variant) {
  static const auto* corpora = [] {
    auto* map = new std::map<Variant, std::string>();
    for (const Variant v : AllVariants()) {
      (*map)[v] = Generate(v, size_t{2} << 20, kSeed);
    }
    return map;
  }();
  return corpora->at(variant);
}

TEST(VariantTest, NamesRoundTrip) {
  const std::vector<Variant> all = AllVariants();
  ASSERT_EQ(all.size(), 4u);
  std::set<std::string> names;
  for (const Variant v : all) {
    names.insert(VariantName(v));
    Variant parsed =
        v == Variant::kNews ? Variant::kMostlyAscii : Variant::kNews;
    ASSERT_TRUE(ParseVariant(VariantName(v), &parsed));
    EXPECT_EQ(parsed, v);
  }
  EXPECT_EQ(names, (std::set<std::string>{"news", "vocalized", "presentation",
                                          "ascii"}));
  Variant v = Variant::kVocalized;
  for (const char* bad : {"", "News", "presentation-forms", "asci", "news "}) {
    EXPECT_FALSE(ParseVariant(bad, &v)) << bad;
    EXPECT_EQ(v, Variant::kVocalized);
  }
}

TEST(GenerateTest, DeterministicAndSeedSensitive) {
  for (const Variant v : AllVariants()) {
    SCOPED_TRACE(VariantName(v));
    const std::string a = Generate(v, 300000, 7);
    EXPECT_EQ(a, Generate(v, 300000, 7));
    EXPECT_NE(a, Generate(v, 300000, 8));
    EXPECT_GT(a.size(), 250000u);
  }
}

// A fingerprint of a small corpus: changes only when the generator does. If
// you changed the lexicon or the algorithms on purpose, update the constant
// (benchmark numbers across versions then measure different text). A
// failure without such a change means the output depends on the platform.
TEST(GenerateTest, PlatformIndependentFingerprint) {
  uint64_t hash = 0xCBF29CE484222325ull;  // FNV-1a 64
  for (const Variant v : AllVariants()) {
    for (const char c : Generate(v, 65536, 1)) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    }
  }
  EXPECT_EQ(hash, 0x9219C6F6F18DA772ull);
}

TEST(GenerateTest, ValidUtf8WithinSizeBound) {
  for (const Variant v : AllVariants()) {
    SCOPED_TRACE(VariantName(v));
    const std::string first_page = RenderPage(GeneratePage(v, 5, 0));
    for (const size_t n :
         {size_t{0}, size_t{1}, size_t{2}, size_t{3}, size_t{50}, size_t{333},
          first_page.size() - 1, first_page.size(), size_t{100000},
          size_t{1} << 20}) {
      SCOPED_TRACE(n);
      const std::string out = Generate(v, n, 5);
      ASSERT_LE(out.size(), n);
      ASSERT_TRUE(IsValidUtf8(out));
      if (n < first_page.size()) {
        // Cut at a character boundary: at most 3 bytes short.
        EXPECT_GE(out.size() + 3, n);
        EXPECT_EQ(first_page.compare(0, out.size(), out), 0);
        continue;
      }
      // Whole pages, and the next page would not have fit.
      std::string expected;
      uint64_t index = 0;
      while (true) {
        std::string next = RenderPage(GeneratePage(v, 5, index));
        if (index > 0) next.insert(next.begin(), '\n');
        if (expected.size() + next.size() > n) break;
        expected += next;
        ++index;
      }
      EXPECT_EQ(out, expected);
      EXPECT_EQ(out.back(), '\n');
    }
  }
}

TEST(GenerateTest, ShorterOutputIsPrefix) {
  for (const Variant v : AllVariants()) {
    const std::string big = Generate(v, 200000, 9);
    const std::string small = Generate(v, 60000, 9);
    EXPECT_EQ(big.compare(0, small.size(), small), 0) << VariantName(v);
  }
}

TEST(GenerateTest, StreamingMatchesGenerate) {
  std::string streamed;
  size_t pieces = 0;
  GenerateTo(Variant::kNews, 150000, 4, [&](std::string_view piece) {
    EXPECT_FALSE(piece.empty());
    streamed.append(piece);
    ++pieces;
  });
  EXPECT_EQ(streamed, Generate(Variant::kNews, 150000, 4));
  EXPECT_GT(pieces, 5u);
}

// The only blank lines in the output are the page separators, so pages can
// be split back out of a corpus file.
TEST(GenerateTest, BlankLinesSeparatePagesOnly) {
  for (const Variant v : AllVariants()) {
    SCOPED_TRACE(VariantName(v));
    const std::string& corpus = Corpus(v);
    size_t pages = 0;
    size_t bytes = 0;
    while (bytes < corpus.size()) {
      const std::string page = RenderPage(GeneratePage(v, kSeed, pages));
      bytes += page.size() + (pages > 0 ? 1 : 0);
      ++pages;
    }
    ASSERT_EQ(bytes, corpus.size());
    size_t blank = 0;
    size_t start = 0;
    while (start < corpus.size()) {
      const size_t end = corpus.find('\n', start);
      const std::string_view line(corpus.data() + start, end - start);
      const std::u32string cps = Decode(line);
      const bool is_blank = std::all_of(cps.begin(), cps.end(), [](char32_t c) {
        return c == U' ' || c == U'\t' || c == U'\r' || c == 0x00A0;
      });
      if (is_blank) {
        EXPECT_TRUE(line.empty()) << "whitespace-only line at byte " << start;
        ++blank;
      }
      start = end + 1;
    }
    EXPECT_EQ(blank, pages - 1);
  }
}

TEST(PageTest, EveryPageHasAllLabeledParts) {
  for (const Variant v : AllVariants()) {
    SCOPED_TRACE(VariantName(v));
    for (uint64_t index = 0; index < 60; ++index) {
      SCOPED_TRACE(index);
      const Page page = GeneratePage(v, kSeed, index);
      EXPECT_EQ(page.url.rfind("https://", 0), 0u);
      EXPECT_NE(page.url.find(page.site), std::string::npos);
      EXPECT_LE(page.story, index);
      std::map<PagePart::Kind, int> counts;
      for (size_t i = 0; i < page.parts.size(); ++i) {
        const PagePart& part = page.parts[i];
        ++counts[part.kind];
        EXPECT_EQ(part.text.find('\n'), std::string::npos);
        ASSERT_FALSE(part.text.empty());
        if (part.kind == PagePart::kTeaser) {
          ASSERT_GT(i, 0u);
          EXPECT_EQ(page.parts[i - 1].kind, PagePart::kCategoryLabel);
          const std::u32string text = Denoise(Decode(part.text));
          EXPECT_TRUE(
              text.size() > 3 &&
              (text.substr(text.size() - 3) == U"..." || text.back() == U'…'))
              << part.text;
          EXPECT_GE(part.source_page, 0);
          EXPECT_NE(part.source_page, static_cast<int64_t>(index));
        } else {
          EXPECT_EQ(part.source_page, -1);
        }
        if (part.kind == PagePart::kCategoryLabel) {
          ASSERT_LT(i + 1, page.parts.size());
          EXPECT_EQ(page.parts[i + 1].kind, PagePart::kTeaser);
        }
      }
      EXPECT_EQ(page.parts.front().kind, PagePart::kThemeString);
      EXPECT_EQ(counts[PagePart::kTitle], 1);
      EXPECT_EQ(counts[PagePart::kRelatedHeader], 1);
      EXPECT_GE(counts[PagePart::kArticle], 5);
      EXPECT_LE(counts[PagePart::kArticle],
                v == Variant::kMostlyAscii ? 13 : 12);
      EXPECT_GE(counts[PagePart::kTeaser], 4);
      EXPECT_LE(counts[PagePart::kTeaser], 8);
      EXPECT_EQ(counts[PagePart::kCategoryLabel], counts[PagePart::kTeaser]);
      EXPECT_GE(counts[PagePart::kThemeString], 1);
      EXPECT_GE(counts[PagePart::kCommentForm], 1);
      EXPECT_GE(counts[PagePart::kShareWidget], 1);
      EXPECT_GE(counts[PagePart::kFooter], 1);
    }
  }
}

TEST(PageTest, SeveralSitesWithTheirOwnTemplates) {
  std::map<std::string, std::set<std::string>> comment_forms;
  std::set<std::string> ascii_sites;
  for (uint64_t index = 0; index < 200; ++index) {
    const Page page = GeneratePage(Variant::kNews, kSeed, index);
    std::string form;
    for (const PagePart& part : page.parts) {
      if (part.kind == PagePart::kCommentForm) {
        form += Encode(Denoise(Decode(part.text))) + "|";
      }
    }
    comment_forms[page.site].insert(form);
    ascii_sites.insert(GeneratePage(Variant::kMostlyAscii, kSeed, index).site);
  }
  EXPECT_GE(comment_forms.size(), 6u);
  EXPECT_GE(ascii_sites.size(), 3u);
  std::set<std::string> all_forms;
  for (const auto& [site, forms] : comment_forms) {
    EXPECT_EQ(forms.size(), 1u) << site << " has an unstable template";
    all_forms.insert(forms.begin(), forms.end());
  }
  EXPECT_EQ(all_forms.size(), comment_forms.size())
      << "two sites share a comment form";
}

// A teaser is the opening of another page's article, cut inside a word.
TEST(PageTest, TeasersQuoteTheOpeningOfTheirSourcePage) {
  size_t checked = 0;
  for (uint64_t index = 0; index < 40; ++index) {
    const Page page = GeneratePage(Variant::kNews, kSeed, index);
    for (const PagePart& part : page.parts) {
      if (part.kind != PagePart::kTeaser) continue;
      std::u32string teaser = Denoise(Decode(part.text));
      if (teaser.back() == U'…') {
        teaser.pop_back();
      } else {
        teaser.resize(teaser.size() - 3);
      }
      while (!teaser.empty() && teaser.back() == U' ') teaser.pop_back();
      const Page source = GeneratePage(Variant::kNews, kSeed,
                                       static_cast<uint64_t>(part.source_page));
      EXPECT_NE(source.story, page.story);
      const auto lead = std::find_if(
          source.parts.begin(), source.parts.end(),
          [](const PagePart& p) { return p.kind == PagePart::kArticle; });
      ASSERT_NE(lead, source.parts.end());
      const std::u32string article = Denoise(Decode(lead->text));
      ASSERT_GT(article.size(), teaser.size());
      EXPECT_EQ(article.compare(0, teaser.size(), teaser), 0)
          << part.text << "\nvs\n"
          << lead->text;
      // Cut mid-word: letters on both sides of the cut.
      const auto word_char = [](char32_t c) {
        return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
               (c >= U'0' && c <= U'9') || IsLetter(c);
      };
      EXPECT_TRUE(word_char(teaser.back()) && word_char(article[teaser.size()]))
          << part.text;
      ++checked;
    }
  }
  EXPECT_GT(checked, 150u);
}

// Some pages are syndicated copies of earlier articles: near-duplicates.
TEST(PageTest, SyndicatedCopiesRepeatAnEarlierArticle) {
  size_t copies = 0;
  for (uint64_t index = 0; index < 400; ++index) {
    const Page page = GeneratePage(Variant::kNews, 11, index);
    if (page.story == index) continue;
    ++copies;
    const Page original = GeneratePage(Variant::kNews, 11, page.story);
    EXPECT_EQ(original.story, page.story);
    std::vector<std::u32string> a;
    std::vector<std::u32string> b;
    for (const PagePart& p : page.parts) {
      if (p.kind == PagePart::kArticle) a.push_back(Denoise(Decode(p.text)));
    }
    for (const PagePart& p : original.parts) {
      if (p.kind == PagePart::kArticle) b.push_back(Denoise(Decode(p.text)));
    }
    ASSERT_TRUE(a.size() == b.size() || a.size() + 1 == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      // Digits may differ in script between sites; compare after Denoise.
      EXPECT_EQ(a[i], b[i]) << "page " << index << " paragraph " << i;
    }
  }
  EXPECT_GE(copies, 5u);
  EXPECT_LE(copies, 40u);
}

TEST(VariantTest, NewsHasCrawlNoiseAndArabicOrthography) {
  const std::string& corpus = Corpus(Variant::kNews);
  const std::u32string text = Decode(corpus);
  EXPECT_GT(Count(text, 0x00A0), 20u) << "NBSP";
  EXPECT_GT(Count(corpus, "\r\n"), 20u) << "CRLF";
  EXPECT_GT(Count(text, 0x200C), 5u) << "ZWNJ";
  EXPECT_GT(Count(text, 0x200F), 5u) << "RLM";
  EXPECT_GT(Count(text, 0x200E), 5u) << "LRM";
  EXPECT_GT(Count(text, 0x0640), 5u) << "tatweel";
  EXPECT_GT(Count(text, U'\t'), 5u) << "tab";
  EXPECT_GT(Count(corpus, "  "), 20u) << "double space";
  for (const char32_t c :
       {U'،', U'؛', U'؟', U'“', U'”', U'«', U'»', U'أ', U'إ', U'آ',
        U'ة', U'ى', U'ؤ', U'ئ', U'ء', U'٪', U'٫', U'©', U'…', U'–'}) {
    EXPECT_GT(Count(text, c), 0u) << Encode(std::u32string(1, c));
  }
  size_t indic = 0;
  size_t ascii_digits = 0;
  size_t latin = 0;
  size_t letters = 0;
  size_t marks = 0;
  for (const char32_t c : text) {
    indic += c >= 0x0660 && c <= 0x0669;
    ascii_digits += c >= U'0' && c <= U'9';
    latin += (c >= U'A' && c <= U'Z');
    letters += IsLetter(c);
    marks += IsMark(c);
    EXPECT_FALSE(c >= 0xFE70 && c <= 0xFEFF);
    ASSERT_NE(c, U'{');
  }
  EXPECT_GT(indic, 100u);
  EXPECT_GT(ascii_digits, 100u);
  EXPECT_GT(latin, 100u);
  EXPECT_LT(marks, letters / 100) << "news text is mostly unvocalized";
}

TEST(VariantTest, VocalizedMarksMostLetters) {
  const std::u32string text = Decode(Corpus(Variant::kVocalized));
  size_t letters = 0;
  size_t marked = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (!IsLetter(text[i])) continue;
    ++letters;
    marked += IsMark(text[i + 1]);
  }
  ASSERT_GT(letters, 100000u);
  EXPECT_GE(marked * 100, letters * 20);
  const auto pairs = [&text](char32_t first, std::u32string_view seconds) {
    size_t n = 0;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      n += text[i] == first &&
           seconds.find(text[i + 1]) != std::u32string_view::npos;
    }
    return n;
  };
  const size_t shadda_first = pairs(0x0651, U"\u064E\u064F\u0650");
  size_t vowel_first = 0;
  for (const char32_t vowel : {U'\u064E', U'\u064F', U'\u0650'}) {
    vowel_first += pairs(vowel, U"\u0651");
  }
  EXPECT_GE(shadda_first * 100, letters * 2) << "shadda then vowel";
  EXPECT_GE(vowel_first * 100, letters * 2) << "vowel then shadda";
  EXPECT_GT(Count(text, 0x0670), 100u) << "superscript alef";
  for (const char32_t tanween : {U'\u064B', U'\u064C', U'\u064D', U'\u0652'}) {
    EXPECT_GT(Count(text, tanween), 100u);
  }
  const std::u32string news = Decode(Corpus(Variant::kNews));
  EXPECT_GT(Count(text, 0x0640) * news.size(),
            3 * Count(news, 0x0640) * text.size())
      << "more tatweel than plain news";
}

TEST(VariantTest, PresentationFormsForAboutHalfTheWords) {
  const std::u32string text = Decode(Corpus(Variant::kPresentationForms));
  size_t arabic = 0;
  size_t forms = 0;
  size_t lam_alef = 0;
  for (const char32_t c : text) {
    arabic += IsArabicScript(c);
    forms += c >= 0xFE70 && c <= 0xFEFF;
    lam_alef += c >= 0xFEF5 && c <= 0xFEFC;
  }
  ASSERT_GT(arabic, 100000u);
  EXPECT_GE(forms * 100, arabic * 30);
  EXPECT_LE(forms * 100, arabic * 70);
  EXPECT_GT(lam_alef, 100u);
  EXPECT_GT(Count(text, 0xFDF2), 5u) << "ﷲ";
  EXPECT_GT(Count(text, 0xFDFA), 2u) << "ﷺ";
}

TEST(VariantTest, AsciiIsMostlyEnglishWithOccasionalArabicLines) {
  const std::string& corpus = Corpus(Variant::kMostlyAscii);
  const size_t non_ascii = static_cast<size_t>(std::count_if(
      corpus.begin(), corpus.end(),
      [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  EXPECT_LE(non_ascii * 100, corpus.size() * 6);
  EXPECT_GE(non_ascii * 100, corpus.size() * 1);
  size_t lines = 0;
  size_t arabic_lines = 0;
  size_t start = 0;
  while (start < corpus.size()) {
    const size_t end = corpus.find('\n', start);
    const std::string_view line(corpus.data() + start, end - start);
    ++lines;
    // Lines of Arabic prose (not the one-word "العربية" menu item).
    arabic_lines += Count(line, "\xD8\xA7") + Count(line, "\xD9\x84") > 20;
    start = end + 1;
  }
  EXPECT_GT(arabic_lines * 300, lines);
  EXPECT_LT(arabic_lines * 30, lines);
}

// Stories are clean before noise: every template slot is filled, no double
// spaces, no space before punctuation.
TEST(StoryTest, TemplatesExpandCleanly) {
  for (const internal::Language language :
       {internal::Language::kArabic, internal::Language::kEnglish}) {
    std::set<int> categories;
    for (uint64_t seed = 0; seed < 1000; ++seed) {
      const internal::Story story = internal::MakeStory(language, seed);
      categories.insert(story.category);
      EXPECT_EQ(story.category, internal::StoryCategory(seed));
      ASSERT_GE(story.paragraphs.size(), 5u);
      ASSERT_LE(story.paragraphs.size(), 12u);
      std::vector<std::string_view> texts = {story.title};
      texts.insert(texts.end(), story.paragraphs.begin(),
                   story.paragraphs.end());
      for (const std::string_view text : texts) {
        ASSERT_FALSE(text.empty());
        EXPECT_TRUE(IsValidUtf8(text));
        EXPECT_EQ(text.find_first_of("{}[]<>|~\n\r\t"), std::string_view::npos)
            << text;
        EXPECT_EQ(text.find("  "), std::string_view::npos) << text;
        EXPECT_EQ(text.find(" ."), std::string_view::npos) << text;
        EXPECT_EQ(text.find(" \xD8\x8C"), std::string_view::npos) << text;
        EXPECT_NE(text.front(), ' ');
        EXPECT_NE(text.back(), ' ');
      }
      const std::string lead = internal::StoryLead(language, seed, 200);
      EXPECT_EQ(story.paragraphs[0].compare(0, lead.size(), lead), 0);
      EXPECT_TRUE(lead.size() >= 200 || lead == story.paragraphs[0]);
    }
    EXPECT_EQ(categories.size(), size_t{internal::kCategoryCount});
  }
}

TEST(ScriptTest, VocalizeOnlyAddsMarksAndTatweel) {
  const Page page = GeneratePage(Variant::kNews, kSeed, 3);
  internal::Rng rng(99);
  for (const PagePart& part : page.parts) {
    std::string vocalized;
    internal::Vocalize(part.text, &rng, &vocalized);
    ASSERT_TRUE(IsValidUtf8(vocalized));
    std::u32string stripped;
    for (const char32_t c : Decode(vocalized)) {
      if (!IsMark(c) && c != 0x0640) stripped.push_back(c);
    }
    std::u32string original;
    for (const char32_t c : Decode(part.text)) {
      if (!IsMark(c) && c != 0x0640) original.push_back(c);
    }
    EXPECT_EQ(stripped, original) << part.text;
  }
}

// ShapeWord agrees with ICU's Arabic shaper (up to hamza, see below), and
// NFKC maps its output back to the word.
TEST(ScriptTest, ShapingMatchesIcu) {
  std::set<std::u32string> words;
  for (uint64_t index = 0; index < 30; ++index) {
    for (const PagePart& part :
         GeneratePage(Variant::kNews, kSeed, index).parts) {
      std::u32string word;
      for (const char32_t c : Decode(part.text) + U' ') {
        if (IsLetter(c)) {
          word.push_back(c);
        } else {
          if (!word.empty()) words.insert(word);
          word.clear();
        }
      }
    }
  }
  ASSERT_GT(words.size(), 500u);
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  ASSERT_TRUE(U_SUCCESS(status));
  size_t shaped_count = 0;
  for (const std::u32string& word : words) {
    std::string shaped;
    if (!internal::ShapeWord(word, &shaped)) {
      EXPECT_TRUE(shaped.empty());
      continue;
    }
    ++shaped_count;
    std::u16string input(word.begin(), word.end());
    std::u16string expected(input.size() + 8, u'\0');
    status = U_ZERO_ERROR;
    const int32_t n =
        u_shapeArabic(reinterpret_cast<const UChar*>(input.data()),
                      static_cast<int32_t>(input.size()),
                      reinterpret_cast<UChar*>(expected.data()),
                      static_cast<int32_t>(expected.size()),
                      U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL |
                          U_SHAPE_LENGTH_GROW_SHRINK,
                      &status);
    ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    expected.resize(static_cast<size_t>(n));
    // ICU leaves the non-joining hamza as U+0621; Unicode's isolated form
    // U+FE80 is what ShapeWord writes.
    std::replace(expected.begin(), expected.end(), u'\u0621', u'\uFE80');
    const std::u32string ours = Decode(shaped);
    EXPECT_EQ(std::u16string(ours.begin(), ours.end()), expected)
        << Encode(word);
    std::u16string back(input.size() + 8, u'\0');
    const std::u16string ours16(ours.begin(), ours.end());
    status = U_ZERO_ERROR;
    const int32_t m =
        unorm2_normalize(nfkc, reinterpret_cast<const UChar*>(ours16.data()),
                         static_cast<int32_t>(ours16.size()),
                         reinterpret_cast<UChar*>(back.data()),
                         static_cast<int32_t>(back.size()), &status);
    ASSERT_TRUE(U_SUCCESS(status));
    back.resize(static_cast<size_t>(m));
    EXPECT_EQ(back, input) << Encode(word);
  }
  EXPECT_GT(shaped_count * 10, words.size() * 9);
}

}  // namespace
}  // namespace safi::corpus
