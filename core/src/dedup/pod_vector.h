// SPDX-License-Identifier: Apache-2.0
// PodVector: a growable array of trivially copyable values for the large
// tables of the dedup state, kept in transparent huge pages once large.
#ifndef SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
#define SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_

#include <sys/mman.h>
#include <sys/resource.h>

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
// the faults ~35 % of a sketch. The mapping reserves kReserveFactor times
// the address space it makes accessible (inaccessible and uncharged beyond
// that), so the table grows in place by mprotect, its values never copied:
// sketching a 64 MiB crawl in-process got 2-3 % faster than when each
// growth copied the values into a mapping twice as large (fewer copies,
// fewer huge pages zeroed); a one-shot `safi dedup sketch` showed no
// measurable change. Past the reservation (or when the address space is
// limited and nothing is reserved) the values are copied into a new one.
// Moving the pages with a plain mremap measured slower than copying: the
// grown part then mostly took 4 KiB pages; mremap onto a fresh 2 MiB-aligned
// range advised as a whole kept huge pages but gained less (~1.5 %).
// capacity() (which the dedup memory limit counts) is the accessible part,
// so it bounds the resident memory; AllocatedCapacity and CapacityWithin
// tell what a reserve takes. Allocation failure throws std::bad_alloc. New
// elements of resize are value-initialized, those of resize_uninitialized
// unspecified.
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
    std::swap(reserved_bytes_, other.reserved_bytes_);
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
    } else if (RoundUpToHuge(bytes) <= reserved_bytes_) {
      Commit(RoundUpToHuge(bytes));
    } else {
      Relocate(RoundUpToHuge(bytes));
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
  // A mapping reserves this many times the address space it commits.
  static constexpr size_t kReserveFactor = 64;

  static size_t RoundUpToHuge(size_t bytes) {
    return (bytes + kHugeBytes - 1) & ~(kHugeBytes - 1);
  }

  // Capacity of at least n, at least doubling.
  void Grow(size_t n) {
    reserve(std::max(n, std::max<size_t>(2 * capacity_, 16)));
  }

  // Makes the reserved bytes [mapped_bytes_, bytes) readable and writable;
  // bytes is a multiple of kHugeBytes within reserved_bytes_.
  void Commit(size_t bytes) {
    char* const base = reinterpret_cast<char*>(data_);
    if (mprotect(base + mapped_bytes_, bytes - mapped_bytes_,
                 PROT_READ | PROT_WRITE) != 0) {
      throw std::bad_alloc();
    }
    mapped_bytes_ = bytes;
  }

  // Moves the values into a new reservation whose first bytes (a multiple
  // of kHugeBytes) are committed, and releases the old memory.
  void Relocate(size_t bytes) {
    size_t reserved = 0;
    char* const grown = Reserve(bytes, &reserved);
    if (mprotect(grown, bytes, PROT_READ | PROT_WRITE) != 0) {
      munmap(grown, reserved);
      throw std::bad_alloc();
    }
    if (size_ != 0) std::memcpy(grown, data_, size_ * sizeof(T));
    Release();
    data_ = reinterpret_cast<T*>(grown);
    mapped_bytes_ = bytes;
    reserved_bytes_ = reserved;
  }

  // Inaccessible address space for bytes (a multiple of kHugeBytes),
  // starting on a kHugeBytes boundary and advised as huge pages; *reserved
  // is set to its size: kReserveFactor times bytes when the address space
  // is unlimited and grants it, else bytes (a limit on the address space
  // is often how a user bounds memory, so it is not spent on reservations).
  static char* Reserve(size_t bytes, size_t* reserved) {
    rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY &&
        bytes <= (SIZE_MAX - kHugeBytes) / kReserveFactor) {
      *reserved = bytes * kReserveFactor;
      if (char* const base = MapAligned(*reserved)) return base;
    }
    *reserved = bytes;
    if (char* const base = MapAligned(*reserved)) return base;
    throw std::bad_alloc();
  }

  // Fresh inaccessible anonymous address space of bytes (a multiple of
  // kHugeBytes) starting on a kHugeBytes boundary and advised as huge
  // pages, or null if refused: one huge page more is mapped and the ends
  // trimmed, as older kernels do not align large anonymous mappings. Being
  // inaccessible, it is not charged to the commit limit until mprotect
  // makes part of it writable.
  static char* MapAligned(size_t bytes) {
    void* mapped = mmap(nullptr, bytes + kHugeBytes, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return nullptr;
    char* const base = static_cast<char*>(mapped);
    const size_t head =
        (kHugeBytes - reinterpret_cast<uintptr_t>(base) % kHugeBytes) %
        kHugeBytes;
    if (head != 0) munmap(base, head);
    munmap(base + head + bytes, kHugeBytes - head);
#ifdef MADV_HUGEPAGE
    madvise(base + head, bytes, MADV_HUGEPAGE);  // advice only: may be refused
#endif
    return base + head;
  }

  // Frees the values' memory (nothing if there is none).
  void Release() {
    if (mapped_bytes_ != 0) {
      munmap(data_, reserved_bytes_);
    } else {
      std::free(data_);
    }
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  size_t mapped_bytes_ = 0;  // committed; 0: data_ is a malloc block (or null)
  size_t reserved_bytes_ = 0;  // the mapping's address space, when mapped
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
