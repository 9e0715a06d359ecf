// SPDX-License-Identifier: Apache-2.0
// Tests of each dedup detector on small hand-built corpora: site templates,
// global lines, confirmed and structural teasers with their labels, exact
// and near duplicates, the choice of the kept copy, byte offsets, errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "dedup_test_util.h"
#include "safi/dedup.h"

namespace {

using safi::RemovalReason;
using safi::TeaserRule;
using safi_test::Article;
using safi_test::Doc;
using safi_test::LineStart;
using safi_test::Paragraph;
using safi_test::RemovalAt;
using safi_test::RunDedup;

const char kTemplateLine[] = "نشرة الطقس اليومية من فريق التحرير";

TEST(SiteTemplate, ThresholdIsRelativeToTheSitePageCount) {
  std::vector<Doc> docs;
  // Site a: 10 pages, the line on 3 of them (threshold max(3, 30%) = 3).
  for (int i = 0; i < 10; ++i) {
    std::string text = Article(i, 3);
    if (i < 3) text += std::string(kTemplateLine) + "\n";
    docs.push_back({"a" + std::to_string(i), "a.example", text});
  }
  // Site b: 20 pages, the line on 5 (threshold 6): kept.
  for (int i = 0; i < 20; ++i) {
    std::string text = Article(100 + i, 3);
    if (i < 5) text += std::string(kTemplateLine) + "\n";
    docs.push_back({"b" + std::to_string(i), "b.example", text});
  }
  // Site c: 4 pages (fewer than 5), the line on all: kept.
  for (int i = 0; i < 4; ++i) {
    docs.push_back({"c" + std::to_string(i), "c.example",
                    Article(200 + i, 3) + kTemplateLine + "\n"});
  }
  const auto run = RunDedup(docs);
  for (size_t d = 0; d < docs.size(); ++d) {
    const size_t at = LineStart(docs[d].text, kTemplateLine);
    if (at == std::string::npos) continue;
    const safi::Removal* r = RemovalAt(run.decisions[d], at);
    if (docs[d].site == "a.example") {
      ASSERT_NE(r, nullptr) << docs[d].id;
      EXPECT_EQ(r->reason, RemovalReason::kSiteTemplate);
      EXPECT_EQ(r->pages, 3u);
      EXPECT_EQ(r->site_pages, 10u);
    } else {
      EXPECT_EQ(r, nullptr) << docs[d].id;
    }
    // Nothing else is removed from these plain articles.
    EXPECT_EQ(run.decisions[d].removals.size(), r == nullptr ? 0u : 1u);
  }

  // One more page on site b carrying the line: 6 of 21 pages, threshold
  // ceil(0.3 * 21) = 7: still kept; two more: 7 of 22 >= ceil(6.6): removed.
  docs.push_back({"b20", "b.example", Article(120, 3) + kTemplateLine + "\n"});
  EXPECT_EQ(RunDedup(docs).decisions.back().removals.size(), 0u);
  docs.push_back({"b21", "b.example", Article(121, 3) + kTemplateLine + "\n"});
  const auto more = RunDedup(docs);
  const safi::Removal* r = RemovalAt(
      more.decisions.back(), LineStart(docs.back().text, kTemplateLine));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reason, RemovalReason::kSiteTemplate);
  EXPECT_EQ(r->pages, 7u);
  EXPECT_EQ(r->site_pages, 22u);
}

TEST(Global, ShortLineOnManySitesInDifferentClusters) {
  const char kLine[] = "حمل تطبيقنا المجاني الآن";  // not in the lexicon
  safi::BoilerplateLexicon lexicon;
  safi::BoilerplateLexicon::Match match;
  ASSERT_FALSE(lexicon.MatchLine(kLine, &match));
  for (int sites = 4; sites <= 5; ++sites) {
    std::vector<Doc> docs;
    for (int s = 0; s < sites; ++s) {
      docs.push_back({"d" + std::to_string(s),
                      "site" + std::to_string(s) + ".example",
                      Article(300 + s, 3) + kLine + "\n"});
    }
    const auto run = RunDedup(docs);
    for (size_t d = 0; d < docs.size(); ++d) {
      const safi::Removal* r =
          RemovalAt(run.decisions[d], LineStart(docs[d].text, kLine));
      if (sites < 5) {
        EXPECT_EQ(r, nullptr);
      } else {
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r->reason, RemovalReason::kGlobal);
        EXPECT_EQ(r->sites, 5u);
      }
    }
  }
}

TEST(Global, SyndicatedCopiesKeepTheirTitle) {
  // One article on 6 sites: its title is a short line on 6 sites, but all
  // in one duplicate cluster, so the kept copy keeps it.
  std::vector<Doc> docs;
  const std::string article = Article(400, 4);
  for (int s = 0; s < 6; ++s) {
    docs.push_back({"copy" + std::to_string(s),
                    "site" + std::to_string(s) + ".example", article});
  }
  const auto run = RunDedup(docs);
  size_t kept = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (!run.decisions[d].keep) {
      EXPECT_EQ(run.decisions[d].removals.at(0).reason,
                RemovalReason::kExactDup);
      continue;
    }
    ++kept;
    EXPECT_TRUE(run.decisions[d].removals.empty());
    EXPECT_EQ(run.decisions[d].duplicates, 5u);
  }
  EXPECT_EQ(kept, 1u);
}

TEST(Teaser, ConfirmedWhenItOpensAnotherDocument) {
  const std::string source = Article(500, 3);
  const std::string lead = safi_test::Lines(source)[1];  // first paragraph
  // The first 14 words, then 3 letters of the next word, then "...".
  std::vector<size_t> spaces;
  for (size_t i = 0; i < lead.size(); ++i) {
    if (lead[i] == ' ') spaces.push_back(i);
  }
  const std::string teaser = lead.substr(0, spaces[13] + 1 + 6) + "...";
  // In the middle of another article, with no header or label around it.
  const std::string other =
      Paragraph(600, 30) + "\n" + teaser + "\n" + Paragraph(601, 30) + "\n";
  const auto with_source =
      RunDedup({{"src", "x.example", source}, {"other", "y.example", other}});
  const safi::Removal* r =
      RemovalAt(with_source.decisions[1], LineStart(other, teaser));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reason, RemovalReason::kTeaser);
  EXPECT_EQ(r->rule, TeaserRule::kConfirmed);
  EXPECT_EQ(r->source, "src");
  EXPECT_EQ(r->matched_words, 14u);
  EXPECT_EQ(with_source.decisions[1].removals.size(), 1u);
  EXPECT_TRUE(with_source.decisions[0].removals.empty());
  // Without the source document nothing confirms it and no structure
  // applies: it stays.
  const auto alone = RunDedup({{"other", "y.example", other}});
  EXPECT_TRUE(alone.decisions[0].removals.empty());
}

TEST(Teaser, StructuralRulesAndLabels) {
  const std::string t1 = Paragraph(700, 20) + "...";
  const std::string t2 = Paragraph(701, 20) + "\u2026";
  const std::string t3 = Paragraph(702, 20) + " ...";
  // After a related-articles header, with a label before each teaser.
  {
    const std::string text = Article(703, 3) + "مقالات ذات صلة\nرياضة\n" + t1 +
                             "\nسياسة\n" + t2 + "\n";
    const auto run = RunDedup({{"d", "s.example", text}});
    const auto& d = run.decisions[0];
    ASSERT_EQ(d.removals.size(), 5u);
    EXPECT_EQ(d.removals[0].reason, RemovalReason::kLexicon);
    EXPECT_EQ(d.removals[0].category, "related_header");
    EXPECT_EQ(d.removals[1].reason, RemovalReason::kLabel);
    EXPECT_EQ(d.removals[1].teaser_start, LineStart(text, t1));
    EXPECT_EQ(d.removals[2].reason, RemovalReason::kTeaser);
    EXPECT_EQ(d.removals[2].rule, TeaserRule::kAfterRelatedHeader);
    EXPECT_EQ(d.removals[2].block_teasers, 2u);
    EXPECT_EQ(d.removals[3].reason, RemovalReason::kLabel);
    EXPECT_EQ(d.removals[4].reason, RemovalReason::kTeaser);
  }
  // After a short label, in the middle of the page.
  {
    const std::string text =
        Article(704, 2) + "اقتصاد\n" + t1 + "\n" + Paragraph(705, 30) + "\n";
    const auto run = RunDedup({{"d", "s.example", text}});
    const safi::Removal* r = RemovalAt(run.decisions[0], LineStart(text, t1));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->rule, TeaserRule::kAfterLabel);
    EXPECT_NE(RemovalAt(run.decisions[0], LineStart(text, "اقتصاد")), nullptr);
    EXPECT_EQ(run.decisions[0].removals.size(), 2u);
  }
  // Two or more teasers ending the page, without header or labels.
  {
    const std::string text = Article(706, 2) + t1 + "\n" + t2 + "\n" + t3;
    const auto run = RunDedup({{"d", "s.example", text}});
    ASSERT_EQ(run.decisions[0].removals.size(), 3u);
    for (const safi::Removal& r : run.decisions[0].removals) {
      EXPECT_EQ(r.reason, RemovalReason::kTeaser);
      EXPECT_EQ(r.rule, TeaserRule::kTrailingBlock);
      EXPECT_EQ(r.block_teasers, 3u);
    }
    // The last line has no terminator: its span ends at the end.
    EXPECT_EQ(run.decisions[0].removals.back().end, text.size());
  }
  // One ellipsis paragraph inside the article, and a short title followed
  // by a lead that ends in "...": nothing to remove.
  {
    const std::string text = "عنوان قصير\n" + t1 + "\n" + Paragraph(707, 30) +
                             "\n" + t2 + "\n" + Paragraph(708, 30) + "\n";
    const auto run = RunDedup({{"d", "s.example", text}});
    EXPECT_TRUE(run.decisions[0].removals.empty());
  }
}

TEST(Duplicates, ExactCopiesIgnoringBoilerplateKeepTheSmallestId) {
  const std::string article = Article(800, 4);
  std::vector<Doc> docs = {
      {"zeta", "a.example", "اضف تعليقك\n" + article},
      {"alpha", "b.example", article + "Share this:\n"},
      {"mid", "c.example", article},
  };
  const auto run = RunDedup(docs);
  EXPECT_TRUE(run.decisions[1].keep);
  EXPECT_EQ(run.decisions[1].duplicates, 2u);
  for (const size_t d : {0, 2}) {
    ASSERT_FALSE(run.decisions[d].keep) << docs[d].id;
    const safi::Removal& r = run.decisions[d].removals.at(0);
    EXPECT_EQ(r.reason, RemovalReason::kExactDup);
    EXPECT_EQ(r.kept, "alpha");
    EXPECT_EQ(r.cluster_size, 3u);
    EXPECT_EQ(r.similarity_permille, 1000u);
    EXPECT_EQ(r.start, 0u);
    EXPECT_EQ(r.end, docs[d].text.size());
  }
  // A longer version (one more short paragraph) is kept instead, and the
  // three copies become its near duplicates.
  docs.push_back({"longer", "d.example", article + Paragraph(801, 12) + "\n"});
  const auto with_longer = RunDedup(docs);
  EXPECT_TRUE(with_longer.decisions[3].keep);
  EXPECT_EQ(with_longer.decisions[3].duplicates, 3u);
  for (const size_t d : {0, 1, 2}) {
    ASSERT_FALSE(with_longer.decisions[d].keep) << docs[d].id;
    const safi::Removal& r = with_longer.decisions[d].removals.at(0);
    EXPECT_EQ(r.reason, RemovalReason::kNearDup);
    EXPECT_EQ(r.kept, "longer");
    EXPECT_EQ(r.cluster_size, 4u);
  }
}

TEST(Duplicates, NearCopyIsDroppedAndDifferentArticlesAreNot) {
  // The copy lacks the last of 8 paragraphs and has one edited word.
  const std::string original = Article(900, 8);
  std::vector<std::string> lines = safi_test::Lines(original);
  lines.pop_back();
  lines[2].replace(0, lines[2].find(' '), "عاجل");
  std::string copy;
  for (const std::string& line : lines) copy += line + "\n";
  std::vector<Doc> docs = {{"orig", "a.example", original},
                           {"copy", "b.example", copy}};
  for (int i = 0; i < 30; ++i) {
    docs.push_back(
        {"other" + std::to_string(i), "a.example", Article(1000 + i, 8)});
  }
  const auto run = RunDedup(docs);
  EXPECT_TRUE(run.decisions[0].keep);
  ASSERT_FALSE(run.decisions[1].keep);
  const safi::Removal& r = run.decisions[1].removals.at(0);
  EXPECT_EQ(r.reason, RemovalReason::kNearDup);
  EXPECT_EQ(r.kept, "orig");
  EXPECT_EQ(r.cluster_size, 2u);
  EXPECT_GE(r.similarity_permille, 700u);
  EXPECT_LT(r.similarity_permille, 1000u);
  for (size_t d = 2; d < docs.size(); ++d) {
    EXPECT_TRUE(run.decisions[d].keep) << docs[d].id;
  }
}

TEST(Duplicates, CopiesWithOtherShortTemplateLinesAreNearDuplicates) {
  // A short article (3 paragraphs of 40 words) on two sites whose chrome
  // differs by eight 9-word lines that no lexicon knows: the shingles come
  // from the long lines only, so the copies still match.
  const std::string article = Article(950, 3);
  std::string chrome_a, chrome_b;
  for (int i = 0; i < 8; ++i) {
    chrome_a += Paragraph(960 + i, 9) + "\n";
    chrome_b += Paragraph(970 + i, 9) + "\n";
  }
  const auto run = RunDedup({{"a", "a.example", chrome_a + article},
                             {"b", "b.example", article + chrome_b}});
  EXPECT_TRUE(run.decisions[0].keep);
  ASSERT_FALSE(run.decisions[1].keep);
  EXPECT_EQ(run.decisions[1].removals.at(0).reason, RemovalReason::kNearDup);
  EXPECT_EQ(run.decisions[1].removals.at(0).similarity_permille, 1000u);
  // With shingles from every line, the chrome keeps them apart.
  safi::DedupParams params;
  params.shingle_min_line_words = 1;
  const auto all_lines = RunDedup({{"a", "a.example", chrome_a + article},
                                   {"b", "b.example", article + chrome_b}},
                                  params);
  EXPECT_TRUE(all_lines.decisions[0].keep);
  EXPECT_TRUE(all_lines.decisions[1].keep);
}

TEST(Duplicates, ShortLinesBetweenParagraphsLeaveTheSameShingles) {
  // The same 3 paragraphs, on one site with a 9-word line after each of
  // the first two: the shingles skip the short lines, so they run across
  // the paragraphs as on the page without them (whose long lines' words
  // the sketch reads in place, while the gaps make it copy them).
  const std::string paragraphs[] = {Paragraph(9900, 40), Paragraph(9901, 40),
                                    Paragraph(9902, 40)};
  const std::string with_gaps = paragraphs[0] + "\n" + Paragraph(991, 9) +
                                "\n" + paragraphs[1] + "\n" +
                                Paragraph(992, 9) + "\n" + paragraphs[2] + "\n";
  const std::string without =
      paragraphs[0] + "\n" + paragraphs[1] + "\n" + paragraphs[2] + "\n";
  const auto run =
      RunDedup({{"a", "a.example", with_gaps}, {"b", "b.example", without}});
  EXPECT_TRUE(run.decisions[0].keep);
  ASSERT_FALSE(run.decisions[1].keep);
  EXPECT_EQ(run.decisions[1].removals.at(0).reason, RemovalReason::kNearDup);
  EXPECT_EQ(run.decisions[1].removals.at(0).similarity_permille, 1000u);
}

TEST(Decisions, DoNotDependOnInputOrder) {
  std::vector<Doc> docs;
  const std::string shared = Article(1100, 5);
  for (int i = 0; i < 12; ++i) {
    std::string text = i % 4 == 0 ? shared : Article(1101 + i, 4);
    text += "جميع الحقوق محفوظة © 2024\n" + std::string(kTemplateLine) + "\n";
    docs.push_back({"doc" + std::to_string(i),
                    "s" + std::to_string(i % 2) + ".example", text});
  }
  const auto forward = RunDedup(docs);
  std::vector<Doc> reversed(docs.rbegin(), docs.rend());
  const auto backward = RunDedup(reversed);
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto& a = forward.decisions[i];
    const auto& b = backward.decisions[docs.size() - 1 - i];
    EXPECT_EQ(a.keep, b.keep) << docs[i].id;
    ASSERT_EQ(a.removals.size(), b.removals.size()) << docs[i].id;
    for (size_t r = 0; r < a.removals.size(); ++r) {
      EXPECT_EQ(a.removals[r].start, b.removals[r].start);
      EXPECT_EQ(a.removals[r].end, b.removals[r].end);
      EXPECT_EQ(a.removals[r].reason, b.removals[r].reason);
      EXPECT_EQ(a.removals[r].kept, b.removals[r].kept);
    }
  }
  // The three copies of `shared` are dropped for the smallest id, doc0.
  EXPECT_TRUE(forward.decisions[0].keep);
  for (const int i : {4, 8}) {
    ASSERT_FALSE(forward.decisions[i].keep);
    EXPECT_EQ(forward.decisions[i].removals[0].kept, "doc0");
  }
}

TEST(Offsets, SpansCoverWholeLinesOfTheOriginalBytes) {
  // LF, CRLF and CR line ends, an ill-formed byte, a blank line, a line of
  // punctuation only, and a last line without terminator.
  const std::string text = std::string("Connect with us\r\n") +
                           Paragraph(1200, 20) + "\n\n" + "اضف تعليقك\r" +
                           "\xff" + Paragraph(1201, 20) + "\n***\n" +
                           "مقالات ذات صلة";
  const auto run = RunDedup({{"d", "", text}});
  const auto& d = run.decisions[0];
  ASSERT_EQ(d.removals.size(), 3u);
  EXPECT_EQ(
      text.substr(d.removals[0].start, d.removals[0].end - d.removals[0].start),
      "Connect with us\r\n");
  EXPECT_EQ(
      text.substr(d.removals[1].start, d.removals[1].end - d.removals[1].start),
      "اضف تعليقك\r");
  EXPECT_EQ(text.substr(d.removals[2].start), "مقالات ذات صلة");
  EXPECT_EQ(d.removals[2].end, text.size());
  EXPECT_EQ(safi_test::Kept(text, d), Paragraph(1200, 20) + "\n\n" + "\xff" +
                                          Paragraph(1201, 20) + "\n***\n");
}

TEST(Offsets, LineSeparatorInsideALineKeepsOffsetsRight) {
  // U+2028 breaks lines in the dedup key, not in the original text.
  const std::string text = "first \u2028 part\nاضف تعليقك\nlast line here\n";
  const auto run = RunDedup({{"d", "", text}});
  ASSERT_EQ(run.decisions[0].removals.size(), 1u);
  EXPECT_EQ(run.decisions[0].removals[0].start, text.find("اضف"));
  EXPECT_EQ(run.decisions[0].removals[0].end, text.find("last"));
}

TEST(Apply, RefusesDocumentsThatWereNotSketched) {
  safi::DedupSketcher sketcher;
  ASSERT_TRUE(sketcher.Add({"a", "s", "text of a\n"}).ok());
  EXPECT_EQ(sketcher.Add({"a", "s", "other text\n"}).code,
            safi::DedupStatus::kDuplicateId);
  safi::DedupState state;
  ASSERT_TRUE(sketcher.Finish(&state).ok());
  EXPECT_EQ(state.documents(), 1u);
  const safi::Deduper deduper(std::move(state));
  safi::DocumentDecision decision;
  EXPECT_TRUE(deduper.Apply({"a", "s", "text of a\n"}, &decision).ok());
  EXPECT_EQ(deduper.Apply({"b", "s", "text of a\n"}, &decision).code,
            safi::DedupStatus::kUnknownDocument);
  EXPECT_EQ(deduper.Apply({"a", "s", "text of b\n"}, &decision).code,
            safi::DedupStatus::kChangedDocument);
  EXPECT_EQ(deduper.Apply({"a", "t", "text of a\n"}, &decision).code,
            safi::DedupStatus::kChangedDocument);
}

// The state holds each document's analysis fingerprint: a text that
// differs from the sketched one only in what the dedup keys drop is
// accepted and decided as a sketch of it would decide; a change of a line's
// teaser or label ending is refused even though its words are the same.
TEST(Apply, TakesATextThatSketchesTheSameAndRefusesOtherFlags) {
  const std::vector<Doc> docs = safi_test::Crawl(12);
  const auto replace = [](std::string text, const std::string& from,
                          const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const auto sketch = [](const std::vector<Doc>& crawl) {
    safi::DedupSketcher sketcher;
    for (const Doc& d : crawl) {
      EXPECT_TRUE(sketcher.Add({d.id, d.site, d.text}).ok());
    }
    safi::DedupState state;
    EXPECT_TRUE(sketcher.Finish(&state).ok());
    return state;
  };
  // Tatweel, tanween and a double space in the related header, CR LF line
  // ends: the same keys, flags and key sizes.
  std::string same =
      replace(docs[0].text, "مقالات ذات صلة", "مقـالاتٌ ذات  صلة");
  for (size_t at = same.find('\n'); at != std::string::npos;
       at = same.find('\n', at + 2)) {
    same.insert(at, "\r");
  }
  std::vector<Doc> edited = docs;
  edited[0].text = same;
  EXPECT_EQ(sketch(docs).Serialize(), sketch(edited).Serialize());
  const auto run = RunDedup(edited);
  const safi::Deduper deduper(sketch(docs));
  safi::DocumentDecision decision;
  ASSERT_TRUE(deduper.Apply({docs[0].id, docs[0].site, same}, &decision).ok());
  const safi::DocumentDecision& expected = run.decisions[0];
  EXPECT_EQ(decision.keep, expected.keep);
  ASSERT_EQ(decision.removals.size(), expected.removals.size());
  ASSERT_GE(decision.removals.size(), 4u);
  for (size_t r = 0; r < decision.removals.size(); ++r) {
    EXPECT_EQ(decision.removals[r].start, expected.removals[r].start);
    EXPECT_EQ(decision.removals[r].end, expected.removals[r].end);
    EXPECT_EQ(decision.removals[r].reason, expected.removals[r].reason);
  }
  // The teaser's "..." and the label's missing full stop are punctuation,
  // which the keys drop, but they are what makes the lines a teaser and a
  // label.
  for (const std::string& other :
       {replace(docs[0].text, "...\n", ".\n"),
        replace(docs[0].text, "رياضة\n", "رياضة.\n")}) {
    EXPECT_EQ(deduper.Apply({docs[0].id, docs[0].site, other}, &decision).code,
              safi::DedupStatus::kChangedDocument);
    EXPECT_TRUE(decision.keep);
    EXPECT_TRUE(decision.removals.empty());
  }
}

TEST(Params, InvalidParametersAreRefused) {
  safi::DedupParams params;
  params.bands = 0;
  std::string why;
  EXPECT_FALSE(safi::ValidDedupParams(params, &why));
  EXPECT_FALSE(why.empty());
  safi::DedupSketcher sketcher(params);
  EXPECT_EQ(sketcher.Add({"a", "", "x"}).code,
            safi::DedupStatus::kInvalidArgument);
  safi::DedupState state;
  EXPECT_EQ(sketcher.Finish(&state).code, safi::DedupStatus::kInvalidArgument);
  EXPECT_TRUE(safi::ValidDedupParams(safi::DedupParams(), nullptr));
}

TEST(SiteFromUrl, HostWithoutSchemePortUserAndWww) {
  EXPECT_EQ(safi::SiteFromUrl("https://www.Example.COM/a/b?c#d"),
            "example.com");
  EXPECT_EQ(safi::SiteFromUrl("http://user:pw@news.example:8080/x"),
            "news.example");
  EXPECT_EQ(safi::SiteFromUrl("example.org/path"), "example.org");
  EXPECT_EQ(safi::SiteFromUrl("//cdn.example/x"), "cdn.example");
  EXPECT_EQ(safi::SiteFromUrl("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(safi::SiteFromUrl(""), "");
}

}  // namespace
