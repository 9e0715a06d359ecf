// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation for the public API (scalar twin of the SIMD validator).
#include "utf8.h"

#include "safi/normalizer.h"

namespace safi {

bool ValidateUtf8(std::string_view in, size_t* error_offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time; the tail goes byte by byte.
    while (i + 8 <= n) {
      uint64_t word = 0;
      for (int k = 0; k < 8; ++k) word |= static_cast<uint64_t>(p[i + k]) << (8 * k);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const detail::DecodedChar d = detail::DecodeUtf8Char(p + i, n - i);
    if (!d.well_formed) {
      if (error_offset != nullptr) *error_offset = i;
      return false;
    }
    i += d.length;
  }
  return true;
}

}  // namespace safi
