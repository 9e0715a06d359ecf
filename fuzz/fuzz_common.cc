// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the safi fuzzers (see fuzz_common.h).
#include "fuzz_common.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <vector>

#include "icu_reference.h"
#include "safi/targets.h"

namespace safi::fuzz {

namespace {
constexpr size_t kMaxEscapedChars = 3000;
constexpr size_t kMaxCachedNormalizers = 64;
}  // namespace

void Fail(std::string_view what, std::string_view input,
          const std::string& details) {
  std::fprintf(stderr, "fuzz check failed: %.*s\n  input (%zu bytes): %s\n%s\n",
               static_cast<int>(what.size()), what.data(), input.size(),
               Escaped(input).c_str(), details.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string Escaped(std::string_view bytes) {
  std::string text = icu_reference::Escape(bytes);
  if (text.size() > kMaxEscapedChars) {
    text.resize(kMaxEscapedChars);
    text += " ...";
  }
  return text;
}

std::string Describe(const Options& options) {
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "form=%s ops=0x%x invalid=%s",
                options.form == Form::kNfc ? "NFC" : "NFKC",
                static_cast<unsigned>(options.operations),
                options.invalid == InvalidUtf8::kError ? "error" : "replace");
  return buffer;
}

bool SameOptions(const Options& a, const Options& b) {
  return a.form == b.form && a.operations == b.operations &&
         a.invalid == b.invalid;
}

std::shared_ptr<const Normalizer> CachedNormalizer(const Options& options) {
  static auto* cache =
      new std::unordered_map<uint64_t, std::shared_ptr<const Normalizer>>();
  const uint64_t key = (uint64_t{options.operations} << 16) |
                       (uint64_t{static_cast<uint8_t>(options.form)} << 8) |
                       static_cast<uint8_t>(options.invalid);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  if (cache->size() >= kMaxCachedNormalizers) cache->clear();
  auto normalizer = std::make_shared<const Normalizer>(options);
  cache->emplace(key, normalizer);
  return normalizer;
}

std::string PickTarget(unsigned selector) {
  static const auto* supported =
      new std::vector<std::string>(SupportedTargets());
  const std::string name =
      selector == 0 || supported->empty()
          ? "auto"
          : (*supported)[(selector - 1) % supported->size()];
  std::string error;
  if (!ForceTarget(name, &error)) {
    Fail("ForceTarget rejected a supported target", "", name + ": " + error);
  }
  return name;
}

std::string Describe(const Outcome& outcome) {
  switch (outcome.code) {
    case Status::kOk:
      return "ok (" + std::to_string(outcome.output.size()) +
             " bytes): " + Escaped(outcome.output);
    case Status::kInvalidUtf8:
      return "invalid UTF-8 at " + std::to_string(outcome.offset);
    default:
      return "status " + std::to_string(static_cast<int>(outcome.code));
  }
}

Outcome Production(const Normalizer& normalizer, std::string_view in) {
  Outcome outcome;
  const Status status = normalizer.Normalize(in, &outcome.output);
  outcome.code = status.code;
  outcome.offset = status.code == Status::kInvalidUtf8 ? status.offset : 0;
  return outcome;
}

Outcome IcuReference(std::string_view in, const Options& options) {
  Outcome outcome;
  size_t error_offset = 0;
  if (!icu_reference::Normalize(in, options, &outcome.output, &error_offset)) {
    outcome.code = Status::kInvalidUtf8;
    outcome.offset = error_offset;
  }
  return outcome;
}

}  // namespace safi::fuzz
