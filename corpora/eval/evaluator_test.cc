// SPDX-License-Identifier: Apache-2.0
// Tests of the evaluator: metric arithmetic on small hand-made crawls
// (perfect, untouched, worst and partial runs), malformed inputs, output
// formats, and an oracle run over a generated crawl.

#include "evaluator.h"

#include <map>
#include <string>
#include <vector>

#include "crawl.h"
#include "gtest/gtest.h"
#include "json_util.h"
#include "labels.h"
#include "simdjson.h"

namespace safi::eval {
namespace {

constexpr size_t kTitle = static_cast<size_t>(LineClass::kTitle);
constexpr size_t kArticle = static_cast<size_t>(LineClass::kArticle);
constexpr size_t kCommentForm = static_cast<size_t>(LineClass::kCommentForm);
constexpr size_t kShare = static_cast<size_t>(LineClass::kShare);
constexpr size_t kFooter = static_cast<size_t>(LineClass::kFooter);

struct MiniLine {
  LineClass cls;
  std::string text;
  std::string source;  // teasers
};

struct MiniDoc {
  std::string id;
  std::string host;
  std::string group;
  CopyKind copy;
  std::string copy_of;
  std::vector<MiniLine> lines;
};

std::string Record(const std::string& id, const std::string& text) {
  std::string out = "{\"id\":";
  AppendJsonString(id, &out);
  out += ",\"text\":";
  AppendJsonString(text, &out);
  out += "}\n";
  return out;
}

std::string Entry(const std::string& id, size_t start, size_t end,
                  const std::string& reason) {
  return "{\"id\":\"" + id + "\",\"start\":" + std::to_string(start) +
         ",\"end\":" + std::to_string(end) + ",\"reason\":\"" + reason +
         "\",\"evidence\":{\"n\":1}}\n";
}

// A hand-made crawl: A (original with theme, comment form and a teaser of
// B), B (original), C (exact copy of B), D (original, share line with
// trailing spaces).
class MiniCrawl {
 public:
  MiniCrawl() {
    docs_ = {
        {"A",
         "a.example",
         "A",
         CopyKind::kOriginal,
         "",
         {{LineClass::kTheme, "Menu", ""},
          {LineClass::kTitle, "Title A", ""},
          {LineClass::kArticle, "Alpha one two three.", ""},
          {LineClass::kCommentForm, "اضف تعليقك", ""},
          {LineClass::kLabel, "Sport", ""},
          {LineClass::kTeaser, "Beta opening...", "B"}}},
        {"B",
         "b.example",
         "B",
         CopyKind::kOriginal,
         "",
         {{LineClass::kTitle, "Title B", ""},
          {LineClass::kArticle, "Beta opening words here.", ""},
          {LineClass::kFooter, "(c) 2024 B", ""}}},
        {"C", "b.example", "B", CopyKind::kExact, "B", {}},
        {"D",
         "a.example",
         "D",
         CopyKind::kOriginal,
         "",
         {{LineClass::kTitle, "Title D", ""},
          {LineClass::kArticle, "Delta text.", ""},
          {LineClass::kShare, "Share  ", ""}}},
    };
    docs_[2].lines = docs_[1].lines;
    LabelsHeader header;
    header.seed = 1;
    header.pages = 4;
    header.sites = 2;
    header.articles = "hand-made";
    AppendLabelsHeader(header, &labels_);
    for (const MiniDoc& doc : docs_) {
      std::string text;
      LabeledDoc label;
      label.id = doc.id;
      label.host = doc.host;
      label.group = doc.group;
      label.copy = doc.copy;
      label.copy_of = doc.copy_of;
      for (const MiniLine& line : doc.lines) {
        if (!text.empty()) text.push_back('\n');
        LabeledLine labeled;
        labeled.start = text.size();
        text += line.text;
        labeled.end = text.size();
        labeled.cls = line.cls;
        labeled.source = line.source;
        label.lines.push_back(labeled);
      }
      label.bytes = text.size();
      AppendLabeledDoc(label, &labels_);
      input_ += Record(doc.id, text);
      texts_[doc.id] = text;
      spans_[doc.id] = label.lines;
    }
  }

  const std::string& labels() const { return labels_; }
  const std::string& input() const { return input_; }
  const std::string& text(const std::string& id) const { return texts_.at(id); }
  // The label span of line `i` of document `id`.
  const LabeledLine& line(const std::string& id, size_t i) const {
    return spans_.at(id)[i];
  }

  // The text of `id` without the listed lines (by index).
  std::string Without(const std::string& id,
                      const std::vector<size_t>& removed) const {
    std::string out;
    const auto& lines = spans_.at(id);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (std::find(removed.begin(), removed.end(), i) != removed.end()) {
        continue;
      }
      if (!out.empty()) out.push_back('\n');
      out +=
          texts_.at(id).substr(lines[i].start, lines[i].end - lines[i].start);
    }
    return out;
  }

  // A report entry covering line `i` of `id`.
  std::string LineEntry(const std::string& id, size_t i,
                        const std::string& reason) const {
    return Entry(id, line(id, i).start, line(id, i).end, reason);
  }

  Metrics Run(const std::string& output, const std::string& report) const {
    Metrics metrics;
    std::string error;
    EvalFiles files{labels_, input_, output, report};
    EXPECT_TRUE(Evaluate(files, &metrics, &error)) << error;
    return metrics;
  }

  std::string RunError(const std::string& output, const std::string& report,
                       const std::string& input = "",
                       const std::string& labels = "") const {
    Metrics metrics;
    std::string error;
    EvalFiles files{labels.empty() ? labels_ : labels,
                    input.empty() ? input_ : input, output, report};
    EXPECT_FALSE(Evaluate(files, &metrics, &error));
    return error;
  }

 private:
  std::vector<MiniDoc> docs_;
  std::string labels_;
  std::string input_;
  std::map<std::string, std::string> texts_;
  std::map<std::string, std::vector<LabeledLine>> spans_;
};

TEST(EvaluatorTest, PerfectRun) {
  const MiniCrawl crawl;
  const std::string output = Record("A", crawl.Without("A", {0, 3, 4, 5})) +
                             Record("B", crawl.Without("B", {2})) +
                             Record("D", crawl.Without("D", {2}));
  const std::string report =
      crawl.LineEntry("A", 0, "global") + crawl.LineEntry("A", 3, "lexicon") +
      crawl.LineEntry("A", 4, "label") + crawl.LineEntry("A", 5, "teaser") +
      crawl.LineEntry("B", 2, "lexicon") + crawl.LineEntry("D", 2, "lexicon") +
      Entry("C", 0, crawl.text("C").size(), "exact_dup");
  const Metrics m = crawl.Run(output, report);
  EXPECT_EQ(m.documents, 4u);
  EXPECT_EQ(m.hosts, 2u);
  EXPECT_EQ(m.kept, 3u);
  EXPECT_EQ(m.dropped, 1u);
  EXPECT_EQ(m.evaluated, 3u);
  EXPECT_EQ(m.boilerplate.lines, 6u);
  EXPECT_EQ(m.boilerplate.lines_removed, 6u);
  EXPECT_EQ(m.boilerplate.bytes, 4u + 19 + 5 + 15 + 10 + 5);  // "Share" trimmed
  EXPECT_EQ(m.boilerplate.bytes_removed, m.boilerplate.bytes);
  EXPECT_EQ(m.main_text.lines, 6u);
  EXPECT_EQ(m.main_text.lines_removed + m.main_text.lines_partial, 0u);
  EXPECT_EQ(m.main_text.bytes, 7u + 20 + 7 + 24 + 7 + 11);
  EXPECT_EQ(m.main_text.bytes_removed, 0u);
  EXPECT_EQ(m.teaser_present.lines_removed, 1u);
  EXPECT_EQ(m.teaser_absent.lines, 0u);
  EXPECT_EQ(m.groups, 1u);
  EXPECT_EQ(m.groups_resolved, 1u);
  EXPECT_EQ(m.exact_groups_resolved, 1u);
  EXPECT_EQ(m.singletons, 2u);
  EXPECT_EQ(m.false_drops, 0u);
  EXPECT_EQ(m.drops_by_reason.at("exact_dup"), 1u);
  EXPECT_EQ(m.by_reason.at("lexicon").removed[kCommentForm], 1u);
  EXPECT_EQ(m.by_reason.at("lexicon").removed[kFooter], 1u);
  EXPECT_EQ(m.by_reason.at("lexicon").removed[kShare], 1u);
  EXPECT_EQ(m.by_reason.count("exact_dup"), 0u);  // C is not scored
  EXPECT_EQ(m.report_entries, 7u);
  EXPECT_EQ(m.output_mismatches, 0u);
  EXPECT_EQ(m.drops_without_dup_entry, 0u);
  EXPECT_EQ(m.dup_entries_on_kept, 0u);
  EXPECT_EQ(m.spans_off_boundary, 0u);
  const std::string text = FormatText(m);
  EXPECT_NE(text.find("6/6"), std::string::npos) << text;
  EXPECT_EQ(text.find("MISSED"), std::string::npos) << text;
}

TEST(EvaluatorTest, UntouchedRun) {
  const MiniCrawl crawl;
  const Metrics m = crawl.Run(crawl.input(), "");
  EXPECT_EQ(m.kept, 4u);
  EXPECT_EQ(m.evaluated, 4u);
  EXPECT_EQ(m.boilerplate.lines, 7u);  // B's footer twice (B and C kept)
  EXPECT_EQ(m.boilerplate.lines_removed, 0u);
  EXPECT_EQ(m.boilerplate.bytes_removed, 0u);
  EXPECT_EQ(m.main_text.lines, 8u);
  EXPECT_EQ(m.main_text.bytes_removed, 0u);
  EXPECT_EQ(m.groups_resolved, 0u);
  EXPECT_EQ(m.groups_several_kept, 1u);
  EXPECT_EQ(m.false_drops, 0u);
  EXPECT_TRUE(m.by_reason.empty());
  EXPECT_EQ(m.output_mismatches, 0u);
  const std::string text = FormatText(m);
  EXPECT_NE(text.find("MISSED"), std::string::npos) << text;
}

TEST(EvaluatorTest, EverythingDropped) {
  const MiniCrawl crawl;
  const Metrics m = crawl.Run("", "");
  EXPECT_EQ(m.kept, 0u);
  EXPECT_EQ(m.dropped, 4u);
  EXPECT_EQ(m.evaluated, 4u);  // no copy kept anywhere
  EXPECT_EQ(m.boilerplate.lines_removed, 7u);
  EXPECT_EQ(m.main_text.lines, 8u);
  EXPECT_EQ(m.main_text.lines_removed, 8u);
  EXPECT_EQ(m.main_text.bytes_removed, m.main_text.bytes);
  EXPECT_EQ(m.groups_resolved, 0u);
  EXPECT_EQ(m.groups_none_kept, 1u);
  EXPECT_EQ(m.false_drops, 2u);
  EXPECT_EQ(m.false_drop_ids, (std::vector<std::string>{"A", "D"}));
  EXPECT_EQ(m.drops_without_dup_entry, 4u);
  EXPECT_EQ(m.drops_by_reason.at("(no report entry)"), 4u);
  EXPECT_EQ(m.by_reason.at("(no report entry)").removed[kTitle], 4u);
}

TEST(EvaluatorTest, PartialRunArithmetic) {
  const MiniCrawl crawl;
  const LabeledLine& title_d = crawl.line("D", 0);  // "Title D"
  const LabeledLine& share_d = crawl.line("D", 2);  // "Share  "
  // A loses its comment form; D loses "Title " (a false positive) and
  // "Share" without its trailing spaces; C is dropped as a near duplicate.
  const std::string report =
      crawl.LineEntry("A", 3, "lexicon") +
      Entry("D", title_d.start, title_d.start + 6, "teaser") +
      Entry("D", share_d.start, share_d.start + 5, "global") +
      Entry("C", 0, crawl.text("C").size(), "near_dup");
  const std::string output = Record("A", crawl.Without("A", {3})) +
                             Record("B", crawl.text("B")) +
                             Record("D", "D\nDelta text.");
  const Metrics m = crawl.Run(output, report);
  EXPECT_EQ(m.evaluated, 3u);
  EXPECT_EQ(m.boilerplate.lines, 6u);
  EXPECT_EQ(m.boilerplate.lines_removed, 2u);
  EXPECT_EQ(m.boilerplate.bytes, 58u);
  EXPECT_EQ(m.boilerplate.bytes_removed, 19u + 5);
  EXPECT_EQ(m.by_class[kCommentForm].lines_removed, 1u);
  EXPECT_EQ(m.by_class[kShare].lines_removed, 1u);
  EXPECT_EQ(m.by_class[kFooter].lines_removed, 0u);
  EXPECT_EQ(m.main_text.lines, 6u);
  EXPECT_EQ(m.main_text.lines_removed, 0u);
  EXPECT_EQ(m.main_text.lines_partial, 1u);
  EXPECT_EQ(m.main_text.bytes, 76u);
  EXPECT_EQ(m.main_text.bytes_removed, 6u);
  EXPECT_EQ(m.by_class[kArticle].bytes_removed, 0u);
  EXPECT_EQ(m.by_reason.at("teaser").partial[kTitle], 1u);
  EXPECT_EQ(m.by_reason.at("global").removed[kShare], 1u);
  EXPECT_EQ(m.drops_by_reason.at("near_dup"), 1u);
  EXPECT_EQ(m.groups_resolved, 1u);
  EXPECT_EQ(m.exact_groups, 1u);
  EXPECT_EQ(m.output_mismatches, 0u);
  const std::string json = FormatJson(m);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(json).get(root)) << json;
  double ratio = 0;
  ASSERT_FALSE(root["main_text"]["byte_retention"].get(ratio)) << json;
  EXPECT_DOUBLE_EQ(ratio, 0.9211);  // 70 / 76
  ASSERT_FALSE(root["boilerplate"]["line_recall"].get(ratio)) << json;
  EXPECT_DOUBLE_EQ(ratio, 0.3333);
  bool met = true;
  ASSERT_FALSE(root["targets"]["groups_resolved"]["met"].get(met));
  EXPECT_TRUE(met);
  ASSERT_FALSE(root["targets"]["main_text_retention"]["met"].get(met));
  EXPECT_FALSE(met);
}

TEST(EvaluatorTest, ReportsInconsistencies) {
  const MiniCrawl crawl;
  const LabeledLine& comment = crawl.line("A", 3);
  // The comment form is reported removed but still in the output; a span
  // starts inside an Arabic letter; C is dropped without an entry, and B
  // carries a duplicate entry although it is kept.
  const std::string report = crawl.LineEntry("A", 3, "lexicon") +
                             Entry("A", comment.start + 1, comment.end, "x") +
                             Entry("B", 0, 0, "near_dup");
  const std::string output = Record("A", crawl.text("A")) +
                             Record("B", crawl.text("B")) +
                             Record("D", crawl.text("D"));
  const Metrics m = crawl.Run(output, report);
  EXPECT_EQ(m.output_mismatches, 1u);
  EXPECT_EQ(m.output_mismatch_ids, (std::vector<std::string>{"A"}));
  EXPECT_EQ(m.spans_off_boundary, 1u);
  EXPECT_EQ(m.drops_without_dup_entry, 1u);
  EXPECT_EQ(m.dup_entries_on_kept, 1u);
  EXPECT_EQ(m.by_reason.at("lexicon").removed[kCommentForm], 1u);
  EXPECT_EQ(m.by_reason.count("x"), 0u);  // lexicon covers more of the line
}

TEST(EvaluatorTest, NoGroupsGivesNullRatio) {
  LabelsHeader header;
  std::string labels;
  AppendLabelsHeader(header, &labels);
  LabeledDoc doc;
  doc.id = "only";
  doc.host = "h.example";
  doc.group = "only";
  doc.bytes = 4;
  doc.lines.push_back({0, 4, LineClass::kTitle, ""});
  AppendLabeledDoc(doc, &labels);
  const std::string input = Record("only", "Head");
  Metrics m;
  std::string error;
  ASSERT_TRUE(Evaluate({labels, input, input, ""}, &m, &error)) << error;
  EXPECT_EQ(m.groups, 0u);
  const std::string json = FormatJson(m);
  EXPECT_NE(json.find("\"resolved_ratio\":null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"byte_recall\":null"), std::string::npos) << json;
  EXPECT_NE(FormatText(m).find("n/a"), std::string::npos);
}

TEST(EvaluatorTest, MalformedInputsFailWithLocation) {
  const MiniCrawl crawl;
  const auto contains = [](const std::string& error, const std::string& what) {
    return error.find(what) != std::string::npos;
  };
  std::string e = crawl.RunError("", "\n{\"id\":\"A\",\"start\":0,\n");
  EXPECT_TRUE(contains(e, "report:2: invalid JSON")) << e;
  e = crawl.RunError("", Entry("A", 0, 999, "lexicon"));
  EXPECT_TRUE(contains(e, "report:1:") && contains(e, "outside")) << e;
  e = crawl.RunError("", Entry("A", 5, 4, "lexicon"));
  EXPECT_TRUE(contains(e, "outside")) << e;
  e = crawl.RunError("", Entry("Z", 0, 1, "lexicon"));
  EXPECT_TRUE(contains(e, "'Z' is not in the labels")) << e;
  e = crawl.RunError("",
                     "{\"id\":\"A\",\"start\":-1,\"end\":2,\"reason\":\"x\"}");
  EXPECT_TRUE(contains(e, "unsigned")) << e;
  e = crawl.RunError("", "{\"id\":\"A\",\"start\":0,\"end\":2}");
  EXPECT_TRUE(contains(e, "reason")) << e;
  e = crawl.RunError("[1]", "");
  EXPECT_TRUE(contains(e, "output:1: expected a JSON object")) << e;
  e = crawl.RunError(Record("A", "x") + Record("A", "y"), "");
  EXPECT_TRUE(contains(e, "output:2: repeated id A")) << e;
  e = crawl.RunError("{\"id\":\"A\",\"text\":5}", "");
  EXPECT_TRUE(contains(e, "text")) << e;

  // Input that does not belong to the labels.
  std::string input = crawl.input();
  input.replace(input.find("Menu"), 4, "Me\\nu");  // same size, other lines
  e = crawl.RunError("", "", input);
  EXPECT_TRUE(contains(e, "input:1:") && contains(e, "do not match")) << e;
  input = crawl.input();
  input.replace(input.find("Menu"), 4, "Menus");
  e = crawl.RunError("", "", input);
  EXPECT_TRUE(contains(e, "labels say")) << e;
  input = crawl.input();
  input.erase(0, input.find('\n') + 1);
  e = crawl.RunError("", "", input);
  EXPECT_TRUE(contains(e, "document A of the labels is missing")) << e;

  // Broken labels.
  std::string labels = crawl.labels();
  labels.replace(labels.find("safi-eval-labels"), 4, "nope");
  e = crawl.RunError("", "", "", labels);
  EXPECT_TRUE(contains(e, "labels:1: not a safi-eval-labels file")) << e;
  labels = crawl.labels();
  labels.replace(labels.find("\"comment_form\""), 14, "\"comment_fxrm\"");
  e = crawl.RunError("", "", "", labels);
  EXPECT_TRUE(contains(e, "labels:2:") && contains(e, "class")) << e;
  labels = crawl.labels();
  labels.replace(labels.find("\"group\":\"D\""), 11, "\"group\":\"Q\"");
  e = crawl.RunError("", "", "", labels);
  EXPECT_TRUE(contains(e, "labels:5:") && contains(e, "group")) << e;
  e = crawl.RunError("", "", "", "\n");
  EXPECT_TRUE(contains(e, "empty labels file")) << e;
}

// An oracle run over a generated crawl scores perfectly; returning the
// crawl untouched resolves no group and removes nothing.
TEST(EvaluatorTest, OracleOnGeneratedCrawl) {
  Crawl crawl;
  std::string error;
  CrawlOptions options;
  options.pages = 300;
  options.seed = 4;
  ASSERT_TRUE(GenerateCrawl(options, nullptr, "", &crawl, &error)) << error;
  std::string labels;
  std::string input;
  std::string output;
  std::string report;
  AppendLabelsHeader(crawl.header, &labels);
  std::map<std::string, bool> group_seen;
  for (const CrawlDoc& doc : crawl.docs) {
    AppendLabeledDoc(doc.label, &labels);
    AppendCrawlRecord(doc, &input);
    if (group_seen[doc.label.group]) {
      report += Entry(doc.label.id, 0, doc.text.size(), "near_dup");
      continue;
    }
    group_seen[doc.label.group] = true;
    std::string kept;
    for (const LabeledLine& line : doc.label.lines) {
      if (IsMainText(line.cls)) {
        if (!kept.empty()) kept.push_back('\n');
        kept += doc.text.substr(line.start, line.end - line.start);
      } else {
        report += Entry(doc.label.id, line.start, line.end, "lexicon");
      }
    }
    output += Record(doc.label.id, kept);
  }
  Metrics m;
  ASSERT_TRUE(Evaluate({labels, input, output, report}, &m, &error)) << error;
  EXPECT_GT(m.groups, 10u);
  EXPECT_EQ(m.groups_resolved, m.groups);
  EXPECT_EQ(m.false_drops, 0u);
  EXPECT_EQ(m.boilerplate.lines_removed, m.boilerplate.lines);
  EXPECT_EQ(m.boilerplate.bytes_removed, m.boilerplate.bytes);
  EXPECT_EQ(m.main_text.bytes_removed, 0u);
  EXPECT_EQ(m.main_text.lines_partial, 0u);
  EXPECT_EQ(m.output_mismatches, 0u);
  EXPECT_EQ(m.drops_without_dup_entry, 0u);
  EXPECT_EQ(m.evaluated + m.dropped, m.documents);
  for (size_t c = 0; c < kClassCount; ++c) {
    if (!IsMainText(static_cast<LineClass>(c))) {
      EXPECT_GT(m.by_class[c].lines, 0u) << c;
    }
  }
  EXPECT_GT(m.teaser_present.lines, 0u);
  EXPECT_GT(m.teaser_absent.lines, 0u);

  ASSERT_TRUE(Evaluate({labels, input, input, ""}, &m, &error)) << error;
  EXPECT_EQ(m.groups_resolved, 0u);
  EXPECT_EQ(m.groups_several_kept, m.groups);
  EXPECT_EQ(m.boilerplate.lines_removed, 0u);
  EXPECT_EQ(m.evaluated, m.documents);
}

}  // namespace
}  // namespace safi::eval
