// SPDX-License-Identifier: Apache-2.0
// safi-corpus: writes the deterministic Arabic news corpus of news_generator.h
// to a file or stdout.
//
// Usage: safi-corpus [--variant news|vocalized|presentation|ascii]
//                    [--bytes N[K|M|G]] [--seed S] [-o FILE]
// Defaults: news, 1M, seed 0, standard output. K/M/G are powers of 1024.
// Exit status: 0 on success, 2 with one line on stderr on any error.

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "news_generator.h"

namespace {

constexpr char kUsage[] =
    "usage: safi-corpus [--variant news|vocalized|presentation|ascii] "
    "[--bytes N[K|M|G]] [--seed S] [-o FILE]\n";

struct Options {
  safi::corpus::Variant variant = safi::corpus::Variant::kNews;
  size_t bytes = size_t{1} << 20;
  uint64_t seed = 0;
  std::string output;  // empty: standard output
};

// Parses "N" with an optional K, M or G suffix (binary multiples). Returns
// false on anything else or on overflow of size_t.
bool ParseSize(std::string_view text, size_t* size) {
  size_t i = 0;
  uint64_t value = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
    ++i;
  }
  if (i == 0) return false;
  int shift = 0;
  if (i + 1 == text.size()) {
    switch (text[i]) {
      case 'K':
      case 'k':
        shift = 10;
        break;
      case 'M':
      case 'm':
        shift = 20;
        break;
      case 'G':
      case 'g':
        shift = 30;
        break;
      default:
        return false;
    }
  } else if (i != text.size()) {
    return false;
  }
  if (shift > 0 && value > (UINT64_MAX >> shift)) return false;
  value <<= shift;
  if (value > SIZE_MAX) return false;
  *size = static_cast<size_t>(value);
  return true;
}

// Parses an unsigned 64-bit integer in decimal or, with 0x, hexadecimal.
bool ParseSeed(const std::string& text, uint64_t* seed) {
  if (text.empty() || text[0] == '-' || text[0] == '+' || text[0] == ' ') {
    return false;
  }
  errno = 0;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 0);
  if (errno != 0 || end == text.c_str() || *end != '\0') return false;
  *seed = static_cast<uint64_t>(value);
  return true;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "safi-corpus: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::string value;
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else if (arg == "--variant" || arg == "--bytes" || arg == "--seed" ||
               arg == "-o") {
      if (i + 1 >= argc) return Fail("missing value for " + arg);
      value = argv[++i];
    } else {
      return Fail("unknown argument '" + arg + "' (try --help)");
    }
    if (arg == "--variant") {
      if (!safi::corpus::ParseVariant(value, &options.variant)) {
        return Fail("unknown variant '" + value +
                    "' (expected news, vocalized, presentation or ascii)");
      }
    } else if (arg == "--bytes") {
      if (!ParseSize(value, &options.bytes)) {
        return Fail("invalid --bytes '" + value +
                    "' (expected a number with an optional K, M or G suffix)");
      }
    } else if (arg == "--seed") {
      if (!ParseSeed(value, &options.seed)) {
        return Fail("invalid --seed '" + value +
                    "' (expected an unsigned 64-bit integer)");
      }
    } else if (arg == "-o") {
      if (value.empty()) return Fail("empty file name for -o");
      options.output = value;
    } else {
      return Fail("unknown argument '" + arg + "' (try --help)");
    }
  }

  std::FILE* out = stdout;
  if (!options.output.empty()) {
    out = std::fopen(options.output.c_str(), "wb");
    if (out == nullptr) return Fail("cannot open '" + options.output + "'");
  }
  bool ok = true;
  safi::corpus::GenerateTo(
      options.variant, options.bytes, options.seed,
      [&](std::string_view piece) {
        if (ok &&
            std::fwrite(piece.data(), 1, piece.size(), out) != piece.size()) {
          ok = false;
        }
      });
  if (std::fflush(out) != 0) ok = false;
  if (out != stdout && std::fclose(out) != 0) ok = false;
  if (!ok) {
    return Fail("write error on " + (options.output.empty()
                                         ? std::string("standard output")
                                         : "'" + options.output + "'"));
  }
  return 0;
}
