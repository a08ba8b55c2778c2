// Layer normalisation (see layer_norm.hpp).
#include "layer_norm.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "sum8.hpp"

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
    const double mu = sum8(D, [xr](std::int64_t j) { return static_cast<double>(xr[j]); }) / static_cast<double>(D);
    const double var = sum8(D, [xr, mu](std::int64_t j) {
      const double c = static_cast<double>(xr[j]) - mu;
      return c * c;
    }) / static_cast<double>(D);
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
        const T* gam = n.in[1].value;
        const double mg = sum8(d, [dy, gam](std::int64_t j) { return static_cast<double>(dy[j]) * gam[j]; }) / static_cast<double>(d);
        const double mgx = sum8(d, [dy, gam, xr](std::int64_t j) { return static_cast<double>(dy[j]) * gam[j] * xr[j]; }) / static_cast<double>(d);
        if (T* dg = n.in[1].grad)
          for (std::int64_t j = 0; j < d; ++j) dg[j] += dy[j] * xr[j];
        if (T* db = n.in[2].grad)
          for (std::int64_t j = 0; j < d; ++j) db[j] += dy[j];
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
