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

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct AdamConfig {
  double lr = 0.001;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0;
  bool bias_correction = true;
  static std::span<const Field<AdamConfig>> fields();
};

template <class T>
class Adam final : public OptimizerWith<T, AdamConfig> {
 public:
  static constexpr const char* kType = "adam";
  static constexpr const char* kTitle = "Adam";
  static constexpr const char* kFormula =
      "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = m/(1 − β1ᵗ);  v̂ = v/(1 − β2ᵗ);  "
      "θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "D. P. Kingma, J. Ba, \"Adam: A Method for Stochastic Optimization\", ICLR, 2015";

  using OptimizerWith<T, AdamConfig>::OptimizerWith;
  const char* type() const override { return kType; }
  std::span<const char* const> state_names() const override;
  void read_state(std::size_t i, double* out) const override;
  void reset(std::size_t n) override;

 protected:
  void begin_step(double lr) override;
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override;

 private:
  std::vector<T> m_, v_;              // first and second moment estimates
  double bc1_ = 1, bc2_ = 1;          // 1 − β1ᵗ, 1 − β2ᵗ of the latest update (1 when off)
  T b1_{}, c1_{}, b2_{}, c2_{}, eps_{}, wd_{};
  T step_{};                          // lr / (1 − β1ᵗ)
  T inv_sqrt_bc2_{};                  // 1 / √(1 − β2ᵗ)
};

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace lab::optim
