// SPDX-License-Identifier: Apache-2.0
// Per-target body of NormalizeArabicBlocks: maps every byte lane of a vector
// block through the byte tables, deletes lanes with Compress and applies the
// whitespace rules with 64-bit mask arithmetic. Scalar twin: the segment
// scanner in core/src/normalizer.cc (Engine::Push/Emit).
#if defined(SAFI_SIMD_NORMALIZE_ARABIC_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#undef SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#else
#define SAFI_SIMD_NORMALIZE_ARABIC_INL_H_
#endif

#include <cstring>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "normalize_arabic.h"
#include "opaque-inl.h"

#ifndef SAFI_SIMD_COMPRESS_TABLE_
#define SAFI_SIMD_COMPRESS_TABLE_
namespace safi {
namespace detail {

// For each 8-bit mask b: the indexes of its set bits in increasing order,
// then 0s; a byte shuffle by it moves the selected lanes of 8 to the front.
struct CompressIndexTable {
  uint8_t index[256][8];
};

constexpr CompressIndexTable MakeCompressIndexTable() {
  CompressIndexTable t{};
  for (int b = 0; b < 256; ++b) {
    int n = 0;
    for (int i = 0; i < 8; ++i) {
      if (b & (1 << i)) t.index[b][n++] = static_cast<uint8_t>(i);
    }
  }
  return t;
}

// Static, so that no compiler copies it per call (Highway 1.0.3's own
// 8-bit compress table is a local constexpr, which g++ 12 copies each time).
alignas(64) inline constexpr CompressIndexTable kCompressIndex =
    MakeCompressIndexTable();

}  // namespace detail
}  // namespace safi
#endif  // SAFI_SIMD_COMPRESS_TABLE_

HWY_BEFORE_NAMESPACE();
namespace safi {
namespace detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128

// Lanes of yes where the sign bit of sel is set, of no elsewhere.
// (Highway 1.0.3's IfNegativeThenElse for int8 is wrong on SSSE3, whose
// IfThenElse needs whole-lane masks.)
template <class D>
HWY_INLINE hn::Vec<D> IfSignThenElse(D d, hn::Vec<D> sel, hn::Vec<D> yes,
                                     hn::Vec<D> no) {
  const hn::RebindToSigned<D> di;
  hn::Vec<decltype(di)> sign = hn::BitCast(di, sel);
#if HWY_TARGET == HWY_SSSE3
  sign = hn::BroadcastSignBit(sign);
#endif
  return hn::BitCast(d, hn::IfNegativeThenElse(sign, hn::BitCast(di, yes),
                                               hn::BitCast(di, no)));
}

// table[idx] for idx < kRows * 16 (kRows a power of two): one 16-byte
// shuffle per row by the low nibble, then a tree of blends on the bits of
// the high nibble, each moved to the sign bit by a 16-bit shift (what
// crosses between bytes lands below the sign bit).
template <int kRows, class D>
HWY_INLINE hn::Vec<D> LookupRows(D d, const uint8_t* HWY_RESTRICT table,
                                 hn::Vec<D> idx) {
  const hn::Repartition<uint16_t, D> d16;
  const hn::Vec<D> low_nibble = hn::And(idx, hn::Set(d, 0x0F));
  hn::Vec<D> rows[kRows];
  for (int k = 0; k < kRows; ++k) {
    rows[k] =
        hn::TableLookupBytes(hn::LoadDup128(d, table + 16 * k), low_nibble);
  }
  const auto select = [&](int bit, hn::Vec<D> lo, hn::Vec<D> hi) {
    const hn::Vec<D> sign =
        bit == 7
            ? idx
            : hn::BitCast(d, hn::ShiftLeftSame(hn::BitCast(d16, idx), 7 - bit));
    return IfSignThenElse(d, sign, hi, lo);
  };
  int bit = 4;
  for (int n = kRows; n > 1; n /= 2, ++bit) {
    for (int k = 0; k < n / 2; ++k) {
      rows[k] = select(bit, rows[2 * k], rows[2 * k + 1]);
    }
  }
  return rows[0];
}

// A byte table of kSize (64, 128 or 256) entries: on AVX3_DL held in
// registers for whole-vector byte permutes (loaded once per call, so that
// stores to the output, which may alias any byte, do not force reloads);
// elsewhere looked up row by row.
template <size_t kSize>
struct ByteTable {
#if HWY_TARGET == HWY_AVX3_DL
  explicit ByteTable(const uint8_t* HWY_RESTRICT table) {
    for (size_t k = 0; k < kSize / 64; ++k) {
      regs[k] = _mm512_load_si512(table + 64 * k);
    }
  }
  __m512i regs[kSize / 64];
#else
  explicit ByteTable(const uint8_t* HWY_RESTRICT table) : bytes(table) {}
  const uint8_t* bytes;
#endif
};

// table[idx & 0x3F].
template <class D>
HWY_INLINE hn::Vec<D> Lookup(D d, const ByteTable<64>& table, hn::Vec<D> idx) {
#if HWY_TARGET == HWY_AVX3_DL
  (void)d;
  return hn::Vec<D>{_mm512_permutexvar_epi8(idx.raw, table.regs[0])};
#else
  return LookupRows<4>(d, table.bytes, hn::And(idx, hn::Set(d, 0x3F)));
#endif
}

// table[idx & 0x7F].
template <class D>
HWY_INLINE hn::Vec<D> Lookup(D d, const ByteTable<128>& table, hn::Vec<D> idx) {
#if HWY_TARGET == HWY_AVX3_DL
  (void)d;
  return hn::Vec<D>{
      _mm512_permutex2var_epi8(table.regs[0], idx.raw, table.regs[1])};
#else
  return LookupRows<8>(d, table.bytes, hn::And(idx, hn::Set(d, 0x7F)));
#endif
}

// table[128 * kHalf + (idx & 0x7F)] (a half of a 256-entry table) in the
// lanes of m, 0 elsewhere.
template <int kHalf, class D>
HWY_INLINE hn::Vec<D> LookupHalfIn(D d, const ByteTable<256>& table,
                                   hn::Vec<D> idx, hn::Mask<D> m) {
#if HWY_TARGET == HWY_AVX3_DL
  (void)d;
  return hn::Vec<D>{_mm512_maskz_permutex2var_epi8(
      m.raw, table.regs[2 * kHalf], idx.raw, table.regs[2 * kHalf + 1])};
#else
  return hn::IfThenElseZero(m, LookupRows<8>(d, table.bytes + 128 * kHalf,
                                             hn::And(idx, hn::Set(d, 0x7F))));
#endif
}

// Lookup restricted to the lanes of m (0 elsewhere).
template <class D, size_t kSize>
HWY_INLINE hn::Vec<D> LookupIn(D d, const ByteTable<kSize>& table,
                               hn::Vec<D> idx, hn::Mask<D> m) {
#if HWY_TARGET == HWY_AVX3_DL
  if constexpr (kSize == 64) {
    return hn::Vec<D>{
        _mm512_maskz_permutexvar_epi8(m.raw, idx.raw, table.regs[0])};
  } else if constexpr (kSize == 128) {
    return hn::Vec<D>{_mm512_maskz_permutex2var_epi8(m.raw, table.regs[0],
                                                     idx.raw, table.regs[1])};
  }
#endif
  return hn::IfThenElseZero(m, Lookup(d, table, idx));
}

// The tables of ArabicBlockTables that the hot loop holds and the output
// bytes that it compares with; the rarer tables are loaded where they are
// used, from `all` (more tables in registers would spill the loop's
// vectors). The byte constants are Opaque: g++ 12 otherwise builds those of
// FillMasks again in every block (a mov and a vpbroadcastb each, 8 of the
// ~95 instructions of a common block), where an opaque one stays in a
// register or is read from the stack by the compare. Zen 4, one call on the
// whole news crawl: 13.9 -> 13.4 ms.
struct Tables {
  using V = hn::Vec<hn::ScalableTag<uint8_t>>;
  explicit Tables(const ArabicBlockTables& t)
      : ascii(t.ascii_out),
        lead(t.lead_out),
        trail(t.trail_out),
        mid(t.mid_out),
        last(t.last_out),
        first(t.e2_first_out),
        all(t),
        space(Opaque(hn::Set(hn::ScalableTag<uint8_t>(), ' '))),
        line(Opaque(hn::Set(hn::ScalableTag<uint8_t>(), '\n'))),
        del(Opaque(hn::Set(hn::ScalableTag<uint8_t>(), kOutDelete))),
        carriage_return(
            Opaque(hn::Set(hn::ScalableTag<uint8_t>(), kOutCarriageReturn))),
        below_rare(Opaque(hn::Set(hn::ScalableTag<uint8_t>(), 0xE7))) {}
  ByteTable<128> ascii;
  ByteTable<256> lead, trail;
  ByteTable<128> mid, last;
  ByteTable<64> first;
  const ArabicBlockTables& all;
  V space, line, del, carriage_return;
  V below_rare;  // the output bytes above it are rare (BlockMasks)
};

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

// Lane i is true iff bit i of bits is set.
template <class D>
HWY_INLINE hn::Mask<D> MaskFromBits(D d, uint64_t bits) {
#if HWY_TARGET <= HWY_AVX3
  (void)d;
  return hn::Mask<D>{static_cast<__mmask64>(bits)};
#else
  uint8_t bytes[8];
  std::memcpy(bytes, &bits, 8);
  return hn::LoadMaskBits(d, bytes);
#endif
}

// Lane classes of one block, as masks.
template <class D>
struct BlockMasks {
  hn::Mask<D> ascii;  // ASCII lanes that produce output (segment starts
                      // unless rare)
  hn::Mask<D> lead;   // lead lanes of U+0600..U+06FF characters and of
                      // presentation forms U+FE80..U+FEFF
  hn::Mask<D> drop;   // output kOutDelete: the lane produces no output
  hn::Mask<D> space;  // output ' ' (whitespace rules only)
  hn::Mask<D> line;   // output '\n' (whitespace rules only)
  // Output in [0xE8, 0xFE]: kOutComplex, a CR without LF, a kept mark (or
  // a lead byte of U+8000 and above): see ExactBlock.
  hn::Mask<D> rare;
};

// Continuation bytes: the signed bytes below -64.
template <class D>
HWY_INLINE hn::Mask<D> IsContinuation(D d, hn::Vec<D> x) {
  const hn::RebindToSigned<D> di;
  return hn::RebindMask(d, hn::Lt(hn::BitCast(di, x), hn::Set(di, -64)));
}

// ASCII bytes: the non-negative signed bytes.
template <class D>
HWY_INLINE hn::Mask<D> IsAscii(D d, hn::Vec<D> x) {
  const hn::RebindToSigned<D> di;
  return hn::RebindMask(d, hn::Gt(hn::BitCast(di, x), hn::Set(di, -1)));
}

// (x & 0x3F) | (y << 6 & 0xC0): a table index from the payload bits of x
// and the low two bits of y.
template <class D>
HWY_INLINE hn::Vec<D> PayloadIndex(D d, hn::Vec<D> x, hn::Vec<D> y) {
  const hn::Repartition<uint16_t, D> d16;
  const hn::Vec<D> k3F = hn::Set(d, 0x3F);
  // A 16-bit shift: what crosses into the upper byte lands in its low six
  // bits, which the select drops.
  const hn::Vec<D> shifted =
      hn::BitCast(d, hn::ShiftLeft<6>(hn::BitCast(d16, y)));
  return hn::Or(hn::And(x, k3F), hn::AndNot(k3F, shifted));
}

// Fills *m for a block whose output bytes (kept marks with their lead +
// 0x10) are o: ascii are its ASCII lanes, lead the lead lanes of its
// U+0600..U+06FF characters, a1 the bytes after the lanes. Returns o with
// ' ' in the dropped lanes, so that a dropped lane can carry the space of a
// collapsed run (EmitBlock).
template <bool kWhitespace, class D>
HWY_INLINE hn::Vec<D> FillMasks(D d, const Tables& t, hn::Vec<D> o,
                                hn::Mask<D> ascii, hn::Mask<D> lead,
                                hn::Vec<D> a1, BlockMasks<D>* m) {
  const hn::Vec<D> space = t.space;
  const hn::Vec<D> line = t.line;
  m->lead = lead;
  m->drop = hn::Eq(o, t.del);
  if (kWhitespace) {
    // CR LF is one line break: the CR goes. (A lone CR stays rare.)
    m->drop = hn::Or(m->drop,
                     hn::And(hn::Eq(o, t.carriage_return), hn::Eq(a1, line)));
    m->space = hn::Eq(o, space);
    m->line = hn::Eq(o, line);
  } else {
    m->space = hn::MaskFromVec(hn::Zero(d));
    m->line = m->space;
  }
  m->ascii = hn::AndNot(m->drop, ascii);
  const hn::Vec<D> got = hn::IfThenElse(m->drop, space, o);
  m->rare = hn::Gt(got, t.below_rare);
  return got;
}

// Classifies the block at p (reading p[-2, Lanes + 2)) and returns each
// lane's output byte (' ' in dropped lanes, kept marks with lead + 0x10 as
// in the table); *m receives the lane classes. Three tiers give the same
// result on the blocks they take: all ASCII; ASCII and U+0600..U+067F only;
// any.
template <bool kWhitespace, class D>
HWY_INLINE hn::Vec<D> ClassifyBlock(D d, const Tables& t,
                                    const uint8_t* HWY_RESTRICT p,
                                    BlockMasks<D>* m) {
  using V = hn::Vec<D>;
  const V v = hn::LoadU(d, p), a1 = hn::LoadU(d, p + 1);
  const auto ascii = IsAscii(d, v);
  const V ascii_out = LookupIn(d, t.ascii, v, ascii);
  if (hn::AllTrue(d, ascii)) {
    return FillMasks<kWhitespace>(d, t, ascii_out, ascii,
                                  hn::MaskFromVec(hn::Zero(d)), a1, m);
  }
  const V b1 = hn::LoadU(d, p - 1);
  const auto cont_v = IsContinuation(d, v), cont_a1 = IsContinuation(d, a1);
  // U+0600..U+06FF: the lead lanes index by (lead & 3, trail & 0x3F) from
  // v and a1, the trail lanes from b1 and v; lead bytes D8 and D9 give the
  // low half of the tables, DA and DB the high half.
  const V kFE = hn::Set(d, 0xFE), kD8 = hn::Set(d, 0xD8);
  const V v_fe = hn::And(v, kFE), b1_fe = hn::And(b1, kFE);
  const auto lead = hn::And(hn::Eq(v_fe, kD8), cont_a1);
  const auto trail = hn::And(cont_v, hn::Eq(b1_fe, kD8));
  const V lead_idx = PayloadIndex(d, a1, v), trail_idx = PayloadIndex(d, v, b1);
  const V arabic = hn::Or(LookupHalfIn<0>(d, t.lead, lead_idx, lead),
                          LookupHalfIn<0>(d, t.trail, trail_idx, trail));
  if (hn::AllTrue(d, hn::Or(ascii, hn::Or(lead, trail)))) {
    // Every lane has one role.
    return FillMasks<kWhitespace>(d, t, hn::Or(ascii_out, arabic), ascii, lead,
                                  a1, m);
  }
  // The other roles. A lane with none (ill-formed or outside the domain)
  // reads 0 from every lookup, as only an ASCII NUL does otherwise.
  const V b2 = hn::LoadU(d, p - 2), a2 = hn::LoadU(d, p + 2);
  const V kDA = hn::Set(d, 0xDA), k80 = hn::Set(d, 0x80);
  const V kE2 = hn::Set(d, 0xE2), kC2 = hn::Set(d, 0xC2);
  const V k3F = hn::Set(d, 0x3F);
  const auto lead_high = hn::And(hn::Eq(v_fe, kDA), cont_a1);
  const auto trail_high = hn::And(cont_v, hn::Eq(b1_fe, kDA));
  const auto mid =
      hn::And(cont_a1,
              hn::Or(hn::Eq(v, kC2), hn::And(hn::Eq(v, k80), hn::Eq(b1, kE2))));
  const auto last = hn::And(
      cont_v,
      hn::Or(hn::Eq(b1, kC2), hn::And(hn::Eq(b1, k80), hn::Eq(b2, kE2))));
  const auto first =
      hn::And(hn::And(hn::Eq(v, kE2), hn::Eq(a1, k80)), IsContinuation(d, a2));
  // mid and last: bit 6 of C2 (set) against that of 80 picks the half.
  const V mid_idx = hn::Or(hn::And(a1, k3F), hn::AndNot(k3F, v));
  const V last_idx = hn::Or(hn::And(v, k3F), hn::AndNot(k3F, b1));
  V out = hn::Or(hn::Or(ascii_out, arabic),
                 hn::Or(hn::Or(LookupIn(d, t.mid, mid_idx, mid),
                               LookupIn(d, t.last, last_idx, last)),
                        LookupIn(d, t.first, a2, first)));
  if (!hn::AllFalse(d, hn::Or(lead_high, trail_high))) {
    out =
        hn::Or(out, hn::Or(LookupHalfIn<1>(d, t.lead, lead_idx, lead_high),
                           LookupHalfIn<1>(d, t.trail, trail_idx, trail_high)));
  }
  auto no_role = hn::AndNot(ascii, hn::Eq(out, hn::Zero(d)));
  auto starts = hn::Or(lead, lead_high);
  if (!hn::AllFalse(d, no_role)) {
    // U+FE80..U+FEFF: EF, then BA or BB, then a continuation byte.
    const V kEF = hn::Set(d, 0xEF), kBA = hn::Set(d, 0xBA);
    const auto presentation_lead =
        hn::And(hn::And(hn::Eq(v, kEF), hn::Eq(hn::And(a1, kFE), kBA)),
                IsContinuation(d, a2));
    const auto presentation_trail =
        hn::And(hn::And(hn::Eq(b1, kEF), hn::Eq(v_fe, kBA)), cont_a1);
    const auto presentation_last =
        hn::And(hn::And(hn::Eq(b2, kEF), hn::Eq(b1_fe, kBA)), cont_v);
    const ByteTable<128> lead_table(t.all.presentation_lead_out);
    const ByteTable<128> trail_table(t.all.presentation_trail_out);
    out = hn::Or(out,
                 hn::Or(LookupIn(d, lead_table, PayloadIndex(d, a2, a1),
                                 presentation_lead),
                        hn::Or(LookupIn(d, trail_table, PayloadIndex(d, a1, v),
                                        presentation_trail),
                               hn::IfThenElseZero(presentation_last,
                                                  hn::Set(d, kOutDelete)))));
    no_role = hn::AndNot(ascii, hn::Eq(out, hn::Zero(d)));
    starts = hn::Or(starts, presentation_lead);
  }
  return FillMasks<kWhitespace>(
      d, t, hn::IfThenElse(no_role, hn::Set(d, kOutComplex), out), ascii,
      starts, a1, m);
}

// The lead lanes of block masks m whose output bytes o are an Arabic lead
// byte (D8..DB): the Arabic segment starts.
template <class D>
HWY_INLINE hn::Mask<D> ArabicStarts(D d, const BlockMasks<D>& m, hn::Vec<D> o) {
  return hn::And(m.lead,
                 hn::Eq(hn::And(o, hn::Set(d, 0xFC)), hn::Set(d, 0xD8)));
}

// The exact lane classes of a block as bits (bit i = lane i).
struct BlockBits {
  uint64_t complex;  // the fast path cannot decide this lane
  uint64_t drop;     // the lane produces no output
  uint64_t space;    // the lane outputs ' ' (whitespace rules only)
  uint64_t line;     // the lane outputs '\n' (whitespace rules only)
  uint64_t ascii;    // ASCII lane that produces output: a segment start
  uint64_t lead;     // lead lane of an Arabic character that starts a
                     // segment and whose image is in U+0600..U+06FF
  uint64_t expand;   // lead lane of a ligature (kOutExpand): a segment
                     // start
};

// The exact classes of the block at p (see ExactBlock) except for the
// placement of kept marks; *marks receives the lanes of kept marks. Returns
// the output bytes, kept marks with their real lead byte.
template <bool kWhitespace, class D>
HWY_INLINE hn::Vec<D> ClassifyExactly(D d, const Tables& t,
                                      const uint8_t* HWY_RESTRICT p,
                                      BlockBits* b, uint64_t* marks) {
  BlockMasks<D> m;
  const hn::Vec<D> o = ClassifyBlock<kWhitespace>(d, t, p, &m);
  auto complex = hn::Eq(o, hn::Set(d, kOutComplex));
  const auto drop = m.drop;
  if (kWhitespace) {
    // A CR without LF (ClassifyBlock dropped those with one) is left to the
    // scalar path: its LF may follow after deleted characters.
    complex = hn::Or(complex, hn::Eq(o, hn::Set(d, kOutCarriageReturn)));
  }
  const auto mark =
      hn::And(m.lead, hn::Eq(hn::And(o, hn::Set(d, 0xFC)), hn::Set(d, 0xE8)));
  b->complex = MaskBits(d, complex);
  b->drop = MaskBits(d, drop);
  b->space = MaskBits(d, m.space);
  b->line = MaskBits(d, m.line);
  b->ascii = MaskBits(d, m.ascii);
  b->lead = MaskBits(d, ArabicStarts(d, m, o));
  b->expand = MaskBits(d, hn::Eq(o, hn::Set(d, kOutExpand)));
  *marks = MaskBits(d, mark);
  return hn::IfThenElse(mark, hn::Sub(o, hn::Set(d, 0x10)), o);
}

// Lanes where a kept mark may follow: right after a plain ASCII start, or
// two lanes after an Arabic start.
HWY_INLINE uint64_t MarkSlots(const BlockBits& b) {
  return ((b.ascii & ~b.space & ~b.line) << 1) | (b.lead << 2);
}

// Lanes i of the block at p where a U+0600..U+06FF character starts whose
// combining class is below that of the U+0600..U+06FF character in lanes
// i - 2 and i - 1 (reads p[-2, Lanes + 1)).
template <class D>
HWY_INLINE uint64_t CccDescends(D d, const ArabicBlockTables& tables,
                                const uint8_t* HWY_RESTRICT p) {
  using V = hn::Vec<D>;
  const ByteTable<256> ccc(tables.arabic_ccc);
  const V v = hn::LoadU(d, p), a1 = hn::LoadU(d, p + 1);
  const V b1 = hn::LoadU(d, p - 1), b2 = hn::LoadU(d, p - 2);
  const auto lookup = [&](V idx) {
    const auto low = IsAscii(d, idx);
    return hn::Or(LookupHalfIn<0>(d, ccc, idx, low),
                  LookupHalfIn<1>(d, ccc, idx, hn::Not(low)));
  };
  return MaskBits(d, hn::Lt(lookup(PayloadIndex(d, a1, v)),
                            lookup(PayloadIndex(d, b1, b2))));
}

// Returns o with the two-lane characters before each lane of `swaps`
// swapped with the two-lane characters there (lanes 2..Lanes-2 only).
template <class D>
HWY_INLINE hn::Vec<D> SwapCharacterPairs(D d, hn::Vec<D> o, uint64_t swaps) {
  alignas(64) uint8_t bytes[hn::MaxLanes(d)];
  hn::Store(o, d, bytes);
  for (; swaps != 0; swaps &= swaps - 1) {
    uint8_t* at = bytes + hwy::Num0BitsBelowLS1Bit_Nonzero64(swaps);
    uint8_t first[2] = {at[-2], at[-1]};
    at[-2] = at[0];
    at[-1] = at[1];
    at[0] = first[0];
    at[1] = first[1];
  }
  return hn::Load(d, bytes);
}

// Classifies block k (at in + pos, pos = k * Lanes) exactly: *b receives
// the lane classes; returns the output bytes. Kept marks may follow a plain
// start, one or two of them; two in descending combining class are
// swapped, as canonical ordering does (composition cannot touch them).
// Complex: kOutComplex; a CR not followed by LF (a CR LF loses its CR); a
// kept mark that does not follow a plain start that way (then it may
// reorder or block a composition), or a pair to swap across blocks.
template <bool kWhitespace, class D>
HWY_NOINLINE hn::Vec<D> ExactBlock(D d, const ArabicBlockTables& tables,
                                   const uint8_t* HWY_RESTRICT in, size_t pos,
                                   BlockBits* b) {
  const Tables t(tables);
  uint64_t marks;
  hn::Vec<D> o = ClassifyExactly<kWhitespace>(d, t, in + pos, b, &marks);
  if (marks == 0) return o;
  const size_t lanes = hn::Lanes(d);
  uint64_t first = marks & MarkSlots(*b);
  uint64_t second_after_previous_block = 0;
  if ((marks & 3) != 0 && pos != 0) {
    // Marks in lanes 0 and 1 follow lanes of the previous block. (Lane 0
    // of the first block is a segment start, not a mark.)
    BlockBits pb;
    uint64_t prev_marks;
    ClassifyExactly<kWhitespace>(d, t, in + pos - lanes, &pb, &prev_marks);
    first |= marks & (((pb.ascii & ~pb.space & ~pb.line) >> (lanes - 1)) |
                      (pb.lead >> (lanes - 2)));
    second_after_previous_block =
        marks & ((prev_marks & MarkSlots(pb)) >> (lanes - 2));
  }
  const uint64_t second = (marks & (first << 2)) | second_after_previous_block;
  b->complex |= marks & ~(first | second);
  if (second != 0) {
    const uint64_t descending = second & CccDescends(d, tables, in + pos);
    const uint64_t inside = ~uint64_t{3} & ~(uint64_t{1} << (lanes - 1));
    b->complex |= descending & ~inside;
    if ((descending & inside) != 0) {
      o = SwapCharacterPairs(d, o, descending & inside);
    }
  }
  return o;
}

// Writes the lanes of v whose bit is set in bits (bit i = lane i), in
// order, at out and returns their number; writes up to Lanes(d) bytes.
template <class D>
HWY_INLINE size_t CompressStoreBits(D d, hn::Vec<D> v, uint64_t bits,
                                    uint8_t* HWY_RESTRICT out) {
#if HWY_TARGET <= HWY_AVX3
  hn::StoreU(hn::Compress(v, MaskFromBits(d, bits)), d, out);
#else
  // Eight lanes at a time through kCompressIndex.
  const hn::CappedTag<uint8_t, 8> d8;
  alignas(64) uint8_t lanes[hn::MaxLanes(d)];
  hn::Store(v, d, lanes);
  uint8_t* HWY_RESTRICT pos = out;
  for (size_t i = 0; i < hn::Lanes(d); i += 8) {
    const size_t b = (bits >> i) & 0xFF;
    const hn::Vec<decltype(d8)> shuffled = hn::TableLookupBytes(
        hn::LoadU(d8, lanes + i), hn::Load(d8, kCompressIndex.index[b]));
    hn::StoreU(shuffled, d8, pos);
    pos += hwy::PopCount(b);
  }
#endif
  return static_cast<size_t>(hwy::PopCount(bits));
}

// Whitespace state carried from block to block: the last lane that was
// neither dropped nor white space was not a line break (at_line_start is
// false), and spaces followed it (a space is owed before the next
// character). Bit 0 of each.
struct WhitespaceState {
  uint64_t after_other;
  uint64_t owed;
};

// a + b and the carry out of bit 63.
HWY_INLINE uint64_t AddWithCarry(uint64_t a, uint64_t b, uint64_t* carry) {
  const uint64_t sum = a + b;
  *carry = sum < a;
  return sum;
}

// Writes the output of the lanes in `lim` (a prefix) of a block whose
// output bytes are o (' ' in the dropped lanes), at out + *w, and advances
// *w and the whitespace state. Whitespace rules on the lanes that are
// neither dropped nor white space ("other" or line break): a run of spaces
// (dropped lanes between them are transparent) becomes one ' ', written by
// the lane before the next other lane if an other lane precedes the run.
// That lane is a space or a dropped lane, or lane -1: then the ' ' goes to
// out[*w] before the block.
// Lanes at and above Lanes(d) must be in ~lim.
template <bool kWhitespace, class D>
HWY_INLINE void EmitBlock(D d, hn::Vec<D> o, uint64_t drop_bits,
                          uint64_t space_bits, uint64_t line_bits, uint64_t lim,
                          WhitespaceState* ws, uint8_t* HWY_RESTRICT out,
                          size_t* w) {
  if (!kWhitespace) {
    *w += CompressStoreBits(d, o, lim & ~drop_bits, out + *w);
    return;
  }
  // In general-purpose registers: clang redid this mask arithmetic with
  // mask-register instructions.
  const uint64_t space = InGpr(space_bits) & lim;
  const uint64_t line = InGpr(line_bits) & lim;
  const uint64_t drop = InGpr(drop_bits) | ~lim;
  const uint64_t other = ~(space | line | drop);
  const uint64_t through = space | drop;
  // Lanes whose previous non-dropped lane is a space; lanes whose previous
  // lane that is neither dropped nor a space is an other lane. The carries
  // out of bit 63 say the same of the lane after the block.
  uint64_t space_carry, other_carry;
  const uint64_t after_space =
      AddWithCarry((space << 1) | ws->owed, drop, &space_carry) & ~drop;
  const uint64_t after_other =
      AddWithCarry((other << 1) | ws->after_other, through, &other_carry) &
      ~through;
  const uint64_t emit = other & after_space & after_other;
  const uint64_t keep = other | line | (emit >> 1);
  out[*w] = ' ';
  *w += emit & 1;
  *w += CompressStoreBits(d, o, keep, out + *w);
  ws->after_other = other_carry | (other >> 63);
  ws->owed = ws->after_other & (space_carry | (space >> 63));
}

// EmitBlock for block b (at `block`) whose lanes in b.expand are lead lanes
// of ligatures (kOutExpand): the lanes up to each
// ligature as usual, its lead lane as a lane that writes the first byte of
// its image, then the rest of the image; lanes already written count as
// dropped. Writes up to kExpansionBytes - 1 bytes per ligature more than
// EmitBlock.
template <bool kWhitespace, class D>
HWY_INLINE void EmitExpandingBlock(D d, const ArabicBlockTables& tables,
                                   const uint8_t* HWY_RESTRICT block,
                                   hn::Vec<D> o, const BlockBits& b,
                                   uint64_t lim, WhitespaceState* ws,
                                   uint8_t* HWY_RESTRICT out, size_t* w) {
  uint64_t done = 0;
  for (uint64_t expand = b.expand & lim; expand != 0; expand &= expand - 1) {
    const size_t lane = hwy::Num0BitsBelowLS1Bit_Nonzero64(expand);
    const uint8_t* image =
        tables.presentation_expansion[((block[lane + 1] & 1) << 6) |
                                      (block[lane + 2] & 0x3F)];
    const hn::Vec<D> with_first = hn::IfThenElse(
        MaskFromBits(d, uint64_t{1} << lane), hn::Set(d, image[0]), o);
    const uint64_t through = (uint64_t{2} << lane) - 1;  // lanes [0, lane]
    EmitBlock<kWhitespace>(d, with_first, b.drop | done, b.space & ~done,
                           b.line & ~done, through, ws, out, w);
    std::memcpy(out + *w, image + 1, kExpansionBytes - 1);
    *w += kExpansionBytes - 1;
    done = through;
  }
  EmitBlock<kWhitespace>(d, o, b.drop | done, b.space & ~done, b.line & ~done,
                         lim, ws, out, w);
}

// How far the output may run ahead of the input (ligatures) before the
// fast path stops: keeps every write below out + len +
// kArabicBlocksOutputSlack (a block at most at len, kMaxOutputLead bytes
// ahead, writes up to two vectors and a space).
constexpr size_t kMaxOutputLead = 16;
static_assert(kMaxOutputLead + 2 * kMaxBlockBytes + 1 <=
                  kArabicBlocksOutputSlack,
              "the fast path's writes stay within the output slack");
constexpr size_t kLigatureBytes = 3;  // U+FExx in UTF-8

// The padded copy of the end of the input: two committed blocks (the
// hand-back may write the last one again, whose exact classification may
// look at the one before), the bytes before them, the last bytes (at most
// a block and 2) with the end marker and padding, and then a block of
// padding and the 2 bytes read past it.
constexpr size_t kTailBytes = 2 + 4 * kMaxBlockBytes + 2;

// How far ahead of the block at hand the input is prefetched. The
// normalizer is often the first to read a text from memory (the dedup
// analysis normalizes a page before anything else reads it), and the
// hardware prefetcher starts late within each page: on Zen 4 the prefetch
// takes the 64 MiB news sketch from 73-75 to 71-73 ms (512 bytes ahead
// gains less, 2048 as much). A prefetch past the input never faults and
// reads nothing into the output.
constexpr size_t kPrefetchBytes = 1024;

// NormalizeArabicBlocks for one setting of the whitespace rules.
template <bool kWhitespace, class D>
HWY_INLINE size_t NormalizeBlocks(D d, const ArabicBlockTables& tables,
                                  const uint8_t* HWY_RESTRICT in, size_t len,
                                  bool stream_ends, uint8_t* HWY_RESTRICT out,
                                  size_t* out_len, bool* pending_space,
                                  bool* at_line_start) {
  static_assert(hn::MaxLanes(D()) <= kMaxBlockBytes, "lane masks are 64-bit");
  const size_t lanes = hn::Lanes(d);
  const uint64_t all = lanes == 64 ? ~0ull : (1ull << lanes) - 1;
  const Tables t(tables);
  WhitespaceState ws{*at_line_start ? 0u : 1u, *pending_space ? 1u : 0u};
  size_t pos = 0, w = 0;
  // Where the last committed block started, to roll back to.
  size_t prev_w = 0;
  WhitespaceState prev_ws = ws;
  BlockBits b{};
  hn::Vec<D> o = hn::Zero(d);
  // Classifies the block at src + pos (position pos + shift of in) exactly
  // and commits it; false if it holds a complex lane or no segment start.
  const auto commit_exact = [&](const uint8_t* HWY_RESTRICT src, size_t shift) {
    o = ExactBlock<kWhitespace>(d, tables, src, pos, &b);
    if (b.expand != 0 &&
        w + hwy::PopCount(b.expand) * (kExpansionBytes - kLigatureBytes) >
            pos + shift + kMaxOutputLead) {
      b.complex |= b.expand;
    }
    if (b.complex != 0 || (b.ascii | b.lead | b.expand) == 0) return false;
    prev_w = w;
    prev_ws = ws;
    EmitExpandingBlock<kWhitespace>(d, tables, src + pos, o, b, all, &ws, out,
                                    &w);
    pos += lanes;
    return true;
  };
  bool stopped = false;
  // Fixed-stride blocks; each must be free of complex lanes and hold a
  // segment start (so that the hand-back below finds one in the last two
  // blocks).
  while (pos + lanes + 2 <= len) {
    // Blocks without rare outputs, where ASCII lanes are segment starts
    // (a block without ASCII, such as part of a long word, takes the exact
    // path below, which also counts Arabic starts).
    for (; pos + lanes + 2 <= len; pos += lanes) {
      BlockMasks<D> m;
      hwy::Prefetch(in + pos + kPrefetchBytes);
      o = ClassifyBlock<kWhitespace>(d, t, in + pos, &m);
      if (HWY_UNLIKELY(!hn::AllFalse(d, m.rare) || hn::AllFalse(d, m.ascii))) {
        break;
      }
      prev_w = w;
      prev_ws = ws;
      EmitBlock<kWhitespace>(d, o, MaskBits(d, m.drop), MaskBits(d, m.space),
                             MaskBits(d, m.line), all, &ws, out, &w);
    }
    if (pos + lanes + 2 > len) break;
    hwy::Prefetch(in + pos + kPrefetchBytes);
    if (!commit_exact(in, 0)) {
      stopped = true;
      break;
    }
  }
  // Blocks are read at src + pos; position pos of src is position
  // pos + shift of in.
  const uint8_t* HWY_RESTRICT src = in;
  size_t shift = 0;
  alignas(64) uint8_t tail[kTailBytes];
  if (!stopped) {
    // The last bytes, fewer than a block and 2: go on in a padded copy, so
    // that this call takes them too (with the end marker after them when
    // the stream ends there), instead of handing back in the last block
    // and leaving them to another call on a padded copy. The padding (0xFF,
    // never UTF-8) is complex: the copy's blocks, taken exactly, stop
    // within two blocks. The tail of each page was classified and written
    // twice and cost a second call; on Zen 4, the news crawl page by page
    // into a fixed buffer: 15.3-15.5 -> 14.5-14.6 ms.
    const size_t keep = pos < 2 * lanes ? pos : 2 * lanes;
    shift = pos - keep;
    std::memset(tail, 0xFF, sizeof(tail));
    std::memcpy(tail, in + shift - 2, len - shift + 2);
    if (stream_ends) tail[2 + len - shift] = tables.end_marker;
    src = tail + 2;
    pos = keep;
    while (pos + lanes + 2 <= sizeof(tail) - 2) {
      if (!commit_exact(src, shift)) {
        stopped = true;
        break;
      }
    }
  }
  // Hand back at the last segment start before the first complex lane: in
  // the block that stopped the loop, or else in the last committed block,
  // which is then written again up to there.
  uint64_t starts = 0;
  if (stopped) {
    const uint64_t below =
        b.complex != 0 ? (b.complex & (~b.complex + 1)) - 1 : all;
    starts = (b.ascii | b.lead | b.expand) & below;
  }
  if (starts == 0) {
    if (pos + shift == 0) {
      *out_len = 0;
      return 0;
    }
    pos -= lanes;
    w = prev_w;
    ws = prev_ws;
    o = ExactBlock<kWhitespace>(d, tables, src, pos, &b);
    starts = b.ascii | b.lead | b.expand;
  }
  const size_t cut = 63 - hwy::Num0BitsAboveMS1Bit_Nonzero64(starts);
  EmitExpandingBlock<kWhitespace>(d, tables, src + pos, o, b, (1ull << cut) - 1,
                                  &ws, out, &w);
  *out_len = w;
  *pending_space = ws.owed != 0;
  *at_line_start = ws.after_other == 0;
  return pos + shift + cut;
}

#endif  // HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128

// See normalize_arabic.h.
inline size_t NormalizeArabicBlocks(const ArabicBlockTables& t,
                                    const uint8_t* HWY_RESTRICT in, size_t len,
                                    bool stream_ends, uint8_t* HWY_RESTRICT out,
                                    size_t* out_len, bool* pending_space,
                                    bool* at_line_start) {
#if HWY_TARGET == HWY_SCALAR || HWY_TARGET == HWY_EMU128
  // The fallback target (SCALAR with g++ 12, EMU128 with clang): one-lane
  // vectors cannot see a character's neighbours, emulated ones are slower
  // than the scalar normalizer, which does all the work.
  (void)t;
  (void)in;
  (void)len;
  (void)stream_ends;
  (void)out;
  (void)pending_space;
  (void)at_line_start;
  *out_len = 0;
  return 0;
#else
  const hn::ScalableTag<uint8_t> d;
  return t.whitespace_rules
             ? NormalizeBlocks<true>(d, t, in, len, stream_ends, out, out_len,
                                     pending_space, at_line_start)
             : NormalizeBlocks<false>(d, t, in, len, stream_ends, out, out_len,
                                      pending_space, at_line_start);
#endif
}

}  // namespace HWY_NAMESPACE
}  // namespace detail
}  // namespace safi
HWY_AFTER_NAMESPACE();

#endif  // include guard
