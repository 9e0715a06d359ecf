// SPDX-License-Identifier: Apache-2.0
// Dedup parameters and their validation, enum names, the site of a URL and
// the text of a document without its removed spans.
#include <string>
#include <string_view>
#include <vector>

#include "safi/dedup.h"

namespace safi {

bool DedupParams::operator==(const DedupParams& other) const {
  return hash_seed == other.hash_seed &&
         template_min_site_pages == other.template_min_site_pages &&
         template_min_pages == other.template_min_pages &&
         template_page_permille == other.template_page_permille &&
         global_min_sites == other.global_min_sites &&
         global_max_words == other.global_max_words &&
         teaser_min_words == other.teaser_min_words &&
         label_max_words == other.label_max_words &&
         lead_lines == other.lead_lines &&
         shingle_words == other.shingle_words &&
         shingle_min_line_words == other.shingle_min_line_words &&
         bands == other.bands && rows == other.rows &&
         near_dup_permille == other.near_dup_permille;
}

bool ValidDedupParams(const DedupParams& p, std::string* why) {
  const char* problem = nullptr;
  if (p.template_page_permille < 1 || p.template_page_permille > 1000 ||
      p.near_dup_permille < 1 || p.near_dup_permille > 1000) {
    problem = "per-mille thresholds must be in 1..1000";
  } else if (p.template_min_site_pages < 1 || p.template_min_pages < 1 ||
             p.global_min_sites < 1 || p.global_max_words < 1 ||
             p.teaser_min_words < 1 || p.label_max_words < 1 ||
             p.lead_lines < 1 || p.shingle_words < 1 ||
             p.shingle_min_line_words < 1 || p.bands < 1 || p.rows < 1) {
    problem = "every count must be at least 1";
  } else if (p.shingle_words > 64) {
    problem = "shingle_words must be at most 64";
  } else if (p.bands > 1024 || p.rows > 1024 || p.bands * p.rows > 1024) {
    problem = "bands * rows must be at most 1024";
  } else if (p.lead_lines > 64) {
    problem = "lead_lines must be at most 64";
  }
  if (problem != nullptr && why != nullptr) *why = problem;
  return problem == nullptr;
}

const char* RemovalReasonName(RemovalReason reason) {
  switch (reason) {
    case RemovalReason::kLexicon:
      return "lexicon";
    case RemovalReason::kSiteTemplate:
      return "site_template";
    case RemovalReason::kGlobal:
      return "global";
    case RemovalReason::kTeaser:
      return "teaser";
    case RemovalReason::kLabel:
      return "label";
    case RemovalReason::kExactDup:
      return "exact_dup";
    case RemovalReason::kNearDup:
      return "near_dup";
  }
  return "lexicon";
}

const char* LexiconMatchKindName(LexiconMatchKind kind) {
  switch (kind) {
    case LexiconMatchKind::kLine:
      return "line";
    case LexiconMatchKind::kPrefix:
      return "prefix";
    case LexiconMatchKind::kContains:
      return "contains";
    case LexiconMatchKind::kSequence:
      return "sequence";
    case LexiconMatchKind::kDate:
      return "date";
  }
  return "line";
}

const char* TeaserRuleName(TeaserRule rule) {
  switch (rule) {
    case TeaserRule::kConfirmed:
      return "confirmed";
    case TeaserRule::kAfterRelatedHeader:
      return "after_related_header";
    case TeaserRule::kAfterLabel:
      return "after_label";
    case TeaserRule::kTrailingBlock:
      return "trailing_block";
  }
  return "confirmed";
}

std::string SiteFromUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  }
  const size_t end = url.find_first_of("/?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  const size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url[0] == '[') {  // IPv6 literal: keep the brackets
    const size_t close = url.find(']');
    url =
        url.substr(0, close == std::string_view::npos ? url.size() : close + 1);
  } else {
    const size_t colon = url.find(':');
    if (colon != std::string_view::npos) url = url.substr(0, colon);
  }
  std::string host(url);
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (host.size() > 4 && host.compare(0, 4, "www.") == 0) host.erase(0, 4);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

void AppendTextWithoutRemovals(std::string_view text,
                               const std::vector<Removal>& removals,
                               std::string* out) {
  size_t pos = 0;
  for (const Removal& r : removals) {
    out->append(text.substr(pos, r.start - pos));
    pos = r.end;
  }
  out->append(text.substr(pos));
}

}  // namespace safi
