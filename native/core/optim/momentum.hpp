// lab::optim::Momentum — heavy-ball momentum: a velocity that remembers past gradients.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   v ← β·v − lr·g              (v starts at 0)
//   θ ← θ + v
// This is the primer's form. PyTorch's SGD(momentum=β) keeps buf ← β·buf + g and steps θ −= lr·buf:
// the same trajectory while lr is constant (v = −lr·buf); when lr changes, ours keeps the old
// velocity as it was, PyTorch rescales it by the new lr.
// Paper: B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
// USSR Comput. Math. Math. Phys., 1964.
#pragma once

#include "velocity_base.hpp"

namespace lab::optim {

using MomentumConfig = VelocityConfig;

template <class T>
class Momentum final : public VelocityBase<T> {
 public:
  static constexpr const char* kType = "momentum";
  static constexpr const char* kTitle = "Momentum";
  static constexpr const char* kFormula = "v ← β·v − lr·g;  θ ← θ + v";
  static constexpr const char* kPaper =
      "B. T. Polyak, \"Some methods of speeding up the convergence of iteration methods\", "
      "USSR Comput. Math. Math. Phys., 1964";

  using VelocityBase<T>::VelocityBase;
  const char* type() const override { return kType; }

 protected:
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);
};

extern template class Momentum<float>;
extern template class Momentum<double>;

}  // namespace lab::optim
