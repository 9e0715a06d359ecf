// SPDX-License-Identifier: Apache-2.0
// Fictional news sites: each with its own page template, boilerplate wording
// and noise profile.
#ifndef SAFI_CORPORA_GENERATOR_SITES_H_
#define SAFI_CORPORA_GENERATOR_SITES_H_

#include <string_view>

#include "generator_util.h"
#include "script_transforms.h"
#include "story.h"

namespace safi::corpus::internal {

enum class UrlStyle { kHtml, kDated, kQuery, kSlug };

// A site's template. `layout` lists the page blocks in order:
//   h header theme strings    d date line (theme string)   t title
//   a article paragraphs      s share widget               c comment form
//   r related header + labeled teasers                     l follow widget
//   f footer
struct Site {
  std::string_view domain;  // under the reserved .example top-level domain
  std::string_view layout;
  Span<std::string_view> header;
  Span<std::string_view> share;
  Span<std::string_view> comment_form;
  Span<std::string_view> related_headers;  // one per page
  Span<std::string_view> follow;
  Span<std::string_view> footer;
  const std::string_view* labels;  // kCategoryCount category labels
  int teasers_min;                 // 4 <= teasers_min <= teasers_max <= 8
  int teasers_max;
  std::string_view ellipsis;  // appended to teasers
  NoiseProfile noise;
  uint16_t crlf_pages;  // per mille of pages with CRLF on every line
  UrlStyle url;
};

// The Arabic sites (for the news, vocalized and presentation variants).
Span<Site> ArabicSites();
// The English sites (for the mostly-ASCII variant).
Span<Site> EnglishSites();

}  // namespace safi::corpus::internal

#endif  // SAFI_CORPORA_GENERATOR_SITES_H_
