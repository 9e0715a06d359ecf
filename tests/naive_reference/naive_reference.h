// SPDX-License-Identifier: Apache-2.0
// A deliberately naive test oracle for safi: UTF-8 decoding straight from
// Unicode Table 3-7 and SEMANTICS.md normalization one code point at a time,
// sharing no code with core/ and not using ICU.
#ifndef SAFI_TESTS_NAIVE_REFERENCE_NAIVE_REFERENCE_H_
#define SAFI_TESTS_NAIVE_REFERENCE_NAIVE_REFERENCE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "safi/normalizer.h"

namespace safi::naive_reference {

// Decodes UTF-8 one byte at a time straight from Unicode 15.0 Table 3-7
// (well-formed byte sequences), replacing each maximal subpart of an
// ill-formed subsequence by U+FFFD. Every input is accepted. If first_error
// is non-null it receives the byte offset of the first ill-formed byte, or
// SIZE_MAX when the input is well-formed.
std::u32string DecodeUtf8(std::string_view in, size_t* first_error);

// Encodes code points as UTF-8. A value that is not a Unicode scalar value
// (a surrogate or above U+10FFFF) is encoded as U+FFFD, so the result is
// always well-formed.
std::string EncodeUtf8(std::u32string_view cps);

// Normalizes UTF-8 text as core/SEMANTICS.md defines: repair (or reject)
// ill-formed UTF-8, then NFC or NFKC, the per-code-point operations and the
// whitespace rules of options, repeated until the text no longer changes.
// The Unicode 15.0 data files (UnicodeData.txt, DerivedNormalizationProps.txt,
// PropList.txt, CaseFolding.txt) are read from the directory SAFI_UCD_DIR
// given at build time (default /usr/share/unicode) into std::map tables on
// the first call of any function here that needs them; a missing or
// malformed file aborts the process with a message on stderr.
// Returns true and replaces *out with the result. With
// options.invalid == InvalidUtf8::kError and ill-formed input it returns
// false, clears *out and sets *error_offset (may be null) to the byte offset
// of the first ill-formed byte. Aborts if the text does not reach a fixed
// point within 64 rounds (a violation of SEMANTICS.md).
// Thread-compatible: concurrent calls are safe; the tables are loaded once.
// Meant for short strings only: it is slow on purpose.
bool Normalize(std::string_view in, const safi::Options& options,
               std::string* out, size_t* error_offset);

}  // namespace safi::naive_reference

#endif  // SAFI_TESTS_NAIVE_REFERENCE_NAIVE_REFERENCE_H_
