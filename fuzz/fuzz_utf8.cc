// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: UTF-8 validation and repair. safi::ValidateUtf8 and the
// kError offset against ICU (U8_NEXT, u_strFromUTF8WithSub) and the naive
// Table 3-7 decoder; the repaired output of the nfc profile against the ICU
// reference. The whole input is the text.
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "icu_reference.h"
#include "naive_reference.h"
#include "safi/normalizer.h"

namespace safi::fuzz {
namespace {

// The naive decoder is slow on purpose; larger inputs skip it.
constexpr size_t kMaxNaiveInput = 1 << 14;
// u_strFromUTF8WithSub takes an int32_t length.
constexpr size_t kMaxIcuInput = 1 << 24;

// Code points of `in` decoded by ICU u_strFromUTF8WithSub with U+FFFD as the
// substitution character; *substitutions receives the number of U+FFFD it
// inserted. Aborts through Fail if ICU reports an error.
std::u32string IcuDecode(std::string_view in, int32_t* substitutions) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length16 = 0;
  u_strFromUTF8WithSub(nullptr, 0, &length16, in.data(),
                       static_cast<int32_t>(in.size()), 0xFFFD, substitutions,
                       &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
  std::u16string utf16(static_cast<size_t>(length16), u'\0');
  u_strFromUTF8WithSub(utf16.data(), length16, &length16, in.data(),
                       static_cast<int32_t>(in.size()), 0xFFFD, substitutions,
                       &status);
  if (U_FAILURE(status)) {
    Fail("u_strFromUTF8WithSub failed", in, u_errorName(status));
  }
  std::u32string cps;
  for (int32_t i = 0; i < length16;) {
    UChar32 c;
    U16_NEXT(utf16.data(), i, length16, c);
    cps.push_back(static_cast<char32_t>(c));
  }
  return cps;
}

size_t CountReplacementCharacters(std::u32string_view cps) {
  size_t count = 0;
  for (const char32_t c : cps) count += c == 0xFFFD;
  return count;
}

// Number of U+FFFD (EF BF BD) in valid UTF-8 text.
size_t CountReplacementCharacters(std::string_view utf8) {
  size_t count = 0;
  for (size_t at = utf8.find("\xEF\xBF\xBD"); at != std::string_view::npos;
       at = utf8.find("\xEF\xBF\xBD", at + 3)) {
    ++count;
  }
  return count;
}

std::string OffsetText(bool valid, size_t offset) {
  return valid ? "valid" : "invalid at " + std::to_string(offset);
}

void Run(std::string_view in) {
  size_t offset = 0;
  const bool valid = ValidateUtf8(in, &offset);

  const size_t icu_offset = icu_reference::FirstIllFormedOffset(in);
  const bool icu_valid = icu_offset == std::string_view::npos;
  if (valid != icu_valid || (!valid && offset != icu_offset)) {
    Fail("ValidateUtf8 differs from ICU U8_NEXT", in,
         "safi " + OffsetText(valid, offset) + ", ICU " +
             OffsetText(icu_valid, icu_offset));
  }

  // kError mode reports the same offset, from the one-shot call.
  Options error_options = icu_reference::ReferenceProfileOptions(Profile::kNfc);
  error_options.invalid = InvalidUtf8::kError;
  const Outcome error_outcome =
      Production(*CachedNormalizer(error_options), in);
  if ((error_outcome.code == Status::kOk) != valid ||
      (!valid && error_outcome.offset != offset)) {
    Fail("kError outcome differs from ValidateUtf8", in,
         "ValidateUtf8 " + OffsetText(valid, offset) + ", Normalize " +
             Describe(error_outcome));
  }

  // Repair: the nfc profile equals the ICU reference, which decodes with
  // u_strFromUTF8WithSub.
  const Outcome repaired =
      Production(*CachedNormalizer(ProfileOptions(Profile::kNfc)), in);
  if (repaired.code != Status::kOk) {
    Fail("nfc profile failed in kReplace mode", in, Describe(repaired));
  }
  if (valid && repaired.output != error_outcome.output) {
    Fail("kError and kReplace outputs differ on valid input", in,
         "kError " + Describe(error_outcome) + "\n  kReplace " +
             Describe(repaired));
  }
  const Outcome expected =
      IcuReference(in, icu_reference::ReferenceProfileOptions(Profile::kNfc));
  if (repaired != expected) {
    Fail("nfc repair differs from the ICU reference", in,
         "production " + Describe(repaired) + "\n  reference  " +
             Describe(expected));
  }
  if (valid && icu_reference::IsNormalized(in, Form::kNfc) &&
      repaired.output != in) {
    Fail("nfc changed valid NFC text", in, Describe(repaired));
  }

  if (in.size() > kMaxIcuInput) return;
  int32_t substitutions = 0;
  const std::u32string icu_cps = IcuDecode(in, &substitutions);
  if ((substitutions == 0) != valid) {
    Fail("ValidateUtf8 differs from u_strFromUTF8WithSub", in,
         "safi " + OffsetText(valid, offset) + ", ICU substituted " +
             std::to_string(substitutions) + " times");
  }
  // NFC neither creates nor removes U+FFFD (a starter that never composes),
  // so the repaired output holds one per ICU substitution plus those that
  // were in the input.
  if (CountReplacementCharacters(repaired.output) !=
      CountReplacementCharacters(icu_cps)) {
    Fail("number of U+FFFD in the nfc output differs from ICU's decoding", in,
         "production " + Describe(repaired) + "\n  ICU substitutions " +
             std::to_string(substitutions));
  }

  if (in.size() > kMaxNaiveInput) return;
  size_t naive_error = 0;
  const std::u32string naive_cps =
      naive_reference::DecodeUtf8(in, &naive_error);
  const bool naive_valid = naive_error == SIZE_MAX;
  if (naive_valid != valid || (!valid && naive_error != offset)) {
    Fail("ValidateUtf8 differs from the naive decoder", in,
         "safi " + OffsetText(valid, offset) + ", naive " +
             OffsetText(naive_valid, naive_error));
  }
  if (naive_cps != icu_cps) {
    Fail("naive decoder differs from u_strFromUTF8WithSub", in,
         "naive " +
             icu_reference::Escape(naive_reference::EncodeUtf8(naive_cps)) +
             "\n  ICU " +
             icu_reference::Escape(naive_reference::EncodeUtf8(icu_cps)));
  }
}

}  // namespace
}  // namespace safi::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  safi::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
