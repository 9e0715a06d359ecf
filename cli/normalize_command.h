// SPDX-License-Identifier: Apache-2.0
// The `safi normalize` subcommand: streaming normalization of files or
// standard input to standard output, and the profile listing.
#ifndef SAFI_CLI_NORMALIZE_COMMAND_H_
#define SAFI_CLI_NORMALIZE_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "safi/normalizer.h"

namespace safi_cli {

// Exit statuses of the safi command.
enum ExitStatus : int {
  kExitOk = 0,
  kExitFailure = 1,  // ill-formed input in error mode, I/O errors
  kExitUsage = 2,    // bad command line, missing input file
};

struct NormalizeConfig {
  safi::Profile profile = safi::Profile::kSearch;
  safi::InvalidUtf8 invalid = safi::InvalidUtf8::kReplace;
  bool stats = false;              // report sizes and speed on stderr
  std::vector<std::string> files;  // "-" is standard input; empty means "-"
};

// Normalizes every input as its own stream and writes the outputs, in order,
// to standard output. Diagnostics go to standard error as one line starting
// with "safi: ". Returns kExitUsage if an input file does not exist (checked
// before anything is written), kExitFailure on ill-formed input in error mode
// (then nothing at all is written) or on a read or write error, else kExitOk.
// Memory use does not depend on the input size; in error mode standard input
// and other non-seekable inputs are spooled to an unnamed temporary file in
// $TMPDIR (default /tmp).
int RunNormalize(const NormalizeConfig& config);

// Writes every profile with its form, version and operations (name and
// description) to out, readable by humans. The caller checks out for write
// errors (ferror after fflush).
void ListProfiles(std::FILE* out);

}  // namespace safi_cli

#endif  // SAFI_CLI_NORMALIZE_COMMAND_H_
