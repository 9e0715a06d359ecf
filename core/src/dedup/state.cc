// SPDX-License-Identifier: Apache-2.0
// DedupState: merging, and the binary state file (header, sorted sections,
// checksum; codecs and validation in state_file.cc).
#include "state.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

#include "hash.h"
#include "state_file.h"

namespace safi {

using dedup::DocEntry;
using dedup::LeadLine;
using dedup::LineEntry;
using dedup::SiteEntry;

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
  if (a.params != b.params) return dedup::MergeIncompatible(a.params, b.params);
  const size_t k = a.signature_size();
  // Documents first: the only step that can fail.
  std::vector<DocEntry> docs;
  dedup::PodVector<uint32_t> signatures;
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
    const uint32_t* const signature = from.Signature(index);
    signatures.append(signature, signature + k);
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
  dedup::PodVector<LineEntry> lines;
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
  // Lead lines: the union, their prefix hashes copied in order.
  dedup::PodVector<LeadLine> leads;
  dedup::PodVector<uint64_t> lead_prefixes;
  leads.reserve(a.leads.size() + b.leads.size());
  lead_prefixes.reserve(a.lead_prefixes.size() + b.lead_prefixes.size());
  const auto add_lead = [&](const Impl& from, const LeadLine& e) {
    const uint64_t* prefixes = from.LeadPrefixes(e);
    LeadLine added = e;
    added.first = lead_prefixes.size();
    leads.push_back(added);
    lead_prefixes.append(prefixes, prefixes + e.count);
  };
  i = j = 0;
  while (i < a.leads.size() || j < b.leads.size()) {
    const bool a_less =
        j == b.leads.size() ||
        (i < a.leads.size() &&
         dedup::LeadLess(a.leads[i], a.LeadPrefixes(a.leads[i]), b.leads[j],
                         b.LeadPrefixes(b.leads[j])));
    if (a_less) {
      add_lead(a, a.leads[i++]);
    } else if (i == a.leads.size() ||
               dedup::LeadLess(b.leads[j], b.LeadPrefixes(b.leads[j]),
                               a.leads[i], a.LeadPrefixes(a.leads[i]))) {
      add_lead(b, b.leads[j++]);
    } else {  // the same line in both
      add_lead(a, a.leads[i++]);
      ++j;
    }
  }
  a.docs = std::move(docs);
  a.signatures = std::move(signatures);
  a.signature_rows.clear();
  a.sites = std::move(sites);
  a.lines = std::move(lines);
  a.leads = std::move(leads);
  a.lead_prefixes = std::move(lead_prefixes);
  return {};
}

std::string DedupState::Serialize() const {
  const Impl& s = *impl_;
  const uint32_t k = s.signature_size();
  dedup::StateHeader header = dedup::StateHeader::For(s.params);
  header.counts[dedup::kSites] = s.sites.size();
  header.counts[dedup::kLines] = s.lines.size();
  header.counts[dedup::kLeads] = s.leads.size();
  header.counts[dedup::kDocs] = s.docs.size();
  size_t size = dedup::kStateHeaderSize + s.lines.size() * dedup::kLineBytes;
  for (const LeadLine& e : s.leads) {
    size += dedup::kLeadFixedBytes + 8 * size_t{e.count};
  }
  for (const SiteEntry& e : s.sites) {
    size += dedup::kSiteMinBytes + e.name.size();
  }
  for (const DocEntry& e : s.docs) {
    size += dedup::kDocMinBytes + 4 * k + e.id.size();
  }
  std::string out;
  out.reserve(size);
  out.resize(dedup::kStateHeaderSize);
  for (const SiteEntry& e : s.sites) dedup::AppendSite(e, &out);
  for (const LineEntry& e : s.lines) dedup::AppendLine(e, &out);
  for (const LeadLine& e : s.leads) {
    dedup::AppendLead(e, s.LeadPrefixes(e), &out);
  }
  for (size_t d = 0; d < s.docs.size(); ++d) {
    dedup::AppendDoc(s.docs[d], s.Signature(d), k, &out);
  }
  header.payload = out.size() - dedup::kStateHeaderSize;
  std::string bytes = header.Encode();
  dedup::StreamHash checksum(0);
  checksum.Update(
      std::string_view(bytes).substr(0, dedup::kStateChecksumOffset));
  checksum.Update(std::string_view(out).substr(dedup::kStateHeaderSize));
  header.checksum = checksum.Digest();
  bytes = header.Encode();
  out.replace(0, dedup::kStateHeaderSize, bytes);
  return out;
}

namespace {

// Reads a whole state from reader into *out (unchanged on error): the
// checks of Parse.
DedupStatus ReadWhole(dedup::StateReader* reader, DedupState::Impl* out) {
  DedupStatus status = reader->Begin();
  if (!status.ok()) return status;
  DedupState::Impl s;
  s.params = reader->params();
  s.sites = reader->sites();
  const dedup::StateHeader& header = reader->header();
  s.lines.resize(header.counts[dedup::kLines]);
  for (LineEntry& e : s.lines) reader->NextLine(&e);
  s.leads.resize(header.counts[dedup::kLeads]);
  uint64_t prefixes[dedup::kMaxLeadPrefixes];
  for (LeadLine& e : s.leads) {
    if (!reader->NextLead(&e, prefixes)) break;  // End reports the error
    e.first = s.lead_prefixes.size();
    s.lead_prefixes.append(prefixes, prefixes + e.count);
  }
  const size_t k = s.signature_size();
  s.docs.resize(header.counts[dedup::kDocs]);
  s.signatures.resize(header.counts[dedup::kDocs] * k);
  for (size_t i = 0; i < s.docs.size(); ++i) {
    reader->NextDoc(&s.docs[i], &s.signatures[i * k]);
  }
  status = reader->End();
  if (!status.ok()) return status;
  for (const LeadLine& e : s.leads) {
    if (s.FindDoc(e.doc) < 0) {
      return dedup::CorruptState("lead line of an unknown document");
    }
  }
  for (const LineEntry& e : s.lines) {
    if (s.FindDoc(e.first_doc) < 0) {
      return dedup::CorruptState("line key of an unknown document");
    }
  }
  *out = std::move(s);
  return {};
}

}  // namespace

DedupStatus DedupState::Parse(std::string_view bytes, DedupState* out) {
  dedup::StateReader reader(bytes);
  return ReadWhole(&reader, out->impl_.get());
}

DedupStatus DedupState::Read(int fd, DedupState* out) {
  dedup::StateReader reader(fd, size_t{1} << 16);
  return ReadWhole(&reader, out->impl_.get());
}

DedupStatus MergeStateFiles(const std::vector<int>& inputs, int output,
                            size_t* failed_input) {
  constexpr size_t kBufferBytes = size_t{1} << 16;
  std::vector<std::unique_ptr<dedup::StateReader>> readers;
  std::vector<dedup::StateReader*> pointers;
  for (const int input : inputs) {
    readers.emplace_back(new dedup::StateReader(input, kBufferBytes));
    pointers.push_back(readers.back().get());
  }
  dedup::StateWriter writer(output);
  size_t failed = 0;
  const DedupStatus s = dedup::MergeStates(pointers, &writer, &failed);
  if (!s.ok() && failed_input != nullptr) *failed_input = failed;
  return s;
}

}  // namespace safi
