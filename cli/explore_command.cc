// SPDX-License-Identifier: Apache-2.0
// The `safi explore` subcommand (see explore_command.h): joins a crawl with
// its `safi dedup` report, counts everything, samples documents and renders
// one HTML page with inline CSS, SVG and script. All crawl and report text
// goes through AppendHtml and is inserted as text, never as markup.
#include "explore_command.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "CLI/CLI.hpp"
#include "crawl_input.h"
#include "fd_io.h"
#include "jsonl_record.h"
#include "normalize_command.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "simdjson.h"

namespace safi_cli {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr int kReasonCount = 7;

// The reasons in the order of safi::RemovalReason.
safi::RemovalReason ReasonAt(int i) {
  return static_cast<safi::RemovalReason>(i);
}

bool IsDuplicate(safi::RemovalReason reason) {
  return reason == safi::RemovalReason::kExactDup ||
         reason == safi::RemovalReason::kNearDup;
}

// What each reason means, for the legend and the per-reason table.
const char* ReasonDescription(safi::RemovalReason reason) {
  switch (reason) {
    case safi::RemovalReason::kLexicon:
      return "a phrase of the built-in boilerplate lexicon (menus, dates, "
             "share widgets, comment forms, related-article headers, "
             "footers)";
    case safi::RemovalReason::kSiteTemplate:
      return "a line repeated on many pages of the same site";
    case safi::RemovalReason::kGlobal:
      return "a short line frequent on many sites";
    case safi::RemovalReason::kTeaser:
      return "the opening of another article, cut with an ellipsis";
    case safi::RemovalReason::kLabel:
      return "the category line above a teaser";
    case safi::RemovalReason::kExactDup:
      return "a document identical to a kept document";
    case safi::RemovalReason::kNearDup:
      return "a document nearly identical to a kept document (MinHash)";
  }
  return "";
}

// Appends s, valid UTF-8, as HTML text that is safe both between tags and
// inside a double- or single-quoted attribute value: & < > " ' become
// character references, C0 controls other than tab and LF and DEL become
// their visible Control Pictures (U+2400..U+2421). Nothing else changes, so
// the text is shown exactly and never parsed as markup.
void AppendHtml(std::string_view s, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
    if (!control && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
      continue;
    }
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default: {
        // U+2400 + c (U+2421 for DEL) in UTF-8: E2 90 80+c.
        const unsigned picture = c == 0x7f ? 0x21 : c;
        out->push_back('\xe2');
        out->push_back('\x90');
        out->push_back(static_cast<char>(0x80 + picture));
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
}

// Appends s as text inside a <bdi> element, so that its direction and any
// bidi controls in it cannot reorder what surrounds it.
void AppendBdi(std::string_view s, std::string* out) {
  out->append("<bdi>");
  AppendHtml(s, out);
  out->append("</bdi>");
}

// s with its invisible format characters (ALM U+061C, U+200B..U+200F,
// U+202A..U+202E, U+2060..U+2069, U+FEFF) written as "<U+XXXX>", so that an
// id, URL or site name cannot hide or reorder its characters on screen.
// Document text is shown as is.
std::string ShowControls(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto byte = [&s](size_t k) {
      return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
    };
    unsigned code = 0;
    size_t length = 0;
    if (byte(i) == 0xd8 && byte(i + 1) == 0x9c) {
      code = 0x061c;
      length = 2;
    } else if (byte(i) == 0xe2 &&
               (byte(i + 1) == 0x80 || byte(i + 1) == 0x81)) {
      const unsigned c =
          0x2000 + ((byte(i + 1) & 0x3f) << 6) + (byte(i + 2) & 0x3f);
      if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2060 && c <= 0x2069)) {
        code = c;
        length = 3;
      }
    } else if (byte(i) == 0xef && byte(i + 1) == 0xbb && byte(i + 2) == 0xbf) {
      code = 0xfeff;
      length = 3;
    }
    if (length == 0) {
      out.push_back(s[i]);
      continue;
    }
    char name[16];
    std::snprintf(name, sizeof(name), "<U+%04X>", code);
    out.append(name);
    i += length - 1;
  }
  return out;
}

// Appends an id, URL, site or file name as isolated text with its format
// characters shown (ShowControls).
void AppendName(std::string_view s, std::string* out) {
  AppendBdi(ShowControls(s), out);
}

// Decimal digits of v with a comma every three digits ("1,234,567").
std::string Thousands(uint64_t v) {
  const std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Appends <data value="v">1,234</data>, with id="ID" if id is not empty.
void AppendCount(uint64_t v, std::string* out, std::string_view id = "") {
  out->append("<data");
  if (!id.empty()) out->append(" id=\"").append(id).push_back('"');
  out->append(" value=\"").append(std::to_string(v)).append("\">");
  out->append(Thousands(v)).append("</data>");
}

// part / whole as a percentage with one decimal ("12.3%"), rounded to
// nearest; "-" when whole is 0.
std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  const uint64_t tenths = (part * 2000 / whole + 1) / 2;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

// 64-bit hash of s (FNV-1a, then the splitmix64 finalizer so that ids that
// differ in their last characters spread over all bits). Fixed across
// platforms: the sample depends only on the ids.
uint64_t Hash64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// One line of the report.
struct ReportEntry {
  std::string id;  // a string id, or a number id's JSON text
  uint64_t start = 0;
  uint64_t end = 0;
  safi::RemovalReason reason = safi::RemovalReason::kLexicon;
  std::string where;  // "REPORT:LINE", for messages
  // Evidence, by reason (see safi::Removal).
  std::string category, phrase, match;            // lexicon
  uint64_t pages = 0, site_pages = 0;             // site_template
  uint64_t sites = 0;                             // global
  std::string rule, source;                       // teaser
  uint64_t matched_words = 0, block_teasers = 0;  // teaser
  uint64_t teaser_start = 0;                      // label
  std::string kept, similarity;                   // duplicates
  uint64_t cluster_size = 0;                      // duplicates
};

// Reads the report files in order, one entry at a time.
class ReportReader {
 public:
  explicit ReportReader(const std::vector<std::string>& files)
      : files_(files) {}

  // Makes the next entry current: returns 1 (entry() is valid), 0 at the
  // end of the last file, or -1 after printing a read or format error.
  int Next();
  const ReportEntry& entry() const { return entry_; }

 private:
  // Parses one line into entry_. Returns "" or the error message.
  std::string Parse(std::string_view line);

  const std::vector<std::string>& files_;
  size_t next_file_ = 0;
  Fd fd_;
  std::optional<LineReader> reader_;
  std::string label_;
  uint64_t line_number_ = 0;
  ondemand::parser parser_;
  std::string padded_;
  ReportEntry entry_;
};

int ReportReader::Next() {
  while (true) {
    if (!reader_) {
      if (next_file_ == files_.size()) return 0;
      const std::string& name = files_[next_file_++];
      label_ = Label(name);
      fd_ = OpenInput(name);
      if (!fd_.valid()) {
        PrintError(label_ + ": " + std::strerror(errno));
        return -1;
      }
      reader_.emplace(fd_.get(), -1);
      line_number_ = 0;
    }
    std::string_view line;
    const int got = reader_->Next(&line);
    if (got < 0) {
      PrintError(label_ + ": " + std::strerror(errno));
      return -1;
    }
    if (got == 0) {
      reader_.reset();
      fd_ = Fd();
      continue;
    }
    ++line_number_;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    entry_ = ReportEntry();
    entry_.where = label_ + ":" + std::to_string(line_number_);
    const std::string problem = Parse(line);
    if (!problem.empty()) {
      PrintError(entry_.where + ": " + problem);
      return -1;
    }
    return 1;
  }
}

std::string ReportReader::Parse(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t\r");
  if (line[first] != '{') return "malformed JSON: not a JSON object";
  if (line.find_first_not_of(" \t\r", EndOfTopLevel(line)) !=
      std::string_view::npos) {
    return "malformed JSON: content after the object";
  }
  padded_.assign(line.data(), line.size());
  padded_.append(simdjson::SIMDJSON_PADDING, '\0');
  ondemand::document doc;
  ondemand::object object;
  simdjson::error_code error =
      parser_
          .iterate(simdjson::padded_string_view(padded_.data(), line.size(),
                                                padded_.size()))
          .get(doc);
  if (error || (error = doc.get_object().get(object))) {
    return "malformed JSON: " + JsonError(error);
  }
  // Fields by kind; evidence fields this version does not know are skipped.
  std::vector<std::pair<std::string, std::string>> strings, numbers;
  bool has_id = false;
  for (auto field_result : object) {
    ondemand::field field;
    std::string_view key;
    if ((error = std::move(field_result).get(field)) ||
        (error = field.unescaped_key().get(key))) {
      return "malformed JSON: " + JsonError(error);
    }
    ondemand::value value = field.value();
    ondemand::json_type type;
    if ((error = value.type().get(type))) {
      return "malformed JSON: " + JsonError(error);
    }
    if (type == ondemand::json_type::string) {
      std::string_view s;
      if ((error = value.get_string().get(s))) {
        return "malformed JSON: " + JsonError(error);
      }
      if (key == "id") has_id = true;
      strings.emplace_back(std::string(key), std::string(s));
    } else if (type == ondemand::json_type::number) {
      const std::string_view token = TrimToken(value.raw_json_token());
      ondemand::number n;
      if ((error = value.get_number().get(n))) {
        return "malformed JSON: " + JsonError(error);
      }
      if (key == "id") has_id = true;
      numbers.emplace_back(std::string(key), std::string(token));
    }
  }
  const char* location = nullptr;
  if (!doc.current_location().get(location)) {
    return "malformed JSON: content after the object";
  }
  const auto find =
      [](const std::vector<std::pair<std::string, std::string>>& fields,
         std::string_view key) -> const std::string* {
    for (const auto& f : fields) {
      if (f.first == key) return &f.second;
    }
    return nullptr;
  };
  std::string missing;
  const auto text = [&](std::string_view key, std::string* out) {
    const std::string* v = find(strings, key);
    if (v == nullptr) {
      if (missing.empty())
        missing = "missing string field \"" + std::string(key) + "\"";
      return;
    }
    *out = *v;
  };
  const auto count = [&](std::string_view key, uint64_t* out) {
    const std::string* v = find(numbers, key);
    const char* end = v == nullptr ? nullptr : v->data() + v->size();
    if (v == nullptr || std::from_chars(v->data(), end, *out).ptr != end) {
      if (missing.empty())
        missing = "missing unsigned integer field \"" + std::string(key) + "\"";
    }
  };
  if (!has_id) return "missing field \"id\"";
  if (const std::string* id = find(strings, "id")) {
    entry_.id = *id;
  } else {
    entry_.id = *find(numbers, "id");
  }
  count("start", &entry_.start);
  count("end", &entry_.end);
  std::string reason;
  text("reason", &reason);
  if (!missing.empty()) return missing;
  int r = 0;
  while (r < kReasonCount && reason != safi::RemovalReasonName(ReasonAt(r))) {
    ++r;
  }
  if (r == kReasonCount) return "unknown reason \"" + reason + "\"";
  entry_.reason = ReasonAt(r);
  if (entry_.start > entry_.end) return "start is after end";
  switch (entry_.reason) {
    case safi::RemovalReason::kLexicon:
      text("category", &entry_.category);
      text("phrase", &entry_.phrase);
      text("match", &entry_.match);
      break;
    case safi::RemovalReason::kSiteTemplate:
      count("pages", &entry_.pages);
      count("site_pages", &entry_.site_pages);
      break;
    case safi::RemovalReason::kGlobal:
      count("sites", &entry_.sites);
      break;
    case safi::RemovalReason::kTeaser:
      text("rule", &entry_.rule);
      if (entry_.rule == safi::TeaserRuleName(safi::TeaserRule::kConfirmed)) {
        text("source", &entry_.source);
        count("matched_words", &entry_.matched_words);
      } else {
        count("block_teasers", &entry_.block_teasers);
      }
      break;
    case safi::RemovalReason::kLabel:
      count("teaser_start", &entry_.teaser_start);
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup: {
      text("kept", &entry_.kept);
      count("cluster_size", &entry_.cluster_size);
      const std::string* similarity = find(numbers, "similarity");
      if (similarity == nullptr && missing.empty()) {
        missing = "missing number field \"similarity\"";
      } else if (similarity != nullptr) {
        entry_.similarity = *similarity;
      }
      break;
    }
  }
  return missing;
}

// Checks the entries of one document against its text: spans inside the
// text, in order, not overlapping, on UTF-8 character boundaries; a
// duplicate entry alone and covering the whole text. Returns "" or the
// problem (with the entry's report position).
std::string CheckEntries(const Record& record,
                         const std::vector<ReportEntry>& entries) {
  const auto boundary = [&record](uint64_t offset) {
    return offset == record.text.size() ||
           (static_cast<unsigned char>(record.text[offset]) & 0xc0) != 0x80;
  };
  uint64_t previous_end = 0;
  for (const ReportEntry& e : entries) {
    const std::string span = "span [" + std::to_string(e.start) + ", " +
                             std::to_string(e.end) + ") of \"" + e.id + "\"";
    if (e.end > record.text.size()) {
      return e.where + ": " + span + " is outside its text (" +
             std::to_string(record.text.size()) +
             " bytes): the report is not about this crawl";
    }
    if (e.start < previous_end) {
      return e.where + ": " + span + " overlaps or precedes the previous one";
    }
    if (!boundary(e.start) || !boundary(e.end)) {
      return e.where + ": " + span +
             " does not fall on UTF-8 character boundaries: the report is "
             "not about this crawl";
    }
    if (IsDuplicate(e.reason) &&
        (entries.size() != 1 || e.start != 0 || e.end != record.text.size())) {
      return e.where +
             ": a duplicate entry must be the document's only one "
             "and cover its whole text";
    }
    previous_end = e.end;
  }
  return "";
}

// A document shown on the page.
struct SampledDoc {
  uint64_t ordinal = 0;  // position in the crawl, from 0
  std::string id, url, site, text;
  std::vector<ReportEntry> entries;
};

// Counters of one site (or of all documents).
struct SiteCounts {
  uint64_t documents = 0, kept = 0, exact = 0, near = 0;
  uint64_t bytes = 0;
  uint64_t line_removals = 0, line_bytes = 0;  // boilerplate in kept docs
  uint64_t duplicate_bytes = 0;                // text of dropped documents

  void Add(const SiteCounts& o) {
    documents += o.documents;
    kept += o.kept;
    exact += o.exact;
    near += o.near;
    bytes += o.bytes;
    line_removals += o.line_removals;
    line_bytes += o.line_bytes;
    duplicate_bytes += o.duplicate_bytes;
  }
};

// Everything the page shows, gathered document by document.
class Explorer {
 public:
  explicit Explorer(const ExploreConfig& config) : config_(config) {}

  // Counts one document with its (checked) report entries and keeps it if
  // it belongs to the sample so far.
  void Add(const Record& record, std::vector<ReportEntry>* entries);

  // Ends the pass: indexes the sampled documents for links. Call once,
  // after the last Add.
  void Finish();

  // The page (after Finish).
  std::string Render() const;

 private:
  using SampleKey = std::pair<uint64_t, std::string>;  // (hash, id)

  void RenderSummary(std::string* out) const;
  void RenderChart(std::string* out) const;
  void RenderSites(std::string* out) const;
  void RenderDocuments(const std::vector<const SampledDoc*>& docs,
                       std::string* out) const;
  void RenderDocument(const SampledDoc& doc, std::string* out) const;
  void RenderText(const SampledDoc& doc, std::string* out) const;
  void RenderClusters(const std::vector<const SampledDoc*>& docs,
                      std::string* out) const;
  // Appends the evidence of e as HTML, with links to the documents it
  // names that are in the sample.
  void AppendEvidence(const ReportEntry& e, std::string* out) const;
  // Appends the id as text, linked to its document if it is in the sample.
  void AppendDocRef(const std::string& id, std::string* out) const;

  const ExploreConfig& config_;
  uint64_t documents_ = 0;
  SiteCounts totals_;
  std::array<uint64_t, kReasonCount> reason_removals_{};
  std::array<uint64_t, kReasonCount> reason_bytes_{};
  std::map<std::string, SiteCounts> sites_;
  // Duplicate clusters: kept copy's id -> size (kept copy included).
  std::unordered_map<std::string, uint64_t> clusters_;
  std::map<SampleKey, SampledDoc> sample_;
  // After the pass: sampled id -> ordinal (the anchor "d<ordinal>").
  std::unordered_map<std::string, uint64_t> anchors_;
};

void Explorer::Add(const Record& record, std::vector<ReportEntry>* entries) {
  SiteCounts counts;
  counts.documents = 1;
  counts.bytes = record.text.size();
  const bool dropped =
      entries->size() == 1 && IsDuplicate((*entries)[0].reason);
  if (dropped) {
    const ReportEntry& e = (*entries)[0];
    (e.reason == safi::RemovalReason::kExactDup ? counts.exact : counts.near) =
        1;
    counts.duplicate_bytes = record.text.size();
    uint64_t& size = clusters_[e.kept];
    size = std::max(size, e.cluster_size);
  } else {
    counts.kept = 1;
    for (const ReportEntry& e : *entries) {
      ++counts.line_removals;
      counts.line_bytes += e.end - e.start;
    }
  }
  for (const ReportEntry& e : *entries) {
    const int r = static_cast<int>(e.reason);
    ++reason_removals_[r];
    reason_bytes_[r] += e.end - e.start;
  }
  totals_.Add(counts);
  sites_[record.site].Add(counts);
  const uint64_t ordinal = documents_++;

  if (config_.max_documents == 0) return;
  SampleKey key(Hash64(dropped ? (*entries)[0].kept : record.id), record.id);
  if (sample_.size() == config_.max_documents &&
      !(key < sample_.rbegin()->first)) {
    return;
  }
  SampledDoc& doc = sample_[key];
  doc.ordinal = ordinal;
  doc.id = record.id;
  doc.url = record.url;
  doc.site = record.site;
  doc.text = record.text;
  doc.entries = std::move(*entries);
  if (sample_.size() > config_.max_documents) {
    sample_.erase(std::prev(sample_.end()));
  }
}

void Explorer::Finish() {
  for (const auto& entry : sample_) {
    anchors_.emplace(entry.second.id, entry.second.ordinal);
  }
}

// The page's style sheet. Reason colours are the Okabe-Ito palette
// (distinguishable with the common colour-vision deficiencies); every
// colour mark also carries the reason's name as text.
constexpr char kStyle[] = R"CSS(
:root{--lexicon:#E69F00;--site_template:#56B4E9;--global:#009E73;--teaser:#F0E442;--label:#0072B2;--exact_dup:#D55E00;--near_dup:#CC79A7}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem 4rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc}
.inputs{color:#444;margin:.2rem 0}
table{border-collapse:collapse;margin:.6rem 0}
th,td{padding:.2rem .6rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.totals th{font-weight:normal;color:#333}.totals td{text-align:right;font-weight:600}
.sites{font-size:.92rem}
figure{margin:1rem 0}figcaption{color:#444;font-size:.9rem}
svg text{font:13px system-ui,"DejaVu Sans",sans-serif;fill:#1b1b1b}
svg .axis{stroke:#999}
.r-lexicon{--c:var(--lexicon);--bg:#fbe8c4}.r-site_template{--c:var(--site_template);--bg:#d8eefb}
.r-global{--c:var(--global);--bg:#c9ecdf}.r-teaser{--c:var(--teaser);--bg:#fbf8cc}
.r-label{--c:var(--label);--bg:#c9deee}.r-exact_dup{--c:var(--exact_dup);--bg:#f6d6c2}
.r-near_dup{--c:var(--near_dup);--bg:#f3ddeb}
svg rect.bar{fill:var(--c)}
.tag{position:relative;display:inline-block;direction:ltr;unicode-bidi:isolate;font:600 11px/1.6 ui-monospace,"DejaVu Sans Mono",monospace;padding:0 .35em;margin:0 .45em;border-radius:3px;background:var(--c);color:#000;vertical-align:.15em;cursor:help}
.r-label .tag,.tag.r-label,.r-exact_dup .tag,.tag.r-exact_dup,.r-global .tag,.tag.r-global{color:#fff}
.tag b{font-weight:600}
.tag .ev{position:absolute;font-weight:normal;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.tag:hover .ev,.tag:focus-within .ev{clip:auto;width:max-content;max-width:34rem;height:auto;white-space:normal;top:1.7em;inset-inline-end:0;z-index:5;padding:.45em .7em;background:#222;color:#fff;font:13px/1.4 system-ui,"DejaVu Sans",sans-serif;border-radius:4px;text-align:left;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.tag:focus{outline:2px solid #000;outline-offset:1px}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem}
#filters{position:sticky;top:0;z-index:4;background:#f4f4f4;border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center}
#filters input[type=search]{width:16rem}
.doc{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.4rem .9rem .6rem}
.doc h3{font-size:1rem;margin:.3rem 0;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.meta{margin:.1rem 0 .5rem;color:#444;font-size:.9rem;overflow-wrap:anywhere}
.meta .state{font-weight:600}
.text{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro","Segoe UI","Arabic Typesetting",Tahoma,Arial,"DejaVu Sans",sans-serif;font-size:17px;line-height:1.7;border-top:1px dashed #ddd;padding-top:.4rem}
.ln{min-height:1em;padding-inline-start:.5rem;border-inline-start:4px solid transparent;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
.ln.gone{background:var(--bg);border-inline-start-color:var(--c)}
del.rm{text-decoration:none;background:var(--bg);box-shadow:inset 0 -2px 0 var(--c)}
.ln.gone del.rm{box-shadow:none}
.clusters li{margin:.3rem 0}
a{color:#0b5cad}
footer{margin-top:3rem;color:#666;font-size:.85rem}
)CSS";

// The filters: site, reason and text, read from and written to the URL
// fragment (#site=...&reason=...&q=...) so that a filtered view can be
// linked to. Touches only attributes and textContent.
constexpr char kScript[] = R"JS(
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var site = form.elements.site, reason = form.elements.reason, q = form.elements.q;
  var docs = Array.prototype.slice.call(document.querySelectorAll('article.doc'));
  var texts = docs.map(function (d) {
    var parts = [];
    d.querySelectorAll('.ln').forEach(function (ln) {
      ln.childNodes.forEach(function (n) {
        if (!(n.classList && n.classList.contains('tag'))) parts.push(n.textContent);
      });
      parts.push('\n');
    });
    return parts.join('').toLowerCase();
  });
  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }
  function fromFragment() {
    var p = new URLSearchParams(location.hash.slice(1));
    var s = p.has('site') ? '=' + p.get('site') : '';
    site.value = hasOption(site, s) ? s : '';
    var r = p.get('reason') || '';
    reason.value = hasOption(reason, r) ? r : '';
    q.value = p.get('q') || '';
  }
  function toFragment() {
    var p = new URLSearchParams();
    if (site.value) p.set('site', site.value.slice(1));
    if (reason.value) p.set('reason', reason.value);
    if (q.value) p.set('q', q.value);
    var s = p.toString();
    history.replaceState(null, '', s ? '#' + s : location.pathname + location.search);
  }
  function apply() {
    var s = site.value, r = reason.value, needle = q.value.trim().toLowerCase(), shown = 0;
    docs.forEach(function (d, i) {
      var reasons = d.getAttribute('data-reasons');
      var ok = (!s || '=' + d.getAttribute('data-site') === s) &&
        (!r || (r === 'none' ? reasons === '' : reasons.split(' ').indexOf(r) >= 0)) &&
        (!needle || texts[i].indexOf(needle) >= 0);
      d.hidden = !ok;
      if (ok) ++shown;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  form.addEventListener('input', function () { apply(); toFragment(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', function () { fromFragment(); apply(); });
  fromFragment();
  apply();
})();
)JS";

std::string Explorer::Render() const {
  std::vector<const SampledDoc*> docs;
  for (const auto& entry : sample_) docs.push_back(&entry.second);
  std::sort(docs.begin(), docs.end(),
            [](const SampledDoc* a, const SampledDoc* b) {
              return a->ordinal < b->ordinal;
            });
  std::string body;
  body.append("<body>\n<header><h1>What <code>safi dedup</code> removed</h1>");
  body.append("<p class=\"inputs\">Crawl: ");
  for (size_t i = 0; i < config_.input.files.size(); ++i) {
    if (i > 0) body.append(", ");
    AppendName(Label(config_.input.files[i]), &body);
  }
  if (config_.input.files.empty()) body.append("&lt;stdin&gt;");
  body.append(". Report: ");
  for (size_t i = 0; i < config_.reports.size(); ++i) {
    if (i > 0) body.append(", ");
    AppendName(Label(config_.reports[i]), &body);
  }
  body.append(".</p></header>\n");
  RenderSummary(&body);
  RenderDocuments(docs, &body);
  RenderClusters(docs, &body);
  body.append("<footer>Written by safi ").append(safi::Version());
  body.append(
      " (<code>safi explore</code>). One self-contained file: no external "
      "script, style or font.</footer>\n");

  // The nonce lets exactly this page's own style and script run; it
  // depends on the whole body, so no crawl text can know it.
  char nonce[17];
  std::snprintf(nonce, sizeof(nonce), "%016llx",
                static_cast<unsigned long long>(Hash64(body)));
  std::string page;
  page.reserve(body.size() + sizeof(kStyle) + sizeof(kScript) + 1024);
  page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
  page.append("<meta charset=\"utf-8\">\n");
  page.append(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'nonce-");
  page.append(nonce).append("'; script-src 'nonce-").append(nonce);
  page.append("'; base-uri 'none'; form-action 'none'\">\n");
  page.append(
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n");
  page.append("<meta name=\"generator\" content=\"safi explore\">\n");
  page.append("<title>safi explore: ");
  AppendHtml(Thousands(documents_), &page);
  page.append(" documents, ");
  page.append(
      Percent(totals_.line_bytes + totals_.duplicate_bytes, totals_.bytes));
  page.append(" of the bytes removed</title>\n<style nonce=\"");
  page.append(nonce).append("\">").append(kStyle).append("</style>\n");
  page.append("</head>\n");
  page.append(body);
  page.append("<script nonce=\"").append(nonce).append("\">");
  page.append(kScript).append("</script>\n</body>\n</html>\n");
  return page;
}

void Explorer::RenderSummary(std::string* out) const {
  out->append("<section id=\"summary\">\n<h2>Summary</h2>\n");
  out->append("<table class=\"totals\"><tbody>\n");
  const auto row = [out](const char* label, uint64_t v, const char* id,
                         const std::string& note) {
    out->append("<tr><th scope=\"row\">").append(label).append("</th><td>");
    AppendCount(v, out, id);
    out->append("</td><td>").append(note).append("</td></tr>\n");
  };
  row("documents in", totals_.documents, "n-documents", "");
  row("kept", totals_.kept, "n-kept", Percent(totals_.kept, totals_.documents));
  row("dropped as exact duplicates", totals_.exact, "n-exact_dup",
      Percent(totals_.exact, totals_.documents));
  row("dropped as near duplicates", totals_.near, "n-near_dup",
      Percent(totals_.near, totals_.documents));
  row("duplicate clusters", clusters_.size(), "n-clusters", "");
  row("bytes in", totals_.bytes, "n-bytes", "");
  row("bytes removed", totals_.line_bytes + totals_.duplicate_bytes,
      "n-removed-bytes",
      Percent(totals_.line_bytes + totals_.duplicate_bytes, totals_.bytes));
  row("&#8230; as boilerplate lines of kept documents", totals_.line_bytes,
      "n-line-bytes", Percent(totals_.line_bytes, totals_.bytes));
  row("&#8230; as dropped duplicates", totals_.duplicate_bytes,
      "n-duplicate-bytes", Percent(totals_.duplicate_bytes, totals_.bytes));
  row("boilerplate lines removed", totals_.line_removals, "n-line-removals",
      "");
  out->append("</tbody></table>\n");
  RenderChart(out);

  out->append(
      "<table class=\"reasons\" id=\"reasons\"><thead><tr><th>reason</th>"
      "<th class=\"n\">removals</th><th class=\"n\">bytes</th>"
      "<th class=\"n\">of input</th><th>what it is</th></tr></thead>"
      "<tbody>\n");
  for (int r = 0; r < kReasonCount; ++r) {
    const char* name = safi::RemovalReasonName(ReasonAt(r));
    out->append("<tr data-reason=\"").append(name).append("\"><td>");
    out->append("<span class=\"tag r-").append(name).append("\"><b>");
    out->append(name).append("</b></span></td><td class=\"n\">");
    AppendCount(reason_removals_[r], out);
    out->append("</td><td class=\"n\">");
    AppendCount(reason_bytes_[r], out);
    out->append("</td><td class=\"n\">")
        .append(Percent(reason_bytes_[r], totals_.bytes));
    out->append("</td><td>")
        .append(ReasonDescription(ReasonAt(r)))
        .append("</td></tr>\n");
  }
  out->append("</tbody></table>\n");
  RenderSites(out);
  out->append("</section>\n");
}

void Explorer::RenderChart(std::string* out) const {
  constexpr int kLabelWidth = 110, kBarWidth = 430, kRow = 26, kTop = 8;
  const int height = kTop + kRow * kReasonCount + 8;
  uint64_t largest = 1;
  for (const uint64_t b : reason_bytes_) largest = std::max(largest, b);
  out->append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" ");
  out->append("width=\"720\" height=\"").append(std::to_string(height));
  out->append("\" viewBox=\"0 0 720 ").append(std::to_string(height));
  out->append(
      "\" role=\"img\" aria-labelledby=\"chart-title\">"
      "<title id=\"chart-title\">Bytes removed per reason</title>\n");
  for (int r = 0; r < kReasonCount; ++r) {
    const char* name = safi::RemovalReasonName(ReasonAt(r));
    const int y = kTop + r * kRow;
    const uint64_t width = reason_bytes_[r] * kBarWidth / largest;
    out->append("<g class=\"r-").append(name).append("\">");
    out->append("<text x=\"").append(std::to_string(kLabelWidth - 8));
    out->append("\" y=\"").append(std::to_string(y + 15));
    out->append("\" text-anchor=\"end\">").append(name).append("</text>");
    out->append("<rect class=\"bar\" data-reason=\"").append(name);
    out->append("\" x=\"").append(std::to_string(kLabelWidth));
    out->append("\" y=\"").append(std::to_string(y + 2));
    out->append("\" width=\"").append(std::to_string(width));
    out->append("\" height=\"18\"/>");
    out->append("<text x=\"").append(std::to_string(kLabelWidth + width + 6));
    out->append("\" y=\"").append(std::to_string(y + 15)).append("\">");
    out->append(Thousands(reason_bytes_[r])).append(" bytes (");
    out->append(Percent(reason_bytes_[r], totals_.bytes));
    out->append(")</text></g>\n");
  }
  out->append("<line class=\"axis\" x1=\"").append(std::to_string(kLabelWidth));
  out->append("\" x2=\"").append(std::to_string(kLabelWidth));
  out->append("\" y1=\"").append(std::to_string(kTop));
  out->append("\" y2=\"").append(std::to_string(height - 8)).append("\"/>");
  out->append(
      "</svg><figcaption>Bytes removed per reason, as a share of all input "
      "bytes (duplicates: the whole text of each dropped "
      "document).</figcaption></figure>\n");
}

void Explorer::RenderSites(std::string* out) const {
  std::vector<const std::pair<const std::string, SiteCounts>*> sites;
  for (const auto& site : sites_) sites.push_back(&site);
  std::sort(sites.begin(), sites.end(), [](const auto* a, const auto* b) {
    return a->second.documents != b->second.documents
               ? a->second.documents > b->second.documents
               : a->first < b->first;
  });
  out->append("<h3>Sites</h3>\n<p>");
  AppendCount(sites.size(), out, "n-sites");
  out->append(" sites");
  if (sites.size() > config_.max_sites) {
    out->append(", the ").append(Thousands(config_.max_sites));
    out->append(" with the most documents first");
  }
  out->append(
      ".</p>\n<table class=\"sites\" id=\"sites\"><thead><tr><th>site</th>"
      "<th class=\"n\">documents</th><th class=\"n\">kept</th>"
      "<th class=\"n\">exact dup.</th><th class=\"n\">near dup.</th>"
      "<th class=\"n\">bytes</th><th class=\"n\">lines removed</th>"
      "<th class=\"n\">bytes removed</th><th class=\"n\">of site</th>"
      "</tr></thead><tbody>\n");
  const auto row = [out](const SiteCounts& c) {
    for (const uint64_t v :
         {c.documents, c.kept, c.exact, c.near, c.bytes, c.line_removals}) {
      out->append("<td class=\"n\">");
      AppendCount(v, out);
      out->append("</td>");
    }
    out->append("<td class=\"n\">");
    AppendCount(c.line_bytes + c.duplicate_bytes, out);
    out->append("</td><td class=\"n\">")
        .append(Percent(c.line_bytes + c.duplicate_bytes, c.bytes))
        .append("</td></tr>\n");
  };
  SiteCounts others;
  for (size_t i = 0; i < sites.size(); ++i) {
    if (i >= config_.max_sites) {
      others.Add(sites[i]->second);
      continue;
    }
    out->append("<tr data-site=\"");
    AppendHtml(sites[i]->first, out);
    out->append("\"><td>");
    if (sites[i]->first.empty()) {
      out->append("<i>(no URL)</i>");
    } else {
      AppendName(sites[i]->first, out);
    }
    out->append("</td>");
    row(sites[i]->second);
  }
  if (sites.size() > config_.max_sites) {
    out->append("<tr class=\"others\"><td><i>");
    out->append(Thousands(sites.size() - config_.max_sites));
    out->append(" other sites</i></td>");
    row(others);
  }
  out->append("</tbody></table>\n");
}

void Explorer::RenderDocuments(const std::vector<const SampledDoc*>& docs,
                               std::string* out) const {
  out->append("<section id=\"documents\">\n<h2>Documents</h2>\n<p>");
  AppendCount(docs.size(), out, "n-sampled");
  out->append(" of ").append(Thousands(documents_));
  out->append(" documents, in crawl order. ");
  if (docs.size() < documents_) {
    out->append(
        "They are a deterministic sample (by a hash of the duplicate "
        "cluster, so a kept copy comes with its duplicates; "
        "<code>--max-documents</code> sets the size); the counts above "
        "cover every document. ");
  }
  out->append(
      "Removed lines are highlighted and start with their reason; hover "
      "over or focus (Tab) a reason to see the evidence.</p>\n");

  // Sites of the sampled documents, for the filter.
  std::map<std::string, uint64_t> sites;
  for (const SampledDoc* doc : docs) ++sites[doc->site];
  out->append(
      "<form id=\"filters\" role=\"search\"><label>Site <select "
      "name=\"site\"><option value=\"\">all sites</option>");
  for (const auto& site : sites) {
    out->append("<option value=\"=");
    AppendHtml(site.first, out);
    out->append("\">");
    if (site.first.empty()) {
      out->append("(no URL)");
    } else {
      AppendHtml(ShowControls(site.first), out);
    }
    out->append(" (").append(Thousands(site.second)).append(")</option>");
  }
  out->append(
      "</select></label><label>Reason <select name=\"reason\"><option "
      "value=\"\">any</option>");
  for (int r = 0; r < kReasonCount; ++r) {
    const char* name = safi::RemovalReasonName(ReasonAt(r));
    out->append("<option value=\"").append(name).append("\">");
    out->append(name).append("</option>");
  }
  out->append(
      "<option value=\"none\">nothing removed</option></select></label>"
      "<label>Text <input type=\"search\" name=\"q\" "
      "placeholder=\"words in the text\"></label><span><output "
      "id=\"shown\">");
  out->append(std::to_string(docs.size()));
  out->append("</output> shown</span></form>\n<ul class=\"legend\">");
  for (int r = 0; r < kReasonCount; ++r) {
    const char* name = safi::RemovalReasonName(ReasonAt(r));
    out->append("<li><span class=\"tag r-").append(name).append("\"><b>");
    out->append(name).append("</b></span>");
    out->append(ReasonDescription(ReasonAt(r))).append("</li>");
  }
  out->append("</ul>\n");
  for (const SampledDoc* doc : docs) RenderDocument(*doc, out);
  out->append("</section>\n");
}

void Explorer::RenderDocument(const SampledDoc& doc, std::string* out) const {
  std::string reasons;
  for (int r = 0; r < kReasonCount; ++r) {
    for (const ReportEntry& e : doc.entries) {
      if (static_cast<int>(e.reason) != r) continue;
      if (!reasons.empty()) reasons.push_back(' ');
      reasons.append(safi::RemovalReasonName(e.reason));
      break;
    }
  }
  const bool dropped =
      doc.entries.size() == 1 && IsDuplicate(doc.entries[0].reason);
  out->append("<article class=\"doc\" id=\"d")
      .append(std::to_string(doc.ordinal));
  out->append("\" data-id=\"");
  AppendHtml(doc.id, out);
  out->append("\" data-site=\"");
  AppendHtml(doc.site, out);
  out->append("\" data-reasons=\"").append(reasons);
  out->append("\" data-state=\"")
      .append(dropped ? safi::RemovalReasonName(doc.entries[0].reason)
                      : "kept");
  out->append("\">\n<h3>");
  AppendName(doc.id, out);
  out->append("</h3>\n<p class=\"meta\">");
  if (!doc.url.empty()) {
    AppendName(doc.url, out);
    out->append(" &#183; ");
  }
  out->append(Thousands(doc.text.size())).append(" bytes &#183; ");
  out->append("<span class=\"state\">");
  if (dropped) {
    const ReportEntry& e = doc.entries[0];
    out->append("dropped as ")
        .append(e.reason == safi::RemovalReason::kExactDup ? "an exact"
                                                           : "a near")
        .append(" duplicate of ");
    AppendDocRef(e.kept, out);
  } else if (doc.entries.empty()) {
    out->append("kept, nothing removed");
  } else {
    uint64_t bytes = 0;
    for (const ReportEntry& e : doc.entries) bytes += e.end - e.start;
    out->append("kept; ").append(Thousands(doc.entries.size()));
    out->append(doc.entries.size() == 1 ? " line" : " lines");
    out->append(" removed (").append(Thousands(bytes)).append(" bytes, ");
    out->append(Percent(bytes, doc.text.size())).append(")");
  }
  out->append("</span>");
  const auto cluster = clusters_.find(doc.id);
  if (!dropped && cluster != clusters_.end()) {
    out->append(" &#183; kept copy of a <a href=\"#c");
    out->append(std::to_string(doc.ordinal)).append("\">cluster of ");
    out->append(Thousands(cluster->second)).append("</a>");
  }
  out->append("</p>\n");
  RenderText(doc, out);
  out->append("</article>\n");
}

void Explorer::RenderText(const SampledDoc& doc, std::string* out) const {
  const std::string_view text = doc.text;
  const std::vector<ReportEntry>& entries = doc.entries;
  // Appends the tag of entry t: the reason as text, the evidence shown on
  // hover and focus.
  const auto tag = [&](size_t t) {
    const char* name = safi::RemovalReasonName(entries[t].reason);
    out->append("<span class=\"tag r-").append(name);
    out->append("\" tabindex=\"0\" data-span=\"").append(std::to_string(t));
    out->append("\"><b>").append(name);
    out->append("</b><span class=\"ev\" role=\"tooltip\">");
    AppendEvidence(entries[t], out);
    out->append("</span></span>");
  };
  out->append("<div class=\"text\" dir=\"rtl\" lang=\"ar\">\n");
  size_t c = 0;  // the first entry that ends after the current position
  size_t t = 0;  // the first entry whose tag is not written yet
  for (size_t begin = 0; begin < text.size();) {
    // The line [begin, end) and its terminator (LF, CRLF or CR) up to next.
    size_t end = begin;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    size_t next = end;
    if (next < text.size()) {
      next += text.substr(next, 2) == "\r\n" ? 2 : 1;
    }
    while (c < entries.size() && entries[c].end <= begin) ++c;
    // The line is gone if removals cover all of [begin, next).
    size_t covered = begin;
    for (size_t j = c; j < entries.size() && entries[j].start <= covered; ++j) {
      covered = std::max<size_t>(covered, entries[j].end);
    }
    out->append("<div class=\"ln");
    if (covered >= next) {
      out->append(" gone r-")
          .append(safi::RemovalReasonName(entries[c].reason));
    }
    out->append("\">");
    // The line's pieces, cut where spans start and end; each span's tag
    // goes where it starts.
    for (size_t pos = begin; pos < end;) {
      while (t < entries.size() && entries[t].start <= pos) tag(t++);
      while (c < entries.size() && entries[c].end <= pos) ++c;
      if (c < entries.size() && entries[c].start <= pos) {
        const size_t stop = std::min<size_t>(end, entries[c].end);
        const char* name = safi::RemovalReasonName(entries[c].reason);
        out->append("<del class=\"rm r-").append(name);
        out->append("\" data-span=\"").append(std::to_string(c)).append("\">");
        AppendHtml(text.substr(pos, stop - pos), out);
        out->append("</del>");
        pos = stop;
      } else {
        const size_t stop =
            c < entries.size() ? std::min<size_t>(end, entries[c].start) : end;
        AppendHtml(text.substr(pos, stop - pos), out);
        pos = stop;
      }
    }
    // Spans that start on the terminator (or, on the last line, at the end
    // of the text).
    while (t < entries.size() &&
           (entries[t].start < next || next == text.size())) {
      tag(t++);
    }
    out->append("</div>\n");
    begin = next;
  }
  out->append("</div>\n");
}

void Explorer::RenderClusters(const std::vector<const SampledDoc*>& docs,
                              std::string* out) const {
  // Sampled clusters, by kept copy: the kept document (if sampled) and the
  // sampled dropped members, in crawl order.
  struct Shown {
    uint64_t first = UINT64_MAX;  // smallest ordinal, to order clusters
    const SampledDoc* kept = nullptr;
    std::vector<const SampledDoc*> dropped;
  };
  std::map<std::string, Shown> shown;
  for (const SampledDoc* doc : docs) {
    const bool dropped =
        doc->entries.size() == 1 && IsDuplicate(doc->entries[0].reason);
    if (dropped) {
      Shown& s = shown[doc->entries[0].kept];
      s.dropped.push_back(doc);
      s.first = std::min(s.first, doc->ordinal);
    } else if (clusters_.count(doc->id) != 0) {
      Shown& s = shown[doc->id];
      s.kept = doc;
      s.first = std::min(s.first, doc->ordinal);
    }
  }
  std::vector<std::pair<const std::string*, const Shown*>> order;
  for (const auto& s : shown) order.emplace_back(&s.first, &s.second);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second->first < b.second->first;
  });
  out->append("<section id=\"clusters\">\n<h2>Duplicate clusters</h2>\n<p>");
  out->append(Thousands(clusters_.size()));
  out->append(clusters_.size() == 1 ? " cluster" : " clusters");
  out->append(" in the crawl; ");
  AppendCount(order.size(), out, "n-sampled-clusters");
  out->append(
      " with documents in the sample. Each keeps one copy (the longest, "
      "then the smallest id) and drops the others.</p>\n<ul "
      "class=\"clusters\">\n");
  for (const auto& [kept_id, s] : order) {
    const uint64_t size = clusters_.at(*kept_id);
    out->append("<li class=\"cluster\"");
    if (s->kept != nullptr) {
      out->append(" id=\"c").append(std::to_string(s->kept->ordinal));
      out->append("\"");
    }
    out->append(" data-kept=\"");
    AppendHtml(*kept_id, out);
    out->append("\" data-size=\"").append(std::to_string(size));
    out->append("\">Cluster of ").append(Thousands(size));
    out->append(": kept ");
    AppendDocRef(*kept_id, out);
    out->append("; dropped ");
    for (size_t i = 0; i < s->dropped.size(); ++i) {
      const ReportEntry& e = s->dropped[i]->entries[0];
      if (i > 0) out->append(", ");
      AppendDocRef(s->dropped[i]->id, out);
      out->append(" (")
          .append(safi::RemovalReasonName(e.reason))
          .append(", similarity ");
      AppendHtml(e.similarity, out);
      out->append(")");
    }
    const uint64_t members = size > 0 ? size - 1 : 0;
    if (members > s->dropped.size()) {
      if (!s->dropped.empty()) out->append(" and ");
      out->append(Thousands(members - s->dropped.size()));
      out->append(" not in the sample");
    }
    out->append("</li>\n");
  }
  out->append("</ul>\n</section>\n");
}

void Explorer::AppendDocRef(const std::string& id, std::string* out) const {
  const auto anchor = anchors_.find(id);
  if (anchor != anchors_.end()) {
    out->append("<a href=\"#d").append(std::to_string(anchor->second));
    out->append("\">");
    AppendName(id, out);
    out->append("</a>");
  } else {
    AppendName(id, out);
  }
}

void Explorer::AppendEvidence(const ReportEntry& e, std::string* out) const {
  switch (e.reason) {
    case safi::RemovalReason::kLexicon:
      out->append("lexicon phrase &#8220;");
      AppendBdi(e.phrase, out);
      out->append("&#8221; (category ");
      AppendHtml(e.category, out);
      out->append(", matched as ");
      AppendHtml(e.match, out);
      out->append(")");
      break;
    case safi::RemovalReason::kSiteTemplate:
      out->append("on ").append(Thousands(e.pages)).append(" of the site's ");
      out->append(Thousands(e.site_pages)).append(" pages");
      break;
    case safi::RemovalReason::kGlobal:
      out->append("frequent on ").append(Thousands(e.sites)).append(" sites");
      break;
    case safi::RemovalReason::kTeaser:
      if (e.rule == safi::TeaserRuleName(safi::TeaserRule::kConfirmed)) {
        out->append("shows the opening of ");
        AppendDocRef(e.source, out);
        out->append(" (").append(Thousands(e.matched_words));
        out->append(" words matched)");
      } else {
        out->append("rule ");
        AppendHtml(e.rule, out);
        out->append(", in a block of ").append(Thousands(e.block_teasers));
        out->append(" teasers");
      }
      break;
    case safi::RemovalReason::kLabel:
      out->append("above the teaser at byte ")
          .append(std::to_string(e.teaser_start));
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup:
      out->append(e.reason == safi::RemovalReason::kExactDup ? "exact"
                                                             : "near");
      out->append(" duplicate of ");
      AppendDocRef(e.kept, out);
      out->append(" (cluster ");
      AppendName(e.kept, out);
      out->append(" of ").append(Thousands(e.cluster_size));
      out->append(" documents, similarity ");
      AppendHtml(e.similarity, out);
      out->append(")");
      break;
  }
}

}  // namespace

int RunExplore(const ExploreConfig& config) {
  Inputs inputs(config.input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  for (const std::string& name : config.reports) {
    struct stat st;
    if (name != "-" && stat(name.c_str(), &st) != 0) {
      PrintError(name + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  Explorer explorer(config);
  ReportReader report(config.reports);
  int have = report.Next();
  if (have < 0) return kExitFailure;
  std::vector<ReportEntry> entries;
  status = inputs.ForEach(
      false, false, [&](const std::string&, uint64_t, Record& record) {
        entries.clear();
        while (have == 1 && report.entry().id == record.id) {
          entries.push_back(report.entry());
          have = report.Next();
        }
        if (have < 0) return static_cast<int>(kExitFailure);
        const std::string problem = CheckEntries(record, entries);
        if (!problem.empty()) {
          PrintError(problem);
          return static_cast<int>(kExitFailure);
        }
        explorer.Add(record, &entries);
        return static_cast<int>(kExitOk);
      });
  if (status != kExitOk) return status;
  if (have == 1) {
    PrintError(report.entry().where + ": document \"" + report.entry().id +
               "\" is not in the crawl, or not in the crawl's order (give "
               "the files that safi dedup read, in the same order)");
    return kExitFailure;
  }
  explorer.Finish();
  const std::string page = explorer.Render();
  const Fd out = OpenOutput(config.output);
  if (!out.valid()) return kExitFailure;
  if (!WriteAll(out.get(), page.data(), page.size())) {
    PrintError(Label(config.output) + ": " + std::strerror(errno));
    return kExitFailure;
  }
  return kExitOk;
}

namespace {

// CLI11 check of a count option: "" if value is a plain decimal number,
// else the message (CLI11 itself would wrap "-1" around to a huge size_t).
std::string DecimalCount(const std::string& value) {
  if (!value.empty() &&
      value.find_first_not_of("0123456789") == std::string::npos) {
    return "";
  }
  return "must be a non-negative integer, not '" + value + "'";
}

}  // namespace

struct ExploreCommand::Options {
  CLI::App* explore = nullptr;
  ExploreConfig config;
  std::string format = "jsonl";
};

ExploreCommand::ExploreCommand(CLI::App* app) : options_(new Options) {
  Options& o = *options_;
  o.explore = app->add_subcommand(
      "explore",
      "Write one self-contained HTML page showing what safi dedup removed "
      "from a crawl and why: counts, per-site table, chart, and a sample of "
      "documents with every removed line marked");
  AddInputOptions(o.explore, &o.config.input, &o.format, "-i,--input,FILE");
  o.explore
      ->add_option("-r,--report", o.config.reports,
                   "The report of safi dedup --report over the same input "
                   "(repeat the option for several, e.g. one per shard: "
                   "they are read in order as one report)")
      ->required()
      ->allow_extra_args(false);
  o.explore
      ->add_option("-o,--output", o.config.output,
                   "HTML file to write (- for standard output)")
      ->required();
  o.explore
      ->add_option(
          "--max-documents", o.config.max_documents,
          "Documents shown with their text, a deterministic sample (default "
          "1000); the counts always cover every document")
      ->check(DecimalCount);
  o.explore
      ->add_option(
          "--max-sites", o.config.max_sites,
          "Rows of the per-site table (default 200); the other sites are "
          "summed in one row")
      ->check(DecimalCount);
}

ExploreCommand::~ExploreCommand() = default;

bool ExploreCommand::parsed() const { return options_->explore->parsed(); }

int ExploreCommand::Run() {
  Options& o = *options_;
  if (!ParseFormat(o.format, &o.config.input)) return kExitUsage;
  return RunExplore(o.config);
}

}  // namespace safi_cli
