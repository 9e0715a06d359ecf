// SPDX-License-Identifier: Apache-2.0
// Deduper: turns a complete DedupState into decisions (duplicate clusters,
// template and global line keys) and applies them to documents.
#include <algorithm>
#include <memory>
#include <unordered_map>
#include <utility>

#include "analysis.h"
#include "hash.h"
#include "hash_sort.h"
#include "lexicon.h"
#include "minhash.h"
#include "safi/dedup.h"
#include "state.h"

namespace safi {

namespace {

// Duplicate decision for one document of the state.
struct DupInfo {
  size_t kept = 0;  // index of the kept copy (itself if kept)
  RemovalReason reason = RemovalReason::kExactDup;
  uint32_t similarity_permille = 0;
  uint32_t cluster_size = 1;  // for kept documents: itself + dropped copies
};

// Largest group of documents sharing a lead prefix that is used for
// near-duplicate candidates (larger groups are common openings).
constexpr size_t kMaxLeadGroup = 64;

// A prefix (at a lead checkpoint) of one of a document's lead lines.
struct LeadEntry {
  uint64_t prefix = 0;
  uint64_t doc = 0;  // document hash
};

bool LeadLess(const LeadEntry& a, const LeadEntry& b) {
  return a.prefix != b.prefix ? a.prefix < b.prefix : a.doc < b.doc;
}

struct TemplateInfo {
  uint32_t pages = 0;
  uint32_t site_pages = 0;
};

struct PairHash {
  size_t operator()(const std::pair<uint64_t, uint64_t>& p) const {
    return static_cast<size_t>(
        dedup::Mix64(p.first ^ dedup::RotateLeft(p.second, 29)));
  }
};

}  // namespace

struct Deduper::Impl {
  explicit Impl(DedupState state)
      : normalizer(Profile::kDedup),
        lexicon(dedup::SharedLexicon(state.params().hash_seed)),
        minhasher(state.params()),
        valid(ValidDedupParams(state.params(), &why)) {
    s = std::move(*state.impl_);
    if (valid) {
      ExpandLeads();
      Cluster();
      SelectLineKeys();
    }
    // Only the documents, sites and lead prefixes are needed from now on.
    dedup::PodVector<dedup::LineEntry>().swap(s.lines);
    dedup::PodVector<uint32_t>().swap(s.signatures);
    std::vector<uint32_t>().swap(s.signature_rows);
  }

  // Fills leads from the state's lead lines, which it releases.
  void ExpandLeads();
  // Greedy clustering in order of decreasing boilerplate-free length, then
  // increasing id: a document is dropped if it has the exact hash of a kept
  // document, or if a kept candidate (same LSH band, or same lead prefix)
  // has a signature agreeing on >= near_dup_permille of its values (the
  // best such candidate, then the earliest in that order, is its cluster);
  // otherwise it is kept.
  void Cluster();
  // Template keys (per site) and global keys from the line statistics.
  void SelectLineKeys();
  // The document other than self whose lead has this prefix (among the
  // first kMaxLeadGroup in hash order): a kept one if any, then the
  // smallest id. -1 if none.
  int64_t LeadSource(uint64_t prefix, uint64_t self) const;

  DedupState::Impl s;
  // The distinct (prefix, document) pairs of the state's lead lines, sorted.
  dedup::PodVector<LeadEntry> leads;
  Normalizer normalizer;
  std::shared_ptr<const dedup::Lexicon> lexicon;
  dedup::MinHasher minhasher;
  std::string why;
  bool valid;
  std::vector<DupInfo> dup;
  std::unordered_map<std::pair<uint64_t, uint64_t>, TemplateInfo, PairHash>
      templates;
  std::unordered_map<uint64_t, uint32_t> global;
};

void Deduper::Impl::ExpandLeads() {
  leads.resize_uninitialized(s.lead_prefixes.size());
  size_t out = 0;
  for (const dedup::LeadLine& e : s.leads) {
    const uint64_t* prefixes = s.LeadPrefixes(e);
    for (uint32_t i = 0; i < e.count; ++i) leads[out++] = {prefixes[i], e.doc};
  }
  leads.resize(out);
  dedup::HashSort(
      leads.begin(), leads.size(), [](const LeadEntry& e) { return e.prefix; },
      LeadLess);
  leads.resize(std::unique(leads.begin(), leads.end(),
                           [](const LeadEntry& a, const LeadEntry& b) {
                             return a.prefix == b.prefix && a.doc == b.doc;
                           }) -
               leads.begin());
  dedup::PodVector<dedup::LeadLine>().swap(s.leads);
  dedup::PodVector<uint64_t>().swap(s.lead_prefixes);
}

void Deduper::Impl::Cluster() {
  const size_t n = s.docs.size();
  const uint32_t k = minhasher.size();
  dup.assign(n, DupInfo());
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) {
    order[i] = i;
    dup[i].kept = i;
  }
  std::sort(order.begin(), order.end(), [this](size_t a, size_t b) {
    const dedup::DocEntry& x = s.docs[a];
    const dedup::DocEntry& y = s.docs[b];
    if (x.content_bytes != y.content_bytes) {
      return x.content_bytes > y.content_bytes;
    }
    return x.id < y.id;
  });
  std::vector<size_t> rank(n);
  for (size_t r = 0; r < n; ++r) rank[order[r]] = r;
  // Candidates besides the LSH bands: documents whose openings share a
  // lead prefix (syndicated copies keep their title and lead even when an
  // edit lowers their similarity), from groups of at most
  // kMaxLeadGroup documents.
  std::vector<std::vector<size_t>> lead_groups;
  std::vector<std::vector<uint32_t>> doc_groups(n);
  for (size_t e = 0; e < leads.size();) {
    size_t f = e;
    while (f < leads.size() && leads[f].prefix == leads[e].prefix) ++f;
    if (f - e >= 2 && f - e <= kMaxLeadGroup) {
      std::vector<size_t> members;
      for (size_t m = e; m < f; ++m) {
        const int64_t d = s.FindDoc(leads[m].doc);
        if (members.empty() || members.back() != static_cast<size_t>(d)) {
          members.push_back(static_cast<size_t>(d));
        }
      }
      for (const size_t d : members) {
        doc_groups[d].push_back(static_cast<uint32_t>(lead_groups.size()));
      }
      lead_groups.push_back(std::move(members));
    }
    e = f;
  }
  std::unordered_map<uint64_t, size_t> exact_kept;
  std::unordered_map<uint64_t, std::vector<size_t>> band_kept;
  std::vector<uint64_t> keys(s.params.bands);
  std::vector<uint8_t> kept_flag(n, 0);
  for (const size_t d : order) {
    const dedup::DocEntry& doc = s.docs[d];
    if (doc.words == 0) continue;
    const auto exact = exact_kept.find(doc.exact_hash);
    if (exact != exact_kept.end()) {
      dup[d] = {exact->second, RemovalReason::kExactDup, 1000, 1};
      ++dup[exact->second].cluster_size;
      continue;
    }
    const uint32_t* sig = s.Signature(d);
    int64_t best = -1;
    uint32_t best_agreement = 0;
    const auto consider = [&](size_t c) {
      const uint32_t agreement = minhasher.Agreement(sig, s.Signature(c));
      if (uint64_t{agreement} * 1000 <
          uint64_t{s.params.near_dup_permille} * k) {
        return;
      }
      if (best < 0 || agreement > best_agreement ||
          (agreement == best_agreement && rank[c] < rank[best])) {
        best = static_cast<int64_t>(c);
        best_agreement = agreement;
      }
    };
    for (uint32_t b = 0; b < s.params.bands; ++b) {
      keys[b] = minhasher.BandKey(sig, b);
      const auto bucket = band_kept.find(keys[b]);
      if (bucket == band_kept.end()) continue;
      for (const size_t c : bucket->second) consider(c);
    }
    for (const uint32_t g : doc_groups[d]) {
      for (const size_t c : lead_groups[g]) {
        if (kept_flag[c] != 0) consider(c);
      }
    }
    if (best >= 0) {
      dup[d] = {static_cast<size_t>(best), RemovalReason::kNearDup,
                static_cast<uint32_t>(uint64_t{best_agreement} * 1000 / k), 1};
      ++dup[best].cluster_size;
      continue;
    }
    exact_kept.emplace(doc.exact_hash, d);
    kept_flag[d] = 1;
    for (uint32_t b = 0; b < s.params.bands; ++b)
      band_kept[keys[b]].push_back(d);
  }
}

void Deduper::Impl::SelectLineKeys() {
  const DedupParams& p = s.params;
  std::vector<size_t> clusters;
  size_t i = 0;
  while (i < s.lines.size()) {
    size_t j = i;
    while (j < s.lines.size() && s.lines[j].line == s.lines[i].line) ++j;
    // Sites where the line is frequent: on >= template_page_permille of the
    // site's pages (any site size), and for templates also on >=
    // template_min_pages pages of a site with >= template_min_site_pages.
    clusters.clear();
    for (size_t e = i; e < j; ++e) {
      const dedup::LineEntry& line = s.lines[e];
      const uint32_t site_pages = s.sites[s.FindSite(line.site)].pages;
      const uint64_t scaled =
          (uint64_t{site_pages} * p.template_page_permille + 999) / 1000;
      if (line.pages < scaled) continue;
      clusters.push_back(dup[s.FindDoc(line.first_doc)].kept);
      if (site_pages >= p.template_min_site_pages &&
          line.pages >= p.template_min_pages) {
        templates[{line.line, line.site}] = {line.pages, site_pages};
      }
    }
    const size_t frequent_sites = clusters.size();
    if (frequent_sites >= p.global_min_sites) {
      std::sort(clusters.begin(), clusters.end());
      const size_t distinct =
          std::unique(clusters.begin(), clusters.end()) - clusters.begin();
      if (distinct >= p.global_min_sites) {
        global[s.lines[i].line] = static_cast<uint32_t>(frequent_sites);
      }
    }
    i = j;
  }
}

int64_t Deduper::Impl::LeadSource(uint64_t prefix, uint64_t self) const {
  auto it = std::lower_bound(leads.begin(), leads.end(), LeadEntry{prefix, 0},
                             LeadLess);
  int64_t best = -1;
  bool best_kept = false;
  for (size_t seen = 0;
       it != leads.end() && it->prefix == prefix && seen < kMaxLeadGroup;
       ++it, ++seen) {
    if (it->doc == self) continue;
    const int64_t d = s.FindDoc(it->doc);
    const bool kept = dup[d].kept == static_cast<size_t>(d);
    if (best < 0 || (kept && !best_kept) ||
        (kept == best_kept && s.docs[d].id < s.docs[best].id)) {
      best = d;
      best_kept = kept;
    }
  }
  return best;
}

Deduper::Deduper(DedupState state) : impl_(new Impl(std::move(state))) {}

Deduper::~Deduper() = default;

const DedupParams& Deduper::params() const { return impl_->s.params; }

DedupStatus Deduper::Apply(const DedupDocument& doc,
                           DocumentDecision* decision) const {
  const Impl& m = *impl_;
  const DedupParams& p = m.s.params;
  decision->keep = true;
  decision->duplicates = 0;
  decision->removals.clear();
  if (!m.valid) {
    return {DedupStatus::kInvalidArgument,
            "invalid dedup parameters: " + m.why};
  }
  const uint64_t doc_hash = dedup::Hash64(doc.id, p.hash_seed);
  const int64_t index = m.s.FindDoc(doc_hash);
  if (index < 0) {
    return {DedupStatus::kUnknownDocument,
            "document '" + std::string(doc.id) + "' is not in the dedup state"};
  }
  const dedup::DocEntry& entry = m.s.docs[index];
  // The text is analyzed before anything is decided, a duplicate too: the
  // state holds the fingerprint of the sketched text's analysis, not of its
  // bytes, and a text whose analysis is the same gets the decisions a
  // sketch of it would have given.
  dedup::DocumentAnalysis a;
  dedup::AnalyzeDocument(doc.text, m.normalizer, *m.lexicon, p, nullptr, &a);
  if (entry.analysis_hash != a.fingerprint ||
      entry.site != dedup::Hash64(doc.site, p.hash_seed)) {
    return {DedupStatus::kChangedDocument,
            "document '" + std::string(doc.id) +
                "' differs from the one in the dedup state"};
  }
  const DupInfo& info = m.dup[index];
  if (info.kept != static_cast<size_t>(index)) {
    decision->keep = false;
    Removal removal;
    removal.start = 0;
    removal.end = doc.text.size();
    removal.reason = info.reason;
    removal.kept = m.s.docs[info.kept].id;
    removal.cluster_size = m.dup[info.kept].cluster_size;
    removal.similarity_permille = info.similarity_permille;
    decision->removals.push_back(removal);
    return {};
  }
  decision->duplicates = info.cluster_size - 1;

  const size_t n = a.lines.size();
  std::vector<uint8_t> removed(n, 0), confirmed(n, 0);
  std::vector<int64_t> source(n, -1);
  std::vector<uint32_t> matched(n, 0);
  std::vector<const TemplateInfo*> site_template(n, nullptr);
  std::vector<uint32_t> global_sites(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const dedup::LineInfo& line = a.lines[i];
    if (line.blank()) continue;
    if (line.lexicon_removed()) {
      removed[i] = 1;
      continue;
    }
    if (line.teaser_candidate) {
      const uint32_t c = dedup::LargestLeadCheckpoint(line.words - 1);
      if (c != 0) {
        source[i] = m.LeadSource(dedup::LeadPrefixHash(a, line, c), doc_hash);
        if (source[i] >= 0) {
          confirmed[i] = 1;
          matched[i] = c;
        }
      }
    }
    if (!line.lexicon.allowlisted) {
      const auto t = m.templates.find({line.hash, entry.site});
      if (t != m.templates.end()) site_template[i] = &t->second;
      if (line.words <= p.global_max_words) {
        const auto g = m.global.find(line.hash);
        if (g != m.global.end()) global_sites[i] = g->second;
      }
    }
    if (confirmed[i] != 0 || site_template[i] != nullptr ||
        global_sites[i] != 0) {
      removed[i] = 1;
    }
  }
  std::vector<dedup::StructureVerdict> verdicts;
  dedup::FindTeaserStructure(a, removed, confirmed, &verdicts);
  for (size_t i = 0; i < n; ++i) {
    const dedup::LineInfo& line = a.lines[i];
    if (line.blank()) continue;
    Removal r;
    r.start = line.start;
    r.end = line.next;
    const dedup::StructureVerdict& v = verdicts[i];
    if (line.lexicon_removed()) {
      r.reason = RemovalReason::kLexicon;
      r.phrase = line.lexicon.entry->phrase;
      r.category = line.lexicon.entry->category;
      r.match = line.lexicon.kind;
    } else if (v.kind == dedup::StructureVerdict::kTeaser) {
      r.reason = RemovalReason::kTeaser;
      r.rule = v.rule;
      r.block_teasers = v.block_teasers;
      if (v.rule == TeaserRule::kConfirmed) {
        r.source = m.s.docs[source[i]].id;
        r.matched_words = matched[i];
      }
    } else if (v.kind == dedup::StructureVerdict::kLabel) {
      r.reason = RemovalReason::kLabel;
      r.teaser_start = a.lines[v.teaser_line].start;
    } else if (site_template[i] != nullptr) {
      r.reason = RemovalReason::kSiteTemplate;
      r.pages = site_template[i]->pages;
      r.site_pages = site_template[i]->site_pages;
    } else if (global_sites[i] != 0) {
      r.reason = RemovalReason::kGlobal;
      r.sites = global_sites[i];
    } else {
      continue;
    }
    decision->removals.push_back(r);
  }
  return {};
}

}  // namespace safi
