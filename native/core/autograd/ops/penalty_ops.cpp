// The gradient-penalty pieces (see penalty_ops.hpp).
#include "penalty_ops.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "gemm.hpp"

namespace lab::ag {

template <class T>
Tensor<T> matmul_bt(Tape<T>& tape, Tensor<T> a, Tensor<T> b) {
  if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(1))
    shape_error("matmul_bt", "expected a [B, I] and b [O, I], got " + a.shape.str() + " and " + b.shape.str());
  const std::int64_t B = a.dim(0), I = a.dim(1), O = b.dim(0);
  Tensor<T> out = tape.alloc(Shape{B, O}, any_grad(a, b));
  gemm_nt(out.value, a.value, b.value, B, I, O, false);
  if (out.grad)
    tape.record(make_node<T>("matmul_bt", out, [](const Node<T>& n) {
      const std::int64_t b_ = n.in[0].dim(0), i_ = n.in[0].dim(1), o_ = n.in[1].dim(0);
      if (n.in[0].grad) gemm_nn(n.in[0].grad, n.out.grad, n.in[1].value, b_, o_, i_, true);
      if (n.in[1].grad) gemm_tn(n.in[1].grad, n.out.grad, n.in[0].value, o_, b_, i_, true);
    }, a, b));
  return out;
}

template <class T>
Tensor<T> scaled_sum(Tape<T>& tape, Tensor<T> x, double c) {
  Tensor<T> out = tape.alloc(Shape{}, x.grad != nullptr);
  double s = 0;
  for (std::int64_t i = 0; i < x.numel(); ++i) s += x.value[i];
  out.value[0] = static_cast<T>(c * s);
  if (out.grad) {
    Node<T> node = make_node<T>("scaled_sum", out, [](const Node<T>& n) {
      const T g = static_cast<T>(n.out.grad[0] * n.scalar);
      for (std::int64_t i = 0; i < n.in[0].numel(); ++i) n.in[0].grad[i] += g;
    }, x);
    node.scalar = c;
    tape.record(node);
  }
  return out;
}

template <class T>
Tensor<T> norm_penalty(Tape<T>& tape, Tensor<T> g, double lambda) {
  if (g.rank() != 2) shape_error("norm_penalty", "expected rows [B, D], got " + g.shape.str());
  const std::int64_t B = g.dim(0), D = g.dim(1);
  Tensor<T> out = tape.alloc(Shape{}, g.grad != nullptr);
  T* norms = tape.scratch(B);
  double s = 0;
  for (std::int64_t b = 0; b < B; ++b) {
    double sq = 0;
    for (std::int64_t j = 0; j < D; ++j) sq += static_cast<double>(g.value[b * D + j]) * g.value[b * D + j];
    norms[b] = static_cast<T>(std::sqrt(sq));
    s += (std::sqrt(sq) - 1) * (std::sqrt(sq) - 1);
  }
  out.value[0] = static_cast<T>(lambda * s / static_cast<double>(B));
  if (out.grad) {
    Node<T> node = make_node<T>("norm_penalty", out, [](const Node<T>& n) {
      const std::int64_t b_ = n.in[0].dim(0), d_ = n.in[0].dim(1);
      for (std::int64_t b = 0; b < b_; ++b) {
        const double nb = n.saved[b];
        if (nb == 0) continue;
        const double f = n.out.grad[0] * n.scalar * 2 / static_cast<double>(b_) * (nb - 1) / nb;
        for (std::int64_t j = 0; j < d_; ++j) n.in[0].grad[b * d_ + j] += static_cast<T>(f * n.in[0].value[b * d_ + j]);
      }
    }, g);
    node.saved = norms;
    node.scalar = lambda;
    tape.record(node);
  }
  return out;
}

#define LAB_PENALTY_OPS(T)                                                   \
  template Tensor<T> matmul_bt<T>(Tape<T>&, Tensor<T>, Tensor<T>);          \
  template Tensor<T> scaled_sum<T>(Tape<T>&, Tensor<T>, double);            \
  template Tensor<T> norm_penalty<T>(Tape<T>&, Tensor<T>, double);
LAB_PENALTY_OPS(float)
LAB_PENALTY_OPS(double)

}  // namespace lab::ag
