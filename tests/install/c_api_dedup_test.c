// SPDX-License-Identifier: Apache-2.0
// Unit test of the dedup part of the C API (safi/safi.h), compiled as strict
// C99: sketch -> finish -> apply on a small crawl with known removals,
// sharded states merged through serialized bytes, every status code, buffer
// bounds with guard bytes, and one deduper shared by threads.
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

// An article (title and three paragraphs of team-written text), a WordPress
// comment-form line with a hamza spelling variant and tatweel, and a second,
// unrelated article.
#define ARTICLE                                                                                                                      \
  "افتتاح مكتبة عامة جديدة في وسط المدينة\n"                                                         \
  "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب "  \
  "في مجالات العلوم والآداب والتاريخ وتفتح أبوابها للزوار طوال الأسبوع.\n" \
  "وقال مدير المكتبة إن القاعة الرئيسية تتسع لمئتي قارئ وإن قسم الأطفال "   \
  "يقدم ورشا أسبوعية للقراءة والكتابة بمشاركة متطوعين من أبناء الحي.\n"       \
  "وأضاف أن المكتبة ستطلق في الشهر المقبل خدمة إعارة إلكترونية تتيح "          \
  "للمشتركين استعارة الكتب من منازلهم دون الحاجة إلى زيارة المبنى.\n"
#define COMMENT_FORM "أضف تعلـيقك\n"
#define OTHER_ARTICLE                                                                                                                 \
  "انطلاق بطولة المدارس لكرة السلة بمشاركة ثلاثين فريقا\n"                               \
  "انطلقت مساء أمس منافسات بطولة المدارس لكرة السلة في الصالة المغطاة "       \
  "بحضور عدد كبير من أولياء الأمور والمدربين وممثلي الأندية المحلية.\n"        \
  "وتستمر البطولة ثلاثة أسابيع تلعب خلالها الفرق مباريات الدور الأول قبل " \
  "أن تتأهل أفضل ثمانية فرق إلى الأدوار النهائية في نهاية الشهر.\n"

static const char kTextA[] = ARTICLE;
static const char kTextB[] = COMMENT_FORM ARTICLE;
static const char kTextC[] = OTHER_ARTICLE COMMENT_FORM;

enum { kDocs = 3, kGuard = 16, kGuardByte = 0xA5, kThreads = 4 };

static safi_dedup_document Doc(const char* id, const char* site,
                               const char* text) {
  safi_dedup_document d;
  d.id = id;
  d.id_len = strlen(id);
  d.site = site;
  d.site_len = strlen(site);
  d.text = text;
  d.text_len = strlen(text);
  return d;
}

static safi_dedup_document Crawl(int i) {
  switch (i) {
    case 0:
      return Doc("b", "news.example", kTextB);
    case 1:
      return Doc("a", "mirror.example", kTextA);
    default:
      return Doc("c", "news.example", kTextC);
  }
}

// Sketches documents [begin, end) of the crawl into a new state.
static safi_dedup_state* Sketch(int begin, int end) {
  safi_dedup_sketcher* sketcher = safi_dedup_sketcher_new();
  CHECK(sketcher != NULL);
  for (int i = begin; i < end; ++i) {
    const safi_dedup_document doc = Crawl(i);
    CHECK(safi_dedup_sketcher_add(sketcher, &doc) == SAFI_OK);
  }
  safi_dedup_state* state = NULL;
  CHECK(safi_dedup_sketcher_finish(sketcher, &state) == SAFI_OK);
  CHECK(state != NULL);
  safi_dedup_sketcher_free(sketcher);
  return state;
}

// Serializes a state into a malloc'ed buffer (*len bytes), checking the
// size query and the guard bytes behind an exact-size buffer.
static char* Serialize(const safi_dedup_state* state, size_t* len) {
  size_t need = 0;
  CHECK(safi_dedup_state_serialize(state, NULL, 0, &need) ==
        SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(need > 0);
  char* buf = malloc(need + kGuard);
  if (buf == NULL) abort();
  memset(buf, kGuardByte, need + kGuard);
  CHECK(safi_dedup_state_serialize(state, buf, need - 1, len) ==
        SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(*len == need);
  CHECK(safi_dedup_state_serialize(state, buf, need, len) == SAFI_OK);
  CHECK(*len == need);
  for (size_t i = need; i < need + kGuard; ++i) {
    CHECK((unsigned char)buf[i] == kGuardByte);
  }
  return buf;
}

static int SpanIs(const char* text, const safi_removal* r, const char* line) {
  return r->end - r->start == strlen(line) &&
         memcmp(text + r->start, line, strlen(line)) == 0;
}

// Checks the decisions of the crawl: b loses its comment form and is an
// exact duplicate of a (same boilerplate-free text; a is kept: equal
// length, smaller id); c keeps its article and loses its comment form.
static void CheckDecisions(const safi_deduper* deduper) {
  safi_dedup_decision* decision = safi_dedup_decision_new();
  CHECK(decision != NULL);
  CHECK(safi_dedup_decision_keep(decision) == 1);
  CHECK(safi_dedup_decision_removal_count(decision) == 0);
  safi_removal r;

  const safi_dedup_document a = Crawl(1);
  CHECK(safi_deduper_apply(deduper, &a, decision) == SAFI_OK);
  CHECK(safi_dedup_decision_keep(decision) == 1);
  CHECK(safi_dedup_decision_removal_count(decision) == 0);

  const safi_dedup_document b = Crawl(0);
  CHECK(safi_deduper_apply(deduper, &b, decision) == SAFI_OK);
  CHECK(safi_dedup_decision_keep(decision) == 0);
  CHECK(safi_dedup_decision_removal_count(decision) == 1);
  CHECK(safi_dedup_decision_removal(decision, 0, &r) == SAFI_OK);
  CHECK(r.reason == SAFI_REMOVAL_EXACT_DUP);
  CHECK(strcmp(r.reason_name, "exact_dup") == 0);
  CHECK(r.start == 0 && r.end == strlen(kTextB));
  CHECK(r.kept_len == 1 && memcmp(r.kept, "a", 1) == 0);
  CHECK(r.cluster_size == 2);
  CHECK(r.similarity_permille == 1000);
  CHECK(r.phrase == NULL && r.source == NULL);
  CHECK(safi_dedup_decision_removal(decision, 1, &r) ==
        SAFI_ERROR_INVALID_ARGUMENT);

  const safi_dedup_document c = Crawl(2);
  CHECK(safi_deduper_apply(deduper, &c, decision) == SAFI_OK);
  CHECK(safi_dedup_decision_keep(decision) == 1);
  CHECK(safi_dedup_decision_removal_count(decision) == 1);
  CHECK(safi_dedup_decision_removal(decision, 0, &r) == SAFI_OK);
  CHECK(r.reason == SAFI_REMOVAL_LEXICON);
  CHECK(SpanIs(kTextC, &r, COMMENT_FORM));
  CHECK(r.category_len > 0 && memcmp(r.category, "comment_form", 12) == 0);
  CHECK(r.phrase_len > 0);
  CHECK(strcmp(r.match, "line") == 0);

  // The cleaned text is the article alone, written within its bound.
  const size_t cap = strlen(OTHER_ARTICLE);
  char* clean = malloc(cap + kGuard);
  if (clean == NULL) abort();
  memset(clean, kGuardByte, cap + kGuard);
  size_t len = 0;
  CHECK(safi_dedup_decision_clean_text(decision, kTextC, strlen(kTextC), clean,
                                       cap - 1,
                                       &len) == SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(len == cap);
  CHECK(safi_dedup_decision_clean_text(decision, kTextC, strlen(kTextC), clean,
                                       cap, &len) == SAFI_OK);
  CHECK(len == cap && memcmp(clean, OTHER_ARTICLE, cap) == 0);
  for (size_t i = cap; i < cap + kGuard; ++i) {
    CHECK((unsigned char)clean[i] == kGuardByte);
  }
  // Removals outside the given text are refused, not read.
  CHECK(safi_dedup_decision_clean_text(decision, kTextC, r.end - 1, clean, cap,
                                       &len) == SAFI_ERROR_INVALID_ARGUMENT);
  free(clean);

  // Unknown and changed documents clear the decision.
  const safi_dedup_document unknown = Doc("zz", "news.example", kTextA);
  CHECK(safi_deduper_apply(deduper, &unknown, decision) ==
        SAFI_ERROR_UNKNOWN_DOCUMENT);
  CHECK(safi_dedup_decision_keep(decision) == 1);
  CHECK(safi_dedup_decision_removal_count(decision) == 0);
  const safi_dedup_document changed = Doc("a", "mirror.example", kTextC);
  CHECK(safi_deduper_apply(deduper, &changed, decision) ==
        SAFI_ERROR_CHANGED_DOCUMENT);
  safi_dedup_decision_free(decision);
}

static void TestOneShot(void) {
  safi_dedup_state* state = Sketch(0, kDocs);
  CHECK(safi_dedup_state_documents(state) == kDocs);
  safi_deduper* deduper = safi_deduper_new(state);
  CHECK(deduper != NULL);
  CHECK(safi_dedup_state_documents(state) == 0);
  safi_dedup_state_free(state);
  CheckDecisions(deduper);
  safi_deduper_free(deduper);
}

// Two shards sketched apart, serialized, parsed and merged in both orders
// give the bytes of one sketch, and the same decisions.
static void TestShardsMerge(void) {
  safi_dedup_state* whole = Sketch(0, kDocs);
  size_t whole_len = 0;
  char* whole_bytes = Serialize(whole, &whole_len);

  safi_dedup_state* first = Sketch(0, 1);
  safi_dedup_state* second = Sketch(1, kDocs);
  size_t first_len = 0, second_len = 0;
  char* first_bytes = Serialize(first, &first_len);
  char* second_bytes = Serialize(second, &second_len);
  for (int order = 0; order < 2; ++order) {
    safi_dedup_state* merged = safi_dedup_state_new();
    CHECK(merged != NULL);
    safi_dedup_state* parts[2] = {NULL, NULL};
    CHECK(safi_dedup_state_parse(first_bytes, first_len, &parts[0]) == SAFI_OK);
    CHECK(safi_dedup_state_parse(second_bytes, second_len, &parts[1]) ==
          SAFI_OK);
    CHECK(safi_dedup_state_merge(merged, parts[order]) == SAFI_OK);
    CHECK(safi_dedup_state_merge(merged, parts[1 - order]) == SAFI_OK);
    size_t merged_len = 0;
    char* merged_bytes = Serialize(merged, &merged_len);
    CHECK(merged_len == whole_len &&
          memcmp(merged_bytes, whole_bytes, whole_len) == 0);
    // A document cannot be merged twice; the state stays as it was.
    CHECK(safi_dedup_state_merge(merged, parts[0]) == SAFI_ERROR_DUPLICATE_ID);
    CHECK(safi_dedup_state_documents(merged) == kDocs);
    CHECK(safi_dedup_state_merge(merged, merged) ==
          SAFI_ERROR_INVALID_ARGUMENT);
    safi_deduper* deduper = safi_deduper_new(merged);
    CheckDecisions(deduper);
    safi_deduper_free(deduper);
    free(merged_bytes);
    safi_dedup_state_free(merged);
    safi_dedup_state_free(parts[0]);
    safi_dedup_state_free(parts[1]);
  }
  free(first_bytes);
  free(second_bytes);
  safi_dedup_state_free(first);
  safi_dedup_state_free(second);

  // Damaged bytes: every truncation and a flipped byte in the middle.
  safi_dedup_state* parsed = (safi_dedup_state*)1;
  for (size_t n = 0; n < whole_len; n += 7) {
    CHECK(safi_dedup_state_parse(whole_bytes, n, &parsed) ==
          SAFI_ERROR_CORRUPT_STATE);
    CHECK(parsed == NULL);
  }
  whole_bytes[whole_len / 2] ^= 0x40;
  CHECK(safi_dedup_state_parse(whole_bytes, whole_len, &parsed) ==
        SAFI_ERROR_CORRUPT_STATE);
  CHECK(parsed == NULL);
  free(whole_bytes);
  safi_dedup_state_free(whole);
}

static void TestSketcherErrors(void) {
  safi_dedup_sketcher* sketcher = safi_dedup_sketcher_new();
  const safi_dedup_document a = Crawl(1);
  CHECK(safi_dedup_sketcher_add(sketcher, &a) == SAFI_OK);
  CHECK(safi_dedup_sketcher_add(sketcher, &a) == SAFI_ERROR_DUPLICATE_ID);
  safi_dedup_document bad = a;
  bad.text = NULL;
  CHECK(safi_dedup_sketcher_add(sketcher, &bad) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_dedup_sketcher_add(sketcher, NULL) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_dedup_sketcher_add(NULL, &a) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_dedup_sketcher_finish(sketcher, NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  // An empty document with NULL pointers is a valid document.
  const safi_dedup_document empty = {"e", 1, NULL, 0, NULL, 0};
  CHECK(safi_dedup_sketcher_add(sketcher, &empty) == SAFI_OK);
  safi_dedup_state* state = NULL;
  CHECK(safi_dedup_sketcher_finish(sketcher, &state) == SAFI_OK);
  CHECK(safi_dedup_state_documents(state) == 2);
  // The sketcher starts over: the same id is new again.
  CHECK(safi_dedup_sketcher_add(sketcher, &a) == SAFI_OK);
  safi_dedup_sketcher_free(sketcher);
  safi_dedup_state_free(state);

  size_t len = 1;
  CHECK(safi_dedup_state_serialize(NULL, NULL, 0, &len) ==
        SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(len == 0);
  CHECK(safi_dedup_state_parse(NULL, 1, &state) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_deduper_new(NULL) == NULL);
  CHECK(safi_deduper_apply(NULL, &a, NULL) == SAFI_ERROR_INVALID_ARGUMENT);
  CHECK(safi_dedup_state_documents(NULL) == 0);
  CHECK(safi_dedup_decision_keep(NULL) == 1);
  CHECK(safi_dedup_decision_removal_count(NULL) == 0);
  safi_dedup_sketcher_free(NULL);
  safi_dedup_state_free(NULL);
  safi_deduper_free(NULL);
  safi_dedup_decision_free(NULL);
}

static void TestNames(void) {
  static const char* const kNames[] = {"lexicon", "site_template", "global",
                                       "teaser",  "label",         "exact_dup",
                                       "near_dup"};
  for (int i = 0; i < 7; ++i) {
    CHECK(strcmp(safi_removal_reason_name(i), kNames[i]) == 0);
  }
  CHECK(safi_removal_reason_name(-1) == NULL);
  CHECK(safi_removal_reason_name(7) == NULL);
  CHECK(strcmp(safi_status_string(SAFI_ERROR_CORRUPT_STATE),
               "corrupt dedup state") == 0);
  CHECK(strcmp(safi_status_string(SAFI_ERROR_INCOMPATIBLE_STATE),
               "unknown status") != 0);

  char site[32];
  size_t len = 0;
  const char* url = "https://WWW.Example.COM:8080/a/b?c";
  CHECK(safi_site_from_url(url, strlen(url), site, sizeof(site), &len) ==
        SAFI_OK);
  CHECK(len == 11 && memcmp(site, "example.com", 11) == 0);
  CHECK(safi_site_from_url(url, strlen(url), site, 3, &len) ==
        SAFI_ERROR_OUTPUT_TOO_SMALL);
  CHECK(len == 11);
  CHECK(safi_site_from_url(NULL, 0, NULL, 0, &len) == SAFI_OK);
  CHECK(len == 0);
  CHECK(safi_site_from_url(url, strlen(url), site, sizeof(site), NULL) ==
        SAFI_ERROR_INVALID_ARGUMENT);
}

// Applies the crawl's documents 200 times with the shared deduper and its
// own decision; returns non-NULL on a wrong result (no CHECK: the counters
// are not shared between threads).
static void* ApplyRounds(void* arg) {
  const safi_deduper* deduper = arg;
  safi_dedup_decision* decision = safi_dedup_decision_new();
  void* result = decision == NULL ? (void*)1 : NULL;
  for (int round = 0; round < 200 && result == NULL; ++round) {
    for (int i = 0; i < kDocs; ++i) {
      const safi_dedup_document doc = Crawl(i);
      safi_removal r;
      if (safi_deduper_apply(deduper, &doc, decision) != SAFI_OK ||
          safi_dedup_decision_keep(decision) != (i != 0) ||
          safi_dedup_decision_removal_count(decision) != (i != 1) ||
          (i != 1 && (safi_dedup_decision_removal(decision, 0, &r) != SAFI_OK ||
                      r.reason != (i == 0 ? SAFI_REMOVAL_EXACT_DUP
                                          : SAFI_REMOVAL_LEXICON)))) {
        result = (void*)1;
      }
    }
  }
  safi_dedup_decision_free(decision);
  return result;
}

static void TestSharedDeduper(void) {
  safi_dedup_state* state = Sketch(0, kDocs);
  safi_deduper* deduper = safi_deduper_new(state);
  safi_dedup_state_free(state);
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    CHECK(pthread_create(&threads[i], NULL, ApplyRounds, deduper) == 0);
  }
  for (int i = 0; i < kThreads; ++i) {
    void* result = (void*)1;
    CHECK(pthread_join(threads[i], &result) == 0);
    CHECK(result == NULL);
  }
  safi_deduper_free(deduper);
}

int main(void) {
  TestNames();
  TestOneShot();
  TestShardsMerge();
  TestSketcherErrors();
  TestSharedDeduper();
  printf("c_api_dedup_test: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
