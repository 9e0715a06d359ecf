// SPDX-License-Identifier: Apache-2.0
// Acceptance on the seed page ($SAFI_CORPORA_DIR/seed): on its own, the page
// keeps its title and every article paragraph and loses the 3 theme lines
// before the title and all 20 boilerplate lines after the article.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dedup_test_util.h"
#include "safi/dedup.h"

namespace {

std::vector<std::string> SeedFiles(const std::string& dir) {
  std::vector<std::string> files;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return files;
  while (const dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
      files.push_back(dir + "/" + name);
    }
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Seed, SinglePageKeepsTheArticleAndLosesItsBoilerplate) {
  const std::string corpora = safi_test::CorporaDir();
  if (corpora.empty()) {
    GTEST_SKIP() << "SAFI_CORPORA_DIR is not set: SKIPPING the seed-page "
                    "acceptance test (needs $SAFI_CORPORA_DIR/seed/*.txt)";
  }
  const std::vector<std::string> files = SeedFiles(corpora + "/seed");
  ASSERT_FALSE(files.empty()) << "no seed/*.txt under " << corpora;
  const std::string path = files.front();
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  const auto run = safi_test::RunDedup({{"seed", "", text}});
  const safi::DocumentDecision& decision = run.decisions[0];
  ASSERT_TRUE(decision.keep);

  // Non-blank lines with their start offsets and whether they were removed.
  struct Line {
    std::string text;
    size_t start;
    bool removed;
  };
  std::vector<Line> lines;
  size_t pos = 0;
  for (const std::string& line : safi_test::Lines(text)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      lines.push_back(
          {line, pos, safi_test::RemovalAt(decision, pos) != nullptr});
    }
    pos += line.size() + 1;
  }
  const auto find = [&lines](const std::string& prefix) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].text.compare(0, prefix.size(), prefix) == 0) return i;
    }
    return lines.size();
  };
  const size_t title = find("وزيرا دفاع");
  const size_t last = find("تسعى أنقرة");
  ASSERT_LT(title, lines.size()) << path;
  ASSERT_LT(last, lines.size()) << path;
  ASSERT_NE(lines[last].text.find("ودمشق بدورها"), std::string::npos);
  EXPECT_EQ(last - title + 1, 11u) << "article lines";
  EXPECT_EQ(lines.size() - last - 1, 20u) << "boilerplate lines after it";
  EXPECT_EQ(title, 3u) << "theme lines before the title";
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool article = i >= title && i <= last;
    EXPECT_EQ(lines[i].removed, !article)
        << (article ? "article line removed: " : "boilerplate kept: ")
        << lines[i].text;
  }
  // Every removal is one whole line with its terminator (if it has one),
  // nothing else.
  EXPECT_EQ(decision.removals.size(), lines.size() - 11);
  for (const safi::Removal& r : decision.removals) {
    const std::string span = text.substr(r.start, r.end - r.start);
    const size_t lf = span.find('\n');
    EXPECT_TRUE(lf == std::string::npos ? r.end == text.size()
                                        : lf == span.size() - 1)
        << span;
  }
}

}  // namespace
