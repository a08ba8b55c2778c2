// lab::optim::Sgd — plain gradient descent: step against the gradient, nothing remembered.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   θ ← θ − lr·g
// Paper: H. Robbins, S. Monro, "A Stochastic Approximation Method", Ann. Math. Statist., 1951.
// Not here: momentum (momentum.hpp, nesterov.hpp); schedules (schedule.hpp).
#pragma once

#include "optimizer.hpp"

namespace lab::optim {

struct SgdConfig {
  double lr = 0.01;
  double weight_decay = 0;
  static std::span<const Field<SgdConfig>> fields();
};

template <class T>
class Sgd final : public OptimizerWith<T, SgdConfig> {
 public:
  static constexpr const char* kType = "sgd";
  static constexpr const char* kTitle = "SGD";
  static constexpr const char* kFormula = "θ ← θ − lr·g";
  static constexpr const char* kPaper =
      "H. Robbins, S. Monro, \"A Stochastic Approximation Method\", Ann. Math. Statist., 1951";

  using OptimizerWith<T, SgdConfig>::OptimizerWith;
  const char* type() const override { return kType; }
  std::span<const char* const> state_names() const override { return {}; }
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
  T lr_{}, wd_{};  // this step's scalars
};

extern template class Sgd<float>;
extern template class Sgd<double>;

}  // namespace lab::optim
