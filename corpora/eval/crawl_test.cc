// SPDX-License-Identifier: Apache-2.0
// Tests of the evaluation-crawl generator: determinism, labels that cut the
// text's lines exactly, classes, site templates, teaser provenance, duplicate
// groups, and the SaudiNewsNet mode (skipped without SAFI_CORPORA_DIR).

#include "crawl.h"

#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "json_util.h"
#include "labels.h"

namespace safi::eval {
namespace {

std::string Serialize(const Crawl& crawl) {
  std::string out;
  AppendLabelsHeader(crawl.header, &out);
  for (const CrawlDoc& doc : crawl.docs) {
    AppendCrawlRecord(doc, &out);
    AppendLabeledDoc(doc.label, &out);
  }
  return out;
}

Crawl MakeCrawl(size_t pages, size_t sites, uint64_t seed,
                const std::vector<Article>* articles = nullptr,
                std::string_view name = "generated") {
  Crawl crawl;
  std::string error;
  CrawlOptions options;
  options.pages = pages;
  options.sites = sites;
  options.seed = seed;
  EXPECT_TRUE(GenerateCrawl(options, articles, name, &crawl, &error)) << error;
  return crawl;
}

std::string_view LineText(const CrawlDoc& doc, const LabeledLine& line) {
  return std::string_view(doc.text).substr(line.start, line.end - line.start);
}

// The title and article lines of a document, one per line.
std::string MainText(const CrawlDoc& doc) {
  std::string text;
  for (const LabeledLine& line : doc.label.lines) {
    if (!IsMainText(line.cls)) continue;
    if (!text.empty()) text.push_back('\n');
    text.append(LineText(doc, line));
  }
  return text;
}

// The article lines of a document joined by single spaces (what teasers
// quote).
std::string ArticleBody(const CrawlDoc& doc) {
  std::string body;
  for (const LabeledLine& line : doc.label.lines) {
    if (line.cls != LineClass::kArticle) continue;
    if (!body.empty()) body.push_back(' ');
    body.append(LineText(doc, line));
  }
  return body;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

// The labels' spans are exactly the text's lines, in order, and every
// line is a non-blank run without "\n" whose end is followed by "\n", "\r\n"
// or the end of the text.
void ExpectLabelsCutLines(const CrawlDoc& doc) {
  SCOPED_TRACE(doc.label.id);
  ASSERT_EQ(doc.label.bytes, doc.text.size());
  const auto spans = LineSpans(doc.text);
  ASSERT_EQ(spans.size(), doc.label.lines.size());
  size_t expected_start = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    const LabeledLine& line = doc.label.lines[i];
    EXPECT_EQ(line.start, spans[i].first);
    EXPECT_EQ(line.end, spans[i].second);
    EXPECT_EQ(line.start, expected_start);
    const std::string_view text = LineText(doc, line);
    EXPECT_EQ(text.find('\n'), std::string_view::npos);
    EXPECT_FALSE(text.empty());
    EXPECT_NE(text.back(), '\r');
    std::string_view rest = std::string_view(doc.text).substr(line.end);
    if (!rest.empty() && rest[0] == '\r') rest.remove_prefix(1);
    if (i + 1 < spans.size()) {
      ASSERT_FALSE(rest.empty());
      EXPECT_EQ(rest[0], '\n');
      expected_start = doc.text.size() - rest.size() + 1;
    } else {
      EXPECT_TRUE(rest.empty());
    }
  }
}

// Checks every structural promise of crawl.h on one crawl.
void ExpectWellFormed(const Crawl& crawl) {
  std::map<std::string, const CrawlDoc*> by_id;
  std::set<std::string> urls;
  for (const CrawlDoc& doc : crawl.docs) {
    ASSERT_TRUE(by_id.emplace(doc.label.id, &doc).second);
    EXPECT_TRUE(urls.insert(doc.url).second) << doc.url;
    const std::string host_part =
        doc.url.substr(0, doc.url.find_first_of("/?", 8));
    EXPECT_TRUE(host_part == "https://" + doc.label.host ||
                host_part == "https://www." + doc.label.host)
        << doc.url;
    ExpectLabelsCutLines(doc);
  }
  size_t class_count[static_cast<size_t>(LineClass::kCount)] = {};
  size_t present = 0;
  size_t absent = 0;
  std::map<std::string, std::set<std::string>> site_lines;  // host -> lines
  std::map<std::string, size_t> host_pages;
  std::set<std::string> bodies;  // article text of every doc
  for (const CrawlDoc& doc : crawl.docs) bodies.insert(ArticleBody(doc));
  for (const CrawlDoc& doc : crawl.docs) {
    SCOPED_TRACE(doc.label.id);
    size_t titles = 0;
    size_t dates = 0;
    ++host_pages[doc.label.host];
    for (size_t i = 0; i < doc.label.lines.size(); ++i) {
      const LabeledLine& line = doc.label.lines[i];
      const std::string_view text = LineText(doc, line);
      ++class_count[static_cast<size_t>(line.cls)];
      titles += line.cls == LineClass::kTitle ? 1 : 0;
      dates += line.cls == LineClass::kDate ? 1 : 0;
      if (line.cls == LineClass::kSiteTemplate) {
        site_lines[doc.label.host].insert(std::string(text));
      }
      if (line.cls != LineClass::kTeaser) {
        EXPECT_TRUE(line.source.empty());
        continue;
      }
      ASSERT_GT(i, 0u);
      EXPECT_EQ(doc.label.lines[i - 1].cls, LineClass::kLabel);
      std::string_view cut = text;
      ASSERT_TRUE(EndsWith(cut, "...") || EndsWith(cut, "…")) << text;
      cut.remove_suffix(3);  // "..." or the 3 bytes of "…"
      while (!cut.empty() && cut.back() == ' ') cut.remove_suffix(1);
      ASSERT_GT(cut.size(), 20u);
      if (line.source.empty()) {
        ++absent;
        for (const std::string& body : bodies) {
          EXPECT_NE(body.rfind(cut, 0), 0u) << "absent source is present";
        }
      } else {
        ++present;
        ASSERT_EQ(by_id.count(line.source), 1u);
        const CrawlDoc& source = *by_id[line.source];
        EXPECT_NE(source.label.group, doc.label.group);
        EXPECT_EQ(ArticleBody(source).rfind(cut, 0), 0u)
            << "teaser is not the opening of " << line.source;
      }
    }
    EXPECT_EQ(titles, 1u);
    EXPECT_LE(dates, 1u);
  }
  for (size_t c = 0; c < static_cast<size_t>(LineClass::kCount); ++c) {
    EXPECT_GT(class_count[c], 0u) << ClassName(static_cast<LineClass>(c));
  }
  EXPECT_GT(present, 0u);
  EXPECT_GT(absent, 0u);
  // Multi-page sites print the same two site_template lines on every page,
  // and no two sites print the same one.
  std::set<std::string> all_site_lines;
  for (const auto& [host, lines] : site_lines) {
    EXPECT_EQ(lines.size(), 2u) << host;
    EXPECT_GE(host_pages[host], 2u) << host;
    for (const std::string& line : lines) {
      EXPECT_TRUE(all_site_lines.insert(line).second) << line;
    }
  }
  EXPECT_EQ(site_lines.size(), crawl.header.sites);
}

// Duplicate groups: exact copies are byte-identical on the same host,
// syndicated copies on another host with the labeled Jaccard >= 0.8, and
// documents of different groups are far apart.
void ExpectGroups(const Crawl& crawl) {
  std::map<std::string, const CrawlDoc*> by_id;
  for (const CrawlDoc& doc : crawl.docs) by_id[doc.label.id] = &doc;
  std::map<std::string, size_t> group_sizes;
  size_t exact = 0;
  size_t syndicated = 0;
  for (const CrawlDoc& doc : crawl.docs) {
    SCOPED_TRACE(doc.label.id);
    ++group_sizes[doc.label.group];
    const CrawlDoc& original = *by_id.at(doc.label.group);
    EXPECT_EQ(original.label.copy, CopyKind::kOriginal);
    if (doc.label.copy == CopyKind::kExact) {
      ++exact;
      const CrawlDoc& source = *by_id.at(doc.label.copy_of);
      EXPECT_EQ(doc.text, source.text);
      EXPECT_EQ(doc.label.host, source.label.host);
      EXPECT_NE(doc.url, source.url);
    } else if (doc.label.copy == CopyKind::kSyndicated) {
      ++syndicated;
      EXPECT_EQ(doc.label.copy_of, doc.label.group);
      EXPECT_NE(doc.label.host, original.label.host);
      const double j =
          Jaccard(Shingles(MainText(doc)), Shingles(MainText(original)));
      EXPECT_GE(j, 0.8);
      EXPECT_NEAR(j, doc.label.jaccard, 0.00005);
    } else {
      EXPECT_EQ(doc.label.group, doc.label.id);
    }
  }
  EXPECT_GT(exact, 0u);
  EXPECT_GT(syndicated, 0u);
  size_t groups = 0;
  for (const auto& [group, size] : group_sizes) groups += size > 1 ? 1 : 0;
  EXPECT_GE(groups, syndicated);
  // Originals of different groups share few word 5-grams.
  std::vector<std::vector<uint64_t>> originals;
  for (const CrawlDoc& doc : crawl.docs) {
    if (doc.label.copy == CopyKind::kOriginal) {
      originals.push_back(Shingles(MainText(doc)));
    }
  }
  double worst = 0;
  for (size_t a = 0; a < originals.size(); ++a) {
    for (size_t b = a + 1; b < originals.size(); ++b) {
      worst = std::max(worst, Jaccard(originals[a], originals[b]));
    }
  }
  EXPECT_LT(worst, 0.3);
}

TEST(ShinglesTest, CountsWordFiveGrams) {
  EXPECT_EQ(Shingles("a b c d e f g").size(), 3u);
  EXPECT_EQ(Shingles("  a\tb  ").size(), 1u);
  EXPECT_TRUE(Shingles(" \n ").empty());
  EXPECT_EQ(Shingles("a b c d e a b c d e").size(), 5u);  // 6 grams, 1 repeat
  const auto x = Shingles("one two three four five six");
  const auto y = Shingles("one two three four five seven");
  EXPECT_DOUBLE_EQ(Jaccard(x, x), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard(x, y), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(Jaccard(x, Shingles("p q r s t")), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 1.0);
}

TEST(CrawlTest, SameSeedSameBytes) {
  const std::string a = Serialize(MakeCrawl(300, 8, 7));
  EXPECT_EQ(a, Serialize(MakeCrawl(300, 8, 7)));
  EXPECT_NE(a, Serialize(MakeCrawl(300, 8, 8)));
}

TEST(CrawlTest, GeneratedCrawlIsWellFormed) {
  const Crawl crawl = MakeCrawl(400, 8, 3);
  ASSERT_EQ(crawl.docs.size(), 400u);
  EXPECT_EQ(crawl.header.articles, "generated");
  ExpectWellFormed(crawl);
  ExpectGroups(crawl);
}

TEST(CrawlTest, ManySitesShareTemplatesUnderOtherHosts) {
  const Crawl crawl = MakeCrawl(300, 20, 5);
  ExpectWellFormed(crawl);
  std::set<std::string> hosts;
  for (const CrawlDoc& doc : crawl.docs) hosts.insert(doc.label.host);
  EXPECT_GE(hosts.size(), 20u);
  EXPECT_EQ(hosts.count("sawt-almadina-2.example"), 1u);
}

TEST(CrawlTest, OneSiteStillHasSyndicatedCopiesElsewhere) {
  const Crawl crawl = MakeCrawl(200, 1, 9);
  ExpectGroups(crawl);
}

TEST(CrawlTest, LabelsRoundTrip) {
  const Crawl crawl = MakeCrawl(120, 8, 11);
  std::string text;
  AppendLabelsHeader(crawl.header, &text);
  for (const CrawlDoc& doc : crawl.docs) AppendLabeledDoc(doc.label, &text);
  LabelsHeader header;
  std::vector<LabeledDoc> docs;
  std::string error;
  ASSERT_TRUE(ParseLabels(text, "labels", &header, &docs, &error)) << error;
  EXPECT_EQ(header.seed, 11u);
  EXPECT_EQ(header.pages, 120u);
  ASSERT_EQ(docs.size(), crawl.docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    const LabeledDoc& want = crawl.docs[d].label;
    EXPECT_EQ(docs[d].id, want.id);
    EXPECT_EQ(docs[d].host, want.host);
    EXPECT_EQ(docs[d].group, want.group);
    EXPECT_EQ(docs[d].copy_of, want.copy_of);
    EXPECT_EQ(docs[d].bytes, want.bytes);
    ASSERT_EQ(docs[d].lines.size(), want.lines.size());
    for (size_t l = 0; l < want.lines.size(); ++l) {
      EXPECT_EQ(docs[d].lines[l].start, want.lines[l].start);
      EXPECT_EQ(docs[d].lines[l].end, want.lines[l].end);
      EXPECT_EQ(docs[d].lines[l].cls, want.lines[l].cls);
      EXPECT_EQ(docs[d].lines[l].source, want.lines[l].source);
    }
  }
}

TEST(CrawlTest, RejectsBadOptionsAndTooFewArticles) {
  Crawl crawl;
  std::string error;
  CrawlOptions options;
  options.pages = 0;
  EXPECT_FALSE(GenerateCrawl(options, nullptr, "", &crawl, &error));
  options.pages = 10;
  options.sites = 0;
  EXPECT_FALSE(GenerateCrawl(options, nullptr, "", &crawl, &error));
  options.sites = 8;
  const std::vector<Article> few = GeneratedArticles(1, 40);
  options.pages = 100;
  EXPECT_FALSE(GenerateCrawl(options, &few, "few", &crawl, &error));
  EXPECT_NE(error.find("at most --pages 25"), std::string::npos) << error;
  options.pages = 25;
  EXPECT_TRUE(GenerateCrawl(options, &few, "few", &crawl, &error)) << error;
}

TEST(SaudiNewsNetTest, ParsesAndRejects) {
  std::vector<Article> articles;
  std::string error;
  ASSERT_TRUE(ParseSaudiNewsNet(
      R"([{"title":" T1 ","content":"p1\n\n  p2\r\u2028x\n"},)"
      R"( {"title":"","content":"skipped"},{"title":"T3","content":" "}])",
      &articles, &error))
      << error;
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "T1");
  ASSERT_EQ(articles[0].paragraphs.size(), 2u);
  EXPECT_EQ(articles[0].paragraphs[0], "p1");
  EXPECT_EQ(articles[0].paragraphs[1], "p2  x");
  EXPECT_FALSE(ParseSaudiNewsNet("{}", &articles, &error));
  EXPECT_FALSE(ParseSaudiNewsNet("[1]", &articles, &error));
  EXPECT_FALSE(ParseSaudiNewsNet(R"([{"title":"x"}])", &articles, &error));
  EXPECT_FALSE(ParseSaudiNewsNet("[", &articles, &error));
}

// An article of `words` distinct words starting with `tag`.
Article Words(const std::string& tag, size_t words) {
  Article a;
  a.title = tag + " title";
  std::string p;
  for (size_t i = 0; i < words; ++i) p += tag + std::to_string(i) + " ";
  a.paragraphs = {p.substr(0, p.size() - 1)};
  return a;
}

TEST(SaudiNewsNetTest, DistinctArticlesDropsDuplicatesAndResidue) {
  std::vector<Article> in = {Words("a", 50), Words("b", 50), Words("c", 10),
                             Words("e", 50), Words("f", 50)};
  Article copy = Words("a", 40);  // 80% of its shingles are in "a"
  copy.title = "another title";
  in.push_back(copy);
  Article same_title = Words("d", 50);
  same_title.title = "b title";
  in.push_back(same_title);
  in[0].paragraphs.push_back("...المزيد");
  in[1].paragraphs.push_back("...المزيد");
  in[1].paragraphs.push_back("unique short line");
  for (const int i : {0, 1, 2}) {  // the same three first words
    in[i].paragraphs.push_back("call us at " + std::to_string(1000 + i) +
                               " every day");
  }
  for (const int i : {0, 1, 2, 3, 4}) {  // the same two first words
    in[i].paragraphs.push_back("write to " + std::string(i + 1, 'x') +
                               " us today");
  }
  in[3].paragraphs.push_back("call us at 5 only here");  // in 4 articles
  const std::vector<Article> out = DistinctArticles(in);
  ASSERT_EQ(out.size(), 4u);  // "c" is too short, the copy and title go
  EXPECT_EQ(out[0].title, "a title");
  EXPECT_EQ(out[1].title, "b title");
  EXPECT_EQ(out[2].title, "e title");
  EXPECT_EQ(out[0].paragraphs.size(), 1u);
  ASSERT_EQ(out[1].paragraphs.size(), 2u);
  EXPECT_EQ(out[1].paragraphs[1], "unique short line");
  EXPECT_EQ(out[2].paragraphs.size(), 1u);
  EXPECT_EQ(out[3].paragraphs.size(), 1u);
}

TEST(SaudiNewsNetTest, CrawlFromTheSample) {
  const char* dir = std::getenv("SAFI_CORPORA_DIR");
  if (dir == nullptr || *dir == '\0') {
    GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: skipping the SaudiNewsNet "
                    "crawl (set it to the shared corpora directory)";
  }
  const std::string path =
      std::string(dir) + "/saudinewsnet-sample/2015-07-23.json";
  std::string json;
  std::string error;
  ASSERT_TRUE(ReadFile(path, &json, &error)) << error;
  std::vector<Article> parsed;
  ASSERT_TRUE(ParseSaudiNewsNet(json, &parsed, &error)) << error;
  EXPECT_GT(parsed.size(), 1250u);
  const std::vector<Article> articles = DistinctArticles(parsed);
  EXPECT_LT(articles.size(), parsed.size());
  EXPECT_GT(articles.size(), 1000u);
  std::set<std::string> titles;
  for (const Article& a : articles) {
    titles.insert(a.title);
    for (const std::string& p : a.paragraphs) EXPECT_NE(p, "...المزيد");
  }
  const Crawl crawl = MakeCrawl(400, 8, 2, &articles, "saudinewsnet:x");
  EXPECT_EQ(crawl.header.articles, "saudinewsnet:x");
  ExpectWellFormed(crawl);
  ExpectGroups(crawl);
  for (const CrawlDoc& doc : crawl.docs) {
    for (const LabeledLine& line : doc.label.lines) {
      if (line.cls == LineClass::kTitle &&
          doc.label.copy == CopyKind::kOriginal) {
        EXPECT_EQ(titles.count(std::string(LineText(doc, line))), 1u);
      }
    }
  }
}

}  // namespace
}  // namespace safi::eval
