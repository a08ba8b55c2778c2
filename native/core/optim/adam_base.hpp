// lab::optim::AdamBase — what Adam, AdamW and AMSGrad share: their hyper-parameters (lr, β1, β2, ε,
// weight decay, bias correction), the moment estimates m and v, the bias corrections 1 − βᵗ and the
// per-step scalars. Each subclass keeps its own update loop, so each file still shows its rule.
//   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = m/(1 − β1ᵗ);  v̂ = v/(1 − β2ᵗ)
// (bias_correction off: m̂ = m, v̂ = v). The step uses PyTorch's arrangement
//   lr·m̂/(√v̂ + ε) = (lr/(1 − β1ᵗ))·m / (√v·(1/√(1 − β2ᵗ)) + ε),
// the same number up to rounding, with two scalars computed once per step.
// Not here: NAdam (its momentum schedule makes different scalars; see nadam.hpp).
#pragma once

#include <cmath>
#include <vector>

#include "optimizer.hpp"

namespace lab::optim {

struct AdamFamilyConfig {
  double lr = 0.001;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0;
  bool bias_correction = true;
};

// The field table of an Adam-family config C (derived from AdamFamilyConfig); weight decay's default
// and meaning differ (L2 for Adam and AMSGrad, decoupled for AdamW).
template <class C>
std::vector<Field<C>> adam_family_fields(double weight_decay_default, const char* weight_decay_doc) {
  return {
      {{"lr", 0.001, Range::positive(), false, "learning rate: the largest typical step per parameter"}, &C::lr},
      {{"beta1", 0.9, Range{0, 1, false, true}, false, "decay of the gradient average m (momentum)"}, &C::beta1},
      {{"beta2", 0.999, Range{0, 1, false, true}, false, "decay of the squared-gradient average v"}, &C::beta2},
      {{"eps", 1e-8, Range::positive(), false, "added to √v̂ so tiny gradients do not blow up the step"}, &C::eps},
      {{"weight_decay", weight_decay_default, Range::non_negative(), false, weight_decay_doc}, &C::weight_decay},
      {{"bias_correction", 1, Range{0, 1, false, false, true}, true, "divide m and v by 1 − βᵗ (off: use m, v)"},
       nullptr,
       &C::bias_correction},
  };
}

template <class T, class Config>
class AdamBase : public OptimizerWith<T, Config> {
 public:
  using OptimizerWith<T, Config>::OptimizerWith;

  std::span<const char* const> state_names() const override {
    static const char* const names[] = {"m", "v", "m_hat", "v_hat"};
    return names;
  }
  // m, v, m̂ and v̂ with the corrections of the latest update (v̂ from second_moment(i)).
  void read_state(std::size_t i, double* out) const override {
    if (i >= this->n_) throw Error(code::internal, std::string(this->type()) + ".read_state: index out of range");
    out[0] = m_[i];
    out[1] = v_[i];
    out[2] = out[0] / bc1_;
    out[3] = second_moment(i) / bc2_;
  }
  void reset(std::size_t n) override {
    m_.assign(n, T(0));
    v_.assign(n, T(0));
    bc1_ = bc2_ = 1;
    this->n_ = n;
    this->t_ = 0;
  }

 protected:
  // What v̂ is made from: v for Adam and AdamW, the running maximum of v for AMSGrad.
  virtual double second_moment(std::size_t i) const { return v_[i]; }

  void begin_step(double lr) override {
    const auto& c = this->cfg_;
    const double t = static_cast<double>(this->t_);
    bc1_ = c.bias_correction ? 1 - std::pow(c.beta1, t) : 1;
    bc2_ = c.bias_correction ? 1 - std::pow(c.beta2, t) : 1;
    k_.b1 = static_cast<T>(c.beta1);
    k_.c1 = static_cast<T>(1 - c.beta1);
    k_.b2 = static_cast<T>(c.beta2);
    k_.c2 = static_cast<T>(1 - c.beta2);
    k_.eps = static_cast<T>(c.eps);
    k_.wd = static_cast<T>(c.weight_decay);
    k_.step = static_cast<T>(lr / bc1_);
    k_.s = static_cast<T>(1 / std::sqrt(bc2_));
  }

  struct Scalars {
    T b1{}, c1{}, b2{}, c2{};  // β1, 1 − β1, β2, 1 − β2
    T eps{}, wd{};
    T step{};                  // lr / (1 − β1ᵗ)
    T s{};                     // 1 / √(1 − β2ᵗ)
  };
  AlignedVector<T> m_, v_;  // first and second moment estimates
  double bc1_ = 1, bc2_ = 1;  // 1 − β1ᵗ, 1 − β2ᵗ of the latest update (1 when off)
  Scalars k_;
};

}  // namespace lab::optim
