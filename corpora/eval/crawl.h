// SPDX-License-Identifier: Apache-2.0
// Deterministic generator of labeled evaluation crawls for boilerplate and
// duplicate removal (`safi dedup`): multi-page sites built on the bundled
// corpus generator's templates, with real or generated article text.
//
// A crawl is a list of documents {id, url, text}. Each page is a site
// template (theme strings, date line, share widget, comment form, related
// header with labeled teasers, footer — as GeneratePage in
// ../generator/news_generator.h makes them, with each site's own spelling and
// noise) around one article, plus two lines only that site prints
// (site_template). Teasers show the opening of another document of the crawl
// or of an article that is not in it (80 to 160 characters of its paragraphs
// joined by spaces, cut inside a word, with the site's ellipsis). About 3% of
// documents are exact copies (same host, another URL) and 7% edited syndicated
// copies on another site (title prefix, a dropped last paragraph, merged
// paragraphs, a few words replaced; word 5-gram Jaccard of the main text >= 0.8
// with the original). Every line is labeled (labels.h). Output depends only on
// the options and the article list: the same seed gives the same bytes on every
// platform.
#ifndef SAFI_CORPORA_EVAL_CRAWL_H_
#define SAFI_CORPORA_EVAL_CRAWL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "labels.h"

namespace safi::eval {

// One news article: a title and its paragraphs. Neither the title nor any
// paragraph is empty or contains a line break.
struct Article {
  std::string title;
  std::vector<std::string> paragraphs;
};

// Parses a SaudiNewsNet JSON file (a JSON array of objects with string
// fields "title" and "content") into articles: the content is split into
// paragraphs at "\n", each paragraph and the title trimmed of whitespace,
// other line breaks (CR, VT, FF, U+0085, U+2028, U+2029) turned into spaces,
// empty paragraphs dropped. Objects with an empty title or content are
// skipped. On malformed JSON or a wrong shape returns false and sets *error.
bool ParseSaudiNewsNet(std::string_view json, std::vector<Article>* articles,
                       std::string* error);

// Prepares real articles for a crawl whose ground truth must hold: drops
// articles that are natural duplicates of an earlier one (a shared title, or
// at least 20% of the smaller one's word 5-grams shared), removes crawler
// residue — paragraphs under 8 words found in two articles or more (such as
// "...المزيد"), and paragraphs under 30 words whose first two words open
// such paragraphs in five articles or more, or whose first three words do in
// three or more (contact lines with changing numbers) — and drops articles left
// with fewer than 30 words. Keeps the input order.
std::vector<Article> DistinctArticles(const std::vector<Article>& articles);

// `count` distinct articles written by the bundled generator for `seed`
// (never one of its syndicated copies).
std::vector<Article> GeneratedArticles(uint64_t seed, size_t count);

// The sorted, unique 64-bit hashes of the word 5-grams of `text` (words are
// runs of bytes other than ASCII whitespace; a text of fewer than 5 words
// gives one shingle of all its words, none if it has no word). Portable.
std::vector<uint64_t> Shingles(std::string_view text);

// |a ∩ b| / |a ∪ b| of two sorted unique sets; 1 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

struct CrawlOptions {
  size_t pages = 1000;  // documents in the crawl, at least 1
  size_t sites = 8;     // multi-page sites (a few single-page sites are
                        // added), at least 1
  uint64_t seed = 0;
};

struct CrawlDoc {
  std::string url;
  std::string text;  // lines joined by "\n", no final "\n"
  LabeledDoc label;  // label.id is the document id
};

struct Crawl {
  LabelsHeader header;
  std::vector<CrawlDoc> docs;  // in crawl order, ids "doc-000000", ...
};

// Generates a crawl. `articles` supplies the article text (already passed
// through DistinctArticles); when it is null, the bundled generator writes
// it. `articles_name` goes into the labels header ("generated" when
// `articles` is null). Fails (false, *error set) on options out of range or
// when `articles` holds too few articles for `options.pages` (the message
// gives the largest page count that fits).
bool GenerateCrawl(const CrawlOptions& options,
                   const std::vector<Article>* articles,
                   std::string_view articles_name, Crawl* crawl,
                   std::string* error);

// Appends the JSONL record {"id":…,"url":…,"text":…} of `doc` with its "\n".
void AppendCrawlRecord(const CrawlDoc& doc, std::string* out);

}  // namespace safi::eval

#endif  // SAFI_CORPORA_EVAL_CRAWL_H_
