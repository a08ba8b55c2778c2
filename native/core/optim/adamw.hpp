// lab::optim::AdamW — Adam with decoupled weight decay: θ shrinks toward 0 by lr·λ each step, apart
// from the adaptive step (with Adam's L2 term, large-v̂ parameters would barely feel the decay).
//   θ ← θ·(1 − lr·λ)                     (λ = weight_decay; there is no L2 term in g)
//   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
//   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)   (bias_correction off: m̂ = m, v̂ = v)
//   θ ← θ − lr·m̂ / (√v̂ + ε)
// Equals PyTorch's AdamW (amsgrad=False). read_state gives m, v, m̂, v̂ as Adam does.
// Paper: I. Loshchilov, F. Hutter, "Decoupled Weight Decay Regularization", ICLR, 2019.
#pragma once

#include "adam_base.hpp"

namespace lab::optim {

struct AdamWConfig : AdamFamilyConfig {
  AdamWConfig() { weight_decay = 0.01; }
  static std::span<const Field<AdamWConfig>> fields();
};

template <class T>
class AdamW final : public AdamBase<T, AdamWConfig> {
 public:
  static constexpr const char* kType = "adamw";
  static constexpr const char* kTitle = "AdamW";
  static constexpr const char* kFormula =
      "θ ← θ·(1 − lr·λ);  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = m/(1 − β1ᵗ);  "
      "v̂ = v/(1 − β2ᵗ);  θ ← θ − lr·m̂/(√v̂ + ε)";
  static constexpr const char* kPaper =
      "I. Loshchilov, F. Hutter, \"Decoupled Weight Decay Regularization\", ICLR, 2019";

  using AdamBase<T, AdamWConfig>::AdamBase;
  const char* type() const override { return kType; }

 protected:
  void begin_step(double lr) override;
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);

 private:
  T decay_{};  // 1 − lr·λ
};

extern template class AdamW<float>;
extern template class AdamW<double>;

}  // namespace lab::optim
