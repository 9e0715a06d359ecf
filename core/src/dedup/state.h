// SPDX-License-Identifier: Apache-2.0
// The representation of a DedupState: sorted sections of corpus statistics
// (sites, line keys per site, lead prefixes, documents with signatures).
#ifndef SAFI_CORE_SRC_DEDUP_STATE_H_
#define SAFI_CORE_SRC_DEDUP_STATE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pod_vector.h"
#include "safi/dedup.h"

namespace safi {
namespace dedup {

struct SiteEntry {
  uint64_t hash = 0;   // XXH3-64 of the site name
  uint32_t pages = 0;  // documents of the site (>= 1)
  std::string name;
};

// A line key on the pages of one site. Repeats inside a page count once.
struct LineEntry {
  uint64_t line = 0;       // line hash (SequenceHash of its word hashes)
  uint64_t site = 0;       // site hash
  uint64_t first_doc = 0;  // smallest document hash carrying it there
  uint32_t pages = 0;      // >= 1
};

// A prefix (at a lead checkpoint) of one of a document's opening lines.
struct LeadEntry {
  uint64_t prefix = 0;  // SequenceHash of the prefix's word hashes
  uint64_t doc = 0;     // document hash
};

struct DocEntry {
  uint64_t doc = 0;            // XXH3-64 of the id
  uint64_t site = 0;           // site hash
  uint64_t text_hash = 0;      // XXH3-64 of the original text
  uint64_t exact_hash = 0;     // SequenceHash of the boilerplate-free
                               // lines' hashes
  uint64_t content_bytes = 0;  // bytes of those lines' keys, each + LF
  uint32_t words = 0;          // 0: no signature, never a duplicate
  std::string id;
};

// Saturating addition of page counts.
inline uint32_t AddPages(uint32_t a, uint32_t b) {
  const uint64_t sum = static_cast<uint64_t>(a) + b;
  return sum > 0xFFFFFFFFULL ? 0xFFFFFFFFU : static_cast<uint32_t>(sum);
}

inline bool LineLess(const LineEntry& a, const LineEntry& b) {
  return a.line != b.line ? a.line < b.line : a.site < b.site;
}

inline bool LeadLess(const LeadEntry& a, const LeadEntry& b) {
  return a.prefix != b.prefix ? a.prefix < b.prefix : a.doc < b.doc;
}

}  // namespace dedup

struct DedupState::Impl {
  DedupParams params;
  std::vector<dedup::SiteEntry> sites;       // strictly increasing hash
  dedup::PodVector<dedup::LineEntry> lines;  // strictly increasing (line, site)
  dedup::PodVector<dedup::LeadEntry>
      leads;                          // strictly increasing (prefix, doc)
  std::vector<dedup::DocEntry> docs;  // strictly increasing doc
  // bands * rows values per document, in docs order (zeros when words = 0).
  dedup::PodVector<uint32_t> signatures;

  uint32_t signature_size() const { return params.bands * params.rows; }
  // Index of the document with this hash, or -1.
  int64_t FindDoc(uint64_t doc) const;
  // Index of the site with this hash, or -1.
  int64_t FindSite(uint64_t site) const;
};

}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_STATE_H_
