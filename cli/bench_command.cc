// SPDX-License-Identifier: Apache-2.0
// The `safi bench` subcommand (see bench_command.h): finds the benchmark
// binary and executes it with the suite's standard arguments.
#include "bench_command.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "normalize_command.h"

namespace safi_cli {
namespace {

// Directory of the running executable (from /proc/self/exe), or "".
std::string ExecutableDir() {
  std::vector<char> path(4096);
  const ssize_t n = readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (n <= 0) return "";
  std::string exe(path.data(), static_cast<size_t>(n));
  const size_t slash = exe.rfind('/');
  return slash == std::string::npos ? "" : exe.substr(0, slash);
}

}  // namespace

std::string FindBenchBinary(std::string* tried) {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("SAFI_BENCH")) {
    candidates.emplace_back(env);
  } else {
    const std::string dir = ExecutableDir();
    if (!dir.empty()) {
      candidates.push_back(dir + "/../bench/safi_bench");
      candidates.push_back(dir + "/../libexec/safi/safi_bench");
    }
  }
  tried->clear();
  for (const std::string& path : candidates) {
    if (access(path.c_str(), X_OK) == 0) return path;
    if (!tried->empty()) *tried += ", ";
    *tried += path;
  }
  return "";
}

int RunBench(const BenchConfig& config) {
  std::string tried;
  const std::string binary = FindBenchBinary(&tried);
  if (binary.empty()) {
    std::fprintf(stderr,
                 "safi: bench needs the benchmark binary safi_bench (not found "
                 "at %s); build it with -DSAFI_BUILD_BENCH=ON (it needs "
                 "libicu-dev and libbenchmark-dev) or point SAFI_BENCH at it\n",
                 tried.empty() ? "any known place" : tried.c_str());
    return kExitUsage;
  }
  std::vector<std::string> args = {binary};
  if (config.quick) {
    // The ICU reference takes seconds per iteration: news/search only.
    setenv("SAFI_BENCH_BYTES", "16M", 0);
    args.push_back(
        "--benchmark_filter=-icu_reference/(vocalized|presentation|ascii)|"
        "icu_reference/news/(dedup|display|nfc|nfkc)");
    args.push_back("--benchmark_min_time=0.2");
  } else {
    args.push_back("--benchmark_repetitions=3");
    args.push_back("--benchmark_report_aggregates_only=true");
  }
  if (!config.chart.empty()) args.push_back("--chart=" + config.chart);
  args.insert(args.end(), config.extra.begin(), config.extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  execv(binary.c_str(), argv.data());
  std::fprintf(stderr, "safi: cannot run %s: %s\n", binary.c_str(),
               std::strerror(errno));
  return kExitFailure;
}

}  // namespace safi_cli
