// SPDX-License-Identifier: Apache-2.0
// DedupSketcher: per-document statistics (site pages, line keys per site,
// lead prefixes, exact hash and MinHash signature of the text left after
// the single-document detectors), accumulated into a DedupState.
#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analysis.h"
#include "hash.h"
#include "lexicon.h"
#include "minhash.h"
#include "safi/dedup.h"
#include "state.h"

namespace safi {

using dedup::DocEntry;
using dedup::LeadEntry;
using dedup::LineEntry;
using dedup::SiteEntry;

namespace {

// True if the line is part of the document's boilerplate-free text: not
// blank, not removed by the lexicon or the structural rules.
bool Content(const dedup::LineInfo& line,
             const dedup::StructureVerdict& verdict) {
  return !line.blank() && !line.lexicon_removed() &&
         verdict.kind == dedup::StructureVerdict::kNone;
}

}  // namespace

struct DedupSketcher::Impl {
  explicit Impl(const DedupParams& p)
      : params(p),
        valid(ValidDedupParams(p, &why)),
        normalizer(Profile::kDedup),
        lexicon(new dedup::Lexicon(normalizer, p.hash_seed)),
        minhasher(p) {}

  // Sorts the line occurrences and sums equal (line, site) pairs, so that
  // memory follows the distinct pairs, not the occurrences.
  void CompactLines();

  DedupParams params;
  std::string why;
  bool valid;
  Normalizer normalizer;
  std::unique_ptr<dedup::Lexicon> lexicon;
  dedup::MinHasher minhasher;
  // Scratch buffers of Add.
  dedup::DocumentAnalysis analysis;
  std::vector<uint8_t> removed;
  std::vector<uint8_t> confirmed;
  std::vector<dedup::StructureVerdict> verdicts;
  std::vector<uint64_t> line_hashes;
  std::string content;  // the content lines' keys, each followed by LF
  std::vector<uint64_t> word_hashes;
  dedup::MinHashScratch scratch;
  // Statistics.
  std::unordered_map<uint64_t, SiteEntry> sites;
  std::vector<LineEntry> lines;
  size_t compacted_lines = 0;
  std::vector<LeadEntry> leads;
  std::unordered_set<uint64_t> doc_hashes;
  std::vector<DocEntry> docs;
  std::vector<uint32_t> signatures;
};

void DedupSketcher::Impl::CompactLines() {
  std::sort(lines.begin(), lines.end(),
            [](const LineEntry& a, const LineEntry& b) {
              return dedup::LineLess(a, b);
            });
  size_t out = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (out > 0 && lines[out - 1].line == lines[i].line &&
        lines[out - 1].site == lines[i].site) {
      lines[out - 1].pages =
          dedup::AddPages(lines[out - 1].pages, lines[i].pages);
      lines[out - 1].first_doc =
          std::min(lines[out - 1].first_doc, lines[i].first_doc);
    } else {
      lines[out++] = lines[i];
    }
  }
  lines.resize(out);
  compacted_lines = out;
}

DedupSketcher::DedupSketcher(const DedupParams& params)
    : impl_(new Impl(params)) {}

DedupSketcher::~DedupSketcher() = default;

DedupStatus DedupSketcher::Add(const DedupDocument& doc) {
  Impl& s = *impl_;
  if (!s.valid) {
    return {DedupStatus::kInvalidArgument,
            "invalid dedup parameters: " + s.why};
  }
  if (doc.text.size() > kDedupMaxDocumentBytes) {
    return {DedupStatus::kInvalidArgument,
            "document '" + std::string(doc.id) + "' is longer than " +
                std::to_string(kDedupMaxDocumentBytes >> 20) + " MiB"};
  }
  const uint64_t seed = s.params.hash_seed;
  const uint64_t doc_hash = dedup::Hash64(doc.id, seed);
  if (s.doc_hashes.count(doc_hash) != 0) {
    return {DedupStatus::kDuplicateId,
            "duplicate document id '" + std::string(doc.id) + "'"};
  }
  dedup::DocumentAnalysis& a = s.analysis;
  dedup::AnalyzeDocument(doc.text, s.normalizer, *s.lexicon, s.params, &a);
  const size_t n = a.lines.size();
  s.removed.assign(n, 0);
  s.confirmed.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    s.removed[i] = a.lines[i].lexicon_removed() ? 1 : 0;
  }
  dedup::FindTeaserStructure(a, s.removed, s.confirmed, &s.verdicts);

  const uint64_t site_hash = dedup::Hash64(doc.site, seed);
  SiteEntry& site = s.sites[site_hash];
  if (site.pages == 0) {
    site.hash = site_hash;
    site.name = std::string(doc.site);
  }
  site.pages = dedup::AddPages(site.pages, 1);

  // Line keys of this page, each once.
  s.line_hashes.clear();
  for (const dedup::LineInfo& line : a.lines) {
    if (!line.blank() && !line.lexicon_removed() && !line.lexicon.allowlisted) {
      s.line_hashes.push_back(line.hash);
    }
  }
  std::sort(s.line_hashes.begin(), s.line_hashes.end());
  s.line_hashes.erase(std::unique(s.line_hashes.begin(), s.line_hashes.end()),
                      s.line_hashes.end());
  for (const uint64_t hash : s.line_hashes) {
    s.lines.push_back({hash, site_hash, doc_hash, 1});
  }
  if (s.lines.size() >=
      std::max<size_t>(size_t{1} << 20, 2 * s.compacted_lines)) {
    s.CompactLines();
  }

  // Lead prefixes: the first lead_lines lines that can open an article.
  uint32_t lead_lines = 0;
  const uint32_t smallest = dedup::LeadCheckpoints().front();
  for (const dedup::LineInfo& line : a.lines) {
    if (lead_lines == s.params.lead_lines) break;
    if (line.words < smallest || line.lexicon_removed() ||
        line.teaser_candidate) {
      continue;
    }
    dedup::ForEachLeadPrefix(a, line, seed, [&s, doc_hash](uint64_t prefix) {
      s.leads.push_back({prefix, doc_hash});
    });
    ++lead_lines;
  }

  // The text without the single-document detections: exact hash of its
  // line keys (each followed by LF), and the MinHash signature of the words
  // of its long lines (all its words if those are too few).
  DocEntry entry;
  entry.doc = doc_hash;
  entry.site = site_hash;
  entry.text_hash = dedup::Hash64(doc.text, seed);
  entry.id = std::string(doc.id);
  s.content.clear();
  s.word_hashes.clear();
  uint64_t words = 0;
  for (size_t i = 0; i < n; ++i) {
    const dedup::LineInfo& line = a.lines[i];
    if (!Content(line, s.verdicts[i])) continue;
    s.content.append(a.Key(line));
    s.content.push_back('\n');
    words += line.words;
    if (line.words >= s.params.shingle_min_line_words) {
      const auto begin = a.word_hashes.begin() + line.first_word;
      s.word_hashes.insert(s.word_hashes.end(), begin, begin + line.words);
    }
  }
  if (s.word_hashes.size() < 4 * size_t{s.params.shingle_words}) {
    // Too few words in long lines: shingles of all the content lines.
    s.word_hashes.clear();
    for (size_t i = 0; i < n; ++i) {
      const dedup::LineInfo& line = a.lines[i];
      if (!Content(line, s.verdicts[i])) continue;
      const auto begin = a.word_hashes.begin() + line.first_word;
      s.word_hashes.insert(s.word_hashes.end(), begin, begin + line.words);
    }
  }
  entry.content_bytes = s.content.size();
  entry.words = static_cast<uint32_t>(std::min<uint64_t>(words, 0xFFFFFFFFU));
  entry.exact_hash = dedup::Hash64(s.content, seed);
  const size_t k = s.minhasher.size();
  s.signatures.resize(s.signatures.size() + k, 0);
  if (words > 0) {
    s.minhasher.Signature(s.word_hashes.data(), s.word_hashes.size(),
                          &s.signatures[s.signatures.size() - k], &s.scratch);
  }
  s.docs.push_back(std::move(entry));
  s.doc_hashes.insert(doc_hash);
  return {};
}

DedupStatus DedupSketcher::Finish(DedupState* state) {
  Impl& s = *impl_;
  if (!s.valid) {
    return {DedupStatus::kInvalidArgument,
            "invalid dedup parameters: " + s.why};
  }
  s.CompactLines();
  DedupState::Impl& out = *state->impl_;
  out = DedupState::Impl();
  out.params = s.params;
  out.sites.reserve(s.sites.size());
  for (auto& site : s.sites) out.sites.push_back(std::move(site.second));
  std::sort(
      out.sites.begin(), out.sites.end(),
      [](const SiteEntry& a, const SiteEntry& b) { return a.hash < b.hash; });
  out.lines = std::move(s.lines);
  std::sort(s.leads.begin(), s.leads.end(),
            [](const LeadEntry& a, const LeadEntry& b) {
              return dedup::LeadLess(a, b);
            });
  s.leads.erase(std::unique(s.leads.begin(), s.leads.end(),
                            [](const LeadEntry& a, const LeadEntry& b) {
                              return a.prefix == b.prefix && a.doc == b.doc;
                            }),
                s.leads.end());
  out.leads = std::move(s.leads);
  std::vector<size_t> order(s.docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&s](size_t a, size_t b) { return s.docs[a].doc < s.docs[b].doc; });
  const size_t k = s.minhasher.size();
  out.docs.reserve(order.size());
  out.signatures.reserve(order.size() * k);
  for (const size_t i : order) {
    out.docs.push_back(std::move(s.docs[i]));
    out.signatures.insert(out.signatures.end(), s.signatures.begin() + i * k,
                          s.signatures.begin() + (i + 1) * k);
  }
  const DedupParams params = s.params;
  impl_.reset(new Impl(params));
  return {};
}

}  // namespace safi
