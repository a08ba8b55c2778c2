// lab::optim::AdamW — Adam with decoupled weight decay: θ shrinks toward 0 by lr·λ each step, apart
// from the adaptive step (with Adam's L2 term, large-v̂ parameters would barely feel the decay).
//   θ ← θ·(1 − lr·λ)                     (λ = weight_decay; there is no L2 term in g)
//   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
//   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)   (bias_correction off: m̂ = m, v̂ = v)
//   θ ← θ − lr·m̂ / (√v̂ + ε)
// Equals PyTorch's AdamW (amsgrad=False). read_state gives m, v, m̂, v̂ as Adam does.
// Paper: I. Loshchilov, F. Hutter, "Decoupled Weight Decay Regularization", ICLR, 2019.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct AdamWConfig {
  double lr = 0.001;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.01;
  bool bias_correction = true;
  static std::span<const Field<AdamWConfig>> fields();
};

template <class T>
class AdamW final : public OptimizerWith<T, AdamWConfig> {
 public:
  static constexpr const char* kType = "adamw";
  static constexpr const char* kTitle = "AdamW";
  static constexpr const char* kFormula =
      "θ ← θ·(1 − lr·λ);  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = m/(1 − β1ᵗ);  "
      "v̂ = v/(1 − β2ᵗ);  θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "I. Loshchilov, F. Hutter, \"Decoupled Weight Decay Regularization\", ICLR, 2019";

  using OptimizerWith<T, AdamWConfig>::OptimizerWith;
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
  T b1_{}, c1_{}, b2_{}, c2_{}, eps_{};
  T decay_{};                         // 1 − lr·λ
  T step_{};                          // lr / (1 − β1ᵗ)
  T inv_sqrt_bc2_{};                  // 1 / √(1 − β2ᵗ)
};

extern template class AdamW<float>;
extern template class AdamW<double>;

}  // namespace lab::optim
