// GELU's tanh approximation (see gelu_tanh.hpp).
#include "gelu_tanh.hpp"

#include <cmath>

#include "tanh_fast.hpp"

namespace lab::ag {

namespace {

constexpr double kC = 0.79788456080286535588;  // √(2/π)
constexpr double kA = 0.044715;

void tanh_of(float* out, const float* in, std::int64_t n) { tanh_fast(out, in, n); }
void tanh_of(double* out, const double* in, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
}

}  // namespace

template <class T>
Tensor<T> gelu_tanh(Tape<T>& tape, Tensor<T> x) {
  const std::int64_t n = x.numel();
  Tensor<T> out = tape.alloc(x.shape, x.grad != nullptr);
  T* t = tape.scratch(n);  // tanh(u), kept for the backward
  for (std::int64_t i = 0; i < n; ++i) {
    const T v = x.value[i];
    t[i] = static_cast<T>(kC) * (v + static_cast<T>(kA) * v * v * v);
  }
  tanh_of(t, t, n);
  for (std::int64_t i = 0; i < n; ++i) out.value[i] = T(0.5) * x.value[i] * (T(1) + t[i]);
  if (out.grad) {
    Node<T> node = make_node<T>("gelu_tanh", out, [](const Node<T>& nd) {
      const T* tv = nd.saved;
      for (std::int64_t i = 0; i < nd.out.numel(); ++i) {
        const T v = nd.in[0].value[i], th = tv[i];
        const T d = T(0.5) * (T(1) + th) + T(0.5) * v * (T(1) - th * th) * static_cast<T>(kC) * (T(1) + T(3 * kA) * v * v);
        nd.in[0].grad[i] += nd.out.grad[i] * d;
      }
    }, x);
    node.saved = t;
    tape.record(node);
  }
  return out;
}

template Tensor<float> gelu_tanh<float>(Tape<float>&, Tensor<float>);
template Tensor<double> gelu_tanh<double>(Tape<double>&, Tensor<double>);

}  // namespace lab::ag
