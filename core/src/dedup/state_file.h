// SPDX-License-Identifier: Apache-2.0
// Streaming access to dedup state files: the header and record codecs, a
// validating sequential reader (over memory or a file), a writer that
// patches its header at the end, and the k-way merge of sorted states.
#ifndef SAFI_CORE_SRC_DEDUP_STATE_FILE_H_
#define SAFI_CORE_SRC_DEDUP_STATE_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hash.h"
#include "safi/dedup.h"
#include "state.h"

namespace safi {
namespace dedup {

// Header layout: magic[8], u32 format, u32 profile version, u32 lexicon
// version, u32 parameter count, u64 seed, u32 parameters[13], u64 lexicon
// fingerprint, u64 counts[4] (sites, lines, leads, docs), u64 payload
// size, u64 checksum (XXH3-64, seed 0, of header bytes [0, 132) followed
// by the payload). Little-endian.
inline constexpr size_t kStateHeaderSize = 140;
inline constexpr size_t kStateChecksumOffset = 132;
inline constexpr uint32_t kStateParamCount = 13;

enum StateSection : int { kSites = 0, kLines, kLeads, kDocs };

// The fields of a state file header.
struct StateHeader {
  uint32_t format = kDedupStateFormatVersion;
  uint32_t profile = 0;
  uint32_t lexicon = 0;
  uint32_t param_count = kStateParamCount;
  uint64_t seed = 0;
  uint32_t values[kStateParamCount] = {};
  uint64_t fingerprint = 0;
  uint64_t counts[4] = {};  // indexed by StateSection
  uint64_t payload = 0;     // bytes after the header
  uint64_t checksum = 0;

  // The header of a state made with params by this build (current format,
  // profile and lexicon versions), with zero counts.
  static StateHeader For(const DedupParams& params);
  // The kStateHeaderSize bytes of the header.
  std::string Encode() const;
  // Decodes the header at the start of bytes, checking only the magic,
  // the format version and that bytes holds a whole header (in this
  // order); the other fields are checked by Check.
  static DedupStatus Decode(std::string_view bytes, StateHeader* out);
  // Checks the profile and lexicon versions, the parameter count and the
  // parameters (in this order) and sets *params.
  DedupStatus Check(DedupParams* params) const;
};

// Encoded size of the fixed part of the records.
inline constexpr size_t kSiteMinBytes = 16;
inline constexpr size_t kLineBytes = 28;
// A lead line: u64 document, u32 count, then count u64 prefix hashes.
inline constexpr size_t kLeadFixedBytes = 12;
inline constexpr size_t kLeadMinBytes = kLeadFixedBytes + 8;
inline constexpr size_t kDocMinBytes = 48;

// Appends one record in its file encoding.
void AppendSite(const SiteEntry& e, std::string* out);
void AppendLine(const LineEntry& e, std::string* out);
// prefixes: e's count prefix hashes (e.first is not read).
void AppendLead(const LeadLine& e, const uint64_t* prefixes, std::string* out);
void AppendDoc(const DocEntry& e, const uint32_t* signature, uint32_t k,
               std::string* out);

DedupStatus CorruptState(const std::string& what);
DedupStatus IncompatibleState(const std::string& what);
// The refusal to merge states made with parameters a and b (which differ).
DedupStatus MergeIncompatible(const DedupParams& a, const DedupParams& b);

// Sequential, validating reader of one state: Begin (header and sites),
// then NextLine until false, NextLead until false, NextDoc until false,
// then End. Records are checked as DedupState::Parse checks them, except
// that lines and leads are not checked against the document section.
//
// From memory, the size and checksum are checked first, as Parse does.
// From a file they are known only at the end: after any error the reader
// reads the rest of the file, and reports a wrong size first, then a
// checksum mismatch, then the error itself, so that a damaged file gets
// the same message either way.
class StateReader {
 public:
  // Reads bytes, which must outlive the reader.
  explicit StateReader(std::string_view bytes);
  // Reads the file descriptor fd from its current position (it is not
  // closed), through a buffer of buffer_bytes. A failing read(2) is
  // reported as kIoError with the system's reason.
  StateReader(int fd, size_t buffer_bytes);
  StateReader(const StateReader&) = delete;
  StateReader& operator=(const StateReader&) = delete;

  // Reads the header and the site section.
  DedupStatus Begin();
  const DedupParams& params() const { return params_; }
  const StateHeader& header() const { return header_; }
  const std::vector<SiteEntry>& sites() const { return sites_; }
  // The next record of its section: false at the end of the section or on
  // an error (status() then says which). The signature has
  // params().bands * params().rows values; a lead line's prefix hashes go
  // to prefixes[0, e->count) (room for kMaxLeadPrefixes), e->first is set
  // to 0.
  bool NextLine(LineEntry* e);
  bool NextLead(LeadLine* e, uint64_t* prefixes);
  bool NextDoc(DocEntry* e, uint32_t* signature);
  // After the last document: checks that nothing follows and the checksum.
  DedupStatus End();
  const DedupStatus& status() const { return status_; }

 private:
  // Makes n bytes available at data_ + pos_; false at the end of input.
  bool Need(size_t n);
  // Records error and returns false (see the class comment).
  bool Fail(DedupStatus error);
  // Bytes of payload left after pos_ according to the header.
  uint64_t PayloadLeft() const;
  uint32_t U32();
  uint64_t U64();

  int fd_ = -1;         // -1: memory input
  int read_error_ = 0;  // errno of a failed read(2), 0 if none
  std::string buffer_;  // file input: bytes [data_, data_ + size_)
  size_t buffer_bytes_ = 0;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // payload bytes before data_
  bool at_eof_ = false;
  StreamHash checksum_{0};  // file input: header prefix and bytes read
  StateHeader header_;
  DedupParams params_;
  std::vector<SiteEntry> sites_;
  uint64_t left_[4] = {};  // records not yet read, per section
  LineEntry last_line_;
  LeadLine last_lead_;
  uint64_t last_lead_prefixes_[kMaxLeadPrefixes] = {};
  uint64_t last_doc_ = 0;
  DedupStatus status_;
};

// Receiver of the records of a state, in file order (sites, lines, leads,
// documents), each section sorted. A lead line comes with its count prefix
// hashes (its first is not read).
class StateSink {
 public:
  virtual ~StateSink() = default;
  // Called first, with the parameters of the state.
  virtual void Begin(const DedupParams& params) = 0;
  virtual void AddSite(const SiteEntry& e) = 0;
  virtual void AddLine(const LineEntry& e) = 0;
  virtual void AddLead(const LeadLine& e, const uint64_t* prefixes) = 0;
  virtual void AddDoc(const DocEntry& e, const uint32_t* signature) = 0;
  // Called after the last record.
  virtual DedupStatus Finish() = 0;
};

// Writes a state to a file descriptor, from its current offset, with
// pwrite(2): the header is written with zero counts first and patched by
// Finish, which reads the payload back with pread(2) to compute the
// checksum (so fd must be a regular file open for reading and writing).
class StateWriter : public StateSink {
 public:
  explicit StateWriter(int fd) : fd_(fd) {}
  void Begin(const DedupParams& params) override;
  void AddSite(const SiteEntry& e) override;
  void AddLine(const LineEntry& e) override;
  void AddLead(const LeadLine& e, const uint64_t* prefixes) override;
  void AddDoc(const DocEntry& e, const uint32_t* signature) override;
  // Completes the file and sets the file offset after the state. kIoError
  // (with strerror) if a write, seek or read failed.
  DedupStatus Finish() override;

 private:
  void Flush();

  int fd_;
  uint32_t k_ = 0;
  StateHeader header_;
  int64_t start_ = -1;  // offset of the state in the file
  int64_t end_ = -1;    // offset after what is written
  std::string buffer_;
  int error_ = 0;  // errno of the first failure, 0 if none
};

// Appends to the sections of a DedupState::Impl in memory.
class StateBuilder : public StateSink {
 public:
  explicit StateBuilder(DedupState::Impl* out) : out_(out) {}
  void Begin(const DedupParams& params) override { out_->params = params; }
  void AddSite(const SiteEntry& e) override { out_->sites.push_back(e); }
  void AddLine(const LineEntry& e) override { out_->lines.push_back(e); }
  void AddLead(const LeadLine& e, const uint64_t* prefixes) override {
    LeadLine added = e;
    added.first = out_->lead_prefixes.size();
    out_->leads.push_back(added);
    out_->lead_prefixes.append(prefixes, prefixes + e.count);
  }
  void AddDoc(const DocEntry& e, const uint32_t* signature) override {
    out_->docs.push_back(e);
    out_->signatures.append(signature, signature + out_->signature_size());
  }
  DedupStatus Finish() override { return {}; }

 private:
  DedupState::Impl* out_;
};

// Sends the parameters and records of state to sink, then calls its
// Finish.
DedupStatus WriteState(const DedupState::Impl& state, StateSink* sink);

// Merges the states of inputs (fresh readers; Begin is called here) into
// sink, which gets the parameters of the first input and the records that
// DedupState::Merge of the inputs in order would hold, then Finish. On error
// returns it with *failed set to the index of the input it is about: the
// smallest index with an error, and for one input a read error before other
// parameters before an id shared with an earlier input (like reading each state
// and merging it in turn); inputs.size() if the sink failed. Reads each input
// to its end.
DedupStatus MergeStates(const std::vector<StateReader*>& inputs,
                        StateSink* sink, size_t* failed);

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_STATE_FILE_H_
