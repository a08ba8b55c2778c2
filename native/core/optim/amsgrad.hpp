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

#include "optimizer.hpp"

namespace lab::optim {

struct AMSGradConfig {
  double lr = 0.001;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0;
  bool bias_correction = true;
  static std::span<const Field<AMSGradConfig>> fields();
};

template <class T>
class AMSGrad final : public OptimizerWith<T, AMSGradConfig> {
 public:
  static constexpr const char* kType = "amsgrad";
  static constexpr const char* kTitle = "AMSGrad";
  static constexpr const char* kFormula =
      "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  v_max ← max(v_max, v);  m̂ = m/(1 − β1ᵗ);  "
      "v̂ = v_max/(1 − β2ᵗ);  θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "S. J. Reddi, S. Kale, S. Kumar, \"On the Convergence of Adam and Beyond\", ICLR, 2018";

  using OptimizerWith<T, AMSGradConfig>::OptimizerWith;
  const char* type() const override { return kType; }
  std::span<const char* const> state_names() const override;
  void read_state(std::size_t i, double* out) const override;
  void reset(std::size_t n) override;

 protected:
  void begin_step(double lr) override;
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override;

 private:
  std::vector<T> m_, v_, vmax_;       // moments and the running maximum of v
  double bc1_ = 1, bc2_ = 1;          // 1 − β1ᵗ, 1 − β2ᵗ of the latest update (1 when off)
  T b1_{}, c1_{}, b2_{}, c2_{}, eps_{}, wd_{};
  T step_{};                          // lr / (1 − β1ᵗ)
  T inv_sqrt_bc2_{};                  // 1 / √(1 − β2ᵗ)
};

extern template class AMSGrad<float>;
extern template class AMSGrad<double>;

}  // namespace lab::optim
