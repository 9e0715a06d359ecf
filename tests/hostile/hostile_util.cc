// SPDX-License-Identifier: Apache-2.0
// Helpers of the hostile-input tests (see hostile_util.h).
#include "hostile_util.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

namespace safi::hostile {

std::string Repeat(std::string_view piece, size_t count) {
  std::string s;
  s.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) s += piece;
  return s;
}

std::optional<uint64_t> PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    unsigned long long kib = 0;
    if (std::sscanf(line.c_str(), "VmHWM: %llu kB", &kib) == 1) {
      return uint64_t{kib} * 1024;
    }
  }
  return std::nullopt;
}

bool ResetPeakRss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return clear_refs.good();
}

bool FullSize() {
  const char* value = std::getenv("SAFI_HOSTILE_FULL");
  return value != nullptr && *value != '\0' && std::strcmp(value, "0") != 0;
}

uint64_t TestSeed() {
  const char* value = std::getenv("SAFI_TEST_SEED");
  if (value != nullptr && *value != '\0') {
    return std::strtoull(value, nullptr, 10);
  }
  return 20240505;
}

PeriodicText::PeriodicText(std::string pattern, size_t max_chunk)
    : period_(pattern.size()) {
  while (window_.size() < max_chunk + period_) window_ += pattern;
}

std::string_view PeriodicText::Slice(uint64_t offset, size_t length) const {
  return std::string_view(window_).substr(offset % period_, length);
}

RepetitionChecker::RepetitionChecker(std::string unit)
    : expected_(std::move(unit), kWindow) {}

bool RepetitionChecker::Consume(std::string_view piece) {
  if (mismatch_) return false;
  while (!piece.empty()) {
    const size_t n = std::min(piece.size(), kWindow);
    const std::string_view want = expected_.Slice(consumed_, n);
    const auto diff = std::mismatch(want.begin(), want.end(), piece.begin());
    if (diff.first != want.end()) {
      mismatch_ = consumed_ + (diff.first - want.begin());
      return false;
    }
    consumed_ += n;
    piece.remove_prefix(n);
  }
  return true;
}

}  // namespace safi::hostile
