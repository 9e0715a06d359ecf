// SPDX-License-Identifier: Apache-2.0
// Tests of the vector byte scans of the dedup component (scan.h) against a
// byte loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "scan.h"

namespace {

using safi::dedup::FindBytes;
using safi::dedup::ForEachByteOf;

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

}  // namespace
