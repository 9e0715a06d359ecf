// SPDX-License-Identifier: Apache-2.0
// The C API (safi/safi.h) over the C++ API: handles own C++ objects, every
// entry point catches std::bad_alloc so no exception crosses the C ABI.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "safi/normalizer.h"
#include "safi/safi.h"

static_assert(SAFI_OP_REMOVE_TATWEEL == safi::kRemoveTatweel);
static_assert(SAFI_OP_REMOVE_HARAKAT == safi::kRemoveHarakat);
static_assert(SAFI_OP_REMOVE_QURANIC_MARKS == safi::kRemoveQuranicMarks);
static_assert(SAFI_OP_REMOVE_BIDI_INVISIBLE == safi::kRemoveBidiInvisible);
static_assert(SAFI_OP_REMOVE_ZWNJ_ZWJ == safi::kRemoveZwnjZwj);
static_assert(SAFI_OP_ZWNJ_TO_SPACE == safi::kZwnjToSpace);
static_assert(SAFI_OP_FOLD_ALEF == safi::kFoldAlef);
static_assert(SAFI_OP_FOLD_ALEF_MAKSURA == safi::kFoldAlefMaksura);
static_assert(SAFI_OP_FOLD_TEH_MARBUTA == safi::kFoldTehMarbuta);
static_assert(SAFI_OP_FOLD_PERSIAN_LETTERS == safi::kFoldPersianLetters);
static_assert(SAFI_OP_FOLD_DIGITS == safi::kFoldDigits);
static_assert(SAFI_OP_FOLD_HAMZA_SEATS == safi::kFoldHamzaSeats);
static_assert(SAFI_OP_PRESENTATION_FORMS == safi::kPresentationForms);
static_assert(SAFI_OP_PUNCTUATION_SYMBOLS_TO_SPACE ==
              safi::kPunctuationSymbolsToSpace);
static_assert(SAFI_OP_CASE_FOLD == safi::kCaseFold);
static_assert(SAFI_OP_LINE_BREAKS == safi::kLineBreaks);
static_assert(SAFI_OP_COLLAPSE_WHITESPACE == safi::kCollapseWhitespace);
static_assert(SAFI_OP_ALL == (safi::kCollapseWhitespace << 1) - 1,
              "SAFI_OP_ALL must cover exactly the operation bits");

struct safi_normalizer {
  explicit safi_normalizer(const safi::Options& options) : impl(options) {}
  safi::Normalizer impl;
};

// A C++ stream plus the output it produced that the caller has not taken
// yet: pending[delivered, size()).
struct safi_stream {
  explicit safi_stream(const safi::Normalizer& normalizer) : impl(normalizer) {}
  safi::Normalizer::Stream impl;
  std::string pending;
  size_t delivered = 0;
  uint64_t error_offset = 0;
};

namespace {

// Parses a profile name; false for NULL or unknown names.
bool ParseProfileName(const char* name, safi::Profile* profile) {
  return name != nullptr && safi::ParseProfile(name, profile);
}

// Copies as much waiting output of *s as fits in out[0, out_cap) and sets
// *out_len. Returns SAFI_OK if nothing is left, else SAFI_PENDING_OUTPUT.
int Deliver(safi_stream* s, char* out, size_t out_cap, size_t* out_len) {
  const size_t n = std::min(out_cap, s->pending.size() - s->delivered);
  if (n > 0) std::memcpy(out, s->pending.data() + s->delivered, n);
  s->delivered += n;
  *out_len = n;
  if (s->delivered < s->pending.size()) return SAFI_PENDING_OUTPUT;
  s->pending.clear();
  s->delivered = 0;
  return SAFI_OK;
}

// Drops what was delivered so new output can be appended without the
// buffer growing by the consumed prefix.
void CompactPending(safi_stream* s) {
  if (s->delivered == 0) return;
  s->pending.erase(0, s->delivered);
  s->delivered = 0;
}

// Records an invalid-UTF-8 failure of a stream call and drops waiting
// output; sets *out_len to 0.
int StreamInvalidUtf8(safi_stream* s, const safi::Status& status,
                      size_t* out_len) {
  s->error_offset = status.offset;
  s->pending.clear();
  s->delivered = 0;
  *out_len = 0;
  return SAFI_ERROR_INVALID_UTF8;
}

// True if the buffer arguments of a stream call are acceptable.
bool ValidStreamBuffers(const char* out, size_t out_cap,
                        const size_t* out_len) {
  return out_len != nullptr && (out != nullptr || out_cap == 0);
}

}  // namespace

extern "C" {

const char* safi_version(void) { return safi::Version(); }

const char* safi_unicode_version(void) { return safi::UnicodeVersion(); }

const char* safi_status_string(int status) {
  switch (status) {
    case SAFI_OK:
      return "ok";
    case SAFI_PENDING_OUTPUT:
      return "more output pending";
    case SAFI_ERROR_INVALID_ARGUMENT:
      return "invalid argument";
    case SAFI_ERROR_INVALID_UTF8:
      return "invalid UTF-8";
    case SAFI_ERROR_OUTPUT_TOO_SMALL:
      return "output buffer too small";
    case SAFI_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case SAFI_ERROR_DUPLICATE_ID:
      return "duplicate document id";
    case SAFI_ERROR_UNKNOWN_DOCUMENT:
      return "document not in the dedup state";
    case SAFI_ERROR_CHANGED_DOCUMENT:
      return "document differs from the one sketched";
    case SAFI_ERROR_CORRUPT_STATE:
      return "corrupt dedup state";
    case SAFI_ERROR_INCOMPATIBLE_STATE:
      return "incompatible dedup state";
    case SAFI_ERROR_IO:
      return "temporary file error";
  }
  return "unknown status";
}

const char* safi_profile_name(size_t index) {
  try {
    static const std::vector<safi::Profile> kProfiles = safi::AllProfiles();
    if (index >= kProfiles.size()) return nullptr;
    return safi::ProfileName(kProfiles[index]);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

int safi_profile_options(const char* profile, int* form, uint32_t* operations) {
  safi::Profile p;
  if (form == nullptr || operations == nullptr ||
      !ParseProfileName(profile, &p)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  const safi::Options options = safi::ProfileOptions(p);
  *form = options.form == safi::Form::kNfc ? SAFI_FORM_NFC : SAFI_FORM_NFKC;
  *operations = options.operations;
  return SAFI_OK;
}

safi_normalizer* safi_normalizer_new(const char* profile) {
  safi::Profile p;
  if (!ParseProfileName(profile, &p)) return nullptr;
  try {
    return new safi_normalizer(safi::ProfileOptions(p));
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

safi_normalizer* safi_normalizer_new_with_options(int form, uint32_t operations,
                                                  int invalid_utf8) {
  if ((form != SAFI_FORM_NFC && form != SAFI_FORM_NFKC) ||
      (operations & ~SAFI_OP_ALL) != 0 ||
      (invalid_utf8 != SAFI_INVALID_UTF8_REPLACE &&
       invalid_utf8 != SAFI_INVALID_UTF8_ERROR)) {
    return nullptr;
  }
  safi::Options options;
  options.form = form == SAFI_FORM_NFC ? safi::Form::kNfc : safi::Form::kNfkc;
  options.operations = operations;
  options.invalid = invalid_utf8 == SAFI_INVALID_UTF8_ERROR
                        ? safi::InvalidUtf8::kError
                        : safi::InvalidUtf8::kReplace;
  try {
    return new safi_normalizer(options);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void safi_normalizer_free(safi_normalizer* normalizer) { delete normalizer; }

size_t safi_max_output_size(const safi_normalizer*, size_t in_len) {
  constexpr size_t kLimit = SIZE_MAX / 11;
  if (in_len > kLimit) return SIZE_MAX;
  return safi::Normalizer::MaxOutputSize(in_len);
}

int safi_normalize(const safi_normalizer* normalizer, const char* in,
                   size_t in_len, char* out, size_t out_cap, size_t* out_len) {
  if (out_len == nullptr) return SAFI_ERROR_INVALID_ARGUMENT;
  *out_len = 0;
  if (normalizer == nullptr || (in == nullptr && in_len != 0) ||
      (out == nullptr && out_cap != 0)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  // A NULL pointer with size 0 is a valid empty span for the C++ API.
  try {
    const safi::Status status =
        normalizer->impl.Normalize(in, in_len, out, out_cap, out_len);
    switch (status.code) {
      case safi::Status::kOk:
        return SAFI_OK;
      case safi::Status::kOutputTooSmall:
        return SAFI_ERROR_OUTPUT_TOO_SMALL;
      case safi::Status::kInvalidUtf8:
        *out_len = static_cast<size_t>(status.offset);
        return SAFI_ERROR_INVALID_UTF8;
      case safi::Status::kInvalidArgument:
        break;
    }
    *out_len = 0;
    return SAFI_ERROR_INVALID_ARGUMENT;
  } catch (const std::bad_alloc&) {
    *out_len = 0;
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

safi_stream* safi_stream_new(const safi_normalizer* normalizer) {
  if (normalizer == nullptr) return nullptr;
  try {
    return new safi_stream(normalizer->impl);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

int safi_stream_write(safi_stream* stream, const char* in, size_t in_len,
                      char* out, size_t out_cap, size_t* out_len) {
  if (out_len != nullptr) *out_len = 0;
  if (stream == nullptr || (in == nullptr && in_len != 0) ||
      !ValidStreamBuffers(out, out_cap, out_len)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    CompactPending(stream);
    const safi::Status status = stream->impl.Write(
        std::string_view(in == nullptr ? "" : in, in_len), &stream->pending);
    if (status.code == safi::Status::kInvalidUtf8) {
      return StreamInvalidUtf8(stream, status, out_len);
    }
    return Deliver(stream, out, out_cap, out_len);
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

int safi_stream_finish(safi_stream* stream, char* out, size_t out_cap,
                       size_t* out_len) {
  if (out_len != nullptr) *out_len = 0;
  if (stream == nullptr || !ValidStreamBuffers(out, out_cap, out_len)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    CompactPending(stream);
    // After a first Finish the C++ stream starts a new, empty text, so a
    // repeated call while draining adds nothing.
    const safi::Status status = stream->impl.Finish(&stream->pending);
    if (status.code == safi::Status::kInvalidUtf8) {
      return StreamInvalidUtf8(stream, status, out_len);
    }
    return Deliver(stream, out, out_cap, out_len);
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

size_t safi_stream_pending(const safi_stream* stream) {
  return stream == nullptr ? 0 : stream->pending.size() - stream->delivered;
}

uint64_t safi_stream_error_offset(const safi_stream* stream) {
  return stream == nullptr ? 0 : stream->error_offset;
}

void safi_stream_free(safi_stream* stream) { delete stream; }

}  // extern "C"
