// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: safi::Normalizer against the ICU reference byte for byte,
// for a profile or an arbitrary option set and a SIMD target picked by the
// input, plus output validity, the size bound, idempotence and the
// caller-buffer API.
//
// Input layout (4 header bytes, then the text; shorter inputs are ignored):
//   byte 0, bits 0-2: 0..4 = profile (search, dedup, display, nfc, nfkc, the
//                     order of safi::Profile); 5..7 = the option set below.
//           bit 3:    InvalidUtf8::kError instead of kReplace.
//           bits 4-6: the SIMD target (0 = default; see PickTarget).
//           bit 7:    ignored.
//   bytes 1-3: little-endian 24 bits, used only for option sets: bits 0-16
//              are the operations bitmask (every safi::Operation), bit 17
//              picks NFKC over NFC, bits 18-23 are ignored.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "icu_reference.h"
#include "safi/normalizer.h"

namespace safi::fuzz {
namespace {

constexpr size_t kHeaderSize = 4;
constexpr uint32_t kAllOperations = (1u << 17) - 1;
constexpr uint32_t kNfkcBit = 1u << 17;
constexpr int kProfileCount = 5;
// ICU's canonical reordering is quadratic in the length of a run of marks;
// past this size only the production-side properties are checked.
constexpr size_t kMaxReferenceInput = 1 << 16;
constexpr size_t kGuardSize = 32;
constexpr char kGuardByte = '\x5A';

// Decoded header: the option set for production and for the reference (the
// same set, taken independently from the profile table for profiles).
struct Choice {
  Options production;
  Options reference;
  std::string label;
};

Choice Decode(const uint8_t* header) {
  Choice choice;
  const unsigned selector = header[0] & 7;
  const bool error_mode = (header[0] & 8) != 0;
  if (selector < kProfileCount) {
    const auto profile = static_cast<Profile>(selector);
    choice.production = ProfileOptions(profile);
    choice.reference = icu_reference::ReferenceProfileOptions(profile);
    choice.label = std::string("profile ") + ProfileName(profile);
  } else {
    const uint32_t bits =
        header[1] | (uint32_t{header[2]} << 8) | (uint32_t{header[3]} << 16);
    choice.production.form = (bits & kNfkcBit) ? Form::kNfkc : Form::kNfc;
    choice.production.operations = bits & kAllOperations;
    choice.reference = choice.production;
    choice.label = "option set";
  }
  if (error_mode) {
    choice.production.invalid = InvalidUtf8::kError;
    choice.reference.invalid = InvalidUtf8::kError;
  }
  choice.label += " " + Describe(choice.production) +
                  " target=" + PickTarget((header[0] >> 4) & 7);
  return choice;
}

// Calls the buffer API with a heap buffer of out_cap bytes followed by
// kGuardSize guard bytes (ASan also sees the end of the allocation); fails
// if a guard byte changed. Returns the status; *out receives the written
// bytes when the call succeeds.
Status CallBufferApi(const Normalizer& normalizer, std::string_view in,
                     size_t out_cap, size_t* out_len, std::string* out,
                     const std::string& label) {
  const size_t total = out_cap + kGuardSize;
  std::unique_ptr<char[]> buffer(new char[total]);
  std::memset(buffer.get(), '\xA5', out_cap);
  std::memset(buffer.get() + out_cap, kGuardByte, kGuardSize);
  const Status status = normalizer.Normalize(in.data(), in.size(), buffer.get(),
                                             out_cap, out_len);
  for (size_t i = out_cap; i < total; ++i) {
    if (buffer[i] != kGuardByte) {
      Fail("buffer API wrote past its capacity", in,
           label + ": out_cap=" + std::to_string(out_cap) + ", byte " +
               std::to_string(i) + " changed");
    }
  }
  if (status.ok() && *out_len <= out_cap) {
    out->assign(buffer.get(), *out_len);
  }
  return status;
}

// The buffer API agrees with the string API (`expected`) for a buffer of
// MaxOutputSize, of exactly the needed size, of fewer bytes, and for a size
// query with a null buffer of capacity 0.
void CheckBufferApi(const Normalizer& normalizer, std::string_view in,
                    const Outcome& expected, const std::string& label) {
  size_t out_len = 0;
  std::string out;
  Status status =
      CallBufferApi(normalizer, in, Normalizer::MaxOutputSize(in.size()),
                    &out_len, &out, label);
  if (expected.code != Status::kOk) {
    if (status.code != expected.code || status.offset != expected.offset ||
        out_len != 0) {
      Fail("buffer API error differs from the string API", in,
           label + ": buffer API status " + std::to_string(status.code) +
               " offset " + std::to_string(status.offset) + " out_len " +
               std::to_string(out_len) + "\n  string API " +
               Describe(expected));
    }
    return;
  }
  if (!status.ok() || out != expected.output) {
    Fail("buffer API (cap = MaxOutputSize) differs from the string API", in,
         label + ": buffer API status " + std::to_string(status.code) + ": " +
             Escaped(out) + "\n  string API " + Describe(expected));
  }
  const size_t needed = expected.output.size();
  out.clear();
  status = CallBufferApi(normalizer, in, needed, &out_len, &out, label);
  if (!status.ok() || out != expected.output) {
    Fail("buffer API (cap = output size) differs from the string API", in,
         label + ": status " + std::to_string(status.code) + ": " +
             Escaped(out));
  }
  // A null buffer of capacity 0 asks for the size only.
  status = normalizer.Normalize(in.data(), in.size(), nullptr, 0, &out_len);
  const Status::Code size_code =
      needed == 0 ? Status::kOk : Status::kOutputTooSmall;
  if (status.code != size_code || out_len != needed) {
    Fail("buffer API size query (null buffer, capacity 0)", in,
         label + ": status " + std::to_string(status.code) + " out_len " +
             std::to_string(out_len) + ", " + std::to_string(needed) +
             " needed");
  }
  if (needed == 0) return;
  for (const size_t cap : {size_t{0}, needed / 2, needed - 1}) {
    status = CallBufferApi(normalizer, in, cap, &out_len, &out, label);
    if (status.code != Status::kOutputTooSmall || out_len != needed) {
      Fail("buffer API with a small buffer", in,
           label + ": cap " + std::to_string(cap) + " of " +
               std::to_string(needed) + " needed gave status " +
               std::to_string(status.code) + " out_len " +
               std::to_string(out_len));
    }
  }
}

void Run(const uint8_t* data, size_t size) {
  if (size < kHeaderSize) return;
  const Choice choice = Decode(data);
  const std::string_view in(reinterpret_cast<const char*>(data) + kHeaderSize,
                            size - kHeaderSize);
  if (!SameOptions(choice.production, choice.reference)) {
    Fail("ProfileOptions differs from the profile table of SEMANTICS.md", in,
         choice.label + " vs reference " + Describe(choice.reference));
  }
  const auto normalizer_owner = CachedNormalizer(choice.production);
  const Normalizer& normalizer = *normalizer_owner;
  const Outcome got = Production(normalizer, in);
  if (got.code != Status::kOk && got.code != Status::kInvalidUtf8) {
    Fail("unexpected status", in, choice.label + ": " + Describe(got));
  }
  if (in.size() <= kMaxReferenceInput) {
    const Outcome expected = IcuReference(in, choice.reference);
    if (got != expected) {
      Fail("production differs from the ICU reference", in,
           choice.label + "\n  production " + Describe(got) +
               "\n  reference  " + Describe(expected));
    }
  }
  if (got.code == Status::kOk) {
    if (icu_reference::FirstIllFormedOffset(got.output) !=
        std::string_view::npos) {
      Fail("output is not valid UTF-8", in,
           choice.label + ": " + Describe(got));
    }
    if (got.output.size() > Normalizer::MaxOutputSize(in.size())) {
      Fail("output larger than MaxOutputSize", in,
           choice.label + ": " + std::to_string(got.output.size()) + " bytes");
    }
    const Outcome again = Production(normalizer, got.output);
    if (again != got) {
      Fail("normalization is not idempotent", in,
           choice.label + "\n  once  " + Describe(got) + "\n  twice " +
               Describe(again));
    }
  }
  CheckBufferApi(normalizer, in, got, choice.label);
  if (in.empty()) {
    // Empty input may come as a null pointer.
    size_t out_len = 1;
    char byte = 0;
    const Status status = normalizer.Normalize(nullptr, 0, &byte, 1, &out_len);
    if (!status.ok() || out_len != 0) {
      Fail("buffer API with null empty input", in,
           choice.label + ": status " + std::to_string(status.code) +
               " out_len " + std::to_string(out_len));
    }
  }
}

}  // namespace
}  // namespace safi::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  safi::fuzz::Run(data, size);
  return 0;
}
