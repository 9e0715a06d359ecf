// SPDX-License-Identifier: Apache-2.0
// ICU-only reference implementation of core/SEMANTICS.md, written to be
// obviously correct rather than fast: every step is a direct ICU call.
#include "icu_reference.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace safi::icu_reference {
namespace {

// Prints `what` and the ICU error name and aborts if `status` is a failure.
void CheckIcu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "safi icu_reference: %s failed: %s\n", what,
                 u_errorName(status));
    std::abort();
  }
}

// The ICU normalizer of step 2 for `form`; never null.
const icu::Normalizer2* FormNormalizer(safi::Form form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = form == safi::Form::kNfc
                                  ? icu::Normalizer2::getNFCInstance(status)
                                  : icu::Normalizer2::getNFKCInstance(status);
  CheckIcu(status, "Normalizer2::get*Instance");
  return n;
}

const icu::Normalizer2* Nfkc() { return FormNormalizer(safi::Form::kNfkc); }

const icu::Normalizer2* Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  CheckIcu(status, "Normalizer2::getNFDInstance");
  return n;
}

// A frozen UnicodeSet built from an ICU set pattern.
icu::UnicodeSet MakeSet(const char* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString(pattern, -1, US_INV), status);
  CheckIcu(status, pattern);
  set.freeze();
  return set;
}

// What a rule of step 3 does to a code point of its set.
enum class Action {
  kDelete,            // the empty string
  kReplace,           // `replacement`
  kDigit,             // U+0030 + (cp - `replacement`)
  kPresentationNfkc,  // NFKC of the code point
  kCaseFold,          // full case folding unless canonically equivalent
};

struct RuleSpec {
  uint32_t operation;
  const char* set_pattern;  // the exact set from core/SEMANTICS.md
  Action action;
  UChar32 replacement;
};

// Step 3, in priority order: the first rule whose operation is enabled and
// whose set contains the code point applies.
constexpr RuleSpec kRuleSpecs[] = {
    // 3.1 deletions.
    {kRemoveTatweel, "[\\u0640]", Action::kDelete, 0},
    {kRemoveHarakat, "[\\u064B-\\u065F\\u0670]", Action::kDelete, 0},
    {kRemoveQuranicMarks,
     "[\\u0610-\\u061A\\u06D6-\\u06DC\\u06DF-\\u06E8\\u06EA-\\u06ED"
     "\\u08D3-\\u08E1\\u08E3-\\u08FF]",
     Action::kDelete, 0},
    {kRemoveBidiInvisible,
     "[\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064"
     "\\u2066-\\u2069\\uFEFF\\u00AD]",
     Action::kDelete, 0},
    {kRemoveZwnjZwj, "[\\u200C\\u200D]", Action::kDelete, 0},
    // 3.2 zwnj_to_space.
    {kZwnjToSpace, "[\\u200C]", Action::kReplace, 0x0020},
    // 3.3 letter and digit folds.
    {kFoldAlef, "[\\u0622\\u0623\\u0625\\u0671\\u0672\\u0673]",
     Action::kReplace, 0x0627},
    {kFoldAlefMaksura, "[\\u0649]", Action::kReplace, 0x064A},
    {kFoldTehMarbuta, "[\\u0629]", Action::kReplace, 0x0647},
    {kFoldPersianLetters, "[\\u06CC\\u06D0\\u06D2]", Action::kReplace, 0x064A},
    {kFoldPersianLetters, "[\\u06A9]", Action::kReplace, 0x0643},
    {kFoldPersianLetters, "[\\u06C0\\u06C1\\u06C2]", Action::kReplace, 0x0647},
    {kFoldDigits, "[\\u0660-\\u0669]", Action::kDigit, 0x0660},
    {kFoldDigits, "[\\u06F0-\\u06F9]", Action::kDigit, 0x06F0},
    {kFoldHamzaSeats, "[\\u0624]", Action::kReplace, 0x0648},
    {kFoldHamzaSeats, "[\\u0626]", Action::kReplace, 0x064A},
    // 3.4 presentation forms.
    {kPresentationForms,
     "[[\\uFB50-\\uFDFF\\uFE70-\\uFEFF]&[:NFKC_Quick_Check=No:]]",
     Action::kPresentationNfkc, 0},
    // 3.5 punctuation and symbols (General_Category P* and S*).
    {kPunctuationSymbolsToSpace, "[[:P:][:S:]]", Action::kReplace, 0x0020},
    // 3.6 case folding (applies to every code point).
    {kCaseFold, "[\\u0000-\\U0010FFFF]", Action::kCaseFold, 0},
};

struct Rule {
  RuleSpec spec;
  icu::UnicodeSet set;
};

// The rules of kRuleSpecs with their sets built; built once, immutable.
const std::vector<Rule>& Rules() {
  static const std::vector<Rule>* const rules = [] {
    auto* r = new std::vector<Rule>;
    for (const RuleSpec& spec : kRuleSpecs) {
      r->push_back(Rule{spec, MakeSet(spec.set_pattern)});
    }
    return r;
  }();
  return *rules;
}

// The union of the sets of every rule except case folding (whose set is
// every code point): a code point outside it is only ever case-folded. Lets
// ApplyOperations skip the other rules' lookups for most code points.
const icu::UnicodeSet& NonCaseFoldRuleCodePoints() {
  static const icu::UnicodeSet* const set = [] {
    auto* s = new icu::UnicodeSet;
    for (const Rule& rule : Rules()) {
      if (rule.spec.action != Action::kCaseFold) s->addAll(rule.set);
    }
    s->freeze();
    return s;
  }();
  return *set;
}

// Horizontal white space of step 4: White_Space minus the line breaks.
const icu::UnicodeSet& HorizontalSpace() {
  static const icu::UnicodeSet* const set = new icu::UnicodeSet(
      MakeSet("[[:White_Space:]-[\\u000A\\u000D\\u0085\\u2028\\u2029]]"));
  return *set;
}

// The line breaks of step 4 other than CR LF: CR, LF, NEL, LS, PS.
bool IsLineBreak(UChar32 c) {
  return c == 0x000A || c == 0x000D || c == 0x0085 || c == 0x2028 ||
         c == 0x2029;
}

// Full default case folding of c, or c itself when the folding is
// canonically equivalent to c (compared through NFD).
icu::UnicodeString CaseFold(UChar32 c) {
  const icu::UnicodeString original(c);
  icu::UnicodeString folded(original);
  folded.foldCase(U_FOLD_CASE_DEFAULT);
  if (folded == original) return original;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString nfd_folded = Nfd()->normalize(folded, status);
  const icu::UnicodeString nfd_original = Nfd()->normalize(original, status);
  CheckIcu(status, "NFD in CaseFold");
  return nfd_folded == nfd_original ? original : folded;
}

// The string that replaces code point c under `rule`.
icu::UnicodeString Apply(const RuleSpec& rule, UChar32 c) {
  switch (rule.action) {
    case Action::kDelete:
      return icu::UnicodeString();
    case Action::kReplace:
      return icu::UnicodeString(rule.replacement);
    case Action::kDigit:
      return icu::UnicodeString(
          static_cast<UChar32>(0x30 + c - rule.replacement));
    case Action::kPresentationNfkc: {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString result =
          Nfkc()->normalize(icu::UnicodeString(c), status);
      CheckIcu(status, "NFKC of a presentation form");
      return result;
    }
    case Action::kCaseFold:
      return CaseFold(c);
  }
  std::abort();
}

// Step 3: replaces every code point by the result of the first enabled rule
// whose set contains it (or keeps it when none does).
icu::UnicodeString ApplyOperations(const icu::UnicodeString& text,
                                   uint32_t operations) {
  icu::UnicodeString result;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    const bool only_case_fold = !NonCaseFoldRuleCodePoints().contains(c);
    bool matched = false;
    for (const Rule& rule : Rules()) {
      if (only_case_fold && rule.spec.action != Action::kCaseFold) continue;
      if ((operations & rule.spec.operation) != 0 && rule.set.contains(c)) {
        result.append(Apply(rule.spec, c));
        matched = true;
        break;
      }
    }
    if (!matched) result.append(c);
  }
  return result;
}

// Step 4, line_breaks: CR LF, CR, LF, NEL, LS, PS each become one LF.
icu::UnicodeString ApplyLineBreaks(const icu::UnicodeString& text) {
  icu::UnicodeString result;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c == 0x000D && i + 1 < text.length() && text.charAt(i + 1) == 0x000A) {
      continue;  // the LF that follows becomes the one LF of this CR LF
    }
    result.append(IsLineBreak(c) ? static_cast<UChar32>(0x000A) : c);
  }
  return result;
}

// Step 4, collapse_whitespace: each maximal run of horizontal white space
// becomes one U+0020, or nothing at the start or end of the text or next to
// an LF (the only line break that counts here; with line_breaks on, every
// line break is an LF by now).
icu::UnicodeString ApplyCollapseWhitespace(const icu::UnicodeString& text) {
  icu::UnicodeString result;
  int32_t i = 0;
  while (i < text.length()) {
    const UChar32 c = text.char32At(i);
    if (!HorizontalSpace().contains(c)) {
      result.append(c);
      i = text.moveIndex32(i, 1);
      continue;
    }
    const int32_t run_start = i;
    while (i < text.length() && HorizontalSpace().contains(text.char32At(i))) {
      i = text.moveIndex32(i, 1);
    }
    const bool at_start = run_start == 0;
    const bool at_end = i == text.length();
    const bool after_break =
        !at_start && text.char32At(text.moveIndex32(run_start, -1)) == 0x000A;
    const bool before_break = !at_end && text.char32At(i) == 0x000A;
    if (!at_start && !at_end && !after_break && !before_break) {
      result.append(static_cast<UChar32>(0x0020));
    }
  }
  return result;
}

// One round of steps 2-4.
icu::UnicodeString Round(const icu::UnicodeString& text,
                         const safi::Options& options) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result =
      FormNormalizer(options.form)->normalize(text, status);
  CheckIcu(status, "Normalizer2::normalize");
  result = ApplyOperations(result, options.operations);
  if ((options.operations & kLineBreaks) != 0) {
    result = ApplyLineBreaks(result);
  }
  if ((options.operations & kCollapseWhitespace) != 0) {
    result = ApplyCollapseWhitespace(result);
  }
  return result;
}

// The length of `in` as ICU's int32_t; aborts if it does not fit.
int32_t Int32Length(std::string_view in) {
  if (in.size() > static_cast<size_t>(INT32_MAX)) {
    std::fprintf(stderr, "safi icu_reference: input of %zu bytes too long\n",
                 in.size());
    std::abort();
  }
  return static_cast<int32_t>(in.size());
}

// Step 1 in kReplace mode: decodes `in` with one U+FFFD per maximal subpart
// of an ill-formed subsequence; *substitutions receives their number.
icu::UnicodeString DecodeWithSubstitution(std::string_view in,
                                          int32_t* substitutions) {
  const int32_t length = Int32Length(in);
  // Each input byte yields at most one UTF-16 code unit.
  const int32_t capacity = length > 0 ? length : 1;
  icu::UnicodeString text;
  UChar* buffer = text.getBuffer(capacity);
  int32_t decoded_length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(buffer, capacity, &decoded_length, in.data(), length,
                       0xFFFD, substitutions, &status);
  text.releaseBuffer(U_SUCCESS(status) ? decoded_length : 0);
  CheckIcu(status, "u_strFromUTF8WithSub");
  return text;
}

}  // namespace

size_t FirstIllFormedOffset(std::string_view in) {
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const int64_t length = static_cast<int64_t>(in.size());
  int64_t i = 0;
  while (i < length) {
    const int64_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

bool Normalize(std::string_view in, const safi::Options& options,
               std::string* out, size_t* error_offset) {
  out->clear();
  const size_t first_error = FirstIllFormedOffset(in);
  int32_t substitutions = 0;
  icu::UnicodeString text = DecodeWithSubstitution(in, &substitutions);
  if ((first_error == std::string_view::npos) != (substitutions == 0)) {
    std::fprintf(stderr,
                 "safi icu_reference: U8_NEXT and u_strFromUTF8WithSub "
                 "disagree on well-formedness (%d substitutions)\n",
                 substitutions);
    std::abort();
  }
  if (options.invalid == safi::InvalidUtf8::kError &&
      first_error != std::string_view::npos) {
    if (error_offset != nullptr) *error_offset = first_error;
    return false;
  }
  constexpr int kMaxRounds = 32;
  for (int round = 0;; ++round) {
    if (round == kMaxRounds) {
      std::fprintf(stderr,
                   "safi icu_reference: no fixed point after %d rounds; "
                   "core/SEMANTICS.md step 5 does not terminate here\n",
                   kMaxRounds);
      std::abort();
    }
    icu::UnicodeString next = Round(text, options);
    if (next == text) break;
    text = std::move(next);
  }
  text.toUTF8String(*out);
  return true;
}

safi::Options ReferenceProfileOptions(safi::Profile profile) {
  constexpr uint32_t kSearch = kRemoveTatweel | kRemoveHarakat |
                               kRemoveQuranicMarks | kRemoveBidiInvisible |
                               kZwnjToSpace | kFoldAlef | kFoldAlefMaksura |
                               kFoldTehMarbuta | kFoldPersianLetters |
                               kFoldDigits | kLineBreaks | kCollapseWhitespace;
  safi::Options options;
  switch (profile) {
    case safi::Profile::kNfc:
      options.form = safi::Form::kNfc;
      break;
    case safi::Profile::kNfkc:
      options.form = safi::Form::kNfkc;
      break;
    case safi::Profile::kSearch:
      options.form = safi::Form::kNfkc;
      options.operations = kSearch;
      break;
    case safi::Profile::kDedup:
      options.form = safi::Form::kNfkc;
      options.operations = kSearch | kRemoveZwnjZwj | kFoldHamzaSeats |
                           kPunctuationSymbolsToSpace | kCaseFold;
      break;
    case safi::Profile::kDisplay:
      options.form = safi::Form::kNfc;
      options.operations = kPresentationForms | kRemoveBidiInvisible |
                           kLineBreaks | kCollapseWhitespace;
      break;
  }
  return options;
}

bool IsNormalized(std::string_view utf8, safi::Form form) {
  if (FirstIllFormedOffset(utf8) != std::string_view::npos) return false;
  int32_t substitutions = 0;
  const icu::UnicodeString text = DecodeWithSubstitution(utf8, &substitutions);
  UErrorCode status = U_ZERO_ERROR;
  const bool normalized = FormNormalizer(form)->isNormalized(text, status);
  CheckIcu(status, "Normalizer2::isNormalized");
  return normalized;
}

std::string Escape(std::string_view bytes) {
  if (bytes.empty()) return "(empty)";
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int64_t length = static_cast<int64_t>(bytes.size());
  std::string result;
  char buffer[16];
  int64_t i = 0;
  while (i < length) {
    const int64_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (!result.empty()) result += ' ';
    if (c >= 0) {
      std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(c));
      result += buffer;
      continue;
    }
    result += '<';
    for (int64_t j = start; j < i; ++j) {
      std::snprintf(buffer, sizeof(buffer), j == start ? "%02X" : " %02X",
                    static_cast<unsigned>(s[j]));
      result += buffer;
    }
    result += '>';
  }
  return result;
}

std::string Utf8(char32_t cp) {
  uint8_t bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(cp));
  return std::string(reinterpret_cast<const char*>(bytes), length);
}

std::string IcuNfkcUtf8(std::string_view in) {
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  Nfkc()->normalizeUTF8(0, icu::StringPiece(in.data(), Int32Length(in)), sink,
                        nullptr, status);
  CheckIcu(status, "Normalizer2::normalizeUTF8");
  return out;
}

}  // namespace safi::icu_reference
