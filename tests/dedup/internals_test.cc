// SPDX-License-Identifier: Apache-2.0
// Tests of header-only helpers of the dedup component: the vector byte scans
// (scan.h) against a byte loop, and the radix sort of hashed records
// (hash_sort.h) against std::sort.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hash_sort.h"
#include "scan.h"

namespace {

using safi::dedup::FindBytes;
using safi::dedup::ForEachByteOf;
using safi::dedup::HashSort;

// Positions of a and b in text, byte by byte.
std::vector<uint32_t> Naive(const std::string& text, char a, char b) {
  std::vector<uint32_t> positions;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == a || text[i] == b) positions.push_back(i);
  }
  return positions;
}

TEST(Scan, FindsEveryByteOfTwoValues) {
  std::mt19937_64 random(11);
  std::vector<uint32_t> reused;  // grows, never shrinks
  for (size_t len = 0; len <= 300; ++len) {
    for (const int density : {0, 2, 10, 50, 100}) {
      std::string text(len, '\0');
      for (char& c : text) {
        // A separator with probability density %, else any other byte.
        const uint64_t r = random();
        if (static_cast<int>(r % 100) < density) {
          c = (r & 128) != 0 ? ' ' : '\n';
        } else {
          c = static_cast<char>(r >> 8);
          if (c == ' ' || c == '\n') c = 'x';
        }
      }
      const std::vector<uint32_t> expected = Naive(text, ' ', '\n');
      std::vector<uint32_t> visited;
      ForEachByteOf(text.data(), text.size(), ' ', '\n',
                    [&](size_t p) { visited.push_back(p); });
      EXPECT_EQ(visited, expected) << "length " << len;
      const size_t count =
          FindBytes(text.data(), text.size(), ' ', '\n', &reused);
      ASSERT_EQ(count, expected.size()) << "length " << len;
      EXPECT_TRUE(std::equal(expected.begin(), expected.end(), reused.begin()))
          << "length " << len << " density " << density;
    }
  }
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

TEST(HashSort, SortsLikeStdSortWhateverTheHashes) {
  std::mt19937_64 random(12);
  // Sizes around the comparison cut-off and the bucket counts; hashes
  // uniform, from a few values (deep buckets of equal hashes), sharing their
  // top bits only, or differing in the lowest bits only.
  for (const size_t n : {0, 1, 31, 33, 1000, 5000, 70000}) {
    for (int kind = 0; kind < 4; ++kind) {
      std::vector<Record> records(n);
      for (size_t i = 0; i < n; ++i) {
        const uint64_t r = random();
        uint64_t hash = r;
        if (kind == 1) hash = (r % 5) * 0x9e3779b97f4a7c15ULL;
        if (kind == 2) hash = (uint64_t{0xABC} << 52) | (r >> 12);
        if (kind == 3) hash = r % 64;
        records[i] = {hash, static_cast<uint32_t>(random() % 7),
                      static_cast<uint32_t>(i)};
      }
      std::vector<Record> expected = records;
      std::sort(expected.begin(), expected.end(), RecordLess);
      HashSort(
          records.data(), records.size(),
          [](const Record& r) { return r.hash; }, RecordLess);
      // Ties (equal hash and tag) may come in any order: compare the keys
      // exactly and the records as multisets.
      ASSERT_TRUE(std::is_sorted(records.begin(), records.end(), RecordLess))
          << "n=" << n << " kind=" << kind;
      std::vector<Record> by_payload = records;
      const auto payload_less = [](const Record& a, const Record& b) {
        return a.payload < b.payload;
      };
      std::sort(by_payload.begin(), by_payload.end(), payload_less);
      std::sort(expected.begin(), expected.end(), payload_less);
      EXPECT_TRUE(by_payload == expected) << "n=" << n << " kind=" << kind;
    }
  }
}

}  // namespace
