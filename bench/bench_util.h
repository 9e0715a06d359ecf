// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the benchmark binaries: the SAFI_BENCH_BYTES size
// syntax and the machine description recorded in the run context.
#ifndef SAFI_BENCH_BENCH_UTIL_H_
#define SAFI_BENCH_BENCH_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace safi::bench {

// Largest accepted corpus: ICU takes 32-bit lengths, and the safi output
// buffer reserves 11 times the corpus size of address space.
inline constexpr uint64_t kMaxCorpusBytes = uint64_t{1} << 30;

// Parses a byte count: decimal digits optionally followed by K, M or G
// (binary multiples, either case). Returns false and leaves *bytes unchanged
// when text is empty, malformed, zero or larger than kMaxCorpusBytes.
bool ParseByteCount(std::string_view text, size_t* bytes);

// Returns the "model name" of the first processor in /proc/cpuinfo, or
// "unknown" when the file or the field is absent.
std::string CpuModel();

// Returns the compiler that built the benchmarks, e.g. "gcc 12.2.0".
const char* CompilerId();

}  // namespace safi::bench

#endif  // SAFI_BENCH_BENCH_UTIL_H_
