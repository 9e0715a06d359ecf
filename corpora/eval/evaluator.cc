// SPDX-License-Identifier: Apache-2.0
// Scores a dedup run against evaluation-crawl labels (see evaluator.h).

#include "evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <set>
#include <utility>

#include "json_util.h"
#include "simdjson.h"

namespace safi::eval {
namespace {

constexpr size_t kMaxListedIds = 10;
constexpr std::string_view kNoEntry = "(no report entry)";

struct Span {
  size_t start;
  size_t end;
  std::string reason;
};

// True for the report reasons of dropped documents.
bool IsDupReason(std::string_view reason) {
  return reason == "exact_dup" || reason == "near_dup";
}

// True when the text at the start (back = false) or the end (back = true)
// of the non-empty range [pos, end) is ASCII whitespace or U+00A0; sets
// *width to its size in bytes.
bool IsTrimmable(std::string_view text, size_t pos, size_t end, bool back,
                 size_t* width) {
  const char c = back ? text[end - 1] : text[pos];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
    *width = 1;
    return true;
  }
  if (end - pos >= 2) {
    const bool nbsp = back
                          ? (text[end - 2] == '\xC2' && text[end - 1] == '\xA0')
                          : (text[pos] == '\xC2' && text[pos + 1] == '\xA0');
    if (nbsp) {
      *width = 2;
      return true;
    }
  }
  return false;
}

// [start, end) narrowed past leading and trailing ASCII whitespace and
// U+00A0.
std::pair<size_t, size_t> TrimSpan(std::string_view text, size_t start,
                                   size_t end) {
  size_t width;
  while (start < end && IsTrimmable(text, start, end, false, &width)) {
    start += width;
  }
  while (start < end && IsTrimmable(text, start, end, true, &width)) {
    end -= width;
  }
  return {start, end};
}

// Sorted, disjoint union of the spans.
std::vector<std::pair<size_t, size_t>> Merge(const std::vector<Span>& spans) {
  std::vector<std::pair<size_t, size_t>> sorted;
  for (const Span& s : spans) {
    if (s.start < s.end) sorted.emplace_back(s.start, s.end);
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& s : sorted) {
    if (!merged.empty() && s.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

// Size of the intersection of [a, b) and [c, d).
size_t Overlap(size_t a, size_t b, size_t c, size_t d) {
  const size_t lo = std::max(a, c);
  const size_t hi = std::min(b, d);
  return hi > lo ? hi - lo : 0;
}

// The lines of `text` with trailing ASCII whitespace removed, empty ones
// left out.
std::vector<std::string_view> ComparableLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() &&
           (line.back() == ' ' || line.back() == '\t' || line.back() == '\r' ||
            line.back() == '\v' || line.back() == '\f')) {
      line.remove_suffix(1);
    }
    if (!line.empty()) lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

// Counts one line of `bytes` content bytes, `removed` (<= bytes) of them
// removed.
void Add(Tally* tally, uint64_t bytes, uint64_t removed) {
  ++tally->lines;
  tally->bytes += bytes;
  tally->bytes_removed += removed;
  if (removed == bytes) {
    ++tally->lines_removed;
  } else if (removed > 0) {
    ++tally->lines_partial;
  }
}

// One evaluation: reads the four files, then scores. Single use.
class Evaluator {
 public:
  Evaluator(const EvalFiles& files, Metrics* metrics, std::string* error)
      : files_(files), m_(metrics), error_(error) {}

  // Resets and fills *m_; false with *error_ set on malformed input.
  bool Run() {
    *m_ = Metrics();
    if (!ParseLabels(files_.labels, files_.labels_name, &m_->header, &docs_,
                     error_)) {
      return false;
    }
    for (size_t d = 0; d < docs_.size(); ++d) index_[docs_[d].id] = d;
    texts_.assign(docs_.size(), std::string());
    outputs_.assign(docs_.size(), std::string());
    kept_.assign(docs_.size(), false);
    spans_.assign(docs_.size(), {});
    if (!ReadInput() || !ReadOutput() || !ReadReport()) return false;
    Score();
    return true;
  }

 private:
  // Sets *error_ to "NAME:LINE: message" and returns false.
  bool Fail(const std::string& name, size_t line, const std::string& message) {
    *error_ = name + ":" + std::to_string(line) + ": " + message;
    return false;
  }

  // Looks up the document id of a record; fails with a message naming the
  // record's line when it is missing or not in the labels.
  bool FindDoc(const simdjson::dom::object& object, const std::string& name,
               size_t line, size_t* doc) {
    std::string id;
    if (!GetId(object, "id", &id)) {
      return Fail(name, line, "record without a string or integer \"id\"");
    }
    const auto it = index_.find(id);
    if (it == index_.end()) {
      return Fail(name, line, "id '" + id + "' is not in the labels");
    }
    *doc = it->second;
    return true;
  }

  // Reads the input crawl into texts_, checking it against the labels.
  bool ReadInput() {
    const std::string& name = files_.input_name;
    std::vector<bool> seen(docs_.size(), false);
    size_t count = 0;
    for (const JsonlLine& line : SplitJsonl(files_.input)) {
      simdjson::dom::object object;
      size_t d = 0;
      std::string_view text;
      if (!ParseObjectLine(parser_, name, line, &object, error_) ||
          !FindDoc(object, name, line.number, &d)) {
        return false;
      }
      if (seen[d]) return Fail(name, line.number, "repeated id " + docs_[d].id);
      if (!GetString(object, "text", &text)) {
        return Fail(name, line.number, "record without a string \"text\"");
      }
      if (text.size() != docs_[d].bytes) {
        return Fail(name, line.number,
                    "text of " + docs_[d].id + " has " +
                        std::to_string(text.size()) + " bytes, labels say " +
                        std::to_string(docs_[d].bytes));
      }
      const auto spans = LineSpans(text);
      bool match = spans.size() == docs_[d].lines.size();
      for (size_t i = 0; match && i < spans.size(); ++i) {
        match = spans[i].first == docs_[d].lines[i].start &&
                spans[i].second == docs_[d].lines[i].end;
      }
      if (!match) {
        return Fail(name, line.number,
                    "the lines of " + docs_[d].id +
                        " do not match their labels' byte spans");
      }
      seen[d] = true;
      texts_[d] = std::string(text);  // the parser reuses its buffer
      ++count;
    }
    if (count != docs_.size()) {
      for (size_t d = 0; d < docs_.size(); ++d) {
        if (!seen[d]) {
          *error_ =
              name + ": document " + docs_[d].id + " of the labels is missing";
          return false;
        }
      }
    }
    return true;
  }

  // Reads the output into kept_ and outputs_.
  bool ReadOutput() {
    const std::string& name = files_.output_name;
    for (const JsonlLine& line : SplitJsonl(files_.output)) {
      simdjson::dom::object object;
      size_t d = 0;
      std::string_view text;
      if (!ParseObjectLine(parser_, name, line, &object, error_) ||
          !FindDoc(object, name, line.number, &d)) {
        return false;
      }
      if (kept_[d])
        return Fail(name, line.number, "repeated id " + docs_[d].id);
      if (!GetString(object, "text", &text)) {
        return Fail(name, line.number, "record without a string \"text\"");
      }
      kept_[d] = true;
      outputs_[d] = std::string(text);
    }
    return true;
  }

  // Reads the report into spans_, checking the spans' bounds.
  bool ReadReport() {
    const std::string& name = files_.report_name;
    for (const JsonlLine& line : SplitJsonl(files_.report)) {
      simdjson::dom::object object;
      size_t d = 0;
      uint64_t start;
      uint64_t end;
      std::string_view reason;
      if (!ParseObjectLine(parser_, name, line, &object, error_) ||
          !FindDoc(object, name, line.number, &d)) {
        return false;
      }
      if (!GetUint(object, "start", &start) || !GetUint(object, "end", &end)) {
        return Fail(name, line.number,
                    "entry without unsigned integer \"start\" and \"end\"");
      }
      if (!GetString(object, "reason", &reason)) {
        return Fail(name, line.number, "entry without a string \"reason\"");
      }
      if (start > end || end > docs_[d].bytes) {
        return Fail(name, line.number,
                    "span [" + std::to_string(start) + ", " +
                        std::to_string(end) + ") is outside the " +
                        std::to_string(docs_[d].bytes) + "-byte text of " +
                        docs_[d].id);
      }
      const std::string_view text = texts_[d];
      const auto continuation = [&](uint64_t pos) {
        return pos < text.size() &&
               (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
      };
      if (continuation(start) || continuation(end)) ++m_->spans_off_boundary;
      ++m_->report_entries;
      spans_[d].push_back({static_cast<size_t>(start), static_cast<size_t>(end),
                           std::string(reason)});
    }
    return true;
  }

  // The reason of the first exact_dup/near_dup entry of document d, or
  // kNoEntry.
  std::string DropReason(size_t d) const {
    for (const Span& s : spans_[d]) {
      if (IsDupReason(s.reason)) return s.reason;
    }
    return std::string(kNoEntry);
  }

  // Computes every metric from the parsed files.
  void Score() {
    m_->documents = docs_.size();
    std::set<std::string> hosts;
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t d = 0; d < docs_.size(); ++d) {
      hosts.insert(docs_[d].host);
      groups[docs_[d].group].push_back(d);
      if (kept_[d]) {
        ++m_->kept;
      } else {
        ++m_->dropped;
      }
    }
    m_->hosts = hosts.size();
    std::vector<bool> evaluated(docs_.size(), false);
    for (const auto& [group, members] : groups) {
      size_t kept = 0;
      bool exact_only = true;
      for (const size_t d : members) {
        kept += kept_[d] ? 1 : 0;
        exact_only = exact_only && docs_[d].copy != CopyKind::kSyndicated;
      }
      for (const size_t d : members) evaluated[d] = kept_[d] || kept == 0;
      if (members.size() == 1) {
        ++m_->singletons;
        if (kept == 0) {
          ++m_->false_drops;
          if (m_->false_drop_ids.size() < kMaxListedIds) {
            m_->false_drop_ids.push_back(docs_[members[0]].id);
          }
        }
        continue;
      }
      ++m_->groups;
      m_->exact_groups += exact_only ? 1 : 0;
      if (kept == 1) {
        ++m_->groups_resolved;
        m_->exact_groups_resolved += exact_only ? 1 : 0;
      } else if (kept == 0) {
        ++m_->groups_none_kept;
      } else {
        ++m_->groups_several_kept;
      }
    }
    for (size_t d = 0; d < docs_.size(); ++d) {
      bool has_dup_entry = false;
      for (const Span& s : spans_[d]) has_dup_entry |= IsDupReason(s.reason);
      if (!kept_[d]) {
        ++m_->drops_by_reason[DropReason(d)];
        m_->drops_without_dup_entry += has_dup_entry ? 0 : 1;
      } else {
        m_->dup_entries_on_kept += has_dup_entry ? 1 : 0;
        CheckOutput(d);
      }
      if (evaluated[d]) {
        ++m_->evaluated;
        ScoreLines(d);
      }
    }
  }

  // Compares the output text of kept document d with its input text minus
  // the reported spans.
  void CheckOutput(size_t d) {
    const std::string_view text = texts_[d];
    std::string expected;
    size_t pos = 0;
    for (const auto& [start, end] : Merge(spans_[d])) {
      expected.append(text.substr(pos, start - pos));
      pos = end;
    }
    expected.append(text.substr(pos));
    if (ComparableLines(expected) != ComparableLines(outputs_[d])) {
      ++m_->output_mismatches;
      if (m_->output_mismatch_ids.size() < kMaxListedIds) {
        m_->output_mismatch_ids.push_back(docs_[d].id);
      }
    }
  }

  // Adds the lines of document d to the tallies and the reason counts.
  void ScoreLines(size_t d) {
    const LabeledDoc& doc = docs_[d];
    const std::string_view text = texts_[d];
    const auto merged = Merge(spans_[d]);
    const std::string drop_reason = kept_[d] ? std::string() : DropReason(d);
    for (const LabeledLine& line : doc.lines) {
      const auto [start, end] = TrimSpan(text, line.start, line.end);
      const uint64_t bytes = end - start;
      uint64_t removed = bytes;
      std::string reason = drop_reason;
      if (kept_[d]) {
        removed = 0;
        for (const auto& [s, e] : merged) removed += Overlap(start, end, s, e);
        std::map<std::string, size_t> by_reason;
        for (const Span& s : spans_[d]) {
          const size_t o = Overlap(start, end, s.start, s.end);
          if (o > 0) by_reason[s.reason] += o;
        }
        size_t best = 0;
        for (const auto& [r, o] : by_reason) {
          if (o > best) best = o, reason = r;
        }
      }
      const size_t c = static_cast<size_t>(line.cls);
      Add(&m_->by_class[c], bytes, removed);
      Add(IsMainText(line.cls) ? &m_->main_text : &m_->boilerplate, bytes,
          removed);
      if (line.cls == LineClass::kTeaser) {
        Add(line.source.empty() ? &m_->teaser_absent : &m_->teaser_present,
            bytes, removed);
      }
      if (removed == bytes && bytes > 0) {
        ++m_->by_reason[reason].removed[c];
      } else if (removed > 0) {
        ++m_->by_reason[reason].partial[c];
      }
    }
  }

  const EvalFiles& files_;
  Metrics* m_;
  std::string* error_;
  simdjson::dom::parser parser_;
  std::vector<LabeledDoc> docs_;
  std::map<std::string, size_t> index_;
  std::vector<std::string> texts_;    // input text of each document
  std::vector<std::string> outputs_;  // output text of each kept document
  std::vector<bool> kept_;
  std::vector<std::vector<Span>> spans_;
};

// "0.9876", or "n/a" for a zero denominator.
std::string Ratio(uint64_t num, uint64_t den) {
  if (den == 0) return "n/a";
  std::string out;
  AppendRatio4(static_cast<double>(num) / static_cast<double>(den), &out);
  return out;
}

// num / den >= target, compared in integers at four decimals; true for a
// zero denominator (nothing to measure).
bool Meets(uint64_t num, uint64_t den, double target) {
  const uint64_t scaled = static_cast<uint64_t>(std::llround(target * 10000));
  return den == 0 || num * 10000 >= scaled * den;
}

// printf into a string of at most 511 bytes.
std::string Format(const char* format, ...)
    __attribute__((format(printf, 1, 2)));
std::string Format(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

// "     num/den      ratio", aligned for the table.
std::string Fraction(uint64_t num, uint64_t den) {
  return Format("%8llu/%-8llu %6s", static_cast<unsigned long long>(num),
                static_cast<unsigned long long>(den), Ratio(num, den).c_str());
}

// A table row of removed lines and bytes.
std::string RecallRow(const std::string& name, const Tally& t) {
  return Format("  %-26s %s   %s\n", name.c_str(),
                Fraction(t.lines_removed, t.lines).c_str(),
                Fraction(t.bytes_removed, t.bytes).c_str());
}

// Lines of which no byte was removed.
uint64_t LinesKept(const Tally& t) {
  return t.lines - t.lines_removed - t.lines_partial;
}

// A table row of kept lines and bytes.
std::string RetentionRow(const std::string& name, const Tally& t) {
  return Format("  %-26s %s   %s\n", name.c_str(),
                Fraction(LinesKept(t), t.lines).c_str(),
                Fraction(t.bytes - t.bytes_removed, t.bytes).c_str());
}

// "met" or "MISSED".
const char* MetText(bool met) { return met ? "met" : "MISSED"; }

// Whether each target holds (lines and bytes where both are measured).
bool BoilerplateMet(const Metrics& m) {
  return Meets(m.boilerplate.lines_removed, m.boilerplate.lines,
               kTargetBoilerplateRecall) &&
         Meets(m.boilerplate.bytes_removed, m.boilerplate.bytes,
               kTargetBoilerplateRecall);
}

bool MainMet(const Metrics& m) {
  return Meets(LinesKept(m.main_text), m.main_text.lines,
               kTargetMainRetention) &&
         Meets(m.main_text.bytes - m.main_text.bytes_removed, m.main_text.bytes,
               kTargetMainRetention);
}

bool GroupsMet(const Metrics& m) {
  return Meets(m.groups_resolved, m.groups, kTargetGroupsResolved);
}

// Appends "key": to *out.
void AppendKey(std::string_view key, std::string* out) {
  AppendJsonString(key, out);
  out->push_back(':');
}

// Appends num / den with four decimals, or null when den is 0.
void AppendRatioJson(uint64_t num, uint64_t den, std::string* out) {
  if (den == 0) {
    out->append("null");
  } else {
    AppendRatio4(static_cast<double>(num) / static_cast<double>(den), out);
  }
}

// Appends a tally as a JSON object with its recall (boilerplate) or
// retention (main text) ratios.
void AppendTallyJson(const Tally& t, bool recall, std::string* out) {
  out->append("{\"lines\":");
  AppendUint(t.lines, out);
  out->append(",\"lines_removed\":");
  AppendUint(t.lines_removed, out);
  out->append(",\"lines_partial\":");
  AppendUint(t.lines_partial, out);
  out->append(",\"bytes\":");
  AppendUint(t.bytes, out);
  out->append(",\"bytes_removed\":");
  AppendUint(t.bytes_removed, out);
  if (recall) {
    out->append(",\"line_recall\":");
    AppendRatioJson(t.lines_removed, t.lines, out);
    out->append(",\"byte_recall\":");
    AppendRatioJson(t.bytes_removed, t.bytes, out);
  } else {
    out->append(",\"line_retention\":");
    AppendRatioJson(LinesKept(t), t.lines, out);
    out->append(",\"byte_retention\":");
    AppendRatioJson(t.bytes - t.bytes_removed, t.bytes, out);
  }
  out->push_back('}');
}

// Appends a JSON array of strings.
void AppendIdsJson(const std::vector<std::string>& ids, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(ids[i], out);
  }
  out->push_back(']');
}

// Appends {"class name": count, ...} for every class.
void AppendClassCountsJson(const std::array<uint64_t, kClassCount>& counts,
                           std::string* out) {
  out->push_back('{');
  for (size_t c = 0; c < kClassCount; ++c) {
    if (c > 0) out->push_back(',');
    AppendKey(ClassName(static_cast<LineClass>(c)), out);
    AppendUint(counts[c], out);
  }
  out->push_back('}');
}

// Sums of class counts: boilerplate classes and main-text classes.
std::pair<uint64_t, uint64_t> SplitCounts(
    const std::array<uint64_t, kClassCount>& counts) {
  uint64_t boilerplate = 0;
  uint64_t main = 0;
  for (size_t c = 0; c < kClassCount; ++c) {
    (IsMainText(static_cast<LineClass>(c)) ? main : boilerplate) += counts[c];
  }
  return {boilerplate, main};
}

}  // namespace

bool Evaluate(const EvalFiles& files, Metrics* metrics, std::string* error) {
  return Evaluator(files, metrics, error).Run();
}

std::string FormatText(const Metrics& m) {
  using ull = unsigned long long;
  std::string out;
  out += Format(
      "safi-eval: %llu documents on %llu hosts (%llu multi-page sites), "
      "articles: %s, seed %llu\n",
      static_cast<ull>(m.documents), static_cast<ull>(m.hosts),
      static_cast<ull>(m.header.sites), m.header.articles.c_str(),
      static_cast<ull>(m.header.seed));
  out += Format(
      "documents: %llu kept, %llu dropped; lines scored in %llu (kept, or "
      "dropped with no copy kept)\n\n",
      static_cast<ull>(m.kept), static_cast<ull>(m.dropped),
      static_cast<ull>(m.evaluated));

  out += Format("%-28s %-24s   %s\n", "boilerplate recall", "lines removed",
                "bytes removed");
  for (size_t c = 0; c < kClassCount; ++c) {
    const LineClass cls = static_cast<LineClass>(c);
    if (IsMainText(cls)) continue;
    out += RecallRow(std::string(ClassName(cls)), m.by_class[c]);
    if (cls == LineClass::kTeaser) {
      out += RecallRow("  source in crawl", m.teaser_present);
      out += RecallRow("  source absent", m.teaser_absent);
    }
  }
  out += RecallRow("all boilerplate", m.boilerplate);
  out += Format(
      "  target >= %.3f (lines and bytes): %s; partially removed "
      "lines: %llu\n\n",
      kTargetBoilerplateRecall, MetText(BoilerplateMet(m)),
      static_cast<ull>(m.boilerplate.lines_partial));

  out += Format("%-28s %-24s   %s\n", "main-text retention", "lines kept",
                "bytes kept");
  out +=
      RetentionRow("title", m.by_class[static_cast<size_t>(LineClass::kTitle)]);
  out += RetentionRow("article",
                      m.by_class[static_cast<size_t>(LineClass::kArticle)]);
  out += RetentionRow("all main text", m.main_text);
  out += Format(
      "  target >= %.3f (lines and bytes): %s; partially cut "
      "lines: %llu\n\n",
      kTargetMainRetention, MetText(MainMet(m)),
      static_cast<ull>(m.main_text.lines_partial));

  out += "duplicates\n";
  out += Format("  groups resolved (one copy kept) %s   target >= %.3f: %s\n",
                Fraction(m.groups_resolved, m.groups).c_str(),
                kTargetGroupsResolved, MetText(GroupsMet(m)));
  out += Format("    exact copies only           %s\n",
                Fraction(m.exact_groups_resolved, m.exact_groups).c_str());
  out += Format("    with a syndicated copy      %s\n",
                Fraction(m.groups_resolved - m.exact_groups_resolved,
                         m.groups - m.exact_groups)
                    .c_str());
  out += Format("  groups with no copy kept: %llu; with several kept: %llu\n",
                static_cast<ull>(m.groups_none_kept),
                static_cast<ull>(m.groups_several_kept));
  out += Format("  false drops (no duplicate): %llu of %llu   target 0: %s\n",
                static_cast<ull>(m.false_drops), static_cast<ull>(m.singletons),
                MetText(m.false_drops == 0));
  for (const std::string& id : m.false_drop_ids) {
    out += "    " + id + "\n";
  }
  out += "  dropped by reason:";
  const char* separator = " ";
  for (const auto& [reason, count] : m.drops_by_reason) {
    out +=
        Format("%s%s %llu", separator, reason.c_str(), static_cast<ull>(count));
    separator = ", ";
  }
  out += m.drops_by_reason.empty() ? " none\n\n" : "\n\n";

  out += Format("%-28s %12s %12s %14s\n", "lines removed by reason",
                "boilerplate", "main text", "main partial");
  for (const auto& [reason, counts] : m.by_reason) {
    const auto removed = SplitCounts(counts.removed);
    const auto partial = SplitCounts(counts.partial);
    out += Format("  %-26s %12llu %12llu %14llu\n", reason.c_str(),
                  static_cast<ull>(removed.first),
                  static_cast<ull>(removed.second),
                  static_cast<ull>(partial.second));
  }
  if (m.by_reason.empty()) out += "  none\n";
  out += "\nreport and output consistency\n";
  out += Format(
      "  report entries: %llu; spans not on UTF-8 character "
      "boundaries: %llu\n",
      static_cast<ull>(m.report_entries),
      static_cast<ull>(m.spans_off_boundary));
  out += Format(
      "  kept documents whose output differs from input minus "
      "reported spans: %llu\n",
      static_cast<ull>(m.output_mismatches));
  for (const std::string& id : m.output_mismatch_ids) {
    out += "    " + id + "\n";
  }
  out += Format(
      "  dropped documents without an exact_dup/near_dup entry: "
      "%llu; such entries on kept documents: %llu\n",
      static_cast<ull>(m.drops_without_dup_entry),
      static_cast<ull>(m.dup_entries_on_kept));
  return out;
}

std::string FormatJson(const Metrics& m) {
  std::string out = "{";
  AppendKey("articles", &out);
  AppendJsonString(m.header.articles, &out);
  out.append(",\"seed\":");
  AppendUint(m.header.seed, &out);
  out.append(",\"sites\":");
  AppendUint(m.header.sites, &out);
  out.append(",\"hosts\":");
  AppendUint(m.hosts, &out);
  out.append(",\"documents\":");
  AppendUint(m.documents, &out);
  out.append(",\"kept\":");
  AppendUint(m.kept, &out);
  out.append(",\"dropped\":");
  AppendUint(m.dropped, &out);
  out.append(",\"evaluated\":");
  AppendUint(m.evaluated, &out);

  out.append(",\"boilerplate\":");
  AppendTallyJson(m.boilerplate, true, &out);
  out.append(",\"main_text\":");
  AppendTallyJson(m.main_text, false, &out);
  out.append(",\"classes\":{");
  for (size_t c = 0; c < kClassCount; ++c) {
    const LineClass cls = static_cast<LineClass>(c);
    if (c > 0) out.push_back(',');
    AppendKey(ClassName(cls), &out);
    AppendTallyJson(m.by_class[c], !IsMainText(cls), &out);
  }
  out.append("},\"teaser_source_present\":");
  AppendTallyJson(m.teaser_present, true, &out);
  out.append(",\"teaser_source_absent\":");
  AppendTallyJson(m.teaser_absent, true, &out);

  out.append(",\"duplicates\":{\"groups\":");
  AppendUint(m.groups, &out);
  out.append(",\"resolved\":");
  AppendUint(m.groups_resolved, &out);
  out.append(",\"resolved_ratio\":");
  AppendRatioJson(m.groups_resolved, m.groups, &out);
  out.append(",\"exact_groups\":");
  AppendUint(m.exact_groups, &out);
  out.append(",\"exact_groups_resolved\":");
  AppendUint(m.exact_groups_resolved, &out);
  out.append(",\"none_kept\":");
  AppendUint(m.groups_none_kept, &out);
  out.append(",\"several_kept\":");
  AppendUint(m.groups_several_kept, &out);
  out.append(",\"singletons\":");
  AppendUint(m.singletons, &out);
  out.append(",\"false_drops\":");
  AppendUint(m.false_drops, &out);
  out.append(",\"false_drop_ids\":");
  AppendIdsJson(m.false_drop_ids, &out);
  out.append(",\"dropped_by_reason\":{");
  bool first = true;
  for (const auto& [reason, count] : m.drops_by_reason) {
    if (!first) out.push_back(',');
    first = false;
    AppendKey(reason, &out);
    AppendUint(count, &out);
  }
  out.append("}},\"removed_lines_by_reason\":{");
  first = true;
  for (const auto& [reason, counts] : m.by_reason) {
    if (!first) out.push_back(',');
    first = false;
    AppendKey(reason, &out);
    out.append("{\"removed\":");
    AppendClassCountsJson(counts.removed, &out);
    out.append(",\"partial\":");
    AppendClassCountsJson(counts.partial, &out);
    out.push_back('}');
  }
  out.append("},\"consistency\":{\"report_entries\":");
  AppendUint(m.report_entries, &out);
  out.append(",\"spans_off_boundary\":");
  AppendUint(m.spans_off_boundary, &out);
  out.append(",\"output_mismatches\":");
  AppendUint(m.output_mismatches, &out);
  out.append(",\"output_mismatch_ids\":");
  AppendIdsJson(m.output_mismatch_ids, &out);
  out.append(",\"drops_without_dup_entry\":");
  AppendUint(m.drops_without_dup_entry, &out);
  out.append(",\"dup_entries_on_kept\":");
  AppendUint(m.dup_entries_on_kept, &out);
  out.append("},\"targets\":{\"boilerplate_recall\":{\"target\":");
  AppendRatio4(kTargetBoilerplateRecall, &out);
  out.append(",\"met\":");
  out.append(BoilerplateMet(m) ? "true" : "false");
  out.append("},\"main_text_retention\":{\"target\":");
  AppendRatio4(kTargetMainRetention, &out);
  out.append(",\"met\":");
  out.append(MainMet(m) ? "true" : "false");
  out.append("},\"groups_resolved\":{\"target\":");
  AppendRatio4(kTargetGroupsResolved, &out);
  out.append(",\"met\":");
  out.append(GroupsMet(m) ? "true" : "false");
  out.append("},\"no_false_drops\":{\"met\":");
  out.append(m.false_drops == 0 ? "true" : "false");
  out.append("}}}\n");
  return out;
}

}  // namespace safi::eval
