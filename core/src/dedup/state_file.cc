// SPDX-License-Identifier: Apache-2.0
// Streaming access to dedup state files (see state_file.h): codecs,
// reader, writer and k-way merge.
#include "state_file.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>
#include <utility>

#include "lexicon.h"
#include "safi/normalizer.h"

namespace safi {
namespace dedup {
namespace {

constexpr char kMagic[8] = {'S', 'A', 'F', 'I', 'D', 'D', 'U', 'P'};

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

uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

void ParamValues(const DedupParams& p, uint32_t* v) {
  const uint32_t values[kStateParamCount] = {p.template_min_site_pages,
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
  std::copy(values, values + kStateParamCount, v);
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

// Which parameter differs, for messages.
std::string ParamsDifference(const DedupParams& a, const DedupParams& b) {
  static const char* const kNames[kStateParamCount] = {
      "template_min_site_pages",
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
  uint32_t va[kStateParamCount], vb[kStateParamCount];
  ParamValues(a, va);
  ParamValues(b, vb);
  for (uint32_t i = 0; i < kStateParamCount; ++i) {
    if (va[i] != vb[i]) {
      return std::string(kNames[i]) + " " + std::to_string(va[i]) + " vs " +
             std::to_string(vb[i]);
    }
  }
  return "parameters differ";
}

DedupStatus IoError(int error) {
  return {DedupStatus::kIoError, std::strerror(error)};
}

// Bytes buffered by StateWriter between writes.
constexpr size_t kWriteBytes = size_t{1} << 16;

// Writes all of bytes at offset, retrying on EINTR and short writes. False
// with errno set on failure.
bool PwriteAll(int fd, std::string_view bytes, int64_t offset) {
  while (!bytes.empty()) {
    const ssize_t n = pwrite(fd, bytes.data(), bytes.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    offset += n;
  }
  return true;
}

}  // namespace

DedupStatus CorruptState(const std::string& what) {
  return {DedupStatus::kCorruptState, "corrupt dedup state: " + what};
}

DedupStatus IncompatibleState(const std::string& what) {
  return {DedupStatus::kIncompatibleState, "incompatible dedup state: " + what};
}

DedupStatus MergeIncompatible(const DedupParams& a, const DedupParams& b) {
  return IncompatibleState("cannot merge states made with other parameters (" +
                           ParamsDifference(a, b) + ")");
}

StateHeader StateHeader::For(const DedupParams& params) {
  StateHeader h;
  h.profile = ProfileVersion(Profile::kDedup);
  h.lexicon = BuiltinLexiconVersion();
  h.seed = params.hash_seed;
  ParamValues(params, h.values);
  h.fingerprint = BuiltinLexiconFingerprint();
  return h;
}

std::string StateHeader::Encode() const {
  std::string out(kMagic, sizeof(kMagic));
  PutU32(format, &out);
  PutU32(profile, &out);
  PutU32(lexicon, &out);
  PutU32(param_count, &out);
  PutU64(seed, &out);
  for (const uint32_t v : values) PutU32(v, &out);
  PutU64(fingerprint, &out);
  for (const uint64_t c : counts) PutU64(c, &out);
  PutU64(payload, &out);
  PutU64(checksum, &out);
  return out;
}

DedupStatus StateHeader::Decode(std::string_view bytes, StateHeader* out) {
  if (bytes.size() < sizeof(kMagic) ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return CorruptState("not a safi dedup state (bad magic)");
  }
  if (bytes.size() < sizeof(kMagic) + 4) {
    return CorruptState("truncated header");
  }
  const char* p = bytes.data() + sizeof(kMagic);
  StateHeader h;
  h.format = GetU32(p);
  if (h.format != kDedupStateFormatVersion) {
    return IncompatibleState("format version " + std::to_string(h.format) +
                             ", this safi reads version " +
                             std::to_string(kDedupStateFormatVersion));
  }
  if (bytes.size() < kStateHeaderSize) return CorruptState("truncated header");
  p += 4;
  h.profile = GetU32(p);
  h.lexicon = GetU32(p + 4);
  h.param_count = GetU32(p + 8);
  h.seed = GetU64(p + 12);
  p += 20;
  for (uint32_t& v : h.values) {
    v = GetU32(p);
    p += 4;
  }
  h.fingerprint = GetU64(p);
  p += 8;
  for (uint64_t& c : h.counts) {
    c = GetU64(p);
    p += 8;
  }
  h.payload = GetU64(p);
  h.checksum = GetU64(p + 8);
  *out = h;
  return {};
}

DedupStatus StateHeader::Check(DedupParams* params) const {
  if (profile != ProfileVersion(Profile::kDedup)) {
    return IncompatibleState("made with dedup profile version " +
                             std::to_string(profile) +
                             ", this safi has version " +
                             std::to_string(ProfileVersion(Profile::kDedup)));
  }
  if (lexicon != BuiltinLexiconVersion() ||
      fingerprint != BuiltinLexiconFingerprint()) {
    return IncompatibleState(
        "made with boilerplate lexicon version " + std::to_string(lexicon) +
        (lexicon == BuiltinLexiconVersion() ? " but other lexicon data" : "") +
        ", this safi has version " + std::to_string(BuiltinLexiconVersion()));
  }
  if (param_count != kStateParamCount) {
    return CorruptState("unexpected parameter count " +
                        std::to_string(param_count));
  }
  DedupParams p;
  p.hash_seed = seed;
  SetParamValues(values, &p);
  std::string why;
  if (!ValidDedupParams(p, &why)) return CorruptState("parameters: " + why);
  *params = p;
  return {};
}

void AppendSite(const SiteEntry& e, std::string* out) {
  PutU64(e.hash, out);
  PutU32(e.pages, out);
  PutU32(static_cast<uint32_t>(e.name.size()), out);
  out->append(e.name);
}

void AppendLine(const LineEntry& e, std::string* out) {
  PutU64(e.line, out);
  PutU64(e.site, out);
  PutU64(e.first_doc, out);
  PutU32(e.pages, out);
}

void AppendLead(const LeadLine& e, const uint64_t* prefixes, std::string* out) {
  PutU64(e.doc, out);
  PutU32(e.count, out);
  for (uint32_t i = 0; i < e.count; ++i) PutU64(prefixes[i], out);
}

void AppendDoc(const DocEntry& e, const uint32_t* signature, uint32_t k,
               std::string* out) {
  PutU64(e.doc, out);
  PutU64(e.site, out);
  PutU64(e.analysis_hash, out);
  PutU64(e.exact_hash, out);
  PutU64(e.content_bytes, out);
  PutU32(e.words, out);
  PutU32(static_cast<uint32_t>(e.id.size()), out);
  out->append(e.id);
  for (uint32_t v = 0; v < k; ++v) PutU32(signature[v], out);
}

StateReader::StateReader(std::string_view bytes)
    : data_(bytes.data()), size_(bytes.size()), at_eof_(true) {}

StateReader::StateReader(int fd, size_t buffer_bytes)
    : fd_(fd), buffer_bytes_(std::max<size_t>(buffer_bytes, 4096)) {}

bool StateReader::Need(size_t n) {
  if (size_ - pos_ >= n) return true;
  if (fd_ < 0 || at_eof_) return false;
  // Keep the unread bytes, then fill up to the larger of the buffer size
  // and n.
  const size_t unread = size_ - pos_;
  if (buffer_.size() < std::max(buffer_bytes_, n)) {
    buffer_.resize(std::max(buffer_bytes_, n));
  }
  if (unread > 0) std::memmove(&buffer_[0], data_ + pos_, unread);
  consumed_ += pos_;
  data_ = buffer_.data();
  pos_ = 0;
  size_ = unread;
  while (size_ < buffer_.size()) {
    const ssize_t read_bytes =
        read(fd_, &buffer_[size_], buffer_.size() - size_);
    if (read_bytes < 0 && errno == EINTR) continue;
    if (read_bytes <= 0) {
      if (read_bytes < 0) read_error_ = errno;
      at_eof_ = true;
      break;
    }
    const size_t got = static_cast<size_t>(read_bytes);
    // The checksum covers header bytes [0, 132) and the payload.
    const uint64_t at = consumed_ + size_;
    for (uint64_t b = at; b < at + got;) {
      const uint64_t end =
          b < kStateChecksumOffset
              ? std::min<uint64_t>(at + got, kStateChecksumOffset)
          : b < kStateHeaderSize
              ? std::min<uint64_t>(at + got, kStateHeaderSize)
              : at + got;
      if (b < kStateChecksumOffset || b >= kStateHeaderSize) {
        checksum_.Update(std::string_view(&buffer_[size_ + (b - at)],
                                          static_cast<size_t>(end - b)));
      }
      b = end;
    }
    size_ += got;
  }
  return size_ - pos_ >= n;
}

uint64_t StateReader::PayloadLeft() const {
  const uint64_t offset = consumed_ + pos_;
  const uint64_t end = kStateHeaderSize + header_.payload;
  return offset >= end ? 0 : end - offset;
}

uint32_t StateReader::U32() {
  const uint32_t v = GetU32(data_ + pos_);
  pos_ += 4;
  return v;
}

uint64_t StateReader::U64() {
  const uint64_t v = GetU64(data_ + pos_);
  pos_ += 8;
  return v;
}

bool StateReader::Fail(DedupStatus error) {
  if (!status_.ok()) return false;
  if (fd_ >= 0) {
    // Read the rest: a wrong size or checksum explains the error better.
    pos_ = size_;
    while (Need(1)) pos_ = size_;
    const uint64_t payload = consumed_ + size_ - kStateHeaderSize;
    if (read_error_ != 0) {
      error = IoError(read_error_);
    } else if (payload != header_.payload) {
      error = CorruptState(
          "payload is " + std::to_string(payload) + " bytes, header says " +
          std::to_string(header_.payload) + " (truncated or extended file)");
    } else if (checksum_.Digest() != header_.checksum) {
      error = CorruptState("checksum mismatch");
    }
  }
  status_ = std::move(error);
  return false;
}

DedupStatus StateReader::Begin() {
  Need(kStateHeaderSize);
  if (read_error_ != 0) {
    status_ = IoError(read_error_);
    return status_;
  }
  status_ = StateHeader::Decode(std::string_view(data_, size_), &header_);
  if (!status_.ok()) return status_;
  pos_ = kStateHeaderSize;
  if (fd_ < 0) {
    if (header_.payload != size_ - kStateHeaderSize) {
      status_ = CorruptState(
          "payload is " + std::to_string(size_ - kStateHeaderSize) +
          " bytes, header says " + std::to_string(header_.payload) +
          " (truncated or extended file)");
      return status_;
    }
    StreamHash checksum(0);
    checksum.Update(std::string_view(data_, kStateChecksumOffset));
    checksum.Update(
        std::string_view(data_ + kStateHeaderSize, size_ - kStateHeaderSize));
    if (checksum.Digest() != header_.checksum) {
      status_ = CorruptState("checksum mismatch");
      return status_;
    }
  }
  DedupStatus checked = header_.Check(&params_);
  if (!checked.ok()) {
    Fail(std::move(checked));
    return status_;
  }
  const uint64_t k = params_.bands * params_.rows;
  const uint64_t payload = header_.payload;
  const uint64_t* counts = header_.counts;
  if (counts[kSites] > payload / kSiteMinBytes ||
      counts[kLines] > payload / kLineBytes ||
      counts[kLeads] > payload / kLeadMinBytes ||
      counts[kDocs] > payload / (kDocMinBytes + 4 * k)) {
    Fail(CorruptState("section counts exceed the payload"));
    return status_;
  }
  std::copy(counts, counts + 4, left_);
  sites_.clear();
  sites_.reserve(static_cast<size_t>(counts[kSites]));
  for (; left_[kSites] > 0; --left_[kSites]) {
    SiteEntry e;
    if (!Need(kSiteMinBytes)) {
      Fail(CorruptState("truncated site section"));
      return status_;
    }
    e.hash = U64();
    e.pages = U32();
    const uint32_t length = U32();
    if (length > PayloadLeft() || !Need(length)) {
      Fail(CorruptState("truncated site section"));
      return status_;
    }
    e.name.assign(data_ + pos_, length);
    pos_ += length;
    if (e.pages == 0 || (!sites_.empty() && sites_.back().hash >= e.hash) ||
        Hash64(e.name, params_.hash_seed) != e.hash) {
      Fail(CorruptState("site section is not sorted or inconsistent"));
      return status_;
    }
    sites_.push_back(std::move(e));
  }
  return status_;
}

bool StateReader::NextLine(LineEntry* e) {
  if (!status_.ok() || left_[kLines] == 0) return false;
  if (!Need(kLineBytes)) return Fail(CorruptState("truncated line section"));
  e->line = U64();
  e->site = U64();
  e->first_doc = U64();
  e->pages = U32();
  const auto site = std::lower_bound(
      sites_.begin(), sites_.end(), e->site,
      [](const SiteEntry& s, uint64_t hash) { return s.hash < hash; });
  const bool first = left_[kLines] == header_.counts[kLines];
  if (e->pages == 0 || (!first && !LineLess(last_line_, *e)) ||
      site == sites_.end() || site->hash != e->site || e->pages > site->pages) {
    return Fail(CorruptState("line section is not sorted or inconsistent"));
  }
  last_line_ = *e;
  --left_[kLines];
  return true;
}

bool StateReader::NextLead(LeadLine* e, uint64_t* prefixes) {
  if (!status_.ok() || left_[kLeads] == 0) return false;
  if (!Need(kLeadFixedBytes)) {
    return Fail(CorruptState("truncated lead section"));
  }
  e->doc = U64();
  e->count = U32();
  e->first = 0;
  if (e->count == 0 || e->count > kMaxLeadPrefixes) {
    return Fail(CorruptState("lead line with " + std::to_string(e->count) +
                             " prefixes"));
  }
  if (!Need(8 * size_t{e->count})) {
    return Fail(CorruptState("truncated lead section"));
  }
  for (uint32_t i = 0; i < e->count; ++i) prefixes[i] = U64();
  e->head = prefixes[0];
  const bool first = left_[kLeads] == header_.counts[kLeads];
  if (!first && !LeadLess(last_lead_, last_lead_prefixes_, *e, prefixes)) {
    return Fail(CorruptState("lead section is not sorted"));
  }
  last_lead_ = *e;
  std::copy(prefixes, prefixes + e->count, last_lead_prefixes_);
  --left_[kLeads];
  return true;
}

bool StateReader::NextDoc(DocEntry* e, uint32_t* signature) {
  if (!status_.ok() || left_[kDocs] == 0) return false;
  const size_t k = params_.bands * params_.rows;
  if (!Need(kDocMinBytes)) {
    return Fail(CorruptState("truncated document section"));
  }
  e->doc = U64();
  e->site = U64();
  e->analysis_hash = U64();
  e->exact_hash = U64();
  e->content_bytes = U64();
  e->words = U32();
  const uint32_t length = U32();
  if (length > PayloadLeft() || !Need(length + 4 * k)) {
    return Fail(CorruptState("truncated document section"));
  }
  e->id.assign(data_ + pos_, length);
  pos_ += length;
  for (size_t v = 0; v < k; ++v) signature[v] = U32();
  const bool first = left_[kDocs] == header_.counts[kDocs];
  const auto site = std::lower_bound(
      sites_.begin(), sites_.end(), e->site,
      [](const SiteEntry& s, uint64_t hash) { return s.hash < hash; });
  if ((!first && last_doc_ >= e->doc) ||
      Hash64(e->id, params_.hash_seed) != e->doc || site == sites_.end() ||
      site->hash != e->site) {
    return Fail(CorruptState("document section is not sorted or inconsistent"));
  }
  last_doc_ = e->doc;
  --left_[kDocs];
  return true;
}

DedupStatus StateReader::End() {
  if (!status_.ok()) return status_;
  if (Need(1)) {
    Fail(CorruptState("bytes after the last section"));
    return status_;
  }
  if (fd_ >= 0) {
    const uint64_t payload = consumed_ + size_ - kStateHeaderSize;
    if (read_error_ != 0) {
      status_ = IoError(read_error_);
    } else if (payload != header_.payload) {
      status_ = CorruptState(
          "payload is " + std::to_string(payload) + " bytes, header says " +
          std::to_string(header_.payload) + " (truncated or extended file)");
    } else if (checksum_.Digest() != header_.checksum) {
      status_ = CorruptState("checksum mismatch");
    }
  }
  return status_;
}

void StateWriter::Begin(const DedupParams& params) {
  k_ = params.bands * params.rows;
  header_ = StateHeader::For(params);
  start_ = lseek(fd_, 0, SEEK_CUR);
  if (start_ < 0) {
    error_ = errno;
    return;
  }
  end_ = start_;
  buffer_ = header_.Encode();
}

void StateWriter::Flush() {
  if (error_ == 0 && !PwriteAll(fd_, buffer_, end_)) error_ = errno;
  end_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
}

void StateWriter::AddSite(const SiteEntry& e) {
  AppendSite(e, &buffer_);
  ++header_.counts[kSites];
  if (buffer_.size() >= kWriteBytes) Flush();
}

void StateWriter::AddLine(const LineEntry& e) {
  AppendLine(e, &buffer_);
  ++header_.counts[kLines];
  if (buffer_.size() >= kWriteBytes) Flush();
}

void StateWriter::AddLead(const LeadLine& e, const uint64_t* prefixes) {
  AppendLead(e, prefixes, &buffer_);
  ++header_.counts[kLeads];
  if (buffer_.size() >= kWriteBytes) Flush();
}

void StateWriter::AddDoc(const DocEntry& e, const uint32_t* signature) {
  AppendDoc(e, signature, k_, &buffer_);
  ++header_.counts[kDocs];
  if (buffer_.size() >= kWriteBytes) Flush();
}

DedupStatus StateWriter::Finish() {
  Flush();
  if (error_ != 0) return IoError(error_);
  header_.payload = static_cast<uint64_t>(end_ - start_) - kStateHeaderSize;
  // The checksum: the header prefix, then the payload read back.
  std::string header = header_.Encode();
  StreamHash checksum(0);
  checksum.Update(std::string_view(header).substr(0, kStateChecksumOffset));
  std::string chunk(kWriteBytes, '\0');
  for (int64_t at = start_ + static_cast<int64_t>(kStateHeaderSize);
       at < end_;) {
    const size_t want = static_cast<size_t>(
        std::min<int64_t>(end_ - at, static_cast<int64_t>(chunk.size())));
    const ssize_t got = pread(fd_, &chunk[0], want, at);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return IoError(got < 0 ? errno : EIO);
    checksum.Update(std::string_view(chunk.data(), static_cast<size_t>(got)));
    at += got;
  }
  header_.checksum = checksum.Digest();
  header = header_.Encode();
  if (!PwriteAll(fd_, header, start_) || lseek(fd_, end_, SEEK_SET) < 0) {
    return IoError(errno);
  }
  return {};
}

DedupStatus WriteState(const DedupState::Impl& state, StateSink* sink) {
  sink->Begin(state.params);
  for (const SiteEntry& e : state.sites) sink->AddSite(e);
  for (const LineEntry& e : state.lines) sink->AddLine(e);
  for (const LeadLine& e : state.leads) {
    sink->AddLead(e, state.LeadPrefixes(e));
  }
  for (size_t d = 0; d < state.docs.size(); ++d) {
    sink->AddDoc(state.docs[d], state.Signature(d));
  }
  return sink->Finish();
}

namespace {

// Per-input error of a merge, by priority: reading the input, then its
// parameters, then an id it shares with an earlier input.
struct MergeError {
  enum Kind { kNone = 0, kRead, kParams, kShared };
  Kind kind = kNone;
  DedupStatus status;
  void Note(Kind k, DedupStatus s) {
    if (kind == kNone || k < kind) {
      kind = k;
      status = std::move(s);
    }
  }
};

// K-way merge of one section over the inputs that take part. Head reads
// the next record of an input into its slot (false at the end of the
// section); Less orders slots; Emit receives each group of equal records
// (slot indices, smallest input first).
template <typename Record, typename Next, typename Less, typename Emit>
void MergeSection(const std::vector<StateReader*>& inputs,
                  const std::vector<uint8_t>& active,
                  std::vector<MergeError>* errors, Next next, Less less,
                  Emit emit) {
  const size_t n = inputs.size();
  std::vector<Record> heads(n);
  const auto greater = [&](size_t a, size_t b) {
    if (less(heads[a], heads[b])) return false;
    if (less(heads[b], heads[a])) return true;
    return a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> queue(
      greater);
  const auto advance = [&](size_t i) {
    if (next(inputs[i], &heads[i])) {
      queue.push(i);
    } else if (!inputs[i]->status().ok()) {
      (*errors)[i].Note(MergeError::kRead, inputs[i]->status());
    }
  };
  for (size_t i = 0; i < n; ++i) {
    if (active[i] != 0) advance(i);
  }
  std::vector<size_t> group;
  while (!queue.empty()) {
    group.clear();
    group.push_back(queue.top());
    queue.pop();
    while (!queue.empty() && !less(heads[group[0]], heads[queue.top()])) {
      group.push_back(queue.top());
      queue.pop();
    }
    emit(heads, group);
    for (const size_t i : group) advance(i);
  }
}

}  // namespace

DedupStatus MergeStates(const std::vector<StateReader*>& inputs,
                        StateSink* sink, size_t* failed) {
  const size_t n = inputs.size();
  std::vector<MergeError> errors(n);
  // Inputs whose records are merged (1), read and dropped (2: other
  // parameters, read for their own errors) or not read further (0).
  std::vector<uint8_t> merged(n, 0), read(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const DedupStatus s = inputs[i]->Begin();
    if (!s.ok()) {
      errors[i].Note(MergeError::kRead, s);
      continue;
    }
    read[i] = 1;
    if (inputs[i]->params() != inputs[0]->params()) {
      errors[i].Note(
          MergeError::kParams,
          MergeIncompatible(inputs[0]->params(), inputs[i]->params()));
    } else {
      merged[i] = 1;
    }
  }
  sink->Begin(inputs.empty() ? DedupParams() : inputs[0]->params());
  // Sites: few, merged in memory; equal hashes add their pages and keep
  // the smallest name.
  std::vector<SiteEntry> sites;
  for (size_t i = 0; i < n; ++i) {
    if (merged[i] == 0) continue;
    const std::vector<SiteEntry>& more = inputs[i]->sites();
    std::vector<SiteEntry> joined;
    joined.reserve(sites.size() + more.size());
    size_t a = 0, b = 0;
    while (a < sites.size() || b < more.size()) {
      if (b == more.size() ||
          (a < sites.size() && sites[a].hash < more[b].hash)) {
        joined.push_back(std::move(sites[a++]));
      } else if (a == sites.size() || more[b].hash < sites[a].hash) {
        joined.push_back(more[b++]);
      } else {
        SiteEntry site = std::move(sites[a++]);
        site.pages = AddPages(site.pages, more[b].pages);
        site.name = std::min(site.name, more[b].name);
        joined.push_back(std::move(site));
        ++b;
      }
    }
    sites = std::move(joined);
  }
  for (const SiteEntry& e : sites) sink->AddSite(e);
  // Each remaining section: merged inputs take part, the others are read
  // to the end of the section for their errors.
  const auto drain = [&](auto next, auto record) {
    for (size_t i = 0; i < n; ++i) {
      if (read[i] == 0 || merged[i] != 0) continue;
      while (next(inputs[i], &record)) {
      }
      if (!inputs[i]->status().ok()) {
        errors[i].Note(MergeError::kRead, inputs[i]->status());
      }
    }
  };
  const auto next_line = [](StateReader* r, LineEntry* e) {
    return r->NextLine(e);
  };
  MergeSection<LineEntry>(
      inputs, merged, &errors, next_line,
      [](const LineEntry& a, const LineEntry& b) { return LineLess(a, b); },
      [&](const std::vector<LineEntry>& heads,
          const std::vector<size_t>& group) {
        LineEntry line = heads[group[0]];
        for (size_t g = 1; g < group.size(); ++g) {
          line.pages = AddPages(line.pages, heads[group[g]].pages);
          line.first_doc = std::min(line.first_doc, heads[group[g]].first_doc);
        }
        sink->AddLine(line);
      });
  drain(next_line, LineEntry());
  // Lead lines carry their prefix hashes.
  struct Lead {
    LeadLine entry;
    uint64_t prefixes[kMaxLeadPrefixes];
  };
  const auto next_lead = [](StateReader* r, Lead* l) {
    return r->NextLead(&l->entry, l->prefixes);
  };
  MergeSection<Lead>(
      inputs, merged, &errors, next_lead,
      [](const Lead& a, const Lead& b) {
        return LeadLess(a.entry, a.prefixes, b.entry, b.prefixes);
      },
      [&](const std::vector<Lead>& heads, const std::vector<size_t>& group) {
        sink->AddLead(heads[group[0]].entry, heads[group[0]].prefixes);
      });
  drain(next_lead, Lead());
  // Documents carry their signature.
  struct Doc {
    DocEntry entry;
    std::vector<uint32_t> signature;
  };
  const auto next_doc = [](StateReader* r, Doc* d) {
    d->signature.resize(r->params().bands * r->params().rows);
    return r->NextDoc(&d->entry, d->signature.data());
  };
  MergeSection<Doc>(
      inputs, merged, &errors, next_doc,
      [](const Doc& a, const Doc& b) { return a.entry.doc < b.entry.doc; },
      [&](const std::vector<Doc>& heads, const std::vector<size_t>& group) {
        for (size_t g = 1; g < group.size(); ++g) {
          errors[group[g]].Note(MergeError::kShared,
                                {DedupStatus::kDuplicateId,
                                 "document id '" + heads[group[g]].entry.id +
                                     "' is in both states"});
        }
        sink->AddDoc(heads[group[0]].entry, heads[group[0]].signature.data());
      });
  drain(next_doc, Doc());
  for (size_t i = 0; i < n; ++i) {
    if (read[i] == 0 || errors[i].kind == MergeError::kRead) continue;
    const DedupStatus s = inputs[i]->End();
    if (!s.ok()) errors[i].Note(MergeError::kRead, s);
  }
  for (size_t i = 0; i < n; ++i) {
    if (errors[i].kind != MergeError::kNone) {
      *failed = i;
      return errors[i].status;
    }
  }
  const DedupStatus s = sink->Finish();
  if (!s.ok()) *failed = n;
  return s;
}

}  // namespace dedup
}  // namespace safi
