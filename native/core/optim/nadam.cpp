// NAdam (see nadam.hpp).
#include "nadam.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<NAdamConfig>> NAdamConfig::fields() {
  static const Field<NAdamConfig> f[] = {
      {{"lr", 0.002, Range::positive(), false, "learning rate: the largest typical step per parameter"},
       &NAdamConfig::lr},
      {{"beta1", 0.9, Range{0, 1, false, true}, false, "decay of the gradient average m (momentum)"},
       &NAdamConfig::beta1},
      {{"beta2", 0.999, Range{0, 1, false, true}, false, "decay of the squared-gradient average v"},
       &NAdamConfig::beta2},
      {{"eps", 1e-8, Range::positive(), false, "added to √v̂ so tiny gradients do not blow up the step"},
       &NAdamConfig::eps},
      {{"momentum_decay", 0.004, Range::non_negative(), false, "ψ: how fast the momentum μ_t warms up to β1"},
       &NAdamConfig::momentum_decay},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &NAdamConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> NAdam<T>::state_names() const {
  static const char* const names[] = {"m", "v", "v_hat"};
  return names;
}

template <class T>
void NAdam<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "nadam.read_state: index out of range");
  out[0] = m_[i];
  out[1] = v_[i];
  out[2] = out[1] / bc2_;
}

template <class T>
void NAdam<T>::reset(std::size_t n) {
  m_.assign(n, T(0));
  v_.assign(n, T(0));
  mu_product_ = 1;
  bc2_ = 1;
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void NAdam<T>::begin_step(double lr) {
  const auto& c = this->cfg_;
  const double t = static_cast<double>(this->t_);
  const double mu = c.beta1 * (1 - 0.5 * std::pow(0.96, t * c.momentum_decay));
  const double mu_next = c.beta1 * (1 - 0.5 * std::pow(0.96, (t + 1) * c.momentum_decay));
  mu_product_ *= mu;
  bc2_ = 1 - std::pow(c.beta2, t);
  b1_ = static_cast<T>(c.beta1);
  c1_ = static_cast<T>(1 - c.beta1);
  b2_ = static_cast<T>(c.beta2);
  c2_ = static_cast<T>(1 - c.beta2);
  eps_ = static_cast<T>(c.eps);
  wd_ = static_cast<T>(c.weight_decay);
  step_g_ = static_cast<T>(lr * (1 - mu) / (1 - mu_product_));
  step_m_ = static_cast<T>(lr * mu_next / (1 - mu_product_ * mu_next));
  inv_sqrt_bc2_ = static_cast<T>(1 / std::sqrt(bc2_));
}

template <class T>
LAB_KERNEL void NAdam<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = m_.data();
  T* v = v_.data();
  const T b1 = b1_, c1 = c1_, b2 = b2_, c2 = c2_, eps = eps_, wd = wd_;
  const T sg = step_g_, sm = step_m_, s = inv_sqrt_bc2_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    m[i] = b1 * m[i] + c1 * g;
    v[i] = b2 * v[i] + c2 * g * g;
    const T d = std::sqrt(v[i]) * s + eps;
    theta[i] = theta[i] - sg * g / d - sm * m[i] / d;
  }
}

template class NAdam<float>;
template class NAdam<double>;

}  // namespace lab::optim
