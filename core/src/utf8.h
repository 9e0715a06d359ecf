// SPDX-License-Identifier: Apache-2.0
// UTF-8 decoding with U+FFFD substitution of maximal subparts, and encoding.
#ifndef SAFI_CORE_SRC_UTF8_H_
#define SAFI_CORE_SRC_UTF8_H_

#include <cstddef>
#include <cstdint>

namespace safi {
namespace detail {

struct DecodedChar {
  char32_t cp;        // the code point, or U+FFFD when !well_formed
  uint8_t length;     // bytes consumed: the sequence, or the maximal subpart
  bool well_formed;   // false for an ill-formed maximal subpart
  bool truncated;     // ill-formed only because the input ended early: the
                      // bytes are a proper prefix of a well-formed sequence
};

// Decodes the sequence starting at p[0], reading at most avail >= 1 bytes
// (Unicode 15.0 Table 3-7). An ill-formed sequence consumes its maximal
// subpart (at least 1 byte) and yields U+FFFD.
inline DecodedChar DecodeUtf8Char(const uint8_t* p, size_t avail) {
  const uint8_t b0 = p[0];
  if (b0 < 0x80) return {b0, 1, true, false};
  int trail;
  uint8_t lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    trail = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    trail = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    trail = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {0xFFFD, 1, false, false};
  }
  for (int i = 1; i <= trail; ++i) {
    if (static_cast<size_t>(i) >= avail) {
      return {0xFFFD, static_cast<uint8_t>(i), false, true};
    }
    const uint8_t b = p[i];
    if (b < lo || b > hi) return {0xFFFD, static_cast<uint8_t>(i), false, false};
    cp = (cp << 6) | (b & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, static_cast<uint8_t>(trail + 1), true, false};
}

// Writes the UTF-8 form of a scalar value (not a surrogate) to out, which
// must have room for 4 bytes. Returns the number of bytes written.
inline size_t EncodeUtf8Char(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace detail
}  // namespace safi

#endif  // SAFI_CORE_SRC_UTF8_H_
