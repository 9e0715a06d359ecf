// SPDX-License-Identifier: Apache-2.0
// MinHash signatures of documents over word shingles (one-permutation
// hashing with optimal densification), LSH band keys and signature
// agreement.
#ifndef SAFI_CORE_SRC_DEDUP_MINHASH_H_
#define SAFI_CORE_SRC_DEDUP_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "safi/dedup.h"

namespace safi {
namespace dedup {

// Reusable buffers of MinHasher::Signature. Between calls every bin is
// empty (detail::kEmptyBin): a call leaves them so, the first one (or one
// for another signature length) fills them.
struct MinHashScratch {
  std::vector<uint64_t> bins;
  std::vector<uint64_t> empty;   // bit i: bin i was empty
  std::vector<uint16_t> filled;  // the filled bins, for few of them
};

class MinHasher {
 public:
  // params must be valid (ValidDedupParams).
  explicit MinHasher(const DedupParams& params);

  // Signature length: bands * rows.
  uint32_t size() const { return size_; }

  // Computes the signature of the shingle set of word_hashes[0, n) (the
  // 64-bit hashes of the document's words in order) into sig[0, size()).
  // Shingles are runs of shingle_words consecutive words, hashed as
  // Mix64(salt ^ rotl(w0, 0) ^ rotl(w1, 13) ^ rotl(w2, 26) ^ ...); a
  // document with fewer words has one shingle of all its words.
  // n must be >= 1. Equal shingle sets give equal signatures.
  void Signature(const uint64_t* word_hashes, size_t n, uint32_t* sig,
                 MinHashScratch* scratch) const;

  // Key of band b (< bands) of a signature: XXH3-64 of its rows values.
  uint64_t BandKey(const uint32_t* sig, uint32_t band) const;

  // Number of positions where the signatures agree (0..size()).
  uint32_t Agreement(const uint32_t* a, const uint32_t* b) const;

 private:
  // The bins that each empty bin's probe sequence visits, in the order of
  // their first visit (see Signature).
  struct ProbeOrder;
  // The probe order of (seed, k): built on the first call for them and
  // shared after that, as it takes about k^2 ln k probes (0.2 ms for the
  // default 112 bins, 20 ms for the most, 1024) and holds 4 k^2 bytes.
  // Thread-safe.
  static std::shared_ptr<const ProbeOrder> SharedProbeOrder(uint64_t seed,
                                                            uint32_t k);

  uint64_t seed_;
  uint32_t shingle_words_;
  uint32_t rows_;
  uint32_t size_;
  std::shared_ptr<const ProbeOrder> probe_order_;
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_MINHASH_H_
