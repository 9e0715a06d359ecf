// SPDX-License-Identifier: Apache-2.0
// Unit test of the C API (safi/safi.h), compiled as strict C99: every
// function, every status code, buffer bounds checked with guard bytes,
// streaming with tiny chunks and buffers, and a normalizer shared by threads.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi/safi.h"

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    ++checks;                                                                  \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

// Search-profile vector: hamza alef, harakat, two spaces, teh marbuta,
// lam-alef ligature U+FEF7, Arabic-Indic digits, CRLF, alef maksura.
static const char kArabic[] = "أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى";
static const char kArabicSearch[] = "احمد فاطمه لا 123\nبني";

enum { kGuard = 16, kGuardByte = 0xA5 };

// True if n bytes at p all equal kGuardByte.
static int GuardIntact(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if ((unsigned char)p[i] != kGuardByte) return 0;
  }
  return 1;
}

// Normalizes in with normalizer into a heap buffer of exactly cap bytes
// followed by guard bytes; checks the guard and returns the status. On
// SAFI_OK copies the output to result (which must hold cap bytes).
static int NormalizeGuarded(const safi_normalizer* n, const char* in,
                            size_t in_len, size_t cap, char* result,
                            size_t* out_len) {
  char* buf = malloc(cap + kGuard);
  if (buf == NULL) abort();
  memset(buf, kGuardByte, cap + kGuard);
  const int status = safi_normalize(n, in, in_len, buf, cap, out_len);
  CHECK(GuardIntact(buf + cap, kGuard));
  if (status == SAFI_OK && result != NULL) memcpy(result, buf, *out_len);
  free(buf);
  return status;
}

static void TestVersionsAndNames(void) {
  CHECK(strcmp(safi_version(), SAFI_EXPECTED_VERSION) == 0);
  CHECK(strcmp(safi_unicode_version(), "15.0.0") == 0);

  const int codes[] = {SAFI_OK,
                       SAFI_PENDING_OUTPUT,
                       SAFI_ERROR_INVALID_ARGUMENT,
                       SAFI_ERROR_INVALID_UTF8,
                       SAFI_ERROR_OUTPUT_TOO_SMALL,
                       SAFI_ERROR_OUT_OF_MEMORY,
                       SAFI_ERROR_DUPLICATE_ID,
                       SAFI_ERROR_UNKNOWN_DOCUMENT,
                       SAFI_ERROR_CHANGED_DOCUMENT,
                       SAFI_ERROR_CORRUPT_STATE,
                       SAFI_ERROR_INCOMPATIBLE_STATE,
                       SAFI_ERROR_IO};
  const size_t count = sizeof(codes) / sizeof(codes[0]);
  for (size_t i = 0; i < count; ++i) {
    CHECK(strcmp(safi_status_string(codes[i]), "unknown status") != 0);
    for (size_t j = 0; j < i; ++j) {
      CHECK(strcmp(safi_status_string(codes[i]),
                   safi_status_string(codes[j])) != 0);
    }
  }
  CHECK(strcmp(safi_status_string(SAFI_OK), "ok") == 0);
  CHECK(strcmp(safi_status_string(-100), "unknown status") == 0);
  CHECK(strcmp(safi_status_string(2), "unknown status") == 0);

  const char* const profiles[] = {"search", "dedup", "display", "nfc", "nfkc"};
  for (size_t i = 0; i < 5; ++i) {
    CHECK(safi_profile_name(i) != NULL &&
          strcmp(safi_profile_name(i), profiles[i]) == 0);
  }
  CHECK(safi_profile_name(5) == NULL);
  CHECK(safi_profile_name((size_t)-1) == NULL);
}

static void TestProfileOptions(void) {
  int form = -1;
  uint32_t ops = 0;
  CHECK(safi_profile_options("search", &form, &ops) == SAFI_OK);
  CHECK(form == SAFI_FORM_NFKC);
  CHECK(ops == (SAFI_OP_REMOVE_TATWEEL | SAFI_OP_REMOVE_HARAKAT |
                SAFI_OP_REMOVE_QURANIC_MARKS | SAFI_OP_REMOVE_BIDI_INVISIBLE |
                SAFI_OP_ZWNJ_TO_SPACE | SAFI_OP_FOLD_ALEF |
                SAFI_OP_FOLD_ALEF_MAKSURA | SAFI_OP_FOLD_TEH_MARBUTA |
                SAFI_OP_FOLD_PERSIAN_LETTERS | SAFI_OP_FOLD_DIGITS |
                SAFI_OP_LINE_BREAKS | SAFI_OP_COLLAPSE_WHITESPACE));
  CHECK(safi_profile_options("display", &form, &ops) == SAFI_OK);
  CHECK(form == SAFI_FORM_NFC);
  CHECK(ops == (SAFI_OP_PRESENTATION_FORMS | SAFI_OP_REMOVE_BIDI_INVISIBLE |
                SAFI_OP_LINE_BREAKS | SAFI_OP_COLLAPSE_WHITESPACE));
  CHECK(safi_profile_options("nfc", &form, &ops) == SAFI_OK);
  CHECK(form == SAFI_FORM_NFC && ops == 0);
  CHECK(safi_profile_options("dedup", &form, &ops) == SAFI_OK);
  CHECK(form == SAFI_FORM_NFKC && (ops & ~SAFI_OP_ALL) == 0);
  CHECK((ops & SAFI_OP_CASE_FOLD) && (ops & SAFI_OP_FOLD_HAMZA_SEATS));

  form = 7;
  ops = 7;
  CHECK(safi_profile_options("Search", &form, &ops) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_profile_options(NULL, &form, &ops) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(form == 7 && ops == 7);
  CHECK(safi_profile_options("search", NULL, &ops) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_profile_options("search", &form, NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
}

static void TestNormalizerNew(void) {
  CHECK(safi_normalizer_new(NULL) == NULL);
  CHECK(safi_normalizer_new("") == NULL);
  CHECK(safi_normalizer_new("searchx") == NULL);
  CHECK(safi_normalizer_new("SEARCH") == NULL);
  for (size_t i = 0; safi_profile_name(i) != NULL; ++i) {
    safi_normalizer* n = safi_normalizer_new(safi_profile_name(i));
    CHECK(n != NULL);
    safi_normalizer_free(n);
  }
  safi_normalizer_free(NULL);

  CHECK(safi_normalizer_new_with_options(2, 0, SAFI_INVALID_UTF8_REPLACE) ==
        NULL);
  CHECK(safi_normalizer_new_with_options(-1, 0, SAFI_INVALID_UTF8_REPLACE) ==
        NULL);
  CHECK(safi_normalizer_new_with_options(SAFI_FORM_NFC, SAFI_OP_ALL + 1,
                                         SAFI_INVALID_UTF8_REPLACE) == NULL);
  CHECK(safi_normalizer_new_with_options(SAFI_FORM_NFC, 0x80000000u,
                                         SAFI_INVALID_UTF8_REPLACE) == NULL);
  CHECK(safi_normalizer_new_with_options(SAFI_FORM_NFC, 0, 2) == NULL);
  CHECK(safi_normalizer_new_with_options(SAFI_FORM_NFC, 0, -1) == NULL);
  safi_normalizer* all = safi_normalizer_new_with_options(
      SAFI_FORM_NFKC, SAFI_OP_ALL, SAFI_INVALID_UTF8_ERROR);
  CHECK(all != NULL);
  safi_normalizer_free(all);

  // A normalizer built from a profile's options behaves like the profile.
  int form = 0;
  uint32_t ops = 0;
  CHECK(safi_profile_options("search", &form, &ops) == SAFI_OK);
  safi_normalizer* custom =
      safi_normalizer_new_with_options(form, ops, SAFI_INVALID_UTF8_REPLACE);
  CHECK(custom != NULL);
  char out[256];
  size_t len = 0;
  CHECK(NormalizeGuarded(custom, kArabic, strlen(kArabic), sizeof(out), out,
                         &len) == SAFI_OK);
  CHECK(len == strlen(kArabicSearch) && memcmp(out, kArabicSearch, len) == 0);
  safi_normalizer_free(custom);
}

static void TestMaxOutputSize(void) {
  safi_normalizer* n = safi_normalizer_new("nfkc");
  CHECK(safi_max_output_size(n, 0) == 0);
  CHECK(safi_max_output_size(n, 3) == 33);
  CHECK(safi_max_output_size(NULL, 1000) == 11000);
  CHECK(safi_max_output_size(n, SIZE_MAX / 11) == SIZE_MAX / 11 * 11);
  CHECK(safi_max_output_size(n, SIZE_MAX / 11 + 1) == SIZE_MAX);
  CHECK(safi_max_output_size(n, SIZE_MAX) == SIZE_MAX);

  // U+FDFA reaches the bound: 3 bytes in, 33 out.
  static const char kSallallahou[] = "\xEF\xB7\xBA";
  char out[64];
  size_t len = 0;
  CHECK(NormalizeGuarded(n, kSallallahou, 3, safi_max_output_size(n, 3), out,
                         &len) == SAFI_OK);
  CHECK(len == 33);
  CHECK(NormalizeGuarded(n, kSallallahou, 3, 32, NULL, &len) ==
        SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(len == 33);
  safi_normalizer_free(n);
}

static void TestNormalizeBounds(void) {
  safi_normalizer* n = safi_normalizer_new("search");
  const size_t in_len = strlen(kArabic);
  const size_t want = strlen(kArabicSearch);
  char out[256];
  for (size_t cap = 0; cap <= want + 2; ++cap) {
    size_t len = 12345;
    const int status = NormalizeGuarded(n, kArabic, in_len, cap, out, &len);
    if (cap < want) {
      CHECK(status == SAFI_ERROR_OUTPUT_TOO_SMALL);
      CHECK(len == want);
    } else {
      CHECK(status == SAFI_OK);
      CHECK(len == want && memcmp(out, kArabicSearch, want) == 0);
    }
  }
  safi_normalizer_free(n);
}

static void TestNormalizeInvalidUtf8(void) {
  // Replace mode: each maximal subpart becomes U+FFFD.
  safi_normalizer* replace = safi_normalizer_new("nfc");
  static const char kBad[] = "ab\xC3(\xED\xA0\x80z";
  static const char kRepaired[] =
      "ab\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz";
  char out[64];
  size_t len = 0;
  CHECK(NormalizeGuarded(replace, kBad, strlen(kBad), sizeof(out), out, &len) ==
        SAFI_OK);
  CHECK(len == strlen(kRepaired) && memcmp(out, kRepaired, len) == 0);
  safi_normalizer_free(replace);

  // Error mode: the offset of the first ill-formed byte comes back in
  // *out_len.
  safi_normalizer* strict = safi_normalizer_new_with_options(
      SAFI_FORM_NFC, 0, SAFI_INVALID_UTF8_ERROR);
  CHECK(NormalizeGuarded(strict, kBad, strlen(kBad), sizeof(out), out, &len) ==
        SAFI_ERROR_INVALID_UTF8);
  CHECK(len == 2);
  CHECK(NormalizeGuarded(strict, "abc\xFF", 4, 0, NULL, &len) ==
        SAFI_ERROR_INVALID_UTF8);
  CHECK(len == 3);
  CHECK(NormalizeGuarded(strict, "abc", 3, sizeof(out), out, &len) == SAFI_OK);
  CHECK(len == 3 && memcmp(out, "abc", 3) == 0);
  safi_normalizer_free(strict);
}

static void TestNormalizeArguments(void) {
  safi_normalizer* n = safi_normalizer_new("search");
  char out[8];
  size_t len = 99;
  CHECK(safi_normalize(NULL, "a", 1, out, sizeof(out), &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(len == 0);
  CHECK(safi_normalize(n, "a", 1, out, sizeof(out), NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  len = 99;
  CHECK(safi_normalize(n, NULL, 1, out, sizeof(out), &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(len == 0);
  CHECK(safi_normalize(n, "a", 1, NULL, 1, &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  // Empty spans may be NULL.
  len = 99;
  CHECK(safi_normalize(n, NULL, 0, NULL, 0, &len) == SAFI_OK);
  CHECK(len == 0);
  len = 99;
  CHECK(safi_normalize(n, "a", 1, NULL, 0, &len) ==
        SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(len == 1);
  // White space only: everything is trimmed.
  CHECK(safi_normalize(n, " \t ", 3, out, sizeof(out), &len) == SAFI_OK);
  CHECK(len == 0);
  safi_normalizer_free(n);
}

// Output collected from a stream, with guard bytes after every call's
// buffer.
typedef struct {
  char data[4096];
  size_t len;
} Collected;

// Calls safi_stream_write with in[0, in_len) (safi_stream_finish if finish
// is non-zero) through a guarded buffer of cap bytes, appending the output
// to *c, and drains until SAFI_OK (with cap 0 output stays pending).
// Returns the first status that is neither SAFI_OK nor SAFI_PENDING_OUTPUT,
// else SAFI_OK.
static int StreamCall(safi_stream* s, const char* in, size_t in_len, int finish,
                      size_t cap, Collected* c) {
  char* buf = malloc(cap + kGuard);
  if (buf == NULL) abort();
  int status;
  int first = 1;
  do {
    memset(buf, kGuardByte, cap + kGuard);
    size_t len = 99999;
    if (finish) {
      status = safi_stream_finish(s, buf, cap, &len);
    } else if (first) {
      status = safi_stream_write(s, in, in_len, buf, cap, &len);
    } else {
      status = safi_stream_write(s, NULL, 0, buf, cap, &len);
    }
    first = 0;
    CHECK(GuardIntact(buf + cap, kGuard));
    if (status != SAFI_OK && status != SAFI_PENDING_OUTPUT) {
      CHECK(len == 0);
      break;
    }
    CHECK(len <= cap);
    CHECK(c->len + len <= sizeof(c->data));
    if (c->len + len > sizeof(c->data)) break;
    memcpy(c->data + c->len, buf, len);
    c->len += len;
    if (status == SAFI_PENDING_OUTPUT) {
      CHECK(len == cap);
      CHECK(safi_stream_pending(s) > 0);
    } else {
      CHECK(safi_stream_pending(s) == 0);
    }
  } while (status == SAFI_PENDING_OUTPUT && cap > 0);
  free(buf);
  return status == SAFI_PENDING_OUTPUT ? SAFI_OK : status;
}

static void TestStreamSplits(void) {
  // Marks split from their bases, a CRLF split in two, ill-formed bytes,
  // ligatures, runs of white space and a character cut at every byte.
  static const char kText[] = "أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى \xFF ﷺ\r\r\n  x\xD8";
  const size_t text_len = strlen(kText);
  safi_normalizer* n = safi_normalizer_new("search");
  char expected[1024];
  size_t expected_len = 0;
  CHECK(safi_normalize(n, kText, text_len, expected, sizeof(expected),
                       &expected_len) == SAFI_OK);
  safi_stream* s = safi_stream_new(n);
  CHECK(s != NULL);
  const size_t caps[] = {0, 1, 2, 3, 5, 64};
  for (size_t chunk = 1; chunk <= 7; ++chunk) {
    for (size_t k = 0; k < sizeof(caps) / sizeof(caps[0]); ++k) {
      Collected c;
      c.len = 0;
      for (size_t pos = 0; pos < text_len; pos += chunk) {
        const size_t take = text_len - pos < chunk ? text_len - pos : chunk;
        CHECK(StreamCall(s, kText + pos, take, 0, caps[k], &c) == SAFI_OK);
      }
      if (caps[k] == 0) {
        // Nothing can be delivered into an empty buffer; finish with one.
        CHECK(StreamCall(s, NULL, 0, 1, 1, &c) == SAFI_OK);
      } else {
        CHECK(StreamCall(s, NULL, 0, 1, caps[k], &c) == SAFI_OK);
      }
      CHECK(c.len == expected_len &&
            memcmp(c.data, expected, expected_len) == 0);
      CHECK(safi_stream_pending(s) == 0);
    }
  }
  safi_stream_free(s);
  safi_normalizer_free(n);
}

static void TestStreamOutlivesNormalizer(void) {
  safi_normalizer* n = safi_normalizer_new("search");
  safi_stream* s = safi_stream_new(n);
  safi_normalizer_free(n);
  Collected c;
  c.len = 0;
  CHECK(StreamCall(s, kArabic, strlen(kArabic), 0, 7, &c) == SAFI_OK);
  CHECK(StreamCall(s, NULL, 0, 1, 7, &c) == SAFI_OK);
  CHECK(c.len == strlen(kArabicSearch) &&
        memcmp(c.data, kArabicSearch, c.len) == 0);
  // A finished stream starts a new text.
  c.len = 0;
  CHECK(StreamCall(s, "  x  ", 5, 0, 64, &c) == SAFI_OK);
  CHECK(StreamCall(s, NULL, 0, 1, 64, &c) == SAFI_OK);
  CHECK(c.len == 1 && c.data[0] == 'x');
  safi_stream_free(s);
}

static void TestStreamInvalidUtf8(void) {
  safi_normalizer* n = safi_normalizer_new_with_options(
      SAFI_FORM_NFC, 0, SAFI_INVALID_UTF8_ERROR);
  safi_stream* s = safi_stream_new(n);
  CHECK(safi_stream_error_offset(s) == 0);
  Collected c;
  c.len = 0;
  CHECK(StreamCall(s, "abc", 3, 0, 64, &c) == SAFI_OK);
  CHECK(StreamCall(s, "de\xFF", 3, 0, 64, &c) == SAFI_ERROR_INVALID_UTF8);
  CHECK(safi_stream_error_offset(s) == 5);
  CHECK(safi_stream_pending(s) == 0);
  // The stream stays failed until it is finished.
  CHECK(StreamCall(s, "x", 1, 0, 64, &c) == SAFI_ERROR_INVALID_UTF8);
  CHECK(StreamCall(s, NULL, 0, 1, 64, &c) == SAFI_ERROR_INVALID_UTF8);
  CHECK(safi_stream_error_offset(s) == 5);
  // Then it starts over.
  c.len = 0;
  CHECK(StreamCall(s, "ok", 2, 0, 64, &c) == SAFI_OK);
  CHECK(StreamCall(s, NULL, 0, 1, 64, &c) == SAFI_OK);
  CHECK(c.len == 2 && memcmp(c.data, "ok", 2) == 0);
  // A character cut by the end of the text is an error at its first byte.
  CHECK(StreamCall(s, "a\xD8", 2, 0, 64, &c) == SAFI_OK);
  CHECK(StreamCall(s, NULL, 0, 1, 64, &c) == SAFI_ERROR_INVALID_UTF8);
  CHECK(safi_stream_error_offset(s) == 1);
  safi_stream_free(s);
  safi_normalizer_free(n);

  // In replace mode the cut character becomes U+FFFD.
  n = safi_normalizer_new("nfc");
  s = safi_stream_new(n);
  c.len = 0;
  CHECK(StreamCall(s, "a\xD8", 2, 0, 64, &c) == SAFI_OK);
  CHECK(StreamCall(s, NULL, 0, 1, 64, &c) == SAFI_OK);
  CHECK(c.len == 4 && memcmp(c.data, "a\xEF\xBF\xBD", 4) == 0);
  safi_stream_free(s);
  safi_normalizer_free(n);
}

static void TestStreamArguments(void) {
  safi_normalizer* n = safi_normalizer_new("search");
  safi_stream* s = safi_stream_new(n);
  char out[8];
  size_t len = 99;
  CHECK(safi_stream_new(NULL) == NULL);
  CHECK(safi_stream_write(NULL, "a", 1, out, sizeof(out), &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(len == 0);
  CHECK(safi_stream_write(s, "a", 1, out, sizeof(out), NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_stream_write(s, NULL, 1, out, sizeof(out), &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_stream_write(s, "a", 1, NULL, 1, &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_stream_finish(NULL, out, sizeof(out), &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_stream_finish(s, out, sizeof(out), NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_stream_finish(s, NULL, 1, &len) == SAFI_ERROR_INVALID_ARGUMENT);
  // Rejected calls consumed nothing: the stream is still empty.
  CHECK(safi_stream_finish(s, out, sizeof(out), &len) == SAFI_OK);
  CHECK(len == 0);
  CHECK(safi_stream_write(s, NULL, 0, NULL, 0, &len) == SAFI_OK);
  CHECK(len == 0);
  CHECK(safi_stream_pending(NULL) == 0);
  CHECK(safi_stream_error_offset(NULL) == 0);
  safi_stream_free(NULL);
  safi_stream_free(s);
  safi_normalizer_free(n);
}

enum { kThreads = 4, kRounds = 200 };

// Normalizes kArabic kRounds times with the shared normalizer; returns
// non-NULL on a wrong result.
static void* NormalizeRounds(void* arg) {
  const safi_normalizer* n = arg;
  char out[256];
  for (int i = 0; i < kRounds; ++i) {
    size_t len = 0;
    if (safi_normalize(n, kArabic, strlen(kArabic), out, sizeof(out), &len) !=
            SAFI_OK ||
        len != strlen(kArabicSearch) || memcmp(out, kArabicSearch, len) != 0) {
      return (void*)1;
    }
  }
  return NULL;
}

static void TestSharedNormalizer(void) {
  safi_normalizer* n = safi_normalizer_new("search");
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    CHECK(pthread_create(&threads[i], NULL, NormalizeRounds, n) == 0);
  }
  for (int i = 0; i < kThreads; ++i) {
    void* result = (void*)1;
    CHECK(pthread_join(threads[i], &result) == 0);
    CHECK(result == NULL);
  }
  safi_normalizer_free(n);
}

int main(void) {
  TestVersionsAndNames();
  TestProfileOptions();
  TestNormalizerNew();
  TestMaxOutputSize();
  TestNormalizeBounds();
  TestNormalizeInvalidUtf8();
  TestNormalizeArguments();
  TestStreamSplits();
  TestStreamOutlivesNormalizer();
  TestStreamInvalidUtf8();
  TestStreamArguments();
  TestSharedNormalizer();
  printf("c_api_test: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
