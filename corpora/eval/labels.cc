// SPDX-License-Identifier: Apache-2.0
// Writer and validating parser of the evaluation labels format (labels.h).

#include "labels.h"

#include <map>
#include <set>

#include "json_util.h"
#include "simdjson.h"

namespace safi::eval {
namespace {

constexpr std::string_view kFormat = "safi-eval-labels";
constexpr uint64_t kVersion = 1;

constexpr std::string_view kClassNames[] = {
    "title",  "article",       "theme",          "date",
    "share",  "comment_form",  "related_header", "label",
    "teaser", "site_template", "footer"};
static_assert(sizeof(kClassNames) / sizeof(kClassNames[0]) ==
              static_cast<size_t>(LineClass::kCount));

// Sets *kind from a CopyKindName and returns true; false for other names.
bool ParseCopyKind(std::string_view name, CopyKind* kind) {
  for (const CopyKind k :
       {CopyKind::kOriginal, CopyKind::kExact, CopyKind::kSyndicated}) {
    if (name == CopyKindName(k)) {
      *kind = k;
      return true;
    }
  }
  return false;
}

// Parses the "lines" array of a document line into doc->lines. Returns an
// empty string on success, else the message (without the location).
std::string ParseLines(const simdjson::dom::object& object, LabeledDoc* doc) {
  simdjson::dom::array lines;
  if (object["lines"].get(lines)) return "\"lines\" must be an array";
  size_t previous_end = 0;
  for (const simdjson::dom::element item : lines) {
    simdjson::dom::object line_object;
    if (item.get(line_object)) return "each line label must be an object";
    LabeledLine line;
    uint64_t start;
    uint64_t end;
    std::string_view cls;
    if (!GetUint(line_object, "start", &start) ||
        !GetUint(line_object, "end", &end)) {
      return "line label without unsigned \"start\" and \"end\"";
    }
    if (!GetString(line_object, "class", &cls) || !ParseClass(cls, &line.cls)) {
      return "line label with a missing or unknown \"class\"";
    }
    if (start >= end || end > doc->bytes || start < previous_end) {
      return "line labels must be non-empty, sorted, disjoint and inside "
             "\"bytes\"";
    }
    line.start = static_cast<size_t>(start);
    line.end = static_cast<size_t>(end);
    previous_end = line.end;
    if (line.cls == LineClass::kTeaser) {
      std::string_view source;
      if (GetString(line_object, "source", &source)) {
        line.source = std::string(source);
      } else if (!IsNull(line_object, "source")) {
        return "teaser label without a string or null \"source\"";
      }
    }
    doc->lines.push_back(std::move(line));
  }
  return std::string();
}

}  // namespace

std::string_view ClassName(LineClass c) {
  return kClassNames[static_cast<int>(c)];
}

bool ParseClass(std::string_view name, LineClass* c) {
  for (int i = 0; i < static_cast<int>(LineClass::kCount); ++i) {
    if (name == kClassNames[i]) {
      *c = static_cast<LineClass>(i);
      return true;
    }
  }
  return false;
}

bool IsMainText(LineClass c) {
  return c == LineClass::kTitle || c == LineClass::kArticle;
}

std::string_view CopyKindName(CopyKind k) {
  switch (k) {
    case CopyKind::kOriginal:
      return "original";
    case CopyKind::kExact:
      return "exact";
    case CopyKind::kSyndicated:
      return "syndicated";
  }
  return "original";
}

void AppendLabelsHeader(const LabelsHeader& header, std::string* out) {
  out->append("{\"format\":");
  AppendJsonString(kFormat, out);
  out->append(",\"version\":");
  AppendUint(kVersion, out);
  out->append(",\"seed\":");
  AppendUint(header.seed, out);
  out->append(",\"pages\":");
  AppendUint(header.pages, out);
  out->append(",\"sites\":");
  AppendUint(header.sites, out);
  out->append(",\"articles\":");
  AppendJsonString(header.articles, out);
  out->append("}\n");
}

void AppendLabeledDoc(const LabeledDoc& doc, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(doc.id, out);
  out->append(",\"host\":");
  AppendJsonString(doc.host, out);
  out->append(",\"copy\":");
  AppendJsonString(CopyKindName(doc.copy), out);
  out->append(",\"copy_of\":");
  if (doc.copy_of.empty()) {
    out->append("null");
  } else {
    AppendJsonString(doc.copy_of, out);
  }
  out->append(",\"group\":");
  AppendJsonString(doc.group, out);
  out->append(",\"jaccard\":");
  AppendRatio4(doc.jaccard, out);
  out->append(",\"bytes\":");
  AppendUint(doc.bytes, out);
  out->append(",\"lines\":[");
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const LabeledLine& line = doc.lines[i];
    if (i > 0) out->push_back(',');
    out->append("{\"start\":");
    AppendUint(line.start, out);
    out->append(",\"end\":");
    AppendUint(line.end, out);
    out->append(",\"class\":");
    AppendJsonString(ClassName(line.cls), out);
    if (line.cls == LineClass::kTeaser) {
      out->append(",\"source\":");
      if (line.source.empty()) {
        out->append("null");
      } else {
        AppendJsonString(line.source, out);
      }
    }
    out->push_back('}');
  }
  out->append("]}\n");
}

bool ParseLabels(std::string_view data, std::string_view name,
                 LabelsHeader* header, std::vector<LabeledDoc>* docs,
                 std::string* error) {
  docs->clear();
  const std::vector<JsonlLine> lines = SplitJsonl(data);
  if (lines.empty()) {
    *error = std::string(name) + ": empty labels file";
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  const auto fail = [&](const JsonlLine& line, const std::string& message) {
    *error =
        std::string(name) + ":" + std::to_string(line.number) + ": " + message;
    return false;
  };
  if (!ParseObjectLine(parser, name, lines[0], &object, error)) return false;
  std::string_view format;
  std::string_view articles;
  uint64_t version = 0;
  if (!GetString(object, "format", &format) || format != kFormat) {
    return fail(lines[0], "not a safi-eval-labels file (header \"format\")");
  }
  if (!GetUint(object, "version", &version) || version != kVersion) {
    return fail(lines[0], "unsupported labels version (expected 1)");
  }
  if (!GetUint(object, "seed", &header->seed) ||
      !GetUint(object, "pages", &header->pages) ||
      !GetUint(object, "sites", &header->sites) ||
      !GetString(object, "articles", &articles)) {
    return fail(lines[0], "header needs seed, pages, sites and articles");
  }
  header->articles = std::string(articles);

  std::map<std::string, size_t> index;  // id -> position in *docs
  std::vector<size_t> line_of_doc;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (!ParseObjectLine(parser, name, lines[i], &object, error)) return false;
    LabeledDoc doc;
    std::string_view host;
    std::string_view copy;
    std::string_view group;
    uint64_t bytes;
    if (!GetId(object, "id", &doc.id) || !GetString(object, "host", &host) ||
        !GetString(object, "group", &group) ||
        !GetUint(object, "bytes", &bytes)) {
      return fail(lines[i], "document label needs id, host, group and bytes");
    }
    if (!GetString(object, "copy", &copy) || !ParseCopyKind(copy, &doc.copy)) {
      return fail(lines[i], "\"copy\" must be original, exact or syndicated");
    }
    std::string_view copy_of;
    if (GetString(object, "copy_of", &copy_of)) {
      doc.copy_of = std::string(copy_of);
    } else if (!IsNull(object, "copy_of")) {
      return fail(lines[i], "\"copy_of\" must be a string or null");
    }
    if ((doc.copy == CopyKind::kOriginal) != doc.copy_of.empty()) {
      return fail(lines[i], "copies, and only copies, have a \"copy_of\"");
    }
    if (object["jaccard"].get(doc.jaccard) || doc.jaccard < 0 ||
        doc.jaccard > 1) {
      return fail(lines[i], "\"jaccard\" must be a number in [0, 1]");
    }
    doc.host = std::string(host);
    doc.group = std::string(group);
    doc.bytes = static_cast<size_t>(bytes);
    const std::string message = ParseLines(object, &doc);
    if (!message.empty()) return fail(lines[i], message);
    if (!index.emplace(doc.id, docs->size()).second) {
      return fail(lines[i], "duplicate document id '" + doc.id + "'");
    }
    docs->push_back(std::move(doc));
    line_of_doc.push_back(i);
  }
  for (size_t d = 0; d < docs->size(); ++d) {
    const LabeledDoc& doc = (*docs)[d];
    const JsonlLine& line = lines[line_of_doc[d]];
    const auto group = index.find(doc.group);
    if (group == index.end() || (*docs)[group->second].group != doc.group) {
      return fail(line, "\"group\" must name the group's original document");
    }
    if (!doc.copy_of.empty() &&
        (index.count(doc.copy_of) == 0 ||
         (*docs)[index[doc.copy_of]].group != doc.group)) {
      return fail(line, "\"copy_of\" must name a document of the same group");
    }
    for (const LabeledLine& labeled : doc.lines) {
      if (!labeled.source.empty() && index.count(labeled.source) == 0) {
        return fail(line, "teaser source '" + labeled.source +
                              "' is not a document of the crawl");
      }
    }
  }
  return true;
}

std::vector<std::pair<size_t, size_t>> LineSpans(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> spans;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    size_t content_end = end;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    const std::string_view line = text.substr(pos, content_end - pos);
    if (line.find_first_not_of(" \t\r\v\f") != std::string_view::npos) {
      spans.emplace_back(pos, content_end);
    }
    pos = end + 1;
  }
  return spans;
}

}  // namespace safi::eval
