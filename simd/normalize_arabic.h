// SPDX-License-Identifier: Apache-2.0
// Dispatched SIMD fast path of the normalizer for ASCII and the two-byte
// Arabic block U+0600..U+06FF (plain declarations, no Highway types).
#ifndef SAFI_SIMD_NORMALIZE_ARABIC_H_
#define SAFI_SIMD_NORMALIZE_ARABIC_H_

#include <cstddef>
#include <cstdint>

namespace safi {
namespace detail {

// Byte codes in ArabicBlockTables beyond real UTF-8 bytes.
constexpr uint8_t kOutDelete = 0xFF;      // the character is deleted
constexpr uint8_t kOutComplex = 0xFE;     // the fast path cannot decide
constexpr uint8_t kOutDeleteMark = 0xFD;  // a deleted combining mark
constexpr uint8_t kOutCarriageReturn = 0xFC;  // CR under the line_breaks rule

// What the fast path does with each character of its domain, derived from
// the scalar normalizer's own classification so that both agree.
struct ArabicBlockTables {
  // U+0600..U+06FF, indexed by ((lead & 3) << 6) | (trail & 0x3F).
  // lead_out: output lead byte (0xD8..0xDB) of a segment start whose image is
  // one code point in U+0600..U+06FF; the lead byte + 0x10 (0xE8..0xEB) of a
  // kept combining mark that composes with nothing; kOutDelete for a deleted
  // starter or an image in ASCII (then trail_out holds the ASCII byte);
  // kOutDeleteMark; kOutComplex.
  alignas(64) uint8_t lead_out[256];
  alignas(64) uint8_t trail_out[256];  // output trail byte, ASCII byte, or
                                       // kOutDelete
  // U+0000..U+007F: output byte, kOutComplex or kOutCarriageReturn.
  alignas(64) uint8_t ascii_out[128];
  bool whitespace_rules;  // collapse_whitespace is on (then line_breaks too)
};

// Normalizes the longest prefix of in[0, len) that it can prove simple, in
// whole vector blocks, and returns its length in bytes (0 if none). The
// prefix starts with a segment start that passes the whitespace rules
// unchanged (the caller checks StartsPlain) and ends right before another.
// Requires: in[-1] and in[0, len) readable, out[-1] writable, and room for
// len + 64 bytes at out. *out_len receives the bytes written. *pending_space
// (in: a space is owed before the next non-space; out: false) and
// *at_line_start (in/out) carry the whitespace state.
size_t NormalizeArabicBlocks(const ArabicBlockTables& tables,
                             const uint8_t* in, size_t len, uint8_t* out,
                             size_t* out_len, bool* pending_space,
                             bool* at_line_start);

// True if the character at in[0, avail) is in the fast path's domain and is
// a segment start whose image passes the whitespace rules unchanged.
bool StartsPlain(const ArabicBlockTables& tables, const uint8_t* in,
                 size_t avail);

}  // namespace detail
}  // namespace safi

#endif  // SAFI_SIMD_NORMALIZE_ARABIC_H_
