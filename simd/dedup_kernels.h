// SPDX-License-Identifier: Apache-2.0
// Dispatched vector loops of the dedup component (byte scans, the split of
// keys into words, XXH3-64 of short words, MinHash
// shingle bins and their minima, the weighted sums of SequenceHash) as plain
// declarations, no Highway types; each runs on the best Highway target, as
// pinned by safi::ForceTarget.
#ifndef SAFI_SIMD_DEDUP_KERNELS_H_
#define SAFI_SIMD_DEDUP_KERNELS_H_

#include <cstddef>
#include <cstdint>

namespace safi {
namespace detail {

// uint32_t values of scratch that FindTwoBytes may write past its
// positions: its vector stores write whole vectors.
constexpr size_t kFindTwoBytesSlack = 64;

// Writes each i in [0, n) where data[i] is a or b, in increasing order, at
// positions[0, count) and returns count (n < 2^32). positions must have
// room for n + kFindTwoBytesSlack values; the values past count are
// scratch. Reads exactly data[0, n).
size_t FindTwoBytes(const char* data, size_t n, char a, char b,
                    uint32_t* positions);

// uint32_t values of scratch that SplitKeyWords may write past its words
// and past line_ends[max_breaks]: its vector stores write whole vectors.
constexpr size_t kSplitKeyWordsSlack = 64;

// Splits keys[0, n) into words, the non-empty runs of bytes other than ' '
// and '\n' (n < 2^32). Writes word w's offset and size at spans[2 * w] and
// spans[2 * w + 1] (the layout of an array of struct {uint32_t offset;
// uint32_t size;}), and, for the i-th LF (from 0) with i < max_breaks, the
// number of words before it at line_ends[i]. Returns the number
// of words and stores the number of LFs in *breaks. spans must have room
// for n + 1 + kSplitKeyWordsSlack values and line_ends for max_breaks +
// kSplitKeyWordsSlack; the values past those described are scratch. Reads
// exactly keys[0, n).
size_t SplitKeyWords(const char* keys, size_t n, size_t max_breaks,
                     uint32_t* spans, uint32_t* line_ends, size_t* breaks);

// The word hash of bytes[0, size) with seed: XXH3_64bits_withSeed for 0
// and for more than 8 bytes; for 1-8 bytes, XXH3's 9-16-byte function
// (XXH3_len_9to16_64b) with the bytes zero-padded to 8 as its first 8
// input bytes, 0 as its last 8 and size as the length. As XXH3 does
// for 9-16 bytes, it is a 128-bit multiply of the input with the secret,
// folded, and XXH3's avalanche. One formula for all words of 1-16 bytes
// spares the vector lanes of HashWords XXH3's 1-3 and 4-8-byte formulas:
// 17 % less time on AVX3_DL, 31 % on AVX2 (dedup_kernels-inl.h).
uint64_t WordHash(const char* bytes, size_t size, uint64_t seed);

// out[i] = WordHash(keys + spans[2 * i], spans[2 * i + 1], seed) for i in
// [0, n): spans holds each word's (offset, size) pair, the layout of an
// array of struct {uint32_t offset; uint32_t size;}, in any order. Reads
// up to 8 bytes past a word's start, so keys must be readable that far
// past every word's start (as past the last one of a buffer split into
// words).
void HashWords(const char* keys, const uint32_t* spans, size_t n, uint64_t seed,
               uint64_t* out);

// For shingles s in [0, done) of the words w (shingle s is w[s, s + width)):
// h = Mix64(salt ^ rotl(w[s], 0) ^ rotl(w[s + 1], 13) ^ rotl(w[s + 2], 26)
// ^ ...) (rotations modulo 64), and bins[((h >> 32) * k) >> 32] becomes the
// minimum of itself and h's low 32 bits. Returns done: a prefix of the
// shingles, possibly 0, that the vector lanes cover; the caller adds the
// rest. w must hold shingles + width - 1 words and bins k; k < 2^32.
size_t AddShingleMinima(const uint64_t* w, size_t shingles, size_t width,
                        uint64_t salt, uint32_t k, uint64_t* bins);
// The content of an empty MinHash bin: above every 32-bit value.
constexpr uint64_t kEmptyBin = uint64_t{1} << 32;
// Takes the minima out of bins[0, k), each a 32-bit value or kEmptyBin:
// values[i] = the low 32 bits of bins[i]; bit i % 64 of empty[i / 64] is
// set iff bins[i] is kEmptyBin, the other bits of empty[0, (k + 63) / 64)
// cleared; then every bins[i] is kEmptyBin again, ready for the next set.
// k < 2^32.
void TakeMinima(uint64_t* bins, size_t k, uint32_t* values, uint64_t* empty);

// The sum of items[i] * weights[i] for i in [0, n), modulo 2^64. Reads
// exactly items[0, n) and weights[0, n).
uint64_t WeightedSum(const uint64_t* items, const uint64_t* weights, size_t n);

}  // namespace detail
}  // namespace safi

#endif  // SAFI_SIMD_DEDUP_KERNELS_H_
