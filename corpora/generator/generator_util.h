// SPDX-License-Identifier: Apache-2.0
// Portable pseudo-random numbers, array views and UTF-8 helpers shared by the
// corpus generator.
#ifndef SAFI_CORPORA_GENERATOR_GENERATOR_UTIL_H_
#define SAFI_CORPORA_GENERATOR_GENERATOR_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace safi::corpus::internal {

// The splitmix64 finalizer: a bijection of 64-bit values with good avalanche.
constexpr uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Derives an independent 64-bit seed from a seed and a stream number.
constexpr uint64_t Mix(uint64_t seed, uint64_t stream) {
  return SplitMix64(seed ^ SplitMix64(stream + 0x632BE59BD9B4E019ull));
}

// xoshiro256** seeded through splitmix64. Only integer arithmetic, so the
// sequence is the same on every platform and compiler.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) {
      seed = SplitMix64(seed);
      word = seed;
    }
  }

  // The next 64 uniformly distributed bits.
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // A value in [0, n); n must be at least 1. Multiply-shift reduction of the
  // top 32 bits (bias below 2^-32 * n, irrelevant here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * n) >> 32);
  }

  // A value in [lo, hi]; requires lo <= hi.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }

  // True with probability per_mille / 1000.
  bool Chance(uint32_t per_mille) { return Below(1000) < per_mille; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// A read-only view of a constant array (the project is C++17, without
// std::span).
template <typename T>
struct Span {
  const T* data;
  size_t size;
  const T& operator[](size_t i) const { return data[i]; }
  const T* begin() const { return data; }
  const T* end() const { return data + size; }
};

template <typename T, size_t N>
constexpr Span<T> MakeSpan(const T (&array)[N]) {
  return Span<T>{array, N};
}

// A uniformly chosen element of a non-empty span.
template <typename T>
const T& Pick(Rng& rng, Span<T> items) {
  return items[rng.Below(static_cast<uint32_t>(items.size))];
}

// Appends the UTF-8 encoding of a Unicode scalar value (not a surrogate,
// at most U+10FFFF).
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the code point that starts at text[*pos] and advances *pos past
// it. `text` must be valid UTF-8 (the generator only decodes its own output)
// and *pos < text.size() must start a character.
inline char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
  };
  const char32_t b0 = byte(*pos);
  if (b0 < 0x80) {
    *pos += 1;
    return b0;
  }
  if (b0 < 0xE0) {
    const char32_t cp = ((b0 & 0x1F) << 6) | (byte(*pos + 1) & 0x3F);
    *pos += 2;
    return cp;
  }
  if (b0 < 0xF0) {
    const char32_t cp = ((b0 & 0x0F) << 12) | ((byte(*pos + 1) & 0x3F) << 6) |
                        (byte(*pos + 2) & 0x3F);
    *pos += 3;
    return cp;
  }
  const char32_t cp = ((b0 & 0x07) << 18) | ((byte(*pos + 1) & 0x3F) << 12) |
                      ((byte(*pos + 2) & 0x3F) << 6) | (byte(*pos + 3) & 0x3F);
  *pos += 4;
  return cp;
}

// True for the Arabic letters U+0621..U+064A other than tatweel U+0640.
constexpr bool IsArabicLetter(char32_t cp) {
  return cp >= 0x0621 && cp <= 0x064A && cp != 0x0640;
}

// True for the Arabic harakat, tanween, shadda and sukun U+064B..U+0652 and
// the superscript alef U+0670.
constexpr bool IsArabicMark(char32_t cp) {
  return (cp >= 0x064B && cp <= 0x0652) || cp == 0x0670;
}

}  // namespace safi::corpus::internal

#endif  // SAFI_CORPORA_GENERATOR_GENERATOR_UTIL_H_
