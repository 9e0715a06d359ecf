// SPDX-License-Identifier: Apache-2.0
// The representation of a DedupState: sorted sections of corpus statistics
// (sites, line keys per site, lead lines, documents with signatures).
#ifndef SAFI_CORE_SRC_DEDUP_STATE_H_
#define SAFI_CORE_SRC_DEDUP_STATE_H_

#include <algorithm>
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

// Most prefixes of a lead line: one per lead checkpoint (analysis.h).
inline constexpr uint32_t kMaxLeadPrefixes = 16;

// One of a document's lead lines (its first opening lines, README.md
// "Teasers"): the hashes of its prefixes at the lead checkpoints <= its
// words (SequenceHash of the prefix's word hashes; the first is that of
// its first 5 words), held in a table of prefix hashes at [first, first +
// count).
struct LeadLine {
  uint64_t head = 0;   // the first prefix hash
  uint64_t doc = 0;    // document hash
  uint64_t first = 0;  // index of the prefix hashes in their table
  uint32_t count = 0;  // 1 to kMaxLeadPrefixes
};

struct DocEntry {
  uint64_t doc = 0;            // XXH3-64 of the id
  uint64_t site = 0;           // site hash
  uint64_t analysis_hash = 0;  // DocumentAnalysis::fingerprint of the text
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

// The order of lead lines: by head, document, count, then the other prefix
// hashes (a_prefixes: a's count hashes, a_prefixes[0] == a.head; likewise
// b's), a total order of their contents (first is not read).
inline bool LeadLess(const LeadLine& a, const uint64_t* a_prefixes,
                     const LeadLine& b, const uint64_t* b_prefixes) {
  if (a.head != b.head) return a.head < b.head;
  if (a.doc != b.doc) return a.doc < b.doc;
  if (a.count != b.count) return a.count < b.count;
  return std::lexicographical_compare(a_prefixes + 1, a_prefixes + a.count,
                                      b_prefixes + 1, b_prefixes + b.count);
}

}  // namespace dedup

struct DedupState::Impl {
  DedupParams params;
  std::vector<dedup::SiteEntry> sites;       // strictly increasing hash
  dedup::PodVector<dedup::LineEntry> lines;  // strictly increasing (line, site)
  // Lead lines, strictly increasing by LeadLess; their prefix hashes are
  // in lead_prefixes, each line's range in any order.
  dedup::PodVector<dedup::LeadLine> leads;
  dedup::PodVector<uint64_t> lead_prefixes;
  std::vector<dedup::DocEntry> docs;  // strictly increasing doc
  // bands * rows values per document (zeros when words = 0), docs[d]'s in
  // row signature_rows[d], or in row d when signature_rows is empty. A
  // sketch leaves the rows in the order its documents came in and indexes
  // them (moving them into the documents' order took ~1 % of a news
  // sketch); a parsed or merged state has them in docs order.
  dedup::PodVector<uint32_t> signatures;
  std::vector<uint32_t> signature_rows;

  uint32_t signature_size() const { return params.bands * params.rows; }
  // The signature of docs[d].
  const uint32_t* Signature(size_t d) const {
    const size_t row = signature_rows.empty() ? d : signature_rows[d];
    return &signatures[row * signature_size()];
  }
  // The prefix hashes of a lead line of this state.
  const uint64_t* LeadPrefixes(const dedup::LeadLine& e) const {
    return &lead_prefixes[e.first];
  }
  // Index of the document with this hash, or -1.
  int64_t FindDoc(uint64_t doc) const;
  // Index of the site with this hash, or -1.
  int64_t FindSite(uint64_t site) const;
};

}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_STATE_H_
