// lab::optim::Adadelta — steps whose size is the ratio of two moving RMS values (of past updates and of
// gradients), so the units of Δ match those of θ and no base step size is strictly needed.
//   g ← g + wd·θ                               (L2 weight decay; off by default)
//   E[g²] ← ρ·E[g²] + (1 − ρ)·g²
//   Δ ← −√(E[Δ²] + ε) / √(E[g²] + ε) · g
//   E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²
//   θ ← θ + lr·Δ                              (lr = 1 is the paper's rule; PyTorch adds lr)
// Both averages start at 0. Defaults are PyTorch's (ρ = 0.9, ε = 1e-6).
// Paper: M. D. Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct AdadeltaConfig {
  double lr = 1.0;
  double rho = 0.9;
  double eps = 1e-6;
  double weight_decay = 0;
  static std::span<const Field<AdadeltaConfig>> fields();
};

template <class T>
class Adadelta final : public OptimizerWith<T, AdadeltaConfig> {
 public:
  static constexpr const char* kType = "adadelta";
  static constexpr const char* kTitle = "Adadelta";
  static constexpr const char* kFormula =
      "E[g²] ← ρ·E[g²] + (1 − ρ)·g²;  Δ ← −√(E[Δ²] + ε)/√(E[g²] + ε)·g;  "
      "E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²;  θ ← θ + lr·Δ";
  static constexpr const char* kPaper =
      "M. D. Zeiler, \"ADADELTA: An Adaptive Learning Rate Method\", arXiv:1212.5701, 2012";

  using OptimizerWith<T, AdadeltaConfig>::OptimizerWith;
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
  AlignedVector<T> Eg2_, Edx2_;                         // moving averages of g² and Δ²
  T lr_{}, rho_{}, one_minus_rho_{}, eps_{}, wd_{};   // this step's scalars
};

extern template class Adadelta<float>;
extern template class Adadelta<double>;

}  // namespace lab::optim
