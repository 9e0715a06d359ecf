// SPDX-License-Identifier: Apache-2.0
// The `safi dedup` subcommand (see dedup_command.h): JSONL and text-file
// input, the one-shot run, the sketch/merge/apply phases, and the JSONL
// output and removal report.
#include "dedup_command.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "CLI/CLI.hpp"
#include "fd_io.h"
#include "normalize_command.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "simdjson.h"

namespace safi_cli {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr size_t kReadBlock = size_t{1} << 20;
constexpr size_t kWriteBuffer = size_t{1} << 20;
// Deepest JSON nesting accepted in a record.
constexpr int kMaxJsonDepth = 256;

// Name of an input in messages: the path, or "<stdin>" for "-".
std::string Label(const std::string& name) {
  return name == "-" ? "<stdin>" : name;
}

// Prints "safi: MESSAGE" as one line on stderr (line breaks become spaces).
void PrintError(std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "safi: %s\n", message.c_str());
}

// Appends s, which must be valid UTF-8, as a JSON string (RFC 8259): '"'
// and '\' are escaped, control characters below U+0020 use \b \f \n \r \t
// or \u00XX, everything else is copied.
void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// Buffered writer over a borrowed file descriptor.
class BufferedWriter {
 public:
  explicit BufferedWriter(int fd) : sink_(fd) {}
  // The buffer to append to; call MaybeFlush() after appending.
  std::string* buffer() { return &buffer_; }
  // Writes the buffer out once it is large. False with errno on error.
  bool MaybeFlush() { return buffer_.size() < kWriteBuffer || Flush(); }
  bool Flush() {
    const bool ok = sink_.Write(buffer_);
    buffer_.clear();
    return ok;
  }

 private:
  OutputSink sink_;
  std::string buffer_;
};

// One input document.
struct Record {
  std::string_view line;  // JSONL: the raw line without its LF; text: empty
  std::string id;         // the id string, or a number's JSON text
  std::string id_json;    // the id as JSON, for the report
  std::string site;
  std::string text;       // the unescaped text
  size_t text_begin = 0;  // JSONL: the text's JSON string token in line
  size_t text_end = 0;
};

// Short description of a simdjson error.
std::string JsonError(simdjson::error_code error) {
  switch (error) {
    case simdjson::UNCLOSED_STRING:
      return "unterminated string";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    case simdjson::UNESCAPED_CHARS:
      return "unescaped control character in a string";
    case simdjson::STRING_ERROR:
      return "invalid string escape";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return "invalid number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "invalid literal";
    case simdjson::INCORRECT_TYPE:
      return "invalid value";
    case simdjson::TAPE_ERROR:
      return "missing or extra comma, colon, brace or bracket";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return "unterminated object or array";
    case simdjson::EMPTY:
      return "empty document";
    case simdjson::DEPTH_ERROR:
      return "nested too deeply";
    default:
      return simdjson::error_message(error);
  }
}

// Parses one JSONL record into *record. Returns "" or the error message.
class RecordParser {
 public:
  explicit RecordParser(const DedupInputConfig& config) : config_(config) {}

  std::string Parse(std::string_view line, Record* record);

 private:
  // Consumes a value completely, checking it is well-formed. Nested
  // objects must not repeat a key either.
  std::string Validate(ondemand::value value, int depth);

  const DedupInputConfig& config_;
  ondemand::parser parser_;
  std::string padded_;
};

std::string RecordParser::Validate(ondemand::value value, int depth) {
  if (depth > kMaxJsonDepth) return "nested too deeply";
  ondemand::json_type type;
  simdjson::error_code error = value.type().get(type);
  if (error) return JsonError(error);
  switch (type) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if ((error = value.get_object().get(object))) return JsonError(error);
      std::unordered_set<std::string> keys;
      for (auto field_result : object) {
        ondemand::field field;
        std::string_view key;
        if ((error = std::move(field_result).get(field)) ||
            (error = field.unescaped_key().get(key))) {
          return JsonError(error);
        }
        if (!keys.emplace(key).second) {
          return "duplicate key \"" + std::string(key) + "\"";
        }
        const std::string problem = Validate(field.value(), depth + 1);
        if (!problem.empty()) return problem;
      }
      return "";
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if ((error = value.get_array().get(array))) return JsonError(error);
      for (auto element_result : array) {
        ondemand::value element;
        if ((error = std::move(element_result).get(element)))
          return JsonError(error);
        const std::string problem = Validate(element, depth + 1);
        if (!problem.empty()) return problem;
      }
      return "";
    }
    case ondemand::json_type::string: {
      std::string_view s;
      error = value.get_string().get(s);
      break;
    }
    case ondemand::json_type::number: {
      ondemand::number n;
      error = value.get_number().get(n);
      break;
    }
    case ondemand::json_type::boolean: {
      bool b;
      if (value.get_bool().get(b)) error = simdjson::T_ATOM_ERROR;
      break;
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      if (value.is_null().get(is_null) || !is_null) {
        error = simdjson::N_ATOM_ERROR;
      }
      break;
    }
  }
  return error ? JsonError(error) : "";
}

// The raw JSON text of a token without the white space simdjson keeps
// after it.
std::string_view TrimToken(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' ||
                            token.back() == '\r' || token.back() == '\n')) {
    token.remove_suffix(1);
  }
  return token;
}

// Where the top-level value of a JSON text that starts with '{' or '['
// ends (one past its closing bracket), found by counting brackets outside
// strings; line.size() if it does not end.
size_t EndOfTopLevel(std::string_view line) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return line.size();
}

std::string RecordParser::Parse(std::string_view line, Record* record) {
  const size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos || line[first] != '{') {
    return "malformed JSON: not a JSON object";
  }
  const size_t end = EndOfTopLevel(line);
  if (line.find_first_not_of(" \t\r", end) != std::string_view::npos) {
    return "malformed JSON: content after the object";
  }
  padded_.assign(line.data(), line.size());
  padded_.append(simdjson::SIMDJSON_PADDING, '\0');
  ondemand::document doc;
  simdjson::error_code error =
      parser_
          .iterate(simdjson::padded_string_view(padded_.data(), line.size(),
                                                padded_.size()))
          .get(doc);
  if (error) return "malformed JSON: " + JsonError(error);
  ondemand::object object;
  if ((error = doc.get_object().get(object))) {
    return "malformed JSON: " + JsonError(error);
  }
  record->line = line;
  bool has_text = false, has_id = false;
  record->site.clear();
  std::unordered_set<std::string> keys;
  for (auto field_result : object) {
    ondemand::field field;
    std::string_view key;
    if ((error = std::move(field_result).get(field)) ||
        (error = field.unescaped_key().get(key))) {
      return "malformed JSON: " + JsonError(error);
    }
    if (!keys.emplace(key).second) {
      return "malformed JSON: duplicate key \"" + std::string(key) + "\"";
    }
    ondemand::value value = field.value();
    ondemand::json_type type;
    if ((error = value.type().get(type))) {
      return "malformed JSON: " + JsonError(error);
    }
    const bool is_text = key == config_.text_field;
    const bool is_id = key == config_.id_field;
    const bool is_url = key == config_.url_field;
    if (!is_text && !is_id && !is_url) {
      const std::string problem = Validate(value, 1);
      if (!problem.empty()) return "malformed JSON: " + problem;
      continue;
    }
    const std::string_view token = TrimToken(value.raw_json_token());
    std::string_view s;
    if (type == ondemand::json_type::string) {
      if ((error = value.get_string().get(s))) {
        return "malformed JSON: " + JsonError(error);
      }
    } else if (is_id && type == ondemand::json_type::number) {
      ondemand::number n;
      if ((error = value.get_number().get(n))) {
        return "malformed JSON: " + JsonError(error);
      }
    } else if (is_url && type == ondemand::json_type::null) {
      bool is_null = false;
      if ((error = value.is_null().get(is_null)) || !is_null) {
        return "malformed JSON: invalid literal";
      }
      continue;
    } else {
      const std::string problem = Validate(value, 1);
      if (!problem.empty()) return "malformed JSON: " + problem;
      return "field \"" + std::string(key) + "\" must be a string" +
             (is_id    ? " or a number"
              : is_url ? " or null"
                       : "");
    }
    if (is_text) {
      has_text = true;
      record->text.assign(s.data(), s.size());
      record->text_begin = static_cast<size_t>(token.data() - padded_.data());
      record->text_end = record->text_begin + token.size();
    } else if (is_id) {
      has_id = true;
      if (type == ondemand::json_type::string) {
        record->id.assign(s.data(), s.size());
        record->id_json.clear();
        AppendJsonString(record->id, &record->id_json);
      } else {
        record->id.assign(token.data(), token.size());
        record->id_json = record->id;
      }
    } else {
      record->site = safi::SiteFromUrl(s);
    }
  }
  const char* location = nullptr;
  if (!doc.current_location().get(location)) {
    return "malformed JSON: content after the object";
  }
  if (!has_text) return "missing field \"" + config_.text_field + "\"";
  if (!has_id) return "missing field \"" + config_.id_field + "\"";
  return "";
}

// Reads lines from a file descriptor, optionally copying every byte read
// to another one (the spool of a non-seekable input).
class LineReader {
 public:
  LineReader(int fd, int copy_fd) : fd_(fd), copy_fd_(copy_fd) {}

  // Sets *line to the next line without its LF and returns 1; returns 0 at
  // the end of input and -1 with errno set on a read or copy error. *line
  // stays valid until the next call.
  int Next(std::string_view* line) {
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

 private:
  int fd_;
  int copy_fd_;
  std::string buffer_;
  size_t begin_ = 0;
  bool eof_ = false;
};

// Reads all of fd into *out (copying to copy_fd if >= 0). False with errno
// on error.
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

// Called for each record with the input's label and the record's line
// number (1 for text files). Returns kExitOk to go on, else stops the run.
using RecordCallback =
    std::function<int(const std::string& label, uint64_t line, Record&)>;

// The inputs of a run, readable twice: in the first pass, inputs that are
// not regular files (standard input, pipes) are copied to unnamed spool
// files that the second pass reads back.
class Inputs {
 public:
  explicit Inputs(const DedupInputConfig& config)
      : config_(config), parser_(config) {
    names_ = config.files;
    if (names_.empty()) names_.push_back("-");
    spools_.resize(names_.size());
  }

  // Checks that every named file exists. Prints and returns kExitUsage if
  // not.
  int CheckExist() const {
    for (const std::string& name : names_) {
      struct stat st;
      if (name != "-" && stat(name.c_str(), &st) != 0) {
        PrintError(name + ": " + std::strerror(errno));
        return kExitUsage;
      }
    }
    return kExitOk;
  }

  // Reads every record in order. spool: copy non-seekable inputs for a
  // later replay; replay: read the spools of an earlier spooling pass.
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

// Appends the report line of one removal.
void AppendReport(const Record& record, const safi::Removal& r,
                  std::string* out) {
  out->append("{\"id\":");
  out->append(record.id_json);
  out->append(",\"start\":").append(std::to_string(r.start));
  out->append(",\"end\":").append(std::to_string(r.end));
  out->append(",\"reason\":\"").append(safi::RemovalReasonName(r.reason));
  out->push_back('"');
  switch (r.reason) {
    case safi::RemovalReason::kLexicon:
      out->append(",\"category\":");
      AppendJsonString(r.category, out);
      out->append(",\"phrase\":");
      AppendJsonString(r.phrase, out);
      out->append(",\"match\":\"")
          .append(safi::LexiconMatchKindName(r.match))
          .push_back('"');
      break;
    case safi::RemovalReason::kSiteTemplate:
      out->append(",\"pages\":").append(std::to_string(r.pages));
      out->append(",\"site_pages\":").append(std::to_string(r.site_pages));
      break;
    case safi::RemovalReason::kGlobal:
      out->append(",\"sites\":").append(std::to_string(r.sites));
      break;
    case safi::RemovalReason::kTeaser:
      out->append(",\"rule\":\"").append(safi::TeaserRuleName(r.rule));
      out->push_back('"');
      if (r.rule == safi::TeaserRule::kConfirmed) {
        out->append(",\"source\":");
        AppendJsonString(r.source, out);
        out->append(",\"matched_words\":")
            .append(std::to_string(r.matched_words));
      } else {
        out->append(",\"block_teasers\":")
            .append(std::to_string(r.block_teasers));
      }
      break;
    case safi::RemovalReason::kLabel:
      out->append(",\"teaser_start\":").append(std::to_string(r.teaser_start));
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup: {
      out->append(",\"kept\":");
      AppendJsonString(r.kept, out);
      out->append(",\"cluster_size\":").append(std::to_string(r.cluster_size));
      char similarity[16];
      std::snprintf(similarity, sizeof(similarity), "%u.%03u",
                    r.similarity_permille / 1000, r.similarity_permille % 1000);
      out->append(",\"similarity\":").append(similarity);
      break;
    }
  }
  out->append("}\n");
}

// Appends the output line of a kept record: the original line with the
// text token replaced, or for text files a new {"id","text"} object.
void AppendOutput(const Record& record,
                  const std::vector<safi::Removal>& removals,
                  std::string* out) {
  std::string text;
  if (!removals.empty()) {
    size_t pos = 0;
    for (const safi::Removal& r : removals) {
      text.append(record.text, pos, r.start - pos);
      pos = r.end;
    }
    text.append(record.text, pos, std::string::npos);
  }
  const std::string& kept = removals.empty() ? record.text : text;
  if (record.line.data() == nullptr) {
    out->append("{\"id\":").append(record.id_json).append(",\"text\":");
    AppendJsonString(kept, out);
    out->append("}\n");
    return;
  }
  if (removals.empty()) {
    out->append(record.line).push_back('\n');
    return;
  }
  out->append(record.line.substr(0, record.text_begin));
  AppendJsonString(kept, out);
  out->append(record.line.substr(record.text_end)).push_back('\n');
}

// Opens (creating or truncating) a file for writing; "-" is standard
// output. Prints the error and returns an invalid Fd on failure.
Fd OpenOutput(const std::string& name) {
  if (name == "-") return Fd(STDOUT_FILENO, false);
  Fd fd(open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666),
        true);
  if (!fd.valid()) PrintError(name + ": " + std::strerror(errno));
  return fd;
}

// The apply pass: decides each record and writes kept records to
// standard output and removals to the report (if report_fd >= 0).
int ApplyPass(Inputs* inputs, bool replay, const safi::Deduper& deduper,
              int report_fd, const std::string& report_name) {
  BufferedWriter out(STDOUT_FILENO);
  BufferedWriter report(report_fd);
  safi::DocumentDecision decision;
  bool write_failed = false;
  std::string failed_name;
  const int status = inputs->ForEach(
      false, replay,
      [&](const std::string& label, uint64_t line, Record& record) {
        const safi::DedupStatus s =
            deduper.Apply({record.id, record.site, record.text}, &decision);
        if (!s.ok()) {
          PrintError(label + ":" + std::to_string(line) + ": " + s.message);
          return static_cast<int>(kExitFailure);
        }
        if (decision.keep)
          AppendOutput(record, decision.removals, out.buffer());
        if (report_fd >= 0) {
          for (const safi::Removal& r : decision.removals) {
            AppendReport(record, r, report.buffer());
          }
          if (!report.MaybeFlush()) {
            write_failed = true;
            failed_name = report_name;
            return static_cast<int>(kExitFailure);
          }
        }
        if (!out.MaybeFlush()) {
          write_failed = true;
          failed_name = "write error";
          return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
      });
  if (!write_failed && status == kExitOk) {
    if (report_fd >= 0 && !report.Flush()) {
      write_failed = true;
      failed_name = report_name;
    } else if (!out.Flush()) {
      write_failed = true;
      failed_name = "write error";
    }
  }
  if (write_failed) {
    PrintError(failed_name + ": " + std::strerror(errno));
    return kExitFailure;
  }
  return status;
}

// The sketch pass over every input record, into sketcher (which the
// caller finishes).
int SketchPass(Inputs* inputs, bool spool, safi::DedupSketcher* sketcher) {
  return inputs->ForEach(
      spool, false,
      [&](const std::string& label, uint64_t line, Record& record) {
        const safi::DedupStatus s =
            sketcher->Add({record.id, record.site, record.text});
        if (!s.ok()) {
          // A temporary file that cannot be written is no record's fault.
          PrintError(s.code == safi::DedupStatus::kIoError
                         ? s.message
                         : label + ":" + std::to_string(line) + ": " +
                               s.message);
          return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
      });
}

// A state file being written: an unnamed temporary file in $TMPDIR,
// copied to the output by Commit. The output is opened only then, as
// before streaming, so a failed run does not touch it, an input may also
// be the output, and devices and pipes work.
class StateOutput {
 public:
  explicit StateOutput(std::string name) : name_(std::move(name)) {}

  // Creates the temporary file. False after a message.
  bool Open() {
    temp_ = CreateTemporaryFile();
    if (!temp_.valid()) {
      PrintError("temporary file: " + std::string(std::strerror(errno)));
      return false;
    }
    return true;
  }

  int fd() const { return temp_.get(); }

  // Copies the written state to the output. False after a message.
  bool Commit() {
    if (lseek(temp_.get(), 0, SEEK_SET) < 0) {
      PrintError("temporary file: " + std::string(std::strerror(errno)));
      return false;
    }
    const Fd out = OpenOutput(name_);
    if (!out.valid()) return false;
    std::string buffer(kWriteBuffer, '\0');
    while (true) {
      const ssize_t got = ReadSome(temp_.get(), &buffer[0], buffer.size());
      if (got < 0) {
        PrintError("temporary file: " + std::string(std::strerror(errno)));
        return false;
      }
      if (got == 0) return true;
      if (!WriteAll(out.get(), buffer.data(), static_cast<size_t>(got))) {
        PrintError(name_ + ": " + std::strerror(errno));
        return false;
      }
    }
  }

 private:
  std::string name_;
  Fd temp_;
};

// Reads and parses a state file. Prints the error on failure.
int ReadState(const std::string& name, safi::DedupState* state) {
  const Fd fd = OpenInput(name);
  if (!fd.valid()) {
    PrintError(Label(name) + ": " + std::strerror(errno));
    return kExitFailure;
  }
  const safi::DedupStatus s = safi::DedupState::Read(fd.get(), state);
  if (!s.ok()) {
    PrintError(Label(name) + ": " + s.message);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int RunDedup(const DedupInputConfig& input, const DedupMemoryConfig& memory,
             const std::string& report) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  safi::DedupSketcher sketcher;
  sketcher.SetMemoryLimit(memory.limit, memory.temp_dir.empty()
                                            ? TemporaryDirectory()
                                            : memory.temp_dir);
  status = SketchPass(&inputs, true, &sketcher);
  if (status != kExitOk) return status;
  safi::DedupState state;
  const safi::DedupStatus s = sketcher.Finish(&state);
  if (!s.ok()) {
    PrintError(s.message);
    return kExitFailure;
  }
  const safi::Deduper deduper(std::move(state));
  Fd report_fd;
  if (!report.empty()) {
    report_fd = OpenOutput(report);
    if (!report_fd.valid()) return kExitFailure;
  }
  return ApplyPass(&inputs, true, deduper, report_fd.get(), report);
}

int RunDedupSketch(const DedupInputConfig& input,
                   const DedupMemoryConfig& memory, const std::string& output) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  safi::DedupSketcher sketcher;
  sketcher.SetMemoryLimit(memory.limit, memory.temp_dir.empty()
                                            ? TemporaryDirectory()
                                            : memory.temp_dir);
  status = SketchPass(&inputs, false, &sketcher);
  if (status != kExitOk) return status;
  StateOutput out(output);
  if (!out.Open()) return kExitFailure;
  const safi::DedupStatus s = sketcher.Finish(out.fd());
  if (!s.ok()) {
    PrintError(s.message);
    return kExitFailure;
  }
  return out.Commit() ? kExitOk : kExitFailure;
}

int RunDedupMerge(const std::vector<std::string>& states,
                  const std::string& output) {
  for (const std::string& name : states) {
    struct stat st;
    if (name != "-" && stat(name.c_str(), &st) != 0) {
      PrintError(name + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  std::vector<Fd> files;
  std::vector<int> inputs;
  for (const std::string& name : states) {
    files.push_back(OpenInput(name));
    if (!files.back().valid()) {
      PrintError(Label(name) + ": " + std::strerror(errno));
      return kExitFailure;
    }
    inputs.push_back(files.back().get());
  }
  StateOutput out(output);
  if (!out.Open()) return kExitFailure;
  size_t failed = 0;
  const safi::DedupStatus s = safi::MergeStateFiles(inputs, out.fd(), &failed);
  if (!s.ok()) {
    PrintError((failed < states.size() ? Label(states[failed])
                                       : std::string("temporary file")) +
               ": " + s.message);
    return kExitFailure;
  }
  return out.Commit() ? kExitOk : kExitFailure;
}

int RunDedupApply(const DedupInputConfig& input, const std::string& state_name,
                  const std::string& report) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  struct stat st;
  if (state_name != "-" && stat(state_name.c_str(), &st) != 0) {
    PrintError(state_name + ": " + std::strerror(errno));
    return kExitUsage;
  }
  safi::DedupState state;
  status = ReadState(state_name, &state);
  if (status != kExitOk) return status;
  const safi::Deduper deduper(std::move(state));
  Fd report_fd;
  if (!report.empty()) {
    report_fd = OpenOutput(report);
    if (!report_fd.valid()) return kExitFailure;
  }
  return ApplyPass(&inputs, false, deduper, report_fd.get(), report);
}

struct DedupCommand::Options {
  CLI::App* dedup = nullptr;
  CLI::App* sketch = nullptr;
  CLI::App* merge = nullptr;
  CLI::App* apply = nullptr;
  // One-shot and per-phase input options.
  DedupInputConfig one_shot, sketch_input, apply_input;
  std::string one_shot_format = "jsonl", sketch_format = "jsonl",
              apply_format = "jsonl";
  std::string report, apply_report;
  std::string sketch_output, merge_output, apply_state;
  std::vector<std::string> merge_states;
  DedupMemoryConfig one_shot_memory, sketch_memory;
};

namespace {

// Adds the input options (--format and the field names) and FILE... to a
// command.
void AddInputOptions(CLI::App* command, DedupInputConfig* config,
                     std::string* format) {
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
  command->add_option("FILE", config->files,
                      "Input files; - or none means standard input");
}

// Sets config->text_format from format. Prints and returns false if format
// is unknown.
// Adds --memory-limit and --temp-dir to command.
void AddMemoryOptions(CLI::App* command, DedupMemoryConfig* config) {
  command
      ->add_option("--memory-limit", config->limit,
                   "Memory for the sketch statistics (default 1G, 0: no "
                   "limit); beyond it they are sorted into runs in "
                   "temporary files and merged at the end, with the same "
                   "result")
      ->transform(CLI::AsSizeValue(false));
  command->add_option("--temp-dir", config->temp_dir,
                      "Directory of those temporary files (default: $TMPDIR "
                      "or /tmp)");
}

bool ParseFormat(const std::string& format, DedupInputConfig* config) {
  if (format == "jsonl" || format == "text") {
    config->text_format = format == "text";
    return true;
  }
  PrintError("unknown --format '" + format + "' (expected jsonl or text)");
  return false;
}

}  // namespace

DedupCommand::DedupCommand(CLI::App* app) : options_(new Options) {
  Options& o = *options_;
  o.dedup = app->add_subcommand(
      "dedup",
      "Remove boilerplate lines and duplicate documents: reads JSONL records "
      "(or text files) and writes the kept records with boilerplate lines "
      "cut from their text");
  AddInputOptions(o.dedup, &o.one_shot, &o.one_shot_format);
  o.dedup->add_option("--report", o.report,
                      "Write one JSON object per removal to this file: id, "
                      "start, end (bytes of the original text), reason, "
                      "evidence");
  AddMemoryOptions(o.dedup, &o.one_shot_memory);
  o.dedup->require_subcommand(0, 1);

  o.sketch = o.dedup->add_subcommand(
      "sketch", "Sharded phase 1: write the statistics of FILEs to a state");
  AddInputOptions(o.sketch, &o.sketch_input, &o.sketch_format);
  o.sketch->add_option("-o,--output", o.sketch_output, "State file to write")
      ->required();
  AddMemoryOptions(o.sketch, &o.sketch_memory);

  o.merge = o.dedup->add_subcommand(
      "merge",
      "Sharded phase 2: merge state files (in any order and grouping)");
  o.merge->add_option("STATE", o.merge_states, "State files to merge")
      ->required();
  o.merge->add_option("-o,--output", o.merge_output, "State file to write")
      ->required();

  o.apply = o.dedup->add_subcommand(
      "apply",
      "Sharded phase 3: dedup FILEs with a merged state to standard output");
  AddInputOptions(o.apply, &o.apply_input, &o.apply_format);
  o.apply->add_option("--state", o.apply_state, "Merged state file")
      ->required();
  o.apply->add_option("--report", o.apply_report,
                      "Write one JSON object per removal to this file");
}

DedupCommand::~DedupCommand() = default;

bool DedupCommand::parsed() const { return options_->dedup->parsed(); }

int DedupCommand::Run() {
  Options& o = *options_;
  const bool phase =
      o.sketch->parsed() || o.merge->parsed() || o.apply->parsed();
  // Everything given before a phase name belongs to the one-shot command.
  size_t one_shot_arguments = 0;
  for (const CLI::Option* option : o.dedup->get_options()) {
    one_shot_arguments += option->count();
  }
  if (phase && one_shot_arguments > 0) {
    PrintError("options and files of 'safi dedup' cannot precede '" +
               std::string(o.sketch->parsed()  ? "sketch"
                           : o.merge->parsed() ? "merge"
                                               : "apply") +
               "'");
    return kExitUsage;
  }
  if (o.sketch->parsed()) {
    if (!ParseFormat(o.sketch_format, &o.sketch_input)) return kExitUsage;
    return RunDedupSketch(o.sketch_input, o.sketch_memory, o.sketch_output);
  }
  if (o.merge->parsed()) return RunDedupMerge(o.merge_states, o.merge_output);
  if (o.apply->parsed()) {
    if (!ParseFormat(o.apply_format, &o.apply_input)) return kExitUsage;
    return RunDedupApply(o.apply_input, o.apply_state, o.apply_report);
  }
  if (!ParseFormat(o.one_shot_format, &o.one_shot)) return kExitUsage;
  return RunDedup(o.one_shot, o.one_shot_memory, o.report);
}

}  // namespace safi_cli
