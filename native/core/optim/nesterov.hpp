// lab::optim::Nesterov — Nesterov's accelerated gradient in the look-ahead form: the step uses the
// velocity it is about to have, not the one it had.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   v ← β·v − lr·g              (v starts at 0)
//   θ ← θ + β·v − lr·g
// For a constant lr this equals PyTorch's SGD(momentum=β, nesterov=True) with v = −lr·buf.
// Papers: Y. Nesterov, "A method for solving the convex programming problem with convergence rate
// O(1/k²)", Soviet Math. Dokl., 1983; I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance
// of initialization and momentum in deep learning", ICML 2013 (the form used in deep learning).
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct NesterovConfig {
  double lr = 0.01;
  double beta = 0.9;
  double weight_decay = 0;
  static std::span<const Field<NesterovConfig>> fields();
};

template <class T>
class Nesterov final : public OptimizerWith<T, NesterovConfig> {
 public:
  static constexpr const char* kType = "nesterov";
  static constexpr const char* kTitle = "Nesterov momentum";
  static constexpr const char* kFormula = "v ← β·v − lr·g;  θ ← θ + β·v − lr·g";
  static constexpr const char* kPaper =
      "Y. Nesterov, \"A method for solving the convex programming problem with convergence rate O(1/k²)\", "
      "Soviet Math. Dokl., 1983; I. Sutskever, J. Martens, G. Dahl, G. Hinton, \"On the importance of "
      "initialization and momentum in deep learning\", ICML, 2013";

  using OptimizerWith<T, NesterovConfig>::OptimizerWith;
  const char* type() const override { return kType; }
  std::span<const char* const> state_names() const override;
  void read_state(std::size_t i, double* out) const override;
  void reset(std::size_t n) override;

 protected:
  void begin_step(double lr) override;
  void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) override;

 private:
  std::vector<T> v_;               // velocity
  T lr_{}, beta_{}, wd_{};         // this step's scalars
};

extern template class Nesterov<float>;
extern template class Nesterov<double>;

}  // namespace lab::optim
