// SPDX-License-Identifier: Apache-2.0
// Public C++ API of safi's boilerplate and duplicate removal: explainable
// line detectors and document deduplication in map -> merge -> apply phases.
//
// Flow. A DedupSketcher reads documents (id, site, text) and produces a
// DedupState: mergeable corpus statistics (per-site line counts, lead
// prefixes for teaser matching, a MinHash signature and exact hash per
// document). States of disjoint shards merge with DedupState::Merge in any
// order and grouping and give the same state as one sketch of everything.
// A Deduper built from the complete state decides, for each document that
// was sketched, whether it is kept and which of its lines are boilerplate:
//
//   safi::DedupSketcher sketcher;
//   for (const auto& doc : docs) sketcher.Add(doc);          // check status
//   safi::DedupState state;
//   sketcher.Finish(&state);
//   safi::Deduper deduper(std::move(state));
//   safi::DocumentDecision decision;
//   for (const auto& doc : docs) deduper.Apply(doc, &decision);
//
// Every removal is a byte span of the ORIGINAL text with a reason and its
// evidence. Line keys are the `dedup` profile normalization of a line
// (safi::Profile::kDedup), hashed word by word with XXH3 (its 9-16-byte
// function for words of up to 8 bytes) and DedupParams::hash_seed; the
// detectors are described in core/src/dedup/README.md.
//
// No ICU, no printing, no aborting. A Deduper is immutable after
// construction and its Apply may be called from several threads at once.
#ifndef SAFI_DEDUP_H_
#define SAFI_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "safi/export.h"

namespace safi {

// Default seed of every dedup hash ("safidedu" in ASCII).
inline constexpr uint64_t kDedupHashSeed = 0x7361666964656475ULL;
// Version of the binary state-file format written by DedupState::Serialize
// (2: line, lead-prefix and exact hashes made from word hashes; 3: one
// record per lead line, holding its prefix hashes; 4: words of 1-8 bytes
// hashed by XXH3's 9-16-byte function, every hash made from them changed;
// 5: each document's analysis fingerprint in place of its text's XXH3).
inline constexpr uint32_t kDedupStateFormatVersion = 5;
// Largest document text accepted (its dedup key, up to 11 times longer
// after NFKC, must stay below 4 GiB).
inline constexpr size_t kDedupMaxDocumentBytes = size_t{256} << 20;

// Tunable parameters. They are stored in every state, and Merge refuses
// states made with other parameters. Thresholds are integers (per mille)
// so that decisions are exact.
struct DedupParams {
  uint64_t hash_seed = kDedupHashSeed;
  // Site templates: a line key on at least
  // max(template_min_pages, ceil(template_page_permille * site_pages / 1000))
  // pages of one site, when that site has >= template_min_site_pages pages.
  uint32_t template_min_site_pages = 5;
  uint32_t template_min_pages = 3;
  uint32_t template_page_permille = 300;
  // Global boilerplate: a line of at most global_max_words words that is
  // frequent (on >= template_page_permille of the pages, whatever the page
  // count) on at least global_min_sites sites, in documents of at least
  // global_min_sites different duplicate clusters (so that syndicated copies
  // of one article do not make its title "global").
  uint32_t global_min_sites = 5;
  uint32_t global_max_words = 12;
  // Teasers: a line ending in "..." or U+2026 with at least teaser_min_words
  // words. Labels: lines of 1..label_max_words words. The first lead_lines
  // lines of >= 5 words of each document (skipping lexicon lines and teaser
  // candidates) are indexed as its opening.
  uint32_t teaser_min_words = 4;
  uint32_t label_max_words = 4;
  uint32_t lead_lines = 3;
  // Near duplicates: MinHash over shingle_words-word shingles, bands x rows
  // values (one-permutation hashing with densification); candidates share
  // an LSH band or a lead prefix and are confirmed when at least
  // near_dup_permille / 1000 of all bands * rows signature values agree
  // (the Jaccard estimate of the two shingle sets). Shingles come from the
  // boilerplate-free lines of at least shingle_min_line_words words (where
  // site templates not yet known at sketch time do not live), or from all
  // of them when those lines hold fewer than 4 * shingle_words words.
  uint32_t shingle_words = 5;
  uint32_t shingle_min_line_words = 12;
  uint32_t bands = 14;
  uint32_t rows = 8;
  uint32_t near_dup_permille = 700;

  SAFI_API bool operator==(const DedupParams& other) const;
  bool operator!=(const DedupParams& other) const { return !(*this == other); }
};

// True if the parameters are usable: permilles in 1..1000, every count >= 1,
// shingle_words <= 64, bands * rows <= 1024, lead_lines <= 64. Otherwise
// false and *why (if not null) says which.
SAFI_API bool ValidDedupParams(const DedupParams& params, std::string* why);

// Result of a dedup call. message is one line for humans, empty when ok.
struct DedupStatus {
  enum Code : uint8_t {
    kOk = 0,
    kInvalidArgument,    // bad parameters, text over kDedupMaxDocumentBytes
    kDuplicateId,        // a document id was added (or merged) twice
    kUnknownDocument,    // Apply on a document that the state does not hold
    kChangedDocument,    // Apply on a text that does not sketch as the
                         // one sketched (or on another site)
    kCorruptState,       // state bytes damaged, truncated or not a state
    kIncompatibleState,  // other format/profile/lexicon version or params
    kIoError,            // a state or temporary file could not be written
                         // or read (message: the system's reason)
  };
  Code code = kOk;
  std::string message;
  bool ok() const { return code == kOk; }
};

// One input document. The views need only live during the call.
// text may hold any bytes: ill-formed UTF-8 is replaced by U+FFFD in the
// line keys, and offsets always refer to the original bytes. An empty site
// is allowed: every document without a site counts as one site "".
struct DedupDocument {
  std::string_view id;
  std::string_view site;
  std::string_view text;
};

// The site of a URL: its host, ASCII-lowercased, without scheme, user info,
// port and one leading "www.". Empty if the URL has no host.
SAFI_API std::string SiteFromUrl(std::string_view url);

// Why a span was removed. Names (RemovalReasonName): lexicon,
// site_template, global, teaser, label, exact_dup, near_dup.
enum class RemovalReason : uint8_t {
  kLexicon,
  kSiteTemplate,
  kGlobal,
  kTeaser,
  kLabel,
  kExactDup,
  kNearDup,
};
SAFI_API const char* RemovalReasonName(RemovalReason reason);

// How a lexicon phrase matched a line key. Names (LexiconMatchKindName):
// line (the whole key), prefix (the key starts with the phrase), contains
// (the phrase's words occur in a short key), sequence (the key is two or
// more whole-line phrases in a row, e.g. a menu), date (only date words and
// numbers).
enum class LexiconMatchKind : uint8_t {
  kLine,
  kPrefix,
  kContains,
  kSequence,
  kDate,
};
SAFI_API const char* LexiconMatchKindName(LexiconMatchKind kind);

// Which teaser rule fired. Names (TeaserRuleName): confirmed (the teaser's
// words open another document of the corpus), after_related_header,
// after_label, trailing_block (two or more teasers ending the document).
enum class TeaserRule : uint8_t {
  kConfirmed,
  kAfterRelatedHeader,
  kAfterLabel,
  kTrailingBlock,
};
SAFI_API const char* TeaserRuleName(TeaserRule rule);

// One removed span [start, end) of the original text with its evidence.
// A removed line's span includes its line terminator (LF, CRLF or CR) when
// it has one, so the text without the spans is the text without those
// lines. The string views point into the Deduper (lexicon and state) that
// made the removal and stay valid while it lives.
struct Removal {
  size_t start = 0;
  size_t end = 0;
  RemovalReason reason = RemovalReason::kLexicon;
  // kLexicon: the phrase as written in the lexicon, its category (e.g.
  // comment_form, related_header) and how it matched.
  std::string_view phrase;
  std::string_view category;
  LexiconMatchKind match = LexiconMatchKind::kLine;
  // kSiteTemplate: pages of the site carrying the line, pages of the site.
  uint32_t pages = 0;
  uint32_t site_pages = 0;
  // kGlobal: number of sites on which the line is frequent.
  uint32_t sites = 0;
  // kTeaser: the rule; for kConfirmed the id of the document whose opening
  // the teaser shows and how many of its words were matched; for the
  // structural rules, the number of teasers in the block.
  TeaserRule rule = TeaserRule::kConfirmed;
  std::string_view source;
  uint32_t matched_words = 0;
  uint32_t block_teasers = 0;
  // kLabel: byte offset of the teaser line the label introduces.
  size_t teaser_start = 0;
  // kExactDup / kNearDup: id of the kept copy, the size of its cluster
  // (kept copy included) and the share of agreeing MinHash values in per
  // mille (1000 for exact duplicates).
  std::string_view kept;
  uint32_t cluster_size = 0;
  uint32_t similarity_permille = 0;
};

// The decision for one document. If keep is false, removals holds one
// kExactDup or kNearDup span covering the whole text; otherwise the removed
// lines in increasing, non-overlapping order. duplicates counts the copies
// dropped in favour of this document.
struct DocumentDecision {
  bool keep = true;
  uint32_t duplicates = 0;
  std::vector<Removal> removals;
};

// Appends text without the removed spans to *out: the cleaned text of a
// kept document. removals must be in increasing, non-overlapping order
// within text (as DocumentDecision::removals are); the result is never
// longer than text.
SAFI_API void AppendTextWithoutRemovals(std::string_view text,
                                        const std::vector<Removal>& removals,
                                        std::string* out);

// The built-in, versioned lexicon of Arabic and English boilerplate
// phrases (core/src/dedup/lexicon/), matched on dedup-profile keys.
class SAFI_API BoilerplateLexicon {
 public:
  // Builds the lexicon: normalizes every phrase with the dedup profile.
  BoilerplateLexicon();
  ~BoilerplateLexicon();
  BoilerplateLexicon(BoilerplateLexicon&&) noexcept;
  BoilerplateLexicon& operator=(BoilerplateLexicon&&) noexcept;

  // Version of the lexicon data; bumped whenever a phrase changes.
  static uint32_t Version();
  // Number of phrases that can match a line (date and allowlist words not
  // counted).
  size_t size() const;

  struct Match {
    std::string_view phrase;
    std::string_view category;
    LexiconMatchKind kind = LexiconMatchKind::kLine;
  };
  // Matches one line of raw text (no line break inside). True and *match
  // filled if the line is boilerplate by the lexicon; false otherwise
  // (also for lines on the allowlist, e.g. the basmala).
  bool MatchLine(std::string_view line, Match* match) const;

  struct SAFI_HIDDEN Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Mergeable corpus statistics. Copyable and movable; an empty state holds
// default parameters and no document.
class SAFI_API DedupState {
 public:
  DedupState();
  explicit DedupState(const DedupParams& params);
  ~DedupState();
  DedupState(const DedupState& other);
  DedupState& operator=(const DedupState& other);
  DedupState(DedupState&& other) noexcept;
  DedupState& operator=(DedupState&& other) noexcept;

  const DedupParams& params() const;
  uint64_t documents() const;
  uint64_t sites() const;
  uint64_t line_keys() const;  // distinct (line key, site) pairs
  // Distinct lead lines: a document's opening lines that a teaser may
  // repeat (up to lead_lines per document), each with its prefix hashes at
  // the lead checkpoints (README.md of the dedup sources, "Teasers").
  uint64_t lead_keys() const;

  // Adds other into this state. Counts add up (saturating at 2^32 - 1),
  // sets are united. Associative and commutative. Fails, leaving this state
  // unchanged, with kIncompatibleState if the parameters differ and with
  // kDuplicateId if a document id is in both states.
  DedupStatus Merge(const DedupState& other);

  // The binary state file: a header (magic "SAFIDDUP", format version,
  // dedup-profile version, lexicon version, hash seed, parameters, section
  // sizes, XXH3-64 checksum) and sorted sections. Equal states give equal
  // bytes.
  std::string Serialize() const;
  // Parses Serialize() output into *out. kCorruptState if the bytes are
  // damaged or not a state, kIncompatibleState if they were written by
  // another format, profile or lexicon version; *out is then unchanged.
  static DedupStatus Parse(std::string_view bytes, DedupState* out);
  // Parse of the bytes of the file descriptor fd from its current offset
  // to its end, read sequentially without holding them all (same checks
  // and messages; kIoError if read(2) fails).
  static DedupStatus Read(int fd, DedupState* out);

  struct SAFI_HIDDEN Impl;

 private:
  friend class DedupSketcher;
  friend class Deduper;
  std::unique_ptr<Impl> impl_;
};

// Merges state files without holding them in memory: output receives the
// bytes of DedupState::Merge of the inputs in order, serialized. Memory:
// the sites of all inputs and a 64 KiB buffer per input. Each input file
// descriptor is read once, sequentially, from its current offset (a pipe
// will do). output is written from its current offset with pwrite(2) and
// read back with pread(2) for the checksum, so it must be a regular file
// open for reading and writing. Checks each input as DedupState::Parse
// does, except that its line keys and lead prefixes are not checked
// against its own documents (a merge of valid states is valid). On error,
// *failed_input is the index of the input the error is about (the first
// one, with the error that parsing and merging the inputs in turn would
// give; kIoError if reading it failed), or inputs.size() for kIoError on
// output; output then holds no valid state.
SAFI_API DedupStatus MergeStateFiles(const std::vector<int>& inputs, int output,
                                     size_t* failed_input);

// Builds a DedupState from documents. Counting is exact. Without a memory
// limit (the default) the statistics stay in memory, which grows with the
// documents added: 32 bytes per distinct (line key, site) of each page, 32
// per lead line (up to lead_lines per document) and 8 per prefix hash of
// it (up to 16 per line), and about 4 * bands * rows + 120 + id length per
// document. With a limit, see SetMemoryLimit.
class SAFI_API DedupSketcher {
 public:
  explicit DedupSketcher(const DedupParams& params = DedupParams());
  ~DedupSketcher();
  DedupSketcher(const DedupSketcher&) = delete;
  DedupSketcher& operator=(const DedupSketcher&) = delete;

  // Bounds the memory of the statistics to about bytes (0: no bound).
  // When the next document would not fit, the statistics so far are
  // sorted into a run, written to an unnamed temporary file in temp_dir
  // (created and unlinked at once; "" is the current directory), and the
  // memory is reused; every 32 runs are merged into one. Finish merges the
  // runs, so the state does not depend on the bound. Outside the bound:
  // 8 bytes per document added (for the duplicate-id check), the scratch
  // of the current document (about 20 times its size), and 64 KiB per run
  // while merging. A document larger than the bound is added anyway.
  // Temporary files take about the size of the state file.
  void SetMemoryLimit(uint64_t bytes, const std::string& temp_dir);
  // Runs written to temporary files since construction or Finish.
  uint64_t spilled_runs() const;

  // Adds one document. kInvalidArgument if the parameters are invalid or
  // the text is longer than kDedupMaxDocumentBytes, kDuplicateId if a
  // document with this id was already added, kIoError if a run could not
  // be written (the state is then unchanged).
  DedupStatus Add(const DedupDocument& doc);
  // Moves the statistics into *state and starts over. Fails with
  // kInvalidArgument (invalid parameters) or, after runs were spilled,
  // kIoError (*state is then empty).
  DedupStatus Finish(DedupState* state);
  // Writes the state (the bytes of DedupState::Serialize) to the file
  // descriptor output from its current offset and starts over; output must
  // be a regular file open for reading and writing (see MergeStateFiles).
  // Needs no memory beyond the limit. Fails with kInvalidArgument or
  // kIoError.
  DedupStatus Finish(int output);

 private:
  struct SAFI_HIDDEN Impl;
  std::unique_ptr<Impl> impl_;
};

// Decisions from a complete state. Construction clusters the duplicate
// documents (greedy, in order of decreasing boilerplate-free length, then
// increasing id: a document is dropped for the best confirmed kept
// candidate, so the kept copy is the longest, then the smallest id) and
// selects the template and global line keys; this costs time and memory
// linear in the state.
class SAFI_API Deduper {
 public:
  explicit Deduper(DedupState state);
  ~Deduper();
  Deduper(const Deduper&) = delete;
  Deduper& operator=(const Deduper&) = delete;

  const DedupParams& params() const;

  // Decides for one document, which must have been sketched into the state
  // with the same id and site and a text that sketches the same: the same
  // lines, words and line flags (teaser ends, short lines) after the dedup
  // profile. A text that differs only in what the dedup keys drop
  // (diacritics, tatweel, extra spaces, punctuation next to a space inside a
  // line, line terminators) is accepted and gets the decisions a sketch of
  // it would give. kUnknownDocument /
  // kChangedDocument otherwise (*decision is then cleared). Thread-safe.
  DedupStatus Apply(const DedupDocument& doc, DocumentDecision* decision) const;

 private:
  struct SAFI_HIDDEN Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace safi

#endif  // SAFI_DEDUP_H_
