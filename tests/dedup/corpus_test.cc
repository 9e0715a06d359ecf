// SPDX-License-Identifier: Apache-2.0
// Dedup on crawls of the team's labeled page generator (safi_corpus): per
// class boilerplate recall, main-text retention, duplicate groups resolved,
// no document dropped without a copy of its story, and report spans that
// cut exactly the labeled lines.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "dedup_test_util.h"
#include "news_generator.h"
#include "safi/dedup.h"

namespace {

using safi::corpus::Page;
using safi::corpus::PagePart;
using safi::corpus::Variant;

struct Scores {
  std::map<int, std::pair<size_t, size_t>> removed;  // kind -> removed/total
  size_t main_bytes = 0, main_kept = 0;
  size_t groups = 0, resolved = 0, false_drops = 0, dropped = 0;
};

Scores Evaluate(Variant variant, uint64_t seed, size_t pages) {
  std::vector<Page> crawl;
  std::vector<safi_test::Doc> docs;
  for (size_t i = 0; i < pages; ++i) {
    crawl.push_back(safi::corpus::GeneratePage(variant, seed, i));
    docs.push_back({"p" + std::to_string(i),
                    safi::SiteFromUrl(crawl.back().url),
                    safi::corpus::RenderPage(crawl.back())});
  }
  const auto run = safi_test::RunDedup(docs);
  Scores scores;
  std::map<uint64_t, std::pair<size_t, size_t>> stories;  // pages, kept
  for (size_t i = 0; i < pages; ++i) {
    const safi::DocumentDecision& d = run.decisions[i];
    auto& story = stories[crawl[i].story];
    ++story.first;
    if (!d.keep) {
      ++scores.dropped;
      const size_t kept = std::stoul(std::string(d.removals[0].kept).substr(1));
      if (crawl[kept].story != crawl[i].story) ++scores.false_drops;
      continue;
    }
    ++story.second;
    size_t start = 0;
    for (const PagePart& part : crawl[i].parts) {
      const safi::Removal* r = safi_test::RemovalAt(d, start);
      if (r != nullptr) {
        // The span is exactly this labeled line and its LF.
        EXPECT_EQ(r->end, start + part.text.size() + 1);
      }
      auto& counts = scores.removed[part.kind];
      ++counts.second;
      if (r != nullptr) ++counts.first;
      if (part.kind == PagePart::kTitle || part.kind == PagePart::kArticle) {
        scores.main_bytes += part.text.size();
        if (r == nullptr) scores.main_kept += part.text.size();
      }
      start += part.text.size() + 1;
    }
  }
  for (const auto& story : stories) {
    if (story.second.first < 2) continue;
    ++scores.groups;
    if (story.second.second == 1) ++scores.resolved;
  }
  return scores;
}

void ExpectTargets(Variant variant, const Scores& s) {
  const char* name = safi::corpus::VariantName(variant);
  size_t boilerplate = 0, boilerplate_removed = 0;
  for (const auto& kind : s.removed) {
    const bool main =
        kind.first == PagePart::kTitle || kind.first == PagePart::kArticle;
    const double rate =
        static_cast<double>(kind.second.first) / kind.second.second;
    std::printf("%s: part kind %d removed %zu of %zu (%.4f)\n", name,
                kind.first, kind.second.first, kind.second.second, rate);
    if (main) continue;
    boilerplate += kind.second.second;
    boilerplate_removed += kind.second.first;
    EXPECT_GE(rate, 0.98) << name << " part kind " << kind.first;
  }
  const double retention = static_cast<double>(s.main_kept) / s.main_bytes;
  std::printf(
      "%s: boilerplate recall %.4f, main-text retention %.5f, "
      "duplicate groups %zu resolved %zu, dropped %zu, false drops "
      "%zu\n",
      name, static_cast<double>(boilerplate_removed) / boilerplate, retention,
      s.groups, s.resolved, s.dropped, s.false_drops);
  EXPECT_GE(retention, 0.995) << name;
  EXPECT_EQ(s.false_drops, 0u) << name;
  ASSERT_GE(s.groups, 5u) << name << ": the crawl should hold copies";
  EXPECT_GE(static_cast<double>(s.resolved) / s.groups, 0.95) << name;
}

TEST(GeneratedCrawl, NewsMeetsTheTargets) {
  ExpectTargets(Variant::kNews, Evaluate(Variant::kNews, 3, 600));
}

TEST(GeneratedCrawl, VocalizedMeetsTheTargets) {
  ExpectTargets(Variant::kVocalized, Evaluate(Variant::kVocalized, 4, 400));
}

TEST(GeneratedCrawl, PresentationFormsMeetTheTargets) {
  ExpectTargets(Variant::kPresentationForms,
                Evaluate(Variant::kPresentationForms, 5, 400));
}

}  // namespace
