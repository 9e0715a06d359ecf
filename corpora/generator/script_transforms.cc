// SPDX-License-Identifier: Apache-2.0
// Tashkeel, presentation-form shaping and whitespace/invisible-character noise
// for generated text.

#include "script_transforms.h"

#include <algorithm>
#include <string>

namespace safi::corpus::internal {
namespace {

struct ShapingRow {
  char joining;  // 'D' dual, 'R' right, 'U' non-joining, 'C' join-causing
  char16_t isolated;
  char16_t final;
  char16_t initial;
  char16_t medial;
};

struct LamAlefRow {
  char16_t alef;
  char16_t isolated;
  char16_t final;
};

#include "arabic_shaping_table.inc"

constexpr char32_t kLam = 0x0644;
constexpr char32_t kAlef = 0x0627;
constexpr char32_t kAlefMaksura = 0x0649;
constexpr char32_t kTatweel = 0x0640;
constexpr char32_t kFathatan = 0x064B;
constexpr char32_t kDammatan = 0x064C;
constexpr char32_t kKasratan = 0x064D;
constexpr char32_t kFatha = 0x064E;
constexpr char32_t kDamma = 0x064F;
constexpr char32_t kKasra = 0x0650;
constexpr char32_t kShadda = 0x0651;
constexpr char32_t kSukun = 0x0652;
constexpr char32_t kSuperscriptAlef = 0x0670;
constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kZwj = 0x200D;
constexpr char32_t kNbsp = 0x00A0;
constexpr char32_t kAllahLigature = 0xFDF2;
constexpr char32_t kSallallahouLigature = 0xFDFA;

const ShapingRow& Row(char32_t letter) { return kShapingRows[letter - 0x0621]; }

bool IsDual(char32_t letter) { return Row(letter).joining == 'D'; }

// True if the letter accepts a join from the preceding letter.
bool JoinsBack(char32_t letter) {
  const char j = Row(letter).joining;
  return j == 'D' || j == 'R';
}

const LamAlefRow* LamAlef(char32_t alef) {
  for (const LamAlefRow& row : kLamAlefRows) {
    if (row.alef == alef) return &row;
  }
  return nullptr;
}

void AppendAll(std::u32string_view cps, std::string* out) {
  for (const char32_t cp : cps) AppendUtf8(cp, out);
}

// True for code points that make a neighbouring word keep its spelling:
// marks, tatweel and joiners.
bool IsSticky(char32_t cp) {
  return IsArabicMark(cp) || cp == kTatweel || cp == kZwnj || cp == kZwj;
}

bool IsSunLetter(char32_t cp) {
  switch (cp) {
    case 0x062A:
    case 0x062B:
    case 0x062F:
    case 0x0630:
    case 0x0631:
    case 0x0632:
    case 0x0633:
    case 0x0634:
    case 0x0635:
    case 0x0636:
    case 0x0637:
    case 0x0638:
    case 0x0644:
    case 0x0646:
      return true;
    default:
      return false;
  }
}

// Fixed vocalizations with superscript alef for a few common words.
struct FixedWord {
  std::u32string_view plain;
  std::u32string_view vocalized;
};
constexpr FixedWord kFixedWords[] = {
    {U"هذا", U"هٰذَا"},     {U"هذه", U"هٰذِهِ"},       {U"ذلك", U"ذٰلِكَ"},
    {U"لكن", U"لٰكِنَّ"},     {U"الله", U"اللّٰهِ"},     {U"هؤلاء", U"هٰؤُلَاءِ"},
    {U"أولئك", U"أُولٰئِكَ"}, {U"الرحمن", U"الرَّحْمٰنِ"},
};

// Cheap random draws: four 16-bit draws from each 64-bit PRNG output.
class BitSource {
 public:
  explicit BitSource(Rng* rng) : rng_(*rng) {}

  // A value in [0, n) for 1 <= n <= 65536.
  uint32_t Below(uint32_t n) {
    if (left_ == 0) {
      bits_ = rng_.Next();
      left_ = 4;
    }
    const uint32_t r = static_cast<uint32_t>(((bits_ & 0xFFFF) * n) >> 16);
    bits_ >>= 16;
    --left_;
    return r;
  }

  bool Chance(uint32_t per_mille) { return Below(1000) < per_mille; }

 private:
  Rng& rng_;
  uint64_t bits_ = 0;
  int left_ = 0;
};

char32_t RandomVowel(BitSource* rng, bool allow_sukun) {
  const uint32_t r = rng->Below(100);
  if (r < 40) return kFatha;
  if (r < 60) return kKasra;
  if (r < 75) return kDamma;
  return allow_sukun ? kSukun : kFatha;
}

// Writes a code point below U+0800 (all Arabic letters and marks) as two
// UTF-8 bytes at *p and advances *p.
inline void Put2(char32_t cp, char** p) {
  (*p)[0] = static_cast<char>(0xC0 | (cp >> 6));
  (*p)[1] = static_cast<char>(0x80 | (cp & 0x3F));
  *p += 2;
}

// At most this many UTF-8 bytes per letter: the letter, two marks, a
// tatweel and a mark on it, two bytes each.
constexpr size_t kMaxVocalizedLetterBytes = 10;

void VocalizeWord(std::u32string_view w, BitSource* rng, std::string* out) {
  for (const FixedWord& fixed : kFixedWords) {
    if (w == fixed.plain) {
      AppendAll(fixed.vocalized, out);
      return;
    }
  }
  const size_t n = w.size();
  const size_t start = out->size();
  out->resize(start + n * kMaxVocalizedLetterBytes);
  char* p = &(*out)[start];
  const bool article = n > 3 && w[0] == kAlef && w[1] == kLam;
  for (size_t k = 0; k < n; ++k) {
    const char32_t letter = w[k];
    Put2(letter, &p);
    const bool last = k + 1 == n;
    const char32_t next = last ? 0 : w[k + 1];
    if (letter == kAlef || letter == kAlefMaksura || letter == 0x0622) {
      continue;  // long vowels and madda carry no haraka here
    }
    if (article && k == 1) {
      if (!IsSunLetter(w[2])) Put2(kSukun, &p);
      continue;
    }
    char32_t vowel = 0;
    bool shadda = false;
    if (article && k == 2 && IsSunLetter(letter)) {
      shadda = true;
      vowel = RandomVowel(rng, false);
    } else if (last) {
      const uint32_t r = rng->Below(100);
      if (r < 12) {
        vowel = kDammatan;
      } else if (r < 24) {
        vowel = kKasratan;
      } else if (r < 30 && letter == 0x0629) {
        vowel = kFathatan;
      } else if (r < 90) {
        vowel = RandomVowel(rng, true);
      }
    } else if (next == kAlef || (next == kAlefMaksura && k + 2 == n)) {
      vowel = (next == kAlef && k + 2 == n && rng->Chance(400)) ? kFathatan
                                                                : kFatha;
    } else if (!rng->Chance(80)) {
      vowel = RandomVowel(rng, k > 0);
      shadda = k > 0 && vowel != kSukun && rng->Chance(300);
    }
    if (vowel == kFatha && !shadda && rng->Chance(8)) vowel = kSuperscriptAlef;
    if (shadda) {
      const bool shadda_first = rng->Chance(500);
      Put2(shadda_first ? kShadda : vowel, &p);
      Put2(shadda_first ? vowel : kShadda, &p);
    } else if (vowel != 0) {
      Put2(vowel, &p);
    }
    if (!last && IsDual(letter) && JoinsBack(next) && rng->Chance(25)) {
      Put2(kTatweel, &p);
      if (rng->Chance(300)) {
        Put2(rng->Chance(500) ? kFatha : kSuperscriptAlef, &p);
      }
    }
  }
  out->resize(static_cast<size_t>(p - out->data()));
}

// Copies `text` (valid UTF-8) to *out, except that every maximal run of
// Arabic letters not next to a mark, tatweel or joiner is handed to
// word_fn(word, raw) instead, which must append its own rendering of it
// (`raw` is its UTF-8 text).
template <typename WordFn>
void ForEachWord(std::string_view text, std::string* out, WordFn word_fn) {
  std::u32string word;
  size_t copied = 0;  // text[0, copied) has been handled
  size_t pos = 0;
  char32_t prev = 0;  // the code point before pos
  while (pos < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      prev = b;
      ++pos;
      continue;
    }
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    if (!IsArabicLetter(cp)) {
      prev = cp;
      continue;
    }
    word.assign(1, cp);
    size_t end = pos;
    char32_t after = 0;
    while (end < text.size()) {
      size_t next = end;
      const char32_t c = DecodeUtf8(text, &next);
      if (!IsArabicLetter(c)) {
        after = c;
        break;
      }
      word.push_back(c);
      end = next;
    }
    if (!IsSticky(prev) && !IsSticky(after)) {
      out->append(text.data() + copied, start - copied);
      word_fn(std::u32string_view(word), text.substr(start, end - start));
      copied = end;
    }
    prev = word.back();
    pos = end;
  }
  out->append(text.data() + copied, text.size() - copied);
}

}  // namespace

void Vocalize(std::string_view text, Rng* rng, std::string* out) {
  BitSource bits(rng);
  ForEachWord(text, out, [&](std::u32string_view word, std::string_view) {
    VocalizeWord(word, &bits, out);
  });
}

bool ShapeWord(std::u32string_view word, std::string* out) {
  if (word.empty()) return false;
  const size_t rollback = out->size();
  const size_t n = word.size();
  for (size_t k = 0; k < n; ++k) {
    const char32_t letter = word[k];
    const bool joins_prev = k > 0 && IsDual(word[k - 1]) && JoinsBack(letter);
    if (letter == kLam && k + 1 < n) {
      if (const LamAlefRow* lam_alef = LamAlef(word[k + 1])) {
        AppendUtf8(joins_prev ? lam_alef->final : lam_alef->isolated, out);
        ++k;
        continue;
      }
    }
    const bool joins_next =
        k + 1 < n && IsDual(letter) && JoinsBack(word[k + 1]);
    const ShapingRow& row = Row(letter);
    const char16_t form = joins_prev
                              ? (joins_next ? row.medial : row.final)
                              : (joins_next ? row.initial : row.isolated);
    if (form == 0) {
      out->resize(rollback);
      return false;
    }
    AppendUtf8(form, out);
  }
  return true;
}

void ToPresentationForms(std::string_view text, uint32_t per_mille, Rng* rng,
                         std::string* out) {
  ForEachWord(text, out, [&](std::u32string_view word, std::string_view raw) {
    if (word == U"الله" && rng->Chance(500)) {
      AppendUtf8(kAllahLigature, out);
      return;
    }
    if (!rng->Chance(per_mille) || !ShapeWord(word, out)) out->append(raw);
    if (word == U"النبي" && rng->Chance(600)) {
      out->push_back(' ');
      AppendUtf8(kSallallahouLigature, out);
    }
  });
}

Noiser::Noiser(const NoiseProfile& profile, uint64_t seed)
    : profile_(profile),
      rng_(seed),
      space_rate_(uint32_t{profile.double_space} + profile.nbsp + profile.tab),
      pair_rate_(uint32_t{profile.tatweel} + profile.zwnj),
      space_gap_(Gap(space_rate_, 1000)),
      pair_gap_(Gap(pair_rate_, 10000)) {}

uint32_t Noiser::Gap(uint32_t rate, uint32_t per) {
  if (rate == 0) return UINT32_MAX;
  const uint32_t mean = std::max<uint32_t>(per / rate, 1);
  return 1 + rng_.Below(2 * mean - 1);
}

void Noiser::AddLine(std::string_view line, bool arabic_digits,
                     std::string* out) {
  const size_t line_start = out->size();
  out->reserve(out->size() + line.size() + 16);
  size_t flushed = 0;  // line[0, flushed) is already in *out
  const auto flush = [&](size_t upto) {
    out->append(line.data() + flushed, upto - flushed);
    flushed = upto;
  };
  const auto digit_at = [&line](size_t i) {
    return i < line.size() && line[i] >= '0' && line[i] <= '9';
  };
  bool in_number = false;
  bool indic = false;
  char32_t prev = 0;
  size_t pos = 0;
  while (pos < line.size()) {
    const unsigned char b = static_cast<unsigned char>(line[pos]);
    if (b >= 0x80) {
      const size_t start = pos;
      const char32_t cp = DecodeUtf8(line, &pos);
      in_number = false;
      if (IsArabicLetter(cp) && IsArabicLetter(prev) && --pair_gap_ == 0) {
        pair_gap_ = Gap(pair_rate_, 10000);
        flush(start);
        if (rng_.Below(pair_rate_) < profile_.tatweel) {
          if (IsDual(prev) && JoinsBack(cp)) AppendUtf8(kTatweel, out);
        } else {
          AppendUtf8(kZwnj, out);
        }
      } else if (cp == 0x060C && profile_.spaced_comma && prev != ' ' &&
                 prev != 0) {
        flush(start);
        out->push_back(' ');
      }
      prev = cp;
      continue;
    }
    const char c = static_cast<char>(b);
    if (c >= '0' && c <= '9') {
      if (!in_number) {
        const bool after_word = (prev >= 'a' && prev <= 'z') ||
                                (prev >= 'A' && prev <= 'Z') || prev == '-';
        indic = arabic_digits && profile_.indic_digits > 0 && !after_word &&
                rng_.Chance(profile_.indic_digits);
        in_number = true;
      }
      if (indic) {
        flush(pos);
        AppendUtf8(0x0660 + static_cast<char32_t>(c - '0'), out);
        flushed = pos + 1;
      }
    } else if (in_number && c == '.' && digit_at(pos + 1)) {
      if (indic) {
        flush(pos);
        AppendUtf8(0x066B, out);  // Arabic decimal separator
        flushed = pos + 1;
      }
    } else {
      if (in_number && indic && c == '%') {
        flush(pos);
        AppendUtf8(0x066A, out);  // Arabic percent sign
        flushed = pos + 1;
      } else if (c == ' ' && --space_gap_ == 0) {
        space_gap_ = Gap(space_rate_, 1000);
        flush(pos);
        flushed = pos + 1;
        const uint32_t r = rng_.Below(space_rate_);
        if (r < profile_.double_space) {
          out->append("  ");
        } else if (r < uint32_t{profile_.double_space} + profile_.nbsp) {
          AppendUtf8(kNbsp, out);
        } else {
          out->push_back('\t');
        }
      }
      in_number = false;
    }
    prev = static_cast<char32_t>(b);
    ++pos;
  }
  flush(line.size());
  if (out->size() > line_start && rng_.Chance(profile_.trailing_space)) {
    switch (rng_.Below(4)) {
      case 0:
        out->append("  ");
        break;
      case 1:
        out->push_back('\t');
        break;
      case 2:
        AppendUtf8(kNbsp, out);
        break;
      default:
        out->push_back(' ');
        break;
    }
  }
  if (rng_.Chance(profile_.crlf)) out->push_back('\r');
}

}  // namespace safi::corpus::internal
