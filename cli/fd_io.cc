// SPDX-License-Identifier: Apache-2.0
// POSIX file-descriptor helpers of the safi command (see fd_io.h).
#include "fd_io.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <utility>
#include <vector>

namespace safi_cli {

Fd::Fd(Fd&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      owned_(std::exchange(other.owned_, false)) {}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (owned_) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

Fd::~Fd() {
  if (owned_) close(fd_);
}

Fd OpenInput(const std::string& name) {
  if (name == "-") return Fd(STDIN_FILENO, false);
  const int fd = open(name.c_str(), O_RDONLY | O_CLOEXEC);
  return fd >= 0 ? Fd(fd, true) : Fd();
}

std::string TemporaryDirectory() {
  const char* dir = std::getenv("TMPDIR");
  return (dir != nullptr && *dir != '\0') ? dir : "/tmp";
}

Fd CreateTemporaryFile() {
  std::string path = TemporaryDirectory() + "/safi-spool.XXXXXX";
  std::vector<char> name(path.begin(), path.end());
  name.push_back('\0');
  const int fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return Fd();
  unlink(name.data());
  return Fd(fd, true);
}

ssize_t ReadSome(int fd, char* buf, size_t cap) {
  for (;;) {
    const ssize_t n = read(fd, buf, cap);
    if (n >= 0 || errno != EINTR) return n;
  }
}

bool WriteAll(int fd, const char* data, size_t len) {
  while (len > 0) {
    const ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

bool OutputSink::Write(std::string_view data) {
  if (!WriteAll(fd_, data.data(), data.size())) return false;
  bytes_ += data.size();
  return true;
}

}  // namespace safi_cli
