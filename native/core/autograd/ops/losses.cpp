// MSE and binary cross-entropy with logits (see losses.hpp).
#include "losses.hpp"

#include <cmath>

#include "activations.hpp"
#include "checks.hpp"
#include "sum8.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void mse_forward(T* out, const T* pred, const T* target, i64 n) {
  const double s = sum8(n, [pred, target](i64 i) {
    const double d = static_cast<double>(pred[i]) - static_cast<double>(target[i]);
    return d * d;
  });
  out[0] = static_cast<T>(s / static_cast<double>(n));
}

template <class T>
void mse_backward(T* dpred, T* dtarget, const T* dout, const T* pred, const T* target, i64 n) {
  const T g = static_cast<T>(2.0 * dout[0] / static_cast<double>(n));
  if (dpred)
    for (i64 i = 0; i < n; ++i) dpred[i] += g * (pred[i] - target[i]);
  if (dtarget)
    for (i64 i = 0; i < n; ++i) dtarget[i] -= g * (pred[i] - target[i]);
}

template <class T>
void bce_with_logits_forward(T* out, const T* z, const T* y, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) {
    const T x = z[i];
    s += static_cast<double>((x > 0 ? x : T(0)) - x * y[i] + std::log1p(std::exp(-std::fabs(x))));
  }
  out[0] = static_cast<T>(s / static_cast<double>(n));
}

template <class T>
void bce_with_logits_backward(T* dz, T* dy, const T* dout, const T* z, const T* y, i64 n) {
  const T g = static_cast<T>(dout[0] / static_cast<double>(n));
  for (i64 i = 0; i < n; ++i) {
    if (dz) dz[i] += g * (sigmoid_of(z[i]) - y[i]);
    if (dy) dy[i] -= g * z[i];
  }
}

template <class T>
Tensor<T> mse(Tape<T>& tape, Tensor<T> pred, Tensor<T> target) {
  expect_same_shape("mse", pred.shape, target.shape);
  if (pred.numel() == 0) shape_error("mse", "no elements");
  Tensor<T> out = tape.alloc(Shape{}, any_grad(pred, target));
  mse_forward(out.value, pred.value, target.value, pred.numel());
  if (out.grad)
    tape.record(make_node<T>("mse", out, [](const Node<T>& n) {
      mse_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[0].value, n.in[1].value, n.in[0].numel());
    }, pred, target));
  return out;
}

template <class T>
Tensor<T> bce_with_logits(Tape<T>& tape, Tensor<T> logits, Tensor<T> target) {
  expect_same_shape("bce_with_logits", logits.shape, target.shape);
  if (logits.numel() == 0) shape_error("bce_with_logits", "no elements");
  Tensor<T> out = tape.alloc(Shape{}, any_grad(logits, target));
  bce_with_logits_forward(out.value, logits.value, target.value, logits.numel());
  if (out.grad)
    tape.record(make_node<T>("bce_with_logits", out, [](const Node<T>& n) {
      bce_with_logits_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[0].value, n.in[1].value,
                               n.in[0].numel());
    }, logits, target));
  return out;
}

#define LAB_LOSSES(T)                                                                   \
  template void mse_forward<T>(T*, const T*, const T*, i64);                            \
  template void mse_backward<T>(T*, T*, const T*, const T*, const T*, i64);             \
  template void bce_with_logits_forward<T>(T*, const T*, const T*, i64);                \
  template void bce_with_logits_backward<T>(T*, T*, const T*, const T*, const T*, i64); \
  template Tensor<T> mse<T>(Tape<T>&, Tensor<T>, Tensor<T>);                            \
  template Tensor<T> bce_with_logits<T>(Tape<T>&, Tensor<T>, Tensor<T>);
LAB_LOSSES(float)
LAB_LOSSES(double)

}  // namespace lab::ag
