// lab::ag::Tape — the computation graph of one forward pass, recorded as it runs, and backward().
//
// Each op's tape-level wrapper (ops/*.hpp) allocates its output from the tape's arena, runs its plain
// forward function and records one Node: the backward function and the tensors it needs. The tape
// order is a valid topological order (an op can only use tensors that already exist), so backward()
// clears the grads of the tensors the tape made, seeds d(loss)/d(loss) = 1 and runs the nodes in
// reverse. Each backward function ACCUMULATES (+=) into its inputs' grads: a tensor used twice gets
// both contributions, and parameters and other caller-owned tensors keep what they had (clear the
// parameters with ParamStore::zero_grad before each step; a second backward adds the same again).
//
//   tape.reset();                          // start a step: rewinds the arena, frees nothing
//   Tensor<float> y = model.forward(tape, x);
//   Tensor<float> loss = ag::mse(tape, y, target);
//   store.zero_grad();
//   tape.backward(loss);                   // store.grads() now holds d(loss)/dθ
//
// Tensors that the tape did not allocate (parameters, data, labels) must outlive backward().
// A tensor whose inputs all have grad == nullptr gets grad == nullptr and records no node.
// Not here: the ops themselves (ops/), parameter storage (param_store.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "arena.hpp"
#include "tensor.hpp"

namespace lab {
class ThreadPool;  // runtime/thread_pool.hpp
}  // namespace lab

namespace lab::ag {

template <class T>
struct Node {
  using Backward = void (*)(const Node& node);
  Backward backward = nullptr;   // adds this op's input gradients from out.grad
  const char* op = "";           // "matmul", for messages and debugging
  Tensor<T> out;                 // the op's output (value and grad)
  Tensor<T> in[3];               // the op's inputs (unused ones stay empty)
  T* saved = nullptr;            // an arena buffer the forward kept (softmax probabilities, dropout mask)
  const std::int32_t* labels = nullptr;  // class labels (cross-entropy); caller-owned
  double scalar = 0;             // an op constant: leaky-relu slope, penalty λ …
  std::int64_t ints[4] = {};     // integer op constants for ops to come (a convolution's stride, padding …)
  ThreadPool* pool = nullptr;    // the tape's pool when the op was recorded (ops that split a batch)
  void* extra = nullptr;         // a caller-owned side buffer the backward writes (a recurrence's per-step gradient norms)
};

// A node for op `op` with output `out`, inputs in0 (and in1) and backward function `bw`.
template <class T>
Node<T> make_node(const char* op, Tensor<T> out, typename Node<T>::Backward bw, Tensor<T> in0 = {},
                  Tensor<T> in1 = {}) {
  Node<T> n;
  n.backward = bw;
  n.op = op;
  n.out = out;
  n.in[0] = in0;
  n.in[1] = in1;
  return n;
}

template <class T>
class Tape {
 public:
  Tape() = default;
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  // A tensor of the arena: values uninitialised; a grad (cleared by backward) when with_grad, else nullptr.
  Tensor<T> alloc(Shape shape, bool with_grad);
  // A buffer of n elements for an op to keep for its backward (uninitialised).
  T* scratch(std::int64_t n) { return arena_.alloc(n); }
  // Threads an op may split its batch over (convolutions: fixed chunks of samples, reduced in chunk
  // order, so the numbers are the same bits for any thread count); nullptr: this thread only.
  void set_pool(ThreadPool* pool) { pool_ = pool; }
  ThreadPool* pool() const { return pool_; }
  void record(const Node<T>& node) {
    if (nodes_.size() == nodes_.capacity()) ++node_growths_;  // push_back is about to allocate
    nodes_.push_back(node);
  }

  // Clears the grads of the tape's tensors, seeds loss.grad = 1 and runs every node's backward in reverse
  // order. Throws INTERNAL if `loss` has more than one element or no gradient (depends on no parameter).
  void backward(Tensor<T> loss);
  // Forgets the nodes and rewinds the arena; keeps all capacity. Tensors of the last step become invalid.
  void reset();

  std::int64_t size() const { return static_cast<std::int64_t>(nodes_.size()); }  // nodes recorded
  const Node<T>& node(std::int64_t i) const { return nodes_[static_cast<std::size_t>(i)]; }
  const Arena<T>& arena() const { return arena_; }
  // Heap allocations made so far by the tape (arena blocks + node-list growths). Constant once a
  // training loop has done its first step.
  std::int64_t growths() const { return arena_.growths() + node_growths_; }

 private:
  Arena<T> arena_;
  std::vector<Node<T>> nodes_;
  std::int64_t node_growths_ = 0;
  ThreadPool* pool_ = nullptr;
};

// True when any input wants a gradient (then the output does too).
template <class T>
bool any_grad(const Tensor<T>& a) {
  return a.grad != nullptr;
}
template <class T>
bool any_grad(const Tensor<T>& a, const Tensor<T>& b) {
  return a.grad != nullptr || b.grad != nullptr;
}

}  // namespace lab::ag
