// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the dedup tests: running the sketch -> decide -> apply
// flow on in-memory documents and reading decisions line by line.
#ifndef SAFI_TESTS_DEDUP_DEDUP_TEST_UTIL_H_
#define SAFI_TESTS_DEDUP_DEDUP_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "safi/dedup.h"

namespace safi_test {

struct Doc {
  std::string id;
  std::string site;
  std::string text;
};

// Decisions of one run; the deduper owns the strings their evidence views
// point to.
struct DedupRun {
  std::unique_ptr<safi::Deduper> deduper;
  std::vector<safi::DocumentDecision> decisions;
};

// Sketches docs and applies the state to every document (in docs order).
// Fails the test on any error status.
inline DedupRun RunDedup(
    const std::vector<Doc>& docs,
    const safi::DedupParams& params = safi::DedupParams()) {
  safi::DedupSketcher sketcher(params);
  for (const Doc& d : docs) {
    const safi::DedupStatus s = sketcher.Add({d.id, d.site, d.text});
    EXPECT_TRUE(s.ok()) << s.message;
  }
  safi::DedupState state;
  const safi::DedupStatus finished = sketcher.Finish(&state);
  EXPECT_TRUE(finished.ok()) << finished.message;
  DedupRun run;
  run.deduper.reset(new safi::Deduper(std::move(state)));
  run.decisions.resize(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    const safi::DedupStatus s = run.deduper->Apply(
        {docs[i].id, docs[i].site, docs[i].text}, &run.decisions[i]);
    EXPECT_TRUE(s.ok()) << s.message;
  }
  return run;
}

// The removal whose span starts at byte `start`, or null.
inline const safi::Removal* RemovalAt(const safi::DocumentDecision& d,
                                      size_t start) {
  for (const safi::Removal& r : d.removals) {
    if (r.start == start) return &r;
  }
  return nullptr;
}

// The text with every removed span cut out.
inline std::string Kept(const std::string& text,
                        const safi::DocumentDecision& d) {
  std::string out;
  size_t pos = 0;
  for (const safi::Removal& r : d.removals) {
    out.append(text, pos, r.start - pos);
    pos = r.end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Lines of text split on LF (a final LF ends the last line).
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    lines.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

// Byte offset of the line of text that starts with prefix (from LF-split
// lines), or std::string::npos.
inline size_t LineStart(const std::string& text, const std::string& prefix) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, prefix.size(), prefix) == 0) return pos;
    const size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return std::string::npos;
}

// Words for synthetic article sentences (Modern Standard Arabic news
// vocabulary written for these tests).
inline const char* const kWords[] = {
    "الحكومة", "أعلنت",     "اليوم",    "عن",      "خطة",     "جديدة",
    "لدعم",    "المزارعين", "في",       "المناطق", "الريفية", "وقال",
    "الوزير",  "إن",        "البرنامج", "سيبدأ",   "الشهر",   "المقبل",
    "بتمويل",  "من",        "البنك",    "الدولي",  "وأضاف",   "أن",
    "المشروع", "يهدف",      "إلى",      "تحسين",   "الإنتاج", "الزراعي",
    "وزيادة",  "الصادرات",  "وشارك",    "ممثلون",  "عن",      "القطاع",
    "الخاص",   "والجامعات", "المحلية",  "وأكدوا",  "أهمية",   "التعاون",
    "بين",     "الجهات",    "المختلفة", "لتحقيق",  "الأهداف", "المرجوة",
    "خلال",    "السنوات",   "الخمس",    "القادمة", "المدينة", "الساحلية",
    "شهدت",    "أمطارا",    "غزيرة",    "أدت",     "ارتفاع",  "منسوب"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// A sentence-like paragraph of `words` words that depends on seed.
inline std::string Paragraph(uint64_t seed, int words) {
  std::string out;
  uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 12345;
  for (int i = 0; i < words; ++i) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 32;
    if (i > 0) out.push_back(' ');
    out.append(kWords[x % kWordCount]);
  }
  out.push_back('.');
  return out;
}

// An article: a title line and `paragraphs` paragraphs, each on its line.
inline std::string Article(uint64_t seed, int paragraphs) {
  std::string out = Paragraph(seed * 1000 + 999, 9);
  out.pop_back();  // titles have no full stop
  out.push_back('\n');
  for (int p = 0; p < paragraphs; ++p) {
    out += Paragraph(seed * 1000 + p, 40) + "\n";
  }
  return out;
}

// A small crawl of pages documents (ids doc0, doc1, ...): 3 sites, shared
// templates, teasers, exact and near copies.
inline std::vector<Doc> Crawl(int pages = 30) {
  std::vector<Doc> docs;
  for (int i = 0; i < pages; ++i) {
    const int story = i % 7 == 6 ? i - 3 : i;  // some copies
    std::string text = "Connect with us\nقائمة الموقع الرئيسية للأخبار\n" +
                       Article(story, 3 + i % 3) + "أضف تعليقك\n" +
                       "مقالات ذات صلة\nرياضة\n" +
                       Lines(Article(story + 1, 1))[1].substr(0, 120) +
                       "...\n" + "جميع الحقوق محفوظة\n";
    docs.push_back({"doc" + std::to_string(i),
                    "site" + std::to_string(i % 3) + ".example", text});
  }
  return docs;
}

// The bytes of the file at path, or "" if it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The data rows of the built-in lexicon's file (SAFI_DEDUP_LEXICON_TSV),
// each split on tabs: kind, category, phrase and the optional limit; none
// when the file cannot be read. Comment lines and lines of fewer than three
// fields are left out.
inline std::vector<std::vector<std::string>> LexiconDataRows() {
  std::istringstream lines(ReadFile(SAFI_DEDUP_LEXICON_TSV));
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string field; std::getline(row, field, '\t');) {
      fields.push_back(field);
    }
    if (fields.size() >= 3 && line[0] != '#') rows.push_back(fields);
  }
  return rows;
}

// $SAFI_CORPORA_DIR or "" when unset.
inline std::string CorporaDir() {
  const char* dir = std::getenv("SAFI_CORPORA_DIR");
  return dir == nullptr ? std::string() : std::string(dir);
}

}  // namespace safi_test

#endif  // SAFI_TESTS_DEDUP_DEDUP_TEST_UTIL_H_
