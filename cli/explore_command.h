// SPDX-License-Identifier: Apache-2.0
// The `safi explore` subcommand: one self-contained HTML page that shows
// what `safi dedup` removed from a crawl and why, from the crawl and the
// removal report.
#ifndef SAFI_CLI_EXPLORE_COMMAND_H_
#define SAFI_CLI_EXPLORE_COMMAND_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "dedup_command.h"

namespace CLI {
class App;
}  // namespace CLI

namespace safi_cli {

struct ExploreConfig {
  // The crawl, read exactly as `safi dedup` read it (same files, same
  // order, same field options).
  DedupInputConfig input;
  // The removal reports of `safi dedup --report` (or of `apply` over the
  // shards, in the order of the inputs); read as one report.
  std::vector<std::string> reports;
  std::string output;  // the HTML file; "-" is standard output
  // Documents shown with their text: a deterministic sample (bottom-k of a
  // hash of the duplicate cluster, so a kept copy and its duplicates are
  // sampled together). Counts always cover every document.
  size_t max_documents = 1000;
  // Rows of the per-site table (sites with the most documents); the other
  // sites are summed in one row.
  size_t max_sites = 200;
};

// Reads the crawl and the report in one streaming pass (the report lists a
// document's removals together, in input order, as `safi dedup` writes
// it) and writes the page. Memory holds the sampled documents, one counter
// set per site and one entry per duplicate cluster. Returns kExitUsage if
// an input or report does not exist (before anything is written),
// kExitFailure after a one-line message if the crawl or report is
// malformed, if they do not belong together (a report entry for a document
// that is not in the crawl or not in its order, a span outside its text or
// not on a UTF-8 character boundary) or on an I/O error; else kExitOk.
int RunExplore(const ExploreConfig& config);

// Registers `explore` on app.
class ExploreCommand {
 public:
  explicit ExploreCommand(CLI::App* app);
  ~ExploreCommand();
  ExploreCommand(const ExploreCommand&) = delete;
  ExploreCommand& operator=(const ExploreCommand&) = delete;

  // True if the command line named `explore`.
  bool parsed() const;
  // Runs it (after app->parse succeeded). Returns the exit status; usage
  // errors print one line and return kExitUsage.
  int Run();

 private:
  struct Options;
  std::unique_ptr<Options> options_;
};

}  // namespace safi_cli

#endif  // SAFI_CLI_EXPLORE_COMMAND_H_
