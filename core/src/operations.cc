// SPDX-License-Identifier: Apache-2.0
// Operation and profile definitions: exact code-point sets, names, priority.
#include "operations.h"

#include "safi/normalizer.h"
#include "safi_version.h"
#include "unicode_data.h"

namespace safi {
namespace detail {
namespace {

Mapping Unchanged() { return {-1, nullptr, 0}; }
Mapping Deleted() { return {0, nullptr, 0}; }
Mapping To(char32_t cp) { return {1, nullptr, cp}; }

bool InRange(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

bool IsQuranicMark(char32_t cp) {
  return InRange(cp, 0x0610, 0x061A) || InRange(cp, 0x06D6, 0x06DC) ||
         InRange(cp, 0x06DF, 0x06E8) || InRange(cp, 0x06EA, 0x06ED) ||
         InRange(cp, 0x08D3, 0x08E1) || InRange(cp, 0x08E3, 0x08FF);
}

bool IsBidiInvisible(char32_t cp) {
  return cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
         InRange(cp, 0x202A, 0x202E) || InRange(cp, 0x2060, 0x2064) ||
         InRange(cp, 0x2066, 0x2069) || cp == 0xFEFF || cp == 0x00AD;
}

// Letter and digit folds; 0 when none applies.
char32_t FoldLetter(char32_t cp, uint32_t ops) {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672:
    case 0x0673:
      return (ops & kFoldAlef) ? 0x0627 : 0;
    case 0x0649:
      return (ops & kFoldAlefMaksura) ? 0x064A : 0;
    case 0x0629:
      return (ops & kFoldTehMarbuta) ? 0x0647 : 0;
    case 0x06CC: case 0x06D0: case 0x06D2:
      return (ops & kFoldPersianLetters) ? 0x064A : 0;
    case 0x06A9:
      return (ops & kFoldPersianLetters) ? 0x0643 : 0;
    case 0x06C0: case 0x06C1: case 0x06C2:
      return (ops & kFoldPersianLetters) ? 0x0647 : 0;
    case 0x0624:
      return (ops & kFoldHamzaSeats) ? 0x0648 : 0;
    case 0x0626:
      return (ops & kFoldHamzaSeats) ? 0x064A : 0;
    default:
      break;
  }
  if (ops & kFoldDigits) {
    if (InRange(cp, 0x0660, 0x0669)) return U'0' + (cp - 0x0660);
    if (InRange(cp, 0x06F0, 0x06F9)) return U'0' + (cp - 0x06F0);
  }
  return 0;
}

Mapping FromTable(const MappingEntry* e) {
  return {static_cast<int>(e->length), kMappingPool + e->offset, 0};
}

}  // namespace

Mapping MapCodePoint(char32_t cp, uint32_t ops) {
  // Deletions.
  if (cp == 0x0640 && (ops & kRemoveTatweel)) return Deleted();
  if ((InRange(cp, 0x064B, 0x065F) || cp == 0x0670) && (ops & kRemoveHarakat)) {
    return Deleted();
  }
  if ((ops & kRemoveQuranicMarks) && IsQuranicMark(cp)) return Deleted();
  if ((ops & kRemoveBidiInvisible) && IsBidiInvisible(cp)) return Deleted();
  if ((cp == 0x200C || cp == 0x200D) && (ops & kRemoveZwnjZwj)) return Deleted();
  if (cp == 0x200C && (ops & kZwnjToSpace)) return To(0x20);
  // Letter and digit folds.
  if (const char32_t folded = FoldLetter(cp, ops)) return To(folded);
  if ((ops & kPresentationForms) &&
      (InRange(cp, 0xFB50, 0xFDFF) || InRange(cp, 0xFE70, 0xFEFF))) {
    if (const MappingEntry* e =
            FindMapping(kPresentationNfkc, kPresentationNfkcCount, cp)) {
      return FromTable(e);
    }
  }
  const uint32_t props = Properties(cp);
  if ((ops & kPunctuationSymbolsToSpace) && (props & kPropPunctOrSymbol)) {
    return To(0x20);
  }
  if ((ops & safi::kCaseFold) && (props & kPropCaseFolds)) {
    return FromTable(FindMapping(kCaseFold, kCaseFoldCount, cp));
  }
  return Unchanged();
}

bool IsLineBreak(char32_t cp, uint32_t ops) {
  if (cp == 0x0A) return true;
  return (ops & kLineBreaks) &&
         (cp == 0x0D || cp == 0x85 || cp == 0x2028 || cp == 0x2029);
}

bool IsHorizontalSpace(char32_t cp) {
  return (Properties(cp) & kPropWhiteSpace) && cp != 0x0A && cp != 0x0D &&
         cp != 0x85 && cp != 0x2028 && cp != 0x2029;
}

}  // namespace detail

const char* Version() { return SAFI_VERSION_STRING; }
const char* UnicodeVersion() { return detail::kUnicodeVersion; }

namespace {

constexpr uint32_t kWhitespaceRules = kLineBreaks | kCollapseWhitespace;
constexpr uint32_t kSearchOperations =
    kRemoveTatweel | kRemoveHarakat | kRemoveQuranicMarks |
    kRemoveBidiInvisible | kZwnjToSpace | kFoldAlef | kFoldAlefMaksura |
    kFoldTehMarbuta | kFoldPersianLetters | kFoldDigits | kWhitespaceRules;
constexpr uint32_t kDedupOperations = kSearchOperations | kRemoveZwnjZwj |
                                      kFoldHamzaSeats |
                                      kPunctuationSymbolsToSpace | kCaseFold;
constexpr uint32_t kDisplayOperations =
    kPresentationForms | kRemoveBidiInvisible | kWhitespaceRules;

}  // namespace

Options ProfileOptions(Profile profile) {
  Options o;
  switch (profile) {
    case Profile::kSearch:
      o.form = Form::kNfkc;
      o.operations = kSearchOperations;
      break;
    case Profile::kDedup:
      o.form = Form::kNfkc;
      o.operations = kDedupOperations;
      break;
    case Profile::kDisplay:
      o.form = Form::kNfc;
      o.operations = kDisplayOperations;
      break;
    case Profile::kNfc:
      o.form = Form::kNfc;
      break;
    case Profile::kNfkc:
      o.form = Form::kNfkc;
      break;
  }
  return o;
}

std::vector<Profile> AllProfiles() {
  return {Profile::kSearch, Profile::kDedup, Profile::kDisplay, Profile::kNfc,
          Profile::kNfkc};
}

const char* ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kSearch: return "search";
    case Profile::kDedup: return "dedup";
    case Profile::kDisplay: return "display";
    case Profile::kNfc: return "nfc";
    case Profile::kNfkc: return "nfkc";
  }
  return "";
}

bool ParseProfile(std::string_view name, Profile* profile) {
  for (Profile p : AllProfiles()) {
    if (name == ProfileName(p)) {
      *profile = p;
      return true;
    }
  }
  return false;
}

uint32_t ProfileVersion(Profile) { return 1; }

const std::vector<OperationInfo>& Operations() {
  static const std::vector<OperationInfo> kOperations = {
      {kRemoveTatweel, "remove_tatweel", "delete U+0640"},
      {kRemoveHarakat, "remove_harakat", "delete U+064B..U+065F, U+0670"},
      {kRemoveQuranicMarks, "remove_quranic_marks",
       "delete U+0610..U+061A, U+06D6..U+06DC, U+06DF..U+06E8, "
       "U+06EA..U+06ED, U+08D3..U+08E1, U+08E3..U+08FF"},
      {kRemoveBidiInvisible, "remove_bidi_invisible",
       "delete U+061C, U+200B, U+200E, U+200F, U+202A..U+202E, "
       "U+2060..U+2064, U+2066..U+2069, U+FEFF, U+00AD"},
      {kRemoveZwnjZwj, "remove_zwnj_zwj", "delete U+200C, U+200D"},
      {kZwnjToSpace, "zwnj_to_space", "U+200C -> U+0020"},
      {kFoldAlef, "fold_alef",
       "U+0622 U+0623 U+0625 U+0671 U+0672 U+0673 -> U+0627"},
      {kFoldAlefMaksura, "fold_alef_maksura", "U+0649 -> U+064A"},
      {kFoldTehMarbuta, "fold_teh_marbuta", "U+0629 -> U+0647"},
      {kFoldPersianLetters, "fold_persian_letters",
       "U+06CC U+06D0 U+06D2 -> U+064A; U+06A9 -> U+0643; "
       "U+06C0 U+06C1 U+06C2 -> U+0647"},
      {kFoldDigits, "fold_digits",
       "U+0660..U+0669 and U+06F0..U+06F9 -> ASCII 0..9"},
      {kFoldHamzaSeats, "fold_hamza_seats", "U+0624 -> U+0648; U+0626 -> U+064A"},
      {kPresentationForms, "presentation_forms",
       "U+FB50..U+FDFF, U+FE70..U+FEFF -> their NFKC"},
      {kPunctuationSymbolsToSpace, "punctuation_symbols_to_space",
       "General_Category P* and S* -> U+0020"},
      {kCaseFold, "case_fold",
       "full case folding (C+F); code points whose folding is canonically "
       "equivalent to themselves are kept"},
      {kLineBreaks, "line_breaks", "CRLF, CR, U+0085, U+2028, U+2029 -> LF"},
      {kCollapseWhitespace, "collapse_whitespace",
       "runs of horizontal White_Space -> one U+0020; none at line start or "
       "end"},
  };
  return kOperations;
}

}  // namespace safi
