// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: dedup state-file parsing (what `safi dedup merge` and
// `apply` read). Arbitrary bytes must parse or be refused with
// kCorruptState / kIncompatibleState, never crash or allocate without
// bound. A state that parses serializes back to the same bytes, merges
// into an empty state, and builds a Deduper that can decide a document.
//
// Input layout: byte 0 bit 0 = repair mode: the rest is taken as a state
// whose payload-size and checksum fields are first recomputed, so that the
// fuzzer reaches the structural checks behind the integrity checks (header
// layout of core/src/dedup/state.cc: u64 payload size at 124, u64 XXH3-64
// checksum at 132 over bytes [0, 132) and the payload from 140); other bits
// ignored. Seeds are states written by `safi dedup sketch`.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "safi/dedup.h"
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace {

constexpr size_t kPayloadSizeOffset = 124;
constexpr size_t kChecksumOffset = 132;
constexpr size_t kHeaderSize = 140;

void PutU64(uint64_t v, char* out) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(v >> (8 * i));
}

// Rewrites the payload size and checksum of a would-be state in place.
void RepairIntegrityFields(std::string* bytes) {
  if (bytes->size() < kHeaderSize) return;
  PutU64(bytes->size() - kHeaderSize, bytes->data() + kPayloadSizeOffset);
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, bytes->data(), kChecksumOffset);
  XXH3_64bits_update(state, bytes->data() + kHeaderSize,
                     bytes->size() - kHeaderSize);
  PutU64(XXH3_64bits_digest(state), bytes->data() + kChecksumOffset);
  XXH3_freeState(state);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using safi::DedupState;
  using safi::DedupStatus;
  using safi::fuzz::Fail;
  if (size < 1) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes(input.substr(1));
  if (data[0] & 1) RepairIntegrityFields(&bytes);

  DedupState state;
  const DedupStatus status = DedupState::Parse(bytes, &state);
  if (!status.ok()) {
    if (status.code != DedupStatus::kCorruptState &&
        status.code != DedupStatus::kIncompatibleState) {
      Fail("unexpected parse status", input, status.message);
    }
    if (status.message.empty() ||
        status.message.find('\n') != std::string::npos) {
      Fail("a refusal needs a one-line message", input, status.message);
    }
    if (state.documents() != 0) Fail("a refused parse changed *out", input, "");
    return 0;
  }
  if (state.Serialize() != bytes) {
    Fail("a parsed state does not serialize to its bytes", input, "");
  }
  DedupState merged(state.params());
  const DedupStatus m = merged.Merge(state);
  if (!m.ok()) Fail("merging into an empty state failed", input, m.message);
  if (merged.Serialize() != bytes) {
    Fail("merging into an empty state changed the state", input, "");
  }
  const safi::Deduper deduper(std::move(state));
  safi::DocumentDecision decision;
  const DedupStatus a = deduper.Apply({"d", "", "text\n"}, &decision);
  if (!a.ok() && a.code != DedupStatus::kUnknownDocument &&
      a.code != DedupStatus::kChangedDocument) {
    Fail("unexpected apply status", input, a.message);
  }
  return 0;
}
