// SPDX-License-Identifier: Apache-2.0
// Tests of the dedup state: file round trip, merge algebra, sharded runs
// equal to one run, and refusal of corrupt, truncated, foreign-version and
// incompatible state files.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "dedup_test_util.h"
#include "safi/dedup.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace {

using safi::DedupState;
using safi::DedupStatus;
using safi_test::Crawl;
using safi_test::Doc;

DedupState Sketch(const std::vector<Doc>& docs, size_t begin, size_t end) {
  safi::DedupSketcher sketcher;
  for (size_t i = begin; i < end; ++i) {
    EXPECT_TRUE(sketcher.Add({docs[i].id, docs[i].site, docs[i].text}).ok());
  }
  DedupState state;
  EXPECT_TRUE(sketcher.Finish(&state).ok());
  return state;
}

TEST(State, SerializeParseRoundTrip) {
  const std::vector<Doc> docs = Crawl();
  const DedupState state = Sketch(docs, 0, docs.size());
  EXPECT_EQ(state.documents(), docs.size());
  EXPECT_EQ(state.sites(), 3u);
  EXPECT_GT(state.line_keys(), 0u);
  EXPECT_GT(state.lead_keys(), 0u);
  const std::string bytes = state.Serialize();
  EXPECT_EQ(bytes.compare(0, 8, "SAFIDDUP"), 0);
  DedupState parsed;
  const DedupStatus s = DedupState::Parse(bytes, &parsed);
  ASSERT_TRUE(s.ok()) << s.message;
  EXPECT_EQ(parsed.Serialize(), bytes);
  EXPECT_TRUE(parsed.params() == safi::DedupParams());
}

TEST(State, MergeIsOrderIndependentAndEqualsOneSketch) {
  const std::vector<Doc> docs = Crawl();
  const std::string whole = Sketch(docs, 0, docs.size()).Serialize();
  const DedupState a = Sketch(docs, 0, 9);
  const DedupState b = Sketch(docs, 9, 20);
  const DedupState c = Sketch(docs, 20, docs.size());
  // (a + b) + c
  DedupState left = a;
  ASSERT_TRUE(left.Merge(b).ok());
  ASSERT_TRUE(left.Merge(c).ok());
  // a + (c + b)
  DedupState cb = c;
  ASSERT_TRUE(cb.Merge(b).ok());
  DedupState right = a;
  ASSERT_TRUE(right.Merge(cb).ok());
  // c + a + b
  DedupState other = c;
  ASSERT_TRUE(other.Merge(a).ok());
  ASSERT_TRUE(other.Merge(b).ok());
  EXPECT_EQ(left.Serialize(), whole);
  EXPECT_EQ(right.Serialize(), whole);
  EXPECT_EQ(other.Serialize(), whole);
  // Merging an empty state changes nothing.
  ASSERT_TRUE(left.Merge(DedupState()).ok());
  EXPECT_EQ(left.Serialize(), whole);
}

TEST(State, ShardedApplyEqualsOneShot) {
  const std::vector<Doc> docs = Crawl();
  const auto one_shot = safi_test::RunDedup(docs);
  // Shards sketched separately, states round-tripped through bytes, merged.
  DedupState merged;
  for (const auto& range : {std::make_pair(20, 30), std::make_pair(0, 11),
                            std::make_pair(11, 20)}) {
    DedupState parsed;
    ASSERT_TRUE(
        DedupState::Parse(Sketch(docs, range.first, range.second).Serialize(),
                          &parsed)
            .ok());
    ASSERT_TRUE(merged.Merge(parsed).ok());
  }
  const safi::Deduper deduper(std::move(merged));
  size_t dropped = 0, removed = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    safi::DocumentDecision d;
    ASSERT_TRUE(
        deduper.Apply({docs[i].id, docs[i].site, docs[i].text}, &d).ok());
    const safi::DocumentDecision& expected = one_shot.decisions[i];
    EXPECT_EQ(d.keep, expected.keep) << docs[i].id;
    EXPECT_EQ(d.duplicates, expected.duplicates) << docs[i].id;
    ASSERT_EQ(d.removals.size(), expected.removals.size()) << docs[i].id;
    for (size_t r = 0; r < d.removals.size(); ++r) {
      EXPECT_EQ(d.removals[r].start, expected.removals[r].start);
      EXPECT_EQ(d.removals[r].end, expected.removals[r].end);
      EXPECT_EQ(d.removals[r].reason, expected.removals[r].reason);
      EXPECT_EQ(d.removals[r].kept, expected.removals[r].kept);
      EXPECT_EQ(d.removals[r].source, expected.removals[r].source);
      EXPECT_EQ(d.removals[r].pages, expected.removals[r].pages);
    }
    dropped += d.keep ? 0 : 1;
    removed += d.removals.size();
  }
  // The crawl exercises duplicates and line removals.
  EXPECT_GE(dropped, 4u);
  EXPECT_GT(removed, 100u);
}

TEST(State, MergeRefusesOtherParametersAndSharedIds) {
  const std::vector<Doc> docs = Crawl();
  DedupState a = Sketch(docs, 0, 10);
  const std::string before = a.Serialize();
  // The same shard twice: every id is in both.
  DedupStatus s = a.Merge(Sketch(docs, 5, 12));
  EXPECT_EQ(s.code, DedupStatus::kDuplicateId);
  EXPECT_NE(s.message.find("doc"), std::string::npos) << s.message;
  EXPECT_EQ(a.Serialize(), before);
  // Other parameters.
  safi::DedupParams params;
  params.bands = 20;
  params.rows = 5;
  safi::DedupSketcher sketcher(params);
  ASSERT_TRUE(sketcher.Add({"x", "", "some text here\n"}).ok());
  DedupState b;
  ASSERT_TRUE(sketcher.Finish(&b).ok());
  s = a.Merge(b);
  EXPECT_EQ(s.code, DedupStatus::kIncompatibleState);
  EXPECT_NE(s.message.find("bands"), std::string::npos) << s.message;
  EXPECT_EQ(a.Serialize(), before);
}

// The state bytes with the checksum recomputed (the layout of
// core/src/dedup/README.md: XXH3-64 at byte 132 over bytes [0, 132) and
// the payload from byte 140).
std::string Reseal(std::string bytes) {
  XXH3_state_t state;
  XXH3_64bits_reset_withSeed(&state, 0);
  XXH3_64bits_update(&state, bytes.data(), 132);
  XXH3_64bits_update(&state, bytes.data() + 140, bytes.size() - 140);
  const uint64_t sum = XXH3_64bits_digest(&state);
  for (int i = 0; i < 8; ++i)
    bytes[132 + i] = static_cast<char>(sum >> (8 * i));
  return bytes;
}

TEST(State, DamagedFilesAreRefused) {
  const std::vector<Doc> docs = Crawl();
  const std::string bytes = Sketch(docs, 0, docs.size()).Serialize();
  DedupState check;
  ASSERT_TRUE(DedupState::Parse(Reseal(bytes), &check).ok());
  const auto refused = [](const std::string& damaged) {
    DedupState out;
    const DedupStatus s = DedupState::Parse(damaged, &out);
    return !s.ok() && !s.message.empty() && out.documents() == 0;
  };
  // Any flipped bit, anywhere.
  size_t flips = 0;
  for (size_t pos = 0; pos < bytes.size(); pos += pos < 200 ? 1 : 61) {
    std::string damaged = bytes;
    damaged[pos] = static_cast<char>(damaged[pos] ^ (1 << (pos % 8)));
    EXPECT_TRUE(refused(damaged)) << "flipped byte " << pos;
    ++flips;
  }
  EXPECT_GT(flips, 300u);
  // Truncated, extended, empty, not a state.
  for (const size_t keep : {size_t{0}, size_t{7}, size_t{100}, size_t{140},
                            bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_TRUE(refused(bytes.substr(0, keep))) << "truncated to " << keep;
  }
  EXPECT_TRUE(refused(bytes + '\0'));
  EXPECT_TRUE(refused(std::string(4096, 'x')));
  DedupState out;
  EXPECT_EQ(DedupState::Parse("not a state", &out).code,
            DedupStatus::kCorruptState);
  // Valid checksums over wrong section counts (bytes 92, 100, 108, 116) or
  // a document id that no longer matches its hash are still refused.
  for (const size_t offset :
       {size_t{92}, size_t{100}, size_t{108}, size_t{116}}) {
    std::string miscounted = bytes;
    miscounted[offset] = static_cast<char>(miscounted[offset] + 1);
    EXPECT_TRUE(refused(Reseal(miscounted))) << "count at " << offset;
  }
  std::string renamed = bytes;
  const size_t id = renamed.rfind("doc");
  ASSERT_NE(id, std::string::npos);
  renamed[id] = 'D';
  EXPECT_TRUE(refused(Reseal(renamed)));
}

// Offset of the lead section in state bytes (core/src/dedup/README.md:
// after the 140-byte header, the sites, each 16 bytes and its name (length
// at +12), then 28 bytes per line key; counts at bytes 92 and 100).
size_t LeadSectionOffset(const std::string& bytes) {
  const auto u64 = [&bytes](size_t at) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
      v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return v;
  };
  size_t offset = 140;
  for (uint64_t site = 0; site < u64(92); ++site) {
    offset += 16 + (u64(offset + 12) & 0xFFFFFFFFu);
  }
  return offset + 28 * u64(100);
}

TEST(State, DamagedLeadLinesAreRefused) {
  const std::vector<Doc> docs = Crawl();
  const std::string bytes = Sketch(docs, 0, docs.size()).Serialize();
  // The first lead line: u64 document, u32 prefix count (1 to 16), then its
  // prefix hashes.
  const size_t lead = LeadSectionOffset(bytes);
  const uint32_t count = static_cast<unsigned char>(bytes[lead + 8]);
  ASSERT_GE(count, 1u);
  ASSERT_LE(count, 16u);
  for (const uint32_t wrong : {0u, 17u, 255u}) {
    std::string damaged = bytes;
    damaged[lead + 8] = static_cast<char>(wrong);
    DedupState out;
    const DedupStatus s = DedupState::Parse(Reseal(damaged), &out);
    EXPECT_EQ(s.code, DedupStatus::kCorruptState) << wrong;
    EXPECT_NE(s.message.find("lead"), std::string::npos) << s.message;
  }
  // The first two lead lines swapped: out of order.
  const size_t second = lead + 12 + 8 * size_t{count};
  const uint32_t second_count = static_cast<unsigned char>(bytes[second + 8]);
  const size_t end = second + 12 + 8 * size_t{second_count};
  std::string swapped = bytes.substr(0, lead) +
                        bytes.substr(second, end - second) +
                        bytes.substr(lead, second - lead) + bytes.substr(end);
  DedupState out;
  const DedupStatus s = DedupState::Parse(Reseal(swapped), &out);
  EXPECT_EQ(s.code, DedupStatus::kCorruptState);
  EXPECT_NE(s.message.find("lead section is not sorted"), std::string::npos)
      << s.message;
}

TEST(State, FormatVersion4IsRefused) {
  const std::vector<Doc> docs = Crawl();
  std::string bytes = Sketch(docs, 0, 5).Serialize();
  ASSERT_EQ(bytes[8], 5);  // this format
  bytes[8] = 4;            // the format of the raw texts' XXH3
  DedupState out;
  const DedupStatus s = DedupState::Parse(Reseal(bytes), &out);
  EXPECT_EQ(s.code, DedupStatus::kIncompatibleState);
  EXPECT_NE(s.message.find("format version 4, this safi reads version 5"),
            std::string::npos)
      << s.message;
}

// Lead lines are a set: a page's repeated opening line counts once, lines
// of other pages (even equal ones) and lines that share only their first
// words are kept, and merging unites the sets in any order.
TEST(State, LeadLinesAreASetUnitedByMerge) {
  const std::string opening =
      "the river flooded the lower town after three days of heavy rain";
  const std::string other_ending =
      "the river flooded the lower town before anyone could leave home";
  const std::vector<Doc> docs = {
      {"p1", "a.example", opening + "\n" + opening + "\nshort\n"},
      {"p2", "b.example", opening + "\n" + other_ending + "\n"},
  };
  const DedupState a = Sketch(docs, 0, 1);
  const DedupState b = Sketch(docs, 1, 2);
  EXPECT_EQ(a.lead_keys(), 1u);
  EXPECT_EQ(b.lead_keys(), 2u);
  DedupState ab = a;
  ASSERT_TRUE(ab.Merge(b).ok());
  DedupState ba = b;
  ASSERT_TRUE(ba.Merge(a).ok());
  EXPECT_EQ(ab.lead_keys(), 3u);
  EXPECT_EQ(ab.Serialize(), ba.Serialize());
  EXPECT_EQ(ab.Serialize(), Sketch(docs, 0, 2).Serialize());
  // A parsed copy merges into an empty state unchanged.
  DedupState parsed;
  ASSERT_TRUE(DedupState::Parse(ab.Serialize(), &parsed).ok());
  DedupState empty;
  ASSERT_TRUE(empty.Merge(parsed).ok());
  EXPECT_EQ(empty.Serialize(), ab.Serialize());
}

TEST(State, OtherVersionsAreRefusedAsIncompatible) {
  const std::vector<Doc> docs = Crawl();
  const std::string bytes = Sketch(docs, 0, 5).Serialize();
  // Format version (byte 8), dedup-profile version (12), lexicon version
  // (16), lexicon fingerprint (84): each with a valid checksum.
  for (const size_t offset : {size_t{8}, size_t{12}, size_t{16}, size_t{84}}) {
    std::string other = bytes;
    other[offset] = static_cast<char>(other[offset] + 1);
    DedupState out;
    const DedupStatus s = DedupState::Parse(Reseal(other), &out);
    EXPECT_EQ(s.code, DedupStatus::kIncompatibleState)
        << "offset " << offset << ": " << s.message;
    EXPECT_NE(s.message.find("version"), std::string::npos) << s.message;
  }
}

}  // namespace
