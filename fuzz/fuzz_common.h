// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the safi fuzzers: failure reporting that libFuzzer and
// the replay driver both see, a bounded cache of Normalizers per option set,
// and small comparisons of option sets and outcomes.
#ifndef SAFI_FUZZ_FUZZ_COMMON_H_
#define SAFI_FUZZ_FUZZ_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "safi/normalizer.h"

namespace safi::fuzz {

// Prints "fuzz check failed: <what>", the input as code points (see
// icu_reference::Escape, cut to a few thousand characters) and `details` to
// stderr, then aborts: libFuzzer saves the input as a crash and a replay run
// exits non-zero. Never returns.
[[noreturn]] void Fail(std::string_view what, std::string_view input,
                       const std::string& details);

// Readable rendering of bytes for failure messages: icu_reference::Escape
// cut to about 3000 characters.
std::string Escaped(std::string_view bytes);

// "form=NFKC ops=0x1ffff invalid=error".
std::string Describe(const Options& options);

// True if the two option sets are the same.
bool SameOptions(const Options& a, const Options& b);

// The Normalizer for `options`, built once and kept in a process-wide cache
// of at most 64 entries (emptied when full; a returned pointer stays valid).
// Normalizer construction builds tables and is too slow to repeat for every
// input. Not thread-safe (libFuzzer and the replay driver call fuzz targets
// from one thread).
std::shared_ptr<const Normalizer> CachedNormalizer(const Options& options);

// Pins the SIMD fast path for the next calls from 3 bits of the input:
// 0 = the default (best supported) target, k = 1..7 = entry (k - 1) modulo
// their number of safi::SupportedTargets() (best first, so the mapping
// depends on the CPU; the returned name reproduces a finding elsewhere with
// SAFI_FORCE_TARGET). Returns the target's name ("auto" for 0). Aborts
// through Fail if safi::ForceTarget rejects a supported target.
std::string PickTarget(unsigned selector);

// Result of one normalization call in a form that compares easily.
struct Outcome {
  Status::Code code = Status::kOk;
  uint64_t offset = 0;  // meaningful for kInvalidUtf8
  std::string output;   // meaningful for kOk

  bool operator==(const Outcome& other) const {
    return code == other.code && offset == other.offset &&
           (code != Status::kOk || output == other.output);
  }
  bool operator!=(const Outcome& other) const { return !(*this == other); }
};

// "ok: U+0628 ..." or "invalid UTF-8 at 5" or "status 2".
std::string Describe(const Outcome& outcome);

// The production one-shot string API on `in`.
Outcome Production(const Normalizer& normalizer, std::string_view in);

// The ICU reference on `in` (at most INT32_MAX bytes).
Outcome IcuReference(std::string_view in, const Options& options);

}  // namespace safi::fuzz

#endif  // SAFI_FUZZ_FUZZ_COMMON_H_
