// lab::optim::RMSprop — Adagrad with a leaky memory: G is a moving average of squared gradients, so
// the step size adapts to recent slopes instead of shrinking forever.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   G ← β·G + (1 − β)·g²        (G starts at 0)
//   θ ← θ − lr·g / (√G + ε)
// Equals PyTorch's RMSprop(alpha=β, momentum=0, centered=False).
// Source: T. Tieleman, G. Hinton, "Lecture 6.5 — RMSProp: divide the gradient by a running average of
// its recent magnitude", COURSERA: Neural Networks for Machine Learning, 2012.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct RMSpropConfig {
  double lr = 0.01;
  double beta = 0.99;
  double eps = 1e-8;
  double weight_decay = 0;
  static std::span<const Field<RMSpropConfig>> fields();
};

template <class T>
class RMSprop final : public OptimizerWith<T, RMSpropConfig> {
 public:
  static constexpr const char* kType = "rmsprop";
  static constexpr const char* kTitle = "RMSprop";
  static constexpr const char* kFormula = "G ← β·G + (1 − β)·g²;  θ ← θ − lr·g / (√G + ε)";
  static constexpr const char* kPaper =
      "T. Tieleman, G. Hinton, \"Lecture 6.5 — RMSProp: divide the gradient by a running average of its "
      "recent magnitude\", COURSERA: Neural Networks for Machine Learning, 2012";

  using OptimizerWith<T, RMSpropConfig>::OptimizerWith;
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
  AlignedVector<T> G_;                          // moving average of squared gradients
  T lr_{}, beta_{}, one_minus_beta_{}, eps_{}, wd_{};  // this step's scalars
};

extern template class RMSprop<float>;
extern template class RMSprop<double>;

}  // namespace lab::optim
