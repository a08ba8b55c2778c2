// lab::ag::Arena — bump allocation for one step's activations, gradients and saved buffers, with a
// capacity that is kept: reset() rewinds and frees nothing.
//
// Memory comes in blocks; a block is never moved or freed before the arena dies, so every pointer
// handed out stays valid until reset(). A step makes the same requests in the same order as the step
// before, so after the first step it walks the same blocks again and allocates nothing (growths()
// stops changing; the tests count it). Every allocation is aligned to 64 bytes.
// Not here: parameters (param_store.hpp); the graph (tape.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lab::ag {

template <class T>
class Arena {
 public:
  static constexpr std::size_t kAlignBytes = 64;
  static constexpr std::int64_t kAlign = static_cast<std::int64_t>(kAlignBytes / sizeof(T));

  // first_block: elements in the first block (later blocks double, or fit the request).
  explicit Arena(std::int64_t first_block = 1 << 14) : first_block_(first_block) {}
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  T* alloc(std::int64_t n);         // uninitialised
  T* alloc_zeroed(std::int64_t n);  // set to 0
  void reset() { cur_ = 0, off_ = 0, used_ = 0; }

  std::int64_t capacity() const { return capacity_; }  // elements held in all blocks
  std::int64_t used() const { return used_; }          // elements handed out since reset (padded)
  std::int64_t growths() const { return static_cast<std::int64_t>(blocks_.size()); }  // blocks allocated

 private:
  struct Block { T* data; std::int64_t size; };
  std::vector<Block> blocks_;
  std::size_t cur_ = 0;     // block being filled
  std::int64_t off_ = 0;    // elements used in blocks_[cur_]
  std::int64_t used_ = 0, capacity_ = 0, first_block_;
};

}  // namespace lab::ag
