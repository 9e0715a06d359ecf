// SPDX-License-Identifier: Apache-2.0
// SharedByKey: a process-wide set of immutable objects, each built once
// from its key and shared by every user (the lexicon per hash seed,
// MinHash's probe order per seed and signature length).
#ifndef SAFI_CORE_SRC_DEDUP_SHARED_BY_KEY_H_
#define SAFI_CORE_SRC_DEDUP_SHARED_BY_KEY_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace safi {
namespace dedup {

// The objects of the last kKept keys asked for, the most recently built
// last; an object stays alive while a user holds it, also once dropped
// here. Key needs ==. Thread-safe: a lookup and a build happen under one
// lock, so two threads asking for a new key build it once.
template <typename Key, typename T, size_t kKept>
class SharedByKey {
 public:
  // The object of key, from build() (a std::shared_ptr<const T>) the first
  // time it is asked for while not kept.
  template <typename Build>
  std::shared_ptr<const T> Get(const Key& key, Build build) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& entry : built_) {
      if (entry.first == key) return entry.second;
    }
    if (built_.size() == kKept) built_.erase(built_.begin());
    built_.emplace_back(key, build());
    return built_.back().second;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<Key, std::shared_ptr<const T>>> built_;
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_SHARED_BY_KEY_H_
