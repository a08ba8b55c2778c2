// add, bias add and mul: forward/backward pairs and tape ops (see binary.hpp).
#include "binary.hpp"

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void add_forward(T* out, const T* a, const T* b, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

template <class T>
void add_backward(T* da, T* db, const T* dout, i64 n) {
  if (da)
    for (i64 i = 0; i < n; ++i) da[i] += dout[i];
  if (db)
    for (i64 i = 0; i < n; ++i) db[i] += dout[i];
}

template <class T>
void bias_add_forward(T* out, const T* x, const T* bias, i64 B, i64 O) {
  for (i64 b = 0; b < B; ++b)
    for (i64 o = 0; o < O; ++o) out[b * O + o] = x[b * O + o] + bias[o];
}

template <class T>
void bias_add_backward(T* dx, T* dbias, const T* dout, i64 B, i64 O) {
  if (dx)
    for (i64 i = 0; i < B * O; ++i) dx[i] += dout[i];
  if (dbias)  // rows in order: a fixed summation order per bias element
    for (i64 b = 0; b < B; ++b)
      for (i64 o = 0; o < O; ++o) dbias[o] += dout[b * O + o];
}

template <class T>
void mul_forward(T* out, const T* a, const T* b, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = a[i] * b[i];
}

template <class T>
void mul_backward(T* da, T* db, const T* dout, const T* a, const T* b, i64 n) {
  if (da)
    for (i64 i = 0; i < n; ++i) da[i] += dout[i] * b[i];
  if (db)
    for (i64 i = 0; i < n; ++i) db[i] += dout[i] * a[i];
}

template <class T>
Tensor<T> add(Tape<T>& tape, Tensor<T> a, Tensor<T> b) {
  const bool bias_row = a.rank() == 2 && b.rank() == 1 && a.dim(1) == b.dim(0);
  if (!bias_row && !(a.shape == b.shape))
    shape_error("add", "shapes " + a.shape.str() + " and " + b.shape.str() +
                           " are neither equal nor a batch [B, O] and a bias row [O]");
  Tensor<T> out = tape.alloc(a.shape, any_grad(a, b));
  if (bias_row) {
    bias_add_forward(out.value, a.value, b.value, a.dim(0), a.dim(1));
    if (out.grad)
      tape.record(make_node<T>("bias_add", out, [](const Node<T>& n) {
        bias_add_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[0].dim(0), n.in[0].dim(1));
      }, a, b));
  } else {
    add_forward(out.value, a.value, b.value, a.numel());
    if (out.grad)
      tape.record(make_node<T>("add", out, [](const Node<T>& n) {
        add_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.out.numel());
      }, a, b));
  }
  return out;
}

template <class T>
Tensor<T> mul(Tape<T>& tape, Tensor<T> a, Tensor<T> b) {
  expect_same_shape("mul", a.shape, b.shape);
  Tensor<T> out = tape.alloc(a.shape, any_grad(a, b));
  mul_forward(out.value, a.value, b.value, a.numel());
  if (out.grad)
    tape.record(make_node<T>("mul", out, [](const Node<T>& n) {
      mul_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[0].value, n.in[1].value, n.out.numel());
    }, a, b));
  return out;
}

#define LAB_BINARY(T)                                                            \
  template void add_forward<T>(T*, const T*, const T*, i64);                     \
  template void add_backward<T>(T*, T*, const T*, i64);                          \
  template void bias_add_forward<T>(T*, const T*, const T*, i64, i64);           \
  template void bias_add_backward<T>(T*, T*, const T*, i64, i64);                \
  template void mul_forward<T>(T*, const T*, const T*, i64);                     \
  template void mul_backward<T>(T*, T*, const T*, const T*, const T*, i64);      \
  template Tensor<T> add<T>(Tape<T>&, Tensor<T>, Tensor<T>);                     \
  template Tensor<T> mul<T>(Tape<T>&, Tensor<T>, Tensor<T>);
LAB_BINARY(float)
LAB_BINARY(double)

}  // namespace lab::ag
