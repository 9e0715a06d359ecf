// SPDX-License-Identifier: Apache-2.0
// JSONL records of `safi dedup` and `safi explore`: the strict
// one-object-per-line parser that finds the text, id and URL fields, and the
// JSON helpers of the output, the report and its reader.
#ifndef SAFI_CLI_JSONL_RECORD_H_
#define SAFI_CLI_JSONL_RECORD_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "dedup_command.h"
#include "simdjson.h"

namespace safi_cli {

// Appends s, which must be valid UTF-8, as a JSON string (RFC 8259): '"'
// and '\' are escaped, control characters below U+0020 use \b \f \n \r \t
// or \u00XX, everything else is copied.
void AppendJsonString(std::string_view s, std::string* out);

// Short description of a simdjson error.
std::string JsonError(simdjson::error_code error);

// The raw JSON text of a token without the white space simdjson keeps
// after it.
std::string_view TrimToken(std::string_view token);

// Where the top-level value of a JSON text that starts with '{' or '['
// ends (one past its closing bracket), found by counting brackets outside
// strings; line.size() if it does not end.
size_t EndOfTopLevel(std::string_view line);

// One input document.
struct Record {
  std::string_view line;  // JSONL: the raw line without its LF; text: empty
  std::string id;         // the id string, or a number's JSON text
  std::string id_json;    // the id as JSON, for the report
  std::string url;        // empty if absent or null (and for text files)
  std::string site;       // SiteFromUrl(url)
  std::string text;       // the unescaped text
  size_t text_begin = 0;  // JSONL: the text's JSON string token in line
  size_t text_end = 0;
};

// Parses JSONL records: one JSON object per line, every value validated
// (well-formed UTF-8 strings, numbers and literals, no duplicate keys at any
// depth, nesting up to 256), the text a string, the id a string or number,
// the URL a string or null. Not thread-safe; one parser per thread.
class RecordParser {
 public:
  // config must outlive the parser; its field names are used.
  explicit RecordParser(const DedupInputConfig& config) : config_(config) {}

  // Parses one line (without its LF; any bytes) into *record, whose line
  // field then views `line`. Returns "" or a one-line error message; on
  // error *record is unspecified.
  std::string Parse(std::string_view line, Record* record);

 private:
  // Parse for a line that starts (after blanks) with '{', without the
  // check for content after the object that Parse makes on failure.
  std::string ParseObject(std::string_view line, Record* record);
  // Consumes a value completely, checking it is well-formed. Nested
  // objects must not repeat a key either.
  std::string Validate(simdjson::ondemand::value value, int depth);

  const DedupInputConfig& config_;
  simdjson::ondemand::parser parser_;
  std::string padded_;
};

}  // namespace safi_cli

#endif  // SAFI_CLI_JSONL_RECORD_H_
