// SPDX-License-Identifier: Apache-2.0
// The boilerplate lexicon as used inside the dedup component: phrases
// normalized to dedup-profile keys, matched against a line's words.
#ifndef SAFI_CORE_SRC_DEDUP_LEXICON_H_
#define SAFI_CORE_SRC_DEDUP_LEXICON_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pod_vector.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"

namespace safi {
namespace dedup {

// A word of a key: [offset, offset + size) of the key bytes.
struct WordSpan {
  uint32_t offset;
  uint32_t size;
};
static_assert(std::is_standard_layout_v<WordSpan> &&
                  sizeof(WordSpan) == 2 * sizeof(uint32_t) &&
                  offsetof(WordSpan, size) == sizeof(uint32_t),
              "the kernels of simd/dedup_kernels.h read and write WordSpans "
              "as (offset, size) pairs of uint32_t");

// Splits a dedup-profile key into words (separated by U+0020 or LF; the key
// has no other white space). Offsets are relative to key.data() plus base.
// Appends to *words.
void SplitWords(std::string_view key, uint32_t base,
                PodVector<WordSpan>* words);

// Whether a[0, n) == b[0, n). Inline, for the short keys of the lexicon
// (a memcmp call costs more than their compare); the overlapping 8-byte
// (or 4-byte) loads read no byte outside [0, n). Declared here for tests.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  const auto load64 = [](const char* p) {
    uint64_t x;
    std::memcpy(&x, p, sizeof(x));
    return x;
  };
  const auto load32 = [](const char* p) {
    uint32_t x;
    std::memcpy(&x, p, sizeof(x));
    return x;
  };
  if (n >= 8) {
    uint64_t diff = load64(a + n - 8) ^ load64(b + n - 8);
    for (size_t i = 0; i + 8 < n; i += 8) diff |= load64(a + i) ^ load64(b + i);
    return diff == 0;
  }
  if (n >= 4) {
    return ((load32(a) ^ load32(b)) |
            (load32(a + n - 4) ^ load32(b + n - 4))) == 0;
  }
  return n == 0 ||
         (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

// Version and XXH3-64 fingerprint of the built-in data file, read without
// building a Lexicon (no normalization).
uint32_t BuiltinLexiconVersion();
uint64_t BuiltinLexiconFingerprint();

struct LexiconEntry {
  std::string phrase;          // as written in the data file
  std::string category;        // e.g. comment_form
  std::string key;             // dedup-profile key of the phrase
  uint32_t words = 0;          // words in key
  uint32_t max_words = 0;      // longest line it may match (prefix, contains)
  bool opens_teasers = false;  // categories related_header and latest
};

// Result of matching one line.
struct LexiconHit {
  const LexiconEntry* entry = nullptr;  // null: no match
  LexiconMatchKind kind = LexiconMatchKind::kLine;
  bool allowlisted = false;  // the line is on the allowlist (never removed)
};

// Open-addressing map from 64-bit hashes to pairs of 32-bit values; several
// pairs may share a hash. A 4096-bit filter on the hashes' top bits, small
// enough to stay in L1, answers most misses without touching the slots.
class FlatIndex {
 public:
  struct Item {
    uint64_t hash;
    uint32_t value = 0;
    uint32_t extra = 0;
  };
  void Build(const std::vector<Item>& items);
  // Calls visit(value, extra) for each pair stored under hash until it
  // returns true; returns whether one did.
  template <typename Visit>
  bool Find(uint64_t hash, Visit visit) const {
    const uint64_t key = hash == 0 ? 1 : hash;
    const uint64_t bit = key >> (64 - kFilterBits);
    if ((filter_[bit >> 6] >> (bit & 63) & 1) == 0) return false;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == 0) return false;
      if (slots_[i].key == key && visit(slots_[i].value, slots_[i].extra)) {
        return true;
      }
    }
  }
  bool Contains(uint64_t hash) const {
    return Find(hash, [](uint32_t, uint32_t) { return true; });
  }

 private:
  static constexpr unsigned kFilterBits = 12;
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t value = 0;
    uint32_t extra = 0;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  // Bit (key >> 52) is set for each stored key; all clear when empty.
  uint64_t filter_[(1 << kFilterBits) / 64] = {};
};

class Lexicon {
 public:
  // Parses the built-in data (lexicon/boilerplate.tsv) and normalizes each
  // phrase with normalizer, which must use the dedup profile; word hashes
  // are WordHash with seed (the same as the documents' word hashes).
  Lexicon(const Normalizer& normalizer, uint64_t seed);
  // Not copyable nor movable: hits point into it.
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Phrases that can match a line (kinds line, prefix, contains).
  size_t size() const { return matchable_; }

  // Matches a line given the key buffer, the line's words (offsets into
  // keys), their word hashes and line_hash = SequenceHash::Of(word_hashes,
  // word_count). Order of tries: allowlist, whole line, prefix, contains,
  // sequence of whole-line phrases, date line.
  LexiconHit Match(std::string_view keys, const WordSpan* words,
                   const uint64_t* word_hashes, size_t word_count,
                   uint64_t line_hash) const;

 private:
  enum Kind : uint8_t { kLineKind, kPrefixKind, kContainsKind, kKeepKind };
  // index maps SequenceHash::Of a phrase's word hashes to the offset of its
  // key in key_bytes_ (value) and its entry's index (extra): a hit (every
  // one of the 196K per news sketch is verified) reads the slot and the
  // packed key bytes, not the 120-byte entry and its key's heap bytes
  // behind it; 19.2 -> 18.7 Mtsc of Match per 64 MiB sketch.
  struct Table {
    FlatIndex index;
    FlatIndex first_words;          // hashes of the phrases' first words
    std::vector<uint32_t> lengths;  // distinct word counts, increasing
    std::vector<FlatIndex::Item> items, firsts;
  };
  // The roles a word of hash may play (bits of word_roles_): a filter,
  // without false negatives, that rejects most words with one load.
  uint8_t Roles(uint64_t hash) const {
    return word_roles_[hash >> (64 - kRoleFilterBits)];
  }
  // Marks the words of hash as possibly playing role.
  void AddRole(uint64_t hash, unsigned role) {
    word_roles_[hash >> (64 - kRoleFilterBits)] |=
        static_cast<uint8_t>(1u << role);
  }
  // Whether a phrase of table kind starts with the word of hash: the role
  // filter, then the table's first_words.
  bool Starts(Kind kind, uint64_t hash) const {
    return (Roles(hash) >> kind & 1) != 0 &&
           tables_[kind].first_words.Contains(hash);
  }
  // The entry of table t whose words equal words [first, first + count) of
  // the line, or null; combined is SequenceHash::Of their word hashes.
  const LexiconEntry* Lookup(const Table& t, std::string_view keys,
                             const WordSpan* words, size_t first, size_t count,
                             uint64_t combined) const;
  bool IsDateLine(const uint64_t* hashes, std::string_view keys,
                  const WordSpan* words, size_t word_count) const;
  void AddEntry(std::string_view kind, LexiconEntry entry);

  uint64_t seed_;
  size_t matchable_ = 0;
  std::vector<LexiconEntry> entries_;
  // The phrases' keys, each as its size (4 bytes, native order) and then
  // its bytes.
  std::string key_bytes_;
  Table tables_[4];
  // Bit k < 4 of word_roles_[i] is set if a phrase of table k starts with
  // a word whose hash has i as its top kRoleFilterBits bits, bit
  // kDateNameRole if a date name has such a hash.
  static constexpr unsigned kRoleFilterBits = 12;
  static constexpr unsigned kDateNameRole = 4;
  uint8_t word_roles_[1 << kRoleFilterBits] = {};
  uint32_t contains_max_words_ = 0;
  FlatIndex date_names_;  // word hashes
  FlatIndex date_words_;
  LexiconEntry date_entry_;
};

// The results of Lexicon::Match for recent lines of up to kMaxWords words,
// by line hash: a direct-mapped table whose slot for a hash holds the
// result of the last line of that hash matched through it. Lines of equal
// keys have equal hashes and equal results, so a hit only spares matching
// the same key again, and boilerplate repeats from page to page. Longer
// lines are article text, seldom repeated: they go to Match and leave the
// table to the short ones, and the test of a line's length, unlike that of
// a slot, is one the branch predictor gets right. On the news crawl 57 % of
// the lines hit, and AnalyzeDocument's loop over the lines (line hashes,
// lexicon, teaser tests) took 27.8 Mtsc per 64 MiB instead of 36.4 (Zen 4;
// 31.1 with every line through the table). Verifying a hit's key bytes would
// cost what Match costs (it verifies its own hits that way). Lines of different
// keys share a hash with probability about 2^-62 (SequenceHash), the odds
// on which the line records of templates and the exact duplicates already
// rest. Serves one lexicon; not thread-safe.
class LexiconCache {
 public:
  // 16 words: 86 % of the news crawl's lines of up to 16 words hit; the
  // longer ones would hit 2.5 % of the time in a table of their own.
  static constexpr size_t kMaxWords = 16;

  LexiconCache();
  // lexicon.Match(keys, words, word_hashes, word_count, line_hash), from
  // the table when the line has at most kMaxWords words and the slot of
  // line_hash holds it.
  LexiconHit Match(const Lexicon& lexicon, std::string_view keys,
                   const WordSpan* words, const uint64_t* word_hashes,
                   size_t word_count, uint64_t line_hash) {
    if (word_count > kMaxWords) {
      return lexicon.Match(keys, words, word_hashes, word_count, line_hash);
    }
    Slot& slot = slots_[line_hash & (kSlots - 1)];
    if (slot.line_hash == line_hash) return slot.hit;
    // A miss returns the hit it stores rather than reading it back: g++
    // stores its two byte fields as one 2-byte word, which a wider load
    // could not take its value from.
    const LexiconHit hit =
        lexicon.Match(keys, words, word_hashes, word_count, line_hash);
    slot.hit = hit;
    slot.line_hash = line_hash;
    return hit;
  }

 private:
  // 1024 slots of 24 bytes (256: 39 % of the lines hit, 4096: 60 %, but
  // the larger table pushes other data out of the caches).
  static constexpr size_t kSlots = 1024;
  struct Slot {
    uint64_t line_hash;
    LexiconHit hit;
  };
  std::vector<Slot> slots_;
};

// The built-in lexicon with word hashes seeded by seed, normalized with the
// dedup profile: built on the first call for a seed and shared after that
// (the last kSharedLexicons seeds are kept), since building it takes as long
// as sketching about 1 MB of text. Thread-safe.
constexpr size_t kSharedLexicons = 4;
std::shared_ptr<const Lexicon> SharedLexicon(uint64_t seed);

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_LEXICON_H_
