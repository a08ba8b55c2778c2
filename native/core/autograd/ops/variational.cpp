// The VAE's loss pieces (see variational.hpp).
#include "variational.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "activations.hpp"
#include "checks.hpp"
#include "softplus_fast.hpp"
#include "sum8.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void reparameterize_forward(T* z, const T* mu, const T* logvar, const T* eps, i64 n) {
  for (i64 i = 0; i < n; ++i) z[i] = mu[i] + eps[i] * std::exp(T(0.5) * logvar[i]);
}

template <class T>
void reparameterize_backward(T* dmu, T* dlogvar, const T* dz, const T* logvar, const T* eps, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    if (dmu) dmu[i] += dz[i];
    if (dlogvar) dlogvar[i] += dz[i] * eps[i] * T(0.5) * std::exp(T(0.5) * logvar[i]);
  }
}

template <class T>
void gaussian_kl_forward(T* out, const T* mu, const T* logvar, double scale, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) {
    const double m = mu[i], lv = logvar[i];
    s += 1 + lv - m * m - std::exp(lv);
  }
  out[0] = static_cast<T>(-0.5 * s * scale);
}

template <class T>
void gaussian_kl_backward(T* dmu, T* dlogvar, const T* dout, const T* mu, const T* logvar, double scale, i64 n) {
  const T g = static_cast<T>(dout[0] * scale);
  for (i64 i = 0; i < n; ++i) {
    if (dmu) dmu[i] += g * mu[i];
    if (dlogvar) dlogvar[i] += g * T(0.5) * (std::exp(logvar[i]) - T(1));
  }
}

// Floats take log1p(e^−|x|) and σ(x) from softplus_fast.hpp's vector loops, a block at a time (glibc's
// scalar log1pf/expf per element were about a fifth of a VAE step), and sum each block's terms over
// eight partial sums (sum8.hpp: one chain of double adds was another 3 %); doubles call libm.
constexpr i64 kBceBlock = 512;

template <class T>
void bce_with_logits_sum_forward(T* out, const T* z, const T* y, double scale, i64 n) {
  double s = 0;
  if constexpr (std::is_same_v<T, float>) {
    float sp[kBceBlock];
    for (i64 i0 = 0; i0 < n; i0 += kBceBlock) {
      const i64 m = std::min(kBceBlock, n - i0);
      softplus_neg_abs_fast(sp, z + i0, m);
      const float* zb = z + i0;
      const float* yb = y + i0;
      s += sum8(m, [zb, yb, &sp](i64 k) {
        const float x = zb[k];
        return static_cast<double>((x > 0 ? x : 0.0f) - x * yb[k] + sp[k]);
      });
    }
  } else {
    for (i64 i = 0; i < n; ++i) {
      const T x = z[i];
      s += static_cast<double>((x > 0 ? x : T(0)) - x * y[i] + std::log1p(std::exp(-std::fabs(x))));
    }
  }
  out[0] = static_cast<T>(s * scale);
}

template <class T>
void bce_with_logits_sum_backward(T* dz, const T* dout, const T* z, const T* y, double scale, i64 n) {
  const T g = static_cast<T>(dout[0] * scale);
  if constexpr (std::is_same_v<T, float>) {
    float sg[kBceBlock];
    for (i64 i0 = 0; i0 < n; i0 += kBceBlock) {
      const i64 m = std::min(kBceBlock, n - i0);
      sigmoid_fast(sg, z + i0, m);
      for (i64 k = 0; k < m; ++k) dz[i0 + k] += g * (sg[k] - y[i0 + k]);
    }
  } else {
    for (i64 i = 0; i < n; ++i) dz[i] += g * (sigmoid_of(z[i]) - y[i]);
  }
}

template <class T>
void half_squared_sum_forward(T* out, const T* p, const T* t, double scale, i64 n) {
  double s = 0;
  for (i64 i = 0; i < n; ++i) {
    const double d = static_cast<double>(p[i]) - static_cast<double>(t[i]);
    s += d * d;
  }
  out[0] = static_cast<T>(0.5 * s * scale);
}

template <class T>
void half_squared_sum_backward(T* dp, const T* dout, const T* p, const T* t, double scale, i64 n) {
  const T g = static_cast<T>(dout[0] * scale);
  for (i64 i = 0; i < n; ++i) dp[i] += g * (p[i] - t[i]);
}

template <class T>
Tensor<T> reparameterize(Tape<T>& tape, Tensor<T> mu, Tensor<T> logvar, Tensor<T> eps) {
  expect_same_shape("reparameterize", mu.shape, logvar.shape);
  expect_same_shape("reparameterize", mu.shape, eps.shape);
  Tensor<T> z = tape.alloc(mu.shape, any_grad(mu, logvar));
  reparameterize_forward(z.value, mu.value, logvar.value, eps.value, mu.numel());
  if (z.grad) {
    Node<T> node = make_node<T>("reparameterize", z, [](const Node<T>& n) {
      reparameterize_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[1].value, n.in[2].value, n.out.numel());
    }, mu, logvar);
    node.in[2] = eps;
    tape.record(node);
  }
  return z;
}

template <class T>
Tensor<T> gaussian_kl(Tape<T>& tape, Tensor<T> mu, Tensor<T> logvar, double scale) {
  expect_same_shape("gaussian_kl", mu.shape, logvar.shape);
  Tensor<T> out = tape.alloc(Shape{}, any_grad(mu, logvar));
  gaussian_kl_forward(out.value, mu.value, logvar.value, scale, mu.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("gaussian_kl", out, [](const Node<T>& n) {
      gaussian_kl_backward(n.in[0].grad, n.in[1].grad, n.out.grad, n.in[0].value, n.in[1].value, n.scalar, n.in[0].numel());
    }, mu, logvar);
    node.scalar = scale;
    tape.record(node);
  }
  return out;
}

template <class T>
Tensor<T> bce_with_logits_sum(Tape<T>& tape, Tensor<T> logits, Tensor<T> target, double scale) {
  expect_same_shape("bce_with_logits_sum", logits.shape, target.shape);
  Tensor<T> out = tape.alloc(Shape{}, any_grad(logits));
  bce_with_logits_sum_forward(out.value, logits.value, target.value, scale, logits.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("bce_with_logits_sum", out, [](const Node<T>& n) {
      bce_with_logits_sum_backward(n.in[0].grad, n.out.grad, n.in[0].value, n.in[1].value, n.scalar, n.in[0].numel());
    }, logits, target);
    node.scalar = scale;
    tape.record(node);
  }
  return out;
}

template <class T>
Tensor<T> half_squared_sum(Tape<T>& tape, Tensor<T> pred, Tensor<T> target, double scale) {
  expect_same_shape("half_squared_sum", pred.shape, target.shape);
  Tensor<T> out = tape.alloc(Shape{}, any_grad(pred));
  half_squared_sum_forward(out.value, pred.value, target.value, scale, pred.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("half_squared_sum", out, [](const Node<T>& n) {
      half_squared_sum_backward(n.in[0].grad, n.out.grad, n.in[0].value, n.in[1].value, n.scalar, n.in[0].numel());
    }, pred, target);
    node.scalar = scale;
    tape.record(node);
  }
  return out;
}

#define LAB_VARIATIONAL(T)                                                                          \
  template void reparameterize_forward<T>(T*, const T*, const T*, const T*, i64);                    \
  template void reparameterize_backward<T>(T*, T*, const T*, const T*, const T*, i64);               \
  template void gaussian_kl_forward<T>(T*, const T*, const T*, double, i64);                         \
  template void gaussian_kl_backward<T>(T*, T*, const T*, const T*, const T*, double, i64);          \
  template void bce_with_logits_sum_forward<T>(T*, const T*, const T*, double, i64);                 \
  template void bce_with_logits_sum_backward<T>(T*, const T*, const T*, const T*, double, i64);      \
  template void half_squared_sum_forward<T>(T*, const T*, const T*, double, i64);                    \
  template void half_squared_sum_backward<T>(T*, const T*, const T*, const T*, double, i64);         \
  template Tensor<T> reparameterize<T>(Tape<T>&, Tensor<T>, Tensor<T>, Tensor<T>);                  \
  template Tensor<T> gaussian_kl<T>(Tape<T>&, Tensor<T>, Tensor<T>, double);                        \
  template Tensor<T> bce_with_logits_sum<T>(Tape<T>&, Tensor<T>, Tensor<T>, double);                \
  template Tensor<T> half_squared_sum<T>(Tape<T>&, Tensor<T>, Tensor<T>, double);
LAB_VARIATIONAL(float)
LAB_VARIATIONAL(double)

}  // namespace lab::ag
