// lab::ag::Shape and lab::ag::Tensor — the non-owning tensor view every op reads and writes.
//
// A Tensor<T> is three things: a pointer to its values, a pointer to its gradient (nullptr when no
// gradient is wanted: data, labels, constants) and a row-major shape of rank 0…4. It owns nothing:
// values and grads live in a ParamStore slab (parameters), in a Tape's arena (activations) or in the
// caller's buffers (a data batch). Copying a Tensor copies the view, never the numbers.
// Not here: storage (param_store.hpp, arena.hpp), the graph (tape.hpp), the ops (ops/).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

namespace lab::ag {

struct Shape {
  static constexpr int kMaxRank = 4;
  int rank = 0;                          // 0 = a scalar (one element)
  std::int64_t dim[kMaxRank] = {1, 1, 1, 1};  // unused trailing entries stay 1

  Shape() = default;
  // Shape{B, K}. Throws lab::Error INTERNAL for rank > 4 or a negative dimension.
  Shape(std::initializer_list<std::int64_t> dims);

  std::int64_t operator[](int i) const { return dim[i]; }
  std::int64_t numel() const { return dim[0] * dim[1] * dim[2] * dim[3]; }
  bool operator==(const Shape& o) const;
  std::string str() const;  // "[2, 3]"; a scalar is "[]"
};

template <class T>
struct Tensor {
  T* value = nullptr;
  T* grad = nullptr;  // nullptr: no gradient flows into this tensor
  Shape shape;

  std::int64_t numel() const { return shape.numel(); }
  int rank() const { return shape.rank; }
  std::int64_t dim(int i) const { return shape.dim[i]; }
  bool requires_grad() const { return grad != nullptr; }
};

// A view of caller-owned numbers that takes no gradient (a data batch, targets, a constant).
template <class T>
Tensor<T> constant(T* value, Shape shape) {
  return Tensor<T>{value, nullptr, shape};
}

}  // namespace lab::ag
