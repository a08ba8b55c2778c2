// Plain gradient descent (see sgd.hpp).
#include "sgd.hpp"

namespace lab::optim {

std::span<const Field<SgdConfig>> SgdConfig::fields() {
  static const Field<SgdConfig> f[] = {
      {{"lr", 0.01, Range::positive(), false, "learning rate: the step is lr times the gradient"}, &SgdConfig::lr},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &SgdConfig::weight_decay},
  };
  return f;
}

template <class T>
void Sgd<T>::read_state(std::size_t i, double* /*out: no state*/) const {
  if (i >= this->n_) throw Error(code::internal, "sgd.read_state: index out of range");
}

template <class T>
void Sgd<T>::reset(std::size_t n) {
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Sgd<T>::begin_step(double lr) {
  lr_ = static_cast<T>(lr);
  wd_ = static_cast<T>(this->cfg_.weight_decay);
}

template <class T>
LAB_KERNEL void Sgd<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  const T lr = lr_, wd = wd_;
  if (wd == T(0)) {  // the common case: one multiply-subtract, θ read once
    for (std::size_t i = begin; i < end; ++i) theta[i] -= lr * grad[i];
    return;
  }
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    theta[i] -= lr * g;
  }
}

template class Sgd<float>;
template class Sgd<double>;

}  // namespace lab::optim
