// Adam (see adam.hpp).
#include "adam.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<AdamConfig>> AdamConfig::fields() {
  static const Field<AdamConfig> f[] = {
      {{"lr", 0.001, Range::positive(), false, "learning rate: the largest typical step per parameter"},
       &AdamConfig::lr},
      {{"beta1", 0.9, Range{0, 1, false, true}, false, "decay of the gradient average m (momentum)"},
       &AdamConfig::beta1},
      {{"beta2", 0.999, Range{0, 1, false, true}, false, "decay of the squared-gradient average v"},
       &AdamConfig::beta2},
      {{"eps", 1e-8, Range::positive(), false, "added to √v̂ so tiny gradients do not blow up the step"},
       &AdamConfig::eps},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &AdamConfig::weight_decay},
      {{"bias_correction", 1, Range{0, 1, false, false, true}, true, "divide m and v by 1 − βᵗ (off: use m, v)"},
       nullptr, &AdamConfig::bias_correction},
  };
  return f;
}

template <class T>
std::span<const char* const> Adam<T>::state_names() const {
  static const char* const names[] = {"m", "v", "m_hat", "v_hat"};
  return names;
}

template <class T>
void Adam<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "adam.read_state: index out of range");
  out[0] = m_[i];
  out[1] = v_[i];
  out[2] = out[0] / bc1_;
  out[3] = out[1] / bc2_;
}

template <class T>
void Adam<T>::reset(std::size_t n) {
  m_.assign(n, T(0));
  v_.assign(n, T(0));
  bc1_ = bc2_ = 1;
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Adam<T>::begin_step(double lr) {
  const auto& c = this->cfg_;
  const double t = static_cast<double>(this->t_);
  bc1_ = c.bias_correction ? 1 - std::pow(c.beta1, t) : 1;
  bc2_ = c.bias_correction ? 1 - std::pow(c.beta2, t) : 1;
  b1_ = static_cast<T>(c.beta1);
  c1_ = static_cast<T>(1 - c.beta1);
  b2_ = static_cast<T>(c.beta2);
  c2_ = static_cast<T>(1 - c.beta2);
  eps_ = static_cast<T>(c.eps);
  wd_ = static_cast<T>(c.weight_decay);
  step_ = static_cast<T>(lr / bc1_);
  inv_sqrt_bc2_ = static_cast<T>(1 / std::sqrt(bc2_));
}

template <class T>
void Adam<T>::update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = m_.data();
  T* v = v_.data();
  const T b1 = b1_, c1 = c1_, b2 = b2_, c2 = c2_, eps = eps_, wd = wd_, step = step_, s = inv_sqrt_bc2_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    m[i] = b1 * m[i] + c1 * g;
    v[i] = b2 * v[i] + c2 * g * g;
    theta[i] -= step * m[i] / (std::sqrt(v[i]) * s + eps);
  }
}

template class Adam<float>;
template class Adam<double>;

}  // namespace lab::optim
