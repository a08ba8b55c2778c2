// L1 and L2 penalties (see penalties.hpp).
#include "penalties.hpp"

#include <cmath>

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void l2_penalty_forward(T* out, const T* theta, T lambda, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) s += static_cast<double>(theta[i]) * static_cast<double>(theta[i]);
  out[0] = static_cast<T>(static_cast<double>(lambda) * s);
}
template <class T>
void l2_penalty_backward(T* dtheta, const T* dout, const T* theta, T lambda, i64 n) {
  const T g = T(2) * lambda * dout[0];
  for (i64 i = 0; i < n; ++i) dtheta[i] += g * theta[i];
}

template <class T>
void l1_penalty_forward(T* out, const T* theta, T lambda, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) s += std::fabs(static_cast<double>(theta[i]));
  out[0] = static_cast<T>(static_cast<double>(lambda) * s);
}
template <class T>
void l1_penalty_backward(T* dtheta, const T* dout, const T* theta, T lambda, i64 n) {
  const T g = lambda * dout[0];
  for (i64 i = 0; i < n; ++i) dtheta[i] += theta[i] > 0 ? g : (theta[i] < 0 ? -g : T(0));
}

template <class T>
Tensor<T> l2_penalty(Tape<T>& tape, Tensor<T> theta, double lambda) {
  Tensor<T> out = tape.alloc(Shape{}, any_grad(theta));
  l2_penalty_forward(out.value, theta.value, static_cast<T>(lambda), theta.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("l2_penalty", out, [](const Node<T>& n) {
      l2_penalty_backward(n.in[0].grad, n.out.grad, n.in[0].value, static_cast<T>(n.scalar), n.in[0].numel());
    }, theta);
    node.scalar = lambda;
    tape.record(node);
  }
  return out;
}

template <class T>
Tensor<T> l1_penalty(Tape<T>& tape, Tensor<T> theta, double lambda) {
  Tensor<T> out = tape.alloc(Shape{}, any_grad(theta));
  l1_penalty_forward(out.value, theta.value, static_cast<T>(lambda), theta.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("l1_penalty", out, [](const Node<T>& n) {
      l1_penalty_backward(n.in[0].grad, n.out.grad, n.in[0].value, static_cast<T>(n.scalar), n.in[0].numel());
    }, theta);
    node.scalar = lambda;
    tape.record(node);
  }
  return out;
}

#define LAB_PENALTIES(T)                                                          \
  template void l2_penalty_forward<T>(T*, const T*, T, i64);                      \
  template void l2_penalty_backward<T>(T*, const T*, const T*, T, i64);           \
  template void l1_penalty_forward<T>(T*, const T*, T, i64);                      \
  template void l1_penalty_backward<T>(T*, const T*, const T*, T, i64);           \
  template Tensor<T> l2_penalty<T>(Tape<T>&, Tensor<T>, double);                  \
  template Tensor<T> l1_penalty<T>(Tape<T>&, Tensor<T>, double);
LAB_PENALTIES(float)
LAB_PENALTIES(double)

}  // namespace lab::ag
