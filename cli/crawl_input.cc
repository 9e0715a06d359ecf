// SPDX-License-Identifier: Apache-2.0
// Plumbing shared by the crawl commands (see crawl_input.h): JSONL record
// parsing, line and whole-file reading, the two-pass inputs, JSON escaping,
// messages and output files.
#include "crawl_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_set>
#include <utility>

#include "CLI/CLI.hpp"
#include "normalize_command.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"

namespace safi_cli {

namespace ondemand = simdjson::ondemand;

namespace {

constexpr size_t kReadBlock = size_t{1} << 20;
constexpr size_t kWriteBuffer = size_t{1} << 20;
// Deepest JSON nesting accepted in a record.
constexpr int kMaxJsonDepth = 256;

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

bool BufferedWriter::MaybeFlush() {
  return buffer_.size() < kWriteBuffer || Flush();
}

bool BufferedWriter::Flush() {
  const bool ok = sink_.Write(buffer_);
  buffer_.clear();
  return ok;
}

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

std::string_view TrimToken(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' ||
                            token.back() == '\r' || token.back() == '\n')) {
    token.remove_suffix(1);
  }
  return token;
}

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
  record->url.clear();
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
      record->url.assign(s.data(), s.size());
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
