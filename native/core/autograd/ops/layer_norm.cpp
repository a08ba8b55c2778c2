// Layer normalisation (see layer_norm.hpp).
#include "layer_norm.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"

namespace lab::ag {

template <class T>
Tensor<T> layer_norm(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double eps) {
  if (x.rank() < 1) shape_error("layer_norm", "expected at least one axis, got " + x.shape.str());
  const std::int64_t D = x.dim(x.rank() - 1), N = x.numel() / D;
  if (gamma.numel() != D || beta.numel() != D) shape_error("layer_norm", "γ and β must have " + std::to_string(D) + " values");
  Tensor<T> out = tape.alloc(x.shape, x.grad != nullptr || gamma.grad != nullptr || beta.grad != nullptr);
  T* saved = tape.scratch(N * D + N);  // x̂, then 1/√(σ² + ε) per row
  T* xhat = saved;
  T* inv = saved + N * D;
  for (std::int64_t r = 0; r < N; ++r) {
    const T* xr = x.value + r * D;
    double mu = 0, var = 0;
    for (std::int64_t j = 0; j < D; ++j) mu += xr[j];
    mu /= static_cast<double>(D);
    for (std::int64_t j = 0; j < D; ++j) var += (xr[j] - mu) * (xr[j] - mu);
    var /= static_cast<double>(D);
    const double s = 1 / std::sqrt(var + eps);
    inv[r] = static_cast<T>(s);
    for (std::int64_t j = 0; j < D; ++j) {
      xhat[r * D + j] = static_cast<T>((xr[j] - mu) * s);
      out.value[r * D + j] = gamma.value[j] * xhat[r * D + j] + beta.value[j];
    }
  }
  if (out.grad) {
    Node<T> node = make_node<T>("layer_norm", out, [](const Node<T>& n) {
      const std::int64_t d = n.in[1].numel(), rows = n.out.numel() / d;
      const T* xh = n.saved;
      const T* iv = n.saved + rows * d;
      for (std::int64_t r = 0; r < rows; ++r) {
        const T* dy = n.out.grad + r * d;
        const T* xr = xh + r * d;
        double mg = 0, mgx = 0;
        for (std::int64_t j = 0; j < d; ++j) {
          const double g = static_cast<double>(dy[j]) * n.in[1].value[j];
          mg += g, mgx += g * xr[j];
          if (n.in[1].grad) n.in[1].grad[j] += dy[j] * xr[j];
          if (n.in[2].grad) n.in[2].grad[j] += dy[j];
        }
        mg /= static_cast<double>(d), mgx /= static_cast<double>(d);
        if (n.in[0].grad)
          for (std::int64_t j = 0; j < d; ++j)
            n.in[0].grad[r * d + j] += static_cast<T>(iv[r] * (static_cast<double>(dy[j]) * n.in[1].value[j] - mg - xr[j] * mgx));
      }
    }, x, gamma);
    node.in[2] = beta;
    node.saved = saved;
    tape.record(node);
  }
  return out;
}

template Tensor<float> layer_norm<float>(Tape<float>&, Tensor<float>, Tensor<float>, Tensor<float>, double);
template Tensor<double> layer_norm<double>(Tape<double>&, Tensor<double>, Tensor<double>, Tensor<double>, double);

}  // namespace lab::ag
