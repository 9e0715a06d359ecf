// SPDX-License-Identifier: Apache-2.0
// A set of 64-bit hashes in one flat array (open addressing, linear
// probing): the sketch's per-page set of line keys and its set of document
// ids, where a node-based set paid an allocation and a division per insert.
#ifndef SAFI_CORE_SRC_DEDUP_HASH_SET_H_
#define SAFI_CORE_SRC_DEDUP_HASH_SET_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace safi {
namespace dedup {

// The hashes are expected to be well mixed (XXH3 or Mix64 outputs): a slot
// is the hash's bits folded to the table size, without further mixing.
// Slots are a power of two, at most half full; 0 marks an empty slot, so the
// hash 0 is kept apart.
class HashSet64 {
 public:
  // Empties the set with room for n hashes before it grows; keeps the
  // memory when it is enough.
  void Reset(size_t n) {
    size_t slots = kMinSlots;
    while (slots < 2 * n) slots *= 2;
    // Zeroed by memset: assign stored 16 bytes per step, 0.7 % of a news
    // sketch, which resets the set for each page.
    slots_.resize(slots);
    std::memset(slots_.data(), 0, slots * sizeof(uint64_t));
    has_zero_ = false;
    size_ = 0;
  }

  // Inserts hash; true if it was not in the set.
  bool Insert(uint64_t hash) {
    if (hash == 0) {
      const bool inserted = !has_zero_;
      has_zero_ = true;
      size_ += inserted ? 1 : 0;
      return inserted;
    }
    if (2 * (size_ + 1) > slots_.size()) Grow();
    uint64_t* const slot = Find(slots_, hash);
    if (*slot == hash) return false;
    *slot = hash;
    ++size_;
    return true;
  }

  // Asks the cache for the slot where hash's probe starts.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[SlotOf(slots_, hash)]);
  }

  bool Contains(uint64_t hash) const {
    if (hash == 0) return has_zero_;
    return !slots_.empty() && *Find(slots_, hash) == hash;
  }

  size_t size() const { return size_; }
  // Bytes of the slot array.
  size_t capacity_bytes() const { return slots_.capacity() * sizeof(uint64_t); }
  // Bytes of the slot array once one more hash is inserted (it may double).
  size_t capacity_bytes_after_insert() const {
    if (2 * (size_ + 1) <= slots_.size()) return capacity_bytes();
    return (slots_.empty() ? kMinSlots : 2 * slots_.size()) * sizeof(uint64_t);
  }

  // Calls visit(hash) for each hash of the set, in no particular order.
  template <typename Visit>
  void ForEach(Visit visit) const {
    if (has_zero_) visit(uint64_t{0});
    for (const uint64_t hash : slots_) {
      if (hash != 0) visit(hash);
    }
  }

  // Empties the set and frees its memory.
  void Release() {
    std::vector<uint64_t>().swap(slots_);
    has_zero_ = false;
    size_ = 0;
  }

 private:
  static constexpr size_t kMinSlots = 16;

  // The first slot of hash's probe. slots is not empty.
  static size_t SlotOf(const std::vector<uint64_t>& slots, uint64_t hash) {
    return static_cast<size_t>(hash ^ (hash >> 32)) & (slots.size() - 1);
  }

  // The slot holding hash (non-zero), or the empty slot where it would go.
  // slots is not empty and not full.
  template <typename Slots>
  static auto Find(Slots& slots, uint64_t hash) -> decltype(slots.data()) {
    const size_t mask = slots.size() - 1;
    size_t i = SlotOf(slots, hash);
    while (slots[i] != 0 && slots[i] != hash) i = (i + 1) & mask;
    return &slots[i];
  }

  // Doubles the slots (or makes the first ones) and inserts the hashes
  // again. Out of line, so that Insert, called for every line of a page,
  // is small enough to be inlined.
  __attribute__((noinline, cold)) void Grow() {
    std::vector<uint64_t> old(slots_.empty() ? kMinSlots : 2 * slots_.size(),
                              0);
    old.swap(slots_);
    for (const uint64_t hash : old) {
      if (hash != 0) *Find(slots_, hash) = hash;
    }
  }

  std::vector<uint64_t> slots_;
  bool has_zero_ = false;
  size_t size_ = 0;  // including the hash 0
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_HASH_SET_H_
