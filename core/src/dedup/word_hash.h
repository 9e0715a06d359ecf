// SPDX-License-Identifier: Apache-2.0
// XXH3-64 of the words of a key buffer in bulk (the dispatched Highway
// kernel of simd/dedup_kernels.h), equal word by word to Hash64.
#ifndef SAFI_CORE_SRC_DEDUP_WORD_HASH_H_
#define SAFI_CORE_SRC_DEDUP_WORD_HASH_H_

#include <cstddef>
#include <cstdint>

#include "dedup_kernels.h"
#include "lexicon.h"

namespace safi {
namespace dedup {

// Bytes that must be readable after the end of the last word of keys.
constexpr size_t kWordHashPadding = 8;

// out[i] = Hash64(the bytes [offset, offset + size) of words[i] in keys,
// seed) for i in [0, n). Reads up to kWordHashPadding bytes past a word's
// start, so keys must be readable that far past its last word.
inline void HashWords(const char* keys, const WordSpan* words, size_t n,
                      uint64_t seed, uint64_t* out) {
  detail::HashWords(keys, reinterpret_cast<const uint32_t*>(words), n, seed,
                    out);
}

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_WORD_HASH_H_
