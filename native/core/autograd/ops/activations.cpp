// The activations' forward/backward pairs and tape ops (see activations.hpp).
#include "activations.hpp"

#include <cmath>
#include <type_traits>

#include "tanh_fast.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
T sigmoid_of(T x) {
  if (x >= 0) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);  // x < 0: e^x cannot overflow
  return e / (T(1) + e);
}

template <class T>
void relu_forward(T* out, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = inp[i] > 0 ? inp[i] : T(0);
}
// The backward loops load dout[i] whatever the branch: a select between two loaded values vectorises,
// a load on one side only does not (the compiler may not read memory the source does not).
template <class T>
void relu_backward(T* dinp, const T* dout, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    const T d = dout[i];
    dinp[i] += inp[i] > 0 ? d : T(0);
  }
}

template <class T>
void leaky_relu_forward(T* out, const T* inp, T alpha, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = inp[i] > 0 ? inp[i] : alpha * inp[i];
}
template <class T>
void leaky_relu_backward(T* dinp, const T* dout, const T* inp, T alpha, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    const T d = dout[i];
    dinp[i] += inp[i] > 0 ? d : alpha * d;
  }
}

template <class T>
void tanh_forward(T* out, const T* inp, i64 n) {
  if constexpr (std::is_same_v<T, float>) {
    tanh_fast(out, inp, n);  // vectorised, within 2 ulp (tanh_fast.hpp)
  } else {
    for (i64 i = 0; i < n; ++i) out[i] = std::tanh(inp[i]);
  }
}
template <class T>
void tanh_backward(T* dinp, const T* dout, const T* out, i64 n) {
  for (i64 i = 0; i < n; ++i) dinp[i] += dout[i] * (T(1) - out[i] * out[i]);
}

template <class T>
void sigmoid_forward(T* out, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = sigmoid_of(inp[i]);
}
template <class T>
void sigmoid_backward(T* dinp, const T* dout, const T* out, i64 n) {
  for (i64 i = 0; i < n; ++i) dinp[i] += dout[i] * out[i] * (T(1) - out[i]);
}

constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

template <class T>
void gelu_forward(T* out, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    const T x = inp[i];
    out[i] = T(0.5) * x * (T(1) + std::erf(x * T(kInvSqrt2)));
  }
}
template <class T>
void gelu_backward(T* dinp, const T* dout, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    const T x = inp[i];
    const T cdf = T(0.5) * (T(1) + std::erf(x * T(kInvSqrt2)));
    const T pdf = T(kInvSqrt2Pi) * std::exp(T(-0.5) * x * x);
    dinp[i] += dout[i] * (cdf + x * pdf);
  }
}

template <class T>
void softplus_forward(T* out, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) {
    const T x = inp[i];
    out[i] = (x > 0 ? x : T(0)) + std::log1p(std::exp(-std::fabs(x)));
  }
}
template <class T>
void softplus_backward(T* dinp, const T* dout, const T* inp, i64 n) {
  for (i64 i = 0; i < n; ++i) dinp[i] += dout[i] * sigmoid_of(inp[i]);
}

// ---- tape ops ---------------------------------------------------------------------------------------
template <class T>
Tensor<T> relu(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  relu_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("relu", out, [](const Node<T>& n) {
      relu_backward(n.in[0].grad, n.out.grad, n.in[0].value, n.out.numel());
    }, x));
  return out;
}

template <class T>
Tensor<T> leaky_relu(Tape<T>& tape, Tensor<T> x, double alpha) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  leaky_relu_forward(out.value, x.value, static_cast<T>(alpha), x.numel());
  if (out.grad) {
    Node<T> node = make_node<T>("leaky_relu", out, [](const Node<T>& n) {
      leaky_relu_backward(n.in[0].grad, n.out.grad, n.in[0].value, static_cast<T>(n.scalar), n.out.numel());
    }, x);
    node.scalar = alpha;
    tape.record(node);
  }
  return out;
}

template <class T>
Tensor<T> tanh(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  tanh_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("tanh", out, [](const Node<T>& n) {
      tanh_backward(n.in[0].grad, n.out.grad, n.out.value, n.out.numel());
    }, x));
  return out;
}

template <class T>
Tensor<T> sigmoid(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  sigmoid_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("sigmoid", out, [](const Node<T>& n) {
      sigmoid_backward(n.in[0].grad, n.out.grad, n.out.value, n.out.numel());
    }, x));
  return out;
}

template <class T>
Tensor<T> gelu(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  gelu_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("gelu", out, [](const Node<T>& n) {
      gelu_backward(n.in[0].grad, n.out.grad, n.in[0].value, n.out.numel());
    }, x));
  return out;
}

template <class T>
Tensor<T> softplus(Tape<T>& tape, Tensor<T> x) {
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  softplus_forward(out.value, x.value, x.numel());
  if (out.grad)
    tape.record(make_node<T>("softplus", out, [](const Node<T>& n) {
      softplus_backward(n.in[0].grad, n.out.grad, n.in[0].value, n.out.numel());
    }, x));
  return out;
}

#define LAB_ACTIVATIONS(T)                                                      \
  template T sigmoid_of<T>(T);                                                  \
  template void relu_forward<T>(T*, const T*, i64);                             \
  template void relu_backward<T>(T*, const T*, const T*, i64);                  \
  template void leaky_relu_forward<T>(T*, const T*, T, i64);                    \
  template void leaky_relu_backward<T>(T*, const T*, const T*, T, i64);         \
  template void tanh_forward<T>(T*, const T*, i64);                             \
  template void tanh_backward<T>(T*, const T*, const T*, i64);                  \
  template void sigmoid_forward<T>(T*, const T*, i64);                          \
  template void sigmoid_backward<T>(T*, const T*, const T*, i64);               \
  template void gelu_forward<T>(T*, const T*, i64);                             \
  template void gelu_backward<T>(T*, const T*, const T*, i64);                  \
  template void softplus_forward<T>(T*, const T*, i64);                         \
  template void softplus_backward<T>(T*, const T*, const T*, i64);              \
  template Tensor<T> relu<T>(Tape<T>&, Tensor<T>);                              \
  template Tensor<T> leaky_relu<T>(Tape<T>&, Tensor<T>, double);                \
  template Tensor<T> tanh<T>(Tape<T>&, Tensor<T>);                              \
  template Tensor<T> sigmoid<T>(Tape<T>&, Tensor<T>);                           \
  template Tensor<T> gelu<T>(Tape<T>&, Tensor<T>);                              \
  template Tensor<T> softplus<T>(Tape<T>&, Tensor<T>);
LAB_ACTIVATIONS(float)
LAB_ACTIVATIONS(double)

}  // namespace lab::ag
