// SPDX-License-Identifier: Apache-2.0
// Production scalar normalizer: UTF-8 repair, NFC/NFKC, operations and
// whitespace rules to a fixed point, one combining segment at a time.
//
// Text is cut into segments. A segment starts at a code point c that is a
// normalization boundary (ccc 0, cannot combine with what precedes it) and
// whose image under the operations consists of such boundaries; it then
// holds every following code point that is not such a start. Nothing
// composes, reorders or gets deleted across a segment start in any pass, so
// the fixed point of the whole text is the concatenation of the fixed points
// of its segments, followed by the whitespace rules (which only ever produce
// U+0020 and LF and only delete spaces next to spaces and line breaks).
// The common segment, a single start code point, costs one table lookup.
#include "safi/normalizer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "normalize_arabic.h"
#include "operations.h"
#include "unicode_data.h"
#include "utf8.h"

#if defined(__GNUC__)
#define SAFI_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SAFI_ALWAYS_INLINE inline
#endif

namespace safi {
namespace detail {
namespace {

constexpr int kMaxFixedPointPasses = 16;
constexpr char32_t kHangulSBase = 0xAC00, kHangulLBase = 0x1100,
                   kHangulVBase = 0x1161, kHangulTBase = 0x11A7;
constexpr int kHangulVCount = 21, kHangulTCount = 28, kHangulSCount = 11172;

bool IsQuickCheckYes(uint32_t props, Form form) {
  return props & (form == Form::kNfc ? kPropNfcQcYes : kPropNfkcQcYes);
}

bool HasDecomposition(uint32_t props, Form form) {
  return (props & kPropCanonicalDecomp) ||
         (form == Form::kNfkc && (props & kPropCompatDecomp));
}

// Appends the full decomposition of cp for form to *out.
void AppendDecomposition(char32_t cp, Form form, std::u32string* out) {
  if (cp >= kHangulSBase && cp < kHangulSBase + kHangulSCount) {
    const char32_t s = cp - kHangulSBase;
    out->push_back(kHangulLBase + s / (kHangulVCount * kHangulTCount));
    out->push_back(kHangulVBase +
                   (s % (kHangulVCount * kHangulTCount)) / kHangulTCount);
    if (s % kHangulTCount != 0)
      out->push_back(kHangulTBase + s % kHangulTCount);
    return;
  }
  const uint32_t props = Properties(cp);
  const MappingEntry* e = nullptr;
  if (form == Form::kNfkc && (props & kPropCompatDecomp)) {
    e = FindMapping(kCompatDecomp, kCompatDecompCount, cp);
  } else if (props & kPropCanonicalDecomp) {
    e = FindMapping(kCanonicalDecomp, kCanonicalDecompCount, cp);
  }
  if (e == nullptr) {
    out->push_back(cp);
  } else {
    out->append(kMappingPool + e->offset, e->length);
  }
}

// Sorts every run of non-starters by ccc, stably. Linear in the run length:
// insertion sort for short runs, counting sort for long ones.
void ReorderCanonically(std::u32string* s, std::u32string* scratch) {
  const size_t n = s->size();
  size_t i = 0;
  while (i < n) {
    if (Ccc((*s)[i]) == 0) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < n && Ccc((*s)[end]) != 0) ++end;
    char32_t* run = &(*s)[i];
    const size_t len = end - i;
    if (len <= 16) {
      for (size_t k = 1; k < len; ++k) {
        const char32_t c = run[k];
        const uint8_t cc = Ccc(c);
        size_t j = k;
        while (j > 0 && Ccc(run[j - 1]) > cc) {
          run[j] = run[j - 1];
          --j;
        }
        run[j] = c;
      }
    } else {
      std::array<size_t, 257> start{};
      for (size_t k = 0; k < len; ++k) ++start[Ccc(run[k]) + 1];
      for (int c = 1; c < 257; ++c) start[c] += start[c - 1];
      scratch->resize(len);
      for (size_t k = 0; k < len; ++k)
        (*scratch)[start[Ccc(run[k])]++] = run[k];
      std::copy(scratch->begin(), scratch->end(), run);
    }
    i = end;
  }
}

// Canonical composition (Unicode §3.11) of a decomposed, reordered string.
void ComposeCanonically(std::u32string* s) {
  const size_t n = s->size();
  size_t out = 0;
  size_t starter = 0;
  bool have_starter = false;
  int last_ccc = -1;  // -1: the last kept code point is the starter itself
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = (*s)[i];
    const int cc = Ccc(c);
    if (have_starter && (last_ccc == -1 || (last_ccc != 0 && last_ccc < cc))) {
      if (const char32_t composite = Compose((*s)[starter], c)) {
        (*s)[starter] = composite;
        continue;
      }
    }
    if (cc == 0) {
      starter = out;
      have_starter = true;
      last_ccc = -1;
    } else {
      last_ccc = cc;
    }
    (*s)[out++] = c;
  }
  s->resize(out);
}

}  // namespace

// Class of a code point in the segment scanner.
enum class CharClass : uint8_t {
  kStart,          // starts a segment; image = its fixed point alone
  kJoin,           // belongs to the current segment
  kDeletableMark,  // non-starter without decomposition that the operations
                   // delete; may be dropped after a non-composing starter
};

// Scanner entry: class, flags and the image of a kStart code point.
struct CharEntry {
  CharClass cls;
  bool inert_starter;  // ccc 0, no decomposition, composes with nothing
                       // that follows it
  // Set in precomputed entries whose image is one code point that the
  // whitespace rules pass through: the length of its UTF-8 bytes, for a
  // direct copy.
  uint8_t plain_length;
  uint16_t image_length;
  char plain_utf8[4];
  char32_t image;              // the image if image_length == 1
  const char32_t* image_text;  // the image if image_length > 1
};

struct NormalizerTables {
  Options options;
  // Entries for U+0000..U+07FF, U+2000..U+206F and U+FB00..U+FEFF, the hot
  // ranges.
  static constexpr char32_t kLowLimit = 0x800;
  static constexpr char32_t kMidBase = 0x2000, kMidLimit = 0x2070;
  static constexpr char32_t kHighBase = 0xFB00, kHighLimit = 0xFF00;
  std::array<CharEntry, kLowLimit> low;
  std::array<CharEntry, kMidLimit - kMidBase> mid;
  std::array<CharEntry, kHighLimit - kHighBase> high;

  // The precomputed entry of cp, or null outside the hot ranges.
  const CharEntry* Precomputed(char32_t cp) const {
    if (cp < kLowLimit) return &low[cp];
    if (cp >= kMidBase && cp < kMidLimit) return &mid[cp - kMidBase];
    if (cp >= kHighBase && cp < kHighLimit) return &high[cp - kHighBase];
    return nullptr;
  }
  CharEntry* Precomputed(char32_t cp) {
    return const_cast<CharEntry*>(
        static_cast<const NormalizerTables*>(this)->Precomputed(cp));
  }
  std::u32string pool;    // images longer than one code point
  std::u32string pooled;  // code points whose image is in the pool
  // The SIMD fast path's view of the same classification; null when the
  // options have no fast path (one whitespace rule without the other).
  std::unique_ptr<ArabicBlockTables> fast;
};

namespace {

// Applies the operations to every code point of *s. Returns false (and
// leaves *s alone) when nothing changes.
bool ApplyOperations(uint32_t operations, std::u32string* s,
                     std::u32string* scratch) {
  if ((operations & ~(kLineBreaks | kCollapseWhitespace)) == 0) return false;
  size_t i = 0;
  const size_t n = s->size();
  Mapping m{};
  for (; i < n; ++i) {
    m = MapCodePoint((*s)[i], operations);
    if (m.length >= 0) break;
  }
  if (i == n) return false;
  scratch->assign(s->data(), i);
  for (;;) {
    if (m.length < 0) {
      scratch->push_back((*s)[i]);
    } else if (m.text == nullptr) {
      if (m.length == 1) scratch->push_back(m.single);
    } else {
      scratch->append(m.text, m.length);
    }
    if (++i == n) break;
    m = MapCodePoint((*s)[i], operations);
  }
  s->swap(*scratch);
  return true;
}

}  // namespace

// Brings *segment to the fixed point of (normalize form, then operations).
// Whitespace rules are applied later, on the concatenated output.
void NormalizeSegment(const Options& options, std::u32string* segment,
                      std::u32string* scratch) {
  for (int pass = 0; pass < kMaxFixedPointPasses; ++pass) {
    scratch->clear();
    for (char32_t cp : *segment) AppendDecomposition(cp, options.form, scratch);
    segment->swap(*scratch);
    ReorderCanonically(segment, scratch);
    ComposeCanonically(segment);
    if (!ApplyOperations(options.operations, segment, scratch)) return;
  }
}

namespace {

// True if cp is a segment boundary on its own and the operations leave it
// alone: ccc 0, quick check Yes, unchanged by the operations.
bool IsStableStarter(char32_t cp, const Options& options) {
  const uint32_t props = Properties(cp);
  return (props & kPropCccMask) == 0 && IsQuickCheckYes(props, options.form) &&
         MapCodePoint(cp, options.operations).length < 0;
}

// A starter that nothing following can compose with, reorder around or be
// blocked by: ccc 0, no decomposition (so no trailing marks of its own), not
// a Hangul syllable, and not the first code point of any composite.
bool IsInertStarter(char32_t cp, uint32_t props, Form form) {
  return (props & kPropCccMask) == 0 && IsQuickCheckYes(props, form) &&
         !HasDecomposition(props, form) && !(props & kPropComposesForward) &&
         !(cp >= kHangulSBase && cp < kHangulSBase + kHangulSCount);
}

// Classifies cp without the precomputed tables. A multi-code-point image
// points into the static tables.
CharEntry Classify(char32_t cp, const Options& options) {
  const uint32_t props = Properties(cp);
  CharEntry e{
      CharClass::kJoin, IsInertStarter(cp, props, options.form), 0, 0, {}, 0,
      nullptr};
  const int ccc = props & kPropCccMask;
  const Mapping m = MapCodePoint(cp, options.operations);
  if (ccc != 0) {
    if (m.length == 0 && !HasDecomposition(props, options.form)) {
      e.cls = CharClass::kDeletableMark;
    }
    return e;
  }
  if (!IsQuickCheckYes(props, options.form)) return e;
  if (m.length < 0) {
    e.cls = CharClass::kStart;
    e.image_length = 1;
    e.image = cp;
    return e;
  }
  if (m.length == 0) return e;
  const char32_t* text = m.text != nullptr ? m.text : &m.single;
  for (int k = 0; k < m.length; ++k) {
    if (!IsStableStarter(text[k], options)) return e;
  }
  e.cls = CharClass::kStart;
  e.image_length = static_cast<uint16_t>(m.length);
  e.image = text[0];
  e.image_text = m.length > 1 ? m.text : nullptr;
  return e;
}

// Class and image of a hot-range code point. Beyond Classify(), a code
// point whose decomposition starts with a boundary (e.g. U+00A0, U+FEFB in
// NFKC) is a segment start when its fixed point consists of stable starters.
CharEntry PrecomputeImage(char32_t cp, NormalizerTables* t) {
  CharEntry e = Classify(cp, t->options);
  if (e.cls == CharClass::kStart) return e;
  const uint32_t props = Properties(cp);
  if ((props & kPropCccMask) != 0 || IsQuickCheckYes(props, t->options.form) ||
      !HasDecomposition(props, t->options.form)) {
    return e;
  }
  std::u32string first;
  AppendDecomposition(cp, t->options.form, &first);
  const uint32_t first_props = Properties(first[0]);
  if ((first_props & kPropCccMask) != 0 ||
      !IsQuickCheckYes(first_props, t->options.form)) {
    return e;
  }
  std::u32string fixed(1, cp), scratch;
  NormalizeSegment(t->options, &fixed, &scratch);
  if (fixed.empty()) return e;
  for (char32_t c : fixed) {
    if (!IsStableStarter(c, t->options)) return e;
  }
  e.cls = CharClass::kStart;
  e.image_length = static_cast<uint16_t>(fixed.size());
  e.image = fixed[0];
  if (fixed.size() > 1) {
    // Offset for now; BuildTables() turns it into a pointer.
    e.image_text = reinterpret_cast<const char32_t*>(t->pool.size());
    t->pool += fixed;
    t->pooled.push_back(cp);
  }
  return e;
}

CharEntry PrecomputeEntry(char32_t cp, NormalizerTables* t) {
  CharEntry e = PrecomputeImage(cp, t);
  if (e.cls == CharClass::kStart && e.image_length == 1) {
    const char32_t c = e.image;
    const bool passes_whitespace_rules =
        !(Properties(c) & kPropWhiteSpace) && c != 0x2028 && c != 0x2029;
    if (passes_whitespace_rules) {
      e.plain_length = static_cast<uint8_t>(EncodeUtf8Char(c, e.plain_utf8));
    }
  }
  return e;
}

// Output byte of an ASCII image under the fast path's whitespace handling.
uint8_t FastAsciiByte(char32_t image, bool whitespace) {
  if (whitespace) {
    if (image == '\r') return kOutCarriageReturn;
    if (image == '\t' || image == 0x0B || image == 0x0C) return ' ';
  }
  return static_cast<uint8_t>(image);
}

// The bytes the fast path writes for a segment start e: the UTF-8 of its
// image, each code point as Engine::Emit passes it through the whitespace
// rules (a horizontal space becomes ' ', a line break '\n'). False if the
// fast path must leave e to the scalar path.
bool FastImageBytes(const CharEntry& e, bool whitespace, std::string* bytes) {
  bytes->clear();
  if (e.cls != CharClass::kStart) return false;
  for (int k = 0; k < e.image_length; ++k) {
    char32_t c = e.image_length == 1 ? e.image : e.image_text[k];
    if (whitespace) {
      if (c == '\r') return false;  // CR LF needs the lookahead of ASCII CR
      if (c == 0x85 || c == 0x2028 || c == 0x2029) {
        c = '\n';
      } else if (c == 0x09 || c == 0x0B || c == 0x0C || c == 0xA0 ||
                 (c >= 0x1680 && IsHorizontalSpace(c))) {
        c = ' ';
      }
    }
    char utf8[4];
    bytes->append(utf8, EncodeUtf8Char(c, utf8));
  }
  return true;
}

// True for a starter that the operations delete and that nothing composes
// with or reorders around (e.g. U+0640): all its lanes are dropped.
bool IsDeletedInertStarter(char32_t cp, const CharEntry& e,
                           const Options& options) {
  return e.cls == CharClass::kJoin && e.inert_starter &&
         MapCodePoint(cp, options.operations).length == 0;
}

// Fills the lanes out[0, n) of a character of n bytes: its image bytes in
// the last lanes, kOutDelete before them; or kOutComplex everywhere if the
// image is longer than n bytes or the character is not simple.
void FillLanes(char32_t cp, const CharEntry& e, const Options& options,
               bool whitespace, uint8_t* const* out, size_t n) {
  std::string bytes;
  if (IsDeletedInertStarter(cp, e, options)) {
    for (size_t k = 0; k < n; ++k) *out[k] = kOutDelete;
  } else if (FastImageBytes(e, whitespace, &bytes) && bytes.size() <= n) {
    for (size_t k = 0; k < n; ++k) {
      const size_t pad = n - bytes.size();
      *out[k] = k < pad ? kOutDelete : static_cast<uint8_t>(bytes[k - pad]);
    }
  } else {
    for (size_t k = 0; k < n; ++k) *out[k] = kOutComplex;
  }
}

// Derives the fast path's byte tables from the scanner entries, so that the
// two paths classify every character of the fast domain identically.
std::unique_ptr<ArabicBlockTables> BuildFastTables(const NormalizerTables& t) {
  const uint32_t rules =
      t.options.operations & (kLineBreaks | kCollapseWhitespace);
  if (rules != 0 && rules != (kLineBreaks | kCollapseWhitespace))
    return nullptr;
  auto fast = std::make_unique<ArabicBlockTables>();
  const bool whitespace = rules != 0;
  fast->whitespace_rules = whitespace;
  for (char32_t cp = 0; cp < 0x80; ++cp) {
    const CharEntry& e = t.low[cp];
    const bool simple =
        e.cls == CharClass::kStart && e.image_length == 1 && e.image < 0x80;
    fast->ascii_out[cp] =
        simple ? FastAsciiByte(e.image, whitespace) : kOutComplex;
  }
  fast->end_marker = 0xFF;
  for (uint8_t b = 'a'; b <= 'z' && fast->end_marker == 0xFF; ++b) {
    if (fast->ascii_out[b] == b) fast->end_marker = b;
  }
  for (char32_t cp = 0x600; cp < 0x700; ++cp) {
    const CharEntry& e = t.low[cp];
    const size_t index = cp - 0x600;  // == ((lead & 3) << 6) | (trail & 0x3F)
    fast->arabic_ccc[index] = Ccc(cp);
    uint8_t* lanes[2] = {&fast->lead_out[index], &fast->trail_out[index]};
    const uint32_t props = Properties(cp);
    if (e.cls == CharClass::kDeletableMark) {
      // U+0653..U+0655 compose with a preceding letter first.
      const bool drop = props & kPropNfcQcYes;
      *lanes[0] = *lanes[1] = drop ? kOutDelete : kOutComplex;
    } else if (e.cls == CharClass::kJoin && (props & kPropCccMask) != 0 &&
               IsQuickCheckYes(props, t.options.form) &&
               !HasDecomposition(props, t.options.form) &&
               MapCodePoint(cp, t.options.operations).length < 0) {
      // A kept mark that composes with nothing: flagged by lead + 0x10.
      *lanes[0] = static_cast<uint8_t>((0xC0 | (cp >> 6)) + 0x10);
      *lanes[1] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
    } else {
      FillLanes(cp, e, t.options, whitespace, lanes, 2);
      // ASCII line breaks and CR are left to the scalar path.
      if (*lanes[1] == '\n' || *lanes[1] == '\r') {
        *lanes[0] = *lanes[1] = kOutComplex;
      }
    }
  }
  for (char32_t cp = 0x80; cp < 0xC0; ++cp) {
    const size_t index = 64 + (cp & 0x3F);
    uint8_t* lanes[2] = {&fast->mid_out[index], &fast->last_out[index]};
    FillLanes(cp, t.low[cp], t.options, whitespace, lanes, 2);
  }
  for (char32_t cp = 0x2000; cp < 0x2040; ++cp) {
    const size_t index = cp & 0x3F;
    uint8_t* lanes[3] = {&fast->e2_first_out[index], &fast->mid_out[index],
                         &fast->last_out[index]};
    FillLanes(cp, *t.Precomputed(cp), t.options, whitespace, lanes, 3);
  }
  for (char32_t cp = 0xFE80; cp < 0xFF00; ++cp) {
    // FillLanes places the image in the last of three lanes; the table
    // wants it in the first two, with the third lane dropped.
    uint8_t bytes[3];
    uint8_t* lanes[3] = {&bytes[0], &bytes[1], &bytes[2]};
    FillLanes(cp, *t.Precomputed(cp), t.options, whitespace, lanes, 3);
    uint8_t* out[2] = {&fast->presentation_lead_out[cp - 0xFE80],
                       &fast->presentation_trail_out[cp - 0xFE80]};
    std::string image;
    const bool two_letters =
        FastImageBytes(*t.Precomputed(cp), whitespace, &image) &&
        image.size() == kExpansionBytes && (image[0] & 0xFC) == 0xD8 &&
        (image[2] & 0xFC) == 0xD8;
    if (two_letters) {
      *out[0] = kOutExpand;
      *out[1] = kOutDelete;
      std::memcpy(fast->presentation_expansion[cp - 0xFE80], image.data(),
                  kExpansionBytes);
    } else if (bytes[0] != kOutDelete) {
      *out[0] = *out[1] = kOutComplex;  // a three-byte image, or complex
    } else if (bytes[1] == kOutDelete) {
      // As above, ASCII line breaks are left to the scalar path.
      *out[0] = bytes[2] == '\n' ? kOutComplex : bytes[2];
      *out[1] = bytes[2] == '\n' ? kOutComplex : kOutDelete;
    } else {
      *out[0] = bytes[1];
      *out[1] = bytes[2];
    }
  }
  return fast;
}

std::shared_ptr<const NormalizerTables> BuildTables(const Options& options) {
  auto t = std::make_shared<NormalizerTables>();
  t->options = options;
  for (char32_t cp = 0; cp < NormalizerTables::kLowLimit; ++cp) {
    t->low[cp] = PrecomputeEntry(cp, t.get());
  }
  for (char32_t cp = NormalizerTables::kMidBase;
       cp < NormalizerTables::kMidLimit; ++cp) {
    t->mid[cp - NormalizerTables::kMidBase] = PrecomputeEntry(cp, t.get());
  }
  for (char32_t cp = NormalizerTables::kHighBase;
       cp < NormalizerTables::kHighLimit; ++cp) {
    t->high[cp - NormalizerTables::kHighBase] = PrecomputeEntry(cp, t.get());
  }
  for (char32_t cp : t->pooled) {
    CharEntry* e = t->Precomputed(cp);
    e->image_text = t->pool.data() + reinterpret_cast<uintptr_t>(e->image_text);
  }
  t->fast = BuildFastTables(*t);
  return t;
}

// Where the engine's output goes: appended to a string, or copied into a
// caller's fixed buffer (bytes past its capacity are counted, not written).
class OutputSink {
 public:
  explicit OutputSink(std::string* text) : text_(text) {}
  OutputSink(char* buffer, size_t capacity)
      : buffer_(buffer), capacity_(capacity) {}

  void Append(const char* bytes, size_t n) {
    if (text_ != nullptr) {
      text_->append(bytes, n);
    } else if (n != 0 && size_ + n <= capacity_) {
      std::memcpy(buffer_ + size_, bytes, n);
    }
    size_ += n;
  }
  size_t size() const { return size_; }
  bool overflowed() const { return text_ == nullptr && size_ > capacity_; }

  // Bytes that may be written at direct() and then committed: what is left
  // of a fixed buffer; 0 for a string.
  size_t direct_room() const {
    return text_ == nullptr && size_ <= capacity_ ? capacity_ - size_ : 0;
  }
  char* direct() const { return buffer_ + size_; }
  // Appends the n bytes written at direct() (n <= direct_room()).
  void CommitDirect(size_t n) { size_ += n; }

 private:
  std::string* text_ = nullptr;
  char* buffer_ = nullptr;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

// Streaming engine: decoder state, the open segment, whitespace state and
// an output buffer that is flushed to an OutputSink.
class Engine {
 public:
  explicit Engine(const NormalizerTables& tables)
      : tables_(tables),
        options_(tables.options),
        whitespace_rules_(options_.operations &
                          (kLineBreaks | kCollapseWhitespace)) {}

  void Reset() {
    carry_len_ = 0;
    offset_ = 0;
    failed_ = false;
    head_entry_ = nullptr;
    tail_.clear();
    drop_marks_ = true;
    at_line_start_ = true;
    pending_space_ = false;
    after_cr_ = false;
    out_len_ = 0;
  }

  // Feeds bytes; `last` says that Finish() follows with no more bytes.
  // Returns false (and stops for good) on the first ill-formed sequence in
  // kError mode; error_offset() then tells where.
  bool Write(const uint8_t* p, size_t n, bool last, OutputSink* out) {
    if (failed_) return false;
    out_ = out;
    const uint8_t* end = p + n;
    if (carry_len_ > 0) {
      // Complete the character split by the previous chunk.
      uint8_t joined[8];
      std::memcpy(joined, carry_, carry_len_);
      const size_t take = std::min<size_t>(4, n);
      if (take > 0) std::memcpy(joined + carry_len_, p, take);
      const size_t avail = carry_len_ + take;
      const DecodedChar d = DecodeUtf8Char(joined, avail);
      if (d.truncated && take == n) {
        std::memcpy(carry_, joined, avail);
        carry_len_ = static_cast<uint8_t>(avail);
        FlushOutput();
        return true;
      }
      if (!Accept(d)) return false;
      p += d.length - carry_len_;
      offset_ += d.length;
      carry_len_ = 0;
    }
    const uint8_t* const begin = p;
    const uint64_t base = offset_;
    // The fast path reads p[-2, 0). (An empty chunk may have a null p,
    // which must not be offset.)
    const uint8_t* fast_resume = end - p > 2 ? p + 2 : end;
    int fast_misses = 0;
    while (p < end) {
      if (p >= fast_resume && tables_.fast != nullptr && tail_.empty() &&
          !after_cr_ && end - p >= kFastTailMinBytes) {
        if (end - p < kFastMinBytes) {
          // One try at the end of the chunk; what it leaves is scalar.
          p += RunFastPath(p, end, last);
          fast_resume = end;
          continue;
        }
        const size_t used = RunFastPath(p, end, last);
        if (used != 0) {
          p += used;
          fast_misses = 0;
          continue;
        }
        // Back off over text the fast path cannot take (e.g. presentation
        // forms), but come back soon after an isolated special character.
        fast_resume = p + (kFastRetryDistance << std::min(fast_misses, 4));
        ++fast_misses;
      }
      if (*p < 0x80) {
        Push(*p);
        ++p;
        continue;
      }
      const DecodedChar d = DecodeUtf8Char(p, end - p);
      if (d.truncated) {
        carry_len_ = static_cast<uint8_t>(end - p);
        std::memcpy(carry_, p, carry_len_);
        break;
      }
      if (!Accept(d)) {
        offset_ = base + (p - begin);
        return false;
      }
      p += d.length;
    }
    offset_ = base + (p - begin);
    FlushOutput();
    return true;
  }

  // Ends the stream: a dangling partial character becomes U+FFFD (or an
  // error), the open segment and whitespace state are flushed.
  bool Finish(OutputSink* out) {
    if (failed_) return false;
    out_ = out;
    if (carry_len_ > 0) {
      if (options_.invalid == InvalidUtf8::kError) {
        failed_ = true;
        return false;
      }
      Push(0xFFFD);
      offset_ += carry_len_;
      carry_len_ = 0;
    }
    FlushSegment();
    FlushOutput();
    return true;
  }

  uint64_t error_offset() const { return offset_; }

 private:
  // Runs the SIMD fast path at p if the character there starts a plain
  // segment: closes the open segment first, then hands over an output
  // buffer (the caller's fixed buffer when it has room, else our own) and
  // the whitespace state. `last`: the stream ends at end. Returns the bytes
  // consumed.
  size_t RunFastPath(const uint8_t* p, const uint8_t* end, bool last) {
    const ArabicBlockTables& fast = *tables_.fast;
    if (!StartsPlain(fast, p, end - p)) return 0;
    FlushSegment();
    // Flushing may have emitted a CR, whose LF the fast path does not look
    // for: the plain start at p, not a line break, ends that wait anyway.
    after_cr_ = false;
    size_t written = 0;
    if (out_->direct_room() >= out_len_ + kFastMinBytes + kFastOutputSlack) {
      FlushOutput();
      const size_t len =
          std::min<size_t>(end - p, out_->direct_room() - kFastOutputSlack);
      const size_t used = NormalizeArabicBlocks(
          fast, p, len, last && len == static_cast<size_t>(end - p),
          reinterpret_cast<uint8_t*>(out_->direct()), &written, &pending_space_,
          &at_line_start_);
      out_->CommitDirect(written);
      return used;
    }
    if (kOutBufferSize - out_len_ < kFastMinBytes + kFastOutputSlack) {
      FlushOutput();
    }
    const size_t len =
        std::min<size_t>(end - p, kOutBufferSize - out_len_ - kFastOutputSlack);
    const size_t used = NormalizeArabicBlocks(
        fast, p, len, last && len == static_cast<size_t>(end - p),
        reinterpret_cast<uint8_t*>(out_buf_ + out_len_), &written,
        &pending_space_, &at_line_start_);
    out_len_ += written;
    return used;
  }

  SAFI_ALWAYS_INLINE bool Accept(const DecodedChar& d) {
    if (!d.well_formed && options_.invalid == InvalidUtf8::kError) {
      failed_ = true;
      FlushOutput();
      return false;
    }
    Push(d.cp);
    return true;
  }

  // Entry of cp: precomputed for the hot ranges, else classified into
  // lookup_entry_ (valid until the next call).
  SAFI_ALWAYS_INLINE const CharEntry* Lookup(char32_t cp) {
    if (cp < NormalizerTables::kLowLimit) return &tables_.low[cp];
    if (const CharEntry* e = tables_.Precomputed(cp)) return e;
    lookup_entry_ = Classify(cp, options_);
    return &lookup_entry_;
  }

  SAFI_ALWAYS_INLINE void Push(char32_t cp) {
    const CharEntry* e = Lookup(cp);
    switch (e->cls) {
      case CharClass::kStart:
        FlushSegment();
        if (e == &lookup_entry_) {
          head_copy_ = lookup_entry_;
          e = &head_copy_;
        }
        head_ = cp;
        head_entry_ = e;
        drop_marks_ = e->inert_starter;
        return;
      case CharClass::kDeletableMark:
        if (drop_marks_) return;
        tail_.push_back(cp);
        return;
      case CharClass::kJoin:
        tail_.push_back(cp);
        if (Ccc(cp) == 0) drop_marks_ = e->inert_starter;
        return;
    }
  }

  SAFI_ALWAYS_INLINE void FlushSegment() {
    if (tail_.empty()) {
      const CharEntry* head = head_entry_;
      if (head == nullptr) return;
      head_entry_ = nullptr;
      if (head->plain_length != 0) {
        EmitPlain(head);
      } else if (head->image_length == 1) {
        Emit(head->image);
      } else {
        for (int k = 0; k < head->image_length; ++k) Emit(head->image_text[k]);
      }
      return;
    }
    FlushLongSegment();
  }

  // Emits the image of e, known to pass the whitespace rules unchanged.
  SAFI_ALWAYS_INLINE void EmitPlain(const CharEntry* e) {
    if (pending_space_) {
      Encode(' ');
      pending_space_ = false;
    }
    at_line_start_ = false;
    after_cr_ = false;
    if (out_len_ + 4 > kOutBufferSize) FlushOutput();
    std::memcpy(out_buf_ + out_len_, e->plain_utf8, 4);
    out_len_ += e->plain_length;
  }

  void FlushLongSegment() {
    segment_.clear();
    if (head_entry_ != nullptr) segment_.push_back(head_);
    segment_ += tail_;
    head_entry_ = nullptr;
    tail_.clear();
    NormalizeSegment(options_, &segment_, &scratch_);
    for (char32_t cp : segment_) Emit(cp);
  }

  // Step 4 (whitespace rules) on one output code point, then encoding.
  SAFI_ALWAYS_INLINE void Emit(char32_t cp) {
    if (whitespace_rules_ == 0) {
      Encode(cp);
      return;
    }
    if (options_.operations & kLineBreaks) {
      if (after_cr_) {
        after_cr_ = false;
        if (cp == '\n') return;
      }
      if (cp == '\r') {
        after_cr_ = true;
        cp = '\n';
      } else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
        cp = '\n';
      }
    }
    if (!(options_.operations & kCollapseWhitespace)) {
      Encode(cp);
      return;
    }
    if (cp == '\n') {
      pending_space_ = false;
      at_line_start_ = true;
    } else if (cp <= 0x20
                   ? (cp == 0x20 || cp == 0x09 || cp == 0x0B || cp == 0x0C)
                   : (cp == 0xA0 || (cp >= 0x1680 && IsHorizontalSpace(cp)))) {
      if (!at_line_start_) pending_space_ = true;
      return;
    } else {
      if (pending_space_) {
        Encode(' ');
        pending_space_ = false;
      }
      at_line_start_ = false;
    }
    Encode(cp);
  }

  SAFI_ALWAYS_INLINE void Encode(char32_t cp) {
    if (out_len_ + 4 > kOutBufferSize) FlushOutput();
    out_len_ += EncodeUtf8Char(cp, out_buf_ + out_len_);
  }

  void FlushOutput() {
    out_->Append(out_buf_, out_len_);
    out_len_ = 0;
  }

  const NormalizerTables& tables_;
  const Options& options_;
  const uint32_t whitespace_rules_;
  static constexpr size_t kOutBufferSize = 1 << 15;
  static constexpr ptrdiff_t kFastMinBytes = 160;
  // The shortest end of a chunk (fewer than kFastMinBytes) that goes to the
  // fast path.
  static constexpr ptrdiff_t kFastTailMinBytes = 16;
  static constexpr ptrdiff_t kFastRetryDistance = 4;
  // The room the fast path needs past what it is given.
  static constexpr size_t kFastOutputSlack = kArabicBlocksOutputSlack;
  OutputSink* out_ = nullptr;
  // Output buffer; the fast path may write up to kFastOutputSlack bytes past
  // what it consumed.
  char out_storage_[8 + kOutBufferSize];
  char* const out_buf_ = out_storage_ + 8;
  size_t out_len_ = 0;
  // Decoder.
  uint8_t carry_[4];
  uint8_t carry_len_ = 0;
  uint64_t offset_ = 0;
  bool failed_ = false;
  // Open segment: an optional start code point and the code points joined
  // to it.
  const CharEntry* head_entry_ = nullptr;  // null: no start code point yet
  char32_t head_ = 0;
  CharEntry head_copy_{};     // a classified (not precomputed) head's entry
  CharEntry lookup_entry_{};  // the last classified entry
  std::u32string tail_;
  bool drop_marks_ = true;  // no composing starter precedes in the segment
  std::u32string segment_, scratch_;
  // Whitespace rules.
  bool at_line_start_ = true;
  bool pending_space_ = false;
  bool after_cr_ = false;
};

}  // namespace

// The spare engine of a Normalizer and its copies: one-shot calls take it
// instead of allocating an engine (~33 KiB) each. Taking and giving back
// are atomic exchanges, so that calls from several threads at once each get
// an engine of their own (the ones that find none build one).
class EngineCache {
 public:
  explicit EngineCache(std::shared_ptr<const NormalizerTables> tables)
      : tables_(std::move(tables)) {}
  ~EngineCache() { delete spare_.load(std::memory_order_acquire); }
  EngineCache(const EngineCache&) = delete;
  EngineCache& operator=(const EngineCache&) = delete;

  // An engine over the tables, reset to the start of a stream; give it back
  // with Give once done.
  std::unique_ptr<Engine> Take() {
    Engine* spare = spare_.exchange(nullptr, std::memory_order_acquire);
    if (spare == nullptr) return std::make_unique<Engine>(*tables_);
    return std::unique_ptr<Engine>(spare);
  }
  // Keeps engine, reset, as the spare (dropping any other spare).
  void Give(std::unique_ptr<Engine> engine) {
    engine->Reset();
    delete spare_.exchange(engine.release(), std::memory_order_acq_rel);
  }

 private:
  const std::shared_ptr<const NormalizerTables> tables_;
  std::atomic<Engine*> spare_{nullptr};
};

namespace {

// An engine taken from a cache for one call, given back when the call ends
// (also when it ends by an exception: Give resets the engine).
class EngineLease {
 public:
  explicit EngineLease(EngineCache* cache)
      : cache_(cache), engine_(cache->Take()) {}
  ~EngineLease() { cache_->Give(std::move(engine_)); }
  EngineLease(const EngineLease&) = delete;
  EngineLease& operator=(const EngineLease&) = delete;
  Engine* operator->() const { return engine_.get(); }

 private:
  EngineCache* cache_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace
}  // namespace detail

Normalizer::Normalizer(Profile profile) : Normalizer(ProfileOptions(profile)) {}

namespace {

// The tables of options: shared, built once per process, when options are
// a profile's with either invalid-UTF-8 mode (tables are immutable, and
// building them costs far more than normalizing a short text); built anew
// for any other option set.
std::shared_ptr<const detail::NormalizerTables> TablesFor(
    const Options& options) {
  constexpr size_t kModes = 2;
  static constexpr Profile kProfiles[] = {Profile::kSearch, Profile::kDedup,
                                          Profile::kDisplay, Profile::kNfc,
                                          Profile::kNfkc};
  constexpr size_t kCount = sizeof(kProfiles) / sizeof(kProfiles[0]);
  static std::once_flag once[kCount][kModes];
  static std::shared_ptr<const detail::NormalizerTables> shared[kCount][kModes];
  const size_t mode = options.invalid == InvalidUtf8::kError ? 1 : 0;
  for (size_t i = 0; i < kCount; ++i) {
    const Options p = ProfileOptions(kProfiles[i]);
    if (p.form == options.form && p.operations == options.operations) {
      // If building throws (bad_alloc), the flag stays unset and the
      // exception reaches the caller; a later call tries again.
      std::call_once(once[i][mode],
                     [&] { shared[i][mode] = detail::BuildTables(options); });
      return shared[i][mode];
    }
  }
  return detail::BuildTables(options);
}

}  // namespace

Normalizer::Normalizer(const Options& options)
    : options_(options),
      tables_(TablesFor(options)),
      engines_(std::make_shared<detail::EngineCache>(tables_)) {}

size_t Normalizer::MaxOutputSize(size_t in_len) { return in_len * 11; }

Status Normalizer::Normalize(std::string_view in, std::string* out) const {
  out->clear();
  if (options_.invalid == InvalidUtf8::kError) {
    size_t error_offset = 0;
    if (!ValidateUtf8(in, &error_offset)) {
      return {Status::kInvalidUtf8, error_offset};
    }
  }
  out->reserve(in.size() + in.size() / 8 + 16);
  detail::OutputSink sink(out);
  detail::EngineLease engine(engines_.get());
  engine->Write(reinterpret_cast<const uint8_t*>(in.data()), in.size(),
                /*last=*/true, &sink);
  engine->Finish(&sink);
  return {};
}

Status Normalizer::Normalize(const char* in, size_t in_len, char* out,
                             size_t out_cap, size_t* out_len) const {
  *out_len = 0;
  if (in == nullptr && in_len != 0) return {Status::kInvalidArgument, 0};
  if (out == nullptr && out_cap != 0) return {Status::kInvalidArgument, 0};
  if (options_.invalid == InvalidUtf8::kError) {
    size_t error_offset = 0;
    if (!ValidateUtf8(std::string_view(in, in_len), &error_offset)) {
      return {Status::kInvalidUtf8, error_offset};
    }
  }
  detail::OutputSink sink(out, out_cap);
  detail::EngineLease engine(engines_.get());
  engine->Write(reinterpret_cast<const uint8_t*>(in), in_len, /*last=*/true,
                &sink);
  engine->Finish(&sink);
  *out_len = sink.size();
  if (sink.overflowed()) return {Status::kOutputTooSmall, 0};
  return {};
}

struct Normalizer::Stream::State {
  explicit State(const Normalizer& n) : tables(n.tables_), engine(*tables) {}
  std::shared_ptr<const detail::NormalizerTables> tables;
  detail::Engine engine;
};

Normalizer::Stream::Stream(const Normalizer& normalizer)
    : state_(std::make_unique<State>(normalizer)) {}

Normalizer::Stream::~Stream() = default;

Status Normalizer::Stream::Write(std::string_view chunk, std::string* out) {
  detail::OutputSink sink(out);
  if (!state_->engine.Write(reinterpret_cast<const uint8_t*>(chunk.data()),
                            chunk.size(), /*last=*/false, &sink)) {
    return {Status::kInvalidUtf8, state_->engine.error_offset()};
  }
  return {};
}

Status Normalizer::Stream::Finish(std::string* out) {
  detail::OutputSink sink(out);
  const bool ok = state_->engine.Finish(&sink);
  const uint64_t offset = state_->engine.error_offset();
  state_->engine.Reset();
  if (!ok) return {Status::kInvalidUtf8, offset};
  return {};
}

}  // namespace safi
