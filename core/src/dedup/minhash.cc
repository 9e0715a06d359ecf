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
#include <memory>
#include <utility>

#include "dedup_kernels.h"
#include "hash.h"
#include "shared_by_key.h"

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

// Bin i's probe sequence is FastRange(Mix64(seed ^ kProbeSalt ^ (i << 32) ^
// attempt), k) for attempt = 0, 1, ..., 64 * k - 1. bins[i * k, i * k +
// visited[i]) lists the distinct bins it reaches, in the order of their
// first visit: all k of them unless 64 * k attempts miss some (a chance of
// about k * e^-64).
// rank[i * k + j] is j's place in that list, or k if 64 * k attempts miss
// it.
struct MinHasher::ProbeOrder {
  std::vector<uint16_t> bins;
  std::vector<uint32_t> visited;
  std::vector<uint16_t> rank;
};

std::shared_ptr<const MinHasher::ProbeOrder> MinHasher::SharedProbeOrder(
    uint64_t seed, uint32_t k) {
  // A few (seed, k) pairs at most.
  static auto* const shared =
      new SharedByKey<std::pair<uint64_t, uint32_t>, ProbeOrder, 4>;
  return shared->Get({seed, k}, [seed, k] {
    auto order = std::make_shared<ProbeOrder>();
    order->bins.resize(size_t{k} * k);
    order->visited.resize(k);
    order->rank.assign(size_t{k} * k, static_cast<uint16_t>(k));
    std::vector<uint8_t> seen(k);
    for (uint32_t i = 0; i < k; ++i) {
      std::fill(seen.begin(), seen.end(), 0);
      uint16_t* const bins = &order->bins[size_t{i} * k];
      uint32_t visited = 0;
      for (uint64_t attempt = 0; attempt < 64ULL * k && visited < k;
           ++attempt) {
        const uint32_t j =
            FastRange(Mix64(seed ^ kProbeSalt ^
                            (static_cast<uint64_t>(i) << 32) ^ attempt),
                      k);
        bins[visited] = static_cast<uint16_t>(j);
        visited += seen[j] == 0 ? 1 : 0;
        seen[j] = 1;
      }
      order->visited[i] = visited;
      for (uint32_t r = 0; r < visited; ++r) {
        order->rank[size_t{i} * k + bins[r]] = static_cast<uint16_t>(r);
      }
    }
    return std::shared_ptr<const ProbeOrder>(std::move(order));
  });
}

MinHasher::MinHasher(const DedupParams& params)
    : seed_(params.hash_seed),
      shingle_words_(params.shingle_words),
      rows_(params.rows),
      size_(params.bands * params.rows),
      probe_order_(SharedProbeOrder(seed_, size_)) {}

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
  // call; then each empty bin i takes the value of the first filled bin of
  // its probe sequence, which depends only on (seed, i, attempt): the first
  // filled bin in the order of first visits. If 64 * k attempts miss every
  // filled bin, it takes the next filled bin in order. (Probing attempt by
  // attempt cost up to k^2 hashes for a document of a few shingles: a crawl
  // of 100-byte pages sketched at 4 MB/s.)
  std::vector<uint64_t>& empty = scratch->empty;
  empty.resize((k + 63) / 64);
  detail::TakeMinima(bins.data(), k, sig, empty.data());
  const auto filled = [&empty](uint32_t j) {
    return (empty[j / 64] >> (j % 64) & 1) == 0;
  };
  const ProbeOrder& order = *probe_order_;
  // With f filled bins, the first filled one lies about k / (f + 1) places
  // into an empty bin's list, while the smallest rank of the filled bins
  // takes f lookups: the ranks for the few filled bins of a short document.
  std::vector<uint16_t>& filled_bins = scratch->filled;
  filled_bins.clear();
  size_t empties = 0;
  for (const uint64_t bits : empty) empties += __builtin_popcountll(bits);
  const size_t f = k - empties;
  if (empties != 0 && f * (f + 1) < k) {
    for (uint32_t j = 0; j < k; ++j) {
      if (filled(j)) filled_bins.push_back(static_cast<uint16_t>(j));
    }
  }
  for (size_t w = 0; w < empty.size(); ++w) {
    for (uint64_t bits = empty[w]; bits != 0; bits &= bits - 1) {
      const uint32_t i = static_cast<uint32_t>(64 * w + __builtin_ctzll(bits));
      uint32_t source = k;
      if (!filled_bins.empty()) {
        // The smallest (place, bin) pair, without a branch per bin.
        const uint16_t* const ranks = &order.rank[size_t{i} * k];
        uint32_t best = ~uint32_t{0};
        for (const uint16_t j : filled_bins) {
          best = std::min(best, uint32_t{ranks[j]} << 16 | j);
        }
        if ((best >> 16) != k) source = best & 0xFFFF;
      } else {
        const uint16_t* const visits = &order.bins[size_t{i} * k];
        for (uint32_t r = 0; r < order.visited[i]; ++r) {
          if (filled(visits[r])) {
            source = visits[r];
            break;
          }
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
