// SPDX-License-Identifier: Apache-2.0
// Compiles the Arabic fast path for every Highway target and dispatches to
// the best one this CPU supports (or the one pinned by safi::ForceTarget).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "normalize_arabic.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "normalize_arabic-inl.h"

#if HWY_ONCE
namespace safi {
namespace detail {

HWY_EXPORT(NormalizeArabicBlocks);

size_t NormalizeArabicBlocks(const ArabicBlockTables& tables, const uint8_t* in,
                             size_t len, bool stream_ends, uint8_t* out,
                             size_t* out_len, bool* pending_space,
                             bool* at_line_start) {
  return HWY_DYNAMIC_DISPATCH(NormalizeArabicBlocks)(
      tables, in, len, stream_ends, out, out_len, pending_space, at_line_start);
}

bool StartsPlain(const ArabicBlockTables& tables, const uint8_t* in,
                 size_t avail) {
  const uint8_t b = in[0];
  if (b < 0x80) {
    const uint8_t o = tables.ascii_out[b];
    if (o == kOutComplex || o == kOutCarriageReturn || o == kOutDelete) {
      return false;
    }
    return !tables.whitespace_rules || (o != ' ' && o != '\n');
  }
  if (b == 0xEF) {
    // U+FE80..U+FEFF.
    if (avail < 3 || (in[1] & 0xFE) != 0xBA || (in[2] & 0xC0) != 0x80) {
      return false;
    }
    const uint8_t o =
        tables.presentation_lead_out[((in[1] & 1) << 6) | (in[2] & 0x3F)];
    return (o & 0xFC) == 0xD8;
  }
  if ((b & 0xFC) != 0xD8 || avail < 2 || (in[1] & 0xC0) != 0x80) return false;
  const uint8_t o = tables.lead_out[((b & 3) << 6) | (in[1] & 0x3F)];
  return (o & 0xFC) == 0xD8;
}

}  // namespace detail
}  // namespace safi
#endif  // HWY_ONCE
