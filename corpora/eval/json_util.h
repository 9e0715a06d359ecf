// SPDX-License-Identifier: Apache-2.0
// Small JSON helpers shared by the evaluation tools: string escaping, whole
// file reading, JSONL line splitting and typed field access over simdjson.
#ifndef SAFI_CORPORA_EVAL_JSON_UTIL_H_
#define SAFI_CORPORA_EVAL_JSON_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simdjson.h"

namespace safi::eval {

// Appends `utf8` as a JSON string literal (with the quotes) to *out. Escapes
// '"', '\\' and the C0 controls; every other byte is copied, so valid UTF-8
// in gives valid JSON out.
void AppendJsonString(std::string_view utf8, std::string* out);

// Appends the decimal digits of `value` to *out.
void AppendUint(uint64_t value, std::string* out);

// Appends `value` in [0, 1] with exactly four decimals ("0.9375"). Uses
// integer rounding of value * 10000, so the text is the same on every
// platform.
void AppendRatio4(double value, std::string* out);

// Reads the whole file at `path` into *data. On failure returns false and
// sets *error to one line naming the file.
bool ReadFile(const std::string& path, std::string* data, std::string* error);

// Writes `data` to the file at `path` (created or truncated). On failure
// returns false and sets *error to one line naming the file.
bool WriteFile(const std::string& path, std::string_view data,
               std::string* error);

// One line of a JSONL file: 1-based line number and the bytes without the
// "\n" (nor a "\r" before it).
struct JsonlLine {
  size_t number;
  std::string_view text;
};

// The lines of `data` that are not empty or whitespace-only, in order. The
// views point into `data`.
std::vector<JsonlLine> SplitJsonl(std::string_view data);

// Parses one JSONL line that must hold a JSON object into *object (valid
// until the next parse with `parser`). On failure returns false and sets
// *error to "NAME:LINE: message".
bool ParseObjectLine(simdjson::dom::parser& parser, std::string_view name,
                     const JsonlLine& line, simdjson::dom::object* object,
                     std::string* error);

// Typed field access. Each returns false when the field is missing or has
// another type, leaving the output unchanged.
bool GetString(const simdjson::dom::object& object, std::string_view key,
               std::string_view* value);
bool GetUint(const simdjson::dom::object& object, std::string_view key,
             uint64_t* value);
// A document id: a JSON string, or an integer written in decimal.
bool GetId(const simdjson::dom::object& object, std::string_view key,
           std::string* value);
// True when the field exists and is JSON null.
bool IsNull(const simdjson::dom::object& object, std::string_view key);

}  // namespace safi::eval

#endif  // SAFI_CORPORA_EVAL_JSON_UTIL_H_
