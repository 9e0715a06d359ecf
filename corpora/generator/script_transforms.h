// SPDX-License-Identifier: Apache-2.0
// Rewrites of generated text: full tashkeel, Arabic presentation forms, and
// crawl-like noise.
#ifndef SAFI_CORPORA_GENERATOR_SCRIPT_TRANSFORMS_H_
#define SAFI_CORPORA_GENERATOR_SCRIPT_TRANSFORMS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "generator_util.h"

namespace safi::corpus::internal {

// Appends `text` (valid UTF-8) to *out with tashkeel added to its Arabic
// words: a haraka or tanween on most letters, shadda + haraka on about one
// letter in ten (in both orders: shadda first, which is not canonical, and
// haraka first), sun-letter assimilation after the article, a few fixed words
// with superscript alef U+0670, and some extra tatweel. Words that already
// carry a mark are copied unchanged. The result is valid UTF-8.
void Vocalize(std::string_view text, Rng* rng, std::string* out);

// Appends `text` (valid UTF-8) to *out with about per_mille/1000 of its
// Arabic words (runs of U+0621..U+064A not touching a mark, tatweel or
// joiner) written in presentation forms U+FE70..U+FEFF, including the
// lam-alef ligatures. "الله" becomes U+FDF2 half of the time, and "النبي" is
// followed by " U+FDFA" more than half of the time. Valid UTF-8 out.
void ToPresentationForms(std::string_view text, uint32_t per_mille, Rng* rng,
                         std::string* out);

// Appends to *out the presentation forms of `word`, which must consist of
// Arabic letters U+0621..U+064A other than tatweel, shaped as one word in
// logical order: each letter takes its isolated, final, initial or medial
// form from its own and its neighbours' joining types (ArabicShaping.txt),
// and lam + alef becomes a lam-alef ligature. Returns false and appends
// nothing when some letter has no such form in U+FE70..U+FEFF (for example
// a non-final alef maksura) or the word is empty.
bool ShapeWord(std::u32string_view word, std::string* out);

// How noisy a site's pages are. Rates are per mille, except the per-letter
// ones, which are per 10,000.
struct NoiseProfile {
  uint16_t indic_digits = 0;    // per number: written with U+0660..U+0669
  bool spaced_comma = false;    // a space before every Arabic comma
  uint16_t double_space = 0;    // per space: doubled
  uint16_t nbsp = 0;            // per space: U+00A0 instead
  uint16_t tab = 0;             // per space: a tab instead
  uint16_t tatweel = 0;         // per 10,000 joined letter pairs: U+0640
  uint16_t zwnj = 0;            // per 10,000 letter pairs: U+200C
  uint16_t trailing_space = 0;  // per line: trailing whitespace
  uint16_t crlf = 0;            // per line: ends with CR (before the LF)
};

// Adds crawl-like noise to the lines of one page. Rare events are spaced by
// random gaps that carry over from line to line, so rates hold for short
// lines too.
class Noiser {
 public:
  Noiser(const NoiseProfile& profile, uint64_t seed);

  // Appends `line` (valid UTF-8, no LF) to *out with noise. Digit runs are
  // converted only when `arabic_digits` is set (lines of Arabic prose); then
  // "." between digits becomes U+066B and a following "%" U+066A. Never
  // makes a non-blank line blank, never adds a LF. Valid UTF-8 out.
  void AddLine(std::string_view line, bool arabic_digits, std::string* out);

 private:
  // A gap with mean `per` / `rate` events (uniform in [1, 2 * mean - 1]),
  // or "never" for a zero rate.
  uint32_t Gap(uint32_t rate, uint32_t per);

  NoiseProfile profile_;
  Rng rng_;
  uint32_t space_rate_;  // per mille of spaces that get an event
  uint32_t pair_rate_;   // per 10,000 letter pairs that get an event
  uint32_t space_gap_;
  uint32_t pair_gap_;
};

}  // namespace safi::corpus::internal

#endif  // SAFI_CORPORA_GENERATOR_SCRIPT_TRANSFORMS_H_
