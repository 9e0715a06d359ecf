// SPDX-License-Identifier: Apache-2.0
// Dispatched SIMD fast path of the normalizer for ASCII, the two-byte Arabic
// block U+0600..U+06FF, U+0080..U+00BF, U+2000..U+203F and the Arabic
// presentation forms U+FE80..U+FEFF (plain declarations, no Highway types).
#ifndef SAFI_SIMD_NORMALIZE_ARABIC_H_
#define SAFI_SIMD_NORMALIZE_ARABIC_H_

#include <cstddef>
#include <cstdint>

namespace safi {
namespace detail {

// Output byte codes beyond real UTF-8 bytes.
constexpr uint8_t kOutDelete = 0xFF;          // the lane produces no output
constexpr uint8_t kOutComplex = 0xFE;         // the fast path cannot decide
constexpr uint8_t kOutCarriageReturn = 0xFC;  // CR under the line_breaks rule
// Lead lane of a presentation form whose image is two Arabic letters (a
// lam-alef ligature): presentation_expansion holds its image.
constexpr uint8_t kOutExpand = 0xFD;
constexpr size_t kExpansionBytes = 4;
// The largest vector block (lanes of uint8_t) of any target: lane masks are
// 64-bit.
constexpr size_t kMaxBlockBytes = 64;
// Bytes of output room that NormalizeArabicBlocks needs past out + len.
constexpr size_t kArabicBlocksOutputSlack = 160;

// What the fast path does with each character of its domain, derived from
// the scalar normalizer's own classification so that both agree. A
// character of n bytes owns n lanes; its image (after the whitespace rules
// map white space to ' ' or '\n') is placed in its last lanes, the lanes
// before get kOutDelete. Every image consists of segment starts that the
// scalar normalizer would emit unchanged.
struct ArabicBlockTables {
  // U+0000..U+007F: output byte, kOutComplex or kOutCarriageReturn.
  alignas(64) uint8_t ascii_out[128];
  // U+0600..U+06FF, indexed by ((lead & 3) << 6) | (trail & 0x3F): the
  // outputs of the lead and trail lanes. A combining mark that is kept and
  // composes with nothing has its lead byte + 0x10 (0xE8..0xEB) in lead_out.
  alignas(64) uint8_t lead_out[256];
  alignas(64) uint8_t trail_out[256];
  // [0, 64): middle lane of U+2000..U+203F (E2 80 xx), indexed by xx & 0x3F;
  // [64, 128): lead lane of U+0080..U+00BF (C2 xx), indexed by 64 + (xx &
  // 0x3F).
  alignas(64) uint8_t mid_out[128];
  // Last lane, same layout as mid_out.
  alignas(64) uint8_t last_out[128];
  // First lane of U+2000..U+203F, indexed by xx & 0x3F.
  alignas(64) uint8_t e2_first_out[64];
  // U+FE80..U+FEFF (EF BA xx and EF BB xx), indexed by the code point -
  // 0xFE80: the outputs of the first two lanes; the third is always
  // kOutDelete. Unlike the other characters, an image of one or two bytes
  // is placed in the first lanes, so that the lead lane of a presentation
  // form whose image is an Arabic letter is a segment start like that of
  // the letter itself. An image of two Arabic letters is kOutExpand in the
  // lead lane, its bytes in presentation_expansion; longer images are
  // kOutComplex.
  // Canonical combining class of U+0600..U+06FF, indexed like lead_out: the
  // order of two kept marks in a row.
  alignas(64) uint8_t arabic_ccc[256];
  alignas(64) uint8_t presentation_lead_out[128];
  alignas(64) uint8_t presentation_trail_out[128];
  uint8_t presentation_expansion[128][kExpansionBytes];
  bool whitespace_rules;  // collapse_whitespace is on (then line_breaks too)
  // An ASCII byte that is a plain segment start (its image is itself, not
  // white space): placed after the last character of a stream, it lets the
  // fast path end that character's segment as the end of the stream does.
  // 0xFF (never UTF-8) if there is none.
  uint8_t end_marker;
};

// Normalizes the longest prefix of in[0, len) that it can prove simple, in
// vector blocks, and returns its length in bytes (0 if none). The prefix
// starts at a segment start and ends right before another, or at len when
// stream_ends (the stream ends at len, as if end_marker followed).
// Requires: in[-2, len) readable and room for len +
// kArabicBlocksOutputSlack bytes at out. The output may be longer than the
// input (ligatures), but the fast path stops before it would write past
// that. *out_len receives the bytes written. *pending_space (a space is
// owed before the next non-space) and *at_line_start carry the whitespace
// state in and out.
size_t NormalizeArabicBlocks(const ArabicBlockTables& tables, const uint8_t* in,
                             size_t len, bool stream_ends, uint8_t* out,
                             size_t* out_len, bool* pending_space,
                             bool* at_line_start);

// True if the character at in[0, avail) is ASCII, in U+0600..U+06FF or in
// U+FE80..U+FEFF, and is a segment start whose image passes the whitespace
// rules unchanged.
bool StartsPlain(const ArabicBlockTables& tables, const uint8_t* in,
                 size_t avail);

}  // namespace detail
}  // namespace safi

#endif  // SAFI_SIMD_NORMALIZE_ARABIC_H_
