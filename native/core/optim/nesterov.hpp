// lab::optim::Nesterov — Nesterov's accelerated gradient in the look-ahead form: the step uses the
// velocity it is about to have, not the one it had.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   v ← β·v − lr·g              (v starts at 0)
//   θ ← θ + β·v − lr·g
// For a constant lr this equals PyTorch's SGD(momentum=β, nesterov=True) with v = −lr·buf.
// Papers: Y. Nesterov, "A method for solving the convex programming problem with convergence rate
// O(1/k²)", Soviet Math. Dokl., 1983; I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance
// of initialization and momentum in deep learning", ICML 2013 (the form used in deep learning).
#pragma once

#include "velocity_base.hpp"

namespace lab::optim {

using NesterovConfig = VelocityConfig;

template <class T>
class Nesterov final : public VelocityBase<T> {
 public:
  static constexpr const char* kType = "nesterov";
  static constexpr const char* kTitle = "Nesterov momentum";
  static constexpr const char* kFormula = "v ← β·v − lr·g;  θ ← θ + β·v − lr·g";
  static constexpr const char* kPaper =
      "Y. Nesterov, \"A method for solving the convex programming problem with convergence rate O(1/k²)\", "
      "Soviet Math. Dokl., 1983; I. Sutskever, J. Martens, G. Dahl, G. Hinton, \"On the importance of "
      "initialization and momentum in deep learning\", ICML, 2013";

  using VelocityBase<T>::VelocityBase;
  const char* type() const override { return kType; }

 protected:
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);
};

extern template class Nesterov<float>;
extern template class Nesterov<double>;

}  // namespace lab::optim
