// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the C API (safi/safi.h) against the C++ API. One-shot
// safi_normalize into a heap buffer of exactly the capacity the input picks
// (ASan catches any write past it) gives the C++ result or
// SAFI_ERROR_OUTPUT_TOO_SMALL with the size needed; safi_stream_write and
// safi_stream_finish with chunk and output-buffer sizes from the input give
// the one-shot bytes; the dedup handles give the C++ decisions and cleaned
// texts for the documents of the input.
//
// Input layout: byte 0 = profile (mod 5) and bit 3 = invalid-UTF-8 error
// mode, bits 4-6 = the SIMD target (see PickTarget); byte 1 = the one-shot
// capacity as a percentage (0..255) of the exact output size; byte 2 =
// stream chunk size - 1; byte 3 = stream output buffer size (0..255); then
// the text. The dedup part splits the text at 0x1E into documents with ids
// "d<i>" and sites "s<i mod 2>".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "safi/safi.h"

namespace {

using safi::fuzz::Fail;

constexpr size_t kMaxDocuments = 16;

struct NormalizerDeleter {
  void operator()(safi_normalizer* n) const { safi_normalizer_free(n); }
};
struct StreamDeleter {
  void operator()(safi_stream* s) const { safi_stream_free(s); }
};

// The C++ result of normalizing text with options: the output, or the
// error offset (error mode).
struct Expected {
  bool ok;
  std::string output;
  uint64_t offset;
};

Expected Normalize(const safi::Options& options, std::string_view text) {
  const safi::Normalizer& n = *safi::fuzz::CachedNormalizer(options);
  Expected e{true, "", 0};
  const safi::Status s = n.Normalize(text, &e.output);
  if (s.code == safi::Status::kInvalidUtf8) {
    e.ok = false;
    e.offset = s.offset;
  }
  return e;
}

void CheckOneShot(const safi_normalizer* n, const Expected& want,
                  std::string_view text, unsigned percent,
                  std::string_view input) {
  // In error mode a buffer of the documented bound, so that only the
  // ill-formed input can fail the call.
  const size_t cap = want.ok ? want.output.size() * percent / 100
                             : safi_max_output_size(n, text.size());
  std::unique_ptr<char[]> out(new char[cap == 0 ? 1 : cap]);
  size_t len = 12345;
  const int status = safi_normalize(n, text.data(), text.size(),
                                    cap == 0 ? nullptr : out.get(), cap, &len);
  if (!want.ok) {
    if (status != SAFI_ERROR_INVALID_UTF8 || len != want.offset) {
      Fail("safi_normalize: error mode", input, std::to_string(status));
    }
    return;
  }
  if (cap >= want.output.size()) {
    if (status != SAFI_OK || len != want.output.size() ||
        std::string_view(out.get(), len) != want.output) {
      Fail("safi_normalize differs from the C++ API", input,
           std::to_string(status));
    }
  } else if (status != SAFI_ERROR_OUTPUT_TOO_SMALL ||
             len != want.output.size()) {
    Fail("safi_normalize: too small", input,
         std::to_string(status) + " len " + std::to_string(len));
  }
}

void CheckStream(const safi_normalizer* n, const Expected& want,
                 std::string_view text, size_t chunk, size_t buffer_size,
                 std::string_view input) {
  std::unique_ptr<safi_stream, StreamDeleter> s(safi_stream_new(n));
  if (!s) Fail("safi_stream_new", input, "");
  std::unique_ptr<char[]> buffer(new char[buffer_size == 0 ? 1 : buffer_size]);
  char* out = buffer_size == 0 ? nullptr : buffer.get();
  std::string got;
  int status = SAFI_OK;
  size_t len = 0;
  // Drains with writes of no input (finishing: finish calls) while output
  // is pending; fails after more calls than the largest output needs when
  // the buffer has room (a stream that never drains).
  const auto drain = [&](bool finishing) {
    for (size_t calls = 0; status == SAFI_PENDING_OUTPUT; ++calls) {
      if (buffer_size > 0 && calls > 11 * text.size() + 16) {
        Fail("a stream never drains", input, "");
      }
      if (buffer_size == 0) return;  // nothing can be delivered
      status = finishing ? safi_stream_finish(s.get(), out, buffer_size, &len)
                         : safi_stream_write(s.get(), nullptr, 0, out,
                                             buffer_size, &len);
      got.append(buffer.get(), len);
    }
  };
  for (size_t at = 0; at < text.size() && status >= 0; at += chunk) {
    const std::string_view piece = text.substr(at, chunk);
    status = safi_stream_write(s.get(), piece.data(), piece.size(), out,
                               buffer_size, &len);
    if (status >= 0) got.append(buffer.get(), len);
    drain(false);
  }
  if (status >= 0) {
    status = safi_stream_finish(s.get(), out, buffer_size, &len);
    if (status >= 0) got.append(buffer.get(), len);
    drain(true);
  }
  if (buffer_size == 0) {
    // Only the pending count can be checked: everything is waiting.
    if (want.ok && (status < 0 || safi_stream_pending(s.get()) + got.size() !=
                                      want.output.size())) {
      Fail("stream with a zero-size buffer", input, std::to_string(status));
    }
    return;
  }
  if (!want.ok) {
    if (status != SAFI_ERROR_INVALID_UTF8 ||
        safi_stream_error_offset(s.get()) != want.offset) {
      Fail("stream: error mode", input, std::to_string(status));
    }
    return;
  }
  if (status != SAFI_OK || got != want.output) {
    Fail("stream output differs from one-shot", input,
         std::to_string(status) + " got " + safi::fuzz::Escaped(got));
  }
}

// The dedup handles against the C++ classes on the same documents.
void CheckDedup(std::string_view text, std::string_view input) {
  std::vector<std::string> ids, sites;
  std::vector<std::string_view> texts;
  for (size_t start = 0;
       start <= text.size() && texts.size() < kMaxDocuments;) {
    size_t end = text.find('\x1e', start);
    if (end == std::string_view::npos) end = text.size();
    texts.push_back(text.substr(start, end - start));
    ids.push_back("d" + std::to_string(ids.size()));
    sites.push_back("s" + std::to_string(sites.size() % 2));
    start = end + 1;
  }
  const auto doc = [&](size_t i) {
    return safi_dedup_document{ids[i].data(),   ids[i].size(),
                               sites[i].data(), sites[i].size(),
                               texts[i].data(), texts[i].size()};
  };
  // One C++ sketcher for the process (Finish starts it over; building its
  // lexicon every time would dominate the run time); the C one is new each
  // time, as a caller would use it.
  static safi::DedupSketcher sketcher;
  safi_dedup_sketcher* c_sketcher = safi_dedup_sketcher_new();
  for (size_t i = 0; i < texts.size(); ++i) {
    const safi_dedup_document d = doc(i);
    if (safi_dedup_sketcher_add(c_sketcher, &d) != SAFI_OK ||
        !sketcher.Add({ids[i], sites[i], texts[i]}).ok()) {
      Fail("sketcher add", input, ids[i]);
    }
  }
  safi::DedupState state;
  safi_dedup_state* c_state = nullptr;
  if (!sketcher.Finish(&state).ok() ||
      safi_dedup_sketcher_finish(c_sketcher, &c_state) != SAFI_OK) {
    Fail("sketcher finish", input, "");
  }
  safi_dedup_sketcher_free(c_sketcher);
  // Bytes through the C API equal the C++ bytes, and parse back.
  const std::string bytes = state.Serialize();
  std::string c_bytes(bytes.size(), '\0');
  size_t len = 0;
  if (safi_dedup_state_serialize(c_state, c_bytes.data(), c_bytes.size(),
                                 &len) != SAFI_OK ||
      len != bytes.size() || c_bytes != bytes) {
    Fail("serialized state differs", input, "");
  }
  safi_dedup_state* parsed = nullptr;
  if (safi_dedup_state_parse(c_bytes.data(), c_bytes.size(), &parsed) !=
      SAFI_OK) {
    Fail("state parse", input, "");
  }
  safi_dedup_state_free(c_state);
  safi_deduper* c_deduper = safi_deduper_new(parsed);
  safi_dedup_state_free(parsed);
  const safi::Deduper deduper(std::move(state));
  safi_dedup_decision* c_decision = safi_dedup_decision_new();
  safi::DocumentDecision decision;
  for (size_t i = 0; i < texts.size(); ++i) {
    const safi_dedup_document d = doc(i);
    if (safi_deduper_apply(c_deduper, &d, c_decision) != SAFI_OK ||
        !deduper.Apply({ids[i], sites[i], texts[i]}, &decision).ok() ||
        safi_dedup_decision_keep(c_decision) != (decision.keep ? 1 : 0) ||
        safi_dedup_decision_removal_count(c_decision) !=
            decision.removals.size()) {
      Fail("deduper apply differs", input, ids[i]);
    }
    for (size_t k = 0; k < decision.removals.size(); ++k) {
      safi_removal r;
      const safi::Removal& want = decision.removals[k];
      if (safi_dedup_decision_removal(c_decision, k, &r) != SAFI_OK ||
          r.start != want.start || r.end != want.end ||
          r.reason != static_cast<int>(want.reason) ||
          std::string_view(r.kept == nullptr ? "" : r.kept, r.kept_len) !=
              want.kept ||
          std::string_view(r.phrase == nullptr ? "" : r.phrase, r.phrase_len) !=
              want.phrase) {
        Fail("removal differs", input, ids[i] + " #" + std::to_string(k));
      }
    }
    std::string clean;
    safi::AppendTextWithoutRemovals(texts[i], decision.removals, &clean);
    std::unique_ptr<char[]> out(new char[clean.size() + 1]);
    if (safi_dedup_decision_clean_text(c_decision, d.text, d.text_len,
                                       out.get(), clean.size(),
                                       &len) != SAFI_OK ||
        std::string_view(out.get(), len) != clean) {
      Fail("clean text differs", input, ids[i]);
    }
  }
  safi_dedup_decision_free(c_decision);
  safi_deduper_free(c_deduper);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view text = input.substr(4);
  safi::fuzz::PickTarget((data[0] >> 4) & 7);
  const std::vector<safi::Profile> profiles = safi::AllProfiles();
  safi::Options options = safi::ProfileOptions(profiles[data[0] % 5]);
  const bool error_mode = (data[0] & 8) != 0;
  if (error_mode) options.invalid = safi::InvalidUtf8::kError;
  std::unique_ptr<safi_normalizer, NormalizerDeleter> n(
      safi_normalizer_new_with_options(
          options.form == safi::Form::kNfc ? SAFI_FORM_NFC : SAFI_FORM_NFKC,
          options.operations,
          error_mode ? SAFI_INVALID_UTF8_ERROR : SAFI_INVALID_UTF8_REPLACE));
  if (!n) Fail("safi_normalizer_new_with_options", input, "");
  const Expected want = Normalize(options, text);
  CheckOneShot(n.get(), want, text, data[1], input);
  CheckStream(n.get(), want, text, size_t{data[2]} + 1, data[3], input);
  CheckDedup(text, input);
  return 0;
}
