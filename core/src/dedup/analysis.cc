// SPDX-License-Identifier: Apache-2.0
// Per-document analysis: lines, keys, words, lexicon hits, teaser
// candidates and the structural teaser/label rules (see analysis.h).
#include "analysis.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

#include "dedup_kernels.h"
#include "hash.h"
#include "scan.h"
#include "state.h"
#include "word_hash.h"

namespace safi {
namespace dedup {
namespace {

// Length of the trailing white space and invisible marks of a raw line:
// ASCII blanks, NBSP, U+2000..U+200F, U+202A..U+202F, U+2066..U+2069.
size_t TrailingBlankBytes(std::string_view line) {
  size_t end = line.size();
  while (end > 0) {
    const unsigned char c = static_cast<unsigned char>(line[end - 1]);
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      --end;
      continue;
    }
    if (end >= 2 && c == 0xA0 &&
        static_cast<unsigned char>(line[end - 2]) == 0xC2) {
      end -= 2;
      continue;
    }
    if (end >= 3 && static_cast<unsigned char>(line[end - 3]) == 0xE2) {
      const unsigned char b1 = static_cast<unsigned char>(line[end - 2]);
      if ((b1 == 0x80 &&
           ((c >= 0x80 && c <= 0x8F) || (c >= 0xAA && c <= 0xAF))) ||
          (b1 == 0x81 && c >= 0xA6 && c <= 0xA9)) {
        end -= 3;
        continue;
      }
    }
    break;
  }
  return line.size() - end;
}

// True if the line, which has no trailing blanks, ends in "..." (three or
// more full stops) or U+2026 HORIZONTAL ELLIPSIS.
bool EndsWithEllipsis(std::string_view trimmed) {
  if (trimmed.size() >= 3 &&
      trimmed.substr(trimmed.size() - 3) == "\xE2\x80\xA6") {
    return true;
  }
  return trimmed.size() >= 3 && trimmed.substr(trimmed.size() - 3) == "...";
}

// True if the line, which has no trailing blanks, ends in . ! ? or U+061F.
bool EndsWithSentencePunctuation(std::string_view trimmed) {
  if (trimmed.empty()) return false;
  const char last = trimmed.back();
  if (last == '.' || last == '!' || last == '?') return true;
  return trimmed.size() >= 2 &&
         trimmed.substr(trimmed.size() - 2) == "\xD8\x9F";
}

// Replaces *keys with normalizer's output for text, written in place: the
// normalizer's fixed-buffer call writes straight into the vector (the
// string call would copy it there through a buffer of its own). Room for
// what the dedup profile usually makes of a text is tried first; a text
// that needs more is normalized again into the room it asked for.
void NormalizeInPlace(const Normalizer& normalizer, std::string_view text,
                      PodVector<char>* keys) {
  constexpr size_t kSlackBytes = 512;
  keys->resize_uninitialized(text.size() + text.size() / 8 + kSlackBytes);
  size_t size = 0;
  if (normalizer
          .Normalize(text.data(), text.size(), keys->data(), keys->size(),
                     &size)
          .code == Status::kOutputTooSmall) {
    keys->resize_uninitialized(size);
    normalizer.Normalize(text.data(), text.size(), keys->data(), keys->size(),
                         &size);
  }
  keys->resize_uninitialized(size);
}

// Bit sets over the lines of a page: bit i % 64 of word i / 64 is about
// line i. The ranges below are [begin, end) line indices within the words.

// The bits of word w that are about lines in [begin, end).
uint64_t InRange(uint32_t w, uint32_t begin, uint32_t end) {
  const uint64_t all = ~uint64_t{0};
  const uint64_t from = begin <= 64 * w ? all : all << (begin - 64 * w);
  const uint64_t to = end >= 64 * w + 64 ? all : ~(all << (end - 64 * w));
  return from & to;
}

// Whether line i's bit is set.
bool IsSet(const uint64_t* bits, uint32_t i) {
  return (bits[i / 64] >> (i % 64)) & 1;
}

// The bits of flag in the eight flag bytes of x (little-endian, byte k for
// line k), bit k for byte k.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "flag bytes are read eight at a time as a little-endian word");
uint64_t FlagBits(uint64_t x, uint8_t flag) {
  const int shift = __builtin_ctz(flag);
  return (((x >> shift) & 0x0101010101010101) * 0x0102040810204080) >> 56;
}

// The first line in [begin, end) whose bit is set, or end.
uint32_t NextSet(const uint64_t* bits, uint32_t begin, uint32_t end) {
  if (begin >= end) return end;
  uint32_t w = begin / 64;
  uint64_t word = bits[w] & (~uint64_t{0} << (begin % 64));
  const uint32_t last = (end - 1) / 64;
  while (word == 0) {
    if (w == last) return end;
    word = bits[++w];
  }
  const uint32_t i = w * 64 + static_cast<uint32_t>(__builtin_ctzll(word));
  return i < end ? i : end;
}

// The last line in [begin, end) whose bit is set, or -1.
int64_t PreviousSet(const uint64_t* bits, uint32_t begin, uint32_t end) {
  if (begin >= end) return -1;
  uint32_t w = (end - 1) / 64;
  uint64_t word = bits[w] & (~uint64_t{0} >> (63 - (end - 1) % 64));
  const uint32_t first = begin / 64;
  while (word == 0) {
    if (w == first) return -1;
    word = bits[--w];
  }
  const uint32_t i = w * 64 + 63 - static_cast<uint32_t>(__builtin_clzll(word));
  return i >= begin ? static_cast<int64_t>(i) : -1;
}

}  // namespace

uint64_t LeadPrefixHash(const DocumentAnalysis& analysis, const LineInfo& line,
                        uint32_t count) {
  return SequenceHash::Of(&analysis.word_hashes[line.first_word], count);
}

// See analysis.h.
size_t SplitRawLines(std::string_view text, std::vector<LineInfo>* lines,
                     bool* lone_cr) {
  const char* const data = text.data();
  const size_t n = text.size();
  const size_t first = lines->size();
  size_t start = 0;
  bool any_lone_cr = false;
  // Each chunk's lines are filled in place, in room made for one per
  // terminator (the LF of a CR LF ends no line): half the time of a
  // push_back per line.
  const auto fill = [&](size_t chunk, const uint32_t* positions, size_t count) {
    const size_t filled = lines->size();
    lines->resize(filled + count);
    LineInfo* line = lines->data() + filled;
    for (size_t k = 0; k < count; ++k) {
      const size_t at = chunk + positions[k];
      if (at < start) continue;  // the LF of a CR LF
      const bool cr = data[at] == '\r';
      const bool crlf = cr && at + 1 < n && data[at + 1] == '\n';
      any_lone_cr = any_lone_cr || (cr && !crlf);
      line->start = start;
      line->end = at;
      line->next = crlf ? at + 2 : at + 1;
      start = line->next;
      ++line;
    }
    lines->resize(static_cast<size_t>(line - lines->data()));
  };
  ForEachByteChunk(data, n, '\n', '\r', fill);
  *lone_cr = any_lone_cr;
  const size_t terminators = lines->size() - first;
  if (start < n) {
    LineInfo line;
    line.start = start;
    line.end = line.next = n;
    lines->push_back(line);
  }
  return terminators;
}

bool SplitKeyLines(size_t terminators, DocumentAnalysis* out) {
  const std::string_view keys = out->Keys();
  PodVector<WordSpan>& words = out->words;
  std::vector<LineInfo>& lines = out->lines;
  // The kernel's room: at most a word per two bytes, a word count per line
  // (the LFs past the lines are only counted: the split is then dropped),
  // and the kernel's scratch past both. The buffers grow, never shrink, and
  // are not zeroed.
  words.resize_uninitialized(
      (keys.size() + 1 + detail::kSplitKeyWordsSlack + 1) / 2);
  std::vector<uint32_t>& line_ends = out->line_ends;
  const size_t line_room = lines.size() + detail::kSplitKeyWordsSlack;
  if (line_ends.size() < line_room) line_ends.resize(line_room);
  const uint32_t* const line_end = line_ends.data();
  size_t breaks = 0;
  size_t count = detail::SplitKeyWords(
      keys.data(), keys.size(), lines.size(),
      reinterpret_cast<uint32_t*>(words.data()), line_ends.data(), &breaks);
  // Line i has the words ended by the i-th LF and after the one before; a
  // last line without a terminator has the rest, and words after the last
  // LF belong to no line otherwise.
  const size_t closed = std::min(breaks, lines.size());
  size_t first = 0;
  for (size_t line = 0; line < closed; ++line) {
    lines[line].first_word = static_cast<uint32_t>(first);
    lines[line].words = static_cast<uint32_t>(line_end[line] - first);
    first = line_end[line];
  }
  if (closed < lines.size()) {
    lines[closed].first_word = static_cast<uint32_t>(first);
    lines[closed].words = static_cast<uint32_t>(count - first);
  } else {
    count = first;
  }
  words.resize_uninitialized(count);
  return breaks == terminators;
}

uint8_t LineFlags(const LineInfo& line) {
  // Bitwise operators, not ?:, which the compiler may turn into branches.
  return static_cast<uint8_t>(
      uint32_t{!line.blank()} * kNonBlankLine |
      uint32_t{line.teaser_candidate} * kTeaserCandidateLine |
      uint32_t{line.short_line} * kShortLine |
      uint32_t{line.lexicon_removed()} * kLexiconRemovedLine |
      uint32_t{line.lexicon_removed() && line.lexicon.entry->opens_teasers} *
          kOpensTeasersLine);
}

void AnalyzeDocument(std::string_view text, const Normalizer& normalizer,
                     const Lexicon& lexicon, const DedupParams& params,
                     LexiconCache* cache, DocumentAnalysis* out) {
  out->lines.clear();
  out->teaser_candidates = 0;
  out->words.clear();
  out->word_hashes.clear();
  out->keys.clear();
  // Keys: normalize the whole text once. The dedup profile turns every line
  // terminator into one LF, with two exceptions: U+0085, U+2028 and U+2029
  // add LFs, and a CR that is not followed by an LF merges with an LF that
  // follows it once what lies between is deleted (CR, tatweel, LF: one line
  // break). Without a lone CR no terminator is merged, so as many LFs as
  // terminators means no LF was added either, and the i-th LF ends the i-th
  // line. Otherwise normalize line by line. The normalizer is the first to
  // read the text from memory, and prefetches ahead; the raw split after
  // it finds the text in cache (in the other order the split paid the
  // misses: the news sketch was 1 ms slower on Zen 4).
  NormalizeInPlace(normalizer, text, &out->keys);
  bool lone_cr = false;
  const size_t terminators = SplitRawLines(text, &out->lines, &lone_cr);
  if (lone_cr || !SplitKeyLines(terminators, out)) {
    out->keys.clear();
    out->words.clear();
    std::string key;
    for (LineInfo& line : out->lines) {
      normalizer.Normalize(text.substr(line.start, line.end - line.start),
                           &key);
      const uint32_t base = static_cast<uint32_t>(out->keys.size());
      line.first_word = static_cast<uint32_t>(out->words.size());
      SplitWords(key, base, &out->words);
      line.words = static_cast<uint32_t>(out->words.size() - line.first_word);
      out->keys.append(key.data(), key.data() + key.size());
      out->keys.push_back('\n');
    }
  }
  // Word hashes in bulk; the padding makes the bytes past the last word
  // readable, and goes again.
  const size_t key_bytes = out->keys.size();
  out->keys.resize(key_bytes + kWordHashPadding);
  out->word_hashes.resize_uninitialized(out->words.size());
  HashWords(out->keys.data(), out->words.data(), out->words.size(),
            params.hash_seed, out->word_hashes.data());
  out->keys.resize_uninitialized(key_bytes);
  const std::string_view keys = out->Keys();
  out->line_flags.assign(out->lines.size(), 0);
  uint8_t* line_flags = out->line_flags.data();
  // The fingerprint is taken here, where each line's fields are at hand:
  // the raw text's XXH3, which the state held before (format 4), was a
  // second pass over the bytes, 3 % of a news sketch.
  constexpr uint64_t kFingerprintOdd = 0x9E3779B97F4A7C15ULL;
  SequenceHash fingerprint;
  for (LineInfo& line : out->lines) {
    uint8_t& flags = *line_flags++;
    if (line.blank()) {
      fingerprint.Add(0);
      continue;
    }
    const uint64_t* const word_hashes = &out->word_hashes[line.first_word];
    line.hash = SequenceHash::Of(word_hashes, line.words);
    // The hit is read from its register, not back from the line, where
    // its byte fields were stored as one 2-byte word.
    const LexiconHit hit =
        cache != nullptr
            ? cache->Match(lexicon, keys, &out->words[line.first_word],
                           word_hashes, line.words, line.hash)
            : lexicon.Match(keys, &out->words[line.first_word], word_hashes,
                            line.words, line.hash);
    line.lexicon = hit;
    // The raw line's end is looked at only for a line that may be a teaser
    // or a label, and trimmed once for both.
    const bool may_be_teaser =
        hit.entry == nullptr && line.words >= params.teaser_min_words;
    const bool may_be_label =
        !hit.allowlisted && line.words <= params.label_max_words;
    std::string_view trimmed;
    if (may_be_teaser || may_be_label) {
      trimmed = text.substr(line.start, line.end - line.start);
      trimmed.remove_suffix(TrailingBlankBytes(trimmed));
    }
    line.teaser_candidate = may_be_teaser && EndsWithEllipsis(trimmed);
    out->teaser_candidates += line.teaser_candidate ? 1 : 0;
    line.short_line = !line.teaser_candidate && may_be_label &&
                      !EndsWithSentencePunctuation(trimmed);
    flags = LineFlags(line);
    fingerprint.Add(line.hash + (uint64_t{out->Key(line).size()} << 8 | flags) *
                                    kFingerprintOdd);
  }
  out->fingerprint = fingerprint.Digest();
}

void FindTeaserStructure(const DocumentAnalysis& analysis,
                         const std::vector<uint8_t>& removed,
                         const std::vector<uint8_t>& confirmed,
                         std::vector<StructureVerdict>* out) {
  const uint32_t n = static_cast<uint32_t>(analysis.lines.size());
  out->assign(n, StructureVerdict());
  // Every verdict is about a teaser candidate or the label before one.
  if (analysis.teaser_candidates == 0) return;
  // One pass over the lines' flag bytes sets their bits in six sets, so that
  // the rules below jump from block to block and from teaser to teaser
  // instead of branching on every line. Pages of up to kLocalWords * 64 lines
  // keep the sets on the stack.
  constexpr uint32_t kSets = 6;
  constexpr uint32_t kLocalWords = 16;
  const uint32_t words = (n + 63) / 64;
  uint64_t local[kSets * kLocalWords];
  std::vector<uint64_t> heap;
  uint64_t* sets = local;
  if (words > kLocalWords) {
    heap.resize(kSets * words);
    sets = heap.data();
  }
  uint64_t* const non_blank = sets;
  // Blocks: maximal runs of blocky lines (teaser candidates, short lines and
  // removed lines) among the non-blank ones (blank lines neither end nor
  // join a block). A block starts at a non-blank blocky line and ends
  // before the next non-blank line that is not blocky.
  uint64_t* const block_lines = sets + words;
  uint64_t* const block_ends = sets + 2 * words;
  uint64_t* const teasers = sets + 3 * words;  // non-blank teaser candidates
  uint64_t* const openers = sets + 4 * words;  // related headers
  // Short lines but the protected line (below).
  uint64_t* const labels = sets + 5 * words;
  // The first line that nothing removed (normally the title) is never a
  // label: a short title followed by a lead ending in "..." stays.
  bool protected_found = false;
  const uint8_t* const line_flags = analysis.line_flags.data();
  for (uint32_t w = 0; w < words; ++w) {
    uint64_t filled = 0, blocky = 0, teaser = 0, opener = 0, label = 0,
             kept = 0;
    // Eight lines at a time: their flag bytes, and a byte 1 for each line
    // removed by another detector.
    for (uint32_t i = 64 * w; i < std::min(n, 64 * w + 64); i += 8) {
      const uint32_t count = std::min(n - i, uint32_t{8});
      uint64_t x = 0, other = 0;
      if (count == 8) {
        std::memcpy(&x, line_flags + i, 8);
      } else {
        std::memcpy(&x, line_flags + i, count);
      }
      if (!removed.empty()) {
        for (uint32_t k = 0; k < count; ++k) {
          other |= uint64_t{removed[i + k] != 0} << (8 * k);
        }
      }
      const uint32_t shift = i % 64;
      const uint64_t line_removed =
          FlagBits(x, kLexiconRemovedLine) | FlagBits(other, 1);
      filled |= FlagBits(x, kNonBlankLine) << shift;
      blocky |= (FlagBits(x, kTeaserCandidateLine) | FlagBits(x, kShortLine) |
                 line_removed)
                << shift;
      teaser |= FlagBits(x, kTeaserCandidateLine) << shift;
      opener |= FlagBits(x, kOpensTeasersLine) << shift;
      label |= FlagBits(x, kShortLine) << shift;
      kept |= (~line_removed & 0xFF) << shift;
    }
    kept &= filled;
    if (!protected_found && kept != 0) {
      label &= ~(kept & (~kept + 1));  // the lowest bit of kept
      protected_found = true;
    }
    non_blank[w] = filled;
    block_lines[w] = filled & blocky;
    block_ends[w] = filled & ~blocky;
    teasers[w] = filled & teaser;
    openers[w] = opener;
    labels[w] = filled & label;
  }
  for (uint32_t p = NextSet(block_lines, 0, n); p < n;) {
    // [p, q) spans the block; it is trailing if no non-blank line follows
    // it.
    const uint32_t q = NextSet(block_ends, p + 1, n);
    const bool trailing = q == n;
    uint32_t block_teasers = 0;
    for (uint32_t w = p / 64; w <= (q - 1) / 64; ++w) {
      block_teasers += static_cast<uint32_t>(
          __builtin_popcountll(teasers[w] & InRange(w, p, q)));
    }
    const uint32_t first_opener = NextSet(openers, p, q);
    for (uint32_t w = p / 64; w <= (q - 1) / 64; ++w) {
      for (uint64_t bits = teasers[w] & InRange(w, p, q); bits != 0;
           bits &= bits - 1) {
        const uint32_t i = 64 * w + __builtin_ctzll(bits);
        // The block's non-blank line before the teaser.
        const int64_t previous = PreviousSet(non_blank, p, i);
        const bool after_label =
            previous >= 0 && IsSet(labels, static_cast<uint32_t>(previous));
        TeaserRule rule;
        if (!confirmed.empty() && confirmed[i] != 0) {
          rule = TeaserRule::kConfirmed;
        } else if (first_opener < i) {
          rule = TeaserRule::kAfterRelatedHeader;
        } else if (after_label) {
          rule = TeaserRule::kAfterLabel;
        } else if (trailing && block_teasers >= 2) {
          rule = TeaserRule::kTrailingBlock;
        } else {
          continue;
        }
        StructureVerdict& verdict = (*out)[i];
        verdict.kind = StructureVerdict::kTeaser;
        verdict.rule = rule;
        verdict.block_teasers = block_teasers;
        if (after_label) {
          StructureVerdict& label = (*out)[previous];
          label.kind = StructureVerdict::kLabel;
          label.teaser_line = i;
        }
      }
    }
    p = NextSet(block_lines, q + 1, n);  // line q ends the block
  }
}

namespace {

constexpr uint32_t kLeadCheckpoints[] = {5,  6,  7,  8,  10, 12, 14, 16,
                                         20, 24, 28, 32, 40, 48, 56, 64};
static_assert(std::size(kLeadCheckpoints) == kMaxLeadPrefixes,
              "a lead line holds one prefix per checkpoint");
constexpr uint32_t kLargestLeadCheckpoint = std::end(kLeadCheckpoints)[-1];

// The number of lead checkpoints <= w at [w], for w up to the largest: a
// load, where a binary search mispredicted.
constexpr std::array<uint8_t, kLargestLeadCheckpoint + 1>
MakeLeadPrefixCounts() {
  std::array<uint8_t, kLargestLeadCheckpoint + 1> counts{};
  for (uint32_t w = 0; w <= kLargestLeadCheckpoint; ++w) {
    for (const uint32_t c : kLeadCheckpoints) counts[w] += c <= w ? 1 : 0;
  }
  return counts;
}
constexpr std::array<uint8_t, kLargestLeadCheckpoint + 1> kLeadPrefixCounts =
    MakeLeadPrefixCounts();

// The number of lead checkpoints <= words.
uint32_t LeadPrefixCount(uint32_t words) {
  return kLeadPrefixCounts[std::min(words, kLargestLeadCheckpoint)];
}

}  // namespace

const std::vector<uint32_t>& LeadCheckpoints() {
  static const std::vector<uint32_t> kCheckpoints(std::begin(kLeadCheckpoints),
                                                  std::end(kLeadCheckpoints));
  return kCheckpoints;
}

uint32_t LeadPrefixes(const DocumentAnalysis& analysis, const LineInfo& line,
                      uint64_t* prefixes) {
  const uint32_t count = LeadPrefixCount(line.words);
  SequenceHash::PrefixDigests<kLeadCheckpoints>(
      &analysis.word_hashes[line.first_word], count, prefixes);
  return count;
}

uint32_t LargestLeadCheckpoint(uint32_t words) {
  const uint32_t count = LeadPrefixCount(words);
  return count == 0 ? 0 : kLeadCheckpoints[count - 1];
}

}  // namespace dedup
}  // namespace safi
