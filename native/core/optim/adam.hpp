// lab::optim::Adam — momentum on the gradient (m) divided by the RMS of recent gradients (√v), both
// bias-corrected so the first steps are not shrunk by the zero start.
//   g ← g + wd·θ                         (L2 weight decay; off by default — see adamw.hpp for decoupled)
//   m ← β1·m + (1 − β1)·g                (m, v start at 0; t = 1 for the first update)
//   v ← β2·v + (1 − β2)·g²
//   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)   (bias_correction off: m̂ = m, v̂ = v)
//   θ ← θ − lr·m̂ / (√v̂ + ε)
// read_state gives m, v and m̂, v̂ with the corrections of the latest update.
// Paper: D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR, 2015.
#pragma once

#include "adam_base.hpp"

namespace lab::optim {

struct AdamConfig : AdamFamilyConfig {
  static std::span<const Field<AdamConfig>> fields();
};

template <class T>
class Adam final : public AdamBase<T, AdamConfig> {
 public:
  static constexpr const char* kType = "adam";
  static constexpr const char* kTitle = "Adam";
  static constexpr const char* kFormula =
      "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = m/(1 − β1ᵗ);  v̂ = v/(1 − β2ᵗ);  "
      "θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "D. P. Kingma, J. Ba, \"Adam: A Method for Stochastic Optimization\", ICLR, 2015";

  using AdamBase<T, AdamConfig>::AdamBase;
  const char* type() const override { return kType; }

 protected:
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);
};

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace lab::optim
