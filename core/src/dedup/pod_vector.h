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
// kHugeBytes on they live in an anonymous mapping aligned to and sized in
// multiples of 2 MiB and advised as transparent huge pages, so the kernel
// takes one page fault per 2 MiB instead of one per 4 KiB: a page fault
// costs ~10 us on the virtualized development machine, and 4 KiB pages made
// the faults ~35 % of a sketch. Such a mapping grows by mapping a larger one
// and copying the values (~1 ms per 20 MB; mremap would keep the pages but
// may move them to an address that is not 2 MiB-aligned, which loses the
// huge pages). Resident memory is the touched part, rounded up to 2 MiB
// where huge pages are granted. Allocation failure throws std::bad_alloc.
// New elements of resize are value-initialized.
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

  // Capacity of at least n elements (exactly n if it grows).
  void reserve(size_t n) {
    if (n <= capacity_) return;
    if (n > (SIZE_MAX - kHugeBytes) / sizeof(T)) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugeBytes) {
      void* grown = std::realloc(data_, bytes);
      if (grown == nullptr) throw std::bad_alloc();
      data_ = static_cast<T*>(grown);
    } else {
      GrowMapping((bytes + kHugeBytes - 1) & ~(kHugeBytes - 1));
    }
    capacity_ = n;
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
  void clear() { size_ = 0; }

 private:
  // Size from which the values live in a huge-page mapping: one huge page.
  static constexpr size_t kHugeBytes = size_t{2} << 20;

  // Capacity of at least n, at least doubling.
  void Grow(size_t n) {
    reserve(std::max(n, std::max<size_t>(2 * capacity_, 16)));
  }

  // Moves the values into a new mapping of bytes (a multiple of
  // kHugeBytes) aligned to kHugeBytes, and releases the old memory.
  void GrowMapping(size_t bytes) {
    // Map one huge page more and trim the ends to an aligned range: older
    // kernels do not align large anonymous mappings themselves.
    void* mapped = mmap(nullptr, bytes + kHugeBytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    char* const base = static_cast<char*>(mapped);
    const size_t head =
        (kHugeBytes - reinterpret_cast<uintptr_t>(base) % kHugeBytes) %
        kHugeBytes;
    if (head != 0) munmap(base, head);
    munmap(base + head + bytes, kHugeBytes - head);
    char* const grown = base + head;
#ifdef MADV_HUGEPAGE
    madvise(grown, bytes, MADV_HUGEPAGE);  // advice only: may be refused
#endif
    if (size_ != 0) std::memcpy(grown, data_, size_ * sizeof(T));
    Release();
    data_ = reinterpret_cast<T*>(grown);
    mapped_bytes_ = bytes;
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
