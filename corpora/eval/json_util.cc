// SPDX-License-Identifier: Apache-2.0
// Implementation of the evaluation tools' JSON helpers.

#include "json_util.h"

#include <cmath>
#include <cstdio>
#include <memory>

namespace safi::eval {

void AppendJsonString(std::string_view utf8, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : utf8) {
    const unsigned char b = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
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
        if (b < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[b >> 4]);
          out->push_back(kHex[b & 0xF]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendUint(uint64_t value, std::string* out) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out->push_back(digits[--n]);
}

void AppendRatio4(double value, std::string* out) {
  const double clamped = value < 0 ? 0 : (value > 1 ? 1 : value);
  const uint64_t scaled = static_cast<uint64_t>(std::llround(clamped * 10000));
  AppendUint(scaled / 10000, out);
  out->push_back('.');
  const uint64_t frac = scaled % 10000;
  for (uint64_t div = 1000; div > 0; div /= 10) {
    out->push_back(static_cast<char>('0' + (frac / div) % 10));
  }
}

bool ReadFile(const std::string& path, std::string* data, std::string* error) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    *error = "cannot open '" + path + "'";
    return false;
  }
  data->clear();
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    data->append(buffer, n);
  }
  if (std::ferror(file.get())) {
    *error = "read error on '" + path + "'";
    return false;
  }
  return true;
}

bool WriteFile(const std::string& path, std::string_view data,
               std::string* error) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    *error = "cannot create '" + path + "'";
    return false;
  }
  const bool written =
      std::fwrite(data.data(), 1, data.size(), file) == data.size();
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    *error = "write error on '" + path + "'";
    return false;
  }
  return true;
}

std::vector<JsonlLine> SplitJsonl(std::string_view data) {
  std::vector<JsonlLine> lines;
  size_t number = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    ++number;
    std::string_view text = data.substr(pos, end - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t\r") != std::string_view::npos) {
      lines.push_back({number, text});
    }
    pos = end + 1;
  }
  return lines;
}

bool ParseObjectLine(simdjson::dom::parser& parser, std::string_view name,
                     const JsonlLine& line, simdjson::dom::object* object,
                     std::string* error) {
  simdjson::dom::element element;
  const auto prefix = [&] {
    return std::string(name) + ":" + std::to_string(line.number) + ": ";
  };
  if (const auto code =
          parser.parse(line.text.data(), line.text.size()).get(element)) {
    *error = prefix() + "invalid JSON (" + simdjson::error_message(code) + ")";
    return false;
  }
  if (element.get(*object)) {
    *error = prefix() + "expected a JSON object";
    return false;
  }
  return true;
}

bool GetString(const simdjson::dom::object& object, std::string_view key,
               std::string_view* value) {
  return !object[key].get(*value);
}

bool GetUint(const simdjson::dom::object& object, std::string_view key,
             uint64_t* value) {
  return !object[key].get(*value);
}

bool GetId(const simdjson::dom::object& object, std::string_view key,
           std::string* value) {
  std::string_view text;
  if (!object[key].get(text)) {
    *value = std::string(text);
    return true;
  }
  int64_t number;
  if (!object[key].get(number)) {
    *value = std::to_string(number);
    return true;
  }
  return false;
}

bool IsNull(const simdjson::dom::object& object, std::string_view key) {
  simdjson::dom::element element;
  return !object[key].get(element) && element.is_null();
}

}  // namespace safi::eval
