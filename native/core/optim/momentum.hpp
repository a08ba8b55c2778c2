// lab::optim::Momentum — heavy-ball momentum: a velocity that remembers past gradients.
//   g ← g + wd·θ                (L2 weight decay; off by default)
//   v ← β·v − lr·g              (v starts at 0)
//   θ ← θ + v
// This is the primer's form. PyTorch's SGD(momentum=β) keeps buf ← β·buf + g and steps θ −= lr·buf:
// the same trajectory while lr is constant (v = −lr·buf); when lr changes, ours keeps the old
// velocity as it was, PyTorch rescales it by the new lr.
// Paper: B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
// USSR Comput. Math. Math. Phys., 1964.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct MomentumConfig {
  double lr = 0.01;
  double beta = 0.9;
  double weight_decay = 0;
  static std::span<const Field<MomentumConfig>> fields();
};

template <class T>
class Momentum final : public OptimizerWith<T, MomentumConfig> {
 public:
  static constexpr const char* kType = "momentum";
  static constexpr const char* kTitle = "Momentum";
  static constexpr const char* kFormula = "v ← β·v − lr·g;  θ ← θ + v";
  static constexpr const char* kPaper =
      "B. T. Polyak, \"Some methods of speeding up the convergence of iteration methods\", "
      "USSR Comput. Math. Math. Phys., 1964";

  using OptimizerWith<T, MomentumConfig>::OptimizerWith;
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

extern template class Momentum<float>;
extern template class Momentum<double>;

}  // namespace lab::optim
