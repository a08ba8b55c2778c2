// AMSGrad (see amsgrad.hpp).
#include "amsgrad.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<AMSGradConfig>> AMSGradConfig::fields() {
  static const Field<AMSGradConfig> f[] = {
      {{"lr", 0.001, Range::positive(), false, "learning rate: the largest typical step per parameter"},
       &AMSGradConfig::lr},
      {{"beta1", 0.9, Range{0, 1, false, true}, false, "decay of the gradient average m (momentum)"},
       &AMSGradConfig::beta1},
      {{"beta2", 0.999, Range{0, 1, false, true}, false, "decay of the squared-gradient average v"},
       &AMSGradConfig::beta2},
      {{"eps", 1e-8, Range::positive(), false, "added to √v̂ so tiny gradients do not blow up the step"},
       &AMSGradConfig::eps},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &AMSGradConfig::weight_decay},
      {{"bias_correction", 1, Range{0, 1, false, false, true}, true,
        "divide m and v_max by 1 − βᵗ (off: use m, v_max)"},
       nullptr, &AMSGradConfig::bias_correction},
  };
  return f;
}

template <class T>
std::span<const char* const> AMSGrad<T>::state_names() const {
  static const char* const names[] = {"m", "v", "m_hat", "v_hat"};
  return names;
}

template <class T>
void AMSGrad<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "amsgrad.read_state: index out of range");
  out[0] = m_[i];
  out[1] = v_[i];
  out[2] = out[0] / bc1_;
  out[3] = static_cast<double>(vmax_[i]) / bc2_;
}

template <class T>
void AMSGrad<T>::reset(std::size_t n) {
  m_.assign(n, T(0));
  v_.assign(n, T(0));
  vmax_.assign(n, T(0));
  bc1_ = bc2_ = 1;
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void AMSGrad<T>::begin_step(double lr) {
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
void AMSGrad<T>::update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = m_.data();
  T* v = v_.data();
  T* vmax = vmax_.data();
  const T b1 = b1_, c1 = c1_, b2 = b2_, c2 = c2_, eps = eps_, wd = wd_, step = step_, s = inv_sqrt_bc2_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    m[i] = b1 * m[i] + c1 * g;
    v[i] = b2 * v[i] + c2 * g * g;
    vmax[i] = vmax[i] < v[i] ? v[i] : vmax[i];
    theta[i] -= step * m[i] / (std::sqrt(vmax[i]) * s + eps);
  }
}

template class AMSGrad<float>;
template class AMSGrad<double>;

}  // namespace lab::optim
