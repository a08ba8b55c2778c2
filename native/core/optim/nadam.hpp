// lab::optim::NAdam — Adam with Nesterov momentum: the step looks ahead by using the momentum it is
// about to have. The momentum coefficient warms up along the schedule μ_t (ψ = momentum_decay).
//   g ← g + wd·θ                                   (L2 weight decay; off by default)
//   μ_t = β1·(1 − ½·0.96^(t·ψ)),  μ_{t+1} = β1·(1 − ½·0.96^((t+1)·ψ))
//   Π ← Π·μ_t                                     (Π = ∏ μ_1..μ_t, starts at 1)
//   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
//   d = √(v / (1 − β2ᵗ)) + ε
//   θ ← θ − lr·(1 − μ_t)/(1 − Π)·g/d − lr·μ_{t+1}/(1 − Π·μ_{t+1})·m/d
// This is PyTorch's NAdam (torch ≥ 2.0; 1.13 multiplied μ_t into Π·μ_{t+1} twice, a bug fixed by
// pytorch#92699). State: m, v and v_hat = v/(1 − β2ᵗ) of the latest update. There is no m_hat: the
// Nesterov estimate mixes m with the current g, which the optimizer does not keep.
// Paper: T. Dozat, "Incorporating Nesterov Momentum into Adam", ICLR Workshop, 2016.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct NAdamConfig {
  double lr = 0.002;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double momentum_decay = 0.004;
  double weight_decay = 0;
  static std::span<const Field<NAdamConfig>> fields();
};

template <class T>
class NAdam final : public OptimizerWith<T, NAdamConfig> {
 public:
  static constexpr const char* kType = "nadam";
  static constexpr const char* kTitle = "NAdam";
  static constexpr const char* kFormula =
      "μ_t = β1·(1 − ½·0.96^(t·ψ));  Π ← Π·μ_t;  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  "
      "d = √(v/(1 − β2ᵗ)) + ε;  θ ← θ − lr·(1 − μ_t)/(1 − Π)·g/d − lr·μ_{t+1}/(1 − Π·μ_{t+1})·m/d";
  static constexpr const char* kPaper =
      "T. Dozat, \"Incorporating Nesterov Momentum into Adam\", ICLR Workshop, 2016";

  using OptimizerWith<T, NAdamConfig>::OptimizerWith;
  const char* type() const override { return kType; }
  std::span<const char* const> state_names() const override;
  void read_state(std::size_t i, double* out) const override;
  void reset(std::size_t n) override;

 protected:
  void begin_step(double lr) override;
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override {
    kernel(theta, grad, begin, end);
  }
  // The update loop, built for the baseline ISA and AVX2 (runtime/dispatch.hpp).
  LAB_KERNEL void kernel(T* theta, const T* grad, std::size_t begin, std::size_t end);

 private:
  AlignedVector<T> m_, v_;              // first and second moment estimates
  double mu_product_ = 1;             // Π = μ_1·…·μ_t
  double bc2_ = 1;                    // 1 − β2ᵗ of the latest update
  T b1_{}, c1_{}, b2_{}, c2_{}, eps_{}, wd_{};
  T step_g_{};                        // lr·(1 − μ_t)/(1 − Π)
  T step_m_{};                        // lr·μ_{t+1}/(1 − Π·μ_{t+1})
  T inv_sqrt_bc2_{};                  // 1 / √(1 − β2ᵗ)
};

extern template class NAdam<float>;
extern template class NAdam<double>;

}  // namespace lab::optim
