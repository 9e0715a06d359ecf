// SPDX-License-Identifier: Apache-2.0
// Checks every generated Unicode table (core/src/unicode_data.h) against ICU
// 72 for all code points: properties, decompositions, compositions, case
// folding and presentation-form NFKC.
#include "unicode_data.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace safi {
namespace detail {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulLast = 0xD7A3;

bool IsSurrogate(char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }
bool IsHangulSyllable(char32_t cp) {
  return cp >= kHangulFirst && cp <= kHangulLast;
}

// Formats a code point as U+XXXX.
std::string Hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

// Formats a code point sequence as "U+XXXX U+YYYY".
std::string Hex(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (!out.empty()) out += ' ';
    out += Hex(cp);
  }
  return out;
}

// Code points of a (well-formed) ICU string.
std::u32string ToU32(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

icu::UnicodeString FromCp(char32_t cp) {
  return icu::UnicodeString(static_cast<UChar32>(cp));
}

// The string a MappingEntry points to; entry must be non-null.
std::u32string MappingString(const MappingEntry* entry) {
  return std::u32string(kMappingPool + entry->offset, entry->length);
}

// Collects mismatches; reports the count and the first few through gtest.
class Mismatches {
 public:
  void Add(const std::string& message) {
    if (messages_.size() < kShown) messages_.push_back(message);
    ++count_;
  }
  // Records one gtest failure (named `what`) if anything was added.
  void Report(const char* what) const {
    if (count_ == 0) return;
    std::string text;
    for (const std::string& m : messages_) text += "\n  " + m;
    ADD_FAILURE() << what << ": " << count_
                  << " mismatches, first ones:" << text;
  }

 private:
  static constexpr size_t kShown = 20;
  std::vector<std::string> messages_;
  size_t count_ = 0;
};

const icu::Normalizer2& Instance(const icu::Normalizer2* (*get)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = get(status);
  if (U_FAILURE(status) || n == nullptr) {
    std::fprintf(stderr, "ICU Normalizer2 unavailable: %s\n",
                 u_errorName(status));
    std::abort();
  }
  return *n;
}
const icu::Normalizer2& Nfc() {
  return Instance(&icu::Normalizer2::getNFCInstance);
}
const icu::Normalizer2& Nfd() {
  return Instance(&icu::Normalizer2::getNFDInstance);
}
const icu::Normalizer2& Nfkc() {
  return Instance(&icu::Normalizer2::getNFKCInstance);
}
const icu::Normalizer2& Nfkd() {
  return Instance(&icu::Normalizer2::getNFKDInstance);
}

std::u32string Normalize(const icu::Normalizer2& n,
                         const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(s, status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return ToU32(out);
}

// Primary composites according to ICU: (first, second) -> composite, for
// every code point whose raw decomposition is a pair that composePair
// recomposes (Hangul LV and LVT included).
std::vector<std::pair<std::pair<char32_t, char32_t>, char32_t>>
IcuPrimaryComposites() {
  std::vector<std::pair<std::pair<char32_t, char32_t>, char32_t>> out;
  const icu::Normalizer2& nfc = Nfc();
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    icu::UnicodeString raw;
    if (!nfc.getRawDecomposition(static_cast<UChar32>(cp), raw)) continue;
    std::u32string pair = ToU32(raw);
    if (pair.size() != 2) continue;
    if (nfc.composePair(pair[0], pair[1]) == static_cast<UChar32>(cp)) {
      out.push_back({{pair[0], pair[1]}, cp});
    }
  }
  return out;
}

TEST(UnicodeDataTest, VersionMatchesIcu) {
  UVersionInfo version;
  u_getUnicodeVersion(version);
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, icu_version);
  // ICU prints "15.0" for 15.0.0.0; the tables name all three parts.
  EXPECT_EQ(std::string(kUnicodeVersion).rfind(icu_version, 0), 0u)
      << "tables " << kUnicodeVersion << ", ICU " << icu_version;
  EXPECT_STREQ(kUnicodeVersion, "15.0.0");
}

TEST(UnicodeDataTest, TablesAreSortedAndNonEmpty) {
  const std::pair<const MappingEntry*, size_t> tables[] = {
      {kCanonicalDecomp, kCanonicalDecompCount},
      {kCompatDecomp, kCompatDecompCount},
      {kCaseFold, kCaseFoldCount},
      {kPresentationNfkc, kPresentationNfkcCount},
  };
  for (const auto& [table, count] : tables) {
    ASSERT_GT(count, 0u);
    for (size_t i = 0; i < count; ++i) {
      EXPECT_GE(table[i].length, 1u) << Hex(table[i].cp);
      if (i > 0) {
        EXPECT_LT(table[i - 1].cp, table[i].cp) << Hex(table[i].cp);
      }
      EXPECT_EQ(FindMapping(table, count, table[i].cp), &table[i]);
    }
    EXPECT_EQ(FindMapping(table, count, table[count - 1].cp + 1), nullptr);
  }
  ASSERT_GT(kCompositionCount, 0u);
  for (size_t i = 1; i < kCompositionCount; ++i) {
    EXPECT_LT(kCompositions[i - 1].key, kCompositions[i].key) << i;
  }
}

TEST(UnicodeDataTest, PropertiesMatchIcu) {
  const icu::Normalizer2& nfc = Nfc();
  const icu::Normalizer2& nfkc = Nfkc();
  Mismatches ccc, white_space, punct_symbol, nfc_qc, nfkc_qc;
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    const UChar32 c = static_cast<UChar32>(cp);
    const uint32_t props = Properties(cp);
    if (Ccc(cp) != u_getCombiningClass(c)) {
      ccc.Add(Hex(cp) + " ccc " + std::to_string(Ccc(cp)) + " ICU " +
              std::to_string(u_getCombiningClass(c)));
    }
    if (((props & kPropWhiteSpace) != 0) != (u_isUWhiteSpace(c) != 0)) {
      white_space.Add(Hex(cp));
    }
    const bool icu_ps = (U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK)) != 0;
    if (((props & kPropPunctOrSymbol) != 0) != icu_ps)
      punct_symbol.Add(Hex(cp));
    const icu::UnicodeString s = FromCp(cp);
    UErrorCode status = U_ZERO_ERROR;
    const bool icu_nfc_yes = nfc.quickCheck(s, status) == UNORM_YES;
    const bool icu_nfkc_yes = nfkc.quickCheck(s, status) == UNORM_YES;
    ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    if (((props & kPropNfcQcYes) != 0) != icu_nfc_yes) nfc_qc.Add(Hex(cp));
    if (((props & kPropNfkcQcYes) != 0) != icu_nfkc_yes) nfkc_qc.Add(Hex(cp));
  }
  ccc.Report("Canonical_Combining_Class");
  white_space.Report("White_Space");
  punct_symbol.Report("General_Category P*/S*");
  nfc_qc.Report("NFC_Quick_Check=Yes");
  nfkc_qc.Report("NFKC_Quick_Check=Yes");
}

TEST(UnicodeDataTest, DecompositionsMatchIcu) {
  const icu::Normalizer2& nfd = Nfd();
  const icu::Normalizer2& nfkd = Nfkd();
  Mismatches canonical, compat;
  size_t canonical_seen = 0, compat_seen = 0;
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    const uint32_t props = Properties(cp);
    const icu::UnicodeString s = FromCp(cp);
    const std::u32string icu_nfd = Normalize(nfd, s);
    const std::u32string icu_nfkd = Normalize(nfkd, s);
    const MappingEntry* c =
        FindMapping(kCanonicalDecomp, kCanonicalDecompCount, cp);
    const MappingEntry* k = FindMapping(kCompatDecomp, kCompatDecompCount, cp);
    canonical_seen += c != nullptr;
    compat_seen += k != nullptr;
    if (((props & kPropCanonicalDecomp) != 0) != (c != nullptr)) {
      canonical.Add(Hex(cp) + " kPropCanonicalDecomp disagrees with table");
    }
    if (((props & kPropCompatDecomp) != 0) != (k != nullptr)) {
      compat.Add(Hex(cp) + " kPropCompatDecomp disagrees with table");
    }
    if (IsHangulSyllable(cp)) {
      if (c != nullptr || k != nullptr)
        canonical.Add(Hex(cp) + " Hangul listed");
      continue;
    }
    const std::u32string ours_nfd =
        c != nullptr ? MappingString(c) : std::u32string(1, cp);
    if (ours_nfd != icu_nfd) {
      canonical.Add(Hex(cp) + " NFD " + Hex(ours_nfd) + " ICU " + Hex(icu_nfd));
    }
    if (k != nullptr) {
      if (MappingString(k) != icu_nfkd || icu_nfkd == icu_nfd) {
        compat.Add(Hex(cp) + " NFKD " + Hex(MappingString(k)) + " ICU " +
                   Hex(icu_nfkd));
      }
    } else if (icu_nfkd != icu_nfd) {
      compat.Add(Hex(cp) + " missing, ICU NFKD " + Hex(icu_nfkd));
    }
  }
  canonical.Report("canonical decomposition");
  compat.Report("compatibility decomposition");
  EXPECT_EQ(canonical_seen, kCanonicalDecompCount);
  EXPECT_EQ(compat_seen, kCompatDecompCount);
}

TEST(UnicodeDataTest, CaseFoldingMatchesIcuExceptCanonicalSelfFoldings) {
  const icu::Normalizer2& nfd = Nfd();
  Mismatches folds;
  std::vector<char32_t> exceptions;
  size_t seen = 0;
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    const icu::UnicodeString original = FromCp(cp);
    icu::UnicodeString folded = original;
    folded.foldCase(U_FOLD_CASE_DEFAULT);
    const std::u32string icu_fold = ToU32(folded);
    const MappingEntry* e = FindMapping(kCaseFold, kCaseFoldCount, cp);
    seen += e != nullptr;
    if (((Properties(cp) & kPropCaseFolds) != 0) != (e != nullptr)) {
      folds.Add(Hex(cp) + " kPropCaseFolds disagrees with table");
    }
    if (icu_fold == std::u32string(1, cp)) {
      if (e != nullptr) folds.Add(Hex(cp) + " listed but ICU does not fold");
      continue;
    }
    // The documented exception: the folding is canonically equivalent to
    // the code point.
    const bool exception = Normalize(nfd, folded) == Normalize(nfd, original);
    if (exception) exceptions.push_back(cp);
    if (e == nullptr) {
      if (!exception) folds.Add(Hex(cp) + " missing, ICU " + Hex(icu_fold));
    } else if (exception) {
      folds.Add(Hex(cp) + " listed but its folding is canonically equivalent");
    } else if (MappingString(e) != icu_fold) {
      folds.Add(Hex(cp) + " folds to " + Hex(MappingString(e)) + " ICU " +
                Hex(icu_fold));
    }
  }
  folds.Report("case folding");
  EXPECT_EQ(seen, kCaseFoldCount);
  // U+0390 folds to U+03B9 U+0308 U+0301, whose NFC is U+0390.
  EXPECT_NE(std::find(exceptions.begin(), exceptions.end(), 0x0390),
            exceptions.end());
  EXPECT_LT(exceptions.size(), 64u) << "unexpectedly many exceptions";
}

TEST(UnicodeDataTest, PresentationNfkcMatchesIcu) {
  const icu::Normalizer2& nfkc = Nfkc();
  Mismatches mappings;
  size_t seen = 0;
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    const MappingEntry* e =
        FindMapping(kPresentationNfkc, kPresentationNfkcCount, cp);
    const bool in_range =
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    if (!in_range) {
      if (e != nullptr) mappings.Add(Hex(cp) + " outside the ranges");
      continue;
    }
    seen += e != nullptr;
    const std::u32string icu_nfkc = Normalize(nfkc, FromCp(cp));
    const std::u32string ours =
        e != nullptr ? MappingString(e) : std::u32string(1, cp);
    if (ours != icu_nfkc) {
      mappings.Add(Hex(cp) + " NFKC " + Hex(ours) + " ICU " + Hex(icu_nfkc));
    }
  }
  mappings.Report("presentation-form NFKC");
  EXPECT_EQ(seen, kPresentationNfkcCount);
  // U+FDFA expands to 18 code points (the documented 11x byte growth).
  const MappingEntry* fdfa =
      FindMapping(kPresentationNfkc, kPresentationNfkcCount, 0xFDFA);
  ASSERT_NE(fdfa, nullptr);
  EXPECT_EQ(fdfa->length, 18u);
}

TEST(UnicodeDataTest, CompositionTableAndForwardBitsMatchIcu) {
  std::set<std::pair<std::pair<char32_t, char32_t>, char32_t>> icu_pairs;
  std::set<char32_t> icu_firsts;
  for (const auto& entry : IcuPrimaryComposites()) {
    icu_firsts.insert(entry.first.first);
    if (!IsHangulSyllable(entry.second)) icu_pairs.insert(entry);
  }
  std::set<std::pair<std::pair<char32_t, char32_t>, char32_t>> ours;
  for (size_t i = 0; i < kCompositionCount; ++i) {
    const char32_t first = static_cast<char32_t>(kCompositions[i].key >> 21);
    const char32_t second =
        static_cast<char32_t>(kCompositions[i].key & ((1u << 21) - 1));
    ours.insert({{first, second}, kCompositions[i].composite});
  }
  Mismatches pairs;
  for (const auto& [pair, composite] : ours) {
    if (icu_pairs.count({pair, composite}) == 0) {
      pairs.Add("table has " + Hex(pair.first) + " + " + Hex(pair.second) +
                " -> " + Hex(composite));
    }
  }
  for (const auto& [pair, composite] : icu_pairs) {
    if (ours.count({pair, composite}) == 0) {
      pairs.Add("table lacks " + Hex(pair.first) + " + " + Hex(pair.second) +
                " -> " + Hex(composite));
    }
  }
  pairs.Report("kCompositions");
  EXPECT_EQ(ours.size(), kCompositionCount) << "duplicate entries";
  Mismatches forward;
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    const bool bit = (Properties(cp) & kPropComposesForward) != 0;
    if (bit != (icu_firsts.count(cp) != 0)) forward.Add(Hex(cp));
  }
  forward.Report("kPropComposesForward");
  EXPECT_EQ(icu_firsts.count(0x1100), 1u);  // Hangul L
  EXPECT_EQ(icu_firsts.count(0xAC00), 1u);  // Hangul LV
  EXPECT_EQ(icu_firsts.count(0xAC01), 0u);  // Hangul LVT
}

TEST(UnicodeDataTest, ComposeMatchesIcuComposePair) {
  const icu::Normalizer2& nfc = Nfc();
  // Seconds: every non-starter plus every second element of a composite.
  std::set<char32_t> seconds;
  std::set<char32_t> firsts;
  for (const auto& entry : IcuPrimaryComposites()) {
    firsts.insert(entry.first.first);
    seconds.insert(entry.first.second);
  }
  for (size_t i = 0; i < kCompositionCount; ++i) {
    firsts.insert(static_cast<char32_t>(kCompositions[i].key >> 21));
    seconds.insert(
        static_cast<char32_t>(kCompositions[i].key & ((1u << 21) - 1)));
  }
  for (char32_t cp = 0; cp <= kMaxCodePoint; ++cp) {
    if (IsSurrogate(cp)) continue;
    if (u_getCombiningClass(static_cast<UChar32>(cp)) != 0) seconds.insert(cp);
    if ((Properties(cp) & kPropComposesForward) != 0) firsts.insert(cp);
  }
  // Plus a deterministic spread of a few thousand other code points as firsts.
  for (char32_t cp = 0; cp <= kMaxCodePoint; cp += 257) {
    if (!IsSurrogate(cp)) firsts.insert(cp);
  }
  Mismatches compose;
  size_t composed = 0;
  for (char32_t a : firsts) {
    for (char32_t b : seconds) {
      const UChar32 icu =
          nfc.composePair(static_cast<UChar32>(a), static_cast<UChar32>(b));
      const char32_t expected = icu < 0 ? 0 : static_cast<char32_t>(icu);
      const char32_t got = Compose(a, b);
      composed += got != 0;
      if (got != expected) {
        compose.Add("Compose(" + Hex(a) + ", " + Hex(b) + ") = " + Hex(got) +
                    ", ICU " + Hex(expected));
      }
    }
  }
  compose.Report("Compose");
  // Every table pair, 19 * 21 L+V and 399 * 27 LV+T Hangul pairs.
  EXPECT_EQ(composed, kCompositionCount + 19 * 21 + 399 * 27);
  EXPECT_EQ(Compose(0x110000, 0x0301), 0u);
  EXPECT_EQ(Compose(0x0041, 0xFFFFFFFFu), 0u);
  EXPECT_EQ(Compose(0xAC00, 0x11A7), 0u);  // TIndex 0 is not a T jamo
  EXPECT_EQ(Compose(0xAC01, 0x11A8), 0u);  // LVT does not compose further
}

}  // namespace
}  // namespace detail
}  // namespace safi
