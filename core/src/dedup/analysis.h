// SPDX-License-Identifier: Apache-2.0
// Per-document analysis shared by the sketch and apply phases: line
// splitting, dedup-profile keys and words, lexicon hits, teaser candidates,
// and the structural teaser/label rules.
#ifndef SAFI_CORE_SRC_DEDUP_ANALYSIS_H_
#define SAFI_CORE_SRC_DEDUP_ANALYSIS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hash.h"
#include "lexicon.h"
#include "pod_vector.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "state.h"

namespace safi {
namespace dedup {

// One line of the original text: content [start, end), terminator
// [end, next) (LF, CRLF, CR or nothing at the end of the text).
struct LineInfo {
  size_t start = 0;
  size_t end = 0;
  size_t next = 0;
  uint32_t first_word = 0;  // index into DocumentAnalysis::words
  uint32_t words = 0;       // 0: blank (no word after normalization)
  uint64_t hash = 0;        // SequenceHash of the line's word hashes
  LexiconHit lexicon;
  bool teaser_candidate = false;  // ends in "..." or U+2026, enough words
  bool short_line = false;        // a possible category label
  bool blank() const { return words == 0; }
  bool lexicon_removed() const { return lexicon.entry != nullptr; }
};

// Bits of DocumentAnalysis::line_flags: a line's LineInfo flags, and
// whether the lexicon phrase that removed it opens a teaser block (a
// related header), in one byte, which FindTeaserStructure reads eight lines
// at a time.
enum LineFlag : uint8_t {
  kNonBlankLine = 1,
  kTeaserCandidateLine = 2,
  kShortLine = 4,
  kLexiconRemovedLine = 8,
  kOpensTeasersLine = 16,
};

// The LineFlag bits of line.
uint8_t LineFlags(const LineInfo& line);

struct DocumentAnalysis {
  // The normalized text (keys.size() bytes, no terminator); words point
  // into it. Grown without zero fill, written by the normalizer in place.
  PodVector<char> keys;
  PodVector<WordSpan> words;  // grown without zero fill by SplitKeyLines
  // The word hash of each word (WordHash, params seed); grown without zero
  // fill.
  PodVector<uint64_t> word_hashes;
  std::vector<LineInfo> lines;
  uint32_t teaser_candidates = 0;  // lines with teaser_candidate set
  // SequenceHash of one item per line, in order: 0 for a blank line, else
  // its hash plus (its key's size << 8 | its LineFlags) times an odd
  // constant. It covers everything the sketch takes from a document (line
  // hashes, which cover the words; key sizes; the flags behind the
  // structural rules and the lead lines), so two texts with equal
  // fingerprints sketch to the same records (with probability about
  // 1 - 2^-62), whatever their raw bytes.
  uint64_t fingerprint = 0;
  std::vector<uint8_t> line_flags;  // LineFlags(lines[i]) for each line i
  // Scratch of AnalyzeDocument: the number of words up to each LF.
  std::vector<uint32_t> line_ends;

  std::string_view Keys() const {
    return std::string_view(keys.data(), keys.size());
  }
  std::string_view Word(size_t i) const {
    return Keys().substr(words[i].offset, words[i].size);
  }
  // The key of a non-blank line: its words with their separators. Inline:
  // the sketch asks it of every content line for its size.
  std::string_view Key(const LineInfo& line) const {
    const WordSpan first = words[line.first_word];
    const WordSpan last = words[line.first_word + line.words - 1];
    return Keys().substr(first.offset, last.offset + last.size - first.offset);
  }
};

// SequenceHash of the word hashes of the first count words of a line
// (count <= line.words): the lead-prefix key.
uint64_t LeadPrefixHash(const DocumentAnalysis& analysis, const LineInfo& line,
                        uint32_t count);

// Writes LeadPrefixHash of each lead checkpoint <= line.words, in
// increasing order, to prefixes (room for kMaxLeadPrefixes) and returns
// their number.
uint32_t LeadPrefixes(const DocumentAnalysis& analysis, const LineInfo& line,
                      uint64_t* prefixes);

// Fills *out for text: splits lines on LF, CRLF and CR, normalizes them
// with normalizer (dedup profile), hashes each word with params.hash_seed
// and each line's word hashes with SequenceHash, matches the lexicon
// (through cache unless it is null; a cache serves one lexicon) and flags
// teaser candidates and short lines, and takes the fingerprint. Reuses
// *out's buffers. Any bytes are accepted.
void AnalyzeDocument(std::string_view text, const Normalizer& normalizer,
                     const Lexicon& lexicon, const DedupParams& params,
                     LexiconCache* cache, DocumentAnalysis* out);

// Appends the lines of text, split on LF, CR LF and CR, to *lines: each
// line's start, its end (where its terminator starts) and next (past its
// terminator), the other fields default; a last line without a terminator
// ends at text.size(), and an empty text has no line. Returns the number of
// terminators; *lone_cr tells whether one was a CR without an LF right
// after it. Reads exactly text. Part of AnalyzeDocument, declared for
// tests.
size_t SplitRawLines(std::string_view text, std::vector<LineInfo>* lines,
                     bool* lone_cr);

// Splits the normalized text out->Keys() into words and gives each of
// out->lines its words, line i being the text between the i-th and
// (i+1)-th LF. Returns false (with out->words and the lines' words in an
// unspecified state) if the number of LFs is not terminators. Part of
// AnalyzeDocument, declared for tests.
bool SplitKeyLines(size_t terminators, DocumentAnalysis* out);

// Result of the structural rules for one line.
struct StructureVerdict {
  enum Kind : uint8_t { kNone, kTeaser, kLabel };
  Kind kind = kNone;
  TeaserRule rule = TeaserRule::kAfterRelatedHeader;  // kTeaser
  uint32_t block_teasers = 0;                         // kTeaser
  uint32_t teaser_line = 0;  // kLabel: index of the teaser it introduces
};

// Applies the teaser/label rules (README.md, "Teasers") to the analysis,
// reading the lines' flags from analysis.line_flags (the LineInfo records
// only for their number). Lines removed by the lexicon count as removed;
// removed[i] != 0 marks lines removed by other detectors and confirmed[i] != 0
// confirmed teasers. Each of removed and confirmed is either empty (no such
// line) or sized like analysis.lines; neither is read if
// analysis.teaser_candidates is 0, when every verdict is kNone. The flags of
// blank lines are ignored (the analysis sets none). Fills (*out)[i] for every
// line; confirmed teasers get kTeaser with rule kConfirmed.
void FindTeaserStructure(const DocumentAnalysis& analysis,
                         const std::vector<uint8_t>& removed,
                         const std::vector<uint8_t>& confirmed,
                         std::vector<StructureVerdict>* out);

// Word counts at which lead-line prefixes are indexed and teasers matched:
// the largest checkpoint <= the teaser's complete words is used. Returns 0
// if words < the smallest checkpoint (5).
uint32_t LargestLeadCheckpoint(uint32_t words);
// The checkpoints in increasing order.
const std::vector<uint32_t>& LeadCheckpoints();

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_ANALYSIS_H_
