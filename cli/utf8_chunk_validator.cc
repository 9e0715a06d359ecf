// SPDX-License-Identifier: Apache-2.0
// Incremental UTF-8 validation over split chunks (see
// utf8_chunk_validator.h).
//
// A "safe cut" is a position that no UTF-8 sequence (well-formed, or a
// maximal subpart of an ill-formed one) spans, so that validating the pieces
// between safe cuts finds the same first error as validating everything:
//  - the position of any byte that is not a continuation byte (10xxxxxx) is
//    safe, because such a byte can never continue an earlier sequence;
//  - a position preceded by three continuation bytes is safe, because a
//    sequence that spans it would need its lead byte within the 3 bytes
//    before it (sequences are at most 4 bytes long).
#include "utf8_chunk_validator.h"

#include <algorithm>
#include <cstddef>

#include "safi/normalizer.h"

namespace safi_cli {
namespace {

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Returns the last safe cut of data within its last 3 bytes, given that
// data starts at a safe cut: the last non-continuation byte among the last
// 3, or data.size() when all of them are continuation bytes (then nothing
// that starts in data can continue after it). For data shorter than 3 bytes
// that consists only of continuation bytes, data.size() is safe too because
// data starts at a safe cut.
size_t LastSafeCut(std::string_view data) {
  const size_t stop = data.size() >= 3 ? data.size() - 3 : 0;
  for (size_t i = data.size(); i > stop; --i) {
    if (!IsContinuation(data[i - 1])) return i - 1;
  }
  return data.size();
}

}  // namespace

bool Utf8ChunkValidator::ValidatePiece(std::string_view piece,
                                       uint64_t offset) {
  size_t error = 0;
  if (safi::ValidateUtf8(piece, &error)) return true;
  failed_ = true;
  error_offset_ = offset + error;
  return false;
}

bool Utf8ChunkValidator::Feed(std::string_view chunk) {
  if (failed_) return false;
  if (!carry_.empty()) {
    // carry_ starts at a safe cut and holds at most 3 bytes. Complete it with
    // the continuation bytes that open the chunk (at most 3 matter).
    size_t take = 0;
    while (take < chunk.size() && take < 3 && IsContinuation(chunk[take])) {
      ++take;
    }
    carry_.append(chunk.data(), take);
    chunk.remove_prefix(take);
    if (chunk.empty() && take < 3) {
      // The chunk ended inside the carried character; keep waiting, holding
      // back only from the last safe cut on.
      const size_t cut = LastSafeCut(carry_);
      if (!ValidatePiece(std::string_view(carry_).substr(0, cut),
                         carry_offset_)) {
        return false;
      }
      carry_.erase(0, cut);
      carry_offset_ += cut;
      return true;
    }
    // Now the chunk starts at a non-continuation byte, or after three
    // continuation bytes: a safe cut.
    if (!ValidatePiece(carry_, carry_offset_)) return false;
    carry_offset_ += carry_.size();
    carry_.clear();
  }
  const size_t cut = LastSafeCut(chunk);
  if (!ValidatePiece(chunk.substr(0, cut), carry_offset_)) return false;
  carry_offset_ += cut;
  carry_.assign(chunk.data() + cut, chunk.size() - cut);
  return true;
}

bool Utf8ChunkValidator::Finish() {
  if (failed_) return false;
  const bool ok = ValidatePiece(carry_, carry_offset_);
  carry_offset_ += carry_.size();
  carry_.clear();
  return ok;
}

void Utf8ChunkValidator::Reset() {
  carry_.clear();
  carry_offset_ = 0;
  failed_ = false;
  error_offset_ = 0;
}

}  // namespace safi_cli
