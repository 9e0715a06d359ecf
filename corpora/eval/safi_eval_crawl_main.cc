// SPDX-License-Identifier: Apache-2.0
// safi-eval-crawl: writes a labeled evaluation crawl (JSONL records and their
// labels) for measuring `safi dedup`.
//
// Usage: safi-eval-crawl [--pages N] [--sites S] [--seed X]
//                        [--articles-from saudinewsnet.json]
//                        -o crawl.jsonl --labels labels.jsonl
// Exit status: 0 on success, 2 with one line on stderr on any error.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "crawl.h"
#include "json_util.h"
#include "labels.h"

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "safi-eval-crawl: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  safi::eval::CrawlOptions options;
  std::string articles_from;
  std::string crawl_path;
  std::string labels_path;
  CLI::App app{
      "Writes a labeled evaluation crawl for boilerplate and duplicate "
      "removal.",
      "safi-eval-crawl"};
  app.add_option("--pages", options.pages, "documents in the crawl")
      ->capture_default_str();
  app.add_option("--sites", options.sites, "multi-page sites")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "random seed")->capture_default_str();
  app.add_option("--articles-from", articles_from,
                 "SaudiNewsNet JSON file (default: generated articles)");
  app.add_option("-o", crawl_path, "crawl JSONL to write")->required();
  app.add_option("--labels", labels_path, "labels JSONL to write")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    return Fail(std::string(e.what()) + " (try --help)");
  }

  std::string error;
  std::vector<safi::eval::Article> articles;
  std::string articles_name = "generated";
  if (!articles_from.empty()) {
    std::string json;
    if (!safi::eval::ReadFile(articles_from, &json, &error)) return Fail(error);
    if (!safi::eval::ParseSaudiNewsNet(json, &articles, &error)) {
      return Fail(articles_from + ": " + error);
    }
    articles = safi::eval::DistinctArticles(articles);
    const size_t slash = articles_from.find_last_of('/');
    articles_name = "saudinewsnet:" + (slash == std::string::npos
                                           ? articles_from
                                           : articles_from.substr(slash + 1));
  }
  safi::eval::Crawl crawl;
  if (!safi::eval::GenerateCrawl(options,
                                 articles_from.empty() ? nullptr : &articles,
                                 articles_name, &crawl, &error)) {
    return Fail(error);
  }
  std::string records;
  std::string labels;
  safi::eval::AppendLabelsHeader(crawl.header, &labels);
  size_t copies = 0;
  for (const safi::eval::CrawlDoc& doc : crawl.docs) {
    safi::eval::AppendCrawlRecord(doc, &records);
    safi::eval::AppendLabeledDoc(doc.label, &labels);
    copies += doc.label.copy == safi::eval::CopyKind::kOriginal ? 0 : 1;
  }
  if (!safi::eval::WriteFile(crawl_path, records, &error) ||
      !safi::eval::WriteFile(labels_path, labels, &error)) {
    return Fail(error);
  }
  std::fprintf(stderr,
               "safi-eval-crawl: %zu documents (%zu copies), articles: %s\n",
               crawl.docs.size(), copies, articles_name.c_str());
  return 0;
}
