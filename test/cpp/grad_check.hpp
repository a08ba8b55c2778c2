// grad_check — the finite-difference gradient check shared by the autograd tests (test_autograd_*.cpp).
//
// Gradient checks (ggml's test-grad0 idea): for an op f and fixed random weights w, the scalar
// L = Σ w⊙f(inputs) is differentiated by the tape (backward) and by central differences
// (L(x + h) − L(x − h)) / 2h with h = 1e-5 for every element of every input. The error of one element
// is |analytic − numeric| / max(|analytic|, |numeric|, 1e-3) (relative, with a floor so that gradients
// that are 0 on both sides compare by absolute difference); the maximum over all elements must stay
// below kGradTol = 1e-6 (the worst op measures about 2e-8). Why h = 1e-5: the error of a central
// difference is roundoff ≈ ε·|L|/h plus truncation ≈ h²·|f'''|/6, smallest near h = ε^(1/3) ≈ 6e-6;
// with h = 1e-6 the roundoff alone reaches 5e-7 on softplus/gelu gradients of 1e-3.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "runtime/rng.hpp"

namespace grad_check_detail {
namespace ag = lab::ag;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

constexpr double kH = 1e-5;
constexpr double kGradTol = 1e-6;

struct Leaf {
  std::vector<double> value, grad;
  Shape shape;
  bool wants_grad = true;
  TensorD tensor() { return {value.data(), wants_grad ? grad.data() : nullptr, shape}; }
};

// Uniform in [lo, hi]; with away_from_zero, |x| in [0.1, hi] with a random sign.
inline Leaf leaf(Shape shape, lab::Rng& rng, double lo = -1, double hi = 1, bool away_from_zero = false) {
  Leaf l;
  l.shape = shape;
  const auto n = static_cast<std::size_t>(shape.numel());
  l.value.resize(n);
  l.grad.assign(n, 0);
  for (auto& v : l.value) {
    if (away_from_zero) {
      v = 0.1 + (hi - 0.1) * rng.uniform();
      if (rng.uniform() < 0.5) v = -v;
    } else {
      v = lo + (hi - lo) * rng.uniform();
    }
  }
  return l;
}

using Op = std::function<TensorD(TapeD&, std::vector<TensorD>&)>;

inline std::vector<TensorD> tensors(std::vector<Leaf>& leaves) {
  std::vector<TensorD> t;
  for (auto& l : leaves) t.push_back(l.tensor());
  return t;
}

// Max error (see the top of the file) of d(Σ w⊙op(leaves))/d(leaf) over every element of every leaf
// that wants a gradient.
inline double grad_check(std::vector<Leaf>& leaves, const Op& op, std::uint64_t seed = 99) {
  for (auto& l : leaves) std::fill(l.grad.begin(), l.grad.end(), 0.0);
  TapeD tape;
  auto in = tensors(leaves);
  TensorD out = op(tape, in);
  lab::Rng rng(seed);
  std::vector<double> w(static_cast<std::size_t>(out.numel()));
  for (auto& x : w) x = 2 * rng.uniform() - 1;
  TensorD loss = ag::sum(tape, ag::mul(tape, out, ag::constant(w.data(), out.shape)));
  tape.backward(loss);

  TapeD fd_tape;
  auto L = [&] {
    fd_tape.reset();
    auto t = tensors(leaves);
    TensorD y = op(fd_tape, t);
    double s = 0;
    for (std::size_t i = 0; i < w.size(); ++i) s += w[i] * y.value[i];
    return s;
  };
  double worst = 0;
  for (auto& l : leaves) {
    if (!l.wants_grad) continue;
    for (std::size_t i = 0; i < l.value.size(); ++i) {
      const double x = l.value[i];
      l.value[i] = x + kH;
      const double lp = L();
      l.value[i] = x - kH;
      const double lm = L();
      l.value[i] = x;
      const double num = (lp - lm) / (2 * kH), ana = l.grad[i];
      const double err = std::fabs(ana - num) / std::fmax(std::fmax(std::fabs(ana), std::fabs(num)), 1e-3);
      worst = std::fmax(worst, err);
    }
  }
  return worst;
}

// The same check over a model's own parameter slab (its layers read their weights from the store):
// `loss` runs the forward pass on `tape` from scratch and returns the scalar loss.
inline double param_grad_check(ag::ParamStore<double>& store, ag::Tape<double>& tape, const std::function<TensorD()>& loss) {
  store.zero_grad();
  tape.backward(loss());
  const std::vector<double> analytic(store.grads(), store.grads() + store.size());
  double worst = 0;
  for (std::size_t i = 0; i < store.size(); ++i) {
    double& p = store.values()[i];
    const double keep = p;
    p = keep + kH;
    const double lp = loss().value[0];
    p = keep - kH;
    const double lm = loss().value[0];
    p = keep;
    const double num = (lp - lm) / (2 * kH);
    worst = std::fmax(worst, std::fabs(analytic[i] - num) / std::fmax(std::fmax(std::fabs(analytic[i]), std::fabs(num)), 1e-3));
  }
  return worst;
}

// The parameter check of a whole model on one batch under softmax cross-entropy (`input` of shape
// `shape`, one label per example); prints the error and returns it.
template <class Model>
double model_grad_check(ag::ParamStore<double>& store, Model& net, std::vector<double>& input, Shape shape, const std::int32_t* labels) {
  ag::Tape<double> tape;
  auto loss = [&] {
    tape.reset();
    return ag::softmax_cross_entropy(tape, net.forward(tape, ag::constant(input.data(), shape)), labels).loss;
  };
  const double worst = param_grad_check(store, tape, loss);
  std::printf("  %zu parameters: max rel err %.2e\n", store.size(), worst);
  return worst;
}

// Runs a gradient check, prints its error and asserts it.
#define CHECK_GRAD(name, leaves, op)                                                  \
  do {                                                                                \
    const double err_ = grad_check(leaves, op);                                       \
    std::printf("  grad %-34s max rel err %.2e\n", name, err_);                       \
    if (!(err_ < kGradTol))                                                           \
      check::fail(__FILE__, __LINE__, std::string(name) + ": gradient error " + check::num(err_)); \
  } while (0)

}  // namespace grad_check_detail

using grad_check_detail::grad_check;
using grad_check_detail::model_grad_check;
using grad_check_detail::kGradTol;
using grad_check_detail::kH;
using grad_check_detail::leaf;
using grad_check_detail::Leaf;
using grad_check_detail::Op;
using grad_check_detail::param_grad_check;
