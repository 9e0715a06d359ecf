// SPDX-License-Identifier: Apache-2.0
// Small POSIX file-descriptor helpers of the safi command: reading blocks,
// writing everything, counting output bytes.
#ifndef SAFI_CLI_FD_IO_H_
#define SAFI_CLI_FD_IO_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace safi_cli {

// A file descriptor that is closed on destruction if owned. Movable.
class Fd {
 public:
  Fd() = default;
  Fd(int fd, bool owned) : fd_(fd), owned_(owned) {}
  Fd(Fd&& other) noexcept;
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();

  // The descriptor, or -1 if none.
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

// Opens an input for reading: "-" is standard input (borrowed, not closed),
// anything else a path (owned). Returns an invalid Fd with errno set on
// failure.
Fd OpenInput(const std::string& name);

// $TMPDIR, or /tmp if TMPDIR is unset or empty.
std::string TemporaryDirectory();

// Creates an unnamed read-write temporary file (already unlinked) in
// $TMPDIR, or /tmp if TMPDIR is unset or empty. Returns an invalid Fd with
// errno set on failure.
Fd CreateTemporaryFile();

// Reads at most cap bytes from fd into buf with one successful read(2),
// retrying on EINTR. Returns the byte count (0 at end of input) or -1 with
// errno set. Does not wait to fill buf, so interactive input is processed as
// soon as it arrives.
ssize_t ReadSome(int fd, char* buf, size_t cap);

// Writes all len bytes of data to fd, retrying on EINTR and short writes.
// Returns false with errno set on the first failing write(2).
bool WriteAll(int fd, const char* data, size_t len);

// Byte sink over a file descriptor that counts what it wrote. The descriptor
// is borrowed, not closed.
class OutputSink {
 public:
  explicit OutputSink(int fd) : fd_(fd) {}

  // Writes all of data. Returns false with errno set on a write error.
  bool Write(std::string_view data);
  // Bytes written successfully so far.
  uint64_t bytes() const { return bytes_; }

 private:
  int fd_;
  uint64_t bytes_ = 0;
};

}  // namespace safi_cli

#endif  // SAFI_CLI_FD_IO_H_
