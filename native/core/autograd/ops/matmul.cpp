// matmul forward/backward and its tape op (see matmul.hpp).
#include "matmul.hpp"

#include <algorithm>

#include "checks.hpp"
#include "gemm.hpp"

namespace lab::ag {

template <class T>
void matmul_forward(T* out, const T* inp, const T* w, std::int64_t B, std::int64_t I, std::int64_t O) {
  gemm_nn(out, inp, w, B, I, O, false);  // out[B,O] = inp[B,I] · w[I,O]
}

template <class T>
void matmul_backward(T* dinp, T* dw, const T* dout, const T* inp, const T* w, std::int64_t B, std::int64_t I,
                     std::int64_t O) {
  if (dinp) gemm_nt(dinp, dout, w, B, O, I, true);  // dinp[B,I] += dout[B,O] · w[I,O]ᵀ
  if (dw) gemm_tn(dw, inp, dout, I, B, O, true);    // dw[I,O]   += inp[B,I]ᵀ · dout[B,O]
}

template <class T>
Tensor<T> matmul(Tape<T>& tape, Tensor<T> a, Tensor<T> b) {
  expect_rank("matmul", "the left operand", a.shape, 2);
  expect_rank("matmul", "the right operand", b.shape, 2);
  if (a.dim(1) != b.dim(0))
    shape_error("matmul", "inner dimensions differ: " + a.shape.str() + " · " + b.shape.str());
  Tensor<T> out = tape.alloc(Shape{a.dim(0), b.dim(1)}, any_grad(a, b));
  matmul_forward(out.value, a.value, b.value, a.dim(0), a.dim(1), b.dim(1));
  if (out.grad) {
    tape.record(make_node<T>("matmul", out, [](const Node<T>& n) {
      const Tensor<T>& x = n.in[0];
      const Tensor<T>& w = n.in[1];
      matmul_backward(x.grad, w.grad, n.out.grad, x.value, w.value, x.dim(0), x.dim(1), w.dim(1));
    }, a, b));
  }
  return out;
}

template <class T>
Tensor<T> linear(Tape<T>& tape, Tensor<T> x, Tensor<T> w, Tensor<T> bias) {
  expect_rank("linear", "the input", x.shape, 2);
  expect_rank("linear", "the weight", w.shape, 2);
  if (x.dim(1) != w.dim(0)) shape_error("linear", "inner dimensions differ: " + x.shape.str() + " · " + w.shape.str());
  if (!(bias.shape == Shape{w.dim(1)})) shape_error("linear", "the bias must have shape " + Shape{w.dim(1)}.str() + ", got " + bias.shape.str());
  const std::int64_t B = x.dim(0), I = x.dim(1), O = w.dim(1);
  Tensor<T> out = tape.alloc(Shape{B, O}, any_grad(x, w) || bias.requires_grad());
  for (std::int64_t r = 0; r < B; ++r) std::copy_n(bias.value, O, out.value + r * O);
  gemm_nn(out.value, x.value, w.value, B, I, O, true);  // out = bias + x·w
  if (out.grad) {
    Node<T> node = make_node<T>("linear", out, [](const Node<T>& n) {
      const Tensor<T>& xx = n.in[0];
      const Tensor<T>& ww = n.in[1];
      const std::int64_t rows = xx.dim(0), in = xx.dim(1), outs = ww.dim(1);
      if (T* db = n.in[2].grad)  // rows in order, as bias_add_backward
        for (std::int64_t r = 0; r < rows; ++r)
          for (std::int64_t o = 0; o < outs; ++o) db[o] += n.out.grad[r * outs + o];
      matmul_backward(xx.grad, ww.grad, n.out.grad, xx.value, ww.value, rows, in, outs);
    }, x, w);
    node.in[2] = bias;
    tape.record(node);
  }
  return out;
}

#define LAB_MATMUL(T)                                                                                    \
  template void matmul_forward<T>(T*, const T*, const T*, std::int64_t, std::int64_t, std::int64_t);    \
  template void matmul_backward<T>(T*, T*, const T*, const T*, const T*, std::int64_t, std::int64_t,     \
                                   std::int64_t);                                                        \
  template Tensor<T> matmul<T>(Tape<T>&, Tensor<T>, Tensor<T>);                                        \
  template Tensor<T> linear<T>(Tape<T>&, Tensor<T>, Tensor<T>, Tensor<T>);
LAB_MATMUL(float)
LAB_MATMUL(double)

}  // namespace lab::ag
