// SPDX-License-Identifier: Apache-2.0
// Per-target body of NormalizeArabicBlocks: classifies a vector of UTF-8
// bytes, maps ASCII and U+0600..U+06FF through byte tables, deletes with
// Compress and collapses spaces in registers. Scalar twin: the segment
// scanner in core/src/normalizer.cc (Engine::Push/Emit).
#if defined(SAFI_SIMD_NORMALIZE_ARABIC_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#undef SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#else
#define SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#endif

#include <cstring>

#include "hwy/highway.h"
#include "normalize_arabic.h"

HWY_BEFORE_NAMESPACE();
namespace safi {
namespace detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET != HWY_SCALAR

// table[idx] for a table of kRows * 16 bytes (idx < kRows * 16): one 16-byte
// shuffle per row, selected by the high nibble of idx.
template <int kRows, class D>
HWY_INLINE hn::Vec<D> LookupRows(D d, const uint8_t* HWY_RESTRICT table,
                                 hn::Vec<D> idx) {
  const hn::Vec<D> low_nibble = hn::And(idx, hn::Set(d, 0x0F));
  const hn::Vec<D> high_nibble = hn::ShiftRight<4>(idx);
  hn::Vec<D> result = hn::Zero(d);
  for (int k = 0; k < kRows; ++k) {
    const hn::Vec<D> row = hn::LoadDup128(d, table + 16 * k);
    result = hn::IfThenElse(hn::Eq(high_nibble, hn::Set(d, k)),
                            hn::TableLookupBytes(row, low_nibble), result);
  }
  return result;
}

// table[idx] for a 256-byte table. AVX3_DL: two vpermi2b and a blend on
// bit 7; elsewhere sixteen 16-byte shuffles selected by the high nibble.
template <class D>
HWY_INLINE hn::Vec<D> Lookup256(D d, const uint8_t* HWY_RESTRICT table,
                                hn::Vec<D> idx) {
#if HWY_TARGET == HWY_AVX3_DL
  (void)d;
  const __m512i t0 = _mm512_load_si512(table);
  const __m512i t1 = _mm512_load_si512(table + 64);
  const __m512i t2 = _mm512_load_si512(table + 128);
  const __m512i t3 = _mm512_load_si512(table + 192);
  const __m512i lo = _mm512_permutex2var_epi8(t0, idx.raw, t1);
  const __m512i hi = _mm512_permutex2var_epi8(t2, idx.raw, t3);
  return hn::Vec<D>{
      _mm512_mask_blend_epi8(_mm512_movepi8_mask(idx.raw), lo, hi)};
#else
  return LookupRows<16>(d, table, idx);
#endif
}

// table[idx & 0x7F] for a 128-byte table.
template <class D>
HWY_INLINE hn::Vec<D> Lookup128(D d, const uint8_t* HWY_RESTRICT table,
                                hn::Vec<D> idx) {
#if HWY_TARGET == HWY_AVX3_DL
  (void)d;
  const __m512i t0 = _mm512_load_si512(table);
  const __m512i t1 = _mm512_load_si512(table + 64);
  return hn::Vec<D>{_mm512_permutex2var_epi8(t0, idx.raw, t1)};
#else
  return LookupRows<8>(d, table, hn::And(idx, hn::Set(d, 0x7F)));
#endif
}

// Bit i set iff lane i of mask is true.
template <class D>
HWY_INLINE uint64_t MaskBits(D d, hn::Mask<D> mask) {
#if HWY_TARGET <= HWY_AVX3
  (void)d;
  return static_cast<uint64_t>(mask.raw);  // a k-register
#else
  uint8_t bytes[8] = {};
  hn::StoreMaskBits(d, mask, bytes);
  uint64_t bits;
  std::memcpy(&bits, bytes, 8);
  return bits;
#endif
}

// Lane i = v[i - 1]; lane 0 = first.
template <class D>
HWY_INLINE hn::Vec<D> ShiftUpOneLane(D d, hn::Vec<D> v, uint8_t first) {
#if HWY_TARGET == HWY_AVX3_DL
  // vpermi2b: index i - 1 picks v's lane, index 64 the first lane of `first`.
  alignas(64) static constexpr uint8_t kIndex[64] = {
      64, 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
      31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
      47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62};
  return hn::Vec<D>{_mm512_permutex2var_epi8(v.raw, _mm512_load_si512(kIndex),
                                             hn::Set(d, first).raw)};
#else
  alignas(64) uint8_t lanes[2 * HWY_MAX_BYTES];
  hn::StoreU(v, d, lanes + 1);
  lanes[0] = first;
  return hn::LoadU(d, lanes);
#endif
}

// Lane i = v[i + 1]; the last lane is unspecified.
template <class D>
HWY_INLINE hn::Vec<D> ShiftDownOneLane(D d, hn::Vec<D> v) {
#if HWY_TARGET == HWY_AVX3_DL
  alignas(64) static constexpr uint8_t kIndex[64] = {
      1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
      33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
      49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 63};
  (void)d;
  return hn::Vec<D>{_mm512_permutexvar_epi8(_mm512_load_si512(kIndex), v.raw)};
#else
  alignas(64) uint8_t lanes[2 * HWY_MAX_BYTES] = {};
  hn::StoreU(v, d, lanes);
  return hn::LoadU(d, lanes + 1);
#endif
}

#endif  // HWY_TARGET != HWY_SCALAR

// See normalize_arabic.h. Per block of N = Lanes bytes at p (p[-1] and
// p[N] are read for context): the bytes must be ASCII, leads D8..DB or their
// continuation bytes; each character's output comes from the tables; the
// block is cut before its last segment start that passes the whitespace
// rules (so no segment and no run of spaces is split) and before the first
// character the tables call complex.
inline size_t NormalizeArabicBlocks(const ArabicBlockTables& t,
                                    const uint8_t* HWY_RESTRICT in, size_t len,
                                    uint8_t* HWY_RESTRICT out, size_t* out_len,
                                    bool* pending_space, bool* at_line_start) {
  *out_len = 0;
#if HWY_TARGET == HWY_SCALAR
  // One-lane vectors cannot see a character's neighbours: the scalar
  // normalizer does all the work.
  (void)t;
  (void)in;
  (void)len;
  (void)out;
  (void)pending_space;
  (void)at_line_start;
  return 0;
#else
  const hn::ScalableTag<uint8_t> d;
  using V = hn::Vec<decltype(d)>;
  const size_t lanes = hn::Lanes(d);
  const bool whitespace = t.whitespace_rules;
  const V k80 = hn::Set(d, 0x80), kFC = hn::Set(d, 0xFC),
          kD8 = hn::Set(d, 0xD8);
  const V kC0 = hn::Set(d, 0xC0), k03 = hn::Set(d, 0x03),
          k3F = hn::Set(d, 0x3F);
  const V kDelete = hn::Set(d, kOutDelete);
  const V kDeleteMark = hn::Set(d, kOutDeleteMark);
  const V kComplex = hn::Set(d, kOutComplex);
  const V kCr = hn::Set(d, kOutCarriageReturn);
  const V kSpace = hn::Set(d, ' '), kLf = hn::Set(d, '\n');
  const V kE8 = hn::Set(d, 0xE8), k10 = hn::Set(d, 0x10);

  size_t pos = 0, w = 0;
  uint8_t last = *at_line_start ? '\n' : 'x';  // previous output byte class
  bool owe_space = *pending_space;
  while (pos + lanes + 1 <= len) {
    const uint8_t* p = in + pos;
    const V v = hn::LoadU(d, p);
    const V before = hn::LoadU(d, p - 1);
    const V after = hn::LoadU(d, p + 1);
    const auto ascii = hn::Lt(v, k80);
    const auto lead = hn::Eq(hn::And(v, kFC), kD8);
    const auto cont = hn::Eq(hn::And(v, kC0), k80);
    const auto after_cont = hn::Eq(hn::And(after, kC0), k80);
    const auto before_lead = hn::Eq(hn::And(before, kFC), kD8);
    // Out of the domain: other bytes, a lead without its continuation, a
    // continuation byte that does not follow a lead.
    const auto outside = hn::Or(
        hn::Not(hn::Or(ascii, hn::Or(lead, cont))),
        hn::Or(hn::AndNot(after_cont, lead), hn::AndNot(before_lead, cont)));

    const V lead_index =
        hn::Or(hn::ShiftLeft<6>(hn::And(v, k03)), hn::And(after, k3F));
    const V trail_index =
        hn::Or(hn::ShiftLeft<6>(hn::And(before, k03)), hn::And(v, k3F));
    const V lead_out = Lookup256(d, t.lead_out, lead_index);
    const V trail_out = Lookup256(d, t.trail_out, trail_index);
    const V ascii_out = Lookup128(d, t.ascii_out, v);
    V o = hn::IfThenElse(ascii, ascii_out,
                         hn::IfThenElse(lead, lead_out, trail_out));

    auto complex = hn::Or(outside, hn::Eq(o, kComplex));
    if (whitespace) {
      // CR LF is one line break: the CR goes. A lone CR is left to the
      // scalar path (its LF may follow after deleted characters).
      const auto cr = hn::And(ascii, hn::Eq(o, kCr));
      const auto crlf = hn::And(cr, hn::Eq(after, kLf));
      o = hn::IfThenElse(crlf, kDelete, o);
      complex = hn::Or(complex, hn::AndNot(crlf, cr));
    }
    const auto lead_start = hn::And(lead, hn::Eq(hn::And(o, kFC), kD8));
    auto ascii_start =
        hn::AndNot(hn::Or(hn::Eq(o, kComplex), hn::Eq(o, kDelete)), ascii);
    if (whitespace) {
      ascii_start =
          hn::AndNot(hn::Or(hn::Eq(o, kSpace), hn::Eq(o, kLf)), ascii_start);
    }
    const uint64_t lead_start_bits = MaskBits(d, lead_start);
    const uint64_t ascii_start_bits = MaskBits(d, ascii_start);
    uint64_t complex_bits = MaskBits(d, complex);
    // A kept mark (lead_out 0xE8..0xEB) needs no reordering or composition
    // only when it directly follows a plain segment start.
    const auto kept_mark = hn::And(lead, hn::Eq(hn::And(o, kFC), kE8));
    const uint64_t kept_mark_bits = MaskBits(d, kept_mark);
    complex_bits |=
        kept_mark_bits & ~((ascii_start_bits << 1) | (lead_start_bits << 2));
    o = hn::IfThenElse(kept_mark, hn::Sub(o, k10), o);
    uint64_t starts = (lead_start_bits | ascii_start_bits) & ~1ull;
    if (complex_bits != 0) {
      starts &= (complex_bits & (~complex_bits + 1)) - 1;  // before the first
    }
    if (starts == 0) break;
    const size_t cut = 63 - static_cast<size_t>(__builtin_clzll(starts));

    const auto keep = hn::AndNot(
        hn::Or(hn::Eq(o, kDelete), hn::Eq(o, kDeleteMark)), hn::FirstN(d, cut));
    V got = hn::Compress(o, keep);
    size_t count = hn::CountTrue(d, keep);
    if (whitespace) {
      auto valid = hn::FirstN(d, count);
      auto space = hn::And(hn::Eq(got, kSpace), valid);
      if (!hn::AllFalse(d, space)) {
        // Collapse: a space right after a space or a line break goes.
        const V got_before = ShiftUpOneLane(d, got, owe_space ? ' ' : last);
        const auto drop = hn::And(
            space, hn::Or(hn::Eq(got_before, kSpace), hn::Eq(got_before, kLf)));
        if (!hn::AllFalse(d, drop)) {
          got = hn::Compress(got, hn::AndNot(drop, valid));
          count -= hn::CountTrue(d, drop);
          valid = hn::FirstN(d, count);
          space = hn::And(hn::Eq(got, kSpace), valid);
        }
        // Trim: what is left of a run before a line break goes too. The last
        // byte is followed by the plain start at the cut, never a break.
        const auto trailing =
            hn::And(hn::And(space, hn::Eq(ShiftDownOneLane(d, got), kLf)),
                    hn::FirstN(d, count - 1));
        if (!hn::AllFalse(d, trailing)) {
          got = hn::Compress(got, hn::AndNot(trailing, valid));
          count -= hn::CountTrue(d, trailing);
        }
      }
    }
    size_t start = w;
    if (owe_space) out[start++] = ' ';
    hn::StoreU(got, d, out + start);
    owe_space = false;
    w = start + count;
    if (w != 0) last = out[w - 1];
    pos += cut;
  }
  *out_len = w;
  if (pos != 0) {
    *pending_space = false;
    *at_line_start = last == '\n';
  }
  return pos;
#endif
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
