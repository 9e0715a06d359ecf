// SPDX-License-Identifier: Apache-2.0
// The built-in boilerplate lexicon: parsing of lexicon/boilerplate.tsv
// (embedded at build time), normalization of its phrases, line matching by
// word-hash lookups, and the public BoilerplateLexicon.
#include "lexicon.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <unordered_set>
#include <utility>

#include "hash.h"
#include "scan.h"
#include "shared_by_key.h"
#include "word_hash.h"

namespace safi {
namespace dedup {
namespace {

// The data file, embedded by sources.cmake as a raw string literal.
constexpr char kLexiconData[] =
#include "boilerplate_lexicon.inc"
    ;

// Seed of the data fingerprint.
constexpr uint64_t kFingerprintSeed = 0x6c65786963306e31ULL;
// Longest line a prefix / contains phrase matches unless its entry says.
constexpr uint32_t kDefaultPrefixMaxWords = 30;
constexpr uint32_t kDefaultContainsMaxWords = 24;
// Longest line matched as a sequence of phrases or as a date line.
constexpr uint32_t kSequenceMaxWords = 24;
constexpr uint32_t kDateMaxWords = 12;

std::string_view LexiconData() {
  return std::string_view(kLexiconData, sizeof(kLexiconData) - 1);
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string_view::npos
                                          ? std::string_view::npos
                                          : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return fields;
}

// Parses a positive decimal number of at most 4 digits; 0 if invalid.
uint32_t ParseSmallNumber(std::string_view text) {
  if (text.empty() || text.size() > 4) return 0;
  uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return value;
}

// Calls line(fields) for each data line of the file (not comments).
template <typename Visit>
void ForEachDataLine(Visit visit) {
  const std::string_view data = LexiconData();
  size_t pos = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line[0] != '#') visit(SplitTabs(line));
  }
}

// The bytes of words [first, first + count) of the line, with separators.
std::string_view WordRange(std::string_view keys, const WordSpan* words,
                           size_t first, size_t count) {
  const size_t begin = words[first].offset;
  const size_t end =
      words[first + count - 1].offset + words[first + count - 1].size;
  return keys.substr(begin, end - begin);
}

}  // namespace

void SplitWords(std::string_view key, uint32_t base,
                PodVector<WordSpan>* words) {
  // Words are the non-empty gaps between separators (' ' or LF).
  size_t word_start = 0;
  ForEachByteOf(key.data(), key.size(), ' ', '\n', [&](size_t p) {
    if (p > word_start) {
      words->push_back({base + static_cast<uint32_t>(word_start),
                        static_cast<uint32_t>(p - word_start)});
    }
    word_start = p + 1;
  });
  if (key.size() > word_start) {
    words->push_back({base + static_cast<uint32_t>(word_start),
                      static_cast<uint32_t>(key.size() - word_start)});
  }
}

uint32_t BuiltinLexiconVersion() {
  uint32_t version = 0;
  ForEachDataLine([&version](const std::vector<std::string_view>& fields) {
    if (fields.size() == 2 && fields[0] == "version") {
      version = ParseSmallNumber(fields[1]);
    }
  });
  return version;
}

uint64_t BuiltinLexiconFingerprint() {
  return Hash64(LexiconData(), kFingerprintSeed);
}

void FlatIndex::Build(const std::vector<Item>& items) {
  size_t capacity = 16;
  while (capacity < 2 * items.size()) capacity *= 2;
  slots_.assign(capacity, Slot());
  mask_ = capacity - 1;
  std::fill(std::begin(filter_), std::end(filter_), 0);
  for (const auto& item : items) {
    const uint64_t key = item.hash == 0 ? 1 : item.hash;
    const uint64_t bit = key >> (64 - kFilterBits);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    size_t i = key & mask_;
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    slots_[i] = {key, item.value, item.extra};
  }
}

Lexicon::Lexicon(const Normalizer& normalizer, uint64_t seed) : seed_(seed) {
  date_entry_.phrase = "date";
  date_entry_.category = "date";
  std::string key;
  PodVector<WordSpan> words;
  std::vector<uint64_t> hashes;
  std::unordered_set<std::string> seen;
  std::vector<FlatIndex::Item> date_names, date_words;
  ForEachDataLine([&](const std::vector<std::string_view>& fields) {
    if (fields.size() < 3 || fields.size() > 4) return;
    if (!normalizer.Normalize(fields[2], &key).ok()) return;
    words.clear();
    SplitWords(key, 0, &words);
    if (words.empty() || key.find('\n') != std::string::npos) return;
    const std::string_view kind = fields[0];
    if (!seen.insert(std::string(kind) + '\t' + key).second) return;
    hashes.clear();
    for (const WordSpan& w : words) {
      hashes.push_back(
          WordHash(std::string_view(key).substr(w.offset, w.size), seed_));
    }
    if (kind == "datename" || kind == "dateword") {
      if (words.size() == 1) {
        (kind == "datename" ? date_names : date_words)
            .push_back({hashes[0], 0});
        if (kind == "datename") AddRole(hashes[0], kDateNameRole);
      }
      return;
    }
    Kind k;
    uint32_t max_words = 0;
    if (kind == "line") {
      k = kLineKind;
    } else if (kind == "prefix") {
      k = kPrefixKind;
      max_words = kDefaultPrefixMaxWords;
    } else if (kind == "contains") {
      k = kContainsKind;
      max_words = kDefaultContainsMaxWords;
    } else if (kind == "keep") {
      k = kKeepKind;
    } else {
      return;
    }
    LexiconEntry entry;
    entry.phrase = std::string(fields[2]);
    entry.category = std::string(fields[1]);
    entry.key = key;
    entry.words = static_cast<uint32_t>(words.size());
    entry.opens_teasers =
        entry.category == "related_header" || entry.category == "latest";
    entry.max_words =
        fields.size() == 4 ? ParseSmallNumber(fields[3]) : max_words;
    if (entry.max_words != 0 && entry.max_words < entry.words) return;
    if (k == kContainsKind) {
      contains_max_words_ = std::max(contains_max_words_, entry.max_words);
    }
    Table& table = tables_[k];
    table.firsts.push_back({hashes[0], 0});
    AddRole(hashes[0], k);
    const auto at = std::lower_bound(table.lengths.begin(), table.lengths.end(),
                                     entry.words);
    if (at == table.lengths.end() || *at != entry.words) {
      table.lengths.insert(at, entry.words);
    }
    const uint32_t key_size = static_cast<uint32_t>(key.size());
    table.items.push_back({SequenceHash::Of(hashes.data(), hashes.size()),
                           static_cast<uint32_t>(key_bytes_.size()),
                           static_cast<uint32_t>(entries_.size())});
    key_bytes_.append(reinterpret_cast<const char*>(&key_size),
                      sizeof(key_size));
    key_bytes_.append(key);
    if (k != kKeepKind) ++matchable_;
    entries_.push_back(std::move(entry));
  });
  for (Table& table : tables_) {
    table.index.Build(table.items);
    table.first_words.Build(table.firsts);
    table.items.clear();
    table.firsts.clear();
  }
  date_names_.Build(date_names);
  date_words_.Build(date_words);
}

// Inline in Match (five call sites): a call per lookup took 11 % of Match's
// time on a news crawl (21.5 -> 19.2 Mtsc per 64 MiB sketch).
inline const LexiconEntry* Lexicon::Lookup(const Table& t,
                                           std::string_view keys,
                                           const WordSpan* words, size_t first,
                                           size_t count,
                                           uint64_t combined) const {
  const LexiconEntry* found = nullptr;
  const std::string_view range = WordRange(keys, words, first, count);
  t.index.Find(combined, [&](uint32_t at, uint32_t index) {
    uint32_t size;
    std::memcpy(&size, key_bytes_.data() + at, sizeof(size));
    if (size != range.size() ||
        !SameBytes(key_bytes_.data() + at + sizeof(size), range.data(),
                   range.size())) {
      return false;
    }
    found = &entries_[index];
    return true;
  });
  return found;
}

bool Lexicon::IsDateLine(const uint64_t* hashes, std::string_view keys,
                         const WordSpan* words, size_t word_count) const {
  if (word_count < 2 || word_count > kDateMaxWords) return false;
  bool name = false;
  bool number = false;
  for (size_t i = 0; i < word_count; ++i) {
    const char first = keys[words[i].offset];
    if (first >= '0' && first <= '9') {
      number = true;
    } else if (date_names_.Contains(hashes[i])) {
      name = true;
    } else if (!date_words_.Contains(hashes[i])) {
      return false;
    }
  }
  return name && number;
}

LexiconHit Lexicon::Match(std::string_view keys, const WordSpan* words,
                          const uint64_t* hashes, size_t word_count,
                          uint64_t line_hash) const {
  LexiconHit hit;
  if (word_count == 0) return hit;
  const uint32_t n = static_cast<uint32_t>(word_count);
  // Each loop below asks for phrases of increasing lengths at one start, so
  // that the phrase keys grow word by word.
  if (Starts(kKeepKind, hashes[0])) {
    PrefixSequenceHash combine(hashes);
    for (const uint32_t len : tables_[kKeepKind].lengths) {
      if (len > n) break;
      if (Lookup(tables_[kKeepKind], keys, words, 0, len, combine.Of(len)) !=
          nullptr) {
        hit.allowlisted = true;
        return hit;
      }
    }
  }
  // A whole-line phrase (whose first word is then a line phrase's first
  // word: the lookup needs no first-word test).
  const Table& lines = tables_[kLineKind];
  if (!lines.lengths.empty() && n <= lines.lengths.back() &&
      (hit.entry = Lookup(lines, keys, words, 0, n, line_hash)) != nullptr) {
    hit.kind = LexiconMatchKind::kLine;
    return hit;
  }
  if (Starts(kPrefixKind, hashes[0])) {
    PrefixSequenceHash combine(hashes);
    for (const uint32_t len : tables_[kPrefixKind].lengths) {
      if (len > n) break;
      const LexiconEntry* entry =
          Lookup(tables_[kPrefixKind], keys, words, 0, len, combine.Of(len));
      if (entry != nullptr && n <= entry->max_words) {
        hit.entry = entry;
        hit.kind = LexiconMatchKind::kPrefix;
        return hit;
      }
    }
  }
  // A contains phrase starts at some word of the line, and a date line has
  // a date name: the union of the words' roles rules out both tries for
  // most lines, with a load per word and no branch.
  uint8_t roles = 0;
  if (n <= std::max(contains_max_words_, kDateMaxWords)) {
    for (uint32_t i = 0; i < n; ++i) roles |= Roles(hashes[i]);
  }
  if (n <= contains_max_words_ && (roles >> kContainsKind & 1) != 0) {
    for (uint32_t first = 0; first < n; ++first) {
      if (!Starts(kContainsKind, hashes[first])) continue;
      PrefixSequenceHash combine(hashes + first);
      for (const uint32_t len : tables_[kContainsKind].lengths) {
        if (first + len > n) break;
        const LexiconEntry* entry = Lookup(tables_[kContainsKind], keys, words,
                                           first, len, combine.Of(len));
        if (entry != nullptr && n <= entry->max_words) {
          hit.entry = entry;
          hit.kind = LexiconMatchKind::kContains;
          return hit;
        }
      }
    }
  }
  // A sequence of line phrases starts with a line phrase's first word.
  if (n >= 2 && n <= kSequenceMaxWords && Starts(kLineKind, hashes[0])) {
    // reach[i]: words [0, i) split into whole-line phrases; first[i]: the
    // first phrase of such a split.
    const LexiconEntry* first[kSequenceMaxWords + 1] = {};
    bool reach[kSequenceMaxWords + 1] = {};
    reach[0] = true;
    for (uint32_t i = 0; i < n; ++i) {
      if (!reach[i] || !Starts(kLineKind, hashes[i])) continue;
      PrefixSequenceHash combine(hashes + i);
      for (const uint32_t len : lines.lengths) {
        if (i + len > n) break;
        if (reach[i + len]) continue;
        const LexiconEntry* entry =
            Lookup(lines, keys, words, i, len, combine.Of(len));
        if (entry != nullptr) {
          reach[i + len] = true;
          first[i + len] = i == 0 ? entry : first[i];
        }
      }
    }
    if (reach[n]) {
      hit.entry = first[n];
      hit.kind = LexiconMatchKind::kSequence;
      return hit;
    }
  }
  if ((roles >> kDateNameRole & 1) != 0 &&
      IsDateLine(hashes, keys, words, word_count)) {
    hit.entry = &date_entry_;
    hit.kind = LexiconMatchKind::kDate;
  }
  return hit;
}

LexiconCache::LexiconCache() : slots_(kSlots) {
  // Slot i starts with a hash whose slot is another one, which no line's
  // hash can equal there.
  for (size_t i = 0; i < kSlots; ++i) slots_[i].line_hash = i ^ 1;
}

std::shared_ptr<const Lexicon> SharedLexicon(uint64_t seed) {
  static auto* const shared =
      new SharedByKey<uint64_t, Lexicon, kSharedLexicons>;
  return shared->Get(seed, [seed] {
    const Normalizer normalizer(Profile::kDedup);
    return std::make_shared<const Lexicon>(normalizer, seed);
  });
}

}  // namespace dedup

struct BoilerplateLexicon::Impl {
  Impl()
      : normalizer(Profile::kDedup),
        lexicon(dedup::SharedLexicon(kDedupHashSeed)) {}
  Normalizer normalizer;
  std::shared_ptr<const dedup::Lexicon> lexicon;
};

BoilerplateLexicon::BoilerplateLexicon() : impl_(new Impl) {}
BoilerplateLexicon::~BoilerplateLexicon() = default;
BoilerplateLexicon::BoilerplateLexicon(BoilerplateLexicon&&) noexcept = default;
BoilerplateLexicon& BoilerplateLexicon::operator=(
    BoilerplateLexicon&&) noexcept = default;

uint32_t BoilerplateLexicon::Version() {
  return dedup::BuiltinLexiconVersion();
}

size_t BoilerplateLexicon::size() const { return impl_->lexicon->size(); }

bool BoilerplateLexicon::MatchLine(std::string_view line, Match* match) const {
  std::string key;
  impl_->normalizer.Normalize(line, &key);
  dedup::PodVector<dedup::WordSpan> words;
  dedup::SplitWords(key, 0, &words);
  std::vector<uint64_t> hashes;
  for (const dedup::WordSpan& w : words) {
    hashes.push_back(dedup::WordHash(
        std::string_view(key).substr(w.offset, w.size), kDedupHashSeed));
  }
  const dedup::LexiconHit hit = impl_->lexicon->Match(
      key, words.data(), hashes.data(), words.size(),
      dedup::SequenceHash::Of(hashes.data(), hashes.size()));
  if (hit.entry == nullptr) return false;
  match->phrase = hit.entry->phrase;
  match->category = hit.entry->category;
  match->kind = hit.kind;
  return true;
}

}  // namespace safi
