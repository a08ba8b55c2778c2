// lab::optim::Adagrad — per-parameter step sizes that shrink with the sum of all squared gradients:
// steep directions slow down early, rarely-moving ones keep a large step.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   G ← G + g²                  (G starts at 0)
//   θ ← θ − lr·g / (√G + ε)
// Equals PyTorch's Adagrad with lr_decay = 0 and initial_accumulator_value = 0.
// Paper: J. Duchi, E. Hazan, Y. Singer, "Adaptive Subgradient Methods for Online Learning and
// Stochastic Optimization", JMLR, 2011.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct AdagradConfig {
  double lr = 0.01;
  double eps = 1e-10;
  double weight_decay = 0;
  static std::span<const Field<AdagradConfig>> fields();
};

template <class T>
class Adagrad final : public OptimizerWith<T, AdagradConfig> {
 public:
  static constexpr const char* kType = "adagrad";
  static constexpr const char* kTitle = "Adagrad";
  static constexpr const char* kFormula = "G ← G + g²;  θ ← θ − lr·g / (√G + ε)";
  static constexpr const char* kPaper =
      "J. Duchi, E. Hazan, Y. Singer, \"Adaptive Subgradient Methods for Online Learning and Stochastic "
      "Optimization\", JMLR, 2011";

  using OptimizerWith<T, AdagradConfig>::OptimizerWith;
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
  AlignedVector<T> G_;               // sum of squared gradients
  T lr_{}, eps_{}, wd_{};          // this step's scalars
};

extern template class Adagrad<float>;
extern template class Adagrad<double>;

}  // namespace lab::optim
