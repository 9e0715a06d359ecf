// SPDX-License-Identifier: Apache-2.0
// Public C++ API of the safi normalizer: profiles, operations, one-shot and
// streaming normalization of UTF-8 text. No ICU, no SIMD types.
#ifndef SAFI_NORMALIZER_H_
#define SAFI_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "safi/export.h"

namespace safi {

namespace detail {
struct NormalizerTables;
class EngineCache;
}  // namespace detail

// Version of the library (semantic version string, e.g. "0.1.0").
SAFI_API const char* Version();

// Unicode version of the generated tables (e.g. "15.0.0").
SAFI_API const char* UnicodeVersion();

// Unicode normalization form applied in step 2 of the pipeline.
enum class Form : uint8_t { kNfc, kNfkc };

// Per-code-point operations (step 3) and whitespace rules (step 4). Each bit
// has an exact code-point set; see OperationInfo() for names and sets.
// When several operations match one code point the first in this order wins:
// deletions, zwnj-to-space, letter and digit folds, presentation forms,
// punctuation/symbols to space, case folding.
enum Operation : uint32_t {
  // Deletions.
  kRemoveTatweel = 1u << 0,        // U+0640
  kRemoveHarakat = 1u << 1,        // U+064B..U+065F, U+0670
  kRemoveQuranicMarks = 1u << 2,   // U+0610..061A 06D6..06DC 06DF..06E8
                                   // 06EA..06ED 08D3..08E1 08E3..08FF
  kRemoveBidiInvisible = 1u << 3,  // U+061C 200B 200E 200F 202A..202E
                                   // 2060..2064 2066..2069 FEFF 00AD
  kRemoveZwnjZwj = 1u << 4,        // U+200C U+200D
  // Replacements.
  kZwnjToSpace = 1u << 5,            // U+200C -> U+0020
  kFoldAlef = 1u << 6,               // U+0622 0623 0625 0671 0672 0673 -> 0627
  kFoldAlefMaksura = 1u << 7,        // U+0649 -> U+064A
  kFoldTehMarbuta = 1u << 8,         // U+0629 -> U+0647
  kFoldPersianLetters = 1u << 9,     // U+06CC 06D0 06D2 -> 064A, 06A9 -> 0643,
                                     // 06C0 06C1 06C2 -> 0647
  kFoldDigits = 1u << 10,            // U+0660..0669, U+06F0..06F9 -> '0'..'9'
  kFoldHamzaSeats = 1u << 11,        // U+0624 -> 0648, U+0626 -> 064A
  kPresentationForms = 1u << 12,     // U+FB50..FDFF, FE70..FEFF -> their NFKC
  kPunctuationSymbolsToSpace = 1u << 13,  // General_Category P* and S* -> U+0020
  kCaseFold = 1u << 14,  // full case folding (CaseFolding.txt C+F); a code
                         // point whose folding is canonically equivalent to
                         // itself (e.g. U+0390) is left unchanged
  // Whitespace rules (step 4).
  kLineBreaks = 1u << 15,  // CRLF, CR, U+0085, U+2028, U+2029 -> LF
  kCollapseWhitespace = 1u << 16,  // runs of White_Space other than line
                                   // breaks -> one U+0020; removed at the
                                   // start and end of every line
};

// What to do with ill-formed UTF-8.
enum class InvalidUtf8 : uint8_t {
  kReplace,  // each maximal subpart becomes U+FFFD (Unicode 3.9, WHATWG)
  kError,    // fail with the offset of the first ill-formed byte
};

// A named bundle of a form and operations.
enum class Profile : uint8_t { kSearch, kDedup, kDisplay, kNfc, kNfkc };

struct Options {
  Form form = Form::kNfkc;
  uint32_t operations = 0;  // bitwise OR of Operation
  InvalidUtf8 invalid = InvalidUtf8::kReplace;
};

// Options of a profile.
SAFI_API Options ProfileOptions(Profile profile);
// Parses "search", "dedup", "display", "nfc", "nfkc". False if unknown.
SAFI_API bool ParseProfile(std::string_view name, Profile* profile);
SAFI_API const char* ProfileName(Profile profile);
// Version of a profile's semantics; bumped whenever its output may change.
// The dedup profile's version is part of every dedup key.
SAFI_API uint32_t ProfileVersion(Profile profile);
// All profiles, in documentation order.
SAFI_API std::vector<Profile> AllProfiles();

struct OperationInfo {
  Operation operation;
  const char* name;         // e.g. "remove_tatweel"
  const char* description;  // exact code-point set and effect
};
// Every operation, in priority order.
SAFI_API const std::vector<OperationInfo>& Operations();

// Result of a call. offset is meaningful for kInvalidUtf8 (byte offset of the
// first ill-formed sequence, counted from the start of the input or stream).
struct Status {
  enum Code : uint8_t {
    kOk = 0,
    kInvalidUtf8,     // only with InvalidUtf8::kError
    kOutputTooSmall,  // the caller's buffer is smaller than needed
    kInvalidArgument,
  };
  Code code = kOk;
  uint64_t offset = 0;
  bool ok() const { return code == kOk; }
};

// Normalizes UTF-8 text according to Options:
//   1. ill-formed UTF-8 -> U+FFFD per maximal subpart (or error);
//   2. Unicode normalization (NFC or NFKC, Unicode 15.0);
//   3. the per-code-point operations;
//   4. the whitespace rules;
//   5. 2-4 again until the text no longer changes.
// Output is valid UTF-8 in the chosen normalization form; normalization is
// idempotent; streaming output does not depend on how input is split.
// A Normalizer is immutable after construction and may be shared by threads
// for one-shot calls; a Stream is used by one thread at a time.
class SAFI_API Normalizer {
 public:
  explicit Normalizer(Profile profile = Profile::kSearch);
  explicit Normalizer(const Options& options);

  const Options& options() const { return options_; }

  // Upper bound on the output size in bytes for in_len input bytes, for every
  // input and every option set: 11 * in_len (NFKC of U+FDFA turns 3 bytes
  // into 33; an ill-formed byte becomes 3).
  static size_t MaxOutputSize(size_t in_len);

  // One-shot: replaces *out with the normalized text. On error *out is
  // cleared and nothing is written.
  Status Normalize(std::string_view in, std::string* out) const;

  // One-shot into a caller buffer of out_cap bytes. Never writes past
  // out_cap. On success *out_len is the output length. On kOutputTooSmall
  // *out_len is the required size and the buffer contents are unspecified.
  // On kInvalidUtf8 nothing useful is written and *out_len is 0.
  Status Normalize(const char* in, size_t in_len, char* out, size_t out_cap,
                   size_t* out_len) const;

  // Incremental normalization. Output is appended to *out as soon as it is
  // final; Finish() flushes what is held back (at most one combining
  // sequence, one partial UTF-8 character and pending whitespace).
  class SAFI_API Stream {
   public:
    explicit Stream(const Normalizer& normalizer);
    ~Stream();
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    // Appends normalized output of chunk to *out. In kError mode the first
    // ill-formed sequence makes this and every later call return
    // kInvalidUtf8 with its stream offset; output already appended stays.
    Status Write(std::string_view chunk, std::string* out);
    // Ends the stream; the Stream can then be reused from the start.
    Status Finish(std::string* out);

   private:
    struct State;
    std::unique_ptr<State> state_;
  };

 private:
  Options options_;
  std::shared_ptr<const detail::NormalizerTables> tables_;
  // A spare engine for one-shot calls, shared by copies (thread-safe).
  std::shared_ptr<detail::EngineCache> engines_;
};

// Validates UTF-8. Returns true if well-formed; else false and *error_offset
// is the offset of the first ill-formed sequence.
SAFI_API bool ValidateUtf8(std::string_view in, size_t* error_offset);

}  // namespace safi

#endif  // SAFI_NORMALIZER_H_
