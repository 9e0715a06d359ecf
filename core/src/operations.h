// SPDX-License-Identifier: Apache-2.0
// The per-code-point operations (step 3 of the pipeline) as one function.
#ifndef SAFI_CORE_SRC_OPERATIONS_H_
#define SAFI_CORE_SRC_OPERATIONS_H_

#include <cstdint>

namespace safi {
namespace detail {

// Image of one code point under the operations. length < 0: unchanged;
// otherwise the replacement has `length` code points (0 = deleted) at `text`.
struct Mapping {
  int length;
  const char32_t* text;
  char32_t single;  // storage for one-code-point replacements
};

// Applies the operations (bitwise OR of safi::Operation; whitespace bits are
// ignored here) to cp, in the documented priority order. Pure function.
Mapping MapCodePoint(char32_t cp, uint32_t operations);

// True if cp is a line break of the whitespace rules (LF always; CR, U+0085,
// U+2028, U+2029 when kLineBreaks is set).
bool IsLineBreak(char32_t cp, uint32_t operations);
// True if cp is horizontal White_Space (White_Space minus line breaks).
bool IsHorizontalSpace(char32_t cp);

}  // namespace detail
}  // namespace safi

#endif  // SAFI_CORE_SRC_OPERATIONS_H_
