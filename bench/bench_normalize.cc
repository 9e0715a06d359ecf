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
#include <tuple>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "corpora/generator/news_generator.h"
#include "safi/normalizer.h"
#include "safi/targets.h"
#include "tests/icu_reference/icu_reference.h"

namespace safi::bench {
namespace {

// Seed of every generated corpus, fixed so that runs are comparable.
constexpr uint64_t kCorpusSeed = 20240601;
// Default corpus size: 64 MiB per variant, larger than the L3 of the target
// machines, so the figures are DRAM-streaming figures.
constexpr size_t kDefaultCorpusBytes = size_t{64} << 20;
// Minimum time per repetition of the ICU reference benchmarks. The reference
// runs at a few MB/s, so one iteration on 64 MiB far exceeds it and each
// repetition runs a single iteration; small corpora still get several.
constexpr double kIcuReferenceMinTime = 0.1;
// Name of the rate counter that SetBytesProcessed creates.
constexpr const char* kBytesPerSecond = "bytes_per_second";

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
  // Highway targets this CPU supports, best first; "SCALAR" is the scalar
  // path alone.
  std::vector<std::string> targets;
  // ICU reference output of each (variant, profile), computed once.
  std::map<std::pair<corpus::Variant, Profile>, std::string> expected;
  // (target, variant, profile) triples whose safi output matched it.
  std::set<std::tuple<std::string, corpus::Variant, Profile>> verified;
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

// Pins the fast path to target (a name from SupportedTargets()).
void UseTarget(const std::string& target) {
  std::string error;
  if (!ForceTarget(target, &error)) {
    std::cerr << "safi_bench: " << error << "\n";
    std::exit(EXIT_FAILURE);
  }
}

// Checks, the first time it is called for (target, corpus, profile), that
// the safi one-shot buffer API on the pinned target produces exactly the ICU
// reference output; later calls return at once. Writes into the shared
// output buffer (touching every page the timed runs will write). Ends the
// process on any disagreement or error.
void VerifyOnce(const std::string& target, const Corpus& corpus,
                Profile profile) {
  BenchState& state = State();
  if (!state.verified.emplace(target, corpus.variant, profile).second) return;

  // The reference takes its options from its own transcription of the
  // profile table, so a wrong safi profile table is caught here too.
  auto [slot, fresh] = state.expected.try_emplace({corpus.variant, profile});
  std::string& expected = slot->second;
  size_t error_offset = 0;
  if (fresh && !icu_reference::Normalize(
                   corpus.text, icu_reference::ReferenceProfileOptions(profile),
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
        "output on target " + target +
            " differs from the ICU reference at output byte " +
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

// safi one-shot buffer API with profile on one Highway target (SCALAR: the
// scalar path alone), into the shared pre-allocated buffer of MaxOutputSize
// bytes.
void BmSafi(benchmark::State& st, const std::string& target,
            const Corpus* corpus, Profile profile) {
  UseTarget(target);
  VerifyOnce(target, *corpus, profile);
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
  UseTarget(State().targets.front());
  VerifyOnce(State().targets.front(), *corpus, profile);
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
    for (const std::string& target : State().targets) {
      for (Profile profile : AllProfiles()) {
        benchmark::RegisterBenchmark(
            ("BM_safi/" + target + "/" + c->name + "/" + ProfileName(profile))
                .c_str(),
            BmSafi, target, c, profile)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
      }
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

// One row of the summary: GB/s per target and of the baselines.
struct SummaryRow {
  std::string variant, profile;
  double size_ratio = -1;
  std::vector<double> safi;  // per State().targets entry
  double reference = -1, nfkc = -1, memcpy_rate = -1;
};

std::vector<SummaryRow> CollectSummary(const CollectingReporter& results) {
  std::vector<SummaryRow> rows;
  for (const Corpus& corpus : State().corpora) {
    for (Profile profile : AllProfiles()) {
      SummaryRow row;
      row.variant = corpus.name;
      row.profile = ProfileName(profile);
      const std::string suffix = corpus.name + "/" + row.profile;
      bool any = false;
      for (const std::string& target : State().targets) {
        row.safi.push_back(
            results.GigabytesPerSecond("BM_safi/" + target + "/" + suffix));
        any = any || row.safi.back() >= 0;
      }
      row.reference = results.GigabytesPerSecond("BM_icu_reference/" + suffix);
      if (!any && row.reference < 0) continue;
      if (ProfileOptions(profile).form == Form::kNfkc) {
        row.nfkc = results.GigabytesPerSecond("BM_icu_nfkc/" + corpus.name);
      }
      row.memcpy_rate = results.GigabytesPerSecond("BM_memcpy/" + corpus.name);
      const auto ratio = State().size_ratio.find({corpus.name, row.profile});
      if (ratio != State().size_ratio.end()) row.size_ratio = ratio->second;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// Prints the variant x profile summary table of everything that ran: GB/s
// per Highway target, the baselines, and the best target's ratios to them.
void PrintSummary(const std::vector<SummaryRow>& rows, std::ostream& out) {
  std::vector<std::string> header = {"variant", "profile", "out/in"};
  for (const std::string& target : State().targets) header.push_back(target);
  for (const char* name : {"ICU-ref", "ICU NFKC", "memcpy", "best/ICU-ref",
                           "best/NFKC", "best/memcpy"}) {
    header.push_back(name);
  }
  std::vector<std::vector<std::string>> table = {header};
  for (const SummaryRow& row : rows) {
    std::vector<std::string> cells = {row.variant, row.profile,
                                      Cell(row.size_ratio, "%.3f")};
    double best = -1;
    for (double rate : row.safi) {
      cells.push_back(Cell(rate));
      best = std::max(best, rate);
    }
    cells.push_back(Cell(row.reference));
    cells.push_back(Cell(row.nfkc));
    cells.push_back(Cell(row.memcpy_rate));
    cells.push_back(Cell(Ratio(best, row.reference)));
    cells.push_back(Cell(Ratio(best, row.nfkc)));
    cells.push_back(Cell(Ratio(best, row.memcpy_rate)));
    table.push_back(std::move(cells));
  }
  out << "\nSummary: input GB/s (1e9 bytes/s), median over repetitions, per "
         "Highway target (SCALAR = scalar path); ICU NFKC for NFKC profiles.\n";
  if (table.size() == 1) {
    out << "(no safi or icu_reference benchmark ran)\n";
    return;
  }
  std::vector<size_t> width(header.size(), 0);
  for (const auto& cells : table) {
    for (size_t i = 0; i < cells.size(); ++i)
      width[i] = std::max(width[i], cells[i].size());
  }
  for (const auto& cells : table) {
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string pad(width[i] - cells[i].size(), ' ');
      out << (i < 2 ? cells[i] + pad : pad + cells[i])
          << (i + 1 < cells.size() ? "  " : "\n");
    }
  }
}

// Draws GB/s per target and profile, one panel per corpus variant, with
// gnuplot into a PNG. Returns false with a message on stderr on failure.
bool DrawChart(const std::vector<SummaryRow>& rows, const std::string& png) {
  const std::string data = png + ".dat", script = png + ".gp";
  std::ofstream dat(data);
  dat << "variant/profile";
  for (const std::string& target : State().targets) dat << " " << target;
  dat << " ICU-NFKC memcpy\n";
  for (const SummaryRow& row : rows) {
    dat << row.variant << "/" << row.profile;
    for (double rate : row.safi) dat << " " << std::max(rate, 0.0);
    dat << " " << std::max(row.nfkc, 0.0) << " "
        << std::max(row.memcpy_rate, 0.0) << "\n";
  }
  dat.close();
  std::ofstream gp(script);
  gp << "set terminal pngcairo size 1600,700 noenhanced font ',10'\n"
     << "set output '" << png << "'\n"
     << "set title 'safi normalize throughput (" << CpuModel() << ", "
     << CompilerId() << ")'\n"
     << "set ylabel 'GB/s of input (1e9 bytes/s)'\nset grid ytics\n"
     << "set style data histograms\nset style histogram clustered gap 1\n"
     << "set style fill solid 0.8 border -1\nset key outside right\n"
     << "set xtics rotate by -45\nset logscale y\nset yrange [0.01:*]\n"
     << "plot for [i=2:" << State().targets.size() + 3 << "] '" << data
     << "' using i:xtic(1) title columnheader(i)\n";
  gp.close();
  const std::string command = "gnuplot '" + script + "'";
  if (std::system(command.c_str()) != 0) {
    std::cerr << "safi_bench: gnuplot failed (is the gnuplot package "
                 "installed?): "
              << command << "\n";
    return false;
  }
  std::cerr << "safi_bench: chart written to " << png << "\n";
  return true;
}

// Prints Google Benchmark's help followed by this binary's environment.
void PrintHelp() {
  benchmark::PrintDefaultHelp();
  std::fprintf(stdout,
               "\nsafi_bench options:\n"
               "  --chart FILE.png             draw GB/s per target and "
               "profile with gnuplot\n"
               "\nEnvironment:\n"
               "  SAFI_BENCH_BYTES=<n>[K|M|G]  bytes per generated corpus "
               "(default 64M, at most 1G)\n"
               "  SAFI_FORCE_TARGET=<target>   benchmark one Highway target "
               "only (AVX3_DL, AVX3, AVX2, SSE4, SSSE3, EMU128, SCALAR)\n");
}

}  // namespace

// Generates the corpora, registers and runs the benchmarks, then prints the
// summary. Returns 0 on success, 1 on a bad argument or environment value or
// when a benchmark reported an error; verification failures exit with 1.
int Main(int argc, char** argv) {
  // --chart FILE.png is ours; everything else goes to Google Benchmark.
  std::string chart;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--chart" && i + 1 < argc) {
      chart = argv[++i];
    } else if (arg.rfind("--chart=", 0) == 0) {
      chart = std::string(arg.substr(8));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
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
  std::string error;
  if (!ForceTargetFromEnvironment(&error)) {
    std::cerr << "safi_bench: SAFI_FORCE_TARGET: " << error << "\n";
    return 1;
  }
  state.targets = std::getenv("SAFI_FORCE_TARGET") != nullptr
                      ? std::vector<std::string>{ActiveTarget()}
                      : SupportedTargets();
  std::string engines;
  for (const std::string& target : state.targets) {
    engines += (engines.empty() ? "" : ",") + target;
  }
  benchmark::AddCustomContext("safi_targets", engines);
  benchmark::AddCustomContext("highway_compiled_targets", [] {
    std::string names;
    for (const std::string& t : CompiledTargets()) names += t + " ";
    return names;
  }());

  RegisterAll();
  benchmark::BenchmarkReporter* display =
      benchmark::CreateDefaultDisplayReporter();
  CollectingReporter collector(display);
  benchmark::RunSpecifiedBenchmarks(&collector);
  // Keep stdout machine-readable for --benchmark_format=json or csv.
  const bool console =
      dynamic_cast<benchmark::ConsoleReporter*>(display) != nullptr;
  const std::vector<SummaryRow> rows = CollectSummary(collector);
  PrintSummary(rows, console ? std::cout : std::cerr);
  if (!chart.empty() && !DrawChart(rows, chart)) return 1;
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
