// SPDX-License-Identifier: Apache-2.0
// Plumbing shared by the crawl commands (see crawl_input.h): line and
// whole-file reading, the two-pass inputs, messages and output files.
#include "crawl_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "CLI/CLI.hpp"
#include "normalize_command.h"
#include "safi/normalizer.h"

namespace safi_cli {

namespace {

constexpr size_t kReadBlock = size_t{1} << 20;
constexpr size_t kWriteBuffer = size_t{1} << 20;

}  // namespace

std::string Label(const std::string& name) {
  return name == "-" ? "<stdin>" : name;
}

void PrintError(std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "safi: %s\n", message.c_str());
}

bool BufferedWriter::MaybeFlush() {
  return buffer_.size() < kWriteBuffer || Flush();
}

bool BufferedWriter::Flush() {
  const bool ok = sink_.Write(buffer_);
  buffer_.clear();
  return ok;
}

int LineReader::Next(std::string_view* line) {
  while (true) {
    const size_t eol = buffer_.find('\n', begin_);
    if (eol != std::string::npos) {
      *line = std::string_view(buffer_).substr(begin_, eol - begin_);
      begin_ = eol + 1;
      return 1;
    }
    if (eof_) {
      if (begin_ == buffer_.size()) return 0;
      *line = std::string_view(buffer_).substr(begin_);
      begin_ = buffer_.size();
      return 1;
    }
    buffer_.erase(0, begin_);
    begin_ = 0;
    const size_t old = buffer_.size();
    buffer_.resize(old + kReadBlock);
    const ssize_t n = ReadSome(fd_, &buffer_[old], kReadBlock);
    if (n < 0) return -1;
    buffer_.resize(old + static_cast<size_t>(n));
    if (n == 0) eof_ = true;
    if (n > 0 && copy_fd_ >= 0 &&
        !WriteAll(copy_fd_, buffer_.data() + old, static_cast<size_t>(n))) {
      return -1;
    }
  }
}

bool ReadAll(int fd, int copy_fd, std::string* out) {
  out->clear();
  while (true) {
    const size_t old = out->size();
    out->resize(old + kReadBlock);
    const ssize_t n = ReadSome(fd, &(*out)[old], kReadBlock);
    if (n < 0) return false;
    out->resize(old + static_cast<size_t>(n));
    if (n == 0) return true;
    if (copy_fd >= 0 &&
        !WriteAll(copy_fd, out->data() + old, static_cast<size_t>(n))) {
      return false;
    }
  }
}

Inputs::Inputs(const DedupInputConfig& config)
    : config_(config), parser_(config) {
  names_ = config.files;
  if (names_.empty()) names_.push_back("-");
  spools_.resize(names_.size());
}

int Inputs::CheckExist() const {
  for (const std::string& name : names_) {
    struct stat st;
    if (name != "-" && stat(name.c_str(), &st) != 0) {
      PrintError(name + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  return kExitOk;
}

int Inputs::ForEach(bool spool, bool replay, const RecordCallback& callback) {
  for (size_t i = 0; i < names_.size(); ++i) {
    const std::string& name = names_[i];
    if (replay && spools_[i].valid()) {
      if (lseek(spools_[i].get(), 0, SEEK_SET) < 0) {
        PrintError("temporary file: " + std::string(std::strerror(errno)));
        return kExitFailure;
      }
      const int status = ReadInput(i, spools_[i].get(), -1, callback);
      if (status != kExitOk) return status;
      continue;
    }
    const Fd input = OpenInput(name);
    if (!input.valid()) {
      PrintError(Label(name) + ": " + std::strerror(errno));
      return kExitFailure;
    }
    int copy_fd = -1;
    struct stat st;
    if (spool &&
        !(fstat(input.get(), &st) == 0 && S_ISREG(st.st_mode) && name != "-")) {
      spools_[i] = CreateTemporaryFile();
      if (!spools_[i].valid()) {
        PrintError("temporary file: " + std::string(std::strerror(errno)));
        return kExitFailure;
      }
      copy_fd = spools_[i].get();
    }
    const int status = ReadInput(i, input.get(), copy_fd, callback);
    if (status != kExitOk) return status;
  }
  return kExitOk;
}

int Inputs::ReadInput(size_t index, int fd, int copy_fd,
                      const RecordCallback& callback) {
  const std::string label = Label(names_[index]);
  if (config_.text_format) {
    if (!ReadAll(fd, copy_fd, &record_.text)) {
      PrintError(label + ": " + std::strerror(errno));
      return kExitFailure;
    }
    size_t offset = 0;
    if (!safi::ValidateUtf8(record_.text, &offset)) {
      PrintError(label + ": invalid UTF-8 at byte " + std::to_string(offset));
      return kExitFailure;
    }
    if (!safi::ValidateUtf8(names_[index], &offset)) {
      PrintError(label + ": the file name (the document id) is not UTF-8");
      return kExitFailure;
    }
    record_.line = std::string_view();
    record_.id = names_[index];
    record_.id_json.clear();
    AppendJsonString(record_.id, &record_.id_json);
    record_.site.clear();
    record_.url.clear();
    return callback(label, 1, record_);
  }
  LineReader reader(fd, copy_fd);
  std::string_view line;
  uint64_t number = 0;
  while (true) {
    const int got = reader.Next(&line);
    if (got < 0) {
      PrintError(label + ": " + std::strerror(errno));
      return kExitFailure;
    }
    if (got == 0) return kExitOk;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string problem = parser_.Parse(line, &record_);
    if (!problem.empty()) {
      PrintError(label + ":" + std::to_string(number) + ": " + problem);
      return kExitFailure;
    }
    const int status = callback(label, number, record_);
    if (status != kExitOk) return status;
  }
}

Fd OpenOutput(const std::string& name) {
  if (name == "-") return Fd(STDOUT_FILENO, false);
  Fd fd(open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666),
        true);
  if (!fd.valid()) PrintError(name + ": " + std::strerror(errno));
  return fd;
}

void AddInputOptions(CLI::App* command, DedupInputConfig* config,
                     std::string* format, const std::string& files_option) {
  command->add_option("--format", *format,
                      "Input: jsonl (one JSON object per line, default) or "
                      "text (each FILE is one document, id = file name)");
  command->add_option("--text-field", config->text_field,
                      "JSONL field holding the text (default: text)");
  command->add_option("--id-field", config->id_field,
                      "JSONL field holding the document id, a string or a "
                      "number (default: id)");
  command->add_option("--url-field", config->url_field,
                      "JSONL field holding the URL whose host is the site "
                      "(default: url; may be absent or null)");
  command->add_option(files_option, config->files,
                      "Input files; - or none means standard input");
}

bool ParseFormat(const std::string& format, DedupInputConfig* config) {
  if (format == "jsonl" || format == "text") {
    config->text_format = format == "text";
    return true;
  }
  PrintError("unknown --format '" + format + "' (expected jsonl or text)");
  return false;
}

}  // namespace safi_cli
