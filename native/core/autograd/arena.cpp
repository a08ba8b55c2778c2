// Block allocation for the arena (see arena.hpp).
#include "arena.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace lab::ag {

template <class T>
Arena<T>::~Arena() {
  for (const Block& b : blocks_) ::operator delete(b.data, std::align_val_t(kAlignBytes));
}

template <class T>
T* Arena<T>::alloc(std::int64_t n) {
  n = std::max<std::int64_t>(kAlign, (n + kAlign - 1) / kAlign * kAlign);
  // Walk the blocks kept from earlier steps first; a request that does not fit skips to the next one.
  while (cur_ < blocks_.size() && off_ + n > blocks_[cur_].size) ++cur_, off_ = 0;
  if (cur_ == blocks_.size()) {
    const std::int64_t last = blocks_.empty() ? 0 : blocks_.back().size;
    const std::int64_t size = std::max({n, first_block_, 2 * last});
    void* p = ::operator new(static_cast<std::size_t>(size) * sizeof(T), std::align_val_t(kAlignBytes));
    blocks_.push_back({static_cast<T*>(p), size});
    capacity_ += size;
    off_ = 0;
  }
  T* p = blocks_[cur_].data + off_;
  off_ += n;
  used_ += n;
  return p;
}

template <class T>
T* Arena<T>::alloc_zeroed(std::int64_t n) {
  T* p = alloc(n);
  std::memset(p, 0, static_cast<std::size_t>(std::max<std::int64_t>(n, 0)) * sizeof(T));
  return p;
}

template class Arena<float>;
template class Arena<double>;

}  // namespace lab::ag
