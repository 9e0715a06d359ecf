// SPDX-License-Identifier: Apache-2.0
// The word hashes of the dedup component (WordHash of
// simd/dedup_kernels.h), one by one and in bulk (the dispatched Highway
// kernel).
#ifndef SAFI_CORE_SRC_DEDUP_WORD_HASH_H_
#define SAFI_CORE_SRC_DEDUP_WORD_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dedup_kernels.h"
#include "lexicon.h"

namespace safi {
namespace dedup {

// Bytes that must be readable after the end of the last word of keys.
constexpr size_t kWordHashPadding = 8;

// The word hash of word with seed: XXH3-64 for 0 and for more than 8
// bytes, XXH3's 9-16-byte function on the bytes zero-padded otherwise.
inline uint64_t WordHash(std::string_view word, uint64_t seed) {
  return detail::WordHash(word.data(), word.size(), seed);
}

// out[i] = WordHash(the bytes [offset, offset + size) of words[i] in keys,
// seed) for i in [0, n). Reads up to kWordHashPadding bytes past a word's
// start, so keys must be readable that far past every word's start (as
// past the last one of a buffer split into words).
inline void HashWords(const char* keys, const WordSpan* words, size_t n,
                      uint64_t seed, uint64_t* out) {
  detail::HashWords(keys, reinterpret_cast<const uint32_t*>(words), n, seed,
                    out);
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_WORD_HASH_H_
