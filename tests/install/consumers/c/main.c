// SPDX-License-Identifier: Apache-2.0
// C consumer of an installed safi: normalizes a known Arabic string one-shot
// and as a stream with the C API, and removes a comment-form line with the
// dedup API; exits 1 on any mismatch.
#include <safi/safi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Hamza alef, harakat, two spaces, teh marbuta, lam-alef ligature U+FEF7,
// Arabic-Indic digits, CRLF, alef maksura; and its search-profile form.
static const char kInput[] = "أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى";
static const char kExpected[] = "احمد فاطمه لا 123\nبني";

// Prints what differs and returns 1 if out[0, len) is not kExpected.
static int Mismatch(const char* what, const char* out, size_t len) {
  if (len == strlen(kExpected) && memcmp(out, kExpected, len) == 0) return 0;
  fprintf(stderr, "%s: got '%.*s', want '%s'\n", what, (int)len, out,
          kExpected);
  return 1;
}

// Stream output gathered through a deliberately small buffer.
typedef struct {
  char buf[4];
  char text[256];
  size_t len;
} Output;

// Appends the len bytes a stream call put in o->buf, then drains the stream
// while it returns SAFI_PENDING_OUTPUT (with finish calls when finishing).
// Returns the last status.
static int Drain(safi_stream* s, int status, size_t len, int finishing,
                 Output* o) {
  while (status == SAFI_OK || status == SAFI_PENDING_OUTPUT) {
    if (o->len + len > sizeof(o->text)) return SAFI_ERROR_OUTPUT_TOO_SMALL;
    memcpy(o->text + o->len, o->buf, len);
    o->len += len;
    if (status == SAFI_OK) break;
    status = finishing
                 ? safi_stream_finish(s, o->buf, sizeof(o->buf), &len)
                 : safi_stream_write(s, NULL, 0, o->buf, sizeof(o->buf), &len);
  }
  return status;
}

// Dedups one document made of an article line and a comment-form line;
// returns 1 unless exactly the comment form is removed.
static int DedupMismatch(void) {
  static const char kText[] =
      "افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة.\n"
      "اضف تعليقك\n";
  const safi_dedup_document doc = {"d", 1, NULL, 0, kText, sizeof(kText) - 1};
  safi_dedup_sketcher* sketcher = safi_dedup_sketcher_new();
  safi_dedup_state* state = NULL;
  int failed = sketcher == NULL ||
               safi_dedup_sketcher_add(sketcher, &doc) != SAFI_OK ||
               safi_dedup_sketcher_finish(sketcher, &state) != SAFI_OK;
  safi_deduper* deduper = failed ? NULL : safi_deduper_new(state);
  safi_dedup_decision* decision = safi_dedup_decision_new();
  safi_removal removal;
  failed = failed || deduper == NULL || decision == NULL ||
           safi_deduper_apply(deduper, &doc, decision) != SAFI_OK ||
           safi_dedup_decision_removal_count(decision) != 1 ||
           safi_dedup_decision_removal(decision, 0, &removal) != SAFI_OK ||
           removal.reason != SAFI_REMOVAL_LEXICON ||
           strcmp(kText + removal.start, "اضف تعليقك\n") != 0;
  if (failed) fprintf(stderr, "dedup: comment form not removed\n");
  safi_dedup_decision_free(decision);
  safi_deduper_free(deduper);
  safi_dedup_state_free(state);
  safi_dedup_sketcher_free(sketcher);
  return failed;
}

int main(void) {
  const size_t in_len = sizeof(kInput) - 1;
  safi_normalizer* n = safi_normalizer_new("search");
  if (n == NULL) {
    fprintf(stderr, "safi_normalizer_new failed\n");
    return 1;
  }
  const size_t cap = safi_max_output_size(n, in_len);
  char* out = malloc(cap);
  size_t len = 0;
  int status = safi_normalize(n, kInput, in_len, out, cap, &len);
  int failed = status != SAFI_OK;
  if (failed) {
    fprintf(stderr, "safi_normalize: %s\n", safi_status_string(status));
  }
  failed |= Mismatch("safi_normalize", out, len);

  // Streaming, 3 input bytes at a time, through a 4-byte output buffer.
  safi_stream* s = safi_stream_new(n);
  Output o;
  o.len = 0;
  for (size_t pos = 0; pos < in_len && status == SAFI_OK; pos += 3) {
    const size_t take = in_len - pos < 3 ? in_len - pos : 3;
    status =
        safi_stream_write(s, kInput + pos, take, o.buf, sizeof(o.buf), &len);
    status = Drain(s, status, len, 0, &o);
  }
  if (status == SAFI_OK) {
    status = safi_stream_finish(s, o.buf, sizeof(o.buf), &len);
    status = Drain(s, status, len, 1, &o);
  }
  if (status != SAFI_OK) {
    fprintf(stderr, "stream: %s\n", safi_status_string(status));
    failed = 1;
  }
  failed |= Mismatch("safi_stream", o.text, o.len);
  failed |= DedupMismatch();

  safi_stream_free(s);
  free(out);
  safi_normalizer_free(n);
  printf("safi %s (Unicode %s): %s\n", safi_version(), safi_unicode_version(),
         failed ? "FAILED" : "ok");
  return failed;
}
