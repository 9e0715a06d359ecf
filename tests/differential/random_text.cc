// SPDX-License-Identifier: Apache-2.0
// Seeded generator of Arabic-biased random byte strings (see random_text.h).
#include "random_text.h"

#include <cstddef>

#include "differential_util.h"

namespace safi::differential {
namespace {

struct Range {
  char32_t lo;
  char32_t hi;
};

// Ranges are picked uniformly within a category, so a single code point
// listed as its own range is much more likely than one inside a wide range.
constexpr Range kArabicLetters[] = {
    {0x0621, 0x063A}, {0x0641, 0x064A}, {0x0671, 0x06D3}, {0x0750, 0x077F},
    {0x08A0, 0x08C9}, {0x0622, 0x0622}, {0x0623, 0x0623}, {0x0624, 0x0624},
    {0x0625, 0x0625}, {0x0626, 0x0626}, {0x0627, 0x0627}, {0x0629, 0x0629},
    {0x0644, 0x0644}, {0x0647, 0x0647}, {0x0648, 0x0648}, {0x0649, 0x0649},
    {0x064A, 0x064A}, {0x0640, 0x0640}, {0x0671, 0x0673}, {0x06A9, 0x06A9},
    {0x06AF, 0x06AF}, {0x06BE, 0x06BE}, {0x06C0, 0x06C2}, {0x06CC, 0x06CC},
    {0x06D0, 0x06D0}, {0x06D2, 0x06D2}, {0x06D5, 0x06D5}, {0x0675, 0x0678},
};

constexpr Range kMarks[] = {
    {0x064B, 0x065F}, {0x0670, 0x0670}, {0x0610, 0x061A}, {0x06D6, 0x06ED},
    {0x08D3, 0x08FF}, {0x0653, 0x0655}, {0x0653, 0x0653}, {0x0654, 0x0654},
    {0x0655, 0x0655}, {0x064E, 0x0652}, {0x0300, 0x036F}, {0x0301, 0x0301},
    {0x0316, 0x0316}, {0x0345, 0x0345}, {0x0308, 0x0308}, {0x0323, 0x0323},
    {0x05B0, 0x05BD}, {0x0E48, 0x0E4B}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20F0},
    {0x302A, 0x302F}, {0x3099, 0x309A}, {0x0F71, 0x0F84}, {0x1D165, 0x1D169},
};

constexpr Range kPresentationForms[] = {
    {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}, {0xFDFA, 0xFDFA}, {0xFDFB, 0xFDFB},
    {0xFEFB, 0xFEFC}, {0xFEF5, 0xFEF8}, {0xFEF9, 0xFEFA}, {0xFE80, 0xFE8C},
    {0xFDF0, 0xFDFD}, {0xFC5E, 0xFC63}, {0xFE70, 0xFE7F}, {0xFD3E, 0xFD3F},
    {0xFBB2, 0xFBC2}, {0xFB50, 0xFBB1},
};

constexpr Range kInvisibles[] = {
    {0x061C, 0x061C}, {0x200B, 0x200F}, {0x200C, 0x200C}, {0x200D, 0x200D},
    {0x202A, 0x202E}, {0x2060, 0x2064}, {0x2065, 0x2065}, {0x2066, 0x2069},
    {0xFEFF, 0xFEFF}, {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x180E, 0x180E},
    {0xFE00, 0xFE0F}, {0x206A, 0x206F}, {0xFFF9, 0xFFFB}, {0xE0001, 0xE0001},
};

constexpr Range kWhiteSpace[] = {
    {0x0009, 0x000D}, {0x0020, 0x0020}, {0x0020, 0x0020}, {0x0020, 0x0020},
    {0x000A, 0x000A}, {0x000D, 0x000D}, {0x0085, 0x0085}, {0x00A0, 0x00A0},
    {0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
    {0x205F, 0x205F}, {0x3000, 0x3000}, {0x0009, 0x0009},
};

constexpr Range kLatinGreekCase[] = {
    {'a', 'z'},       {'A', 'Z'},         {0x00C0, 0x024F}, {0x1E00, 0x1EFF},
    {0x0370, 0x03FF}, {0x1F00, 0x1FFF},   {0x0390, 0x0390}, {0x03B0, 0x03B0},
    {0x0130, 0x0131}, {0x00DF, 0x00DF},   {0x1E9E, 0x1E9E}, {0xFB00, 0xFB06},
    {0x1E96, 0x1E9A}, {0x212A, 0x212B},   {0x2126, 0x2126}, {0x0149, 0x0149},
    {0x01F0, 0x01F0}, {0x1F80, 0x1FAF},   {0x1FB3, 0x1FB3}, {0x1FBC, 0x1FBC},
    {0x0400, 0x04FF}, {0x10400, 0x1044F}, {0x13A0, 0x13F5}, {0xAB70, 0xABBF},
    {0x1C80, 0x1C88}, {0x0587, 0x0587},   {0x0041, 0x0041}, {0x0065, 0x0065},
    {0x0069, 0x0069},
};

constexpr Range kHangul[] = {
    {0x1100, 0x1112}, {0x1161, 0x1175}, {0x11A7, 0x11C2},
    {0xAC00, 0xD7A3}, {0x3131, 0x318E}, {0xFFA0, 0xFFDC},
};

constexpr Range kPunctuationDigits[] = {
    {0x21, 0x2F},     {0x30, 0x39},       {0x3A, 0x40},     {0x5B, 0x60},
    {0x7B, 0x7E},     {0x060C, 0x060C},   {0x061B, 0x061B}, {0x061F, 0x061F},
    {0x066A, 0x066D}, {0x06D4, 0x06D4},   {0x0660, 0x0669}, {0x06F0, 0x06F9},
    {0x00A1, 0x00BF}, {0x2010, 0x2027},   {0x2030, 0x205E}, {0x20A0, 0x20C0},
    {0xFFFD, 0xFFFD}, {0x1F600, 0x1F64F},
};

constexpr Range kCompatibility[] = {
    {0xF900, 0xFAFF},   {0x2F800, 0x2FA1D}, {0xFF01, 0xFF5E},
    {0x2460, 0x24FF},   {0x2070, 0x209F},   {0x3200, 0x33FF},
    {0x1D400, 0x1D7FF}, {0x2150, 0x218B},   {0x1EE00, 0x1EEFF},
    {0x0000, 0x0000},   {0x3300, 0x3357},   {0x0E33, 0x0E33},
};

struct Category {
  int weight;
  const Range* ranges;
  size_t count;
};

template <size_t N>
constexpr Category MakeCategory(int weight, const Range (&ranges)[N]) {
  return Category{weight, ranges, N};
}

constexpr Category kCategories[] = {
    MakeCategory(22, kArabicLetters),
    MakeCategory(16, kMarks),
    MakeCategory(10, kPresentationForms),
    MakeCategory(6, kInvisibles),
    MakeCategory(10, kWhiteSpace),
    MakeCategory(8, kLatinGreekCase),
    MakeCategory(3, kHangul),
    MakeCategory(8, kPunctuationDigits),
    MakeCategory(3, kCompatibility),
};
// Further weights: ill-formed bytes, any scalar value, CR LF.
constexpr int kIllFormedWeight = 6;
constexpr int kAnyWeight = 3;
constexpr int kCrLfWeight = 2;

constexpr int TotalWeight() {
  int total = kIllFormedWeight + kAnyWeight + kCrLfWeight;
  for (const Category& c : kCategories) total += c.weight;
  return total;
}

}  // namespace

std::string RandomText::Next() {
  const uint64_t roll = Below(100);
  const uint64_t pieces = roll < 3    ? 0
                          : roll < 73 ? 1 + Below(8)
                          : roll < 97 ? 9 + Below(32)
                                      : 41 + Below(160);
  std::string out;
  for (uint64_t i = 0; i < pieces; ++i) AppendPiece(&out);
  return out;
}

void RandomText::AppendPiece(std::string* out) {
  int pick = static_cast<int>(Below(TotalWeight()));
  for (const Category& category : kCategories) {
    if (pick < category.weight) {
      const Range& range = category.ranges[Below(category.count)];
      *out += Utf8(InRange(range.lo, range.hi));
      return;
    }
    pick -= category.weight;
  }
  if (pick < kIllFormedWeight) {
    AppendIllFormed(out);
    return;
  }
  pick -= kIllFormedWeight;
  if (pick < kAnyWeight) {
    char32_t c = InRange(0, 0x10FFFF - 0x800);
    if (c >= 0xD800) c += 0x800;  // skip the surrogates
    *out += Utf8(c);
    return;
  }
  *out += "\r\n";
}

void RandomText::AppendIllFormed(std::string* out) {
  auto byte = [this](unsigned lo, unsigned hi) {
    return static_cast<char>(InRange(lo, hi));
  };
  switch (Below(9)) {
    case 0:  // lone continuation bytes
      for (uint64_t n = 1 + Below(3); n > 0; --n) *out += byte(0x80, 0xBF);
      break;
    case 1: {  // a well-formed multi-byte sequence cut short
      char32_t c = InRange(0x80, 0x10FFFF - 0x800);
      if (c >= 0xD800) c += 0x800;
      const std::string full = Utf8(c);
      *out += full.substr(0, 1 + Below(full.size() - 1));
      break;
    }
    case 2:  // overlong two-byte lead C0 or C1
      *out += byte(0xC0, 0xC1);
      *out += byte(0x80, 0xBF);
      break;
    case 3:  // overlong three-byte sequence E0 80..9F xx
      *out += '\xE0';
      *out += byte(0x80, 0x9F);
      *out += byte(0x80, 0xBF);
      break;
    case 4:  // overlong four-byte sequence F0 80..8F xx xx
      *out += '\xF0';
      *out += byte(0x80, 0x8F);
      *out += byte(0x80, 0xBF);
      *out += byte(0x80, 0xBF);
      break;
    case 5:  // surrogate ED A0..BF xx
      *out += '\xED';
      *out += byte(0xA0, 0xBF);
      *out += byte(0x80, 0xBF);
      break;
    case 6:  // beyond U+10FFFF: F4 90..BF xx xx
      *out += '\xF4';
      *out += byte(0x90, 0xBF);
      *out += byte(0x80, 0xBF);
      *out += byte(0x80, 0xBF);
      break;
    case 7:  // bytes that never occur: F5..FF
      *out += byte(0xF5, 0xFF);
      break;
    default:  // a lead byte followed by a non-continuation byte
      *out += byte(0xC2, 0xF4);
      *out += Below(2) == 0 ? 'a' : '\xD8';
      break;
  }
}

}  // namespace safi::differential
