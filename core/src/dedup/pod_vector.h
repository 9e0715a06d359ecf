// SPDX-License-Identifier: Apache-2.0
// PodVector: a growable array of trivially copyable values that grows with
// realloc, for the large tables of the dedup state.
#ifndef SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
#define SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace safi {
namespace dedup {

// Like std::vector<T> for trivially copyable T, but growing by realloc:
// glibc moves a large block by remapping its pages (mremap), so growth
// neither copies the values nor touches fresh memory for them, where a
// std::vector copies everything into a new block at each doubling.
// Allocation failure throws std::bad_alloc. New elements of resize are
// value-initialized.
template <typename T>
class PodVector {
  static_assert(std::is_trivially_copyable<T>::value,
                "PodVector holds trivially copyable values only");

 public:
  using value_type = T;

  PodVector() = default;
  ~PodVector() { std::free(data_); }
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

  // Capacity of at least n elements.
  void reserve(size_t n) {
    if (n <= capacity_) return;
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    void* grown = std::realloc(data_, n * sizeof(T));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(grown);
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
  // Capacity of at least n, at least doubling.
  void Grow(size_t n) {
    reserve(std::max(n, std::max<size_t>(2 * capacity_, 16)));
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace dedup
}  // namespace safi

#endif  // SAFI_CORE_SRC_DEDUP_POD_VECTOR_H_
