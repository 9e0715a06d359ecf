// SPDX-License-Identifier: Apache-2.0
// Ground-truth labels of an evaluation crawl: the class of every line of every
// document and the duplicate groups, with their JSONL writer and parser.
//
// A labels file is JSONL. Line 1 is a header
//   {"format":"safi-eval-labels","version":1,"seed":S,"pages":N,"sites":K,
//    "articles":"generated"|"saudinewsnet:FILE"}
// and every further line describes one document of the crawl, in crawl order:
//   {"id":"doc-000001","host":"h.example","copy":"original|exact|syndicated",
//    "copy_of":null|"doc-…","group":"doc-…","jaccard":0.9321,"bytes":4711,
//    "lines":[{"start":0,"end":15,"class":"theme"}, …,
//             {"start":…,"end":…,"class":"teaser","source":"doc-…"|null}]}
// `lines` lists every line of the text field in order: [start, end) are byte
// offsets into the field's UTF-8 bytes and cover the line without its "\n"
// terminator (and without the "\r" of a CRLF line). `group` is the id of the
// group's original; documents sharing a group are duplicates of each other.
#ifndef SAFI_CORPORA_EVAL_LABELS_H_
#define SAFI_CORPORA_EVAL_LABELS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safi::eval {

// The class of one line. Title and article are main text; every other class
// is boilerplate.
enum class LineClass : int {
  kTitle,
  kArticle,
  kTheme,          // site chrome: menu items, search box, "Connect with us"
  kDate,           // the date line of the site header
  kShare,          // share and follow widgets
  kCommentForm,    // every line of a comment form
  kRelatedHeader,  // "مقالات ذات صلة" and variants
  kLabel,          // the category label before a teaser
  kTeaser,         // the opening of another article, cut, with an ellipsis
  kSiteTemplate,   // a line that only this site prints (slogan, masthead)
  kFooter,
  kCount  // number of classes, not a class
};

// "title", "article", "theme", "date", "share", "comment_form",
// "related_header", "label", "teaser", "site_template" or "footer".
// `c` must be a class (not kCount).
std::string_view ClassName(LineClass c);

// Sets *c from a name returned by ClassName and returns true; returns false
// for anything else.
bool ParseClass(std::string_view name, LineClass* c);

// True for kTitle and kArticle.
bool IsMainText(LineClass c);

enum class CopyKind { kOriginal, kExact, kSyndicated };

// "original", "exact" or "syndicated".
std::string_view CopyKindName(CopyKind k);

struct LabeledLine {
  size_t start = 0;  // byte offsets into the text field, start < end
  size_t end = 0;
  LineClass cls = LineClass::kArticle;
  // Teasers only: id of the crawl document whose opening the teaser shows,
  // or empty when that article is not in the crawl.
  std::string source;
};

struct LabeledDoc {
  std::string id;
  std::string host;
  CopyKind copy = CopyKind::kOriginal;
  std::string copy_of;  // exact and syndicated copies: the copied document
  std::string group;    // id of the group's original (its own id if original)
  // Syndicated copies: Jaccard similarity of the word 5-grams of the main
  // text (title + article) with the original's. 1 for the other kinds.
  double jaccard = 1.0;
  size_t bytes = 0;  // size of the text field
  std::vector<LabeledLine> lines;
};

struct LabelsHeader {
  uint64_t seed = 0;
  uint64_t pages = 0;
  uint64_t sites = 0;
  std::string articles;  // "generated" or "saudinewsnet:FILE"
};

// Appends the header line (with its "\n") to *out.
void AppendLabelsHeader(const LabelsHeader& header, std::string* out);

// Appends one document line (with its "\n") to *out. `doc.lines` must be
// sorted and disjoint.
void AppendLabeledDoc(const LabeledDoc& doc, std::string* out);

// Parses a labels file; `name` is used in messages. Checks the header's
// format and version, the fields' types, unique ids, that lines are sorted,
// disjoint and inside `bytes`, and that `group` and `copy_of` name documents
// of the file. On failure returns false and sets *error to
// "NAME:LINE: message".
bool ParseLabels(std::string_view data, std::string_view name,
                 LabelsHeader* header, std::vector<LabeledDoc>* docs,
                 std::string* error);

// The lines of `text` as labels see them: [start, end) of each line without
// its "\n" terminator and without a "\r" just before it, skipping lines that
// are empty or hold only ASCII whitespace.
std::vector<std::pair<size_t, size_t>> LineSpans(std::string_view text);

}  // namespace safi::eval

#endif  // SAFI_CORPORA_EVAL_LABELS_H_
