// SPDX-License-Identifier: Apache-2.0
// Tests of the boilerplate lexicon: the data file loads completely, each
// phrase matches a line it fits, spelling variants match through
// dedup-profile keys, article text does not match, and coverage of real
// WordPress comment-form strings (from the corpora).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "dedup_test_util.h"
#include "safi/dedup.h"

#ifdef SAFI_HAVE_CORPUS
#include "news_generator.h"
#endif

namespace {

using safi::BoilerplateLexicon;
using safi::LexiconMatchKind;
using safi_test::ReadFile;

TEST(Lexicon, EveryMatchablePhraseOfTheDataFileIsLoaded) {
  const auto rows = safi_test::LexiconDataRows();
  ASSERT_FALSE(rows.empty()) << "cannot read " << SAFI_DEDUP_LEXICON_TSV;
  size_t phrases = 0;
  for (const std::vector<std::string>& fields : rows) {
    const std::string& kind = fields[0];
    if (kind == "line" || kind == "prefix" || kind == "contains") ++phrases;
  }
  const BoilerplateLexicon lexicon;
  // Equal counts: no phrase was rejected, and no two phrases of a kind
  // normalize to the same key.
  EXPECT_EQ(lexicon.size(), phrases);
  EXPECT_GT(phrases, 300u);
  EXPECT_GE(BoilerplateLexicon::Version(), 1u);
}

// Every phrase of the data file matches a line it fits, as its kind: a
// line phrase as the whole line, a prefix phrase followed by a word, a
// contains phrase between two words, a date name followed by a number (a
// date line); line phrases twice over make a sequence. Covers each
// phrase's first word and each date name in Match's filters.
TEST(Lexicon, EveryPhraseOfTheDataFileMatchesALineItFits) {
  const auto rows = safi_test::LexiconDataRows();
  ASSERT_FALSE(rows.empty()) << "cannot read " << SAFI_DEDUP_LEXICON_TSV;
  const BoilerplateLexicon lexicon;
  size_t tried = 0;
  for (const std::vector<std::string>& fields : rows) {
    const std::string& kind = fields[0];
    const std::string& phrase = fields[2];
    std::vector<std::pair<std::string, LexiconMatchKind>> fitting;
    if (kind == "line") {
      fitting = {{phrase, LexiconMatchKind::kLine}};
      // Two copies fit a sequence (at most 24 words) if each has at most 12.
      if (std::count(phrase.begin(), phrase.end(), ' ') < 12) {
        fitting.push_back({phrase + " " + phrase, LexiconMatchKind::kSequence});
      }
    } else if (kind == "prefix") {
      fitting = {{phrase + " كلمة", LexiconMatchKind::kPrefix}};
    } else if (kind == "contains") {
      fitting = {{"كلمة " + phrase + " كلمة", LexiconMatchKind::kContains}};
    } else if (kind == "datename") {
      fitting = {{phrase + " 12", LexiconMatchKind::kDate}};
    } else {
      continue;
    }
    for (const auto& [text, expected] : fitting) {
      BoilerplateLexicon::Match match;
      ++tried;
      ASSERT_TRUE(lexicon.MatchLine(text, &match)) << kind << ": " << text;
      EXPECT_EQ(match.kind, expected)
          << text << " matched as " << safi::LexiconMatchKindName(match.kind);
    }
  }
  EXPECT_GT(tried, 400u);
}

struct Expected {
  const char* line;
  const char* category;
  LexiconMatchKind kind;
};

TEST(Lexicon, SpellingVariantsMatchThroughTheDedupKey) {
  const Expected cases[] = {
      {"أضف تعليقك", "comment_form", LexiconMatchKind::kLine},
      {"اضف تعليقك", "comment_form", LexiconMatchKind::kLine},
      {"أضـف تعليقـك", "comment_form", LexiconMatchKind::kLine},
      {"أَضِفْ تَعْلِيقَكَ", "comment_form", LexiconMatchKind::kLine},
      {"  اضف\u00a0 تعليقك :", "comment_form", LexiconMatchKind::kLine},
      {"اترك تعليقاً", "comment_form", LexiconMatchKind::kLine},
      {"مقالات ذات صله", "related_header", LexiconMatchKind::kLine},
      {"مقالات ذات صـلة:", "related_header", LexiconMatchKind::kLine},
      {"إقرأ أيضاً:", "related_header", LexiconMatchKind::kLine},
      {"HI, WHAT ARE YOU LOOKING FOR ?", "theme", LexiconMatchKind::kLine},
      {"Share this:", "share", LexiconMatchKind::kLine},
      {"لن يتم نشر عنوان بريدك الإلكتروني . الحقول الإلزاميه مشار إليها بـ *",
       "comment_form", LexiconMatchKind::kPrefix},
      {"لن يتم نشر عنوان بريدك الالكترونى", "comment_form",
       LexiconMatchKind::kPrefix},
      {"جميع الحقوق محفوظة © 2024 موقع الأخبار", "footer",
       LexiconMatchKind::kPrefix},
      {"© 2024 موقع الأخبار. جميع الحقوق محفوظة.", "footer",
       LexiconMatchKind::kContains},
      {"من نحن | اتصل بنا | سياسة الخصوصية", "footer",
       LexiconMatchKind::kSequence},
      {"شارك فيسبوك تويتر واتساب", "share", LexiconMatchKind::kSequence},
      {"الأحد، 12 مارس 2023", "date", LexiconMatchKind::kDate},
      {"الأحد، ١٢ مارس ٢٠٢٣", "date", LexiconMatchKind::kDate},
      {"Monday, March 12, 2023", "date", LexiconMatchKind::kDate},
      {"منذ 3 ساعات", "date", LexiconMatchKind::kDate},
  };
  const BoilerplateLexicon lexicon;
  for (const Expected& c : cases) {
    BoilerplateLexicon::Match match;
    ASSERT_TRUE(lexicon.MatchLine(c.line, &match)) << c.line;
    EXPECT_EQ(match.category, c.category) << c.line;
    EXPECT_EQ(match.kind, c.kind)
        << c.line << " matched as " << safi::LexiconMatchKindName(match.kind);
    EXPECT_FALSE(match.phrase.empty());
  }
}

TEST(Lexicon, ArticleLinesAndAllowlistedFormulaeDoNotMatch) {
  const char* lines[] = {
      "قال وزير الدفاع إن الاجتماع جرى في جو بناء",
      "شارك الوزير في الاجتماع الذي عقد أمس في العاصمة",
      "بسم الله الرحمن الرحيم",
      "رياضة",
      "مارس",
      "2023 12",
      "حقوق النشر والتأليف موضوع نقاش واسع في البرلمان هذا الأسبوع بعد أن "
      "قدمت الحكومة مشروع قانون جديد يحمي المؤلفين والناشرين",
      "قالت الشركة في بيانها إن جميع الحقوق محفوظة للمساهمين وفق العقد "
      "الموقع بين الطرفين في العام الماضي بعد مفاوضات طويلة استمرت عدة "
      "أشهر بين ممثلي الجانبين",
      "وزيرا دفاع تركيا وسوريا يجتمعان في روسيا لبحث ‘التطبيع’",
      "",
      "   ",
  };
  const BoilerplateLexicon lexicon;
  for (const char* line : lines) {
    BoilerplateLexicon::Match match;
    EXPECT_FALSE(lexicon.MatchLine(line, &match))
        << line << " matched " << match.phrase << " as "
        << safi::LexiconMatchKindName(match.kind);
  }
}

#ifdef SAFI_HAVE_CORPUS
TEST(Lexicon, GeneratedTitlesAndArticlesNeverMatch) {
  const BoilerplateLexicon lexicon;
  size_t checked = 0;
  for (const safi::corpus::Variant variant :
       {safi::corpus::Variant::kNews, safi::corpus::Variant::kMostlyAscii}) {
    for (uint64_t index = 0; index < 200; ++index) {
      const safi::corpus::Page page =
          safi::corpus::GeneratePage(variant, 11, index);
      for (const safi::corpus::PagePart& part : page.parts) {
        if (part.kind != safi::corpus::PagePart::kTitle &&
            part.kind != safi::corpus::PagePart::kArticle) {
          continue;
        }
        BoilerplateLexicon::Match match;
        EXPECT_FALSE(lexicon.MatchLine(part.text, &match))
            << part.text << " matched " << match.phrase;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 3000u);
}
#endif

// The msgstr of msgid in a .po file ("" if absent), with printf
// placeholders and HTML tags removed.
std::string Translation(const std::string& po, const std::string& msgid) {
  const std::string key = "\nmsgid \"" + msgid + "\"\nmsgstr \"";
  const size_t at = po.find(key);
  if (at == std::string::npos) return "";
  const size_t begin = at + key.size();
  const size_t end = po.find("\"\n", begin);
  std::string text = po.substr(begin, end - begin);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const size_t close = text.find('>', i);
      if (close == std::string::npos) break;
      i = close;
    } else if (text[i] == '%') {
      size_t j = i + 1;
      while (j < text.size() &&
             (isdigit(static_cast<unsigned char>(text[j])) || text[j] == '$')) {
        ++j;
      }
      i = j;  // skips the conversion letter too
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

TEST(Lexicon, CoversWordPressCommentFormStrings) {
  const std::string dir = safi_test::CorporaDir();
  if (dir.empty()) {
    GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: SKIPPING the WordPress "
                    "comment-form coverage test (needs "
                    "arabic-ui-strings/wordpress-6.1.9-ar.po)";
  }
  const std::string po =
      ReadFile(dir + "/arabic-ui-strings/wordpress-6.1.9-ar.po");
  ASSERT_FALSE(po.empty()) << "cannot read the WordPress catalog in " << dir;
  // The strings of WordPress's front-end comment form and comment list.
  const char* msgids[] = {
      "Leave a Reply",
      "Leave a Reply to %s",
      "Cancel reply",
      "Your email address will not be published.",
      "Required fields are marked %s",
      "Comment",
      "Name",
      "Email",
      "Website",
      "Post Comment",
      "Comments are closed.",
      "Reply",
      "Leave a comment",
      "Leave a Comment",
      "No Comments",
      "Comments",
      "Your comment is awaiting moderation.",
  };
  const BoilerplateLexicon lexicon;
  size_t present = 0, matched = 0;
  std::string missed;
  for (const char* msgid : msgids) {
    const std::string arabic = Translation(po, msgid);
    if (arabic.empty()) continue;
    ++present;
    BoilerplateLexicon::Match match;
    if (lexicon.MatchLine(arabic, &match)) {
      ++matched;
    } else {
      missed += " [" + arabic + "]";
    }
  }
  std::printf("WordPress comment-form strings matched: %zu of %zu;%s%s\n",
              matched, present,
              missed.empty() ? "" : " missed:", missed.c_str());
  ASSERT_GE(present, 15u);
  EXPECT_GE(matched * 10, present * 9) << "missed:" << missed;
  // The two strings of the seed page's comment form.
  BoilerplateLexicon::Match match;
  EXPECT_TRUE(lexicon.MatchLine(
      Translation(po, "Your email address will not be published."), &match));
  EXPECT_TRUE(lexicon.MatchLine(
      Translation(po, "Required fields are marked %s"), &match));
}

}  // namespace
