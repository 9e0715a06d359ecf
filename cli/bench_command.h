// SPDX-License-Identifier: Apache-2.0
// The `safi bench` subcommand: runs the throughput suite (the safi_bench
// Google Benchmark binary, which holds the ICU baselines so that the safi
// command and library need no ICU) and prints its summary table.
#ifndef SAFI_CLI_BENCH_COMMAND_H_
#define SAFI_CLI_BENCH_COMMAND_H_

#include <string>
#include <vector>

namespace safi_cli {

struct BenchConfig {
  // A shorter run: 16 MiB corpora, one repetition, the ICU reference on
  // news/search only (it takes seconds per iteration).
  bool quick = false;
  std::string chart;               // --chart FILE.png, passed on
  std::vector<std::string> extra;  // arguments after "--", passed on
};

// Where safi_bench is: $SAFI_BENCH if set, else next to this executable in
// a build tree (../bench/safi_bench) or an install (../libexec/safi/
// safi_bench). Empty if none of them is an executable file; *tried then
// lists the paths looked at.
std::string FindBenchBinary(std::string* tried);

// Runs safi_bench with arguments built from config (repetitions, aggregates
// only, the quick filter and sizes) in place of this process. Returns only
// on failure: kExitUsage if the binary is not found (with a message on how
// to build it), kExitFailure if it cannot be executed.
int RunBench(const BenchConfig& config);

}  // namespace safi_cli

#endif  // SAFI_CLI_BENCH_COMMAND_H_
