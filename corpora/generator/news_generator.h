// SPDX-License-Identifier: Apache-2.0
// Deterministic generator of realistic Arabic news pages with labeled parts
// (safi's bundled corpus).
//
// All text comes from the team's own lexicons (lexicon_ar.cc, lexicon_en.cc,
// sites.cc). Output depends only on the arguments: the generator uses its own
// integer PRNG (xoshiro256**), never std:: distributions, so it is identical
// on every platform. Every function is reentrant and thread-safe.
#ifndef SAFI_CORPORA_GENERATOR_NEWS_GENERATOR_H_
#define SAFI_CORPORA_GENERATOR_NEWS_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace safi::corpus {

enum class Variant {
  kNews,       // Arabic news pages with crawl noise
  kVocalized,  // the same with full tashkeel on titles, articles, teasers
  kPresentationForms,  // the same with ~50% of Arabic words in U+FE70..U+FEFF
  kMostlyAscii,        // English pages, an Arabic paragraph every ~100 lines
};

// "news", "vocalized", "presentation" or "ascii".
const char* VariantName(Variant v);

// Sets *v from a name returned by VariantName and returns true; returns false
// (leaving *v unchanged) for any other name.
bool ParseVariant(std::string_view name, Variant* v);

// Every variant, in declaration order.
std::vector<Variant> AllVariants();

// Valid UTF-8 of at most `bytes` bytes: pages 0, 1, 2, ... of
// GeneratePage(variant, seed, index), each rendered by RenderPage and
// separated by one empty line ("\n"). Stops before the first page that would
// not fit; if not even page 0 fits, returns page 0 cut at the last character
// boundary at or before `bytes`. Deterministic in (variant, bytes, seed), and
// the output for fewer bytes is a prefix of the output for more.
std::string Generate(Variant variant, size_t bytes, uint64_t seed);

// Streams exactly what Generate(variant, bytes, seed) returns, in pieces (a
// page at a time, never empty), to `sink`, holding only one page in memory.
void GenerateTo(Variant variant, size_t bytes, uint64_t seed,
                const std::function<void(std::string_view)>& sink);

// One line of a page with its label.
struct PagePart {
  enum Kind {
    kTitle,
    kArticle,        // one paragraph of the article body
    kThemeString,    // site chrome: menu items, search box, date line
    kCommentForm,    // one line of the comment form block
    kRelatedHeader,  // "related articles" heading
    kTeaser,         // opening of another article, cut mid-word + ellipsis
    kCategoryLabel,  // the category line before each teaser
    kFooter,
    kShareWidget,  // share / follow widget lines
  } kind;
  // The line as it appears in the page, without its "\n" terminator. Never
  // empty nor blank; may end with "\r" (a CRLF line) and carry other noise.
  std::string text;
  // For kTeaser: the index of the page whose article opening this teaser
  // shows (that page may lie beyond the generated prefix). -1 otherwise.
  int64_t source_page = -1;
};

struct Page {
  std::string site;  // host name, e.g. "sawt-almadina.example"
  std::string url;
  std::vector<PagePart> parts;  // in page order
  // The index of the page that first carried this article. Equal to the
  // page's own index unless the page is a syndicated copy (~4% of pages,
  // on another or the same site, sometimes shortened by a paragraph), which
  // makes near-duplicate documents for deduplication work.
  uint64_t story = 0;
};

// Page `index` of the corpus with this seed: one title, 5 to 12 article
// paragraphs, 4 to 8 teasers each after a category label, and at least one
// line of every other kind. Deterministic in (variant, seed, index).
Page GeneratePage(Variant variant, uint64_t seed, uint64_t index);

// The page's lines in order, each followed by "\n".
std::string RenderPage(const Page& page);

}  // namespace safi::corpus

#endif  // SAFI_CORPORA_GENERATOR_NEWS_GENERATOR_H_
