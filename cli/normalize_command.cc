// SPDX-License-Identifier: Apache-2.0
// The `safi normalize` subcommand (see normalize_command.h).
#include "normalize_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "fd_io.h"
#include "utf8_chunk_validator.h"

namespace safi_cli {
namespace {

// Read size. The output of one block is at most
// Normalizer::MaxOutputSize(kBlockSize) plus what the stream held back, so
// the buffers stay near 12 MiB (mostly untouched) whatever the input size.
constexpr size_t kBlockSize = size_t{1} << 20;

// Name of an input in messages: the path, or "<stdin>" for "-".
std::string Label(const std::string& name) {
  return name == "-" ? "<stdin>" : name;
}

// Prints "safi: WHAT: DETAIL" as one line on stderr.
void PrintError(const std::string& what, const char* detail) {
  std::fprintf(stderr, "safi: %s: %s\n", what.c_str(), detail);
}

// Prints the message for ill-formed UTF-8 at byte offset of input name.
void PrintInvalid(const std::string& name, uint64_t offset) {
  std::fprintf(stderr, "safi: %s: invalid UTF-8 at byte %llu\n",
               Label(name).c_str(), static_cast<unsigned long long>(offset));
}

// An input of error mode after the validation pass, and where the
// normalization pass reads it from: the spool file the validation pass
// filled (from its start), or else the input itself again (standard input
// from `offset`, a regular file reopened).
struct ValidatedInput {
  std::string name;
  off_t offset = 0;
  Fd spool;
};

// State of one run: the read buffer, the stream, the output.
class Runner {
 public:
  Runner(const safi::Options& options, int out_fd)
      : normalizer_(options), stream_(normalizer_), sink_(out_fd) {
    out_.reserve(safi::Normalizer::MaxOutputSize(kBlockSize));
  }

  // Validation pass of error mode over input name. Seekable regular files
  // are only read here; anything else is also copied to a temporary file.
  // On success fills *validated and returns kExitOk; else prints the error
  // and returns kExitFailure.
  int Validate(const std::string& name, ValidatedInput* validated);

  // Normalizes input name ("-" is standard input) as one stream. Returns
  // kExitOk, or kExitFailure after printing the error.
  int NormalizeNamed(const std::string& name);

  // Normalizes an input that passed Validate(). Same result as
  // NormalizeNamed.
  int NormalizeValidated(const ValidatedInput& validated);

  uint64_t input_bytes() const { return input_bytes_; }
  uint64_t output_bytes() const { return sink_.bytes(); }

 private:
  // Reads fd to its end, validating and, if spool_fd >= 0, copying to it.
  int ValidateFd(int fd, const std::string& name, int spool_fd);
  // Normalizes fd to its end as one stream into the sink. After a failure
  // the run ends, so the stream is left unfinished.
  int NormalizeFd(int fd, const std::string& name);

  std::unique_ptr<char[]> block_{new char[kBlockSize]};
  const safi::Normalizer normalizer_;
  safi::Normalizer::Stream stream_;
  std::string out_;
  OutputSink sink_;
  uint64_t input_bytes_ = 0;
};

int Runner::ValidateFd(int fd, const std::string& name, int spool_fd) {
  Utf8ChunkValidator validator;
  for (;;) {
    const ssize_t n = ReadSome(fd, block_.get(), kBlockSize);
    if (n < 0) {
      PrintError(Label(name), std::strerror(errno));
      return kExitFailure;
    }
    if (n == 0) break;
    const std::string_view chunk(block_.get(), static_cast<size_t>(n));
    if (!validator.Feed(chunk)) break;
    if (spool_fd >= 0 && !WriteAll(spool_fd, chunk.data(), chunk.size())) {
      PrintError("temporary file", std::strerror(errno));
      return kExitFailure;
    }
  }
  if (!validator.Finish()) {
    PrintInvalid(name, validator.error_offset());
    return kExitFailure;
  }
  return kExitOk;
}

int Runner::Validate(const std::string& name, ValidatedInput* validated) {
  const Fd input = OpenInput(name);
  if (!input.valid()) {
    PrintError(Label(name), std::strerror(errno));
    return kExitFailure;
  }
  validated->name = name;
  struct stat st;
  if (fstat(input.get(), &st) == 0 && S_ISREG(st.st_mode)) {
    const off_t offset = lseek(input.get(), 0, SEEK_CUR);
    if (offset >= 0) {
      validated->offset = offset;
      return ValidateFd(input.get(), name, -1);
    }
  }
  validated->spool = CreateTemporaryFile();
  if (!validated->spool.valid()) {
    PrintError("temporary file", std::strerror(errno));
    return kExitFailure;
  }
  return ValidateFd(input.get(), name, validated->spool.get());
}

int Runner::NormalizeFd(int fd, const std::string& name) {
  for (;;) {
    const ssize_t n = ReadSome(fd, block_.get(), kBlockSize);
    if (n < 0) {
      PrintError(Label(name), std::strerror(errno));
      return kExitFailure;
    }
    out_.clear();
    safi::Status status;
    if (n == 0) {
      status = stream_.Finish(&out_);
    } else {
      input_bytes_ += static_cast<uint64_t>(n);
      status = stream_.Write(
          std::string_view(block_.get(), static_cast<size_t>(n)), &out_);
    }
    if (status.code == safi::Status::kInvalidUtf8) {
      // Error mode only: the input changed after the validation pass.
      PrintInvalid(name, status.offset);
      return kExitFailure;
    }
    if (!status.ok()) {
      PrintError(Label(name), "normalization failed");
      return kExitFailure;
    }
    if (!sink_.Write(out_)) {
      PrintError("write error", std::strerror(errno));
      return kExitFailure;
    }
    if (n == 0) return kExitOk;
  }
}

int Runner::NormalizeNamed(const std::string& name) {
  const Fd input = OpenInput(name);
  if (!input.valid()) {
    PrintError(Label(name), std::strerror(errno));
    return kExitFailure;
  }
  return NormalizeFd(input.get(), name);
}

int Runner::NormalizeValidated(const ValidatedInput& validated) {
  if (validated.spool.valid()) {
    if (lseek(validated.spool.get(), 0, SEEK_SET) < 0) {
      PrintError("temporary file", std::strerror(errno));
      return kExitFailure;
    }
    return NormalizeFd(validated.spool.get(), validated.name);
  }
  if (validated.name != "-") return NormalizeNamed(validated.name);
  if (lseek(STDIN_FILENO, validated.offset, SEEK_SET) < 0) {
    PrintError(Label(validated.name), std::strerror(errno));
    return kExitFailure;
  }
  return NormalizeFd(STDIN_FILENO, validated.name);
}

const char* FormName(safi::Form form) {
  return form == safi::Form::kNfc ? "NFC" : "NFKC";
}

}  // namespace

int RunNormalize(const NormalizeConfig& config) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> names = config.files;
  if (names.empty()) names.push_back("-");
  for (const std::string& name : names) {
    struct stat st;
    if (name != "-" && stat(name.c_str(), &st) != 0) {
      PrintError(name, std::strerror(errno));
      return kExitUsage;
    }
  }

  safi::Options options = safi::ProfileOptions(config.profile);
  options.invalid = config.invalid;
  Runner runner(options, STDOUT_FILENO);
  if (config.invalid == safi::InvalidUtf8::kError) {
    // Everything is validated before the first byte is written.
    std::vector<ValidatedInput> validated(names.size());
    for (size_t i = 0; i < names.size(); ++i) {
      const int status = runner.Validate(names[i], &validated[i]);
      if (status != kExitOk) return status;
    }
    for (const ValidatedInput& input : validated) {
      const int status = runner.NormalizeValidated(input);
      if (status != kExitOk) return status;
    }
  } else {
    for (const std::string& name : names) {
      const int status = runner.NormalizeNamed(name);
      if (status != kExitOk) return status;
    }
  }
  // Some file systems report write errors only on close.
  if (runner.output_bytes() > 0 && close(STDOUT_FILENO) != 0 &&
      errno != EINTR) {
    PrintError("write error", std::strerror(errno));
    return kExitFailure;
  }

  if (config.stats) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    const double mb_per_s =
        seconds > 0 ? static_cast<double>(runner.input_bytes()) / 1e6 / seconds
                    : 0.0;
    std::fprintf(stderr,
                 "safi: stats: profile=%s input_bytes=%llu output_bytes=%llu "
                 "seconds=%.3f MB/s=%.1f\n",
                 safi::ProfileName(config.profile),
                 static_cast<unsigned long long>(runner.input_bytes()),
                 static_cast<unsigned long long>(runner.output_bytes()),
                 seconds, mb_per_s);
  }
  return kExitOk;
}

void ListProfiles(std::FILE* out) {
  const std::vector<safi::OperationInfo>& operations = safi::Operations();
  size_t width = 0;
  for (const safi::OperationInfo& info : operations) {
    width = std::max(width, std::strlen(info.name));
  }
  const safi::Profile default_profile = NormalizeConfig().profile;
  for (const safi::Profile profile : safi::AllProfiles()) {
    const safi::Options options = safi::ProfileOptions(profile);
    std::fprintf(out, "%s%s: %s, version %u\n", safi::ProfileName(profile),
                 profile == default_profile ? " (default)" : "",
                 FormName(options.form),
                 static_cast<unsigned>(safi::ProfileVersion(profile)));
    bool any = false;
    for (const safi::OperationInfo& info : operations) {
      if ((options.operations & info.operation) == 0) continue;
      std::fprintf(out, "  %-*s  %s\n", static_cast<int>(width), info.name,
                   info.description);
      any = true;
    }
    if (!any) std::fprintf(out, "  (no operations)\n");
  }
}

}  // namespace safi_cli
