// SPDX-License-Identifier: Apache-2.0
// Tests of header-only helpers of the dedup component: the byte scans
// (scan.h, the FindTwoBytes kernel), the raw line split (SplitRawLines of
// analysis.h) against a byte loop, and the key split into words and lines (the
// SplitKeyWords kernel and SplitKeyLines of analysis.h) against byte loops, the
// radix sort of hashed records (hash_sort.h) against std::sort, the flat hash
// set (hash_set.h) against std::set, the word hashes (word_hash.h), one by
// one and in bulk, against their definition, the MinHash bins and their
// densification
// (minhash.h) against their definition (and the AddShingleMinima and
// TakeMinima kernels alone against it) with fresh and reused scratch, and the
// growth of the tables (pod_vector.h) from a malloc block into huge-page
// mappings; and the word and line split of the per-document analysis
// (analysis.h) against a line-by-line split, its teaser/label rules
// (FindTeaserStructure) against a line-by-line reference of the rules on
// random line sequences, and its lexicon cache against the lexicon. The
// scans, key split, word hashes and MinHash bins run the
// Highway kernels of simd/dedup_kernels.h, once per target. And the shared
// built-in lexicon: one per seed, matching with that seed's word hashes.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "analysis.h"
#include "dedup_kernels.h"
#include "dedup_test_util.h"
#include "hash.h"
#include "hash_set.h"
#include "hash_sort.h"
#include "lexicon.h"
#include "minhash.h"
#include "pod_vector.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "safi/targets.h"
#include "scan.h"
#include "word_hash.h"

namespace {

using safi::dedup::ForEachByteOf;
using safi::dedup::Hash64;
using safi::dedup::HashSort;
using safi::dedup::HashWords;
using safi::dedup::MinHasher;
using safi::dedup::Mix64;
using safi::dedup::PodVector;
using safi::dedup::RotateLeft;
using safi::dedup::SameBytes;
using safi::dedup::WordSpan;
using safi::detail::FindTwoBytes;
using safi::detail::kFindTwoBytesSlack;
using safi::detail::kSplitKeyWordsSlack;
using safi::detail::SplitKeyWords;

// Runs check once under each Highway target this CPU supports, pinned with
// safi::ForceTarget (which the kernels' dynamic dispatch follows), then
// unpins.
template <typename Check>
void ForEachTarget(Check check) {
  std::string error;
  for (const std::string& target : safi::SupportedTargets()) {
    ASSERT_TRUE(safi::ForceTarget(target, &error)) << error;
    SCOPED_TRACE("target " + target);
    check();
  }
  ASSERT_TRUE(safi::ForceTarget("auto", &error)) << error;
}

// At least n readable and writable bytes [begin(), begin() + size()) that
// end where an inaccessible page begins: a read past them faults.
class BytesBeforeAGuardPage {
 public:
  explicit BytesBeforeAGuardPage(size_t n)
      : page_(static_cast<size_t>(sysconf(_SC_PAGESIZE))),
        size_((n + page_ - 1) / page_ * page_),
        mapped_(mmap(nullptr, size_ + page_, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) {
    if (mapped_ != MAP_FAILED &&
        mprotect(begin() + size_, page_, PROT_NONE) != 0) {
      munmap(mapped_, size_ + page_);
      mapped_ = MAP_FAILED;
    }
  }
  BytesBeforeAGuardPage(const BytesBeforeAGuardPage&) = delete;
  BytesBeforeAGuardPage& operator=(const BytesBeforeAGuardPage&) = delete;
  ~BytesBeforeAGuardPage() {
    if (ok()) munmap(mapped_, size_ + page_);
  }
  bool ok() const { return mapped_ != MAP_FAILED; }
  char* begin() const { return static_cast<char*>(mapped_); }
  // The first inaccessible byte.
  char* end() const { return begin() + size_; }
  size_t size() const { return size_; }

 private:
  size_t page_;
  size_t size_;
  void* mapped_;
};

// Positions of a and b in text, byte by byte.
std::vector<uint32_t> Naive(const std::string& text, char a, char b) {
  std::vector<uint32_t> positions;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == a || text[i] == b) positions.push_back(i);
  }
  return positions;
}

// Checks ForEachByteOf against Naive for the bytes of text from start on.
void CheckScan(const std::string& text, size_t start, char a, char b) {
  const std::string tail = text.substr(start);
  const std::vector<uint32_t> expected = Naive(tail, a, b);
  std::vector<uint32_t> visited;
  ForEachByteOf(text.data() + start, tail.size(), a, b,
                [&](size_t p) { visited.push_back(p); });
  EXPECT_EQ(visited, expected) << "length " << tail.size();
}

// length random bytes, a or b each with probability density / 200.
std::string ScanText(size_t length, int density, char a, char b,
                     std::mt19937_64* random) {
  std::string text(length, '\0');
  for (char& c : text) {
    const uint64_t r = (*random)();
    if (static_cast<int>(r % 100) < density) {
      c = (r & 128) != 0 ? a : b;
    } else {
      c = static_cast<char>(r >> 8);
      if (c == a || c == b) c = 'x';
    }
  }
  return text;
}

TEST(Scan, FindsEveryByteOfTwoValues) {
  ForEachTarget([&] {
    std::mt19937_64 random(11);
    // Every length across the first vector blocks, at starts off the
    // vector alignment.
    for (size_t len = 0; len <= 300; ++len) {
      for (const int density : {0, 2, 10, 50, 100}) {
        const std::string text = ScanText(len + 3, density, ' ', '\n', &random);
        for (size_t start = 0; start <= 3; ++start) {
          CheckScan(text, start, ' ', '\n');
        }
      }
    }
    // Lengths around the scan chunk (4096 bytes) and two of them.
    for (const size_t len :
         {4031, 4095, 4096, 4097, 4160, 8191, 8192, 8193, 10000}) {
      for (const int density : {0, 10, 100}) {
        CheckScan(ScanText(len, density, ' ', '\n', &random), 0, ' ', '\n');
      }
    }
    // A zero byte as one of the values: the bytes past the end of a partial
    // block must not count.
    for (size_t len = 0; len <= 130; ++len) {
      CheckScan(ScanText(len, 10, '\0', '\r', &random), 0, '\0', '\r');
    }
  });
}

// The raw lines of text, split byte by byte on LF, CR LF and CR, with the
// terminator count and whether a CR stood alone.
struct RawSplit {
  std::vector<safi::dedup::LineInfo> lines;
  size_t terminators = 0;
  bool lone_cr = false;
};
RawSplit NaiveRawSplit(std::string_view text) {
  RawSplit split;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    const bool crlf =
        text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    split.lone_cr = split.lone_cr || (text[i] == '\r' && !crlf);
    safi::dedup::LineInfo line;
    line.start = start;
    line.end = i;
    line.next = crlf ? i + 2 : i + 1;
    split.lines.push_back(line);
    ++split.terminators;
    start = line.next;
    i = line.next - 1;
  }
  if (start < text.size()) {
    safi::dedup::LineInfo line;
    line.start = start;
    line.end = line.next = text.size();
    split.lines.push_back(line);
  }
  return split;
}

// Checks SplitRawLines on text against NaiveRawSplit, every field of every
// line, appending to lines that already hold one line.
void CheckRawSplit(std::string_view text) {
  const RawSplit expected = NaiveRawSplit(text);
  std::vector<safi::dedup::LineInfo> lines(1);
  lines[0].start = 7;
  lines[0].words = 3;
  bool lone_cr = true;
  const size_t terminators = safi::dedup::SplitRawLines(text, &lines, &lone_cr);
  const std::string where = "length " + std::to_string(text.size());
  ASSERT_EQ(terminators, expected.terminators) << where;
  ASSERT_EQ(lone_cr, expected.lone_cr) << where;
  ASSERT_EQ(lines.size(), expected.lines.size() + 1) << where;
  ASSERT_EQ(lines[0].start, 7u) << where;
  ASSERT_EQ(lines[0].words, 3u) << where;
  for (size_t i = 0; i < expected.lines.size(); ++i) {
    const safi::dedup::LineInfo& got = lines[i + 1];
    const safi::dedup::LineInfo& want = expected.lines[i];
    ASSERT_EQ(got.start, want.start) << where << " line " << i;
    ASSERT_EQ(got.end, want.end) << where << " line " << i;
    ASSERT_EQ(got.next, want.next) << where << " line " << i;
    ASSERT_EQ(got.first_word, want.first_word) << where << " line " << i;
    ASSERT_EQ(got.words, want.words) << where << " line " << i;
    ASSERT_EQ(got.hash, want.hash) << where << " line " << i;
    ASSERT_EQ(got.lexicon.entry, want.lexicon.entry) << where << " line " << i;
    ASSERT_EQ(got.lexicon.kind, want.lexicon.kind) << where << " line " << i;
    ASSERT_EQ(got.lexicon.allowlisted, want.lexicon.allowlisted)
        << where << " line " << i;
    ASSERT_EQ(got.teaser_candidate, want.teaser_candidate)
        << where << " line " << i;
    ASSERT_EQ(got.short_line, want.short_line) << where << " line " << i;
  }
}

// length random bytes: LF, CR, NUL, bytes of invalid UTF-8 and ASCII,
// terminators with probability density / 100.
std::string RawText(size_t length, int density, std::mt19937_64* random) {
  static const char kTerminators[] = {'\n', '\r', '\n', '\r', '\n'};
  static const char kOthers[] = {'\0',   'a',    ' ',    '\xC2',
                                 '\xA0', '\xFF', '\x85', '\xE2'};
  std::string text(length, '\0');
  for (char& c : text) {
    const uint64_t r = (*random)();
    c = static_cast<int>(r % 100) < density ? kTerminators[(r >> 8) % 5]
                                            : kOthers[(r >> 16) % 8];
  }
  return text;
}

// SplitRawLines equals a byte-by-byte split on every target: hand-made
// edges (empty text, terminators only, CR LF across the 64-byte blocks and
// the 4 KiB scan chunks, a CR or CR LF at the very end, a line without a
// terminator, a huge line), random texts of every length across the first
// blocks and around the chunks, and texts that end where an inaccessible
// page begins (a read past the end faults), from the kernel
// (FindTwoBytes) up.
TEST(SplitRawLines, EqualsAByteLoop) {
  constexpr size_t kMaxGuarded = 9000;
  const BytesBeforeAGuardPage guarded(kMaxGuarded);
  ASSERT_TRUE(guarded.ok());
  char* const guard = guarded.end();
  ForEachTarget([&] {
    std::mt19937_64 random(23);
    std::vector<std::string> texts = {"",
                                      "\n",
                                      "\r",
                                      "\r\n",
                                      "\n\r",
                                      "\r\r\n\n",
                                      "a",
                                      "a\r",
                                      "a\r\n",
                                      "a\rb",
                                      std::string(3, '\0'),
                                      std::string(300, '\n'),
                                      std::string(300, '\r'),
                                      std::string(200000, 'h') + "\r\nx"};
    std::string crlfs;
    for (int i = 0; i < 150; ++i) crlfs += "\r\n";
    texts.push_back(crlfs);
    for (const size_t boundary : {63, 64, 65, 4095, 4096, 4097, 8191}) {
      for (const char* terminator : {"\r\n", "\r", "\n", "\r\r"}) {
        std::string text(boundary, 'x');
        texts.push_back(text + terminator);
        texts.push_back(text + terminator + "y");
        text[boundary - 1] = '\r';
        texts.push_back(text + "\n");
      }
    }
    // Each text as a string, and again ending at the inaccessible page.
    const auto check = [&](const std::string& text) {
      CheckRawSplit(text);
      if (text.size() > kMaxGuarded) return;
      char* const at = guard - text.size();
      std::copy(text.begin(), text.end(), at);
      CheckRawSplit(std::string_view(at, text.size()));
    };
    for (const std::string& text : texts) check(text);
    for (size_t len = 0; len <= 300; ++len) {
      for (const int density : {0, 3, 30, 100}) {
        check(RawText(len, density, &random));
      }
    }
    for (const size_t len : {4095, 4096, 4097, 8192, 8193, 20000}) {
      for (const int density : {1, 50}) {
        check(RawText(len, density, &random));
      }
    }
    // The kernel on texts ending at the inaccessible page.
    std::vector<uint32_t> positions(kMaxGuarded + kFindTwoBytesSlack);
    for (size_t len = 0; len <= kMaxGuarded; len += len < 300    ? 1
                                                    : len < 4200 ? 61
                                                                 : 997) {
      const std::string text = RawText(len, 5, &random);
      char* const at = guard - len;
      std::copy(text.begin(), text.end(), at);
      const size_t found = FindTwoBytes(at, len, '\n', '\r', positions.data());
      ASSERT_EQ(
          std::vector<uint32_t>(positions.begin(), positions.begin() + found),
          Naive(text, '\n', '\r'))
          << "length " << len;
    }
  });
}

// The words of keys (runs of bytes other than ' ' and LF) and, per LF, the
// number of words before it, byte by byte.
struct KeySplit {
  std::vector<WordSpan> words;
  std::vector<uint32_t> line_ends;
};
KeySplit NaiveKeySplit(std::string_view keys) {
  KeySplit split;
  size_t start = 0;
  for (size_t i = 0; i <= keys.size(); ++i) {
    const bool end = i == keys.size() || keys[i] == ' ' || keys[i] == '\n';
    if (!end) continue;
    if (i > start) {
      split.words.push_back(
          {static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
    }
    if (i < keys.size() && keys[i] == '\n') {
      split.line_ends.push_back(static_cast<uint32_t>(split.words.size()));
    }
    start = i + 1;
  }
  return split;
}

// Checks SplitKeyWords on keys (read in place) against NaiveKeySplit, with
// max_breaks LF counts wanted, and that it writes nothing past the room its
// contract asks for.
void CheckKeySplit(std::string_view keys, size_t max_breaks) {
  const KeySplit expected = NaiveKeySplit(keys);
  constexpr uint32_t kUnwritten = 0xDEADBEEF;
  constexpr size_t kGuard = 16;
  std::vector<uint32_t> spans(keys.size() + 1 + kSplitKeyWordsSlack + kGuard,
                              kUnwritten);
  std::vector<uint32_t> line_ends(max_breaks + kSplitKeyWordsSlack + kGuard,
                                  kUnwritten);
  size_t breaks = 0;
  const size_t words = SplitKeyWords(keys.data(), keys.size(), max_breaks,
                                     spans.data(), line_ends.data(), &breaks);
  const std::string where =
      "length " + std::to_string(keys.size()) + " alignment " +
      std::to_string(reinterpret_cast<uintptr_t>(keys.data()) % 64) +
      " max_breaks " + std::to_string(max_breaks);
  ASSERT_EQ(words, expected.words.size()) << where;
  for (size_t w = 0; w < words; ++w) {
    ASSERT_EQ(spans[2 * w], expected.words[w].offset) << where << " word " << w;
    ASSERT_EQ(spans[2 * w + 1], expected.words[w].size)
        << where << " word " << w;
  }
  ASSERT_EQ(breaks, expected.line_ends.size()) << where;
  for (size_t i = 0; i < std::min(breaks, max_breaks); ++i) {
    ASSERT_EQ(line_ends[i], expected.line_ends[i]) << where << " LF " << i;
  }
  for (size_t g = 0; g < kGuard; ++g) {
    ASSERT_EQ(spans[spans.size() - 1 - g], kUnwritten) << where;
    ASSERT_EQ(line_ends[line_ends.size() - 1 - g], kUnwritten) << where;
  }
}

// Keys of length bytes: runs of spaces, LFs and word bytes (ASCII and the
// two bytes of an Arabic letter), each run 1 to max_run bytes.
std::string KeyText(size_t length, size_t max_run, std::mt19937_64* random) {
  static const char* const kPieces[] = {" ", "\n", "a", "\xD8\xA7", "  \n"};
  std::string text;
  while (text.size() < length) {
    const char* piece = kPieces[(*random)() % 5];
    for (size_t r = 1 + (*random)() % max_run; r > 0; --r) text += piece;
  }
  text.resize(length);
  return text;
}

TEST(SplitKeyWords, EqualsAByteLoop) {
  ForEachTarget([&] {
    std::mt19937_64 random(17);
    // Hand-made edges: empty, separators only, a block of LFs (more than
    // eight LFs, and more than 32 word edges, per 64-byte block), words
    // ending and starting at the 16, 32 and 64-byte boundaries, long words
    // across blocks and chunks.
    std::vector<std::string> texts = {"",
                                      " ",
                                      "\n",
                                      "a",
                                      "   ",
                                      "\n\n\n",
                                      " a",
                                      "a ",
                                      "\na\n",
                                      "a\nb",
                                      "  a  b\n\n c \n",
                                      std::string(300, '\n'),
                                      std::string(300, ' '),
                                      std::string(70, 'w')};
    std::string alternating;
    for (int i = 0; i < 200; ++i) alternating += i % 3 == 0 ? "x\n" : "x ";
    texts.push_back(alternating);
    for (const size_t boundary : {16, 32, 64, 128, 4096}) {
      for (const size_t before : {1, 2, 15, 16, 17}) {
        for (const char sep : {' ', '\n'}) {
          // A word ending just before, at, or after the boundary, and one
          // starting there.
          for (const int shift : {-1, 0, 1}) {
            const size_t at = boundary + shift;
            std::string text(at + before + 5, 'y');
            text[at] = sep;
            if (at >= before + 1) text[at - before - 1] = sep;
            texts.push_back(text);
          }
        }
      }
    }
    texts.push_back(std::string(5000, 'l') + " " + std::string(4000, 'm'));
    // Blocks with every number of word edges (and of LFs) from 0 to 64.
    for (size_t pairs = 0; pairs <= 32; ++pairs) {
      for (const char* pair : {"x ", "x\n"}) {
        std::string text;
        for (size_t p = 0; p < pairs; ++p) text += pair;
        text.append(64 - 2 * pairs, 'y');
        texts.push_back(text + text);
      }
    }
    // A block with exactly edges word edges (bytes 0 to edges - 1 each
    // differ from the one before in being separators, the rest equal the
    // last of them), separators sep, first or after a block of one word.
    for (const size_t edges : {0, 1, 2, 15, 16, 17, 31, 32, 33, 48, 63, 64}) {
      for (const char sep : {' ', '\n'}) {
        std::string block(64, sep);
        for (size_t j = 0; j < 64; ++j) {
          const size_t last = std::min(j, edges == 0 ? 0 : edges - 1);
          block[j] = edges == 0 || last % 2 == 1 ? sep : 'e';
        }
        texts.push_back(block);
        texts.push_back(block + block);
        texts.push_back(std::string(63, 'w') + sep + block + "tail");
      }
    }
    // An LF at every position of a block of words, alone or after a
    // space, in the first and a later block.
    for (size_t at = 0; at < 64; ++at) {
      for (const char* before : {"", " "}) {
        std::string text = KeyText(200, 5, &random);
        std::replace(text.begin(), text.end(), '\n', ' ');
        const size_t lead = std::string(before).size();
        for (const size_t block : {0, 64}) {
          if (block + at >= lead) text.replace(block + at - lead, lead, before);
          text[block + at] = '\n';
        }
        texts.push_back(text);
      }
    }
    for (const std::string& text : texts) {
      for (const size_t max_breaks : {size_t{0}, size_t{1}, text.size() + 1}) {
        CheckKeySplit(text, max_breaks);
      }
    }
    // Random keys of every length across the first blocks, at starts off
    // the vector alignment, and around the 4 KiB chunks.
    for (size_t len = 0; len <= 300; ++len) {
      for (const size_t max_run : {1, 3, 40}) {
        const std::string text = KeyText(len + 3, max_run, &random);
        for (size_t start = 0; start <= 3; ++start) {
          CheckKeySplit(std::string_view(text).substr(start), len + 1);
        }
        CheckKeySplit(text, len / 4);
      }
    }
    for (const size_t len : {4031, 4095, 4096, 4097, 8192, 8193, 12345}) {
      for (const size_t max_run : {1, 4, 100}) {
        CheckKeySplit(KeyText(len, max_run, &random), len);
      }
    }
  });
}

// SplitKeyWords reads exactly keys[0, n): keys ending where an inaccessible
// page begins (a read past the end faults), of every length across the
// first blocks and around the 4 KiB chunks, on every target.
TEST(SplitKeyWords, ReadsNothingPastTheKeys) {
  constexpr size_t kMaxGuarded = 9000;
  const BytesBeforeAGuardPage guarded(kMaxGuarded);
  ASSERT_TRUE(guarded.ok());
  char* const guard = guarded.end();
  ForEachTarget([&] {
    std::mt19937_64 random(29);
    for (size_t len = 0; len <= kMaxGuarded; len += len < 300    ? 1
                                                    : len < 4200 ? 61
                                                                 : 997) {
      const std::string text = KeyText(len, 1 + len % 7, &random);
      char* const at = guard - len;
      std::copy(text.begin(), text.end(), at);
      CheckKeySplit(std::string_view(at, len), len + 1);
    }
  });
}

// SplitKeyLines gives line i the words between the i-th and (i+1)-th LF
// (and a last line without a terminator the rest), and keeps the split
// only when the LFs are as many as the terminators.
TEST(SplitKeyLines, GivesEachLineTheWordsUpToItsLf) {
  ForEachTarget([&] {
    std::mt19937_64 random(19);
    safi::dedup::DocumentAnalysis a;
    for (int round = 0; round < 600; ++round) {
      const size_t len = round < 400 ? random() % 200 : random() % 9000;
      std::string keys = KeyText(len, 1 + random() % 6, &random);
      const size_t lfs =
          static_cast<size_t>(std::count(keys.begin(), keys.end(), '\n'));
      const bool open_last = keys.empty() || keys.back() != '\n';
      const size_t terminators =
          round % 7 == 0 ? lfs + 1
                         : (round % 11 == 0 && lfs > 0 ? lfs - 1 : lfs);
      a.keys.clear();
      a.keys.append(keys.data(), keys.data() + keys.size());
      // As SplitRawLines leaves them: a line per terminator, and one more
      // for text after the last.
      a.lines.assign(terminators + (open_last ? 1 : 0),
                     safi::dedup::LineInfo());
      const bool kept = safi::dedup::SplitKeyLines(terminators, &a);
      ASSERT_EQ(kept, terminators == lfs) << "round " << round;
      if (!kept) continue;
      size_t line = 0;
      size_t line_start = 0;
      for (size_t i = 0; i <= keys.size(); ++i) {
        if (i < keys.size() && keys[i] != '\n') continue;
        if (i == keys.size() && !open_last) break;
        const KeySplit expected =
            NaiveKeySplit(keys.substr(line_start, i - line_start));
        ASSERT_LT(line, a.lines.size()) << "round " << round;
        ASSERT_EQ(a.lines[line].words, expected.words.size())
            << "round " << round << " line " << line;
        for (size_t w = 0; w < expected.words.size(); ++w) {
          const WordSpan got = a.words[a.lines[line].first_word + w];
          ASSERT_EQ(got.offset, line_start + expected.words[w].offset)
              << "round " << round << " line " << line;
          ASSERT_EQ(got.size, expected.words[w].size)
              << "round " << round << " line " << line;
        }
        ++line;
        line_start = i + 1;
      }
      ASSERT_EQ(line, a.lines.size()) << "round " << round;
      EXPECT_EQ(a.words.size(), NaiveKeySplit(keys).words.size())
          << "round " << round;
    }
  });
}

// A record ordered by hash, then tag; payload rides along.
struct Record {
  uint64_t hash;
  uint32_t tag;
  uint32_t payload;
  bool operator==(const Record& o) const {
    return hash == o.hash && tag == o.tag && payload == o.payload;
  }
};

bool RecordLess(const Record& a, const Record& b) {
  return a.hash != b.hash ? a.hash < b.hash : a.tag < b.tag;
}

// Kinds of HashSortInput.
constexpr int kHashSortKinds = 6;

// n random records whose hashes are: kind 0 uniform, 1 of five values (deep
// buckets of equal hashes), 2 sharing their top 12 bits (one bucket at the
// top), 3 differing in the lowest bits only, 4 one value with one tag (all
// records equivalent), 5 one value with tags falling then rising (groups of
// equal hashes in a pattern, not at random). Tags (the tie breaker) take
// seven values in kinds 0-3; payloads number the records.
std::vector<Record> HashSortInput(size_t n, int kind, std::mt19937_64* random) {
  std::vector<Record> records(n);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = (*random)();
    uint64_t hash = r;
    uint32_t tag = static_cast<uint32_t>((*random)() % 7);
    if (kind == 1) hash = (r % 5) * 0x9e3779b97f4a7c15ULL;
    if (kind == 2) hash = (uint64_t{0xABC} << 52) | (r >> 12);
    if (kind == 3) hash = r % 64;
    if (kind >= 4) hash = 0x9e3779b97f4a7c15ULL;
    if (kind == 4) tag = 3;
    if (kind == 5) tag = static_cast<uint32_t>(i < n / 2 ? n / 2 - i : i);
    records[i] = {hash, tag, static_cast<uint32_t>(i)};
  }
  return records;
}

// Sizes around the insertion cut-off (16), and the scratch (2^14) of the
// counting pass, the bucket counts.
constexpr size_t kHashSortSizes[] = {0,    1,    15,    16,    17,    31,    33,
                                     1000, 5000, 16384, 16385, 70000, 300000};

TEST(HashSort, SortsLikeStdSortWhateverTheHashes) {
  std::mt19937_64 random(12);
  for (const size_t n : kHashSortSizes) {
    for (int kind = 0; kind < kHashSortKinds; ++kind) {
      std::vector<Record> records = HashSortInput(n, kind, &random);
      std::vector<Record> expected = records;
      std::sort(expected.begin(), expected.end(), RecordLess);
      HashSort(
          records.data(), records.size(),
          [](const Record& r) { return r.hash; }, RecordLess);
      // Ties (equal hash and tag) may come in any order: compare the keys
      // exactly and the records as multisets.
      ASSERT_TRUE(std::is_sorted(records.begin(), records.end(), RecordLess))
          << "n=" << n << " kind=" << kind;
      const auto payload_less = [](const Record& a, const Record& b) {
        return a.payload < b.payload;
      };
      std::sort(records.begin(), records.end(), payload_less);
      std::sort(expected.begin(), expected.end(), payload_less);
      EXPECT_TRUE(records == expected) << "n=" << n << " kind=" << kind;
    }
  }
}

// SameBytes, the lexicon's inline key compare, equals memcmp == 0 at every
// size it takes (its 1-3, 4-7 and 8+ byte paths and their overlapping
// loads): equal buffers, and a difference in any one byte, at offsets that
// make the loads unaligned.
TEST(SameBytes, EqualsMemcmpAtEverySizeAndPosition) {
  std::mt19937_64 random(17);
  std::vector<char> a(64 + 3), b(64 + 3);
  for (size_t n = 0; n <= 64; ++n) {
    for (size_t shift = 0; shift < 3; ++shift) {
      for (size_t i = 0; i < n; ++i) {
        a[shift + i] = b[i] = static_cast<char>(random());
      }
      ASSERT_TRUE(SameBytes(a.data() + shift, b.data(), n)) << n;
      for (size_t at = 0; at < n; ++at) {
        const char saved = b[at];
        b[at] = static_cast<char>(saved ^ (1 << (at % 8)));
        ASSERT_FALSE(SameBytes(a.data() + shift, b.data(), n))
            << "n=" << n << " at=" << at;
        b[at] = saved;
      }
    }
  }
}

// A record ordered by hash, then tie (a second hash), then tag; payload
// rides along. 28 bytes of fields and 4 of padding, like a LineEntry.
struct TieRecord {
  uint64_t hash;
  uint64_t tie;
  uint64_t payload;
  uint32_t tag;
};

bool TieRecordLess(const TieRecord& a, const TieRecord& b) {
  if (a.hash != b.hash) return a.hash < b.hash;
  if (a.tie != b.tie) return a.tie < b.tie;
  return a.tag < b.tag;
}

// n random records whose hashes and ties are: kind 0 both uniform, 1 five
// hashes and seven ties, 2 one hash and uniform ties, 3 one hash and three
// ties (a line on the pages of three sites), 4 one hash and one tie (all
// records equivalent but for the tags), 5 hashes sharing their top 12 bits
// with a few strangers among many records of one hash, and ties of five
// values. Tags take three values; payloads number the records.
std::vector<TieRecord> TieSortInput(size_t n, int kind,
                                    std::mt19937_64* random) {
  std::vector<TieRecord> records(n);
  const uint64_t one = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = (*random)();
    const uint64_t t = (*random)();
    uint64_t hash = r;
    uint64_t tie = t;
    if (kind == 1) hash = (r % 5) * one;
    if (kind == 1) tie = (t % 7) * one;
    if (kind >= 2 && kind <= 4) hash = one;
    if (kind == 3) tie = (t % 3) * one;
    if (kind == 4) tie = one;
    if (kind == 5) {
      hash = r % 16 == 0 ? (uint64_t{0xABC} << 52) | (r >> 12)
                         : (uint64_t{0xABC} << 52) | 12345;
      tie = (t % 5) * one;
    }
    records[i] = {hash, tie, i, static_cast<uint32_t>(r % 3)};
  }
  return records;
}

TEST(HashSort, WithTieSortsLikeStdSortWhateverTheHashesAndTies) {
  std::mt19937_64 random(14);
  for (const size_t n : kHashSortSizes) {
    for (int kind = 0; kind < 6; ++kind) {
      std::vector<TieRecord> records = TieSortInput(n, kind, &random);
      std::vector<TieRecord> expected = records;
      std::sort(expected.begin(), expected.end(), TieRecordLess);
      HashSort(
          records.data(), records.size(),
          [](const TieRecord& r) { return r.hash; },
          [](const TieRecord& r) { return r.tie; }, TieRecordLess);
      // Equivalent records may come in any order: compare the keys exactly
      // and the records as multisets.
      ASSERT_TRUE(std::is_sorted(records.begin(), records.end(), TieRecordLess))
          << "n=" << n << " kind=" << kind;
      const auto by_payload = [](const TieRecord& a, const TieRecord& b) {
        return a.payload < b.payload;
      };
      std::sort(records.begin(), records.end(), by_payload);
      std::sort(expected.begin(), expected.end(), by_payload);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(records[i].hash == expected[i].hash &&
                    records[i].tie == expected[i].tie &&
                    records[i].payload == expected[i].payload &&
                    records[i].tag == expected[i].tag)
            << "n=" << n << " kind=" << kind << " record " << i;
      }
    }
  }
}

// XXH3_len_9to16_64b written out from its definition (a 128-bit product by
// the compiler, XXH3's avalanche by hand): the hash of a 9-16-byte input
// whose first 8 bytes are first, whose last 8 are last, and whose length
// is size.
uint64_t Len9To16ByDefinition(uint64_t first, uint64_t last, uint64_t size,
                              uint64_t seed) {
  const auto secret = [](size_t at) {
    uint64_t v = 0;
    for (size_t b = 8; b-- > 0;) v = v << 8 | XXH3_kSecret[at + b];
    return v;
  };
  const uint64_t lo = first ^ ((secret(24) ^ secret(32)) + seed);
  const uint64_t hi = last ^ ((secret(40) ^ secret(48)) - seed);
  const unsigned __int128 product = static_cast<unsigned __int128>(lo) * hi;
  uint64_t acc =
      size + __builtin_bswap64(lo) + hi +
      (static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64));
  acc ^= acc >> 37;
  acc *= 0x165667919E3779F9ULL;
  return acc ^ (acc >> 32);
}

// The little-endian value of bytes[0, size), size <= 8.
uint64_t LittleEndian(const char* bytes, size_t size) {
  uint64_t v = 0;
  for (size_t b = size; b-- > 0;) {
    v = v << 8 | static_cast<unsigned char>(bytes[b]);
  }
  return v;
}

// The word hash by its definition (WordHash in dedup_kernels.h), apart
// from the kernels' code: XXH3-64 for 0 and for more than 8 bytes; for 1-8
// bytes, XXH3's 9-16-byte function of the bytes zero-padded and 0.
uint64_t WordHashByDefinition(std::string_view word, uint64_t seed) {
  if (word.empty() || word.size() > 8) {
    return XXH3_64bits_withSeed(word.data(), word.size(), seed);
  }
  return Len9To16ByDefinition(LittleEndian(word.data(), word.size()), 0,
                              word.size(), seed);
}

// n random bytes followed by the padding that HashWords asks for (which
// size() includes).
std::string RandomKeys(std::mt19937_64* random, size_t n) {
  std::string keys;
  for (size_t i = 0; i < n; ++i) keys.push_back(static_cast<char>((*random)()));
  keys.append(safi::dedup::kWordHashPadding, '\0');
  return keys;
}

// Whether hashes[i] is the word hash by definition of words[i] of keys
// for every i in [0, n); else the first word that differs.
::testing::AssertionResult HashesFollowTheDefinition(const char* keys,
                                                     const WordSpan* words,
                                                     const uint64_t* hashes,
                                                     size_t n, uint64_t seed) {
  for (size_t i = 0; i < n; ++i) {
    const std::string_view word(keys + words[i].offset, words[i].size);
    if (hashes[i] != WordHashByDefinition(word, seed)) {
      return ::testing::AssertionFailure()
             << "word " << i << " of " << n << " (offset " << words[i].offset
             << ", size " << words[i].size << ", seed " << seed << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

// The definition's formula is XXH3's for 9-16 bytes, and the scalar word
// hash (the lexicon's, and the kernel's twin) follows the definition at
// every size, including 0 and past 16.
TEST(WordHash, EqualsItsDefinition) {
  std::mt19937_64 random(29);
  for (const uint64_t seed :
       {uint64_t{0}, uint64_t{0x7361666964656475}, ~uint64_t{0}, random()}) {
    for (int round = 0; round < 64; ++round) {
      std::string bytes(40, '\0');
      for (char& c : bytes) c = static_cast<char>(random());
      for (size_t size = 0; size <= bytes.size(); ++size) {
        const std::string_view word(bytes.data(), size);
        if (size >= 9 && size <= 16) {
          ASSERT_EQ(Len9To16ByDefinition(
                        LittleEndian(word.data(), 8),
                        LittleEndian(word.data() + size - 8, 8), size, seed),
                    XXH3_64bits_withSeed(word.data(), size, seed))
              << "seed=" << seed << " size=" << size;
        }
        ASSERT_EQ(safi::dedup::WordHash(word, seed),
                  WordHashByDefinition(word, seed))
            << "seed=" << seed << " size=" << size;
      }
    }
  }
  // The zero padding is part of the input: a word and the same word with
  // NUL bytes after it hash apart.
  EXPECT_NE(safi::dedup::WordHash(std::string_view("ab", 2), 0),
            safi::dedup::WordHash(std::string_view("ab\0", 3), 0));
}

TEST(HashWords, EqualsTheWordHashOfEachWord) {
  ForEachTarget([&] {
    std::mt19937_64 random(13);
    const size_t key_bytes = 4096;
    const std::string keys = RandomKeys(&random, key_bytes);
    // Every length from 0 to 40 bytes at shifting offsets, in runs whose
    // lengths are not multiples of the vector width.
    std::vector<WordSpan> words;
    for (uint32_t round = 0; round < 8; ++round) {
      for (uint32_t size = 0; size <= 40; ++size) {
        const uint32_t offset =
            static_cast<uint32_t>(random() % (key_bytes - size));
        words.push_back({offset, size});
      }
    }
    // Words ending at the buffer's very end (the padding is all that
    // follows them), of every size the vector formulas take and around.
    for (uint32_t size = 0; size <= 17; ++size) {
      words.push_back({static_cast<uint32_t>(key_bytes - size), size});
    }
    for (const uint64_t seed :
         {uint64_t{0}, uint64_t{0x7361666964656475}, ~uint64_t{0}}) {
      std::vector<size_t> counts;
      for (size_t n = 0; n < 20; ++n) counts.push_back(n);
      for (size_t n = 20; n < words.size(); n += 37) counts.push_back(n);
      counts.push_back(words.size());
      for (const size_t n : counts) {
        std::vector<uint64_t> hashes(n + 1, 0xDEADBEEF);
        HashWords(keys.data(), words.data(), n, seed, hashes.data());
        ASSERT_TRUE(HashesFollowTheDefinition(keys.data(), words.data(),
                                              hashes.data(), n, seed));
        EXPECT_EQ(hashes[n], 0xDEADBEEF) << "wrote past n=" << n;
        EXPECT_EQ(words.back().offset + words.back().size, key_bytes);
      }
    }
  });
}

// HashWords on words close together but out of order: in each run of 8
// (a vector's lanes on AVX-512), the last starts a little after the first
// and the others anywhere within 64 bytes around them, before the first
// too, which the lanes that pick bytes from a window at the first word
// must not take as inside it.
TEST(HashWords, SpansInAnyOrder) {
  ForEachTarget([&] {
    std::mt19937_64 random(43);
    const size_t key_bytes = 4096;
    const std::string keys = RandomKeys(&random, key_bytes);
    std::vector<WordSpan> words;
    for (uint32_t base = 128; base + 256 < key_bytes; base += 97) {
      for (int lane = 0; lane < 8; ++lane) {
        const uint32_t offset =
            lane == 0   ? base
            : lane == 7 ? base + static_cast<uint32_t>(random() % 16)
                        : base - 64 + static_cast<uint32_t>(random() % 128);
        words.push_back({offset, 1 + static_cast<uint32_t>(random() % 16)});
      }
    }
    const uint64_t seed = random();
    std::vector<uint64_t> hashes(words.size());
    HashWords(keys.data(), words.data(), words.size(), seed, hashes.data());
    EXPECT_TRUE(HashesFollowTheDefinition(keys.data(), words.data(),
                                          hashes.data(), words.size(), seed));
  });
}

// HashWords on runs of words that all go apart from the vector lanes (0
// bytes, more than 16), longer than the kernel's chunk of words, whose
// indices it lists in full, then of words that none do.
TEST(HashWords, RunsOfWordsOutsideTheLanes) {
  ForEachTarget([&] {
    std::mt19937_64 random(17);
    const size_t key_bytes = 8192;
    const std::string keys = RandomKeys(&random, key_bytes);
    std::vector<WordSpan> words;
    for (const uint32_t size : {2u, 20u, 0u, 3u, 24u, 12u}) {
      for (int w = 0; w < 700; ++w) {
        words.push_back(
            {static_cast<uint32_t>(random() % (key_bytes - size)), size});
      }
    }
    const uint64_t seed = random();
    std::vector<uint64_t> hashes(words.size());
    HashWords(keys.data(), words.data(), words.size(), seed, hashes.data());
    EXPECT_TRUE(HashesFollowTheDefinition(keys.data(), words.data(),
                                          hashes.data(), words.size(), seed));
  });
}

// HashWords on words laid out as in a key buffer (increasing offsets, one
// or a few separators apart, sizes 0-24 with runs of long words), whose
// buffer ends where an inaccessible page begins, exactly as far as the
// contract asks (8 bytes past the last word's start, or its end): the
// vector lanes that pick the bytes of nearby words from one 128-byte window
// must fall back to other loads near the end, and must agree with the
// definition.
TEST(HashWords, DenseWordsUpToAnInaccessiblePage) {
  const BytesBeforeAGuardPage guarded(16384);
  ASSERT_TRUE(guarded.ok());
  char* const mapped = guarded.begin();
  const size_t bytes = guarded.size();
  std::mt19937_64 random(41);
  ForEachTarget([&] {
    for (int round = 0; round < 200; ++round) {
      // Sizes and gaps first, then the words placed so that the readable
      // end of the last one is the page's end.
      const size_t count = 1 + random() % 300;
      const bool long_words = round % 4 == 3;
      std::vector<uint32_t> sizes(count), gaps(count);
      size_t span = 0;
      for (size_t w = 0; w < count; ++w) {
        sizes[w] = static_cast<uint32_t>(random() % (long_words ? 25 : 17));
        gaps[w] = w == 0 ? 0 : static_cast<uint32_t>(1 + random() % 3);
        span += gaps[w] + (w + 1 < count ? sizes[w] : 0);
      }
      const size_t readable_past_start = std::max<size_t>(8, sizes.back());
      ASSERT_LE(span + readable_past_start, bytes);
      const size_t origin = bytes - readable_past_start - span;
      std::vector<WordSpan> words;
      size_t at = 0;
      for (size_t w = 0; w < count; ++w) {
        at += gaps[w];
        words.push_back({static_cast<uint32_t>(at), sizes[w]});
        at += sizes[w];
      }
      for (size_t i = 0; i < bytes - origin; ++i) {
        mapped[origin + i] = static_cast<char>(random());
      }
      const char* const keys = mapped + origin;
      ASSERT_EQ(origin + words.back().offset + readable_past_start, bytes);
      std::vector<uint64_t> hashes(count);
      const uint64_t seed = random();
      HashWords(keys, words.data(), count, seed, hashes.data());
      ASSERT_TRUE(HashesFollowTheDefinition(keys, words.data(), hashes.data(),
                                            count, seed))
          << "round " << round;
    }
  });
}

// The bins of MinHash by definition, shingle by shingle without rolling:
// bins[b] lowered to the low half of each hash Mix64(salt ^ rotl(w[s], 0) ^
// rotl(w[s + 1], 13) ^ ...) of the shingles s in [0, shingles) whose high
// half picks b of k.
void AddDefinitionMinima(const uint64_t* words, size_t shingles, size_t width,
                         uint64_t salt, uint32_t k, uint64_t* bins) {
  for (size_t s = 0; s < shingles; ++s) {
    uint64_t term = 0;
    for (size_t j = 0; j < width; ++j) {
      term ^= RotateLeft(words[s + j], static_cast<unsigned>(13 * j % 64));
    }
    const uint64_t h = Mix64(salt ^ term);
    uint64_t& bin = bins[((h >> 32) * k) >> 32];
    bin = std::min<uint64_t>(bin, static_cast<uint32_t>(h));
  }
}

TEST(MinHash, FilledBinsHoldTheMinimumOfTheirShingleHashes) {
  ForEachTarget([&] {
    std::mt19937_64 random(14);
    // Widths whose rotations (13 * j % 64) wrap around, up to the largest.
    for (const uint32_t width : {1u, 2u, 5u, 9u, 13u, 64u}) {
      safi::DedupParams params;
      params.shingle_words = width;
      const MinHasher minhasher(params);
      const uint32_t k = minhasher.size();
      // The salt of minhash.cc (kShingleSalt), as documented there.
      const uint64_t salt = params.hash_seed ^ 0x9e3779b97f4a7c15ULL;
      for (const size_t n : {1, 7, 12, 13, 16, 17, 18, 19, 20, 21, 100, 3000}) {
        std::vector<uint64_t> words(n);
        for (uint64_t& w : words) w = random();
        std::vector<uint32_t> sig(k);
        safi::dedup::MinHashScratch scratch;
        minhasher.Signature(words.data(), n, sig.data(), &scratch);
        const size_t w = std::min<size_t>(width, n);
        std::vector<uint64_t> bins(k, uint64_t{1} << 32);
        AddDefinitionMinima(words.data(), n - w + 1, w, salt, k, bins.data());
        size_t filled = 0;
        for (uint32_t i = 0; i < k; ++i) {
          if (bins[i] == uint64_t{1} << 32) continue;  // densified
          ++filled;
          ASSERT_EQ(sig[i], bins[i])
              << "width=" << width << " n=" << n << " bin " << i;
        }
        if (n == 3000) {
          EXPECT_EQ(filled, k);
        }
      }
    }
  });
}

// An empty bin i holds the value of the first filled bin j =
// FastRange(Mix64(seed ^ kProbeSalt ^ (i << 32) ^ attempt), k) over
// attempts 0, 1, ... (as documented in minhash.cc): on documents of 1 to
// 300 shingles, from almost all bins empty (probe sequences far past the
// first few attempts) to almost all filled, under two seeds.
TEST(MinHash, EmptyBinsCopyTheFirstFilledBinOfTheirProbeSequence) {
  ForEachTarget([&] {
    std::mt19937_64 random(16);
    for (const uint64_t seed : {uint64_t{0}, uint64_t{0x5EED5EED5EED}}) {
      safi::DedupParams params;
      params.hash_seed = seed;
      const MinHasher minhasher(params);
      const uint32_t k = minhasher.size();
      const size_t width = params.shingle_words;
      const uint64_t salt = seed ^ 0x9e3779b97f4a7c15ULL;
      size_t probed = 0;
      for (const size_t shingles : {1, 2, 3, 10, 50, 100, 300}) {
        const size_t n = shingles + width - 1;
        std::vector<uint64_t> words(n);
        for (uint64_t& w : words) w = random();
        std::vector<uint32_t> sig(k);
        safi::dedup::MinHashScratch scratch;
        minhasher.Signature(words.data(), n, sig.data(), &scratch);
        std::vector<uint64_t> bins(k, uint64_t{1} << 32);
        AddDefinitionMinima(words.data(), shingles, width, salt, k,
                            bins.data());
        for (uint32_t i = 0; i < k; ++i) {
          uint64_t attempt = 0;
          uint32_t j = i;
          while (bins[j] == uint64_t{1} << 32) {
            j = safi::dedup::FastRange(
                Mix64(seed ^ 0xd6e8feb86659fd93ULL ^
                      (static_cast<uint64_t>(i) << 32) ^ attempt),
                k);
            ++attempt;
          }
          probed = std::max<size_t>(probed, attempt);
          ASSERT_EQ(sig[i], bins[j])
              << "seed=" << seed << " shingles=" << shingles << " bin " << i;
        }
      }
      EXPECT_GT(probed, 64u);
    }
  });
}

// The kernel alone, on words that end where an inaccessible page begins:
// for every width up to 8 (5 has its own compiled loop) and a few wider
// ones, and shingle counts around the vector widths and the kernel's
// 128-shingle chunks, the bins of the prefix it reports match the
// definition shingle by shingle, bins of the shingles it leaves are
// untouched, and no lane reads past the last shingle's words.
TEST(MinHash, ShingleMinimaKernelMatchesTheDefinition) {
  const BytesBeforeAGuardPage guarded(16384);
  ASSERT_TRUE(guarded.ok());
  char* const mapped = guarded.begin();
  const size_t bytes = guarded.size();
  uint64_t* const end = reinterpret_cast<uint64_t*>(mapped + bytes);
  std::mt19937_64 random(15);
  ForEachTarget([&] {
    for (const size_t width : {1, 2, 3, 4, 5, 6, 7, 8, 13, 64}) {
      for (const size_t shingles :
           {0,  1,  2,  3,   4,   5,   6,   7,   8,   9,   15,  16, 17,
            23, 24, 25, 127, 128, 129, 135, 136, 255, 256, 257, 300}) {
        const size_t n = shingles + width - 1;
        ASSERT_LE(n * sizeof(uint64_t), bytes);
        uint64_t* const words = end - n;
        for (size_t i = 0; i < n; ++i) words[i] = random();
        const uint32_t k = 1 + static_cast<uint32_t>(random() % 200);
        const uint64_t salt = random();
        // Bins start filled with large values or empty, as in Signature.
        std::vector<uint64_t> bins(k);
        for (uint64_t& bin : bins) {
          bin = random() % 2 == 0 ? uint64_t{1} << 32
                                  : 0xFFFFFF00u + random() % 256;
        }
        std::vector<uint64_t> expected = bins;
        const size_t done = safi::detail::AddShingleMinima(
            words, shingles, width, salt, k, bins.data());
        ASSERT_LE(done, shingles);
        AddDefinitionMinima(words, done, width, salt, k, expected.data());
        ASSERT_EQ(bins, expected)
            << "width=" << width << " shingles=" << shingles << " k=" << k
            << " done=" << done;
      }
    }
  });
}

// The kernel that takes the minima out, against its definition: for
// every k up to 140 (whole vectors and partial ones, one and several
// words of empty bits) and bins filled, empty or mixed, the values are the
// low halves, the empty bits mark exactly the empty bins (whatever the
// words held before), and every bin is empty again.
TEST(MinHash, TakeMinimaKernelMatchesTheDefinition) {
  constexpr uint64_t kEmpty = safi::detail::kEmptyBin;
  std::mt19937_64 random(17);
  ForEachTarget([&] {
    for (size_t k = 1; k <= 140; ++k) {
      for (const int share_empty : {0, 1, 2, 4}) {
        std::vector<uint64_t> bins(k);
        for (uint64_t& bin : bins) {
          const bool empty =
              share_empty != 0 && static_cast<int>(random() % 4) < share_empty;
          bin = empty ? kEmpty : static_cast<uint32_t>(random());
        }
        const std::vector<uint64_t> before = bins;
        std::vector<uint32_t> values(k);
        std::vector<uint64_t> empty((k + 63) / 64, ~uint64_t{0});
        safi::detail::TakeMinima(bins.data(), k, values.data(), empty.data());
        for (size_t i = 0; i < k; ++i) {
          ASSERT_EQ(values[i], static_cast<uint32_t>(before[i]))
              << "k=" << k << " bin " << i;
          ASSERT_EQ(empty[i / 64] >> (i % 64) & 1,
                    before[i] == kEmpty ? 1u : 0u)
              << "k=" << k << " bin " << i;
          ASSERT_EQ(bins[i], kEmpty) << "k=" << k << " bin " << i;
        }
        if (k % 64 != 0) {
          ASSERT_EQ(empty.back() >> (k % 64), 0u) << "k=" << k;
        }
      }
    }
  });
}

// A scratch reused from document to document, and between hashers of
// other signature lengths, gives the signatures of a fresh one: Signature
// leaves its bins empty for the next call.
TEST(MinHash, AReusedScratchGivesTheSignaturesOfAFreshOne) {
  std::mt19937_64 random(18);
  safi::DedupParams small;
  small.bands = 3;
  small.rows = 5;
  const MinHasher hashers[] = {MinHasher(safi::DedupParams()),
                               MinHasher(small)};
  ForEachTarget([&] {
    safi::dedup::MinHashScratch reused;
    for (int round = 0; round < 60; ++round) {
      const MinHasher& minhasher = hashers[round % 7 == 6 ? 1 : 0];
      const size_t n = 1 + random() % 400;
      std::vector<uint64_t> words(n);
      for (uint64_t& w : words) w = random();
      std::vector<uint32_t> got(minhasher.size()), want(minhasher.size());
      minhasher.Signature(words.data(), n, got.data(), &reused);
      safi::dedup::MinHashScratch fresh;
      minhasher.Signature(words.data(), n, want.data(), &fresh);
      ASSERT_EQ(got, want) << "round " << round << ", " << n << " words";
    }
  });
}

// Values survive every growth: within the malloc block, into the first
// mapping (at 2 MiB) and within it; a mapping is 2 MiB-aligned and its
// capacity whole huge pages;
// copies, moves and swaps keep the values whichever kind of memory holds
// them.
TEST(PodVector, KeepsTheValuesAcrossEveryGrowth) {
  constexpr size_t kHuge = size_t{2} << 20;
  const auto value = [](size_t i) { return i * 0x9E3779B97F4A7C15ULL; };
  PodVector<uint64_t> v;
  const size_t n = 3 * kHuge / sizeof(uint64_t) + 5;  // three mappings
  bool saw_mapping = false;
  for (size_t i = 0; i < n; ++i) {
    v.push_back(value(i));
    if (v.capacity() * sizeof(uint64_t) >= kHuge) {
      saw_mapping = true;
      ASSERT_EQ(reinterpret_cast<uintptr_t>(v.data()) % kHuge, 0u) << i;
      ASSERT_EQ(v.capacity() * sizeof(uint64_t) % kHuge, 0u) << i;
    }
  }
  EXPECT_TRUE(saw_mapping);
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(v[i], value(i)) << i;

  PodVector<uint64_t> small;
  small.append(v.begin(), v.begin() + 3);
  PodVector<uint64_t> copy(v);
  ASSERT_EQ(copy.size(), n);
  EXPECT_TRUE(std::equal(copy.begin(), copy.end(), v.begin()));
  copy.swap(small);
  ASSERT_EQ(copy.size(), 3u);
  ASSERT_EQ(small.size(), n);
  EXPECT_EQ(small[n - 1], value(n - 1));
  EXPECT_EQ(copy[2], value(2));
  PodVector<uint64_t> moved(std::move(small));
  ASSERT_EQ(moved.size(), n);
  EXPECT_EQ(moved[n - 1], value(n - 1));
  moved = copy;  // a mapping replaced by a malloc block's values
  ASSERT_EQ(moved.size(), 3u);
  EXPECT_EQ(moved[1], value(1));

  // What a reserve takes: exact below a huge page, whole huge pages from
  // there; CapacityWithin is the largest capacity within a budget.
  EXPECT_EQ(PodVector<uint64_t>::AllocatedCapacity(1000), 1000u);
  EXPECT_EQ(PodVector<uint64_t>::AllocatedCapacity(kHuge / 8 + 1), kHuge / 4);
  EXPECT_EQ(PodVector<uint64_t>::CapacityWithin(kHuge / 4 - 1), kHuge / 8);
  EXPECT_EQ(PodVector<uint64_t>::CapacityWithin(kHuge / 8 - 1), kHuge / 8 - 1);
  for (const size_t budget :
       {size_t{100}, kHuge / 8, kHuge / 8 + 7, 3 * kHuge / 8 + 1}) {
    PodVector<uint64_t> within;
    within.reserve(PodVector<uint64_t>::CapacityWithin(budget));
    EXPECT_LE(within.capacity(), budget) << budget;
    EXPECT_GE(within.capacity(), budget / 2) << budget;
  }

  // resize value-initializes new elements, also past a growth.
  PodVector<uint64_t> zeroed;
  zeroed.push_back(7);
  zeroed.resize(kHuge / sizeof(uint64_t) + 1);
  EXPECT_EQ(zeroed[0], 7u);
  EXPECT_EQ(zeroed[zeroed.size() - 1], 0u);
  EXPECT_EQ(std::count(zeroed.begin(), zeroed.end(), uint64_t{0}),
            static_cast<std::ptrdiff_t>(zeroed.size() - 1));

  // resize_uninitialized keeps the values before the new size, across a
  // growth into a mapping and back down.
  PodVector<uint64_t> grown;
  for (size_t i = 0; i < 100; ++i) grown.push_back(value(i));
  grown.resize_uninitialized(kHuge / sizeof(uint64_t) + 1);
  ASSERT_EQ(grown.size(), kHuge / sizeof(uint64_t) + 1);
  ASSERT_GE(grown.capacity(), grown.size());
  grown.resize_uninitialized(50);
  ASSERT_EQ(grown.size(), 50u);
  for (size_t i = 0; i < 50; ++i) ASSERT_EQ(grown[i], value(i)) << i;
}

// A mapping grows in place within its reservation (64 times what it first
// made accessible, when the address space is unlimited), and past the
// reservation the values move into a new mapping; both keep them.
TEST(PodVector, GrowsInPlaceThenMovesPastTheReservation) {
  constexpr size_t kHuge = size_t{2} << 20;
  constexpr size_t kPerHuge = kHuge / sizeof(uint64_t);
  const auto value = [](size_t i) { return i * 0x9E3779B97F4A7C15ULL; };
  PodVector<uint64_t> v;
  v.reserve(kPerHuge);
  for (size_t i = 0; i < kPerHuge; ++i) v.push_back(value(i));
  const uint64_t* const first = v.data();
  v.reserve(16 * kPerHuge);  // within the 128 MiB reserved
  ASSERT_EQ(v.capacity(), 16 * kPerHuge);
  rlimit limit;
  ASSERT_EQ(getrlimit(RLIMIT_AS, &limit), 0);
  if (limit.rlim_cur == RLIM_INFINITY) {
    EXPECT_EQ(v.data(), first);
  }
  for (size_t i = kPerHuge; i < 16 * kPerHuge; ++i) v.push_back(value(i));
  v.reserve(64 * kPerHuge + 1);  // past the reservation: 130 MiB
  ASSERT_EQ(v.capacity(), 65 * kPerHuge);
  ASSERT_EQ(reinterpret_cast<uintptr_t>(v.data()) % kHuge, 0u);
  ASSERT_EQ(v.size(), 16 * kPerHuge);
  for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], value(i)) << i;
  v.push_back(7);
  EXPECT_EQ(v.back(), 7u);
}

// WeightedSum equals the sum of the products modulo 2^64 at every length
// from 0 to 200, on inputs that end where an inaccessible page begins (a
// lane read past n faults), and SequenceHash::Of, which calls it for blocks
// of 8 items and more, equals the digest of the items added one by one.
TEST(WeightedSum, EqualsTheSumOfProducts) {
  constexpr size_t kMax = 200;
  const BytesBeforeAGuardPage guarded(2 * kMax * sizeof(uint64_t));
  ASSERT_TRUE(guarded.ok());
  char* const mapped = guarded.begin();
  const size_t bytes = guarded.size();
  // Weights at the end of the accessible bytes, items before them; the
  // sums are taken both ways round, so that each array is read at the end.
  uint64_t* const weights = reinterpret_cast<uint64_t*>(mapped + bytes) - kMax;
  uint64_t* const items = weights - kMax;
  std::mt19937_64 random(31);
  ForEachTarget([&] {
    for (size_t n = 0; n <= kMax; ++n) {
      // Both arrays end at the page's end: the last n values of each span.
      uint64_t* const x = items + (kMax - n);
      uint64_t* const w = weights + (kMax - n);
      uint64_t expected = 0;
      for (size_t i = 0; i < n; ++i) {
        x[i] = random();
        w[i] = random() | 1;
        expected += x[i] * w[i];
      }
      ASSERT_EQ(safi::detail::WeightedSum(x, w, n), expected) << n;
      ASSERT_EQ(safi::detail::WeightedSum(w, x, n), expected) << n;
      safi::dedup::SequenceHash added;
      for (size_t i = 0; i < n; ++i) added.Add(x[i]);
      ASSERT_EQ(safi::dedup::SequenceHash::Of(x, n), added.Digest()) << n;
    }
  });
}

// SequenceHash::Of equals the digest of the items added one by one at
// every count (before, at and after each 64-item fold), and the digest
// changes when one item changes, when two different items swap (also 64
// apart, where the positions' keys repeat) and when a zero item is
// appended; short sequences of small items collide only when equal.
TEST(SequenceHash, OfEqualsAddAndSeesOrderAndCount) {
  using safi::dedup::SequenceHash;
  std::mt19937_64 random(29);
  std::vector<uint64_t> items(300);
  for (uint64_t& item : items) item = random();
  SequenceHash added;
  std::set<uint64_t> digests;
  for (size_t count = 0; count <= items.size(); ++count) {
    ASSERT_EQ(SequenceHash::Of(items.data(), count), added.Digest())
        << count << " items";
    EXPECT_TRUE(digests.insert(added.Digest()).second) << count;
    if (count < items.size()) added.Add(items[count]);
  }
  std::vector<uint64_t> zeros(130, 0);
  for (size_t count = 0; count < zeros.size(); ++count) {
    EXPECT_NE(SequenceHash::Of(zeros.data(), count),
              SequenceHash::Of(zeros.data(), count + 1))
        << count;
  }
  const uint64_t whole = SequenceHash::Of(items.data(), items.size());
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint64_t> changed = items;
    const size_t i = random() % items.size();
    if (round % 2 == 0) {
      changed[i] ^= uint64_t{1} << (random() % 64);
    } else {
      const size_t j =
          round % 4 == 1 ? (i + 64) % items.size() : random() % items.size();
      if (changed[i] == changed[j]) continue;
      std::swap(changed[i], changed[j]);
    }
    EXPECT_NE(SequenceHash::Of(changed.data(), changed.size()), whole)
        << "round " << round;
  }
  // Items from a small alphabet (the structured case for sums of
  // products): equal sequences have equal digests, different ones not.
  std::map<uint64_t, std::vector<uint64_t>> sequence_of;
  for (int round = 0; round < 100000; ++round) {
    std::vector<uint64_t> sequence(1 + random() % 12);
    for (uint64_t& item : sequence) item = random() % 16;
    const auto [at, inserted] = sequence_of.emplace(
        SequenceHash::Of(sequence.data(), sequence.size()), sequence);
    EXPECT_TRUE(inserted || at->second == sequence) << "round " << round;
  }
}

// The line "اضف تعليقك" (a comment-form phrase of the built-in lexicon)
// matched by lexicon with word hashes seeded by seed.
bool MatchesCommentForm(const safi::dedup::Lexicon& lexicon, uint64_t seed) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  std::string key;
  normalizer.Normalize("اضف تعليقك", &key);
  PodVector<WordSpan> words;
  safi::dedup::SplitWords(key, 0, &words);
  std::vector<uint64_t> hashes;
  for (const WordSpan& w : words) {
    hashes.push_back(WordHashByDefinition(key.substr(w.offset, w.size), seed));
  }
  return lexicon
             .Match(key, words.data(), hashes.data(), hashes.size(),
                    safi::dedup::SequenceHash::Of(hashes.data(), hashes.size()))
             .entry != nullptr;
}

TEST(SharedLexicon, IsBuiltOncePerSeedWithThatSeed) {
  using safi::dedup::SharedLexicon;
  constexpr uint64_t kSeed = 12345;
  const std::shared_ptr<const safi::dedup::Lexicon> lexicon =
      SharedLexicon(kSeed);
  EXPECT_TRUE(MatchesCommentForm(*lexicon, kSeed));
  EXPECT_FALSE(MatchesCommentForm(*lexicon, kSeed + 1));
  // Callers on several threads get the one lexicon.
  std::vector<std::shared_ptr<const safi::dedup::Lexicon>> seen(4);
  std::vector<std::thread> threads;
  for (auto& s : seen) {
    threads.emplace_back([&s] { s = SharedLexicon(kSeed); });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& s : seen) EXPECT_EQ(s.get(), lexicon.get());
  // Another seed has its own; kSharedLexicons other seeds later, kSeed's
  // lexicon is built anew (the first one lives on while it is held).
  const auto other = SharedLexicon(kSeed + 1);
  EXPECT_NE(other.get(), lexicon.get());
  EXPECT_TRUE(MatchesCommentForm(*other, kSeed + 1));
  for (uint64_t s = 1; s < safi::dedup::kSharedLexicons; ++s) {
    SharedLexicon(kSeed + 1 + s);
  }
  EXPECT_NE(SharedLexicon(kSeed).get(), lexicon.get());
  EXPECT_TRUE(MatchesCommentForm(*lexicon, kSeed));
}

// HashSet64 against std::set: inserts with repeats, the hash 0, hashes
// that share their low bits (long probe runs), growth from empty and from
// a Reset size, Contains of absent hashes, and ForEach.
TEST(HashSet64, EqualsAnOrderedSet) {
  std::mt19937_64 random(3);
  safi::dedup::HashSet64 set;
  for (int round = 0; round < 40; ++round) {
    std::set<uint64_t> expected;
    set.Reset(round % 2 == 0 ? 0 : random() % 100);
    const size_t count = random() % (round < 20 ? 50 : 5000);
    for (size_t i = 0; i < count; ++i) {
      uint64_t hash = random();
      if (i % 7 == 0) hash = 0;
      if (i % 5 == 0) hash <<= 40;  // the same low bits
      if (i % 3 == 0 && !expected.empty()) hash = *expected.begin();
      ASSERT_EQ(set.Insert(hash), expected.insert(hash).second);
      ASSERT_TRUE(set.Contains(hash));
      ASSERT_EQ(set.Contains(hash + 1), expected.count(hash + 1) != 0);
    }
    ASSERT_EQ(set.size(), expected.size());
    std::set<uint64_t> visited;
    set.ForEach([&visited](uint64_t hash) {
      EXPECT_TRUE(visited.insert(hash).second);
    });
    EXPECT_EQ(visited, expected) << "round " << round;
  }
  set.Release();
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.Contains(0));
  EXPECT_FALSE(set.Contains(1));
}

// The lead prefixes of a line, from LeadPrefixes (all checkpoints in one
// pass) and LeadPrefixHash (one count), are the SequenceHash of the
// word hashes of its first c words, for each checkpoint c up to its word
// count, whether the key has single spaces or not, up to the 64-word
// checkpoint where the hash folds its first block.
TEST(AnalyzeDocument, LeadPrefixesHashTheFirstWords) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  const safi::DedupParams params;
  const safi::dedup::Lexicon lexicon(normalizer, params.hash_seed);
  const std::vector<std::string> words = {"كتب", "الأخبار", "news",
                                          "x",   "١٢٣",     "المملكة_العربية"};
  const std::vector<std::string> spaces = {" ", " ", " ", "  ", "\t"};
  std::mt19937_64 random(11);
  safi::dedup::DocumentAnalysis a;
  size_t long_prefixes = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const size_t count = 1 + random() % 90;
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) text += spaces[random() % (round % 2 == 0 ? 3 : 5)];
      text += words[random() % words.size()];
    }
    safi::dedup::AnalyzeDocument(text, normalizer, lexicon, params, nullptr,
                                 &a);
    ASSERT_EQ(a.lines.size(), 1u);
    const safi::dedup::LineInfo& line = a.lines[0];
    std::vector<uint64_t> expected;
    safi::dedup::SequenceHash prefix;
    for (uint32_t w = 0; w < line.words; ++w) {
      prefix.Add(
          WordHashByDefinition(a.Word(line.first_word + w), params.hash_seed));
      const auto& checkpoints = safi::dedup::LeadCheckpoints();
      if (std::find(checkpoints.begin(), checkpoints.end(), w + 1) ==
          checkpoints.end()) {
        continue;
      }
      expected.push_back(prefix.Digest());
      EXPECT_EQ(safi::dedup::LeadPrefixHash(a, line, w + 1), expected.back())
          << "round " << round << ", " << w + 1 << " words";
      long_prefixes += w + 1 >= safi::dedup::SequenceHash::kBlock ? 1 : 0;
    }
    uint64_t prefixes[safi::dedup::kMaxLeadPrefixes];
    const uint32_t written = safi::dedup::LeadPrefixes(a, line, prefixes);
    EXPECT_EQ(std::vector<uint64_t>(prefixes, prefixes + written), expected)
        << "round " << round;
  }
  EXPECT_GT(long_prefixes, 30u);  // the sum folded into the chain
}

// LargestLeadCheckpoint is the largest lead checkpoint at or below a word
// count, 0 below the smallest, for counts around and past every checkpoint.
TEST(AnalyzeDocument, LargestLeadCheckpointIsTheLastAtOrBelow) {
  const std::vector<uint32_t>& checkpoints = safi::dedup::LeadCheckpoints();
  for (uint32_t words = 0; words <= 200; ++words) {
    uint32_t expected = 0;
    for (const uint32_t c : checkpoints) {
      if (c <= words) expected = c;
    }
    EXPECT_EQ(safi::dedup::LargestLeadCheckpoint(words), expected)
        << words << " words";
  }
  EXPECT_EQ(safi::dedup::LargestLeadCheckpoint(~uint32_t{0}),
            checkpoints.back());
}

// AnalyzeDocument's words and lines equal a split of each raw line on its
// own: its dedup-profile key, split on spaces and LFs, the words in order,
// and the line hash the SequenceHash of the words' word hashes.
// The texts mix words, runs of spaces, blank lines, LF, CR and CR LF at
// every position, ligatures that expand elevenfold, U+2028 (a line break
// inside a raw line) and tatweel (deleted, so that a CR and an LF around it
// make one line break): the last two send AnalyzeDocument to its
// line-by-line path.
TEST(AnalyzeDocument, WordsAndLinesEqualALineByLineSplit) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  const safi::DedupParams params;
  const safi::dedup::Lexicon lexicon(normalizer, params.hash_seed);
  const std::vector<std::string> pieces = {
      "كتب",  "الأخبار", "news", "  ", " ",    "\n",       "\r",
      "\r\n", "\n\n",    "...",  "،",  "ـ",    "\t",       "\xE2\x80\xA8",
      "Word", "x",       "١٢٣",  "؟",  " \n ", "\xC2\xA0", "\uFDFA"};
  ForEachTarget([&] {
    std::mt19937_64 random(5);
    safi::dedup::DocumentAnalysis a;
    std::string key;
    PodVector<WordSpan> expected;
    for (int round = 0; round < 400; ++round) {
      // Round 0: a CR, tatweel, LF (one line break once the tatweel is
      // gone) and a U+2028 (one more) give as many LFs as terminators, but
      // not in the places of the terminators.
      std::string text =
          round == 0 ? "\xD8\xA3\r\xD9\x80\n\xD8\xA8\xE2\x80\xA8\xD8\xAC\n"
                     : "";
      const size_t count = random() % (round < 200 ? 12 : 300);
      for (size_t i = 0; round > 0 && i < count; ++i) {
        text += pieces[random() % pieces.size()];
      }
      // Round 1: keys 11 times as long as the text (U+FDFA is 3 bytes, its
      // key 33), more than AnalyzeDocument's first guess of their size.
      for (int i = 0; round == 1 && i < 300; ++i) {
        text += i % 10 == 9 ? "\n" : "\uFDFA";
      }
      safi::dedup::AnalyzeDocument(text, normalizer, lexicon, params, nullptr,
                                   &a);
      for (const safi::dedup::LineInfo& line : a.lines) {
        ASSERT_TRUE(normalizer
                        .Normalize(std::string_view(text).substr(
                                       line.start, line.end - line.start),
                                   &key)
                        .ok());
        expected.clear();
        safi::dedup::SplitWords(key, 0, &expected);
        ASSERT_EQ(line.words, expected.size()) << "round " << round;
        safi::dedup::SequenceHash line_hash;
        for (size_t w = 0; w < expected.size(); ++w) {
          const std::string_view word = std::string_view(key).substr(
              expected[w].offset, expected[w].size);
          ASSERT_EQ(a.Word(line.first_word + w), word) << "round " << round;
          line_hash.Add(WordHashByDefinition(word, params.hash_seed));
        }
        if (line.words > 0) {
          EXPECT_EQ(line.hash, line_hash.Digest()) << "round " << round;
        }
      }
    }
  });
}

// The keys are the dedup-profile normalization of the whole text, also
// when they are far longer than it (U+FDFA is 3 bytes, its key 33) and
// when the previous document's keys were longer still. (The texts end
// without a line break: keys made line by line would end in one.)
TEST(AnalyzeDocument, KeysAreTheNormalizedText) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  const safi::DedupParams params;
  const safi::dedup::Lexicon lexicon(normalizer, params.hash_seed);
  safi::dedup::DocumentAnalysis a;
  std::string expected;
  for (const int ligatures : {0, 5, 40, 400, 3, 4000, 1}) {
    std::string text = "\xD8\xA3\xD9\x8E\xD8\xAE\xD8\xA8\xD8\xA7\xD8\xB1 ";
    for (int i = 0; i < ligatures; ++i) {
      text += i % 10 == 5 ? "\n" : "\uFDFA";
    }
    safi::dedup::AnalyzeDocument(text, normalizer, lexicon, params, nullptr,
                                 &a);
    ASSERT_TRUE(normalizer.Normalize(text, &expected).ok());
    EXPECT_EQ(a.Keys(), expected) << ligatures << " ligatures";
  }
}

// Lines made of every phrase of the lexicon's data file (as a line, with a
// word after it, between two words, in capitals and with tashkeel) and of
// article sentences: more distinct lines than a LexiconCache has slots.
std::vector<std::string> LexiconTestLines() {
  std::vector<std::string> lines;
  for (const std::vector<std::string>& fields : safi_test::LexiconDataRows()) {
    const std::string& phrase = fields[2];
    std::string upper = phrase;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    lines.insert(lines.end(), {phrase, phrase + " كلمة", "كلمة " + phrase,
                               "كلمة " + phrase + " كلمة", upper,
                               "\xD9\x8E" + phrase + " 12"});
  }
  for (uint64_t seed = 0; seed < 600; ++seed) {
    lines.push_back(safi_test::Paragraph(seed, 3 + seed % 30));
  }
  return lines;
}

// Through a LexiconCache every line gets the lexicon's own answer: pages
// of lines drawn from LexiconTestLines (a third of them lexicon hits), so
// that slots are hit by the same line, refilled by others and hit again,
// analyzed with and without the cache.
TEST(LexiconCache, AnswersAsTheLexiconOnEveryLine) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  const safi::DedupParams params;
  const safi::dedup::Lexicon lexicon(normalizer, params.hash_seed);
  const std::vector<std::string> pool = LexiconTestLines();
  ASSERT_GT(pool.size(), 3000u);
  safi::dedup::LexiconCache cache;
  safi::dedup::DocumentAnalysis cached, plain;
  std::mt19937_64 random(5);
  size_t hits = 0, lines = 0;
  for (int page = 0; page < 400; ++page) {
    std::string text;
    for (int i = 0; i < 40; ++i) {
      // Half the lines from a small part of the pool: they come again.
      const size_t range = i % 2 == 0 ? 200 : pool.size();
      text += pool[random() % range] + "\n";
    }
    safi::dedup::AnalyzeDocument(text, normalizer, lexicon, params, &cache,
                                 &cached);
    safi::dedup::AnalyzeDocument(text, normalizer, lexicon, params, nullptr,
                                 &plain);
    ASSERT_EQ(cached.lines.size(), plain.lines.size());
    for (size_t i = 0; i < plain.lines.size(); ++i) {
      const safi::dedup::LexiconHit& got = cached.lines[i].lexicon;
      const safi::dedup::LexiconHit& want = plain.lines[i].lexicon;
      ASSERT_EQ(got.entry, want.entry) << "page " << page << ", line " << i;
      ASSERT_EQ(got.kind, want.kind) << "page " << page << ", line " << i;
      ASSERT_EQ(got.allowlisted, want.allowlisted)
          << "page " << page << ", line " << i;
      hits += want.entry != nullptr ? 1 : 0;
      ++lines;
    }
  }
  EXPECT_GT(hits, lines / 4);
  EXPECT_LT(hits, lines * 3 / 4);
}

// A fresh LexiconCache matches every line hash, whatever its slot: none
// is answered from a slot that no line has filled (a line whose match does
// not depend on its line hash, asked with every hash of the first 2048
// and of 2048 above 2^63).
TEST(LexiconCache, AFreshCacheHoldsNoAnswer) {
  const safi::Normalizer normalizer(safi::Profile::kDedup);
  const safi::DedupParams params;
  const safi::dedup::Lexicon lexicon(normalizer, params.hash_seed);
  safi::dedup::DocumentAnalysis a;
  // A prefix phrase and a word: its match looks at word hashes only.
  safi::dedup::AnalyzeDocument("اشترك في النشرة كلمة", normalizer, lexicon,
                               params, nullptr, &a);
  ASSERT_EQ(a.lines.size(), 1u);
  const safi::dedup::LineInfo& line = a.lines[0];
  ASSERT_NE(line.lexicon.entry, nullptr);
  ASSERT_EQ(line.lexicon.kind, safi::LexiconMatchKind::kPrefix);
  for (const uint64_t base : {uint64_t{0}, uint64_t{1} << 63}) {
    safi::dedup::LexiconCache cache;
    for (uint64_t hash = base; hash < base + 2048; ++hash) {
      const safi::dedup::LexiconHit hit =
          cache.Match(lexicon, a.Keys(), &a.words[line.first_word],
                      &a.word_hashes[line.first_word], line.words, hash);
      ASSERT_EQ(hit.entry, line.lexicon.entry) << "hash " << hash;
    }
  }
}

// The teaser/label rules of README.md ("Teasers") line by line:
// FindTeaserStructure's contract with removed and confirmed sized like the
// lines, the lexicon's removals marked in removed too.
std::vector<safi::dedup::StructureVerdict> ReferenceTeaserStructure(
    const std::vector<safi::dedup::LineInfo>& lines,
    const std::vector<uint8_t>& removed,
    const std::vector<uint8_t>& confirmed) {
  using safi::TeaserRule;
  using safi::dedup::StructureVerdict;
  const uint32_t n = static_cast<uint32_t>(lines.size());
  std::vector<StructureVerdict> out(n);
  int64_t protected_line = -1;
  for (uint32_t i = 0; i < n; ++i) {
    if (!lines[i].blank() && removed[i] == 0) {
      protected_line = i;
      break;
    }
  }
  const auto blocky = [&](uint32_t i) {
    return lines[i].teaser_candidate || lines[i].short_line || removed[i] != 0;
  };
  uint32_t p = 0;
  while (p < n) {
    if (lines[p].blank() || !blocky(p)) {
      ++p;
      continue;
    }
    uint32_t q = p;
    uint32_t teasers = 0;
    while (q < n && (lines[q].blank() || blocky(q))) {
      if (lines[q].teaser_candidate) ++teasers;
      ++q;
    }
    const bool trailing = q == n;
    bool related = false;
    int64_t previous = -1;
    for (uint32_t i = p; i < q; ++i) {
      if (lines[i].blank()) continue;
      if (lines[i].teaser_candidate) {
        const bool after_label = previous >= 0 && lines[previous].short_line &&
                                 previous != protected_line;
        StructureVerdict& verdict = out[i];
        verdict.kind = StructureVerdict::kTeaser;
        verdict.block_teasers = teasers;
        if (confirmed[i] != 0) {
          verdict.rule = TeaserRule::kConfirmed;
        } else if (related) {
          verdict.rule = TeaserRule::kAfterRelatedHeader;
        } else if (after_label) {
          verdict.rule = TeaserRule::kAfterLabel;
        } else if (trailing && teasers >= 2) {
          verdict.rule = TeaserRule::kTrailingBlock;
        } else {
          verdict = StructureVerdict();
        }
        if (after_label && verdict.kind == StructureVerdict::kTeaser) {
          out[previous].kind = StructureVerdict::kLabel;
          out[previous].teaser_line = i;
        }
      }
      related = related || (lines[i].lexicon_removed() &&
                            lines[i].lexicon.entry->opens_teasers);
      previous = i;
    }
    p = q;
  }
  return out;
}

TEST(FindTeaserStructure, EqualsTheRulesLineByLine) {
  using safi::dedup::DocumentAnalysis;
  using safi::dedup::LexiconEntry;
  using safi::dedup::LineInfo;
  using safi::dedup::StructureVerdict;
  LexiconEntry opener, other;
  opener.opens_teasers = true;
  std::mt19937_64 rng(20261129);
  DocumentAnalysis a;
  const std::vector<uint8_t> none;
  std::vector<StructureVerdict> verdicts;
  size_t teasers_found = 0, labels_found = 0;
  for (int round = 0; round < 20000; ++round) {
    // Lines up to 2 * 64 + 5 mostly, a few past the sets kept on the stack.
    const uint32_t n =
        static_cast<uint32_t>(round % 100 == 0 ? rng() % 3000 : rng() % 134);
    // Per-round odds (out of 16) of each kind of line, so that some pages are
    // mostly blocks and others mostly text.
    const uint64_t blank = rng() % 8, lexicon = rng() % 6, teaser = rng() % 8,
                   label = rng() % 8, other_removal = rng() % 4;
    const bool pass_removed = rng() % 2 == 0, pass_confirmed = rng() % 2 == 0;
    a.lines.assign(n, LineInfo());
    a.teaser_candidates = 0;
    std::vector<uint8_t> removed(n, 0), confirmed(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      LineInfo& line = a.lines[i];
      if (rng() % 16 < blank) continue;
      line.words = 1 + static_cast<uint32_t>(rng() % 20);
      const uint64_t kind = rng() % 16;
      if (kind < lexicon) {
        line.lexicon.entry = rng() % 4 == 0 ? &opener : &other;
        removed[i] = 1;
      } else if (kind < lexicon + teaser) {
        line.teaser_candidate = true;
        ++a.teaser_candidates;
        confirmed[i] = pass_confirmed && rng() % 4 == 0 ? 1 : 0;
      } else if (kind < lexicon + teaser + label) {
        line.short_line = true;
      }
      if (pass_removed && rng() % 16 < other_removal) removed[i] = 1;
    }
    a.line_flags.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      a.line_flags[i] = safi::dedup::LineFlags(a.lines[i]);
    }
    const std::vector<StructureVerdict> want =
        ReferenceTeaserStructure(a.lines, removed, confirmed);
    // Without the other detectors' removals the lexicon's still count.
    safi::dedup::FindTeaserStructure(a, pass_removed ? removed : none,
                                     pass_confirmed ? confirmed : none,
                                     &verdicts);
    ASSERT_EQ(verdicts.size(), want.size());
    for (uint32_t i = 0; i < n; ++i) {
      SCOPED_TRACE("round " + std::to_string(round) + " line " +
                   std::to_string(i) + " of " + std::to_string(n));
      ASSERT_EQ(verdicts[i].kind, want[i].kind);
      ASSERT_EQ(verdicts[i].rule, want[i].rule);
      ASSERT_EQ(verdicts[i].block_teasers, want[i].block_teasers);
      ASSERT_EQ(verdicts[i].teaser_line, want[i].teaser_line);
      teasers_found += want[i].kind == StructureVerdict::kTeaser ? 1 : 0;
      labels_found += want[i].kind == StructureVerdict::kLabel ? 1 : 0;
    }
  }
  // The sequences exercise the rules.
  EXPECT_GT(teasers_found, 10000u);
  EXPECT_GT(labels_found, 1000u);
}

}  // namespace
