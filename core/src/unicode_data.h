// SPDX-License-Identifier: Apache-2.0
// Accessors over the generated Unicode 15.0 tables (unicode_tables.inc) that
// the production normalizer uses: properties, decompositions, compositions,
// case folding and presentation-form mappings.
#ifndef SAFI_CORE_SRC_UNICODE_DATA_H_
#define SAFI_CORE_SRC_UNICODE_DATA_H_

#include <cstddef>
#include <cstdint>

namespace safi {
namespace detail {

// Bits of the 32-bit property word of a code point.
enum PropertyBit : uint32_t {
  kPropCccMask = 0xFFu,            // bits 0-7: Canonical_Combining_Class
  kPropNfcQcYes = 1u << 8,         // NFC_Quick_Check = Yes
  kPropNfkcQcYes = 1u << 9,        // NFKC_Quick_Check = Yes
  kPropWhiteSpace = 1u << 10,      // White_Space (PropList.txt)
  kPropPunctOrSymbol = 1u << 11,   // General_Category P* or S*
  kPropCanonicalDecomp = 1u << 12, // has a canonical decomposition (not Hangul)
  kPropCompatDecomp = 1u << 13,    // NFKD(cp) != NFD(cp) (not Hangul)
  kPropCaseFolds = 1u << 14,       // has an entry in kCaseFold
  kPropComposesForward = 1u << 15, // first code point of a primary composite
};

// Two-stage lookup: 0x110000 code points in blocks of 64.
constexpr int kPropBlockShift = 6;
extern const uint16_t kPropStage1[0x110000 >> kPropBlockShift];
extern const uint32_t kPropStage2[];

inline uint32_t Properties(char32_t cp) {
  return kPropStage2[(static_cast<uint32_t>(kPropStage1[cp >> kPropBlockShift])
                      << kPropBlockShift) |
                     (cp & ((1u << kPropBlockShift) - 1))];
}
inline uint8_t Ccc(char32_t cp) { return Properties(cp) & kPropCccMask; }

// A mapping from one code point to a string of code points in kMappingPool.
struct MappingEntry {
  uint32_t cp;
  uint32_t offset;  // into kMappingPool
  uint32_t length;  // in code points, >= 1
};
extern const char32_t kMappingPool[];

// Sorted by cp. Full (recursively applied) canonical decomposition of every
// code point with one, Hangul syllables excluded.
extern const MappingEntry kCanonicalDecomp[];
extern const size_t kCanonicalDecompCount;
// Sorted by cp. Full compatibility decomposition (NFKD) of every code point
// whose NFKD differs from its NFD, Hangul excluded.
extern const MappingEntry kCompatDecomp[];
extern const size_t kCompatDecompCount;
// Sorted by cp. Full case folding (CaseFolding.txt status C and F), except
// code points whose folding is canonically equivalent to themselves.
extern const MappingEntry kCaseFold[];
extern const size_t kCaseFoldCount;
// Sorted by cp. NFKC of each code point in U+FB50..FDFF and U+FE70..FEFF
// whose NFKC differs from itself (may be several code points, e.g. U+FDFA).
extern const MappingEntry kPresentationNfkc[];
extern const size_t kPresentationNfkcCount;

// Primary composites: (first, second) -> composite, sorted by key =
// (first << 21) | second. Excludes Full_Composition_Exclusion and Hangul.
struct CompositionEntry {
  uint64_t key;
  uint32_t composite;
};
extern const CompositionEntry kCompositions[];
extern const size_t kCompositionCount;

extern const char kUnicodeVersion[];  // e.g. "15.0.0"

// Binary search in a sorted MappingEntry table; nullptr if cp is absent.
const MappingEntry* FindMapping(const MappingEntry* table, size_t count,
                                char32_t cp);
// Primary composite of (first, second) including Hangul LV/LVT, or 0.
char32_t Compose(char32_t first, char32_t second);

}  // namespace detail
}  // namespace safi

#endif  // SAFI_CORE_SRC_UNICODE_DATA_H_
