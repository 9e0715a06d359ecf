// SPDX-License-Identifier: Apache-2.0
// Entry point of the `safi` command: parses the command line with CLI11 and
// runs the chosen subcommand.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "bench_command.h"
#include "dedup_command.h"
#include "explore_command.h"
#include "normalize_command.h"
#include "safi/normalizer.h"
#include "safi/targets.h"

namespace {

// Prints a bad-usage message as one line and returns the usage exit status.
int UsageError(std::string message) {
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  std::fprintf(stderr, "safi: %s\n", message.c_str());
  return safi_cli::kExitUsage;
}

// Returns kExitOk if everything written to stdout reached it, else prints
// the error and returns kExitFailure.
int FlushStdout() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) {
    return safi_cli::kExitOk;
  }
  std::fprintf(stderr, "safi: write error: %s\n", std::strerror(errno));
  return safi_cli::kExitFailure;
}

// "search, dedup, display, nfc or nfkc".
std::string ProfileNames() {
  const std::vector<safi::Profile> profiles = safi::AllProfiles();
  std::string names;
  for (size_t i = 0; i < profiles.size(); ++i) {
    if (i > 0) names += i + 1 == profiles.size() ? " or " : ", ";
    names += safi::ProfileName(profiles[i]);
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  // Write errors on a closed pipe are reported and end the run with status 1
  // instead of killing the process silently.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app("Normalizes Arabic UTF-8 text exactly like ICU, fast.", "safi");
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");
  bool list_targets = false;
  app.add_flag("--list-targets", list_targets,
               "Print the Highway targets compiled in and those this CPU "
               "supports (SAFI_FORCE_TARGET pins one), then exit");

  safi_cli::NormalizeConfig config;
  std::string profile_name = safi::ProfileName(config.profile);
  std::string invalid_name = "replace";
  bool list_profiles = false;
  CLI::App* normalize = app.add_subcommand(
      "normalize",
      "Normalize FILEs (or standard input) to standard output; each FILE is "
      "its own stream");
  normalize->add_option(
      "--profile", profile_name,
      "Profile: " + ProfileNames() + " (default: " + profile_name + ")");
  normalize->add_option(
      "--invalid", invalid_name,
      "Ill-formed UTF-8: replace (U+FFFD, default) or error (exit 1 and "
      "write nothing; standard input is first copied to $TMPDIR)");
  normalize->add_flag("--stats", config.stats,
                      "Print sizes, time and speed on standard error");
  normalize->add_flag("--list-profiles", list_profiles,
                      "Print each profile's form and operations, then exit");
  normalize->add_option("FILE", config.files,
                        "Input files; - or none means standard input");
  safi_cli::DedupCommand dedup(&app);
  safi_cli::ExploreCommand explore(&app);

  safi_cli::BenchConfig bench_config;
  CLI::App* bench = app.add_subcommand(
      "bench",
      "Run the throughput suite (every Highway target and profile on "
      "generated 64 MiB corpora, against ICU NFKC, the ICU reference and "
      "memcpy) and print the summary table; needs the safi_bench binary");
  bench->add_flag("--quick", bench_config.quick,
                  "16 MiB corpora, one repetition, the ICU reference on "
                  "news/search only (a few minutes instead of ~20)");
  bench->add_option("--chart", bench_config.chart,
                    "Draw GB/s per target and profile to this PNG (gnuplot)");
  bench->add_option(
      "ARGS", bench_config.extra,
      "After --: more safi_bench / Google Benchmark options, "
      "e.g. -- --benchmark_filter=/news/ --benchmark_format=json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return FlushStdout();
  } catch (const CLI::ParseError& e) {
    return UsageError(e.what());
  }

  std::string target_error;
  if (!safi::ForceTargetFromEnvironment(&target_error)) {
    return UsageError("SAFI_FORCE_TARGET: " + target_error);
  }
  if (version) {
    std::printf("safi %s (Unicode %s)\n", safi::Version(),
                safi::UnicodeVersion());
    return FlushStdout();
  }
  if (list_targets) {
    std::string compiled, supported;
    for (const std::string& t : safi::CompiledTargets()) compiled += " " + t;
    for (const std::string& t : safi::SupportedTargets()) supported += " " + t;
    std::printf("compiled:%s\nsupported:%s\nactive: %s\n", compiled.c_str(),
                supported.c_str(), safi::ActiveTarget().c_str());
    return FlushStdout();
  }
  if (dedup.parsed()) return dedup.Run();
  if (bench->parsed()) return safi_cli::RunBench(bench_config);
  if (explore.parsed()) return explore.Run();
  if (!normalize->parsed()) {
    return UsageError("missing command (try 'safi --help')");
  }
  if (list_profiles) {
    safi_cli::ListProfiles(stdout);
    return FlushStdout();
  }
  if (!safi::ParseProfile(profile_name, &config.profile)) {
    return UsageError("unknown profile '" + profile_name + "' (expected " +
                      ProfileNames() + ")");
  }
  if (invalid_name == "replace") {
    config.invalid = safi::InvalidUtf8::kReplace;
  } else if (invalid_name == "error") {
    config.invalid = safi::InvalidUtf8::kError;
  } else {
    return UsageError("unknown --invalid mode '" + invalid_name +
                      "' (expected replace or error)");
  }
  return safi_cli::RunNormalize(config);
}
