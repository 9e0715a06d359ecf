// SPDX-License-Identifier: Apache-2.0
// ICU-only reference implementation of core/SEMANTICS.md: the slow, literal
// oracle that the production normalizer is compared against.
#ifndef SAFI_TESTS_ICU_REFERENCE_ICU_REFERENCE_H_
#define SAFI_TESTS_ICU_REFERENCE_ICU_REFERENCE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "safi/normalizer.h"

namespace safi::icu_reference {

// Normalizes `in` (any bytes, at most INT32_MAX of them) per
// core/SEMANTICS.md using ICU 72 only, and stores the UTF-8 result in *out.
// Returns true on success. With options.invalid == InvalidUtf8::kError and
// ill-formed input, returns false, clears *out and sets *error_offset to the
// byte offset of the first byte of the first ill-formed sequence;
// error_offset may be null. Options bits that name no operation are ignored.
// Aborts with a message on stderr if an ICU call fails or the pipeline does
// not reach a fixed point within 32 rounds (both mean a bug).
bool Normalize(std::string_view in, const safi::Options& options,
               std::string* out, size_t* error_offset);

// The Options of a profile, transcribed from the profile table of
// core/SEMANTICS.md (independent of safi::ProfileOptions, which lives in the
// production library).
safi::Options ReferenceProfileOptions(safi::Profile profile);

// Byte offset of the first byte of the first ill-formed UTF-8 sequence in
// `in`, or std::string_view::npos if `in` is well-formed (ICU U8_NEXT).
size_t FirstIllFormedOffset(std::string_view in);

// True if `utf8` is well-formed UTF-8 and in normalization form `form`
// (ICU Normalizer2::isNormalized).
bool IsNormalized(std::string_view utf8, safi::Form form);

// Human-readable form of `bytes` for test failure messages: each well-formed
// code point as U+XXXX, each ill-formed maximal subpart as <XX YY>,
// separated by spaces; "(empty)" for no bytes.
std::string Escape(std::string_view bytes);

// UTF-8 of one scalar value (U+0000..U+10FFFF, not a surrogate), encoded
// with ICU's U8_APPEND_UNSAFE so that tests do not share the core's encoder.
std::string Utf8(char32_t cp);

// ICU NFKC of UTF-8 text through Normalizer2::normalizeUTF8 and a
// StringByteSink (the baseline of the benchmarks). Ill-formed input is
// handled however ICU handles it. Aborts with a message if ICU fails or
// `in` is longer than INT32_MAX bytes.
std::string IcuNfkcUtf8(std::string_view in);

}  // namespace safi::icu_reference

#endif  // SAFI_TESTS_ICU_REFERENCE_ICU_REFERENCE_H_
