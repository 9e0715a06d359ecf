// SPDX-License-Identifier: Apache-2.0
// Incremental UTF-8 validation over arbitrarily split chunks, built on
// safi::ValidateUtf8, reporting the stream offset of the first ill-formed
// sequence exactly as a one-piece validation would.
#ifndef SAFI_CLI_UTF8_CHUNK_VALIDATOR_H_
#define SAFI_CLI_UTF8_CHUNK_VALIDATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace safi_cli {

// Validates a byte stream fed in chunks of any size. Pieces are validated
// in place; at most 3 bytes of a possibly incomplete character are held
// back between chunks (copied, so chunk memory may be reused at once).
// Once an error is found, later calls do nothing and return false.
class Utf8ChunkValidator {
 public:
  // Feeds the next chunk. Returns false if the stream is known to be
  // ill-formed; error_offset() is then the offset of the first ill-formed
  // sequence from the start of the stream.
  bool Feed(std::string_view chunk);
  // Ends the stream (an incomplete final character is ill-formed). Returns
  // false if the stream is ill-formed. The validator can then be reused for
  // a new stream only after Reset().
  bool Finish();
  // Starts a new stream.
  void Reset();
  // Offset of the first ill-formed sequence; meaningful after false.
  uint64_t error_offset() const { return error_offset_; }

 private:
  // Validates piece, which starts at stream offset `offset` and is delimited
  // on both sides by points that no UTF-8 sequence spans.
  bool ValidatePiece(std::string_view piece, uint64_t offset);

  std::string carry_;          // held-back tail, starts at a safe cut point
  uint64_t carry_offset_ = 0;  // stream offset of carry_[0]
  bool failed_ = false;
  uint64_t error_offset_ = 0;
};

}  // namespace safi_cli

#endif  // SAFI_CLI_UTF8_CHUNK_VALIDATOR_H_
