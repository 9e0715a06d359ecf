// SPDX-License-Identifier: Apache-2.0
// Assembles labeled news pages from stories, site templates and noise, and
// concatenates them.

#include "news_generator.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator_util.h"
#include "script_transforms.h"
#include "sites.h"
#include "story.h"

namespace safi::corpus {
namespace {

using internal::DecodeUtf8;
using internal::Language;
using internal::Mix;
using internal::NoiseProfile;
using internal::Rng;
using internal::Site;
using internal::Span;
using internal::Story;
using internal::UrlStyle;

// Random streams derived from a page seed.
constexpr uint64_t kLayoutStream = 1;
constexpr uint64_t kNoiseStream = 2;
constexpr uint64_t kScriptStream = 3;
constexpr uint64_t kStoryStream = 4;
constexpr uint64_t kSyndicationStream = 5;
constexpr uint64_t kMixStream = 6;
constexpr uint64_t kUrlStream = 7;

constexpr uint32_t kSyndicatedPerMille = 40;
constexpr uint64_t kSyndicationWindow = 300;  // how far back a copy looks
constexpr uint32_t kTeaserWindow = 40;        // teasers point this far away
constexpr uint32_t kPresentationPerMille = 500;
// Chance that an English page carries one Arabic paragraph.
constexpr uint32_t kArabicParagraphPerMille = 350;

constexpr std::string_view kSlugs[internal::kCategoryCount] = {
    "politics", "economy", "sports", "culture",    "technology",
    "health",   "local",   "world",  "environment"};

uint64_t PageSeed(uint64_t seed, uint64_t index) { return Mix(seed, index); }

uint64_t StorySeed(uint64_t seed, uint64_t story) {
  return Mix(PageSeed(seed, story), kStoryStream);
}

// The index of the page that first carried page `index`'s article: follows
// syndication links back until a page that is not a copy.
uint64_t PageStory(uint64_t seed, uint64_t index) {
  while (index > 0) {
    Rng rng(Mix(PageSeed(seed, index), kSyndicationStream));
    if (!rng.Chance(kSyndicatedPerMille)) break;
    const uint64_t window = std::min(index, kSyndicationWindow);
    index -= 1 + rng.Below(static_cast<uint32_t>(window));
  }
  return index;
}

void AppendNumber(uint64_t value, int min_digits, std::string* out) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 || n < min_digits);
  while (n > 0) out->push_back(digits[--n]);
}

// True for code points that can sit inside a word (letters, digits, marks).
bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  }
  return (cp >= 0x0621 && cp <= 0x0652) || (cp >= 0x0660 && cp <= 0x0669) ||
         (cp >= 0x00C0 && cp <= 0x024F);
}

// The first bytes of `text` holding about `chars` code points, ending
// inside a word: the first cut at or after `chars` code points with a word
// character on both sides, else the last such cut before it, else all of
// `text`.
std::string_view CutMidWord(std::string_view text, size_t chars) {
  size_t count = 0;
  size_t last_inside = 0;  // latest byte offset seen with word chars around
  char32_t prev = 0;
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    if (count > 0 && IsWordChar(prev) && IsWordChar(cp)) {
      if (count >= chars) return text.substr(0, start);
      last_inside = start;
    }
    prev = cp;
    ++count;
  }
  return last_inside > 0 ? text.substr(0, last_inside) : text;
}

class PageBuilder {
 public:
  PageBuilder(Variant variant, uint64_t seed, uint64_t index)
      : variant_(variant),
        seed_(seed),
        index_(index),
        language_(variant == Variant::kMostlyAscii ? Language::kEnglish
                                                   : Language::kArabic),
        layout_(Mix(PageSeed(seed, index), kLayoutStream)),
        script_(Mix(PageSeed(seed, index), kScriptStream)) {}

  Page Build() {
    const Span<Site> sites =
        english() ? internal::EnglishSites() : internal::ArabicSites();
    site_ = &internal::Pick(layout_, sites);
    NoiseProfile profile = site_->noise;
    if (layout_.Chance(site_->crlf_pages)) profile.crlf = 1000;
    noiser_.emplace(profile, Mix(PageSeed(seed_, index_), kNoiseStream));
    page_.story = PageStory(seed_, index_);
    Story story = internal::MakeStory(language_, StorySeed(seed_, page_.story));
    if (page_.story != index_ && story.paragraphs.size() > 5 &&
        layout_.Chance(500)) {
      story.paragraphs.pop_back();
    }
    page_.site = std::string(site_->domain);
    page_.url = Url(story.category);
    for (const char block : site_->layout) {
      switch (block) {
        case 'h':
          AddLines(PagePart::kThemeString, site_->header);
          break;
        case 'd':
          Add(PagePart::kThemeString, DateLine(), Prose::kNo);
          break;
        case 't':
          Add(PagePart::kTitle, story.title, Prose::kYes);
          break;
        case 'a':
          Article(story);
          break;
        case 's':
          AddLines(PagePart::kShareWidget, site_->share);
          break;
        case 'l':
          AddLines(PagePart::kShareWidget, site_->follow);
          break;
        case 'c':
          AddLines(PagePart::kCommentForm, site_->comment_form);
          break;
        case 'r':
          Add(PagePart::kRelatedHeader,
              internal::Pick(layout_, site_->related_headers), Prose::kNo);
          Teasers();
          break;
        default:  // 'f'
          AddLines(PagePart::kFooter, site_->footer);
          break;
      }
    }
    return std::move(page_);
  }

 private:
  // kYes: article text in the page's language; kArabic: an Arabic paragraph
  // on an English page; kNo: boilerplate.
  enum class Prose { kNo, kYes, kArabic };

  bool english() const { return language_ == Language::kEnglish; }

  void Add(PagePart::Kind kind, std::string_view text, Prose prose,
           int64_t source_page = -1) {
    std::string_view line = text;
    buffer_.clear();
    if (variant_ == Variant::kVocalized && prose == Prose::kYes) {
      internal::Vocalize(line, &script_, &buffer_);
      line = buffer_;
    } else if (variant_ == Variant::kPresentationForms) {
      internal::ToPresentationForms(line, kPresentationPerMille, &script_,
                                    &buffer_);
      line = buffer_;
    }
    PagePart part{kind, std::string(), source_page};
    const bool arabic_digits =
        prose == Prose::kArabic || (prose == Prose::kYes && !english());
    noiser_->AddLine(line, arabic_digits, &part.text);
    page_.parts.push_back(std::move(part));
  }

  void AddLines(PagePart::Kind kind, Span<std::string_view> lines) {
    for (const std::string_view line : lines) Add(kind, line, Prose::kNo);
  }

  void Article(const Story& story) {
    const size_t n = story.paragraphs.size();
    size_t arabic_at = n + 1;  // none
    if (english() && layout_.Chance(kArabicParagraphPerMille)) {
      arabic_at = layout_.Below(static_cast<uint32_t>(n + 1));
    }
    for (size_t p = 0; p <= n; ++p) {
      if (p == arabic_at) {
        const std::string arabic = internal::StandaloneParagraph(
            Language::kArabic, Mix(PageSeed(seed_, index_), kMixStream),
            story.category);
        Add(PagePart::kArticle, arabic, Prose::kArabic);
      }
      if (p < n) Add(PagePart::kArticle, story.paragraphs[p], Prose::kYes);
    }
  }

  void Teasers() {
    const int count = layout_.Between(site_->teasers_min, site_->teasers_max);
    std::vector<uint64_t> shown = {page_.story};  // stories not to repeat
    const auto is_shown = [&shown](uint64_t story) {
      return std::find(shown.begin(), shown.end(), story) != shown.end();
    };
    for (int t = 0; t < count; ++t) {
      uint64_t target = index_;
      uint64_t target_story = page_.story;
      for (int attempt = 0; attempt < 8 && is_shown(target_story); ++attempt) {
        const uint64_t offset = 1 + layout_.Below(kTeaserWindow);
        target = (index_ >= offset && layout_.Chance(500)) ? index_ - offset
                                                           : index_ + offset;
        target_story = PageStory(seed_, target);
      }
      shown.push_back(target_story);
      const uint64_t story_seed = StorySeed(seed_, target_story);
      Add(PagePart::kCategoryLabel,
          site_->labels[internal::StoryCategory(story_seed)], Prose::kNo);
      const size_t chars = static_cast<size_t>(
          english() ? layout_.Between(110, 220) : layout_.Between(80, 160));
      const std::string lead =
          internal::StoryLead(language_, story_seed, chars * 2 + 40);
      std::string teaser(CutMidWord(lead, chars));
      teaser.append(site_->ellipsis);
      Add(PagePart::kTeaser, teaser, Prose::kYes, static_cast<int64_t>(target));
    }
  }

  std::string DateLine() {
    const internal::Lexicon& lex =
        english() ? internal::EnglishLexicon() : internal::ArabicLexicon();
    std::string line(internal::Pick(layout_, lex.weekdays));
    line.append(english() ? ", " : "، ");
    const int day = layout_.Between(1, 28);
    const std::string_view month = internal::Pick(layout_, lex.months[0]);
    if (english()) {
      line.append(month);
      line.push_back(' ');
      AppendNumber(day, 1, &line);
      line.append(", ");
    } else {
      AppendNumber(day, 1, &line);
      line.push_back(' ');
      line.append(month);
      line.push_back(' ');
    }
    AppendNumber(layout_.Between(2019, 2024), 4, &line);
    return line;
  }

  std::string Url(int category) {
    Rng rng(Mix(PageSeed(seed_, index_), kUrlStream));
    const uint64_t id = 100000 + rng.Below(9000000);
    const std::string_view slug = kSlugs[category];
    std::string url = "https://";
    switch (site_->url) {
      case UrlStyle::kHtml:
        url.append("www.").append(site_->domain).push_back('/');
        url.append(slug).push_back('/');
        AppendNumber(id, 1, &url);
        url.append(".html");
        break;
      case UrlStyle::kDated:
        url.append(site_->domain).push_back('/');
        AppendNumber(rng.Between(2019, 2024), 4, &url);
        url.push_back('/');
        AppendNumber(rng.Between(1, 12), 2, &url);
        url.push_back('/');
        AppendNumber(rng.Between(1, 28), 2, &url);
        url.push_back('/');
        url.append(slug).push_back('-');
        AppendNumber(id, 1, &url);
        url.push_back('/');
        break;
      case UrlStyle::kQuery:
        url.append(site_->domain).append("/?p=");
        AppendNumber(id, 1, &url);
        break;
      case UrlStyle::kSlug:
        url.append(site_->domain).push_back('/');
        url.append(slug).append("/article-");
        AppendNumber(id, 1, &url);
        break;
    }
    return url;
  }

  const Variant variant_;
  const uint64_t seed_;
  const uint64_t index_;
  const Language language_;
  Rng layout_;
  Rng script_;
  const Site* site_ = nullptr;
  std::optional<internal::Noiser> noiser_;
  Page page_;
  std::string buffer_;
};

}  // namespace

const char* VariantName(Variant v) {
  switch (v) {
    case Variant::kNews:
      return "news";
    case Variant::kVocalized:
      return "vocalized";
    case Variant::kPresentationForms:
      return "presentation";
    case Variant::kMostlyAscii:
      return "ascii";
  }
  return "news";
}

bool ParseVariant(std::string_view name, Variant* v) {
  for (const Variant candidate : AllVariants()) {
    if (name == VariantName(candidate)) {
      *v = candidate;
      return true;
    }
  }
  return false;
}

std::vector<Variant> AllVariants() {
  return {Variant::kNews, Variant::kVocalized, Variant::kPresentationForms,
          Variant::kMostlyAscii};
}

Page GeneratePage(Variant variant, uint64_t seed, uint64_t index) {
  return PageBuilder(variant, seed, index).Build();
}

std::string RenderPage(const Page& page) {
  size_t size = 0;
  for (const PagePart& part : page.parts) size += part.text.size() + 1;
  std::string out;
  out.reserve(size);
  for (const PagePart& part : page.parts) {
    out.append(part.text);
    out.push_back('\n');
  }
  return out;
}

void GenerateTo(Variant variant, size_t bytes, uint64_t seed,
                const std::function<void(std::string_view)>& sink) {
  size_t written = 0;
  std::string chunk;
  for (uint64_t index = 0;; ++index) {
    chunk.clear();
    if (index > 0) chunk.push_back('\n');
    chunk.append(RenderPage(GeneratePage(variant, seed, index)));
    if (chunk.size() > bytes - written) {
      if (index == 0 && bytes > 0) {
        size_t cut = bytes;
        while (cut > 0 &&
               (static_cast<unsigned char>(chunk[cut]) & 0xC0) == 0x80) {
          --cut;
        }
        if (cut > 0) sink(std::string_view(chunk).substr(0, cut));
      }
      return;
    }
    sink(chunk);
    written += chunk.size();
  }
}

std::string Generate(Variant variant, size_t bytes, uint64_t seed) {
  std::string out;
  out.reserve(std::min<size_t>(bytes, size_t{1} << 30));
  GenerateTo(variant, bytes, seed,
             [&out](std::string_view piece) { out.append(piece); });
  return out;
}

}  // namespace safi::corpus
