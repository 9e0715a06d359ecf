// SPDX-License-Identifier: Apache-2.0
// The naive oracle: Table 3-7 UTF-8 decoding and SEMANTICS.md normalization
// computed one code point at a time from the Unicode data files.
#include "naive_reference.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#ifndef SAFI_UCD_DIR
#error "SAFI_UCD_DIR must name the directory of the Unicode data files"
#endif

namespace safi::naive_reference {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// ---------------------------------------------------------------------------
// UTF-8, Unicode 15.0 Table 3-7.

struct ByteRange {
  uint8_t lo;
  uint8_t hi;
};

// One row of Table 3-7: a well-formed sequence of `length` bytes, the i-th
// byte within bytes[i].
struct WellFormedRow {
  int length;
  ByteRange bytes[4];
};

constexpr WellFormedRow kTable37[] = {
    {1, {{0x00, 0x7F}}},
    {2, {{0xC2, 0xDF}, {0x80, 0xBF}}},
    {3, {{0xE0, 0xE0}, {0xA0, 0xBF}, {0x80, 0xBF}}},
    {3, {{0xE1, 0xEC}, {0x80, 0xBF}, {0x80, 0xBF}}},
    {3, {{0xED, 0xED}, {0x80, 0x9F}, {0x80, 0xBF}}},
    {3, {{0xEE, 0xEF}, {0x80, 0xBF}, {0x80, 0xBF}}},
    {4, {{0xF0, 0xF0}, {0x90, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}}},
    {4, {{0xF1, 0xF3}, {0x80, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}}},
    {4, {{0xF4, 0xF4}, {0x80, 0x8F}, {0x80, 0xBF}, {0x80, 0xBF}}},
};

// Number of leading bytes of in[pos..] that match row (0..row.length).
int MatchedPrefix(std::string_view in, size_t pos, const WellFormedRow& row) {
  int matched = 0;
  while (matched < row.length && pos + matched < in.size()) {
    const uint8_t b = static_cast<uint8_t>(in[pos + matched]);
    if (b < row.bytes[matched].lo || b > row.bytes[matched].hi) break;
    ++matched;
  }
  return matched;
}

// Scalar value of a well-formed sequence of `length` bytes at in[pos].
char32_t ScalarValue(std::string_view in, size_t pos, int length) {
  static constexpr uint8_t kLeadMask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<uint8_t>(in[pos]) & kLeadMask[length];
  for (int i = 1; i < length; ++i) {
    cp = (cp << 6) | (static_cast<uint8_t>(in[pos + i]) & 0x3F);
  }
  return cp;
}

bool IsScalarValue(char32_t cp) {
  return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

// ---------------------------------------------------------------------------
// Unicode data files.

struct Decomposition {
  bool compatibility;  // the mapping has a <tag>
  std::u32string mapping;
};

struct CategoryRange {
  char32_t first;
  char32_t last;
  std::string category;
};

struct UnicodeTables {
  std::map<char32_t, std::string> general_category;  // single entries
  std::vector<CategoryRange> category_ranges;  // "<..., First>".."<..., Last>"
  std::map<char32_t, int> combining_class;     // non-zero classes only
  std::map<char32_t, Decomposition> decomposition;
  std::set<char32_t> full_composition_exclusion;
  std::set<char32_t> white_space;
  std::map<char32_t, std::u32string> case_folding;  // statuses C and F
  // <first, second> -> primary composite, from the canonical decomposition
  // mappings of length two that are not Full_Composition_Exclusion.
  std::map<std::pair<char32_t, char32_t>, char32_t> primary_composite;
};

[[noreturn]] void DataError(const std::string& file, const std::string& what) {
  std::fprintf(stderr, "naive_reference: %s/%s: %s\n", SAFI_UCD_DIR,
               file.c_str(), what.c_str());
  std::abort();
}

std::string Trim(const std::string& s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// Splits s at every `sep`, trimming each field.
std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(s);
  while (std::getline(stream, field, sep)) fields.push_back(Trim(field));
  if (!s.empty() && s.back() == sep) fields.push_back("");
  return fields;
}

char32_t ParseCodePoint(const std::string& file, const std::string& hex) {
  if (hex.empty() || hex.size() > 6 ||
      hex.find_first_not_of("0123456789ABCDEFabcdef") != std::string::npos) {
    DataError(file, "bad code point '" + hex + "'");
  }
  const char32_t cp = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
  if (cp > 0x10FFFF) DataError(file, "code point out of range: " + hex);
  return cp;
}

// Parses space-separated hex code points.
std::u32string ParseCodePoints(const std::string& file,
                               const std::string& text) {
  std::u32string cps;
  std::istringstream stream(text);
  std::string hex;
  while (stream >> hex) cps.push_back(ParseCodePoint(file, hex));
  return cps;
}

// Calls fn(fields) for every data line of a UCD file (comments after '#'
// removed, fields split at ';' and trimmed). Aborts if it cannot be read.
template <typename Fn>
void ForEachDataLine(const std::string& file, Fn fn) {
  std::ifstream stream(std::string(SAFI_UCD_DIR) + "/" + file);
  if (!stream) DataError(file, "cannot open");
  std::string line;
  int lines = 0;
  while (std::getline(stream, line)) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (Trim(line).empty()) continue;
    fn(Split(line, ';'));
    ++lines;
  }
  if (lines == 0) DataError(file, "no data lines");
}

// Calls fn(cp) for each code point of "XXXX" or "XXXX..YYYY".
template <typename Fn>
void ForEachInRange(const std::string& file, const std::string& range, Fn fn) {
  const size_t dots = range.find("..");
  const char32_t first = ParseCodePoint(file, range.substr(0, dots));
  const char32_t last = dots == std::string::npos
                            ? first
                            : ParseCodePoint(file, range.substr(dots + 2));
  for (char32_t cp = first; cp <= last; ++cp) fn(cp);
}

void LoadUnicodeData(UnicodeTables* t) {
  const std::string file = "UnicodeData.txt";
  char32_t range_first = 0;
  ForEachDataLine(file, [&](const std::vector<std::string>& f) {
    if (f.size() < 15) DataError(file, "short line for " + f[0]);
    const char32_t cp = ParseCodePoint(file, f[0]);
    const std::string& name = f[1];
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ", First>") == 0) {
      range_first = cp;
      return;
    }
    if (name.size() > 7 && name.compare(name.size() - 7, 7, ", Last>") == 0) {
      t->category_ranges.push_back({range_first, cp, f[2]});
      return;
    }
    t->general_category[cp] = f[2];
    const int ccc = std::stoi(f[3]);
    if (ccc != 0) t->combining_class[cp] = ccc;
    if (!f[5].empty()) {
      Decomposition d;
      d.compatibility = f[5][0] == '<';
      const std::string mapping =
          d.compatibility ? f[5].substr(f[5].find('>') + 1) : f[5];
      d.mapping = ParseCodePoints(file, mapping);
      if (d.mapping.empty()) DataError(file, "empty decomposition");
      t->decomposition[cp] = d;
    }
  });
}

// Adds every code point of the ranges whose property field is `property`.
void LoadBinaryProperty(const std::string& file, const std::string& property,
                        std::set<char32_t>* set) {
  ForEachDataLine(file, [&](const std::vector<std::string>& f) {
    if (f.size() >= 2 && f[1] == property) {
      ForEachInRange(file, f[0], [&](char32_t cp) { set->insert(cp); });
    }
  });
  if (set->empty()) DataError(file, "no " + property);
}

void LoadCaseFolding(UnicodeTables* t) {
  const std::string file = "CaseFolding.txt";
  ForEachDataLine(file, [&](const std::vector<std::string>& f) {
    if (f.size() < 3) DataError(file, "short line");
    if (f[1] == "C" || f[1] == "F") {
      t->case_folding[ParseCodePoint(file, f[0])] = ParseCodePoints(file, f[2]);
    }
  });
}

const UnicodeTables& Tables() {
  static const UnicodeTables* const tables = [] {
    auto* t = new UnicodeTables;
    LoadUnicodeData(t);
    LoadBinaryProperty("DerivedNormalizationProps.txt",
                       "Full_Composition_Exclusion",
                       &t->full_composition_exclusion);
    LoadBinaryProperty("PropList.txt", "White_Space", &t->white_space);
    LoadCaseFolding(t);
    for (const auto& [cp, d] : t->decomposition) {
      if (!d.compatibility && d.mapping.size() == 2 &&
          t->full_composition_exclusion.count(cp) == 0) {
        t->primary_composite[{d.mapping[0], d.mapping[1]}] = cp;
      }
    }
    return t;
  }();
  return *tables;
}

// ---------------------------------------------------------------------------
// Unicode normalization (Unicode 15.0 §3.11, §3.12).

int CombiningClass(char32_t cp) {
  const auto& ccc = Tables().combining_class;
  const auto it = ccc.find(cp);
  return it == ccc.end() ? 0 : it->second;
}

std::string GeneralCategory(char32_t cp) {
  const UnicodeTables& t = Tables();
  const auto it = t.general_category.find(cp);
  if (it != t.general_category.end()) return it->second;
  for (const CategoryRange& range : t.category_ranges) {
    if (cp >= range.first && cp <= range.last) return range.category;
  }
  return "Cn";
}

// Hangul syllable constants of §3.12.
constexpr char32_t kSBase = 0xAC00;
constexpr char32_t kLBase = 0x1100;
constexpr char32_t kVBase = 0x1161;
constexpr char32_t kTBase = 0x11A7;
constexpr char32_t kLCount = 19;
constexpr char32_t kVCount = 21;
constexpr char32_t kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount;
constexpr char32_t kSCount = kLCount * kNCount;

// Full canonical (or, with compatibility, compatibility) decomposition of one
// code point, applied recursively; not yet canonically ordered.
std::u32string Decompose(char32_t cp, bool compatibility) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    const char32_t s_index = cp - kSBase;
    std::u32string jamo = {kLBase + s_index / kNCount,
                           kVBase + (s_index % kNCount) / kTCount};
    if (s_index % kTCount != 0) jamo.push_back(kTBase + s_index % kTCount);
    return jamo;
  }
  const auto& decomposition = Tables().decomposition;
  const auto it = decomposition.find(cp);
  if (it == decomposition.end() ||
      (it->second.compatibility && !compatibility)) {
    return std::u32string(1, cp);
  }
  std::u32string result;
  for (char32_t c : it->second.mapping) result += Decompose(c, compatibility);
  return result;
}

// Canonical Ordering Algorithm (D109) as a bubble sort: swap adjacent
// <A, B> while ccc(A) > ccc(B) > 0.
void CanonicalOrder(std::u32string* s) {
  bool swapped = true;
  while (swapped) {
    swapped = false;
    for (size_t i = 0; i + 1 < s->size(); ++i) {
      const int a = CombiningClass((*s)[i]);
      const int b = CombiningClass((*s)[i + 1]);
      if (b != 0 && a > b) {
        std::swap((*s)[i], (*s)[i + 1]);
        swapped = true;
      }
    }
  }
}

// The primary composite canonically equivalent to <first, second>, or 0.
char32_t PrimaryComposite(char32_t first, char32_t second) {
  if (first >= kLBase && first < kLBase + kLCount && second >= kVBase &&
      second < kVBase + kVCount) {
    return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
  }
  if (first >= kSBase && first < kSBase + kSCount &&
      (first - kSBase) % kTCount == 0 && second > kTBase &&
      second < kTBase + kTCount) {
    return first + (second - kTBase);
  }
  const auto& composites = Tables().primary_composite;
  const auto it = composites.find({first, second});
  return it == composites.end() ? 0 : it->second;
}

// Canonical Composition Algorithm (D117): for each character C from the
// second on, find the last starter L before it by scanning back; if no
// character between them has ccc 0 or ccc >= ccc(C) (C is not blocked) and a
// primary composite P of <L, C> exists, L becomes P and C is deleted.
void Compose(std::u32string* s) {
  size_t i = 1;
  while (i < s->size()) {
    const int ccc_c = CombiningClass((*s)[i]);
    bool composed = false;
    size_t last_starter = i;
    for (size_t j = i; j-- > 0;) {
      if (CombiningClass((*s)[j]) == 0) {
        last_starter = j;
        break;
      }
    }
    if (last_starter != i) {
      bool blocked = false;
      for (size_t k = last_starter + 1; k < i; ++k) {
        const int ccc_b = CombiningClass((*s)[k]);
        if (ccc_b == 0 || ccc_b >= ccc_c) blocked = true;
      }
      const char32_t p =
          blocked ? 0 : PrimaryComposite((*s)[last_starter], (*s)[i]);
      if (p != 0) {
        (*s)[last_starter] = p;
        s->erase(i, 1);
        composed = true;
      }
    }
    if (!composed) ++i;
  }
}

std::u32string Nfd(std::u32string_view s, bool compatibility) {
  std::u32string result;
  for (char32_t cp : s) result += Decompose(cp, compatibility);
  CanonicalOrder(&result);
  return result;
}

std::u32string NormalizationForm(std::u32string_view s, bool compatibility) {
  std::u32string result = Nfd(s, compatibility);
  Compose(&result);
  return result;
}

// ---------------------------------------------------------------------------
// Per-code-point operations (SEMANTICS.md step 3, table "Operations").

bool In(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

bool IsTatweel(char32_t cp) { return cp == 0x0640; }

bool IsHaraka(char32_t cp) { return In(cp, 0x064B, 0x065F) || cp == 0x0670; }

bool IsQuranicMark(char32_t cp) {
  return In(cp, 0x0610, 0x061A) || In(cp, 0x06D6, 0x06DC) ||
         In(cp, 0x06DF, 0x06E8) || In(cp, 0x06EA, 0x06ED) ||
         In(cp, 0x08D3, 0x08E1) || In(cp, 0x08E3, 0x08FF);
}

bool IsBidiInvisible(char32_t cp) {
  return cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
         In(cp, 0x202A, 0x202E) || In(cp, 0x2060, 0x2064) ||
         In(cp, 0x2066, 0x2069) || cp == 0xFEFF || cp == 0x00AD;
}

bool IsZwnjOrZwj(char32_t cp) { return cp == 0x200C || cp == 0x200D; }

// The letter and digit folds of priority 3 (their sets are disjoint).
// Returns the replacement or 0 if none of the enabled folds matches.
char32_t LetterOrDigitFold(char32_t cp, uint32_t ops) {
  if ((ops & kFoldAlef) && (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 ||
                            In(cp, 0x0671, 0x0673))) {
    return 0x0627;
  }
  if ((ops & kFoldAlefMaksura) && cp == 0x0649) return 0x064A;
  if ((ops & kFoldTehMarbuta) && cp == 0x0629) return 0x0647;
  if (ops & kFoldPersianLetters) {
    if (cp == 0x06CC || cp == 0x06D0 || cp == 0x06D2) return 0x064A;
    if (cp == 0x06A9) return 0x0643;
    if (In(cp, 0x06C0, 0x06C2)) return 0x0647;
  }
  if (ops & kFoldDigits) {
    if (In(cp, 0x0660, 0x0669)) return U'0' + (cp - 0x0660);
    if (In(cp, 0x06F0, 0x06F9)) return U'0' + (cp - 0x06F0);
  }
  if (ops & kFoldHamzaSeats) {
    if (cp == 0x0624) return 0x0648;
    if (cp == 0x0626) return 0x064A;
  }
  return 0;
}

bool IsPunctuationOrSymbol(char32_t cp) {
  static const std::set<std::string> kCategories = {
      "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"};
  return kCategories.count(GeneralCategory(cp)) != 0;
}

// F(cp): the replacement of one code point under ops, first matching rule
// in SEMANTICS.md priority order; the code point itself if none matches.
std::u32string ApplyOperations(char32_t cp, uint32_t ops) {
  if ((ops & kRemoveTatweel) && IsTatweel(cp)) return U"";
  if ((ops & kRemoveHarakat) && IsHaraka(cp)) return U"";
  if ((ops & kRemoveQuranicMarks) && IsQuranicMark(cp)) return U"";
  if ((ops & kRemoveBidiInvisible) && IsBidiInvisible(cp)) return U"";
  if ((ops & kRemoveZwnjZwj) && IsZwnjOrZwj(cp)) return U"";
  if ((ops & kZwnjToSpace) && cp == 0x200C) return U" ";
  if (const char32_t folded = LetterOrDigitFold(cp, ops); folded != 0) {
    return std::u32string(1, folded);
  }
  if ((ops & kPresentationForms) &&
      (In(cp, 0xFB50, 0xFDFF) || In(cp, 0xFE70, 0xFEFF))) {
    std::u32string nfkc =
        NormalizationForm(std::u32string(1, cp), /*compatibility=*/true);
    if (nfkc != std::u32string(1, cp)) return nfkc;
  }
  if ((ops & kPunctuationSymbolsToSpace) && IsPunctuationOrSymbol(cp)) {
    return U" ";
  }
  if (ops & kCaseFold) {
    const auto& folding = Tables().case_folding;
    const auto it = folding.find(cp);
    if (it != folding.end() &&
        Nfd(it->second, false) != Nfd(std::u32string(1, cp), false)) {
      return it->second;
    }
  }
  return std::u32string(1, cp);
}

// ---------------------------------------------------------------------------
// Whitespace rules (SEMANTICS.md step 4).

bool IsLineBreakCharacter(char32_t cp) {
  return cp == 0x000A || cp == 0x000D || cp == 0x0085 || cp == 0x2028 ||
         cp == 0x2029;
}

bool IsHorizontalWhiteSpace(char32_t cp) {
  return Tables().white_space.count(cp) != 0 && !IsLineBreakCharacter(cp);
}

// CR LF, CR, LF, U+0085, U+2028, U+2029 -> one LF each.
std::u32string UnifyLineBreaks(std::u32string_view s) {
  std::u32string result;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 0x000D && i + 1 < s.size() && s[i + 1] == 0x000A) continue;
    result.push_back(IsLineBreakCharacter(s[i]) ? 0x000A : s[i]);
  }
  return result;
}

// Each maximal run of horizontal white space becomes one U+0020, or nothing
// at the start or end of the text or next to an LF.
std::u32string CollapseWhiteSpace(std::u32string_view s) {
  std::u32string result;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsHorizontalWhiteSpace(s[i])) {
      result.push_back(s[i++]);
      continue;
    }
    const size_t run_start = i;
    while (i < s.size() && IsHorizontalWhiteSpace(s[i])) ++i;
    const bool at_start = run_start == 0;
    const bool at_end = i == s.size();
    const bool after_lf = !at_start && s[run_start - 1] == 0x000A;
    const bool before_lf = !at_end && s[i] == 0x000A;
    if (!at_start && !at_end && !after_lf && !before_lf) result.push_back(' ');
  }
  return result;
}

// One round of steps 2-4.
std::u32string Round(std::u32string_view s, const Options& options) {
  const std::u32string normalized =
      NormalizationForm(s, options.form == Form::kNfkc);
  std::u32string text;
  for (char32_t cp : normalized)
    text += ApplyOperations(cp, options.operations);
  if (options.operations & kLineBreaks) text = UnifyLineBreaks(text);
  if (options.operations & kCollapseWhitespace) text = CollapseWhiteSpace(text);
  return text;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view in, size_t* first_error) {
  std::u32string cps;
  size_t error = SIZE_MAX;
  size_t pos = 0;
  while (pos < in.size()) {
    int longest_prefix = 0;
    int well_formed_length = 0;
    for (const WellFormedRow& row : kTable37) {
      const int matched = MatchedPrefix(in, pos, row);
      if (matched == row.length) well_formed_length = row.length;
      if (matched > longest_prefix) longest_prefix = matched;
    }
    if (well_formed_length != 0) {
      cps.push_back(ScalarValue(in, pos, well_formed_length));
      pos += well_formed_length;
    } else {
      if (error == SIZE_MAX) error = pos;
      cps.push_back(kReplacement);
      pos += longest_prefix > 0 ? longest_prefix : 1;
    }
  }
  if (first_error != nullptr) *first_error = error;
  return cps;
}

std::string EncodeUtf8(std::u32string_view cps) {
  std::string out;
  for (char32_t cp : cps) {
    if (!IsScalarValue(cp)) cp = kReplacement;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

bool Normalize(std::string_view in, const safi::Options& options,
               std::string* out, size_t* error_offset) {
  size_t first_error = SIZE_MAX;
  std::u32string text = DecodeUtf8(in, &first_error);
  if (options.invalid == InvalidUtf8::kError && first_error != SIZE_MAX) {
    out->clear();
    if (error_offset != nullptr) *error_offset = first_error;
    return false;
  }
  constexpr int kMaxRounds = 64;
  for (int round = 0;; ++round) {
    if (round == kMaxRounds) {
      std::fprintf(stderr,
                   "naive_reference: no fixed point after %d rounds for "
                   "input of %zu bytes\n",
                   kMaxRounds, in.size());
      std::abort();
    }
    std::u32string next = Round(text, options);
    if (next == text) break;
    text = std::move(next);
  }
  *out = EncodeUtf8(text);
  return true;
}

}  // namespace safi::naive_reference
