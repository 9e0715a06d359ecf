// SPDX-License-Identifier: Apache-2.0
// DedupState: merging, and the binary state file (header, sorted sections,
// checksum) with strict validation on parse.
#include "state.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

#include "hash.h"
#include "lexicon.h"
#include "safi/normalizer.h"

namespace safi {
namespace {

using dedup::DocEntry;
using dedup::LeadEntry;
using dedup::LineEntry;
using dedup::SiteEntry;

constexpr char kMagic[8] = {'S', 'A', 'F', 'I', 'D', 'D', 'U', 'P'};
constexpr uint32_t kParamCount = 13;
// Header layout: magic[8], u32 format, u32 profile version, u32 lexicon
// version, u32 parameter count, u64 seed, u32 parameters[13], u64 lexicon
// fingerprint, u64 counts[4] (sites, lines, leads, docs), u64 payload
// size, u64 checksum (XXH3-64, seed 0, of header bytes [0, 132) followed
// by the payload).
constexpr size_t kChecksumOffset = 132;
constexpr size_t kHeaderSize = 140;
// Smallest encoded record of each section, to bound counts before
// allocating.
constexpr size_t kSiteMinBytes = 16;
constexpr size_t kLineBytes = 28;
constexpr size_t kLeadBytes = 16;
constexpr size_t kDocMinBytes = 48;

void PutU32(uint32_t v, std::string* out) {
  char bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
  out->append(bytes, 4);
}

void PutU64(uint64_t v, std::string* out) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
  out->append(bytes, 8);
}

std::vector<uint32_t> ParamValues(const DedupParams& p) {
  return {p.template_min_site_pages,
          p.template_min_pages,
          p.template_page_permille,
          p.global_min_sites,
          p.global_max_words,
          p.teaser_min_words,
          p.label_max_words,
          p.lead_lines,
          p.shingle_words,
          p.shingle_min_line_words,
          p.bands,
          p.rows,
          p.near_dup_permille};
}

void SetParamValues(const uint32_t* v, DedupParams* p) {
  p->template_min_site_pages = v[0];
  p->template_min_pages = v[1];
  p->template_page_permille = v[2];
  p->global_min_sites = v[3];
  p->global_max_words = v[4];
  p->teaser_min_words = v[5];
  p->label_max_words = v[6];
  p->lead_lines = v[7];
  p->shingle_words = v[8];
  p->shingle_min_line_words = v[9];
  p->bands = v[10];
  p->rows = v[11];
  p->near_dup_permille = v[12];
}

// Bounds-checked little-endian reader over the state bytes.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool U32(uint32_t* v) {
    if (bytes_.size() - pos_ < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      *v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes_[pos_ + i]))
            << (8 * i);
    }
    pos_ += 4;
    return true;
  }
  bool U64(uint64_t* v) {
    if (bytes_.size() - pos_ < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) {
      *v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i]))
            << (8 * i);
    }
    pos_ += 8;
    return true;
  }
  bool Bytes(size_t n, std::string* out) {
    if (bytes_.size() - pos_ < n) return false;
    out->assign(bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

DedupStatus Corrupt(const std::string& what) {
  return {DedupStatus::kCorruptState, "corrupt dedup state: " + what};
}

DedupStatus Incompatible(const std::string& what) {
  return {DedupStatus::kIncompatibleState, "incompatible dedup state: " + what};
}

std::string ParamsDifference(const DedupParams& a, const DedupParams& b) {
  static const char* const kNames[kParamCount] = {"template_min_site_pages",
                                                  "template_min_pages",
                                                  "template_page_permille",
                                                  "global_min_sites",
                                                  "global_max_words",
                                                  "teaser_min_words",
                                                  "label_max_words",
                                                  "lead_lines",
                                                  "shingle_words",
                                                  "shingle_min_line_words",
                                                  "bands",
                                                  "rows",
                                                  "near_dup_permille"};
  if (a.hash_seed != b.hash_seed) return "hash seeds differ";
  const std::vector<uint32_t> va = ParamValues(a);
  const std::vector<uint32_t> vb = ParamValues(b);
  for (uint32_t i = 0; i < kParamCount; ++i) {
    if (va[i] != vb[i]) {
      return std::string(kNames[i]) + " " + std::to_string(va[i]) + " vs " +
             std::to_string(vb[i]);
    }
  }
  return "parameters differ";
}

}  // namespace

int64_t DedupState::Impl::FindDoc(uint64_t doc) const {
  const auto it =
      std::lower_bound(docs.begin(), docs.end(), doc,
                       [](const DocEntry& e, uint64_t d) { return e.doc < d; });
  return it != docs.end() && it->doc == doc ? it - docs.begin() : -1;
}

int64_t DedupState::Impl::FindSite(uint64_t site) const {
  const auto it = std::lower_bound(
      sites.begin(), sites.end(), site,
      [](const SiteEntry& e, uint64_t s) { return e.hash < s; });
  return it != sites.end() && it->hash == site ? it - sites.begin() : -1;
}

DedupState::DedupState() : impl_(new Impl) {}

DedupState::DedupState(const DedupParams& params) : impl_(new Impl) {
  impl_->params = params;
}

DedupState::~DedupState() = default;

DedupState::DedupState(const DedupState& other)
    : impl_(new Impl(*other.impl_)) {}

DedupState& DedupState::operator=(const DedupState& other) {
  if (this != &other) impl_.reset(new Impl(*other.impl_));
  return *this;
}

DedupState::DedupState(DedupState&& other) noexcept
    : impl_(std::move(other.impl_)) {
  other.impl_.reset(new Impl);
}

DedupState& DedupState::operator=(DedupState&& other) noexcept {
  if (this != &other) {
    impl_ = std::move(other.impl_);
    other.impl_.reset(new Impl);
  }
  return *this;
}

const DedupParams& DedupState::params() const { return impl_->params; }
uint64_t DedupState::documents() const { return impl_->docs.size(); }
uint64_t DedupState::sites() const { return impl_->sites.size(); }
uint64_t DedupState::line_keys() const { return impl_->lines.size(); }
uint64_t DedupState::lead_keys() const { return impl_->leads.size(); }

DedupStatus DedupState::Merge(const DedupState& other_state) {
  Impl& a = *impl_;
  const Impl& b = *other_state.impl_;
  if (a.params != b.params) {
    return Incompatible("cannot merge states made with other parameters (" +
                        ParamsDifference(a.params, b.params) + ")");
  }
  const size_t k = a.signature_size();
  // Documents first: the only step that can fail.
  std::vector<DocEntry> docs;
  std::vector<uint32_t> signatures;
  docs.reserve(a.docs.size() + b.docs.size());
  signatures.reserve(a.signatures.size() + b.signatures.size());
  size_t i = 0, j = 0;
  while (i < a.docs.size() || j < b.docs.size()) {
    const bool take_a = j == b.docs.size() ||
                        (i < a.docs.size() && a.docs[i].doc < b.docs[j].doc);
    if (i < a.docs.size() && j < b.docs.size() &&
        a.docs[i].doc == b.docs[j].doc) {
      return {DedupStatus::kDuplicateId,
              "document id '" + b.docs[j].id + "' is in both states"};
    }
    const Impl& from = take_a ? a : b;
    const size_t index = take_a ? i++ : j++;
    docs.push_back(from.docs[index]);
    signatures.insert(signatures.end(), from.signatures.begin() + index * k,
                      from.signatures.begin() + (index + 1) * k);
  }
  std::vector<SiteEntry> sites;
  sites.reserve(a.sites.size() + b.sites.size());
  i = j = 0;
  while (i < a.sites.size() || j < b.sites.size()) {
    if (j == b.sites.size() ||
        (i < a.sites.size() && a.sites[i].hash < b.sites[j].hash)) {
      sites.push_back(a.sites[i++]);
    } else if (i == a.sites.size() || b.sites[j].hash < a.sites[i].hash) {
      sites.push_back(b.sites[j++]);
    } else {
      SiteEntry merged = a.sites[i];
      merged.pages = dedup::AddPages(merged.pages, b.sites[j].pages);
      merged.name = std::min(merged.name, b.sites[j].name);
      sites.push_back(std::move(merged));
      ++i;
      ++j;
    }
  }
  std::vector<LineEntry> lines;
  lines.reserve(a.lines.size() + b.lines.size());
  i = j = 0;
  while (i < a.lines.size() || j < b.lines.size()) {
    if (j == b.lines.size() ||
        (i < a.lines.size() && dedup::LineLess(a.lines[i], b.lines[j]))) {
      lines.push_back(a.lines[i++]);
    } else if (i == a.lines.size() || dedup::LineLess(b.lines[j], a.lines[i])) {
      lines.push_back(b.lines[j++]);
    } else {
      LineEntry merged = a.lines[i];
      merged.pages = dedup::AddPages(merged.pages, b.lines[j].pages);
      merged.first_doc = std::min(merged.first_doc, b.lines[j].first_doc);
      lines.push_back(merged);
      ++i;
      ++j;
    }
  }
  std::vector<LeadEntry> leads;
  leads.reserve(a.leads.size() + b.leads.size());
  std::set_union(a.leads.begin(), a.leads.end(), b.leads.begin(), b.leads.end(),
                 std::back_inserter(leads), dedup::LeadLess);
  a.docs = std::move(docs);
  a.signatures = std::move(signatures);
  a.sites = std::move(sites);
  a.lines = std::move(lines);
  a.leads = std::move(leads);
  return {};
}

std::string DedupState::Serialize() const {
  const Impl& s = *impl_;
  const size_t k = s.signature_size();
  size_t size =
      kHeaderSize + s.lines.size() * kLineBytes + s.leads.size() * kLeadBytes;
  for (const SiteEntry& e : s.sites) size += kSiteMinBytes + e.name.size();
  for (const DocEntry& e : s.docs) size += kDocMinBytes + 4 * k + e.id.size();
  std::string out;
  out.reserve(size);
  out.append(kMagic, sizeof(kMagic));
  PutU32(kDedupStateFormatVersion, &out);
  PutU32(ProfileVersion(Profile::kDedup), &out);
  PutU32(dedup::BuiltinLexiconVersion(), &out);
  PutU32(kParamCount, &out);
  PutU64(s.params.hash_seed, &out);
  for (const uint32_t v : ParamValues(s.params)) PutU32(v, &out);
  PutU64(dedup::BuiltinLexiconFingerprint(), &out);
  PutU64(s.sites.size(), &out);
  PutU64(s.lines.size(), &out);
  PutU64(s.leads.size(), &out);
  PutU64(s.docs.size(), &out);
  const size_t payload_size_at = out.size();
  PutU64(0, &out);  // payload size, patched below
  PutU64(0, &out);  // checksum, patched below
  for (const SiteEntry& e : s.sites) {
    PutU64(e.hash, &out);
    PutU32(e.pages, &out);
    PutU32(static_cast<uint32_t>(e.name.size()), &out);
    out.append(e.name);
  }
  for (const LineEntry& e : s.lines) {
    PutU64(e.line, &out);
    PutU64(e.site, &out);
    PutU64(e.first_doc, &out);
    PutU32(e.pages, &out);
  }
  for (const LeadEntry& e : s.leads) {
    PutU64(e.prefix, &out);
    PutU64(e.doc, &out);
  }
  for (size_t d = 0; d < s.docs.size(); ++d) {
    const DocEntry& e = s.docs[d];
    PutU64(e.doc, &out);
    PutU64(e.site, &out);
    PutU64(e.text_hash, &out);
    PutU64(e.exact_hash, &out);
    PutU64(e.content_bytes, &out);
    PutU32(e.words, &out);
    PutU32(static_cast<uint32_t>(e.id.size()), &out);
    out.append(e.id);
    for (size_t v = 0; v < k; ++v) PutU32(s.signatures[d * k + v], &out);
  }
  std::string patch;
  PutU64(out.size() - kHeaderSize, &patch);
  out.replace(payload_size_at, 8, patch);
  dedup::StreamHash checksum(0);
  checksum.Update(std::string_view(out).substr(0, kChecksumOffset));
  checksum.Update(std::string_view(out).substr(kHeaderSize));
  patch.clear();
  PutU64(checksum.Digest(), &patch);
  out.replace(kChecksumOffset, 8, patch);
  return out;
}

DedupStatus DedupState::Parse(std::string_view bytes, DedupState* out) {
  if (bytes.size() < sizeof(kMagic) ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Corrupt("not a safi dedup state (bad magic)");
  }
  Reader header(bytes.substr(sizeof(kMagic)));
  uint32_t format = 0;
  if (!header.U32(&format)) return Corrupt("truncated header");
  if (format != kDedupStateFormatVersion) {
    return Incompatible("format version " + std::to_string(format) +
                        ", this safi reads version " +
                        std::to_string(kDedupStateFormatVersion));
  }
  if (bytes.size() < kHeaderSize) return Corrupt("truncated header");
  uint32_t profile = 0, lexicon = 0, param_count = 0;
  uint64_t seed = 0, fingerprint = 0, counts[4] = {}, payload = 0, sum = 0;
  uint32_t values[kParamCount];
  header.U32(&profile);
  header.U32(&lexicon);
  header.U32(&param_count);
  header.U64(&seed);
  for (uint32_t& v : values) header.U32(&v);
  header.U64(&fingerprint);
  for (uint64_t& c : counts) header.U64(&c);
  header.U64(&payload);
  header.U64(&sum);
  if (payload != bytes.size() - kHeaderSize) {
    return Corrupt("payload is " + std::to_string(bytes.size() - kHeaderSize) +
                   " bytes, header says " + std::to_string(payload) +
                   " (truncated or extended file)");
  }
  dedup::StreamHash checksum(0);
  checksum.Update(bytes.substr(0, kChecksumOffset));
  checksum.Update(bytes.substr(kHeaderSize));
  if (checksum.Digest() != sum) return Corrupt("checksum mismatch");
  if (profile != ProfileVersion(Profile::kDedup)) {
    return Incompatible("made with dedup profile version " +
                        std::to_string(profile) + ", this safi has version " +
                        std::to_string(ProfileVersion(Profile::kDedup)));
  }
  if (lexicon != dedup::BuiltinLexiconVersion() ||
      fingerprint != dedup::BuiltinLexiconFingerprint()) {
    return Incompatible(
        "made with boilerplate lexicon version " + std::to_string(lexicon) +
        (lexicon == dedup::BuiltinLexiconVersion() ? " but other lexicon data"
                                                   : "") +
        ", this safi has version " +
        std::to_string(dedup::BuiltinLexiconVersion()));
  }
  if (param_count != kParamCount) {
    return Corrupt("unexpected parameter count " + std::to_string(param_count));
  }
  Impl s;
  s.params.hash_seed = seed;
  SetParamValues(values, &s.params);
  std::string why;
  if (!ValidDedupParams(s.params, &why)) return Corrupt("parameters: " + why);
  const size_t k = s.signature_size();
  Reader r(bytes.substr(kHeaderSize));
  if (counts[0] > r.remaining() / kSiteMinBytes ||
      counts[1] > r.remaining() / kLineBytes ||
      counts[2] > r.remaining() / kLeadBytes ||
      counts[3] > r.remaining() / (kDocMinBytes + 4 * k)) {
    return Corrupt("section counts exceed the payload");
  }
  s.sites.resize(counts[0]);
  for (size_t i = 0; i < s.sites.size(); ++i) {
    SiteEntry& e = s.sites[i];
    uint32_t length = 0;
    if (!r.U64(&e.hash) || !r.U32(&e.pages) || !r.U32(&length) ||
        !r.Bytes(length, &e.name)) {
      return Corrupt("truncated site section");
    }
    if (e.pages == 0 || (i > 0 && s.sites[i - 1].hash >= e.hash) ||
        dedup::Hash64(e.name, seed) != e.hash) {
      return Corrupt("site section is not sorted or inconsistent");
    }
  }
  s.lines.resize(counts[1]);
  for (size_t i = 0; i < s.lines.size(); ++i) {
    LineEntry& e = s.lines[i];
    if (!r.U64(&e.line) || !r.U64(&e.site) || !r.U64(&e.first_doc) ||
        !r.U32(&e.pages)) {
      return Corrupt("truncated line section");
    }
    const int64_t site = s.FindSite(e.site);
    if (e.pages == 0 || (i > 0 && !dedup::LineLess(s.lines[i - 1], e)) ||
        site < 0 || e.pages > s.sites[site].pages) {
      return Corrupt("line section is not sorted or inconsistent");
    }
  }
  s.leads.resize(counts[2]);
  for (size_t i = 0; i < s.leads.size(); ++i) {
    LeadEntry& e = s.leads[i];
    if (!r.U64(&e.prefix) || !r.U64(&e.doc)) {
      return Corrupt("truncated lead section");
    }
    if (i > 0 && !dedup::LeadLess(s.leads[i - 1], e)) {
      return Corrupt("lead section is not sorted");
    }
  }
  s.docs.resize(counts[3]);
  s.signatures.resize(counts[3] * k);
  for (size_t i = 0; i < s.docs.size(); ++i) {
    DocEntry& e = s.docs[i];
    uint32_t length = 0;
    if (!r.U64(&e.doc) || !r.U64(&e.site) || !r.U64(&e.text_hash) ||
        !r.U64(&e.exact_hash) || !r.U64(&e.content_bytes) || !r.U32(&e.words) ||
        !r.U32(&length) || !r.Bytes(length, &e.id)) {
      return Corrupt("truncated document section");
    }
    for (size_t v = 0; v < k; ++v) {
      if (!r.U32(&s.signatures[i * k + v])) {
        return Corrupt("truncated document section");
      }
    }
    if ((i > 0 && s.docs[i - 1].doc >= e.doc) ||
        dedup::Hash64(e.id, seed) != e.doc || s.FindSite(e.site) < 0) {
      return Corrupt("document section is not sorted or inconsistent");
    }
  }
  if (r.remaining() != 0) return Corrupt("bytes after the last section");
  for (const LeadEntry& e : s.leads) {
    if (s.FindDoc(e.doc) < 0) {
      return Corrupt("lead prefix of an unknown document");
    }
  }
  for (const LineEntry& e : s.lines) {
    if (s.FindDoc(e.first_doc) < 0) {
      return Corrupt("line key of an unknown document");
    }
  }
  *out->impl_ = std::move(s);
  return {};
}

}  // namespace safi
