// SPDX-License-Identifier: Apache-2.0
// The dedup part of the C API (safi/safi.h) over safi/dedup.h: handles own
// C++ objects, every entry point catches std::bad_alloc so no exception
// crosses the C ABI.
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "safi/dedup.h"
#include "safi/safi.h"

static_assert(SAFI_REMOVAL_LEXICON ==
              static_cast<int>(safi::RemovalReason::kLexicon));
static_assert(SAFI_REMOVAL_SITE_TEMPLATE ==
              static_cast<int>(safi::RemovalReason::kSiteTemplate));
static_assert(SAFI_REMOVAL_GLOBAL ==
              static_cast<int>(safi::RemovalReason::kGlobal));
static_assert(SAFI_REMOVAL_TEASER ==
              static_cast<int>(safi::RemovalReason::kTeaser));
static_assert(SAFI_REMOVAL_LABEL ==
              static_cast<int>(safi::RemovalReason::kLabel));
static_assert(SAFI_REMOVAL_EXACT_DUP ==
              static_cast<int>(safi::RemovalReason::kExactDup));
static_assert(SAFI_REMOVAL_NEAR_DUP ==
              static_cast<int>(safi::RemovalReason::kNearDup));

struct safi_dedup_sketcher {
  safi::DedupSketcher impl;
};

struct safi_dedup_state {
  safi::DedupState impl;
};

struct safi_deduper {
  explicit safi_deduper(safi::DedupState state) : impl(std::move(state)) {}
  safi::Deduper impl;
};

struct safi_dedup_decision {
  safi::DocumentDecision impl;
};

namespace {

// The C status of a dedup status.
int StatusCode(const safi::DedupStatus& status) {
  switch (status.code) {
    case safi::DedupStatus::kOk:
      return SAFI_OK;
    case safi::DedupStatus::kInvalidArgument:
      return SAFI_ERROR_INVALID_ARGUMENT;
    case safi::DedupStatus::kDuplicateId:
      return SAFI_ERROR_DUPLICATE_ID;
    case safi::DedupStatus::kUnknownDocument:
      return SAFI_ERROR_UNKNOWN_DOCUMENT;
    case safi::DedupStatus::kChangedDocument:
      return SAFI_ERROR_CHANGED_DOCUMENT;
    case safi::DedupStatus::kCorruptState:
      return SAFI_ERROR_CORRUPT_STATE;
    case safi::DedupStatus::kIncompatibleState:
      return SAFI_ERROR_INCOMPATIBLE_STATE;
    case safi::DedupStatus::kIoError:
      return SAFI_ERROR_IO;
  }
  return SAFI_ERROR_INVALID_ARGUMENT;
}

// A view of ptr[0, len); NULL is allowed with len 0.
std::string_view View(const char* ptr, size_t len) {
  return ptr == nullptr ? std::string_view() : std::string_view(ptr, len);
}

// True if no pointer of the document is NULL with a non-zero length.
bool ValidDocument(const safi_dedup_document* d) {
  return d != nullptr && (d->id != nullptr || d->id_len == 0) &&
         (d->site != nullptr || d->site_len == 0) &&
         (d->text != nullptr || d->text_len == 0);
}

safi::DedupDocument Document(const safi_dedup_document& d) {
  return {View(d.id, d.id_len), View(d.site, d.site_len),
          View(d.text, d.text_len)};
}

// Copies bytes into out[0, out_cap) if they fit; sets *out_len to their
// size either way.
int CopyOut(std::string_view bytes, char* out, size_t out_cap,
            size_t* out_len) {
  *out_len = bytes.size();
  if (bytes.size() > out_cap) return SAFI_ERROR_OUTPUT_TOO_SMALL;
  if (!bytes.empty()) std::memcpy(out, bytes.data(), bytes.size());
  return SAFI_OK;
}

}  // namespace

extern "C" {

const char* safi_removal_reason_name(int reason) {
  if (reason < SAFI_REMOVAL_LEXICON || reason > SAFI_REMOVAL_NEAR_DUP) {
    return nullptr;
  }
  return safi::RemovalReasonName(static_cast<safi::RemovalReason>(reason));
}

int safi_site_from_url(const char* url, size_t url_len, char* out,
                       size_t out_cap, size_t* out_len) {
  if (out_len == nullptr) return SAFI_ERROR_INVALID_ARGUMENT;
  *out_len = 0;
  if ((url == nullptr && url_len != 0) || (out == nullptr && out_cap != 0)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    return CopyOut(safi::SiteFromUrl(View(url, url_len)), out, out_cap,
                   out_len);
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

safi_dedup_sketcher* safi_dedup_sketcher_new(void) {
  try {
    return new safi_dedup_sketcher();
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

int safi_dedup_sketcher_add(safi_dedup_sketcher* sketcher,
                            const safi_dedup_document* document) {
  if (sketcher == nullptr || !ValidDocument(document)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    return StatusCode(sketcher->impl.Add(Document(*document)));
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

int safi_dedup_sketcher_finish(safi_dedup_sketcher* sketcher,
                               safi_dedup_state** state) {
  if (sketcher == nullptr || state == nullptr) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  *state = nullptr;
  try {
    auto result = std::make_unique<safi_dedup_state>();
    const int status = StatusCode(sketcher->impl.Finish(&result->impl));
    if (status == SAFI_OK) *state = result.release();
    return status;
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

void safi_dedup_sketcher_free(safi_dedup_sketcher* sketcher) {
  delete sketcher;
}

safi_dedup_state* safi_dedup_state_new(void) {
  try {
    return new safi_dedup_state();
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

int safi_dedup_state_merge(safi_dedup_state* state,
                           const safi_dedup_state* other) {
  if (state == nullptr || other == nullptr || state == other) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    return StatusCode(state->impl.Merge(other->impl));
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

uint64_t safi_dedup_state_documents(const safi_dedup_state* state) {
  return state == nullptr ? 0 : state->impl.documents();
}

int safi_dedup_state_serialize(const safi_dedup_state* state, char* out,
                               size_t out_cap, size_t* out_len) {
  if (out_len == nullptr) return SAFI_ERROR_INVALID_ARGUMENT;
  *out_len = 0;
  if (state == nullptr || (out == nullptr && out_cap != 0)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    return CopyOut(state->impl.Serialize(), out, out_cap, out_len);
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

int safi_dedup_state_parse(const char* bytes, size_t len,
                           safi_dedup_state** state) {
  if (state == nullptr || (bytes == nullptr && len != 0)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  *state = nullptr;
  try {
    auto result = std::make_unique<safi_dedup_state>();
    const int status =
        StatusCode(safi::DedupState::Parse(View(bytes, len), &result->impl));
    if (status == SAFI_OK) *state = result.release();
    return status;
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

void safi_dedup_state_free(safi_dedup_state* state) { delete state; }

safi_deduper* safi_deduper_new(safi_dedup_state* state) {
  if (state == nullptr) return nullptr;
  // Moved, not copied: a state can be most of the memory in use.
  safi::DedupState statistics = std::move(state->impl);
  state->impl = safi::DedupState();
  try {
    return new safi_deduper(std::move(statistics));
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void safi_deduper_free(safi_deduper* deduper) { delete deduper; }

safi_dedup_decision* safi_dedup_decision_new(void) {
  try {
    return new safi_dedup_decision();
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void safi_dedup_decision_free(safi_dedup_decision* decision) {
  delete decision;
}

int safi_deduper_apply(const safi_deduper* deduper,
                       const safi_dedup_document* document,
                       safi_dedup_decision* decision) {
  if (decision != nullptr) decision->impl = safi::DocumentDecision();
  if (deduper == nullptr || decision == nullptr || !ValidDocument(document)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  try {
    return StatusCode(
        deduper->impl.Apply(Document(*document), &decision->impl));
  } catch (const std::bad_alloc&) {
    decision->impl = safi::DocumentDecision();
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

int safi_dedup_decision_keep(const safi_dedup_decision* decision) {
  return decision == nullptr || decision->impl.keep ? 1 : 0;
}

size_t safi_dedup_decision_removal_count(const safi_dedup_decision* decision) {
  return decision == nullptr ? 0 : decision->impl.removals.size();
}

int safi_dedup_decision_removal(const safi_dedup_decision* decision,
                                size_t index, safi_removal* removal) {
  if (decision == nullptr || removal == nullptr ||
      index >= decision->impl.removals.size()) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  const safi::Removal& r = decision->impl.removals[index];
  *removal = safi_removal{};
  removal->start = r.start;
  removal->end = r.end;
  removal->reason = static_cast<int>(r.reason);
  removal->reason_name = safi::RemovalReasonName(r.reason);
  switch (r.reason) {
    case safi::RemovalReason::kLexicon:
      removal->phrase = r.phrase.data();
      removal->phrase_len = r.phrase.size();
      removal->category = r.category.data();
      removal->category_len = r.category.size();
      removal->match = safi::LexiconMatchKindName(r.match);
      break;
    case safi::RemovalReason::kSiteTemplate:
      removal->pages = r.pages;
      removal->site_pages = r.site_pages;
      break;
    case safi::RemovalReason::kGlobal:
      removal->sites = r.sites;
      break;
    case safi::RemovalReason::kTeaser:
      removal->rule = safi::TeaserRuleName(r.rule);
      removal->source = r.source.data();
      removal->source_len = r.source.size();
      removal->matched_words = r.matched_words;
      removal->block_teasers = r.block_teasers;
      break;
    case safi::RemovalReason::kLabel:
      removal->teaser_start = r.teaser_start;
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup:
      removal->kept = r.kept.data();
      removal->kept_len = r.kept.size();
      removal->cluster_size = r.cluster_size;
      removal->similarity_permille = r.similarity_permille;
      break;
  }
  return SAFI_OK;
}

int safi_dedup_decision_clean_text(const safi_dedup_decision* decision,
                                   const char* text, size_t text_len, char* out,
                                   size_t out_cap, size_t* out_len) {
  if (out_len == nullptr) return SAFI_ERROR_INVALID_ARGUMENT;
  *out_len = 0;
  if (decision == nullptr || (text == nullptr && text_len != 0) ||
      (out == nullptr && out_cap != 0)) {
    return SAFI_ERROR_INVALID_ARGUMENT;
  }
  size_t pos = 0;
  for (const safi::Removal& r : decision->impl.removals) {
    if (r.start < pos || r.end < r.start || r.end > text_len) {
      return SAFI_ERROR_INVALID_ARGUMENT;
    }
    pos = r.end;
  }
  try {
    std::string clean;
    safi::AppendTextWithoutRemovals(View(text, text_len),
                                    decision->impl.removals, &clean);
    return CopyOut(clean, out, out_cap, out_len);
  } catch (const std::bad_alloc&) {
    return SAFI_ERROR_OUT_OF_MEMORY;
  }
}

}  // extern "C"
