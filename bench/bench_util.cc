// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the benchmark binaries (see bench_util.h).
#include "bench/bench_util.h"

#include <cctype>
#include <fstream>

namespace safi::bench {

bool ParseByteCount(std::string_view text, size_t* bytes) {
  size_t digits = 0;
  uint64_t value = 0;
  while (digits < text.size() &&
         std::isdigit(static_cast<unsigned char>(text[digits]))) {
    value = value * 10 + static_cast<uint64_t>(text[digits] - '0');
    if (value > kMaxCorpusBytes) return false;
    ++digits;
  }
  if (digits == 0 || value == 0) return false;
  unsigned shift = 0;
  if (digits + 1 == text.size()) {
    switch (std::toupper(static_cast<unsigned char>(text[digits]))) {
      case 'K':
        shift = 10;
        break;
      case 'M':
        shift = 20;
        break;
      case 'G':
        shift = 30;
        break;
      default:
        return false;
    }
  } else if (digits != text.size()) {
    return false;
  }
  if (value > (kMaxCorpusBytes >> shift)) return false;
  *bytes = static_cast<size_t>(value << shift);
  return true;
}

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return "unknown";
}

const char* CompilerId() {
#if defined(__clang__)
  return "clang " __VERSION__;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown compiler";
#endif
}

}  // namespace safi::bench
