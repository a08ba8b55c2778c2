// lab::optim::AMSGrad — Adam that never lets its denominator shrink: it divides by the largest v seen
// so far, which repairs Adam's non-convergence on some convex problems.
//   g ← g + wd·θ                         (L2 weight decay; off by default)
//   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
//   v_max ← max(v_max, v)
//   m̂ = m / (1 − β1ᵗ),  v̂ = v_max / (1 − β2ᵗ)   (bias_correction off: m̂ = m, v̂ = v_max)
//   θ ← θ − lr·m̂ / (√v̂ + ε)
// This is PyTorch's Adam(amsgrad=True) (bias corrections as Adam's; the paper's version has none).
// read_state gives m, v, m̂ and v̂ (from v_max) with the corrections of the latest update.
// Paper: S. J. Reddi, S. Kale, S. Kumar, "On the Convergence of Adam and Beyond", ICLR, 2018.
#pragma once

#include <vector>

#include "adam_base.hpp"

namespace lab::optim {

struct AMSGradConfig : AdamFamilyConfig {
  static std::span<const Field<AMSGradConfig>> fields();
};

template <class T>
class AMSGrad final : public AdamBase<T, AMSGradConfig> {
 public:
  static constexpr const char* kType = "amsgrad";
  static constexpr const char* kTitle = "AMSGrad";
  static constexpr const char* kFormula =
      "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  v_max ← max(v_max, v);  m̂ = m/(1 − β1ᵗ);  "
      "v̂ = v_max/(1 − β2ᵗ);  θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "S. J. Reddi, S. Kale, S. Kumar, \"On the Convergence of Adam and Beyond\", ICLR, 2018";

  using AdamBase<T, AMSGradConfig>::AdamBase;
  const char* type() const override { return kType; }
  void reset(std::size_t n) override;

 protected:
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);
  double second_moment(std::size_t i) const override { return vmax_[i]; }

 private:
  AlignedVector<T> vmax_;  // the running maximum of v
};

extern template class AMSGrad<float>;
extern template class AMSGrad<double>;

}  // namespace lab::optim
