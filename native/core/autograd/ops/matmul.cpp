// matmul forward/backward and its tape op (see matmul.hpp).
#include "matmul.hpp"

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

#define LAB_MATMUL(T)                                                                                    \
  template void matmul_forward<T>(T*, const T*, const T*, std::int64_t, std::int64_t, std::int64_t);    \
  template void matmul_backward<T>(T*, T*, const T*, const T*, const T*, std::int64_t, std::int64_t,     \
                                   std::int64_t);                                                        \
  template Tensor<T> matmul<T>(Tape<T>&, Tensor<T>, Tensor<T>);
LAB_MATMUL(float)
LAB_MATMUL(double)

}  // namespace lab::ag
