// RMSprop (see rmsprop.hpp).
#include "rmsprop.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<RMSpropConfig>> RMSpropConfig::fields() {
  static const Field<RMSpropConfig> f[] = {
      {{"lr", 0.01, Range::positive(), false, "learning rate: the step before per-parameter scaling"},
       &RMSpropConfig::lr},
      {{"beta", 0.99, Range{0, 1, false, true}, false, "decay of the moving average of squared gradients"},
       &RMSpropConfig::beta},
      {{"eps", 1e-8, Range::positive(), false, "added to √G so small averages do not blow up the step"},
       &RMSpropConfig::eps},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &RMSpropConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> RMSprop<T>::state_names() const {
  static const char* const names[] = {"G"};
  return names;
}

template <class T>
void RMSprop<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "rmsprop.read_state: index out of range");
  out[0] = G_[i];
}

template <class T>
void RMSprop<T>::reset(std::size_t n) {
  G_.assign(n, T(0));
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void RMSprop<T>::begin_step(double lr) {
  const auto& c = this->cfg_;
  lr_ = static_cast<T>(lr);
  beta_ = static_cast<T>(c.beta);
  one_minus_beta_ = static_cast<T>(1 - c.beta);
  eps_ = static_cast<T>(c.eps);
  wd_ = static_cast<T>(c.weight_decay);
}

template <class T>
LAB_KERNEL void RMSprop<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* G = G_.data();
  const T lr = lr_, beta = beta_, c = one_minus_beta_, eps = eps_, wd = wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    G[i] = beta * G[i] + c * g * g;
    theta[i] -= lr * g / (std::sqrt(G[i]) + eps);
  }
}

template class RMSprop<float>;
template class RMSprop<double>;

}  // namespace lab::optim
