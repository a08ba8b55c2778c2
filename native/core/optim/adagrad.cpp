// Adagrad (see adagrad.hpp).
#include "adagrad.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<AdagradConfig>> AdagradConfig::fields() {
  static const Field<AdagradConfig> f[] = {
      {{"lr", 0.01, Range::positive(), false, "learning rate: the step before per-parameter scaling"},
       &AdagradConfig::lr},
      {{"eps", 1e-10, Range::positive(), false, "added to √G so the first steps stay finite"}, &AdagradConfig::eps},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &AdagradConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> Adagrad<T>::state_names() const {
  static const char* const names[] = {"G"};
  return names;
}

template <class T>
void Adagrad<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "adagrad.read_state: index out of range");
  out[0] = G_[i];
}

template <class T>
void Adagrad<T>::reset(std::size_t n) {
  G_.assign(n, T(0));
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Adagrad<T>::begin_step(double lr) {
  lr_ = static_cast<T>(lr);
  eps_ = static_cast<T>(this->cfg_.eps);
  wd_ = static_cast<T>(this->cfg_.weight_decay);
}

template <class T>
LAB_KERNEL void Adagrad<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* G = G_.data();
  const T lr = lr_, eps = eps_, wd = wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    G[i] += g * g;
    theta[i] -= lr * g / (std::sqrt(G[i]) + eps);
  }
}

template class Adagrad<float>;
template class Adagrad<double>;

}  // namespace lab::optim
