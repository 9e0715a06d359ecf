// SPDX-License-Identifier: Apache-2.0
// safi-eval: scores a `safi dedup` run on a labeled evaluation crawl and
// prints boilerplate recall per class, main-text retention, duplicate-group
// resolution and false drops.
//
// Usage: safi-eval --labels labels.jsonl --input crawl.jsonl
//                  --output deduped.jsonl --report report.jsonl [--json]
// Exit status: 0 for any valid evaluation, whatever the numbers (it
// measures, it does not judge); 2 with one line on stderr on bad usage or
// malformed or mismatched inputs.

#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"
#include "evaluator.h"
#include "json_util.h"

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "safi-eval: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string labels_path;
  std::string input_path;
  std::string output_path;
  std::string report_path;
  bool json = false;
  CLI::App app{"Scores a safi dedup run against evaluation-crawl labels.",
               "safi-eval"};
  app.add_option("--labels", labels_path, "labels JSONL of the crawl")
      ->required();
  app.add_option("--input", input_path, "the crawl given to safi dedup")
      ->required();
  app.add_option("--output", output_path, "what safi dedup wrote")->required();
  app.add_option("--report", report_path, "safi dedup's --report file")
      ->required();
  app.add_flag("--json", json, "print one JSON object instead of a table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    return Fail(std::string(e.what()) + " (try --help)");
  }

  std::string labels;
  std::string input;
  std::string output;
  std::string report;
  std::string error;
  if (!safi::eval::ReadFile(labels_path, &labels, &error) ||
      !safi::eval::ReadFile(input_path, &input, &error) ||
      !safi::eval::ReadFile(output_path, &output, &error) ||
      !safi::eval::ReadFile(report_path, &report, &error)) {
    return Fail(error);
  }
  safi::eval::EvalFiles files{labels,      input,       output,
                              report,      labels_path, input_path,
                              output_path, report_path};
  safi::eval::Metrics metrics;
  if (!safi::eval::Evaluate(files, &metrics, &error)) return Fail(error);
  const std::string text =
      json ? safi::eval::FormatJson(metrics) : safi::eval::FormatText(metrics);
  std::fputs(text.c_str(), stdout);
  return std::fflush(stdout) == 0 ? 0 : Fail("write error on standard output");
}
