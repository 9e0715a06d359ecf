// SPDX-License-Identifier: Apache-2.0
// Throughput benchmark of the safi scalar normalizer against the ICU reference
// normalizer, ICU NFKC alone and memcpy, on generated corpora.

#include <benchmark/benchmark.h>
#include <unicode/bytestream.h>
#include <unicode/errorcode.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpora/generator/news_generator.h"
#include "safi/normalizer.h"
#include "tests/icu_reference/icu_reference.h"

namespace safi::bench {
namespace {

// Seed of every generated corpus, fixed so that runs are comparable.
constexpr uint64_t kCorpusSeed = 20240601;
// Default corpus size: 64 MiB per variant, larger than the L3 of the target
// machines, so the figures are DRAM-streaming figures.
constexpr size_t kDefaultCorpusBytes = size_t{64} << 20;
// Largest accepted corpus: ICU takes 32-bit lengths, and the safi output
// buffer reserves 11 times the corpus size of address space.
constexpr uint64_t kMaxCorpusBytes = uint64_t{1} << 30;
// Minimum time per repetition of the ICU reference benchmarks. The reference
// runs at a few MB/s, so one iteration on 64 MiB far exceeds it and each
// repetition runs a single iteration; small corpora still get several.
constexpr double kIcuReferenceMinTime = 0.1;
// Name of the rate counter that SetBytesProcessed creates.
constexpr const char* kBytesPerSecond = "bytes_per_second";

// Parses a byte count: decimal digits optionally followed by K, M or G
// (binary multiples, either case). Returns false and leaves *bytes unchanged
// when text is empty, malformed, zero or larger than kMaxCorpusBytes.
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

// Returns the "model name" of the first processor in /proc/cpuinfo, or
// "unknown" when the file or the field is absent.
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

// Returns the compiler that built this translation unit, e.g. "gcc 12.2.0".
const char* CompilerId() {
#if defined(__clang__)
  return "clang " __VERSION__;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown compiler";
#endif
}

// One generated input text.
struct Corpus {
  corpus::Variant variant;
  std::string name;
  std::string text;
};

// Everything the benchmarks share. Built once in main before any benchmark
// runs; single-threaded use only.
struct BenchState {
  std::vector<Corpus> corpora;
  // Output buffer of Normalizer::MaxOutputSize(largest corpus) bytes, of
  // which the first 2 * (largest corpus) bytes are touched up front.
  std::unique_ptr<char[]> out;
  size_t out_cap = 0;
  // (variant, profile) pairs whose safi output matched the ICU reference.
  std::set<std::pair<corpus::Variant, Profile>> verified;
  // Output bytes / input bytes of each verified pair, for the summary.
  std::map<std::pair<std::string, std::string>, double> size_ratio;
};

BenchState& State() {
  static BenchState state;
  return state;
}

// Formats the bytes of text from offset - 8 to offset + 24 (clipped to the
// text) as hex, with the byte at offset in brackets, for diagnostics.
std::string HexAround(std::string_view text, size_t offset) {
  std::string hex;
  const size_t begin = offset - std::min<size_t>(offset, 8);
  const size_t end = std::min(text.size(), offset + 24);
  char byte[8];
  for (size_t i = begin; i < end; ++i) {
    std::snprintf(byte, sizeof(byte), i == offset ? "[%02X] " : "%02X ",
                  static_cast<unsigned>(static_cast<unsigned char>(text[i])));
    hex += byte;
  }
  if (offset >= text.size()) hex += "[end of text]";
  return hex;
}

// Prints a verification failure for corpus and profile to stderr and ends
// the process with exit status 1: timing wrong code is worthless.
[[noreturn]] void FailVerification(const Corpus& corpus, Profile profile,
                                   const std::string& detail) {
  std::fflush(stdout);
  std::cerr << "\nsafi_bench: VERIFICATION FAILED for variant '" << corpus.name
            << "', profile '" << ProfileName(profile) << "' ("
            << corpus.text.size() << " input bytes): " << detail
            << "\nsafi_bench: aborting the benchmark run; no timing of this "
               "code is meaningful.\n";
  std::exit(EXIT_FAILURE);
}

// Checks, the first time it is called for (corpus, profile), that the safi
// one-shot buffer API produces exactly the ICU reference output; later calls
// return at once. Writes into the shared output buffer (touching every page
// the timed runs will write). Ends the process on any disagreement or error.
void VerifyOnce(const Corpus& corpus, Profile profile) {
  BenchState& state = State();
  if (!state.verified.emplace(corpus.variant, profile).second) return;

  // The reference takes its options from its own transcription of the
  // profile table, so a wrong safi profile table is caught here too.
  std::string expected;
  size_t error_offset = 0;
  if (!icu_reference::Normalize(corpus.text,
                                icu_reference::ReferenceProfileOptions(profile),
                                &expected, &error_offset)) {
    FailVerification(corpus, profile,
                     "the ICU reference rejected the input at byte " +
                         std::to_string(error_offset));
  }

  const Normalizer normalizer(profile);
  size_t out_len = 0;
  const Status status =
      normalizer.Normalize(corpus.text.data(), corpus.text.size(),
                           state.out.get(), state.out_cap, &out_len);
  if (!status.ok()) {
    FailVerification(corpus, profile,
                     "safi returned status code " +
                         std::to_string(static_cast<int>(status.code)) +
                         " (offset " + std::to_string(status.offset) + ")");
  }
  const std::string_view actual(state.out.get(), out_len);
  if (actual != expected) {
    const auto mismatch = std::mismatch(actual.begin(), actual.end(),
                                        expected.begin(), expected.end());
    const size_t offset = static_cast<size_t>(mismatch.first - actual.begin());
    FailVerification(
        corpus, profile,
        "output differs from the ICU reference at output byte " +
            std::to_string(offset) + " (safi " + std::to_string(actual.size()) +
            " bytes, ICU reference " + std::to_string(expected.size()) +
            " bytes)\n  safi:          " + HexAround(actual, offset) +
            "\n  ICU reference: " + HexAround(expected, offset));
  }
  state.size_ratio[{corpus.name, ProfileName(profile)}] =
      corpus.text.empty() ? 0.0
                          : static_cast<double>(out_len) /
                                static_cast<double>(corpus.text.size());
}

// memcpy of the whole corpus into the pre-touched output buffer.
void BmMemcpy(benchmark::State& st, const Corpus* corpus) {
  char* dst = State().out.get();
  for (auto _ : st) {
    std::memcpy(dst, corpus->text.data(), corpus->text.size());
    benchmark::DoNotOptimize(dst);
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
                       static_cast<int64_t>(corpus->text.size()));
}

// safi one-shot buffer API (scalar path) with profile, into the shared
// pre-allocated buffer of MaxOutputSize bytes.
void BmSafiScalar(benchmark::State& st, const Corpus* corpus, Profile profile) {
  VerifyOnce(*corpus, profile);
  const Normalizer normalizer(profile);
  BenchState& state = State();
  for (auto _ : st) {
    size_t out_len = 0;
    const Status status =
        normalizer.Normalize(corpus->text.data(), corpus->text.size(),
                             state.out.get(), state.out_cap, &out_len);
    if (!status.ok()) {
      st.SkipWithError("safi::Normalizer::Normalize failed");
      break;
    }
    benchmark::DoNotOptimize(out_len);
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
                       static_cast<int64_t>(corpus->text.size()));
}

// ICU Normalizer2 NFKC normalizeUTF8 alone, into a std::string whose
// capacity is reserved (and touched) before timing.
void BmIcuNfkc(benchmark::State& st, const Corpus* corpus) {
  icu::ErrorCode error;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(error);
  if (error.isFailure()) {
    st.SkipWithError("icu::Normalizer2::getNFKCInstance failed");
    return;
  }
  const icu::StringPiece input(corpus->text.data(),
                               static_cast<int32_t>(corpus->text.size()));
  std::string out(2 * corpus->text.size(), '\0');
  for (auto _ : st) {
    out.clear();
    icu::StringByteSink<std::string> sink(&out);
    nfkc->normalizeUTF8(0, input, sink, nullptr, error);
    if (error.isFailure()) {
      st.SkipWithError("icu::Normalizer2::normalizeUTF8 failed");
      break;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
                       static_cast<int64_t>(corpus->text.size()));
}

// The ICU reference normalizer of profile (the test oracle), reusing one
// output string across iterations.
void BmIcuReference(benchmark::State& st, const Corpus* corpus,
                    Profile profile) {
  VerifyOnce(*corpus, profile);
  const Options options = icu_reference::ReferenceProfileOptions(profile);
  std::string out;
  out.reserve(2 * corpus->text.size());
  for (auto _ : st) {
    size_t error_offset = 0;
    if (!icu_reference::Normalize(corpus->text, options, &out, &error_offset)) {
      st.SkipWithError("safi::icu_reference::Normalize failed");
      break;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
                       static_cast<int64_t>(corpus->text.size()));
}

// Registers every benchmark, named BM_<engine>/<variant>[/<profile>].
void RegisterAll() {
  for (const Corpus& corpus : State().corpora) {
    const Corpus* c = &corpus;
    benchmark::RegisterBenchmark(("BM_memcpy/" + c->name).c_str(), BmMemcpy, c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    for (Profile profile : AllProfiles()) {
      benchmark::RegisterBenchmark(
          ("BM_safi_scalar/" + c->name + "/" + ProfileName(profile)).c_str(),
          BmSafiScalar, c, profile)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    benchmark::RegisterBenchmark(("BM_icu_nfkc/" + c->name).c_str(), BmIcuNfkc,
                                 c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    for (Profile profile : AllProfiles()) {
      benchmark::RegisterBenchmark(
          ("BM_icu_reference/" + c->name + "/" + ProfileName(profile)).c_str(),
          BmIcuReference, c, profile)
          ->Unit(benchmark::kMillisecond)
          ->MinTime(kIcuReferenceMinTime)
          ->UseRealTime();
    }
  }
}

// Display reporter that forwards everything to the reporter chosen by
// --benchmark_format and records the input throughput of each benchmark for
// the summary table. Does not own the wrapped reporter.
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  explicit CollectingReporter(benchmark::BenchmarkReporter* display)
      : display_(display) {}

  bool ReportContext(const Context& context) override {
    return display_->ReportContext(context);
  }

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) {
        ++errors_;
        continue;
      }
      const auto counter = run.counters.find(kBytesPerSecond);
      if (counter == run.counters.end()) continue;
      Rates& rates = rates_[run.run_name.function_name];
      if (run.run_type == Run::RT_Iteration) {
        rates.iterations.push_back(counter->second.value);
      } else if (run.aggregate_name == "median") {
        rates.median = counter->second.value;
        rates.has_median = true;
      }
    }
    display_->ReportRuns(runs);
  }

  void Finalize() override { display_->Finalize(); }

  // Number of runs that reported an error (SkipWithError).
  int errors() const { return errors_; }

  // Median input throughput of the benchmark named name in GB/s (1e9 bytes
  // per second): Google Benchmark's median aggregate when it reported one,
  // else the median of the recorded repetitions. Negative if the benchmark
  // did not run.
  double GigabytesPerSecond(const std::string& name) const {
    const auto it = rates_.find(name);
    if (it == rates_.end()) return -1.0;
    const Rates& rates = it->second;
    if (rates.has_median) return rates.median / 1e9;
    if (rates.iterations.empty()) return -1.0;
    std::vector<double> sorted = rates.iterations;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median =
        n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return median / 1e9;
  }

 private:
  struct Rates {
    std::vector<double> iterations;
    double median = 0.0;
    bool has_median = false;
  };

  benchmark::BenchmarkReporter* display_;
  std::map<std::string, Rates> rates_;
  int errors_ = 0;
};

// Formats value with the printf format (one double conversion), or "-" when
// value is negative (not measured).
std::string Cell(double value, const char* format = "%.3g") {
  if (value < 0) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), format, value);
  return buffer;
}

// Returns numerator / denominator, or -1 when either was not measured.
double Ratio(double numerator, double denominator) {
  if (numerator < 0 || denominator <= 0) return -1.0;
  return numerator / denominator;
}

// Prints the variant x profile summary table of everything that ran.
void PrintSummary(const CollectingReporter& results, std::ostream& out) {
  static const char* const kHeader[] = {
      "variant",       "profile",      "out/in",
      "safi GB/s",     "ICU-ref GB/s", "safi/ICU-ref",
      "ICU NFKC GB/s", "memcpy GB/s",  "safi/memcpy"};
  constexpr int kColumns = sizeof(kHeader) / sizeof(kHeader[0]);
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back(std::begin(kHeader), std::end(kHeader));
  for (const Corpus& corpus : State().corpora) {
    const double memcpy_rate =
        results.GigabytesPerSecond("BM_memcpy/" + corpus.name);
    const double nfkc_rate =
        results.GigabytesPerSecond("BM_icu_nfkc/" + corpus.name);
    for (Profile profile : AllProfiles()) {
      const std::string suffix =
          corpus.name + "/" + std::string(ProfileName(profile));
      const double safi =
          results.GigabytesPerSecond("BM_safi_scalar/" + suffix);
      const double ref =
          results.GigabytesPerSecond("BM_icu_reference/" + suffix);
      if (safi < 0 && ref < 0) continue;
      const auto ratio =
          State().size_ratio.find({corpus.name, ProfileName(profile)});
      const bool nfkc_form = ProfileOptions(profile).form == Form::kNfkc;
      rows.push_back(
          {corpus.name, ProfileName(profile),
           Cell(ratio == State().size_ratio.end() ? -1.0 : ratio->second,
                "%.3f"),
           Cell(safi), Cell(ref), Cell(Ratio(safi, ref)),
           Cell(nfkc_form ? nfkc_rate : -1.0), Cell(memcpy_rate),
           Cell(Ratio(safi, memcpy_rate))});
    }
  }
  out << "\nSummary: input GB/s (1e9 bytes/s), median over repetitions; "
         "ICU NFKC shown for NFKC-form profiles.\n";
  if (rows.size() == 1) {
    out << "(no safi_scalar or icu_reference benchmark ran)\n";
    return;
  }
  std::vector<size_t> width(kColumns, 0);
  for (const auto& row : rows) {
    for (int i = 0; i < kColumns; ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    for (int i = 0; i < kColumns; ++i) {
      const size_t pad = width[i] - row[i].size();
      if (i < 2) {
        out << row[i] << std::string(pad, ' ');
      } else {
        out << std::string(pad, ' ') << row[i];
      }
      out << (i + 1 < kColumns ? "  " : "\n");
    }
  }
}

// Prints Google Benchmark's help followed by this binary's environment.
void PrintHelp() {
  benchmark::PrintDefaultHelp();
  std::fprintf(stdout,
               "\nEnvironment:\n"
               "  SAFI_BENCH_BYTES=<n>[K|M|G]  bytes per generated corpus "
               "(default 64M, at most 1G)\n");
}

}  // namespace

// Generates the corpora, registers and runs the benchmarks, then prints the
// summary. Returns 0 on success, 1 on a bad argument or environment value or
// when a benchmark reported an error; verification failures exit with 1.
int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv, PrintHelp);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  size_t corpus_bytes = kDefaultCorpusBytes;
  if (const char* env = std::getenv("SAFI_BENCH_BYTES")) {
    if (!ParseByteCount(env, &corpus_bytes)) {
      std::cerr << "safi_bench: invalid SAFI_BENCH_BYTES '" << env
                << "': expected a positive integer with an optional K, M or G "
                   "suffix, at most 1G\n";
      return 1;
    }
  }

  BenchState& state = State();
  size_t largest = 0;
  for (corpus::Variant variant : corpus::AllVariants()) {
    Corpus corpus{variant, corpus::VariantName(variant),
                  corpus::Generate(variant, corpus_bytes, kCorpusSeed)};
    largest = std::max(largest, corpus.text.size());
    state.corpora.push_back(std::move(corpus));
  }
  state.out_cap = Normalizer::MaxOutputSize(largest);
  state.out.reset(new char[state.out_cap]);
  std::memset(state.out.get(), 0, std::min(state.out_cap, 2 * largest));

  benchmark::AddCustomContext("cpu_model", CpuModel());
  benchmark::AddCustomContext("compiler", CompilerId());
  benchmark::AddCustomContext("corpus_bytes", std::to_string(corpus_bytes));
  benchmark::AddCustomContext("corpus_seed", std::to_string(kCorpusSeed));
  benchmark::AddCustomContext("safi_version", Version());
  benchmark::AddCustomContext("safi_unicode_version", UnicodeVersion());
  benchmark::AddCustomContext("icu_version", U_ICU_VERSION);
  benchmark::AddCustomContext("safi_engines", "scalar");

  RegisterAll();
  benchmark::BenchmarkReporter* display =
      benchmark::CreateDefaultDisplayReporter();
  CollectingReporter collector(display);
  benchmark::RunSpecifiedBenchmarks(&collector);
  // Keep stdout machine-readable for --benchmark_format=json or csv.
  const bool console =
      dynamic_cast<benchmark::ConsoleReporter*>(display) != nullptr;
  PrintSummary(collector, console ? std::cout : std::cerr);
  benchmark::Shutdown();
  if (collector.errors() > 0) {
    std::cerr << "safi_bench: " << collector.errors()
              << " benchmark run(s) reported an error\n";
    return 1;
  }
  return 0;
}

}  // namespace safi::bench

int main(int argc, char** argv) { return safi::bench::Main(argc, argv); }
