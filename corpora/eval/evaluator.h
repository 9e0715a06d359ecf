// SPDX-License-Identifier: Apache-2.0
// Scores the output of a boilerplate and duplicate remover (`safi dedup`)
// against the labels of an evaluation crawl: boilerplate recall per class,
// main-text retention, duplicate-group resolution, false drops, removed
// lines by reason, and the consistency of the removal report with the
// output.
//
// What counts:
// - A document is dropped when its id is missing from the output.
// - Line removals come from the report: a labeled line's content (its label
//   span without leading and trailing ASCII whitespace and U+00A0) is
//   "removed" when report spans of its document cover every byte of it,
//   "partial" when they cover some. A removed line is attributed to the
//   reason that covers most of its bytes.
// - Line metrics cover the kept documents and the dropped documents of which
//   no copy was kept (all their lines count as removed, by the drop's
//   reason). A dropped document with a kept copy is left out: its text
//   survives in that copy.
// - A duplicate group (labels' "group" with two or more documents) is
//   resolved when exactly one of its documents is kept. A false drop is a
//   dropped document without any duplicate.
// - Consistency: for every kept document, the output text must equal the
//   input text minus the reported spans, line by line (trailing ASCII
//   whitespace and empty lines ignored); every dropped document should have
//   an exact_dup or near_dup report entry; spans should start and end on
//   UTF-8 character boundaries.
#ifndef SAFI_CORPORA_EVAL_EVALUATOR_H_
#define SAFI_CORPORA_EVAL_EVALUATOR_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "labels.h"

namespace safi::eval {

// Targets of issue 4, shown next to the measured values.
inline constexpr double kTargetBoilerplateRecall = 0.98;
inline constexpr double kTargetMainRetention = 0.995;
inline constexpr double kTargetGroupsResolved = 0.95;

// Line and byte counts of one set of labeled lines.
struct Tally {
  uint64_t lines = 0;
  uint64_t lines_removed = 0;  // every content byte removed
  uint64_t lines_partial = 0;  // some but not all content bytes removed
  uint64_t bytes = 0;          // content bytes
  uint64_t bytes_removed = 0;
};

constexpr size_t kClassCount = static_cast<size_t>(LineClass::kCount);

// Lines with at least one removed byte, by class, for one report reason.
struct ReasonCounts {
  std::array<uint64_t, kClassCount> removed{};
  std::array<uint64_t, kClassCount> partial{};
};

struct Metrics {
  LabelsHeader header;
  uint64_t hosts = 0;  // distinct hosts in the labels
  uint64_t documents = 0;
  uint64_t kept = 0;
  uint64_t dropped = 0;
  uint64_t evaluated = 0;  // documents whose lines are scored

  std::array<Tally, kClassCount> by_class;
  Tally teaser_present;  // teasers whose source is in the crawl
  Tally teaser_absent;
  Tally boilerplate;  // every class but title and article
  Tally main_text;    // title and article

  uint64_t groups = 0;  // duplicate groups (two or more documents)
  uint64_t groups_resolved = 0;
  uint64_t groups_none_kept = 0;
  uint64_t groups_several_kept = 0;
  uint64_t exact_groups = 0;  // groups whose copies are all exact copies
  uint64_t exact_groups_resolved = 0;
  uint64_t singletons = 0;  // documents without a duplicate
  uint64_t false_drops = 0;
  std::vector<std::string> false_drop_ids;  // the first 10
  std::map<std::string, uint64_t> drops_by_reason;

  std::map<std::string, ReasonCounts> by_reason;

  uint64_t report_entries = 0;
  uint64_t spans_off_boundary = 0;
  uint64_t output_mismatches = 0;
  std::vector<std::string> output_mismatch_ids;  // the first 10
  uint64_t drops_without_dup_entry = 0;
  uint64_t dup_entries_on_kept = 0;
};

// The four files, with the names used in messages.
struct EvalFiles {
  std::string_view labels;
  std::string_view input;
  std::string_view output;
  std::string_view report;
  std::string labels_name = "labels";
  std::string input_name = "input";
  std::string output_name = "output";
  std::string report_name = "report";
};

// Reads the labels, the crawl given to the remover (JSONL with string or
// integer "id" and string "text"), its output (same shape) and its report
// (JSONL objects with "id", "start", "end" and "reason"), and fills
// *metrics. Returns false and sets *error to one line "FILE:LINE: message"
// when an input is malformed or the files do not belong together: invalid
// JSON, missing fields, unknown or repeated ids, input text that does not
// match its labels (size and line spans), report spans outside their text.
bool Evaluate(const EvalFiles& files, Metrics* metrics, std::string* error);

// A human-readable table of the metrics, with the targets.
std::string FormatText(const Metrics& metrics);

// The metrics as one JSON object (with a final "\n"). Ratios with a zero
// denominator are null.
std::string FormatJson(const Metrics& metrics);

}  // namespace safi::eval

#endif  // SAFI_CORPORA_EVAL_EVALUATOR_H_
