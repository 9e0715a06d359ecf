// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: `safi dedup` on arbitrary JSONL or text. Every line goes
// through the command's JSONL record parser (which must accept or give a
// message, never crash); the documents then go through sketch, finish and
// apply, and the decisions are checked: removals in order, whole lines of
// the original bytes, dropped documents point at a kept copy of their
// corpus. The same documents sketched as two shards, serialized, parsed and
// merged give the same state bytes and the same decisions; the state
// survives a serialize/parse round trip and is refused when truncated or
// when one byte is flipped.
//
// Input layout: byte 0 bit 0 = raw mode, bits 1-3 = the shard split (doc i
// goes to shard ((i + 1) * (bits + 1) / 3) % 2), bits 4-6 = the SIMD
// target (see PickTarget); then in JSONL mode the JSONL lines (records with
// text, id and url fields), in raw mode documents separated by 0x1E, each
// with id "d<i>" and site "s<i mod 3>".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dedup_command.h"
#include "fuzz_common.h"
#include "jsonl_record.h"
#include "safi/dedup.h"

namespace safi::fuzz {
namespace {

constexpr size_t kMaxDocuments = 64;

struct Doc {
  std::string id;
  std::string site;
  std::string text;
};

// Documents of the input, without repeated ids (the sketcher must refuse
// the repeat, which is checked here).
std::vector<Doc> ReadDocuments(std::string_view body, bool raw,
                               std::string_view input) {
  std::vector<Doc> docs;
  const char separator = raw ? '\x1e' : '\n';
  safi_cli::DedupInputConfig config;
  safi_cli::RecordParser parser(config);
  safi_cli::Record record;
  size_t start = 0;
  while (start <= body.size() && docs.size() < kMaxDocuments) {
    size_t end = body.find(separator, start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view piece = body.substr(start, end - start);
    start = end + 1;
    if (raw) {
      const size_t i = docs.size();
      docs.push_back({"d" + std::to_string(i), "s" + std::to_string(i % 3),
                      std::string(piece)});
      continue;
    }
    const std::string problem = parser.Parse(piece, &record);
    if (!problem.empty()) {
      if (problem.find('\n') != std::string::npos) {
        Fail("a JSONL error message spans lines", input, problem);
      }
      continue;
    }
    if (record.line != piece || record.text_end > piece.size() ||
        record.text_begin > record.text_end) {
      Fail("a parsed record does not view its line", input, record.id);
    }
    docs.push_back({record.id, record.site, record.text});
  }
  return docs;
}

// Sketches docs[i] for the i where in_shard(i), skipping repeated ids
// after checking that the sketcher refuses them.
template <typename InShard>
DedupState Sketch(const std::vector<Doc>& docs, InShard in_shard,
                  std::string_view input) {
  // One sketcher for the process: Finish starts it over, and building its
  // lexicon for every sketch would dominate the run time.
  static DedupSketcher sketcher;
  std::unordered_set<std::string> ids;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!in_shard(i)) continue;
    const Doc& d = docs[i];
    const DedupStatus status = sketcher.Add({d.id, d.site, d.text});
    const bool repeat = !ids.insert(d.id).second;
    if (repeat != (status.code == DedupStatus::kDuplicateId) ||
        (!repeat && !status.ok())) {
      Fail("sketcher status", input, d.id + ": " + status.message);
    }
  }
  DedupState state;
  if (!sketcher.Finish(&state).ok()) Fail("Finish failed", input, "");
  return state;
}

std::string Describe(const Removal& r) {
  return std::string(RemovalReasonName(r.reason)) + " [" +
         std::to_string(r.start) + ", " + std::to_string(r.end) +
         ") kept=" + std::string(r.kept) + " source=" + std::string(r.source) +
         " phrase=" + std::string(r.phrase);
}

std::string Describe(const DocumentDecision& d) {
  std::string out = d.keep ? "keep" : "drop";
  out += " dups=" + std::to_string(d.duplicates);
  for (const Removal& r : d.removals) out += "; " + Describe(r);
  return out;
}

bool LineStart(std::string_view text, size_t at) {
  return at == 0 || text[at - 1] == '\n' || text[at - 1] == '\r';
}

// True if at ends a line: the end of the text or just after a terminator
// (not between the CR and LF of a CRLF).
bool LineEnd(std::string_view text, size_t at) {
  if (at == text.size()) return true;
  if (at == 0) return false;
  return text[at - 1] == '\n' || (text[at - 1] == '\r' && text[at] != '\n');
}

// Checks one decision against the contract of DocumentDecision.
void CheckDecision(const Doc& doc, const DocumentDecision& d,
                   const std::unordered_set<std::string>& kept_ids,
                   std::string_view input) {
  const std::string what = doc.id + ": " + Describe(d);
  if (!d.keep) {
    if (d.removals.size() != 1 || d.removals[0].start != 0 ||
        d.removals[0].end != doc.text.size() ||
        (d.removals[0].reason != RemovalReason::kExactDup &&
         d.removals[0].reason != RemovalReason::kNearDup) ||
        d.removals[0].kept == doc.id ||
        kept_ids.count(std::string(d.removals[0].kept)) == 0 ||
        d.removals[0].cluster_size < 2) {
      Fail("a dropped document's decision", input, what);
    }
    return;
  }
  size_t pos = 0;
  for (const Removal& r : d.removals) {
    if (r.start < pos || r.end <= r.start || r.end > doc.text.size() ||
        !LineStart(doc.text, r.start) || !LineEnd(doc.text, r.end) ||
        r.reason == RemovalReason::kExactDup ||
        r.reason == RemovalReason::kNearDup) {
      Fail("a removal is not whole lines in order", input, what);
    }
    pos = r.end;
  }
}

// Applies every first occurrence of an id with a Deduper of state, checks
// the decisions, and returns their descriptions (the evidence views point
// into the Deduper, which ends here).
std::vector<std::string> ApplyAll(DedupState state,
                                  const std::vector<Doc>& docs,
                                  std::string_view input) {
  const Deduper deduper(std::move(state));
  std::vector<DocumentDecision> decisions(docs.size());
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!seen.insert(docs[i].id).second) continue;
    const DedupStatus s =
        deduper.Apply({docs[i].id, docs[i].site, docs[i].text}, &decisions[i]);
    if (!s.ok()) Fail("Apply failed", input, docs[i].id + ": " + s.message);
  }
  std::unordered_set<std::string> kept_ids;
  seen.clear();
  for (size_t i = 0; i < docs.size(); ++i) {
    if (seen.insert(docs[i].id).second && decisions[i].keep) {
      kept_ids.insert(docs[i].id);
    }
  }
  seen.clear();
  for (size_t i = 0; i < docs.size(); ++i) {
    if (seen.insert(docs[i].id).second) {
      CheckDecision(docs[i], decisions[i], kept_ids, input);
    }
  }
  std::vector<std::string> described;
  for (const DocumentDecision& d : decisions) described.push_back(Describe(d));
  return described;
}

}  // namespace
}  // namespace safi::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace safi;
  using namespace safi::fuzz;
  if (size < 1) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool raw = (data[0] & 1) != 0;
  const unsigned split = ((data[0] >> 1) & 7) + 1;
  PickTarget((data[0] >> 4) & 7);
  const std::vector<Doc> docs = ReadDocuments(input.substr(1), raw, input);

  DedupState whole = Sketch(
      docs, [](size_t) { return true; }, input);
  const std::string whole_bytes = whole.Serialize();
  const auto in_first = [split](size_t i) {
    return ((i + 1) * split / 3) % 2 == 0;
  };
  DedupState first = Sketch(docs, in_first, input);
  DedupState second = Sketch(
      docs, [&](size_t i) { return !in_first(i); }, input);

  // Shards through their bytes, merged in the other order.
  DedupState merged;
  for (const DedupState* part : {&second, &first}) {
    DedupState parsed;
    const DedupStatus s = DedupState::Parse(part->Serialize(), &parsed);
    if (!s.ok()) Fail("a serialized shard does not parse", input, s.message);
    const DedupStatus m = merged.Merge(parsed);
    // Two shards may hold the same id when the input repeats it.
    if (!m.ok() && m.code != DedupStatus::kDuplicateId) {
      Fail("merge failed", input, m.message);
    }
  }
  const std::vector<std::string> decisions =
      ApplyAll(DedupState(whole), docs, input);
  bool repeated_ids = false;
  {
    std::unordered_set<std::string> ids;
    for (const Doc& d : docs) repeated_ids |= !ids.insert(d.id).second;
  }
  if (!repeated_ids) {
    if (merged.Serialize() != whole_bytes) {
      Fail("merged shards differ from one sketch", input, "");
    }
    const std::vector<std::string> sharded =
        ApplyAll(std::move(merged), docs, input);
    for (size_t i = 0; i < docs.size(); ++i) {
      if (decisions[i] != sharded[i]) {
        Fail("sharded decision differs", input,
             docs[i].id + ": one-shot " + decisions[i] + " / sharded " +
                 sharded[i]);
      }
    }
  }

  // Round trip, truncation and one flipped byte.
  DedupState parsed;
  if (!DedupState::Parse(whole_bytes, &parsed).ok() ||
      parsed.Serialize() != whole_bytes) {
    Fail("state round trip", input, "");
  }
  const size_t cut = data[size - 1] % whole_bytes.size();
  if (DedupState::Parse(std::string_view(whole_bytes).substr(0, cut), &parsed)
          .code != DedupStatus::kCorruptState) {
    Fail("a truncated state was accepted", input, std::to_string(cut));
  }
  std::string flipped = whole_bytes;
  // A nonzero mask (1..255), so the byte does change.
  flipped[(size * 7919) % flipped.size()] ^=
      static_cast<char>(1 + data[0] % 255);
  if (DedupState::Parse(flipped, &parsed).ok()) {
    Fail("a state with a flipped byte was accepted", input, "");
  }
  return 0;
}
