// SPDX-License-Identifier: Apache-2.0
// The `safi dedup` subcommand and its sharded phases `sketch`, `merge` and
// `apply`: boilerplate-line and duplicate-document removal over JSONL
// records or text files, with a JSONL removal report.
#ifndef SAFI_CLI_DEDUP_COMMAND_H_
#define SAFI_CLI_DEDUP_COMMAND_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace safi_cli {

// How documents are read.
struct DedupInputConfig {
  bool text_format = false;  // --format text: each FILE is one document
  std::string text_field = "text";
  std::string id_field = "id";
  std::string url_field = "url";
  std::vector<std::string> files;  // "-" is standard input; empty means "-"
};

// Memory of the sketch statistics (DedupSketcher::SetMemoryLimit).
struct DedupMemoryConfig {
  uint64_t limit = uint64_t{1} << 30;
  std::string temp_dir;  // "": $TMPDIR, or /tmp if unset or empty
};

// One-shot: reads every input twice (standard input and other
// non-seekable inputs are spooled to an unnamed file in $TMPDIR), first to
// sketch, then to write the kept records with boilerplate lines removed to
// standard output and, if report is not empty, one JSON object per removal
// to that file. Returns kExitUsage if an input cannot be opened (before
// anything is written), kExitFailure after a one-line message on bad input
// (malformed JSONL with its line number, invalid UTF-8 in a text file,
// duplicate ids; nothing is written then) or an I/O error, else kExitOk.
int RunDedup(const DedupInputConfig& input, const DedupMemoryConfig& memory,
             const std::string& report);

// `sketch`: writes the state of the inputs to the file output ("-":
// standard output), through a temporary file renamed at the end.
int RunDedupSketch(const DedupInputConfig& input,
                   const DedupMemoryConfig& memory, const std::string& output);

// `merge`: merges state files into output (like sketch's), streaming:
// memory holds the sites and a buffer per input. Refuses (kExitFailure)
// corrupt or incompatible states and states sharing a document id.
int RunDedupMerge(const std::vector<std::string>& states,
                  const std::string& output);

// `apply`: like RunDedup's output pass, with the statistics read from the
// merged state file; every input record must have been sketched into it.
int RunDedupApply(const DedupInputConfig& input, const std::string& state,
                  const std::string& report);

// Registers `dedup` (with `sketch`, `merge`, `apply`) on app and runs the
// one that was parsed.
class DedupCommand {
 public:
  explicit DedupCommand(CLI::App* app);
  ~DedupCommand();
  DedupCommand(const DedupCommand&) = delete;
  DedupCommand& operator=(const DedupCommand&) = delete;

  // True if the command line named `dedup`.
  bool parsed() const;
  // Runs it (after app->parse succeeded). Returns the exit status; usage
  // errors print one line and return kExitUsage.
  int Run();

 private:
  struct Options;
  std::unique_ptr<Options> options_;
};

}  // namespace safi_cli

#endif  // SAFI_CLI_DEDUP_COMMAND_H_
