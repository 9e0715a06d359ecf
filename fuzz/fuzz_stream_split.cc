// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: streaming split-invariance. For every profile, on the
// SIMD target the input picks, the text
// fed to Normalizer::Stream in chunks whose sizes come from the input, and
// again one byte at a time through the same (reused) Stream, gives exactly
// the one-shot result; in kError mode the same error offset, from every
// later call too, and only output that is final.
//
// Input layout: byte 0 bit 0 = InvalidUtf8::kError, bits 4-6 = the SIMD
// target (0 = default; see PickTarget), other bits ignored;
// byte 1 = n - 1, the number of chunk sizes (n = 1..16, byte 1 mod 16 + 1);
// then n bytes, the chunk sizes 0..255 (0 = an empty Write), used in turn
// and cycled (a size of 1 is added when all are 0); the rest is the text.
// Shorter inputs are ignored.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_common.h"
#include "safi/normalizer.h"

namespace safi::fuzz {
namespace {

constexpr size_t kMaxSizes = 16;
// Byte-at-a-time streaming of larger texts would dominate the run time.
constexpr size_t kMaxBytewiseInput = 1 << 14;
constexpr size_t kLargeInputChunk = 7;

// Streams `text` through `stream` in chunks of sizes[0], sizes[1], ...
// (cycled), then finishes. Checks the error contract on the way: once a
// call fails with kInvalidUtf8 every later call (one more Write, Finish)
// fails with the same offset, and the output appended before the failure is
// a prefix of the one-shot output of the well-formed text before the
// offending byte. Returns what the stream produced.
Outcome StreamInChunks(Normalizer::Stream* stream, const Normalizer& normalizer,
                       std::string_view text, const std::vector<size_t>& sizes,
                       const std::string& label) {
  Outcome outcome;
  size_t at = 0;
  size_t turn = 0;
  Status status;
  while (at < text.size()) {
    const size_t length =
        std::min(sizes[turn++ % sizes.size()], text.size() - at);
    status = stream->Write(text.substr(at, length), &outcome.output);
    at += length;
    if (!status.ok()) break;
  }
  if (status.ok()) {
    status = stream->Finish(&outcome.output);
    if (status.ok()) return outcome;
  } else {
    const Status again = stream->Write(text.substr(at), &outcome.output);
    const Status finish = stream->Finish(&outcome.output);
    for (const Status& later : {again, finish}) {
      if (later.code != status.code || later.offset != status.offset) {
        Fail("a later stream call forgot the error", text,
             label + ": first status " + std::to_string(status.code) + " at " +
                 std::to_string(status.offset) + ", later status " +
                 std::to_string(later.code) + " at " +
                 std::to_string(later.offset));
      }
    }
  }
  outcome.code = status.code;
  outcome.offset = status.offset;
  if (status.code != Status::kInvalidUtf8 || status.offset > text.size()) {
    Fail("unexpected stream status", text, label + ": " + Describe(outcome));
  }
  Options prefix_options = normalizer.options();
  prefix_options.invalid = InvalidUtf8::kReplace;
  const Outcome prefix = Production(*CachedNormalizer(prefix_options),
                                    text.substr(0, status.offset));
  if (prefix.output.compare(0, outcome.output.size(), outcome.output) != 0 ||
      outcome.output.size() > prefix.output.size()) {
    Fail("stream output before an error is not final", text,
         label + ": stream wrote " + Escaped(outcome.output) +
             "\n  the text before the error normalizes to " +
             Escaped(prefix.output));
  }
  return outcome;
}

// "3 0 17".
std::string Join(const std::vector<size_t>& sizes) {
  std::string text;
  for (const size_t size : sizes) {
    if (!text.empty()) text += ' ';
    text += std::to_string(size);
  }
  return text;
}

void Run(const uint8_t* data, size_t size) {
  if (size < 2) return;
  const bool error_mode = (data[0] & 1) != 0;
  const size_t count = data[1] % kMaxSizes + 1;
  if (size < 2 + count) return;
  std::vector<size_t> sizes(data + 2, data + 2 + count);
  if (std::all_of(sizes.begin(), sizes.end(),
                  [](size_t size) { return size == 0; })) {
    sizes.push_back(1);  // the stream must make progress
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 2 + count,
                              size - 2 - count);
  const std::vector<size_t> second_split = {
      text.size() <= kMaxBytewiseInput ? 1 : kLargeInputChunk};
  const std::string target = PickTarget((data[0] >> 4) & 7);

  for (const Profile profile : AllProfiles()) {
    Options options = ProfileOptions(profile);
    if (error_mode) options.invalid = InvalidUtf8::kError;
    const std::string label = std::string("profile ") + ProfileName(profile) +
                              " " + Describe(options) + " target=" + target;
    const auto normalizer_owner = CachedNormalizer(options);
    const Normalizer& normalizer = *normalizer_owner;
    const Outcome one_shot = Production(normalizer, text);
    Normalizer::Stream stream(normalizer);
    for (const std::vector<size_t>* split :
         {&std::as_const(sizes), &second_split}) {
      const Outcome streamed =
          StreamInChunks(&stream, normalizer, text, *split, label);
      if (streamed != one_shot) {
        Fail("streaming differs from one-shot", text,
             label + "\n  one-shot " + Describe(one_shot) + "\n  streamed " +
                 Describe(streamed) + "\n  chunk sizes " + Join(*split) +
                 " (cycled)");
      }
    }
  }
}

}  // namespace
}  // namespace safi::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  safi::fuzz::Run(data, size);
  return 0;
}
