// SPDX-License-Identifier: Apache-2.0
// DedupSketcher: per-document statistics (site pages, line keys per site,
// lead lines, exact hash and MinHash signature of the text left after
// the single-document detectors), accumulated into a DedupState; beyond a
// memory limit, in sorted runs spilled to temporary files and merged at
// the end.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <memory>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis.h"
#include "hash.h"
#include "hash_set.h"
#include "hash_sort.h"
#include "lexicon.h"
#include "minhash.h"
#include "pod_vector.h"
#include "safi/dedup.h"
#include "state.h"
#include "state_file.h"

namespace safi {

using dedup::DocEntry;
using dedup::LeadLine;
using dedup::LineEntry;
using dedup::SiteEntry;

namespace {

// Runs merged into one when this many have been spilled, so that the final
// merge reads few files at once.
constexpr size_t kMaxRuns = 32;
// Read buffer of each run while merging.
constexpr size_t kRunBufferBytes = size_t{1} << 16;
// The first capacity of the run's tables without a memory limit: one huge
// page (pod_vector.h), where a table grown from a small malloc block took
// its first 2 MiB in 4 KiB page faults and copied them at each doubling
// (the documents, a std::vector, fault in as they come, but are not moved).
constexpr size_t kFirstTableBytes = size_t{2} << 20;
// Memory of a node of the run's site map, besides the value: allocator
// header, next pointer, cached hash.
constexpr size_t kNodeBytes = 32;

// True if the line is part of the document's boilerplate-free text: not
// blank, not removed by the lexicon or the structural rules.
bool Content(const dedup::LineInfo& line,
             const dedup::StructureVerdict& verdict) {
  return !line.blank() && !line.lexicon_removed() &&
         verdict.kind == dedup::StructureVerdict::kNone;
}

// An owned file descriptor, closed on destruction. Movable.
class File {
 public:
  explicit File(int fd = -1) : fd_(fd) {}
  File(File&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  File& operator=(File&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~File() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_;
};

// An unnamed temporary file in dir, open for reading and writing; invalid
// with errno set on failure.
File CreateTemporaryFile(const std::string& dir) {
  std::string path =
      (dir.empty() ? std::string(".") : dir) + "/safi-run.XXXXXX";
  const int fd = mkostemp(&path[0], O_CLOEXEC);
  if (fd >= 0) unlink(path.c_str());
  return File(fd);
}

// Sorts lead lines by LeadLess; prefixes: their prefix hashes. The lead
// lines of one head (an opening repeated on many pages) are sorted by a
// radix pass on their documents' hashes, LeadLess's next key, not compared
// (hash_sort.h).
void SortLeads(dedup::PodVector<LeadLine>* leads, const uint64_t* prefixes) {
  dedup::HashSort(
      leads->begin(), leads->size(), [](const LeadLine& e) { return e.head; },
      [](const LeadLine& e) { return e.doc; },
      [prefixes](const LeadLine& a, const LeadLine& b) {
        return dedup::LeadLess(a, prefixes + a.first, b, prefixes + b.first);
      });
}

// The indices of docs in increasing order of their hashes (distinct: a
// duplicate id is refused). The hashes are sorted with their indices, not
// the indices through the table (a cache miss per comparison).
std::vector<uint32_t> DocOrder(const std::vector<DocEntry>& docs) {
  struct Key {
    uint64_t doc;
    uint32_t index;
  };
  std::vector<Key> keys(docs.size());
  for (uint32_t i = 0; i < keys.size(); ++i) keys[i] = {docs[i].doc, i};
  dedup::HashSort(
      keys.data(), keys.size(), [](const Key& e) { return e.doc; },
      [](const Key& a, const Key& b) { return a.doc < b.doc; });
  std::vector<uint32_t> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  return order;
}

template <typename Vector>
size_t CapacityBytes(const Vector& v) {
  return v.capacity() * sizeof(typename Vector::value_type);
}

// The largest capacity a reserve of v can end with without allocating more
// than n elements' bytes (a PodVector rounds large tables up to huge pages).
template <typename T>
size_t CapacityWithin(const std::vector<T>&, size_t n) {
  return n;
}
template <typename T>
size_t CapacityWithin(const dedup::PodVector<T>&, size_t n) {
  return dedup::PodVector<T>::CapacityWithin(n);
}

// The words of a sequence of lines, in order, for the MinHash signature:
// a span of the analysis's word hashes while each line's words follow the
// previous line's there (all but about 2 % of the news pages), copied into
// a buffer from the first line whose words do not, so that most pages
// copy nothing.
class LineWords {
 public:
  // all: the document's word hashes; copy: the buffer, for any page with
  // a gap. Both must outlive the LineWords.
  LineWords(const dedup::PodVector<uint64_t>& all, std::vector<uint64_t>* copy)
      : all_(all), copy_(copy) {}

  // Appends the words all[first, first + count).
  void Add(size_t first, size_t count) {
    if (!copied_ && (end_ == begin_ || first == end_)) {
      if (end_ == begin_) begin_ = first;
      end_ = first + count;
      return;
    }
    if (!copied_) {
      copy_->assign(all_.begin() + begin_, all_.begin() + end_);
      copied_ = true;
    }
    copy_->insert(copy_->end(), all_.begin() + first,
                  all_.begin() + first + count);
  }
  // Forgets the words added.
  void Clear() {
    begin_ = end_ = 0;
    copied_ = false;
  }
  const uint64_t* data() const {
    return copied_ ? copy_->data() : all_.data() + begin_;
  }
  size_t size() const { return copied_ ? copy_->size() : end_ - begin_; }

 private:
  const dedup::PodVector<uint64_t>& all_;
  std::vector<uint64_t>* copy_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool copied_ = false;
};

}  // namespace

struct DedupSketcher::Impl {
  explicit Impl(const DedupParams& p)
      : params(p),
        valid(ValidDedupParams(p, &why)),
        normalizer(Profile::kDedup),
        lexicon(dedup::SharedLexicon(p.hash_seed)),
        minhasher(p) {}

  // Sorts the line occurrences and sums equal (line, site) pairs, so that
  // memory follows the distinct pairs, not the occurrences.
  void CompactLines();
  // Memory of the current run's statistics.
  size_t RunBytes() const;
  // Makes room in the run for the document prepared in the scratch
  // buffers (lines, lead lines, one document), growing the vectors only as far
  // as the memory limit allows. False if the limit does not allow it.
  // Without a limit, an empty run's tables get kFirstTableBytes each.
  bool Room();
  // Sorts the run and sends it to sink.
  DedupStatus WriteRun(dedup::StateSink* sink);
  // Writes the run to a temporary file and empties it; merges the runs
  // into one when there are kMaxRuns of them.
  DedupStatus SpillRun();
  // Merges the spilled runs into sink.
  DedupStatus MergeRuns(dedup::StateSink* sink);
  // Empties the run and frees its memory.
  void ReleaseRun();
  // Forgets everything added (keeps the tools).
  void Reset();

  DedupParams params;
  std::string why;
  bool valid;
  Normalizer normalizer;
  std::shared_ptr<const dedup::Lexicon> lexicon;
  dedup::LexiconCache lexicon_cache;  // of *lexicon
  dedup::MinHasher minhasher;
  // Scratch buffers of Add: the analysis, then the document's records.
  dedup::DocumentAnalysis analysis;
  std::vector<dedup::StructureVerdict> verdicts;
  std::vector<uint64_t> line_hashes;
  dedup::HashSet64 line_seen;  // the set that makes line_hashes unique
  // The page's lead lines, first counted from the start of its prefix
  // hashes in doc_lead_prefixes.
  std::vector<LeadLine> doc_leads;
  dedup::PodVector<uint64_t> doc_lead_prefixes;
  std::vector<uint64_t> word_hashes;
  dedup::MinHashScratch scratch;
  // The current run.
  std::unordered_map<uint64_t, SiteEntry> sites;
  dedup::PodVector<LineEntry> lines;
  size_t compacted_lines = 0;
  dedup::PodVector<LeadLine> leads;  // distinct: a page's repeats are dropped
  dedup::PodVector<uint64_t> lead_prefixes;
  dedup::HashSet64 doc_hashes;
  std::vector<DocEntry> docs;
  dedup::PodVector<uint32_t> signatures;
  size_t heap_bytes = 0;  // site names and nodes, document ids of the run
  // Spilling.
  uint64_t memory_limit = 0;  // 0: none
  std::string temp_dir;
  std::vector<File> runs;
  uint64_t spilled_runs = 0;
  std::vector<uint64_t> spilled_docs;  // sorted hashes of spilled documents
};

void DedupSketcher::Impl::CompactLines() {
  // The occurrences of a line (a boilerplate line on thousands of pages of
  // a few sites) are sorted by a radix pass on their sites, not compared.
  dedup::HashSort(
      lines.begin(), lines.size(), [](const LineEntry& e) { return e.line; },
      [](const LineEntry& e) { return e.site; },
      [](const LineEntry& a, const LineEntry& b) {
        return dedup::LineLess(a, b);
      });
  // The pair being summed is held apart and stored field by field: summing
  // into the table read back fields just stored, which g++ had stored as
  // overlapping 16-byte halves that could not forward them (CopyRecord in
  // hash_sort.h).
  size_t out = 0;
  const auto put = [this, &out](const LineEntry& e) {
    LineEntry& o = lines[out++];
    o.line = e.line;
    o.site = e.site;
    o.first_doc = e.first_doc;
    o.pages = e.pages;
  };
  LineEntry sum = lines.empty() ? LineEntry() : lines[0];
  for (size_t i = 1; i < lines.size(); ++i) {
    const LineEntry& e = lines[i];
    if (e.line == sum.line && e.site == sum.site) {
      sum.pages = dedup::AddPages(sum.pages, e.pages);
      sum.first_doc = std::min(sum.first_doc, e.first_doc);
    } else {
      put(sum);
      sum = e;
    }
  }
  if (!lines.empty()) put(sum);
  lines.resize(out);
  compacted_lines = out;
}

size_t DedupSketcher::Impl::RunBytes() const {
  return CapacityBytes(lines) + CapacityBytes(leads) +
         CapacityBytes(lead_prefixes) + CapacityBytes(docs) +
         CapacityBytes(signatures) + heap_bytes + doc_hashes.capacity_bytes() +
         sites.bucket_count() * sizeof(void*);
}

bool DedupSketcher::Impl::Room() {
  if (memory_limit == 0) {
    if (docs.empty()) {
      const auto reserve = [](auto* v) {
        using T = typename std::remove_pointer_t<decltype(v)>::value_type;
        v->reserve(kFirstTableBytes / sizeof(T));
      };
      reserve(&lines);
      reserve(&leads);
      reserve(&lead_prefixes);
      reserve(&signatures);
      reserve(&docs);
      // The ids' set with room for as many: it no longer rehashes all the
      // ids at each doubling.
      doc_hashes.Reset(docs.capacity());
    }
    return true;
  }
  // A vector that is full grows to twice its size, or as far as the limit
  // allows; if even the document's records do not fit, there is no room.
  bool fits = true;
  const auto grow = [&](auto* v, size_t more) {
    using T = typename std::remove_pointer_t<decltype(v)>::value_type;
    const size_t needed = v->size() + more;
    if (needed <= v->capacity()) return;
    const size_t used = RunBytes();
    const size_t spare =
        used < memory_limit ? (memory_limit - used) / sizeof(T) : 0;
    const size_t within = CapacityWithin(*v, v->capacity() + spare);
    if (needed > within) {
      fits = false;
      return;
    }
    v->reserve(std::max(needed, std::min(2 * v->capacity(), within)));
  };
  // A full line table is compacted first (repeated keys may make room) only
  // when the limit would not let it double; otherwise it grows, and the
  // repeats are summed by Add's periodic compaction, as without a limit:
  // compacting at every fill sorted the whole table again and again.
  if (lines.size() + line_hashes.size() > lines.capacity() &&
      lines.size() > compacted_lines &&
      RunBytes() + CapacityBytes(lines) > memory_limit) {
    CompactLines();
  }
  grow(&lines, line_hashes.size());
  grow(&leads, doc_leads.size());
  grow(&lead_prefixes, doc_lead_prefixes.size());
  grow(&docs, 1);
  grow(&signatures, minhasher.size());
  // The document's id joins the id set, which may double.
  return fits && RunBytes() - doc_hashes.capacity_bytes() +
                         doc_hashes.capacity_bytes_after_insert() <=
                     memory_limit;
}

DedupStatus DedupSketcher::Impl::WriteRun(dedup::StateSink* sink) {
  sink->Begin(params);
  std::vector<const SiteEntry*> site_order;
  site_order.reserve(sites.size());
  for (const auto& site : sites) site_order.push_back(&site.second);
  std::sort(
      site_order.begin(), site_order.end(),
      [](const SiteEntry* a, const SiteEntry* b) { return a->hash < b->hash; });
  for (const SiteEntry* site : site_order) sink->AddSite(*site);
  CompactLines();
  for (const LineEntry& e : lines) sink->AddLine(e);
  SortLeads(&leads, lead_prefixes.data());
  for (const LeadLine& e : leads) sink->AddLead(e, &lead_prefixes[e.first]);
  const size_t k = minhasher.size();
  for (const uint32_t i : DocOrder(docs)) {
    sink->AddDoc(docs[i], &signatures[i * k]);
  }
  return sink->Finish();
}

DedupStatus DedupSketcher::Impl::SpillRun() {
  File file = CreateTemporaryFile(temp_dir);
  if (!file.valid()) {
    return {DedupStatus::kIoError, "cannot create a temporary file in " +
                                       (temp_dir.empty() ? "." : temp_dir) +
                                       ": " + std::strerror(errno)};
  }
  dedup::StateWriter writer(file.get());
  const DedupStatus status = WriteRun(&writer);
  if (!status.ok()) {
    return {DedupStatus::kIoError, "cannot write a temporary file in " +
                                       (temp_dir.empty() ? "." : temp_dir) +
                                       ": " + status.message};
  }
  runs.push_back(std::move(file));
  ++spilled_runs;
  // The run's documents join the sorted list of spilled ones.
  std::vector<uint64_t> hashes;
  hashes.reserve(doc_hashes.size());
  doc_hashes.ForEach([&hashes](uint64_t hash) { hashes.push_back(hash); });
  std::sort(hashes.begin(), hashes.end());
  std::vector<uint64_t> all;
  all.reserve(spilled_docs.size() + hashes.size());
  std::merge(spilled_docs.begin(), spilled_docs.end(), hashes.begin(),
             hashes.end(), std::back_inserter(all));
  spilled_docs = std::move(all);
  // Empty the run, keeping the vectors' memory for the next one, unless a
  // document larger than the limit made them grow past it: then every
  // later document would be a run of its own.
  sites.clear();
  lines.clear();
  compacted_lines = 0;
  leads.clear();
  lead_prefixes.clear();
  doc_hashes.Reset(0);
  docs.clear();
  signatures.clear();
  heap_bytes = 0;
  if (RunBytes() > memory_limit) ReleaseRun();
  if (runs.size() < kMaxRuns) return {};
  File merged = CreateTemporaryFile(temp_dir);
  if (!merged.valid()) {
    return {DedupStatus::kIoError, "cannot create a temporary file in " +
                                       (temp_dir.empty() ? "." : temp_dir) +
                                       ": " + std::strerror(errno)};
  }
  dedup::StateWriter merged_writer(merged.get());
  const DedupStatus merge_status = MergeRuns(&merged_writer);
  if (!merge_status.ok()) return merge_status;
  runs.clear();
  runs.push_back(std::move(merged));
  return {};
}

DedupStatus DedupSketcher::Impl::MergeRuns(dedup::StateSink* sink) {
  std::vector<std::unique_ptr<dedup::StateReader>> readers;
  std::vector<dedup::StateReader*> inputs;
  for (const File& run : runs) {
    if (lseek(run.get(), 0, SEEK_SET) < 0) {
      return {DedupStatus::kIoError, std::strerror(errno)};
    }
    readers.emplace_back(new dedup::StateReader(run.get(), kRunBufferBytes));
    inputs.push_back(readers.back().get());
  }
  size_t failed = 0;
  const DedupStatus status = dedup::MergeStates(inputs, sink, &failed);
  if (status.ok()) return status;
  return {DedupStatus::kIoError,
          (failed < inputs.size() ? "cannot read a temporary file in " +
                                        (temp_dir.empty() ? "." : temp_dir)
                                  : std::string("cannot write the state")) +
              ": " + status.message};
}

void DedupSketcher::Impl::ReleaseRun() {
  std::unordered_map<uint64_t, SiteEntry>().swap(sites);
  dedup::PodVector<LineEntry>().swap(lines);
  compacted_lines = 0;
  dedup::PodVector<LeadLine>().swap(leads);
  dedup::PodVector<uint64_t>().swap(lead_prefixes);
  doc_hashes.Release();
  std::vector<DocEntry>().swap(docs);
  dedup::PodVector<uint32_t>().swap(signatures);
  heap_bytes = 0;
}

void DedupSketcher::Impl::Reset() {
  ReleaseRun();
  runs.clear();
  spilled_runs = 0;
  std::vector<uint64_t>().swap(spilled_docs);
}

DedupSketcher::DedupSketcher(const DedupParams& params)
    : impl_(new Impl(params)) {}

DedupSketcher::~DedupSketcher() = default;

void DedupSketcher::SetMemoryLimit(uint64_t bytes,
                                   const std::string& temp_dir) {
  impl_->memory_limit = bytes;
  impl_->temp_dir = temp_dir;
}

uint64_t DedupSketcher::spilled_runs() const { return impl_->spilled_runs; }

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
  const uint64_t doc_hash = dedup::Hash64(doc.id, s.params.hash_seed);
  // The id's slot in the run's id set is usually a cache miss: asked for
  // now and looked at once the text is analyzed (the analysis only fills
  // scratch buffers, so a refused document still leaves no trace). So may
  // the site name be, wherever the caller keeps it, which is hashed then
  // too.
  s.doc_hashes.Prefetch(doc_hash);
  __builtin_prefetch(doc.site.data());
  dedup::DocumentAnalysis& a = s.analysis;
  dedup::AnalyzeDocument(doc.text, s.normalizer, *s.lexicon, s.params,
                         &s.lexicon_cache, &a);
  if (s.doc_hashes.Contains(doc_hash) ||
      std::binary_search(s.spilled_docs.begin(), s.spilled_docs.end(),
                         doc_hash)) {
    return {DedupStatus::kDuplicateId,
            "duplicate document id '" + std::string(doc.id) + "'"};
  }
  const size_t n = a.lines.size();
  // Before the merge only the lexicon removes lines and no teaser is
  // confirmed.
  dedup::FindTeaserStructure(a, {}, {}, &s.verdicts);

  // One pass over the lines that the lexicon left, for three things:
  // - the page's line keys, each once (in the order of their first line);
  // - its lead lines: the first lead_lines lines that can open an
  //   article, each with its prefix hashes (a line equal to an earlier
  //   one in all of them is dropped: the lines are a set);
  // - the text without the single-document detections: its exact hash (the
  //   SequenceHash of its line hashes), its size (its line keys, each
  //   followed by LF), and the words of its long lines for the MinHash
  //   signature (all its words if those are too few, below).
  s.line_hashes.clear();
  s.line_seen.Reset(n);
  s.doc_leads.clear();
  s.doc_lead_prefixes.clear();
  uint32_t lead_lines = 0;
  const uint32_t smallest = dedup::LeadCheckpoints().front();
  dedup::SequenceHash exact;
  uint64_t content_bytes = 0;
  LineWords shingled(a.word_hashes, &s.word_hashes);
  uint64_t words = 0;
  for (size_t i = 0; i < n; ++i) {
    const dedup::LineInfo& line = a.lines[i];
    if (line.blank() || line.lexicon_removed()) continue;
    if (!line.lexicon.allowlisted && s.line_seen.Insert(line.hash)) {
      s.line_hashes.push_back(line.hash);
    }
    if (lead_lines < s.params.lead_lines && line.words >= smallest &&
        !line.teaser_candidate) {
      // Written in place after the page's earlier lead lines, and taken
      // back if it repeats one of them.
      const size_t first = s.doc_lead_prefixes.size();
      s.doc_lead_prefixes.resize_uninitialized(first + dedup::kMaxLeadPrefixes);
      const uint64_t* const earlier = s.doc_lead_prefixes.data();
      uint64_t* const prefixes = s.doc_lead_prefixes.data() + first;
      const uint32_t count = dedup::LeadPrefixes(a, line, prefixes);
      const bool repeat = std::any_of(
          s.doc_leads.begin(), s.doc_leads.end(), [&](const LeadLine& e) {
            return e.count == count &&
                   std::equal(prefixes, prefixes + count, earlier + e.first);
          });
      s.doc_lead_prefixes.resize_uninitialized(repeat ? first : first + count);
      if (!repeat) {
        LeadLine lead;
        lead.head = prefixes[0];
        lead.doc = doc_hash;
        lead.first = first;
        lead.count = count;
        s.doc_leads.push_back(lead);
      }
      ++lead_lines;
    }
    if (!Content(line, s.verdicts[i])) continue;
    exact.Add(line.hash);
    content_bytes += a.Key(line).size() + 1;
    words += line.words;
    if (line.words >= s.params.shingle_min_line_words) {
      shingled.Add(line.first_word, line.words);
    }
  }
  if (shingled.size() < 4 * size_t{s.params.shingle_words}) {
    // Too few words in long lines: shingles of all the content lines.
    shingled.Clear();
    for (size_t i = 0; i < n; ++i) {
      const dedup::LineInfo& line = a.lines[i];
      if (!Content(line, s.verdicts[i])) continue;
      shingled.Add(line.first_word, line.words);
    }
  }
  // Everything is ready: spill the run first if the document does not fit
  // in the memory limit (a document larger than the limit is still added).
  if (!s.Room() && !s.docs.empty()) {
    const DedupStatus spilled = s.SpillRun();
    if (!spilled.ok()) return spilled;
    s.Room();
  }
  const uint64_t site_hash = dedup::Hash64(doc.site, s.params.hash_seed);
  auto site = s.sites.find(site_hash);
  if (site == s.sites.end()) {
    site = s.sites.emplace(site_hash, SiteEntry()).first;
    site->second.hash = site_hash;
    site->second.name = std::string(doc.site);
    s.heap_bytes += sizeof(SiteEntry) + kNodeBytes + doc.site.size();
  }
  site->second.pages = dedup::AddPages(site->second.pages, 1);
  // The page's records are written in place, in room made for all of
  // them at once.
  const size_t line_base = s.lines.size();
  s.lines.resize_uninitialized(line_base + s.line_hashes.size());
  LineEntry* line_out = s.lines.begin() + line_base;
  for (const uint64_t hash : s.line_hashes) {
    *line_out++ = {hash, site_hash, doc_hash, 1};
  }
  if (s.lines.size() >=
      std::max<size_t>(size_t{1} << 20, 2 * s.compacted_lines)) {
    s.CompactLines();
  }
  const uint64_t prefix_base = s.lead_prefixes.size();
  s.lead_prefixes.append(
      s.doc_lead_prefixes.data(),
      s.doc_lead_prefixes.data() + s.doc_lead_prefixes.size());
  const size_t lead_base = s.leads.size();
  s.leads.resize_uninitialized(lead_base + s.doc_leads.size());
  LeadLine* lead_out = s.leads.begin() + lead_base;
  // Field by field: g++ copies a LeadLine as two overlapping 16-byte
  // halves, which the load of `first` for the addition could not take its
  // value from (a fifth of Add's own time went to that wait).
  for (const LeadLine& lead : s.doc_leads) {
    lead_out->head = lead.head;
    lead_out->doc = lead.doc;
    lead_out->first = lead.first + prefix_base;
    lead_out->count = lead.count;
    ++lead_out;
  }
  DocEntry entry;
  entry.doc = doc_hash;
  entry.site = site_hash;
  entry.analysis_hash = a.fingerprint;
  entry.exact_hash = exact.Digest();
  entry.content_bytes = content_bytes;
  entry.words = static_cast<uint32_t>(std::min<uint64_t>(words, 0xFFFFFFFFU));
  entry.id = std::string(doc.id);
  s.docs.push_back(std::move(entry));
  // The signature straight into the document's row of the table (zeros
  // for a document without words).
  const size_t k = s.minhasher.size();
  const size_t row = s.signatures.size();
  s.signatures.resize_uninitialized(row + k);
  if (words > 0) {
    s.minhasher.Signature(shingled.data(), shingled.size(), &s.signatures[row],
                          &s.scratch);
  } else {
    std::fill_n(&s.signatures[row], k, 0u);
  }
  s.doc_hashes.Insert(doc_hash);
  s.heap_bytes += doc.id.size();
  return {};
}

DedupStatus DedupSketcher::Finish(DedupState* state) {
  Impl& s = *impl_;
  if (!s.valid) {
    return {DedupStatus::kInvalidArgument,
            "invalid dedup parameters: " + s.why};
  }
  DedupState::Impl& out = *state->impl_;
  out = DedupState::Impl();
  out.params = s.params;
  if (!s.runs.empty()) {
    DedupStatus status = s.docs.empty() ? DedupStatus() : s.SpillRun();
    if (status.ok()) {
      dedup::StateBuilder builder(&out);
      status = s.MergeRuns(&builder);
    }
    s.Reset();
    if (!status.ok()) out = DedupState::Impl();
    return status;
  }
  s.CompactLines();
  out.sites.reserve(s.sites.size());
  for (auto& site : s.sites) out.sites.push_back(std::move(site.second));
  std::sort(
      out.sites.begin(), out.sites.end(),
      [](const SiteEntry& a, const SiteEntry& b) { return a.hash < b.hash; });
  out.lines = std::move(s.lines);
  SortLeads(&s.leads, s.lead_prefixes.data());
  out.leads = std::move(s.leads);
  out.lead_prefixes = std::move(s.lead_prefixes);
  // Documents in hash order, permuted in place (cycle by cycle) rather than
  // copied, to touch no new memory; their signatures stay in the rows they
  // came in, which the documents' order indexes.
  std::vector<uint32_t> order = DocOrder(s.docs);
  out.signature_rows = order;
  // A cycle's entries are far apart in the table: each step asks for the
  // entry two steps on.
  for (uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    DocEntry doc = std::move(s.docs[start]);
    uint32_t hole = start;
    while (order[hole] != start) {
      const uint32_t from = order[hole];
      __builtin_prefetch(&s.docs[order[order[from]]]);
      s.docs[hole] = std::move(s.docs[from]);
      order[hole] = hole;
      hole = from;
    }
    s.docs[hole] = std::move(doc);
    order[hole] = hole;
  }
  out.docs = std::move(s.docs);
  out.signatures = std::move(s.signatures);
  s.Reset();
  return {};
}

DedupStatus DedupSketcher::Finish(int output) {
  Impl& s = *impl_;
  if (!s.valid) {
    return {DedupStatus::kInvalidArgument,
            "invalid dedup parameters: " + s.why};
  }
  dedup::StateWriter writer(output);
  DedupStatus status;
  if (s.runs.empty()) {
    status = s.WriteRun(&writer);
    if (!status.ok()) {
      status.message = "cannot write the state: " + status.message;
    }
  } else {
    status = s.docs.empty() ? DedupStatus() : s.SpillRun();
    if (status.ok()) status = s.MergeRuns(&writer);
  }
  s.Reset();
  return status;
}

}  // namespace safi
