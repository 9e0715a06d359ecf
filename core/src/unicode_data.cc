// SPDX-License-Identifier: Apache-2.0
// Generated Unicode tables plus the two lookups over them: mapping search and
// pairwise canonical composition (table-driven, Hangul algorithmic).
#include "unicode_data.h"

#include <algorithm>

#include "tables/unicode_tables.inc"

namespace safi {
namespace detail {
namespace {

// Hangul syllable constants, Unicode 15.0 section 3.12.
constexpr char32_t kSBase = 0xAC00;
constexpr char32_t kLBase = 0x1100;
constexpr char32_t kVBase = 0x1161;
constexpr char32_t kTBase = 0x11A7;
constexpr uint32_t kLCount = 19;
constexpr uint32_t kVCount = 21;
constexpr uint32_t kTCount = 28;
constexpr uint32_t kNCount = kVCount * kTCount;
constexpr uint32_t kSCount = kLCount * kNCount;

}  // namespace

// table[0..count) must be sorted by cp (the generated tables are). O(log n).
const MappingEntry* FindMapping(const MappingEntry* table, size_t count,
                                char32_t cp) {
  const MappingEntry* end = table + count;
  const MappingEntry* it = std::lower_bound(
      table, end, cp,
      [](const MappingEntry& e, char32_t value) { return e.cp < value; });
  return (it != end && it->cp == cp) ? it : nullptr;
}

// Any char32_t values are accepted; non-code-points simply yield 0.
char32_t Compose(char32_t first, char32_t second) {
  // Unsigned wrap-around turns "below base" into "out of range".
  const uint32_t l_index = first - kLBase;
  const uint32_t v_index = second - kVBase;
  if (l_index < kLCount && v_index < kVCount) {
    return kSBase + (l_index * kVCount + v_index) * kTCount;
  }
  const uint32_t s_index = first - kSBase;
  const uint32_t t_index = second - kTBase;
  if (s_index < kSCount && s_index % kTCount == 0 &&
      t_index - 1 < kTCount - 1) {
    return first + t_index;
  }
  if (first > 0x10FFFF || second > 0x10FFFF) return 0;
  const uint64_t key = (static_cast<uint64_t>(first) << 21) | second;
  const CompositionEntry* end = kCompositions + kCompositionCount;
  const CompositionEntry* it = std::lower_bound(
      kCompositions, end, key,
      [](const CompositionEntry& e, uint64_t k) { return e.key < k; });
  return (it != end && it->key == key) ? it->composite : 0;
}

}  // namespace detail
}  // namespace safi
