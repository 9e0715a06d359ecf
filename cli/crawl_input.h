// SPDX-License-Identifier: Apache-2.0
// Plumbing shared by the crawl commands (`safi dedup`, `safi explore`):
// reading documents from JSONL records (jsonl_record.h) or text files,
// reading lines, one-line error messages and output files.
#ifndef SAFI_CLI_CRAWL_INPUT_H_
#define SAFI_CLI_CRAWL_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dedup_command.h"
#include "fd_io.h"
#include "jsonl_record.h"

namespace CLI {
class App;
}  // namespace CLI

namespace safi_cli {

// Name of an input in messages: the path, or "<stdin>" for "-".
std::string Label(const std::string& name);

// Prints "safi: MESSAGE" as one line on stderr (line breaks become spaces).
void PrintError(std::string message);

// Buffered writer over a borrowed file descriptor.
class BufferedWriter {
 public:
  explicit BufferedWriter(int fd) : sink_(fd) {}
  // The buffer to append to; call MaybeFlush() after appending.
  std::string* buffer() { return &buffer_; }
  // Writes the buffer out once it is large. False with errno on error.
  bool MaybeFlush();
  // Writes the buffer out. False with errno on error.
  bool Flush();

 private:
  OutputSink sink_;
  std::string buffer_;
};

// Opens (creating or truncating) a file for writing; "-" is standard
// output. Prints the error and returns an invalid Fd on failure.
Fd OpenOutput(const std::string& name);

// Reads lines from a file descriptor, optionally copying every byte read
// to another one (the spool of a non-seekable input).
class LineReader {
 public:
  LineReader(int fd, int copy_fd) : fd_(fd), copy_fd_(copy_fd) {}

  // Sets *line to the next line without its LF and returns 1; returns 0 at
  // the end of input and -1 with errno set on a read or copy error. *line
  // stays valid until the next call.
  int Next(std::string_view* line);

 private:
  int fd_;
  int copy_fd_;
  std::string buffer_;
  size_t begin_ = 0;
  bool eof_ = false;
};

// Reads all of fd into *out (copying to copy_fd if >= 0). False with errno
// on error.
bool ReadAll(int fd, int copy_fd, std::string* out);

// Called for each record with the input's label and the record's line
// number (1 for text files). Returns kExitOk to go on, else stops the run.
using RecordCallback =
    std::function<int(const std::string& label, uint64_t line, Record&)>;

// The inputs of a run, readable twice: in the first pass, inputs that are
// not regular files (standard input, pipes) are copied to unnamed spool
// files that the second pass reads back.
class Inputs {
 public:
  explicit Inputs(const DedupInputConfig& config);

  // Checks that every named file exists. Prints and returns kExitUsage if
  // not.
  int CheckExist() const;

  // Reads every record in order. spool: copy non-seekable inputs for a
  // later replay; replay: read the spools of an earlier spooling pass.
  // Bad input (malformed JSONL with its line number, invalid UTF-8 in a
  // text file) and read errors are printed and end the pass with
  // kExitFailure; a callback status other than kExitOk ends it too.
  int ForEach(bool spool, bool replay, const RecordCallback& callback);

 private:
  int ReadInput(size_t index, int fd, int copy_fd,
                const RecordCallback& callback);

  const DedupInputConfig& config_;
  RecordParser parser_;
  std::vector<std::string> names_;
  std::vector<Fd> spools_;
  Record record_;
};

// Adds the input options (--format and the field names) to a command, and
// the input files as the option named files_option (CLI11 names: "FILE"
// for positional arguments, "-i,--input,FILE" for both forms).
void AddInputOptions(CLI::App* command, DedupInputConfig* config,
                     std::string* format, const std::string& files_option);

// Sets config->text_format from format. Prints and returns false if format
// is unknown.
bool ParseFormat(const std::string& format, DedupInputConfig* config);

}  // namespace safi_cli

#endif  // SAFI_CLI_CRAWL_INPUT_H_
