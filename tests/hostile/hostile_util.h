// SPDX-License-Identifier: Apache-2.0
// Helpers of the hostile-input tests: peak memory of the process, periodic
// text served in chunks without materializing it, and a checker that
// compares streamed output with a repeated unit without keeping it.
#ifndef SAFI_TESTS_HOSTILE_HOSTILE_UTIL_H_
#define SAFI_TESTS_HOSTILE_HOSTILE_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "icu_reference.h"

namespace safi::hostile {

using icu_reference::Utf8;

// `piece` repeated `count` times.
std::string Repeat(std::string_view piece, size_t count);

// Peak resident set size of this process (VmHWM of /proc/self/status) in
// bytes, or nullopt if it cannot be read.
std::optional<uint64_t> PeakRssBytes();

// Resets the peak resident set size to the current one (writes 5 to
// /proc/self/clear_refs, Linux 4.0+). False if the kernel refuses.
bool ResetPeakRss();

// True if SAFI_HOSTILE_FULL is set to a non-empty value other than "0": run
// the full-size inputs (1 GiB stream) instead of the CI-sized ones.
bool FullSize();

// Seed of the random tests: $SAFI_TEST_SEED if set, else a fixed default.
uint64_t TestSeed();

// The infinite repetition of a non-empty pattern, read through a window of
// at most max_chunk bytes without building the whole text.
class PeriodicText {
 public:
  PeriodicText(std::string pattern, size_t max_chunk);

  // Bytes [offset, offset + length) of the repetition; length <= max_chunk.
  // The view is valid until the object is destroyed.
  std::string_view Slice(uint64_t offset, size_t length) const;

  size_t period() const { return period_; }

 private:
  size_t period_;
  std::string window_;  // the pattern repeated to cover max_chunk + period
};

// Compares output that arrives in pieces with the infinite repetition of a
// non-empty unit, in constant memory.
class RepetitionChecker {
 public:
  explicit RepetitionChecker(std::string unit);

  // Consumes the next piece of output. Returns false at the first byte that
  // differs from the repetition (mismatch() then gives its position); later
  // calls keep returning false.
  bool Consume(std::string_view piece);

  uint64_t consumed() const { return consumed_; }
  std::optional<uint64_t> mismatch() const { return mismatch_; }

 private:
  static constexpr size_t kWindow = 1 << 20;
  PeriodicText expected_;
  uint64_t consumed_ = 0;
  std::optional<uint64_t> mismatch_;
};

}  // namespace safi::hostile

#endif  // SAFI_TESTS_HOSTILE_HOSTILE_UTIL_H_
