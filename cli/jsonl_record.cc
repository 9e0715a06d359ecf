// SPDX-License-Identifier: Apache-2.0
// JSONL records of `safi dedup` (see jsonl_record.h): simdjson On-Demand
// parsing with full validation of every value, and JSON string escaping.
#include "jsonl_record.h"

#include <unordered_set>
#include <utility>

#include "safi/dedup.h"

namespace safi_cli {
namespace {

namespace ondemand = simdjson::ondemand;

// Deepest JSON nesting accepted in a record.
constexpr int kMaxJsonDepth = 256;

}  // namespace

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
  // Content after the object is the first thing to report, whatever the
  // parser said about the line; finding the object's end is a byte loop,
  // so it runs only for lines that failed.
  std::string problem = ParseObject(line, record);
  if (!problem.empty() &&
      line.find_first_not_of(" \t\r", EndOfTopLevel(line)) !=
          std::string_view::npos) {
    return "malformed JSON: content after the object";
  }
  return problem;
}

std::string RecordParser::ParseObject(std::string_view line, Record* record) {
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

}  // namespace safi_cli
