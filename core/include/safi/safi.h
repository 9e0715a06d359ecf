// SPDX-License-Identifier: Apache-2.0
// C API of safi (C99, no C++ types): opaque handles, caller-owned buffers and
// int status codes for one-shot and streaming normalization of UTF-8 text
// and for boilerplate and duplicate removal.
//
// Semantics are those of the C++ API in safi/normalizer.h and of
// core/SEMANTICS.md: every output is valid UTF-8, normalized, idempotent, and
// a stream gives the same bytes however its input is split.
//
// Thread safety: a safi_normalizer is immutable after creation; any number
// of threads may call safi_normalize, safi_max_output_size and
// safi_stream_new on the same normalizer at the same time. A safi_stream
// keeps state and must be used by one thread at a time. Freeing a handle
// must not race with any other use of it.
//
// Errors: every function that can fail returns one of the SAFI_* status
// codes below; no function prints, aborts or lets a C++ exception escape.
#ifndef SAFI_SAFI_H_
#define SAFI_SAFI_H_

#include <stddef.h>
#include <stdint.h>

#include "safi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

// Status codes. Zero is success, positive values are non-error conditions,
// negative values are errors.
enum {
  SAFI_OK = 0,
  // A stream call succeeded but more output is waiting than fitted in the
  // caller's buffer; see safi_stream_write.
  SAFI_PENDING_OUTPUT = 1,
  // A NULL handle, a NULL out_len, a NULL buffer with a non-zero size, an
  // unknown profile, form, mode or operation bit. Nothing was done.
  SAFI_ERROR_INVALID_ARGUMENT = -1,
  // Ill-formed UTF-8 in a normalizer created with SAFI_INVALID_UTF8_ERROR.
  SAFI_ERROR_INVALID_UTF8 = -2,
  // The output did not fit; *out_len is the size needed.
  SAFI_ERROR_OUTPUT_TOO_SMALL = -3,
  // Memory allocation failed.
  SAFI_ERROR_OUT_OF_MEMORY = -4,
  // Dedup: a document id was added (or merged) twice.
  SAFI_ERROR_DUPLICATE_ID = -5,
  // Dedup: safi_deduper_apply on a document the state does not hold.
  SAFI_ERROR_UNKNOWN_DOCUMENT = -6,
  // Dedup: safi_deduper_apply on a text that does not sketch as the one
  // sketched (other lines, words or line flags), or on another site.
  SAFI_ERROR_CHANGED_DOCUMENT = -7,
  // Dedup: state bytes damaged, truncated or not a state.
  SAFI_ERROR_CORRUPT_STATE = -8,
  // Dedup: a state of another format, profile or lexicon version, or made
  // with other parameters.
  SAFI_ERROR_INCOMPATIBLE_STATE = -9,
  // Dedup: a temporary file could not be created or written.
  SAFI_ERROR_IO = -10
};

// Unicode normalization form (step 2 of the pipeline).
enum { SAFI_FORM_NFC = 0, SAFI_FORM_NFKC = 1 };

// What to do with ill-formed UTF-8.
enum {
  // Each maximal subpart becomes U+FFFD (Unicode 15.0 section 3.9, WHATWG).
  SAFI_INVALID_UTF8_REPLACE = 0,
  // The call fails with SAFI_ERROR_INVALID_UTF8 and the byte offset of the
  // first ill-formed sequence.
  SAFI_INVALID_UTF8_ERROR = 1
};

// Operation bits, equal to safi::Operation; exact code-point sets in
// core/SEMANTICS.md. When several match a code point the first in this
// order wins.
#define SAFI_OP_REMOVE_TATWEEL 0x00000001u
#define SAFI_OP_REMOVE_HARAKAT 0x00000002u
#define SAFI_OP_REMOVE_QURANIC_MARKS 0x00000004u
#define SAFI_OP_REMOVE_BIDI_INVISIBLE 0x00000008u
#define SAFI_OP_REMOVE_ZWNJ_ZWJ 0x00000010u
#define SAFI_OP_ZWNJ_TO_SPACE 0x00000020u
#define SAFI_OP_FOLD_ALEF 0x00000040u
#define SAFI_OP_FOLD_ALEF_MAKSURA 0x00000080u
#define SAFI_OP_FOLD_TEH_MARBUTA 0x00000100u
#define SAFI_OP_FOLD_PERSIAN_LETTERS 0x00000200u
#define SAFI_OP_FOLD_DIGITS 0x00000400u
#define SAFI_OP_FOLD_HAMZA_SEATS 0x00000800u
#define SAFI_OP_PRESENTATION_FORMS 0x00001000u
#define SAFI_OP_PUNCTUATION_SYMBOLS_TO_SPACE 0x00002000u
#define SAFI_OP_CASE_FOLD 0x00004000u
#define SAFI_OP_LINE_BREAKS 0x00008000u
#define SAFI_OP_COLLAPSE_WHITESPACE 0x00010000u
// Every operation bit; other bits are invalid.
#define SAFI_OP_ALL 0x0001FFFFu

typedef struct safi_normalizer safi_normalizer;
typedef struct safi_stream safi_stream;

// Library version ("0.1.0"). Static storage, never NULL.
SAFI_API const char* safi_version(void);

// Unicode version of the library's tables ("15.0.0"). Static storage, never
// NULL.
SAFI_API const char* safi_unicode_version(void);

// English name of a status code ("ok", "invalid UTF-8", ...; "unknown
// status" for other values). Static storage, never NULL.
SAFI_API const char* safi_status_string(int status);

// Name of the index-th profile in documentation order ("search", "dedup",
// "display", "nfc", "nfkc"), or NULL when index is past the last profile
// (or when memory runs out on the first call). Static storage.
SAFI_API const char* safi_profile_name(size_t index);

// Stores the form and operations of the named profile in *form and
// *operations. Profiles repair ill-formed UTF-8 (SAFI_INVALID_UTF8_REPLACE);
// pass the values to safi_normalizer_new_with_options to get a profile that
// reports it instead. Returns SAFI_OK, or SAFI_ERROR_INVALID_ARGUMENT (and
// stores nothing) for an unknown or NULL name or a NULL pointer.
SAFI_API int safi_profile_options(const char* profile, int* form,
                                  uint32_t* operations);

// Creates a normalizer for a profile name ("search", "dedup", "display",
// "nfc", "nfkc"). Returns NULL for a NULL or unknown name or when memory
// runs out. Free with safi_normalizer_free.
SAFI_API safi_normalizer* safi_normalizer_new(const char* profile);

// Creates a normalizer from a form (SAFI_FORM_*), a bitwise OR of SAFI_OP_*
// operations and a SAFI_INVALID_UTF8_* mode. Returns NULL for an unknown
// form or mode, a bit outside SAFI_OP_ALL, or when memory runs out.
SAFI_API safi_normalizer* safi_normalizer_new_with_options(int form,
                                                           uint32_t operations,
                                                           int invalid_utf8);

// Frees a normalizer; NULL is ignored. Streams created from it stay valid.
SAFI_API void safi_normalizer_free(safi_normalizer* normalizer);

// Upper bound on the output size in bytes of safi_normalize for in_len input
// bytes: 11 * in_len (NFKC turns U+FDFA, 3 bytes, into 33), saturated at
// SIZE_MAX. The bound holds for every normalizer; normalizer may be NULL.
SAFI_API size_t safi_max_output_size(const safi_normalizer* normalizer,
                                     size_t in_len);

// Normalizes in[0, in_len) into out[0, out_cap). Never writes past out_cap;
// in and out must not overlap. in may be NULL when in_len is 0, out may be
// NULL when out_cap is 0. An out_cap of safi_max_output_size(n, in_len)
// always suffices. Returns:
//   SAFI_OK: *out_len is the output length;
//   SAFI_ERROR_OUTPUT_TOO_SMALL: *out_len is the size needed, the contents
//     of out are unspecified;
//   SAFI_ERROR_INVALID_UTF8 (only in SAFI_INVALID_UTF8_ERROR mode): *out_len
//     is the byte offset of the first ill-formed sequence in `in`, nothing
//     useful is in out;
//   SAFI_ERROR_INVALID_ARGUMENT: NULL normalizer or out_len, NULL in with a
//     non-zero in_len, NULL out with a non-zero out_cap (*out_len is set to
//     0 when out_len is not NULL);
//   SAFI_ERROR_OUT_OF_MEMORY: *out_len is 0.
SAFI_API int safi_normalize(const safi_normalizer* normalizer, const char* in,
                            size_t in_len, char* out, size_t out_cap,
                            size_t* out_len);

// Creates a stream that normalizes a text given in chunks with the
// normalizer's options. The stream does not refer to the normalizer after
// this call (the normalizer may be freed first). Returns NULL for a NULL
// normalizer or when memory runs out. Free with safi_stream_free.
SAFI_API safi_stream* safi_stream_new(const safi_normalizer* normalizer);

// Feeds in[0, in_len) to the stream and delivers output into
// out[0, out_cap). All input is always consumed (unless an error other than
// SAFI_PENDING_OUTPUT is returned). The stream holds back output that may
// still change (a partial UTF-8 character, the open combining sequence,
// pending white space); there is no fixed bound on it, so instead of
// requiring a large buffer the stream keeps whatever does not fit in out and
// delivers it first on the next call. Never writes past out_cap; any out_cap
// (even 0) works. in may be NULL when in_len is 0, out may be NULL when
// out_cap is 0. Returns:
//   SAFI_OK: *out_len bytes were written and nothing is waiting;
//   SAFI_PENDING_OUTPUT: out was filled (*out_len bytes) and
//     safi_stream_pending() more bytes are waiting: call safi_stream_write
//     with in_len 0 (or with more input) until it returns SAFI_OK;
//   SAFI_ERROR_INVALID_UTF8 (SAFI_INVALID_UTF8_ERROR mode): nothing is
//     written (*out_len is 0) and waiting output is dropped;
//     safi_stream_error_offset() is the stream offset of the first
//     ill-formed sequence. Every later call fails the same way until
//     safi_stream_finish, which also fails and then resets the stream;
//   SAFI_ERROR_INVALID_ARGUMENT: NULL stream or out_len, NULL in with a
//     non-zero in_len, NULL out with a non-zero out_cap; nothing consumed;
//   SAFI_ERROR_OUT_OF_MEMORY: the stream is unusable; free it.
SAFI_API int safi_stream_write(safi_stream* stream, const char* in,
                               size_t in_len, char* out, size_t out_cap,
                               size_t* out_len);

// Ends the text: flushes everything held back (a dangling partial UTF-8
// character becomes U+FFFD, or an error in SAFI_INVALID_UTF8_ERROR mode)
// and delivers output like safi_stream_write. While it returns
// SAFI_PENDING_OUTPUT call it again to drain the rest. Once it has returned
// SAFI_OK or SAFI_ERROR_INVALID_UTF8 the stream starts a new text (offsets
// from 0) on the next write.
SAFI_API int safi_stream_finish(safi_stream* stream, char* out, size_t out_cap,
                                size_t* out_len);

// Number of output bytes waiting to be delivered; 0 for a NULL stream.
SAFI_API size_t safi_stream_pending(const safi_stream* stream);

// Byte offset, counted from the start of the stream's text, of the first
// ill-formed sequence reported by the last call that returned
// SAFI_ERROR_INVALID_UTF8; 0 if there was none or stream is NULL.
SAFI_API uint64_t safi_stream_error_offset(const safi_stream* stream);

// Frees a stream and any output still waiting; NULL is ignored.
SAFI_API void safi_stream_free(safi_stream* stream);

// Boilerplate and duplicate removal (C++: safi/dedup.h; the detectors are
// described in core/src/dedup/README.md), in three phases:
//
//   sketcher = safi_dedup_sketcher_new();
//   for each document: safi_dedup_sketcher_add(sketcher, &doc);
//   safi_dedup_sketcher_finish(sketcher, &state);
//   (optionally serialize states of shards, parse and merge them)
//   deduper = safi_deduper_new(state);
//   for each document: safi_deduper_apply(deduper, &doc, decision);
//
// Thread safety: a safi_deduper is immutable after creation and
// safi_deduper_apply may run on it from several threads at once, each with
// its own safi_dedup_decision. Sketchers, states and decisions must be used
// by one thread at a time.

typedef struct safi_dedup_sketcher safi_dedup_sketcher;
typedef struct safi_dedup_state safi_dedup_state;
typedef struct safi_deduper safi_deduper;
typedef struct safi_dedup_decision safi_dedup_decision;

// One document: byte strings that need only live during the call. A NULL
// pointer is allowed with length 0. text may hold any bytes (ill-formed
// UTF-8 is replaced in the line keys; offsets refer to the original
// bytes). site groups documents for the site-template detector; an empty
// site is one site of its own (see safi_site_from_url).
typedef struct safi_dedup_document {
  const char* id;
  size_t id_len;
  const char* site;
  size_t site_len;
  const char* text;
  size_t text_len;
} safi_dedup_document;

// Why a span was removed; names from safi_removal_reason_name.
enum {
  SAFI_REMOVAL_LEXICON = 0,
  SAFI_REMOVAL_SITE_TEMPLATE = 1,
  SAFI_REMOVAL_GLOBAL = 2,
  SAFI_REMOVAL_TEASER = 3,
  SAFI_REMOVAL_LABEL = 4,
  SAFI_REMOVAL_EXACT_DUP = 5,
  SAFI_REMOVAL_NEAR_DUP = 6
};

// One removed span [start, end) of the document's original text and its
// evidence (fields not used by a reason are 0 or empty). The strings are
// not NUL-terminated; they point into the deduper and stay valid while it
// lives.
typedef struct safi_removal {
  size_t start;
  size_t end;
  int reason;               // SAFI_REMOVAL_*
  const char* reason_name;  // "lexicon", "site_template", ... (static)
  // SAFI_REMOVAL_LEXICON: the phrase, its category (e.g. comment_form)
  // and how it matched ("line", "prefix", "contains", "sequence",
  // "date"; static).
  const char* phrase;
  size_t phrase_len;
  const char* category;
  size_t category_len;
  const char* match;
  // SAFI_REMOVAL_SITE_TEMPLATE: pages of the site with the line, pages of
  // the site. SAFI_REMOVAL_GLOBAL: sites where the line is frequent.
  uint32_t pages;
  uint32_t site_pages;
  uint32_t sites;
  // SAFI_REMOVAL_TEASER: the rule ("confirmed", "after_related_header",
  // "after_label", "trailing_block"; static); for "confirmed" the id of
  // the document whose opening it shows and the words matched, otherwise
  // the teasers in its block.
  const char* rule;
  const char* source;
  size_t source_len;
  uint32_t matched_words;
  uint32_t block_teasers;
  // SAFI_REMOVAL_LABEL: offset of the teaser line the label introduces.
  size_t teaser_start;
  // SAFI_REMOVAL_EXACT_DUP / NEAR_DUP: id of the kept copy, the size of
  // its cluster (kept copy included), agreeing MinHash values per mille.
  const char* kept;
  size_t kept_len;
  uint32_t cluster_size;
  uint32_t similarity_permille;
} safi_removal;

// Name of a SAFI_REMOVAL_* reason, or NULL for another value. Static.
SAFI_API const char* safi_removal_reason_name(int reason);

// Writes the site of a URL (host, ASCII-lowercased, without scheme, user
// info, port and one leading "www.") into out[0, out_cap); never longer
// than url_len. Returns SAFI_OK, SAFI_ERROR_OUTPUT_TOO_SMALL (*out_len is
// the size needed) or SAFI_ERROR_INVALID_ARGUMENT (NULL out_len, NULL url
// with url_len > 0 or NULL out with out_cap > 0).
SAFI_API int safi_site_from_url(const char* url, size_t url_len, char* out,
                                size_t out_cap, size_t* out_len);

// Creates a sketcher with the default parameters (safi::DedupParams).
// NULL when memory runs out. Memory grows with the documents added (see
// safi::DedupSketcher).
SAFI_API safi_dedup_sketcher* safi_dedup_sketcher_new(void);

// Adds one document. Returns SAFI_OK, SAFI_ERROR_DUPLICATE_ID (the id was
// already added; nothing changed), SAFI_ERROR_INVALID_ARGUMENT (NULL
// handle or document, a NULL pointer with a non-zero length, or a text over
// 256 MiB) or SAFI_ERROR_OUT_OF_MEMORY (the sketcher is unusable).
SAFI_API int safi_dedup_sketcher_add(safi_dedup_sketcher* sketcher,
                                     const safi_dedup_document* document);

// Moves the statistics gathered so far into a new state (*state, free with
// safi_dedup_state_free) and starts the sketcher over. Returns SAFI_OK,
// SAFI_ERROR_INVALID_ARGUMENT (NULL argument; *state untouched) or
// SAFI_ERROR_OUT_OF_MEMORY (*state is NULL).
SAFI_API int safi_dedup_sketcher_finish(safi_dedup_sketcher* sketcher,
                                        safi_dedup_state** state);

// Frees a sketcher; NULL is ignored.
SAFI_API void safi_dedup_sketcher_free(safi_dedup_sketcher* sketcher);

// Creates an empty state with the default parameters: the neutral element
// of safi_dedup_state_merge. NULL when memory runs out.
SAFI_API safi_dedup_state* safi_dedup_state_new(void);

// Adds other into state (counts add, sets unite; associative and
// commutative). Returns SAFI_OK, SAFI_ERROR_INCOMPATIBLE_STATE (other
// parameters) or SAFI_ERROR_DUPLICATE_ID (a document in both), leaving
// state unchanged, SAFI_ERROR_INVALID_ARGUMENT for NULL arguments or
// state == other, SAFI_ERROR_OUT_OF_MEMORY.
SAFI_API int safi_dedup_state_merge(safi_dedup_state* state,
                                    const safi_dedup_state* other);

// Number of documents in a state; 0 for NULL.
SAFI_API uint64_t safi_dedup_state_documents(const safi_dedup_state* state);

// Writes the binary state file (format of safi::DedupState::Serialize;
// equal states give equal bytes) into out[0, out_cap). Returns SAFI_OK,
// SAFI_ERROR_OUTPUT_TOO_SMALL (*out_len is the size needed; call again),
// SAFI_ERROR_INVALID_ARGUMENT or SAFI_ERROR_OUT_OF_MEMORY. Each call
// serializes anew, in time linear in the state.
SAFI_API int safi_dedup_state_serialize(const safi_dedup_state* state,
                                        char* out, size_t out_cap,
                                        size_t* out_len);

// Parses state-file bytes into a new state (*state, free with
// safi_dedup_state_free). Returns SAFI_OK, SAFI_ERROR_CORRUPT_STATE,
// SAFI_ERROR_INCOMPATIBLE_STATE (another format, profile or lexicon
// version), SAFI_ERROR_INVALID_ARGUMENT or SAFI_ERROR_OUT_OF_MEMORY;
// *state is NULL on every failure but SAFI_ERROR_INVALID_ARGUMENT.
SAFI_API int safi_dedup_state_parse(const char* bytes, size_t len,
                                    safi_dedup_state** state);

// Frees a state; NULL is ignored.
SAFI_API void safi_dedup_state_free(safi_dedup_state* state);

// Creates a deduper from the complete state of the corpus, moving the
// statistics out of state (which is left empty, as from
// safi_dedup_state_new, and must still be freed). Clusters duplicates and
// selects template lines, in time and memory linear in the state. NULL for
// a NULL state, or when memory runs out (the statistics are then lost and
// state is empty).
SAFI_API safi_deduper* safi_deduper_new(safi_dedup_state* state);

// Frees a deduper; NULL is ignored. Removals read from decisions made by
// it point into it and become invalid.
SAFI_API void safi_deduper_free(safi_deduper* deduper);

// Creates an empty decision to pass to safi_deduper_apply. NULL when memory
// runs out.
SAFI_API safi_dedup_decision* safi_dedup_decision_new(void);

// Frees a decision; NULL is ignored.
SAFI_API void safi_dedup_decision_free(safi_dedup_decision* decision);

// Decides for one document, which must have been sketched into the state
// with the same id and site and a text that sketches the same (see
// safi::Deduper::Apply), and stores the result in decision. Returns
// SAFI_OK, SAFI_ERROR_UNKNOWN_DOCUMENT, SAFI_ERROR_CHANGED_DOCUMENT,
// SAFI_ERROR_INVALID_ARGUMENT (NULL argument or NULL pointer with a
// non-zero length) or SAFI_ERROR_OUT_OF_MEMORY; on failure the decision is
// cleared (keep, no removals).
SAFI_API int safi_deduper_apply(const safi_deduper* deduper,
                                const safi_dedup_document* document,
                                safi_dedup_decision* decision);

// 1 if the document is kept, 0 if it is dropped as a duplicate (its one
// removal then spans the whole text). 1 for a NULL or new decision.
SAFI_API int safi_dedup_decision_keep(const safi_dedup_decision* decision);

// Number of removed spans, in increasing, non-overlapping order; 0 for
// NULL.
SAFI_API size_t
safi_dedup_decision_removal_count(const safi_dedup_decision* decision);

// Stores removal number index in *removal. Returns SAFI_OK or
// SAFI_ERROR_INVALID_ARGUMENT (NULL argument, index out of range).
SAFI_API int safi_dedup_decision_removal(const safi_dedup_decision* decision,
                                         size_t index, safi_removal* removal);

// Writes the document's text without its removed spans (the cleaned text
// of a kept document; never longer than text_len) into out[0, out_cap).
// text must be the text the decision was made for. Returns SAFI_OK,
// SAFI_ERROR_OUTPUT_TOO_SMALL (*out_len is the size needed),
// SAFI_ERROR_INVALID_ARGUMENT (NULL decision or out_len, NULL text with a
// non-zero length, NULL out with a non-zero out_cap, or removals that do
// not lie within text_len) or SAFI_ERROR_OUT_OF_MEMORY.
SAFI_API int safi_dedup_decision_clean_text(const safi_dedup_decision* decision,
                                            const char* text, size_t text_len,
                                            char* out, size_t out_cap,
                                            size_t* out_len);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SAFI_SAFI_H_
