// SPDX-License-Identifier: Apache-2.0
// Builds labeled evaluation crawls from the bundled generator's site
// templates and real or generated articles (see crawl.h).

#include "crawl.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "generator_util.h"
#include "json_util.h"
#include "news_generator.h"
#include "simdjson.h"
#include "sites.h"

namespace safi::eval {
namespace {

using corpus::Page;
using corpus::PagePart;
using corpus::internal::DecodeUtf8;
using corpus::internal::Mix;
using corpus::internal::Rng;
using corpus::internal::Site;

// Random streams derived from the crawl seed.
constexpr uint64_t kPlanStream = 101;
constexpr uint64_t kTemplateStream = 102;
constexpr uint64_t kPoolStream = 103;
constexpr uint64_t kEditStream = 104;
constexpr uint64_t kTeaserStream = 105;
constexpr uint64_t kSiteLineStream = 106;

constexpr uint32_t kExactPercent = 3;
constexpr uint32_t kSyndicatedPercent = 7;
constexpr uint32_t kSoloPerMille = 40;  // originals on a single-page site
constexpr uint32_t kPresentTeaserPerMille = 600;
constexpr size_t kMinAbsentArticles = 16;
constexpr double kMinCopyJaccard = 0.8;
constexpr size_t kResidueMaxWords = 8;
constexpr size_t kResidueLineMaxWords = 30;
// A paragraph under kResidueLineMaxWords words is residue when its first
// `words` words open such paragraphs in `articles` articles or more.
struct ResidueOpening {
  size_t words;
  size_t articles;
};
constexpr ResidueOpening kResidueOpenings[] = {{2, 5}, {3, 3}};
constexpr size_t kMinArticleWords = 30;

// Team-written lines that only one site prints: a tagline with its
// publisher, and a masthead line with the editor and a licence number.
constexpr std::string_view kTaglines[] = {"أخبار موثوقة على مدار الساعة",
                                          "صحافة مستقلة من قلب الحدث",
                                          "نافذتك اليومية على المنطقة والعالم",
                                          "الخبر كما هو بلا تهويل",
                                          "تغطية شاملة للشأن المحلي والدولي",
                                          "صوت القارئ أولا",
                                          "متابعة لحظية لأهم المستجدات",
                                          "من الحدث إلى القارئ مباشرة",
                                          "تحليل عميق وأخبار دقيقة",
                                          "كل ما يهمك في مكان واحد",
                                          "إعلام مسؤول لمجتمع واع",
                                          "الحقيقة أولا والسبق ثانيا"};
constexpr std::string_view kPublishers[] = {
    "مؤسسة الرواد للإعلام", "دار الأفق للنشر",
    "شركة المنارة للصحافة", "مجموعة الواحة الإعلامية",
    "مؤسسة النخبة للنشر",   "دار الضياء للصحافة",
    "شركة التبيان الرقمية", "مجموعة السنابل للإعلام",
    "مؤسسة المدار الصحفية", "دار القلم الحر",
    "شركة الإشراق الرقمية", "مجموعة الجسور للإعلام"};
constexpr std::string_view kEditorFirst[] = {"سالم", "منيرة", "خالد", "هدى",
                                             "عادل", "ريم",   "ماجد", "لطيفة",
                                             "فهد",  "سعاد",  "طارق", "نورة"};
constexpr std::string_view kEditorFamily[] = {
    "السالمي", "الخطيب", "الزهراني", "القحطاني", "البدري",  "الحسيني",
    "العمري",  "النجار", "الشامي",   "الكبيسي",  "الدوسري", "المهيري"};
constexpr size_t kLineChoices = 12;  // size of each list above

// Prefixes a syndicating site puts before a copied title.
constexpr std::string_view kTitlePrefixes[] = {
    "عاجل: ", "بالصور: ", "تقرير: ", "متابعة: "};

// True for the ASCII whitespace bytes: space, tab, LF, CR, VT, FF.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// `text` without leading and trailing ASCII whitespace and U+00A0.
std::string_view Trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && IsSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.size() >= 2 && text[0] == '\xC2' && text[1] == '\xA0') {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && IsSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && text[text.size() - 2] == '\xC2' &&
               text.back() == '\xA0') {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

// `text` (valid UTF-8) with CR, VT, FF, U+0085, U+2028 and U+2029 replaced
// by a space, so that "\n" is its only possible line break.
std::string WithoutBreaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\v' || c == '\f') {
      out.push_back(' ');
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\x85') {
      out.push_back(' ');
      ++i;
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out.push_back(' ');
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Byte ranges [first, second) of the words of `text` (runs of non-ASCII-
// whitespace bytes).
std::vector<std::pair<size_t, size_t>> WordRanges(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.emplace_back(start, i);
  }
  return words;
}

// Number of words (WordRanges) in the title and paragraphs.
size_t WordCount(const Article& article) {
  size_t n = WordRanges(article.title).size();
  for (const std::string& p : article.paragraphs) n += WordRanges(p).size();
  return n;
}

// The main text of an article as one string: title and paragraphs, one per
// line.
std::string MainText(const Article& article) {
  std::string text = article.title;
  for (const std::string& p : article.paragraphs) {
    text.push_back('\n');
    text.append(p);
  }
  return text;
}

// The first `words` words of paragraph `p` (with the spaces between them)
// when it has at least that many and fewer than kResidueLineMaxWords; else
// empty.
std::string Opening(const std::string& p, size_t words) {
  const auto ranges = WordRanges(p);
  if (ranges.size() < words || ranges.size() >= kResidueLineMaxWords) {
    return std::string();
  }
  return p.substr(0, ranges[words - 1].second);
}

// The article's paragraphs joined by single spaces: what a teaser quotes.
std::string Body(const Article& article) {
  std::string body;
  for (const std::string& p : article.paragraphs) {
    if (!body.empty()) body.push_back(' ');
    body.append(p);
  }
  return body;
}

// True for code points that sit inside a word: Arabic letters, tatweel,
// harakat and digits, ASCII letters and digits, Latin-1 and Latin Extended
// letters.
bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  }
  return (cp >= 0x0621 && cp <= 0x0652) || (cp >= 0x0660 && cp <= 0x0669) ||
         cp == 0x0670 || (cp >= 0x00C0 && cp <= 0x024F);
}

// The opening of `text` (valid UTF-8) of about `chars` code points, cut
// inside a word: the first position at or after `chars` code points with a
// word character on both sides, else the last such position, else all of
// `text`; trailing whitespace removed.
std::string_view CutInsideWord(std::string_view text, size_t chars) {
  size_t count = 0;
  size_t last_inside = 0;
  char32_t prev = 0;
  size_t cut = text.size();
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    if (count > 0 && IsWordChar(prev) && IsWordChar(cp)) {
      if (count >= chars) {
        cut = start;
        break;
      }
      last_inside = start;
    }
    prev = cp;
    ++count;
  }
  if (cut == text.size() && last_inside > 0) cut = last_inside;
  return Trim(text.substr(0, cut));
}

// FNV-1a 64 of `bytes`, continuing from `hash`.
uint64_t Fnv1a(uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ull;
  }
  return hash;
}

// Fisher-Yates shuffle of *items (fewer than 2^32 of them) driven by *rng.
template <typename T>
void Shuffle(std::vector<T>* items, Rng* rng) {
  for (size_t i = items->size(); i > 1; --i) {
    const size_t j = rng->Below(static_cast<uint32_t>(i));
    std::swap((*items)[i - 1], (*items)[j]);
  }
}

// The bundled generator's Arabic news pages, handed out per site template:
// pages 0, 1, 2, ... of GeneratePage(kNews, seed, index) in order, each to
// the first request for its template. Pages of templates nobody uses are
// not kept.
class TemplatePages {
 public:
  TemplatePages(uint64_t seed, const std::vector<bool>& used)
      : seed_(seed), used_(used), queues_(used.size()) {}

  // The next page of template `t` (an index into ArabicSites(), with
  // used[t] set).
  Page Next(size_t t) {
    const auto sites = corpus::internal::ArabicSites();
    while (queues_[t].empty()) {
      Page page = corpus::GeneratePage(corpus::Variant::kNews, seed_, index_++);
      for (size_t i = 0; i < sites.size; ++i) {
        if (used_[i] && page.site == sites[i].domain) {
          queues_[i].push_back(std::move(page));
          break;
        }
      }
    }
    Page page = std::move(queues_[t].front());
    queues_[t].erase(queues_[t].begin());
    return page;
  }

 private:
  uint64_t seed_;
  std::vector<bool> used_;
  std::vector<std::vector<Page>> queues_;
  uint64_t index_ = 0;
};

struct Host {
  std::string name;
  size_t tmpl = 0;    // index into ArabicSites()
  bool solo = false;  // a single-page site, without site_template lines
  std::string tagline;
  std::string masthead;
};

enum class SpecKind { kOriginal, kSyndicated, kExact };

// One document of the crawl before rendering.
struct Spec {
  SpecKind kind = SpecKind::kOriginal;
  size_t host = 0;
  size_t source = 0;  // copies: index of the copied spec
  size_t group = 0;   // index of the group's original spec
  Article article;    // originals and syndicated copies
  double jaccard = 1.0;
  size_t position = 0;  // place in the crawl
};

// One rendered line.
struct Line {
  std::string content;  // without "\r" or "\n"
  bool cr = false;      // followed by "\r" before the "\n"
  LineClass cls = LineClass::kArticle;
  std::string source;  // teasers: source document id, empty if absent
};

// "doc-" and the position with at least six digits: "doc-000042".
std::string DocId(size_t position) {
  std::string id = "doc-";
  std::string digits = std::to_string(position);
  if (digits.size() < 6) id.append(6 - digits.size(), '0');
  id.append(digits);
  return id;
}

// A syndicated copy of `source`: with a title prefix, the last paragraph
// dropped, the first two paragraphs merged and about one word in 150
// replaced by another word of the article, each chosen at random; edits are
// given up (first the dropped paragraph and the replaced words, then the
// title prefix) until the main text's word 5-gram Jaccard similarity with
// the source is at least kMinCopyJaccard. Sets *jaccard to it.
Article SyndicatedCopy(const Article& source, Rng* rng, double* jaccard) {
  const bool prefix = rng->Chance(500);
  const std::string_view prefix_text =
      kTitlePrefixes[rng->Below(std::size(kTitlePrefixes))];
  const bool drop_last = source.paragraphs.size() >= 3 && rng->Chance(400);
  const bool merge = source.paragraphs.size() >= 2 && rng->Chance(300);
  // Replacements: (paragraph, word index, replacement word).
  std::vector<std::tuple<size_t, size_t, std::string>> replacements;
  std::vector<std::string> all_words;
  for (const std::string& p : source.paragraphs) {
    for (const auto& [b, e] : WordRanges(p))
      all_words.push_back(p.substr(b, e - b));
  }
  const size_t replace_count = all_words.size() / 150;
  for (size_t r = 0; r < replace_count; ++r) {
    const size_t p =
        rng->Below(static_cast<uint32_t>(source.paragraphs.size()));
    const size_t words = WordRanges(source.paragraphs[p]).size();
    const size_t w = rng->Below(static_cast<uint32_t>(words));
    replacements.emplace_back(
        p, w, all_words[rng->Below(static_cast<uint32_t>(all_words.size()))]);
  }
  const std::vector<uint64_t> source_shingles = Shingles(MainText(source));
  const auto build = [&](bool with_prefix, bool with_drop,
                         bool with_replacements) {
    Article copy = source;
    if (with_prefix) copy.title = std::string(prefix_text) + copy.title;
    if (with_replacements) {
      for (const auto& [p, w, word] : replacements) {
        std::string& text = copy.paragraphs[p];
        const auto ranges = WordRanges(text);
        text.replace(ranges[w].first, ranges[w].second - ranges[w].first, word);
      }
    }
    if (with_drop) copy.paragraphs.pop_back();
    if (merge) {
      copy.paragraphs[0] += " " + copy.paragraphs[1];
      copy.paragraphs.erase(copy.paragraphs.begin() + 1);
    }
    return copy;
  };
  const bool plans[3][3] = {
      {prefix, drop_last, true}, {prefix, false, false}, {false, false, false}};
  for (const auto& plan : plans) {
    Article copy = build(plan[0], plan[1], plan[2]);
    *jaccard = Jaccard(source_shingles, Shingles(MainText(copy)));
    if (*jaccard >= kMinCopyJaccard) return copy;
  }
  *jaccard = 1.0;  // merging paragraphs keeps the word sequence
  return build(false, false, false);
}

// True when the part is the date line of a site header (the only theme
// string with digits).
bool HasDigit(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') return true;
    if (text[i] == '\xD9' && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) >= 0xA0 &&
        static_cast<unsigned char>(text[i + 1]) <= 0xA9) {
      return true;
    }
  }
  return false;
}

// The label class of a part of a generated page.
LineClass ClassOf(const PagePart& part) {
  switch (part.kind) {
    case PagePart::kTitle:
      return LineClass::kTitle;
    case PagePart::kArticle:
      return LineClass::kArticle;
    case PagePart::kThemeString:
      return HasDigit(part.text) ? LineClass::kDate : LineClass::kTheme;
    case PagePart::kCommentForm:
      return LineClass::kCommentForm;
    case PagePart::kRelatedHeader:
      return LineClass::kRelatedHeader;
    case PagePart::kTeaser:
      return LineClass::kTeaser;
    case PagePart::kCategoryLabel:
      return LineClass::kLabel;
    case PagePart::kFooter:
      return LineClass::kFooter;
    case PagePart::kShareWidget:
      return LineClass::kShare;
  }
  return LineClass::kTheme;
}

// Builds the whole crawl once the article pool is fixed.
class CrawlBuilder {
 public:
  CrawlBuilder(const CrawlOptions& options, const std::vector<Article>& pool,
               size_t originals)
      : options_(options),
        pool_(pool),
        originals_(originals),
        plan_(Mix(options.seed, kPlanStream)),
        teaser_rng_(Mix(options.seed, kTeaserStream)) {}

  // Fills crawl->docs with options.pages documents; crawl->header is left
  // to the caller. Call once.
  void Build(Crawl* crawl) {
    const size_t pages = options_.pages;
    const size_t synd = pages * kSyndicatedPercent / 100;
    const size_t exact = pages * kExactPercent / 100;
    std::vector<size_t> order(pool_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    Shuffle(&order, &plan_);
    for (size_t i = originals_; i < order.size(); ++i) {
      absent_.push_back(order[i]);
    }
    MakeHosts();
    for (size_t i = 0; i < originals_; ++i) {
      Spec spec;
      spec.host = plan_.Chance(kSoloPerMille)
                      ? SoloHost(plan_.Below(TemplateCount()))
                      : plan_.Below(static_cast<uint32_t>(options_.sites));
      spec.group = i;
      spec.article = pool_[order[i]];
      specs_.push_back(std::move(spec));
    }
    for (size_t i = 0; i < synd; ++i) {
      Spec spec;
      spec.kind = SpecKind::kSyndicated;
      spec.source = plan_.Below(static_cast<uint32_t>(originals_));
      spec.group = spec.source;
      spec.host = OtherSiteHost(hosts_[specs_[spec.source].host].tmpl);
      Rng edit(Mix(Mix(options_.seed, kEditStream), i));
      spec.article =
          SyndicatedCopy(specs_[spec.source].article, &edit, &spec.jaccard);
      specs_.push_back(std::move(spec));
    }
    const size_t rendered = specs_.size();
    for (size_t i = 0; i < exact; ++i) {
      Spec spec;
      spec.kind = SpecKind::kExact;
      spec.source = plan_.Below(static_cast<uint32_t>(rendered));
      spec.group = specs_[spec.source].group;
      spec.host = specs_[spec.source].host;
      specs_.push_back(std::move(spec));
    }
    std::vector<size_t> positions(specs_.size());
    for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
    Shuffle(&positions, &plan_);
    for (size_t i = 0; i < specs_.size(); ++i) {
      specs_[i].position = positions[i];
    }

    crawl->docs.assign(specs_.size(), CrawlDoc());
    std::vector<bool> used(TemplateCount(), false);
    for (const Host& host : hosts_) used[host.tmpl] = true;
    TemplatePages templates(Mix(options_.seed, kTemplateStream), used);
    for (size_t i = 0; i < rendered; ++i) {
      Render(i, templates.Next(hosts_[specs_[i].host].tmpl),
             &crawl->docs[specs_[i].position]);
    }
    for (size_t i = rendered; i < specs_.size(); ++i) {
      const CrawlDoc& source = crawl->docs[specs_[specs_[i].source].position];
      CrawlDoc& doc = crawl->docs[specs_[i].position];
      doc.text = source.text;
      doc.label.lines = source.label.lines;
      doc.url = UniqueUrl(
          source.url + (source.url.find('?') == std::string::npos ? "?" : "&") +
              "output=amp",
          specs_[i].position);
      Fill(i, &doc);
    }
  }

 private:
  // Number of Arabic site templates of the bundled generator.
  static uint32_t TemplateCount() {
    return static_cast<uint32_t>(corpus::internal::ArabicSites().size);
  }

  // Creates the options.sites multi-page hosts with their site_template
  // lines (distinct for the first 144 hosts).
  void MakeHosts() {
    const auto sites = corpus::internal::ArabicSites();
    Rng lines(Mix(options_.seed, kSiteLineStream));
    const size_t offset = lines.Below(kLineChoices * kLineChoices);
    for (size_t s = 0; s < options_.sites; ++s) {
      Host host;
      host.tmpl = s % sites.size;
      std::string_view domain = sites[host.tmpl].domain;
      if (s < sites.size) {
        host.name = std::string(domain);
      } else {
        domain.remove_suffix(std::string_view(".example").size());
        host.name = std::string(domain) + "-" +
                    std::to_string(s / sites.size + 1) + ".example";
      }
      // (a, (q + a) mod 12) with s' = 12 q + a is one-to-one for s' < 144.
      const size_t k = (s + offset) % (kLineChoices * kLineChoices);
      const size_t a = k % kLineChoices;
      const size_t b = (k / kLineChoices + a) % kLineChoices;
      host.tagline =
          std::string(kTaglines[a]) + " | " + std::string(kPublishers[b]);
      host.masthead = "رئيس التحرير: " + std::string(kEditorFirst[b]) + " " +
                      std::string(kEditorFamily[a]) + " — ترخيص رقم " +
                      std::to_string(1000 + lines.Below(9000));
      hosts_.push_back(std::move(host));
    }
  }

  // Adds a single-page host with template `tmpl`; returns its index.
  size_t SoloHost(size_t tmpl) {
    Host host;
    host.name = "akhbar-" + std::to_string(hosts_.size()) + ".example";
    host.tmpl = tmpl;
    host.solo = true;
    hosts_.push_back(std::move(host));
    return hosts_.size() - 1;
  }

  // A multi-page host whose template differs from `tmpl`, else a new
  // single-page host with another template.
  size_t OtherSiteHost(size_t tmpl) {
    for (int attempt = 0; attempt < 16; ++attempt) {
      const size_t h = plan_.Below(static_cast<uint32_t>(options_.sites));
      if (hosts_[h].tmpl != tmpl) return h;
    }
    return SoloHost((tmpl + 1 + plan_.Below(TemplateCount() - 1)) %
                    TemplateCount());
  }

  // `url`, or, when an earlier document has it, `url` with a "ref"
  // parameter naming the document at `position`. Remembers the result.
  std::string UniqueUrl(std::string url, size_t position) {
    if (!urls_.insert(url).second) {
      url += (url.find('?') == std::string::npos ? "?" : "&");
      url += "ref=" + DocId(position);
      urls_.insert(url);
    }
    return url;
  }

  // Sets line->content to a teaser for a page of spec `self` (never of its
  // own group nor repeating one already in `shown_docs`/`shown_absent`,
  // which it extends) ending with `ellipsis`, and line->source to the id of
  // the document it shows, or leaves it empty for an absent article.
  void Teaser(size_t self, std::string_view ellipsis,
              std::vector<size_t>* shown_docs,
              std::vector<size_t>* shown_absent, Line* line) {
    const Article* article = nullptr;
    if (teaser_rng_.Chance(kPresentTeaserPerMille)) {
      const size_t candidates = originals_ + SyndicatedCount();
      for (int attempt = 0; attempt < 8 && article == nullptr; ++attempt) {
        const size_t c = teaser_rng_.Below(static_cast<uint32_t>(candidates));
        if (specs_[c].group == specs_[self].group ||
            std::find(shown_docs->begin(), shown_docs->end(), c) !=
                shown_docs->end()) {
          continue;
        }
        shown_docs->push_back(c);
        article = &specs_[c].article;
        line->source = DocId(specs_[c].position);
      }
    }
    for (int attempt = 0; attempt < 8 && article == nullptr; ++attempt) {
      // Skewed towards the first absent articles: popular stories are
      // teased on many pages.
      const uint64_t u = teaser_rng_.Below(1 << 16);
      const size_t a = static_cast<size_t>((absent_.size() * u * u) >> 32);
      if (attempt < 7 && std::find(shown_absent->begin(), shown_absent->end(),
                                   a) != shown_absent->end()) {
        continue;
      }
      shown_absent->push_back(a);
      article = &pool_[absent_[a]];
    }
    const size_t chars = static_cast<size_t>(teaser_rng_.Between(80, 160));
    line->content = std::string(CutInsideWord(Body(*article), chars)) +
                    std::string(ellipsis);
    line->cls = LineClass::kTeaser;
  }

  // Number of syndicated copies in the crawl.
  size_t SyndicatedCount() const {
    return options_.pages * kSyndicatedPercent / 100;
  }

  // Renders spec `i` (an original or a syndicated copy) on template page
  // `page` into *doc.
  void Render(size_t i, const Page& page, CrawlDoc* doc) {
    const Spec& spec = specs_[i];
    const Host& host = hosts_[spec.host];
    const Site& site = corpus::internal::ArabicSites()[host.tmpl];
    bool crlf = true;
    for (const PagePart& part : page.parts) {
      crlf = crlf && !part.text.empty() && part.text.back() == '\r';
    }
    std::vector<Line> lines;
    const auto add = [&](std::string_view content, LineClass cls) {
      Line line;
      line.content = std::string(content);
      line.cr = crlf;
      line.cls = cls;
      lines.push_back(std::move(line));
    };
    std::vector<size_t> shown_docs;
    std::vector<size_t> shown_absent;
    bool article_done = false;
    bool footer_seen = false;
    bool title_seen = false;
    for (size_t p = 0; p < page.parts.size(); ++p) {
      const PagePart& part = page.parts[p];
      switch (part.kind) {
        case PagePart::kTitle:
          add(spec.article.title, LineClass::kTitle);
          title_seen = true;
          break;
        case PagePart::kArticle:
          if (!article_done) {
            for (const std::string& paragraph : spec.article.paragraphs) {
              add(paragraph, LineClass::kArticle);
            }
            article_done = true;
          }
          break;
        case PagePart::kTeaser: {
          Line line;
          line.cr = crlf;
          Teaser(i, site.ellipsis, &shown_docs, &shown_absent, &line);
          lines.push_back(std::move(line));
          break;
        }
        default: {
          if (part.kind == PagePart::kFooter && !footer_seen && !host.solo) {
            add(host.masthead, LineClass::kSiteTemplate);
          }
          footer_seen = footer_seen || part.kind == PagePart::kFooter;
          Line line;
          line.content = part.text;
          line.cr = !line.content.empty() && line.content.back() == '\r';
          if (line.cr) line.content.pop_back();
          line.cls = ClassOf(part);
          lines.push_back(std::move(line));
          // The tagline follows the header's theme strings.
          if (!title_seen && !host.solo &&
              part.kind == PagePart::kThemeString &&
              p + 1 < page.parts.size() &&
              page.parts[p + 1].kind != PagePart::kThemeString) {
            add(host.tagline, LineClass::kSiteTemplate);
          }
        }
      }
    }
    for (size_t l = 0; l < lines.size(); ++l) {
      if (l > 0) doc->text.push_back('\n');
      LabeledLine label;
      label.start = doc->text.size();
      doc->text.append(lines[l].content);
      label.end = doc->text.size();
      label.cls = lines[l].cls;
      label.source = std::move(lines[l].source);
      if (lines[l].cr) doc->text.push_back('\r');
      doc->label.lines.push_back(std::move(label));
    }
    std::string url = page.url;
    const size_t at = url.find(site.domain);
    url.replace(at, site.domain.size(), host.name);
    doc->url = UniqueUrl(std::move(url), spec.position);
    Fill(i, doc);
  }

  // Sets the document-level label fields of spec `i`.
  void Fill(size_t i, CrawlDoc* doc) {
    const Spec& spec = specs_[i];
    LabeledDoc& label = doc->label;
    label.id = DocId(spec.position);
    label.host = hosts_[spec.host].name;
    label.copy = spec.kind == SpecKind::kOriginal     ? CopyKind::kOriginal
                 : spec.kind == SpecKind::kSyndicated ? CopyKind::kSyndicated
                                                      : CopyKind::kExact;
    if (spec.kind != SpecKind::kOriginal) {
      label.copy_of = DocId(specs_[spec.source].position);
    }
    label.group = DocId(specs_[spec.group].position);
    label.jaccard = spec.kind == SpecKind::kExact ? 1.0 : spec.jaccard;
    label.bytes = doc->text.size();
  }

  const CrawlOptions& options_;
  const std::vector<Article>& pool_;
  const size_t originals_;
  Rng plan_;
  Rng teaser_rng_;
  std::vector<size_t> absent_;  // pool indices of articles not in the crawl
  std::vector<Host> hosts_;
  std::vector<Spec> specs_;
  std::set<std::string> urls_;
};

// Number of original documents in a crawl of `pages` documents.
size_t OriginalCount(size_t pages) {
  return pages - pages * kSyndicatedPercent / 100 - pages * kExactPercent / 100;
}

}  // namespace

bool ParseSaudiNewsNet(std::string_view json, std::vector<Article>* articles,
                       std::string* error) {
  articles->clear();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto code = parser.parse(json.data(), json.size()).get(root)) {
    *error =
        std::string("invalid JSON (") + simdjson::error_message(code) + ")";
    return false;
  }
  simdjson::dom::array array;
  if (root.get(array)) {
    *error = "expected a JSON array of articles";
    return false;
  }
  for (const simdjson::dom::element item : array) {
    simdjson::dom::object object;
    if (item.get(object)) {
      *error = "expected a JSON array of objects";
      return false;
    }
    std::string_view title;
    std::string_view content;
    if (!GetString(object, "title", &title) ||
        !GetString(object, "content", &content)) {
      *error = "an article lacks a string \"title\" or \"content\"";
      return false;
    }
    Article article;
    article.title = std::string(Trim(WithoutBreaks(title)));
    size_t pos = 0;
    while (pos <= content.size()) {
      size_t end = content.find('\n', pos);
      if (end == std::string_view::npos) end = content.size();
      const std::string paragraph =
          std::string(Trim(WithoutBreaks(content.substr(pos, end - pos))));
      if (!paragraph.empty()) article.paragraphs.push_back(paragraph);
      pos = end + 1;
    }
    if (!article.title.empty() && !article.paragraphs.empty()) {
      articles->push_back(std::move(article));
    }
  }
  return true;
}

std::vector<Article> DistinctArticles(const std::vector<Article>& articles) {
  std::vector<Article> kept;
  std::vector<size_t> kept_shingles;  // shingle count of each kept article
  std::unordered_map<uint64_t, std::vector<uint32_t>> index;
  std::set<std::string> titles;
  for (const Article& article : articles) {
    if (titles.count(article.title) != 0) continue;
    std::string body;
    for (const std::string& p : article.paragraphs)
      body.append(p).push_back('\n');
    const std::vector<uint64_t> shingles = Shingles(body);
    std::map<uint32_t, size_t> shared;
    for (const uint64_t s : shingles) {
      const auto it = index.find(s);
      if (it == index.end()) continue;
      for (const uint32_t k : it->second) ++shared[k];
    }
    bool duplicate = false;
    for (const auto& [k, count] : shared) {
      const size_t smaller = std::min(shingles.size(), kept_shingles[k]);
      duplicate = duplicate || count * 5 >= smaller;
    }
    if (duplicate) continue;
    const uint32_t k = static_cast<uint32_t>(kept.size());
    for (const uint64_t s : shingles) index[s].push_back(k);
    kept_shingles.push_back(shingles.size());
    titles.insert(article.title);
    kept.push_back(article);
  }
  // Residue: very short paragraphs found in two articles or more, and
  // short ones whose first words open short paragraphs of several articles
  // (contact lines with changing numbers: "للتواصل أرسل sms إلى 88548 …").
  std::map<std::string, size_t> short_paragraphs;  // text -> articles
  std::map<std::string, size_t> openings;          // opening -> articles
  for (const Article& article : kept) {
    std::set<std::string> seen;
    for (const std::string& p : article.paragraphs) {
      if (WordRanges(p).size() < kResidueMaxWords && seen.insert(p).second) {
        ++short_paragraphs[p];
      }
    }
    std::set<std::string> seen_openings;
    for (const std::string& p : article.paragraphs) {
      for (const ResidueOpening& rule : kResidueOpenings) {
        const std::string start = Opening(p, rule.words);
        if (!start.empty() && seen_openings.insert(start).second) {
          ++openings[start];
        }
      }
    }
  }
  const auto is_residue = [&](const std::string& p) {
    const auto text = short_paragraphs.find(p);
    if (text != short_paragraphs.end() && text->second >= 2) return true;
    for (const ResidueOpening& rule : kResidueOpenings) {
      const auto start = openings.find(Opening(p, rule.words));
      if (start != openings.end() && !start->first.empty() &&
          start->second >= rule.articles) {
        return true;
      }
    }
    return false;
  };
  std::vector<Article> out;
  for (Article& article : kept) {
    std::vector<std::string> paragraphs;
    for (std::string& p : article.paragraphs) {
      if (!is_residue(p)) paragraphs.push_back(std::move(p));
    }
    article.paragraphs = std::move(paragraphs);
    if (!article.paragraphs.empty() && WordCount(article) >= kMinArticleWords) {
      out.push_back(std::move(article));
    }
  }
  return out;
}

std::vector<Article> GeneratedArticles(uint64_t seed, size_t count) {
  std::vector<Article> articles;
  const uint64_t pool_seed = Mix(seed, kPoolStream);
  const auto strip_cr = [](std::string text) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
  };
  for (uint64_t index = 0; articles.size() < count; ++index) {
    const Page page =
        corpus::GeneratePage(corpus::Variant::kNews, pool_seed, index);
    if (page.story != index) continue;
    Article article;
    for (const PagePart& part : page.parts) {
      if (part.kind == PagePart::kTitle) {
        article.title = strip_cr(part.text);
      } else if (part.kind == PagePart::kArticle) {
        article.paragraphs.push_back(strip_cr(part.text));
      }
    }
    articles.push_back(std::move(article));
  }
  return articles;
}

std::vector<uint64_t> Shingles(std::string_view text) {
  const auto words = WordRanges(text);
  std::vector<uint64_t> shingles;
  const size_t n = words.size() < 5 ? 1 : words.size() - 4;
  if (words.empty()) return shingles;
  for (size_t i = 0; i < n; ++i) {
    uint64_t hash = 0xCBF29CE484222325ull;
    for (size_t k = i; k < std::min(i + 5, words.size()); ++k) {
      hash = Fnv1a(
          hash, text.substr(words[k].first, words[k].second - words[k].first));
      hash = Fnv1a(hash, " ");
    }
    shingles.push_back(hash);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t shared = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return static_cast<double>(shared) /
         static_cast<double>(a.size() + b.size() - shared);
}

bool GenerateCrawl(const CrawlOptions& options,
                   const std::vector<Article>* articles,
                   std::string_view articles_name, Crawl* crawl,
                   std::string* error) {
  constexpr size_t kMaxPages = 10'000'000;
  constexpr size_t kMaxSites = 100'000;
  if (options.pages < 1 || options.pages > kMaxPages) {
    *error = "--pages must be between 1 and " + std::to_string(kMaxPages);
    return false;
  }
  if (options.sites < 1 || options.sites > kMaxSites) {
    *error = "--sites must be between 1 and " + std::to_string(kMaxSites);
    return false;
  }
  const size_t originals = OriginalCount(options.pages);
  std::vector<Article> generated;
  if (articles == nullptr) {
    generated = GeneratedArticles(
        options.seed, originals + std::max(kMinAbsentArticles, originals / 4));
    articles = &generated;
    articles_name = "generated";
  } else if (articles->size() < originals + kMinAbsentArticles) {
    size_t fits = 0;
    while (OriginalCount(fits + 1) + kMinAbsentArticles <= articles->size()) {
      ++fits;
    }
    *error = "only " + std::to_string(articles->size()) +
             " usable articles; at most --pages " + std::to_string(fits);
    return false;
  }
  for (const Article& article : *articles) {
    if (article.title.empty() || article.paragraphs.empty()) {
      *error = "every article needs a title and a paragraph";
      return false;
    }
  }
  crawl->header.seed = options.seed;
  crawl->header.pages = options.pages;
  crawl->header.sites = options.sites;
  crawl->header.articles = std::string(articles_name);
  CrawlBuilder(options, *articles, originals).Build(crawl);
  return true;
}

void AppendCrawlRecord(const CrawlDoc& doc, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(doc.label.id, out);
  out->append(",\"url\":");
  AppendJsonString(doc.url, out);
  out->append(",\"text\":");
  AppendJsonString(doc.text, out);
  out->append("}\n");
}

}  // namespace safi::eval
