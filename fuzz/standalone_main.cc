// SPDX-License-Identifier: Apache-2.0
// Replay driver linked into each fuzz target when libFuzzer is not used (any
// compiler): runs LLVMFuzzerTestOneInput once on every file named on the
// command line or found (recursively, in sorted order) in a named
// directory, so the targets always compile and their corpora run in CTest.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Appends `path` (a regular file) or the regular files below it (a
// directory) to *files. Returns false if `path` is neither.
bool Collect(const std::filesystem::path& path,
             std::vector<std::filesystem::path>* files) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    files->push_back(path);
    return true;
  }
  if (!std::filesystem::is_directory(path, error)) return false;
  std::vector<std::filesystem::path> found;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file()) found.push_back(entry.path());
  }
  if (error) return false;
  std::sort(found.begin(), found.end());
  files->insert(files->end(), found.begin(), found.end());
  return true;
}

}  // namespace

// Usage: fuzz_<name> FILE_OR_DIR... Arguments starting with '-' (libFuzzer
// flags) are ignored, so a libFuzzer command line replays unchanged. Exits
// 1 if an argument cannot be read or no input was found, so a missing
// corpus fails the test; a failing check aborts inside the target.
int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    if (!Collect(argv[i], &files)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 1;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIR... (no input found)\n",
                 argv[0]);
    return 1;
  }
  for (const auto& file : files) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream.is_open()) {
      std::fprintf(stderr, "%s: cannot open %s\n", argv[0], file.c_str());
      return 1;
    }
    const std::string data((std::istreambuf_iterator<char>(stream)),
                           std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(),
                 data.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()),
                           data.size());
  }
  std::fprintf(stderr, "%s: replayed %zu inputs\n", argv[0], files.size());
  return 0;
}
