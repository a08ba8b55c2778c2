// sum and mean (see reduce.hpp).
#include "reduce.hpp"

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void sum_forward(T* out, const T* x, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) s += x[i];
  out[0] = static_cast<T>(s);
}

template <class T>
void sum_backward(T* dx, const T* dout, i64 n) {
  const T g = dout[0];
  for (i64 i = 0; i < n; ++i) dx[i] += g;
}

template <class T>
void mean_forward(T* out, const T* x, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) s += x[i];
  out[0] = static_cast<T>(s / static_cast<double>(n));
}

template <class T>
void mean_backward(T* dx, const T* dout, i64 n) {
  const T g = static_cast<T>(dout[0] / static_cast<double>(n));
  for (i64 i = 0; i < n; ++i) dx[i] += g;
}

template <class T>
Tensor<T> sum(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(Shape{}, any_grad(x));
  sum_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("sum", out, [](const Node<T>& n) {
      sum_backward(n.in[0].grad, n.out.grad, n.in[0].numel());
    }, x));
  return out;
}

template <class T>
Tensor<T> mean(Tape<T>& tape, Tensor<T> x) {
  if (x.numel() == 0) shape_error("mean", "the mean of no elements");
  Tensor<T> out = tape.alloc(Shape{}, any_grad(x));
  mean_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("mean", out, [](const Node<T>& n) {
      mean_backward(n.in[0].grad, n.out.grad, n.in[0].numel());
    }, x));
  return out;
}

#define LAB_REDUCE(T)                                   \
  template void sum_forward<T>(T*, const T*, i64);      \
  template void sum_backward<T>(T*, const T*, i64);     \
  template void mean_forward<T>(T*, const T*, i64);     \
  template void mean_backward<T>(T*, const T*, i64);    \
  template Tensor<T> sum<T>(Tape<T>&, Tensor<T>);       \
  template Tensor<T> mean<T>(Tape<T>&, Tensor<T>);
LAB_REDUCE(float)
LAB_REDUCE(double)

}  // namespace lab::ag
