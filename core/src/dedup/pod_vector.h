// SPDX-License-Identifier: Apache-2.0
// PodVector: a growable array of trivially copyable values for the large
// tables of the dedup state, kept in transparent huge pages once large.
#ifndef SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
#define SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace safi {
namespace dedup {

// Like std::vector<T> for trivially copyable T, for tables of megabytes.
// Below kHugeBytes the values live in a malloc block grown by realloc. From
// kHugeBytes on they live in an anonymous mapping of whole 2 MiB pages,
// aligned to 2 MiB and advised as transparent huge pages, so the kernel
// takes one page fault per 2 MiB instead of one per 4 KiB: a page fault
// costs ~10 us on the virtualized development machine, and 4 KiB pages made
// the faults ~35 % of a sketch. The capacity is then the whole mapping, so
// capacity() (which the dedup memory limit counts) bounds the resident
// memory; AllocatedCapacity and CapacityWithin tell what a reserve takes.
// Such a mapping grows by copying the values into a larger one (~1 ms per
// 20 MB), the old one being freed after the copy; moving the pages with
// mremap measured slower: the grown part then mostly took 4 KiB pages.
// Allocation failure throws std::bad_alloc. New elements of resize are
// value-initialized, those of resize_uninitialized unspecified.
template <typename T>
class PodVector {
  static_assert(std::is_trivially_copyable<T>::value,
                "PodVector holds trivially copyable values only");

 public:
  using value_type = T;

  PodVector() = default;
  ~PodVector() { Release(); }
  PodVector(const PodVector& other) { append(other.begin(), other.end()); }
  PodVector& operator=(const PodVector& other) {
    if (this != &other) {
      clear();
      append(other.begin(), other.end());
    }
    return *this;
  }
  PodVector(PodVector&& other) noexcept { swap(other); }
  PodVector& operator=(PodVector&& other) noexcept {
    PodVector(std::move(other)).swap(*this);
    return *this;
  }
  void swap(PodVector& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    std::swap(mapped_bytes_, other.mapped_bytes_);
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }

  // Capacity of at least n elements: AllocatedCapacity(n) if it grows.
  void reserve(size_t n) {
    if (n <= capacity_) return;
    if (n > (SIZE_MAX - kHugeBytes) / sizeof(T)) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugeBytes) {
      void* grown = std::realloc(data_, bytes);
      if (grown == nullptr) throw std::bad_alloc();
      data_ = static_cast<T*>(grown);
    } else {
      GrowMapping(RoundUpToHuge(bytes));
    }
    capacity_ = AllocatedCapacity(n);
  }

  // The capacity that reserve(n) gives an empty vector: n below
  // kHugeBytes, else n rounded up to whole huge pages.
  static size_t AllocatedCapacity(size_t n) {
    const size_t bytes = n * sizeof(T);
    return bytes < kHugeBytes ? n : RoundUpToHuge(bytes) / sizeof(T);
  }
  // The largest capacity whose allocation takes at most n elements' bytes:
  // reserve(m) for any m <= the result allocates no more than that.
  static size_t CapacityWithin(size_t n) {
    const size_t bytes = n * sizeof(T);
    return bytes < kHugeBytes ? n : (bytes & ~(kHugeBytes - 1)) / sizeof(T);
  }

  void push_back(const T& value) {
    if (size_ == capacity_) Grow(size_ + 1);
    data_[size_++] = value;
  }
  void append(const T* first, const T* last) {
    const size_t n = static_cast<size_t>(last - first);
    if (size_ + n > capacity_) Grow(size_ + n);
    if (n != 0) std::memcpy(data_ + size_, first, n * sizeof(T));
    size_ += n;
  }
  void resize(size_t n) {
    if (n > capacity_) Grow(n);
    for (size_t i = size_; i < n; ++i) data_[i] = T();
    size_ = n;
  }
  // Like resize, without writing the new elements: for a caller that
  // overwrites them (a per-document buffer grown once, not zeroed each
  // time).
  void resize_uninitialized(size_t n) {
    if (n > capacity_) Grow(n);
    size_ = n;
  }
  void clear() { size_ = 0; }

 private:
  // Size from which the values live in a huge-page mapping: one huge page.
  static constexpr size_t kHugeBytes = size_t{2} << 20;

  static size_t RoundUpToHuge(size_t bytes) {
    return (bytes + kHugeBytes - 1) & ~(kHugeBytes - 1);
  }

  // Capacity of at least n, at least doubling.
  void Grow(size_t n) {
    reserve(std::max(n, std::max<size_t>(2 * capacity_, 16)));
  }

  // Moves the values into a new mapping of bytes (a multiple of kHugeBytes)
  // that starts on a kHugeBytes boundary, and releases the old memory.
  void GrowMapping(size_t bytes) {
    char* const grown = MapAligned(bytes);
#ifdef MADV_HUGEPAGE
    madvise(grown, bytes, MADV_HUGEPAGE);  // advice only: may be refused
#endif
    if (size_ != 0) std::memcpy(grown, data_, size_ * sizeof(T));
    Release();
    data_ = reinterpret_cast<T*>(grown);
    mapped_bytes_ = bytes;
  }

  // A fresh read-write anonymous mapping of bytes (a multiple of
  // kHugeBytes) starting on a kHugeBytes boundary: one huge page more is
  // mapped and the ends trimmed, as older kernels do not align large
  // anonymous mappings themselves.
  static char* MapAligned(size_t bytes) {
    void* mapped = mmap(nullptr, bytes + kHugeBytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    char* const base = static_cast<char*>(mapped);
    const size_t head =
        (kHugeBytes - reinterpret_cast<uintptr_t>(base) % kHugeBytes) %
        kHugeBytes;
    if (head != 0) munmap(base, head);
    munmap(base + head + bytes, kHugeBytes - head);
    return base + head;
  }

  // Frees the values' memory (nothing if there is none).
  void Release() {
    if (mapped_bytes_ != 0) {
      munmap(data_, mapped_bytes_);
    } else {
      std::free(data_);
    }
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  size_t mapped_bytes_ = 0;  // 0: data_ is a malloc block (or null)
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
