// SPDX-License-Identifier: Apache-2.0
// MinHash by one-permutation hashing (Li, Owen & Zhang 2012) with optimal
// densification (Shrivastava 2017): each shingle is hashed once, its high
// 32 bits choose one of bands * rows bins and its low 32 bits compete for
// that bin's minimum; an empty bin copies the bin found by its own
// deterministic probe sequence, so equal sets give equal signatures and the
// share of agreeing bins estimates the Jaccard similarity.
#include "minhash.h"

#include <algorithm>
#include <limits>

#include "dedup_kernels.h"
#include "hash.h"

namespace safi {
namespace dedup {
namespace {

constexpr uint64_t kShingleSalt = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kProbeSalt = 0xd6e8feb86659fd93ULL;
constexpr uint64_t kBandSalt = 0xa0761d6478bd642fULL;

// Each bin holds its minimum value, or kEmpty (above every 32-bit value).
constexpr uint64_t kEmpty = detail::kEmptyBin;

// The shingle hashes of shingles [first, last) of width words: shingle s
// hashes to Mix64(salt ^ (rotl(w[s], 0) ^ rotl(w[s + 1], 13) ^ ...)); the
// high 32 bits pick one of k bins and the low 32 bits compete for its
// minimum. Word by word: each shingle's word term is rolled from the
// previous one's.
void AddShingles(const uint64_t* w, size_t first, size_t last, size_t width,
                 uint64_t salt, uint32_t k, uint64_t* bins) {
  if (first == last) return;
  const unsigned last_rotation = static_cast<unsigned>((13 * (width - 1)) % 64);
  uint64_t words = 0;
  for (size_t j = 0; j < width; ++j) {
    words ^= RotateLeft(w[first + j], static_cast<unsigned>((13 * j) % 64));
  }
  for (size_t s = first;; ++s) {
    const uint64_t h = Mix64(salt ^ words);
    uint64_t& bin = bins[FastRange(h, k)];
    bin = std::min<uint64_t>(bin, static_cast<uint32_t>(h));
    if (s + 1 == last) break;
    // Rotating right by 13 after removing w[s] shifts the terms to s + 1.
    words = RotateLeft(words ^ w[s], 64 - 13) ^
            RotateLeft(w[s + width], last_rotation);
  }
}

}  // namespace

MinHasher::MinHasher(const DedupParams& params)
    : seed_(params.hash_seed),
      shingle_words_(params.shingle_words),
      rows_(params.rows),
      size_(params.bands * params.rows),
      first_probes_(size_t{size_} * kFirstProbes) {
  for (uint32_t i = 0; i < size_; ++i) {
    for (uint32_t attempt = 0; attempt < kFirstProbes; ++attempt) {
      first_probes_[i * kFirstProbes + attempt] =
          static_cast<uint16_t>(ProbeBin(i, attempt));
    }
  }
}

uint32_t MinHasher::ProbeBin(uint32_t i, uint64_t attempt) const {
  return FastRange(
      Mix64(seed_ ^ kProbeSalt ^ (static_cast<uint64_t>(i) << 32) ^ attempt),
      size_);
}

void MinHasher::Signature(const uint64_t* word_hashes, size_t n, uint32_t* sig,
                          MinHashScratch* scratch) const {
  const uint32_t k = size_;
  std::vector<uint64_t>& bins = scratch->bins;
  if (bins.size() != k) bins.assign(k, kEmpty);
  const size_t width = std::min<size_t>(shingle_words_, n);
  const size_t shingles = n - width + 1;
  const uint64_t salt = seed_ ^ kShingleSalt;
  // The vector kernel takes a prefix of the shingles, the rolling loop the
  // rest.
  const size_t done = detail::AddShingleMinima(word_hashes, shingles, width,
                                               salt, k, bins.data());
  AddShingles(word_hashes, done, shingles, width, salt, k, bins.data());
  // Every bin's value and the empty ones, the bins emptied for the next
  // call; then each empty bin takes the value of the first filled bin of
  // its probe sequence, which depends only on (seed, i, attempt), the first
  // kFirstProbes attempts from the table. After 64 * k misses it falls back
  // to the next filled bin in order.
  std::vector<uint64_t>& empty = scratch->empty;
  empty.resize((k + 63) / 64);
  detail::TakeMinima(bins.data(), k, sig, empty.data());
  const auto filled = [&empty](uint32_t j) {
    return (empty[j / 64] >> (j % 64) & 1) == 0;
  };
  for (size_t w = 0; w < empty.size(); ++w) {
    for (uint64_t bits = empty[w]; bits != 0; bits &= bits - 1) {
      const uint32_t i = static_cast<uint32_t>(64 * w + __builtin_ctzll(bits));
      const uint16_t* probes = &first_probes_[size_t{i} * kFirstProbes];
      uint32_t source = k;
      for (uint64_t attempt = 0; attempt < 64ULL * k; ++attempt) {
        const uint32_t j =
            attempt < kFirstProbes ? probes[attempt] : ProbeBin(i, attempt);
        if (filled(j)) {
          source = j;
          break;
        }
      }
      if (source == k) {
        for (uint32_t step = 1; step < k; ++step) {
          if (filled((i + step) % k)) {
            source = (i + step) % k;
            break;
          }
        }
      }
      sig[i] = sig[source];
    }
  }
}

uint64_t MinHasher::BandKey(const uint32_t* sig, uint32_t band) const {
  unsigned char bytes[4 * 1024];
  const uint32_t* values = sig + static_cast<size_t>(band) * rows_;
  for (uint32_t r = 0; r < rows_; ++r) {
    bytes[4 * r] = static_cast<unsigned char>(values[r]);
    bytes[4 * r + 1] = static_cast<unsigned char>(values[r] >> 8);
    bytes[4 * r + 2] = static_cast<unsigned char>(values[r] >> 16);
    bytes[4 * r + 3] = static_cast<unsigned char>(values[r] >> 24);
  }
  return Hash64(std::string_view(reinterpret_cast<const char*>(bytes),
                                 4 * static_cast<size_t>(rows_)),
                seed_ ^ kBandSalt ^ band);
}

uint32_t MinHasher::Agreement(const uint32_t* a, const uint32_t* b) const {
  uint32_t same = 0;
  for (uint32_t i = 0; i < size_; ++i) same += a[i] == b[i] ? 1 : 0;
  return same;
}

}  // namespace dedup
}  // namespace safi
