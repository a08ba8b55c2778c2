// lab::optim::VelocityBase — what momentum and Nesterov share: their hyper-parameters (lr, β, weight
// decay), the velocity v (one per parameter, starting at 0) and the per-step scalars. Each subclass
// keeps its own update loop, so each file still shows its rule.
#pragma once

#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct VelocityConfig {
  double lr = 0.01;
  double beta = 0.9;
  double weight_decay = 0;
  static std::span<const Field<VelocityConfig>> fields() {
    static const Field<VelocityConfig> f[] = {
        {{"lr", 0.01, Range::positive(), false, "learning rate: scales the gradient added to the velocity"},
         &VelocityConfig::lr},
        {{"beta", 0.9, Range{0, 1, false, true}, false, "momentum: the fraction of the velocity kept each step"},
         &VelocityConfig::beta},
        {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
         &VelocityConfig::weight_decay},
    };
    return f;
  }
};

template <class T>
class VelocityBase : public OptimizerWith<T, VelocityConfig> {
 public:
  using OptimizerWith<T, VelocityConfig>::OptimizerWith;

  std::span<const char* const> state_names() const override {
    static const char* const names[] = {"v"};
    return names;
  }
  void read_state(std::size_t i, double* out) const override {
    if (i >= this->n_) throw Error(code::internal, std::string(this->type()) + ".read_state: index out of range");
    out[0] = v_[i];
  }
  void reset(std::size_t n) override {
    v_.assign(n, T(0));
    this->n_ = n;
    this->t_ = 0;
  }

 protected:
  void begin_step(double lr) override {
    lr_ = static_cast<T>(lr);
    beta_ = static_cast<T>(this->cfg_.beta);
    wd_ = static_cast<T>(this->cfg_.weight_decay);
  }

  AlignedVector<T> v_;        // velocity
  T lr_{}, beta_{}, wd_{};  // this step's scalars
};

}  // namespace lab::optim
