// SPDX-License-Identifier: Apache-2.0
// Seeded generator of random byte strings biased to what breaks Arabic text
// normalizers: letters, marks, presentation forms, invisibles, white space,
// case-folding and compatibility characters, and ill-formed UTF-8.
#ifndef SAFI_TESTS_DIFFERENTIAL_RANDOM_TEXT_H_
#define SAFI_TESTS_DIFFERENTIAL_RANDOM_TEXT_H_

#include <cstdint>
#include <random>
#include <string>

namespace safi::differential {

class RandomText {
 public:
  explicit RandomText(uint64_t seed) : rng_(seed) {}

  // The next string: 0 to about 200 pieces, each a code point, a short
  // sequence (CR LF, a run of spaces) or an ill-formed byte sequence.
  // Deterministic for a given seed and call count.
  std::string Next();

  // The generator's engine, for callers that need more seeded randomness.
  std::mt19937_64* rng() { return &rng_; }

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  char32_t InRange(char32_t lo, char32_t hi) {
    return lo + static_cast<char32_t>(Below(hi - lo + 1));
  }
  void AppendPiece(std::string* out);
  void AppendIllFormed(std::string* out);

  std::mt19937_64 rng_;
};

}  // namespace safi::differential

#endif  // SAFI_TESTS_DIFFERENTIAL_RANDOM_TEXT_H_
