// Adadelta (see adadelta.hpp).
#include "adadelta.hpp"

#include <cmath>

namespace lab::optim {

std::span<const Field<AdadeltaConfig>> AdadeltaConfig::fields() {
  static const Field<AdadeltaConfig> f[] = {
      {{"lr", 1.0, Range::positive(), false, "scales Δ (1 = the paper's rule)"}, &AdadeltaConfig::lr},
      {{"rho", 0.9, Range{0, 1}, false, "decay of both moving averages"}, &AdadeltaConfig::rho},
      {{"eps", 1e-6, Range::positive(), false, "added inside both square roots; sets the first steps' size"},
       &AdadeltaConfig::eps},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &AdadeltaConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> Adadelta<T>::state_names() const {
  static const char* const names[] = {"Eg2", "Edx2"};
  return names;
}

template <class T>
void Adadelta<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "adadelta.read_state: index out of range");
  out[0] = Eg2_[i];
  out[1] = Edx2_[i];
}

template <class T>
void Adadelta<T>::reset(std::size_t n) {
  Eg2_.assign(n, T(0));
  Edx2_.assign(n, T(0));
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Adadelta<T>::begin_step(double lr) {
  const auto& c = this->cfg_;
  lr_ = static_cast<T>(lr);
  rho_ = static_cast<T>(c.rho);
  one_minus_rho_ = static_cast<T>(1 - c.rho);
  eps_ = static_cast<T>(c.eps);
  wd_ = static_cast<T>(c.weight_decay);
}

template <class T>
LAB_KERNEL void Adadelta<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* Eg2 = Eg2_.data();
  T* Edx2 = Edx2_.data();
  const T lr = lr_, rho = rho_, c = one_minus_rho_, eps = eps_, wd = wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    Eg2[i] = rho * Eg2[i] + c * g * g;
    const T dx = std::sqrt(Edx2[i] + eps) / std::sqrt(Eg2[i] + eps) * g;  // −Δ
    Edx2[i] = rho * Edx2[i] + c * dx * dx;
    theta[i] -= lr * dx;
  }
}

template class Adadelta<float>;
template class Adadelta<double>;

}  // namespace lab::optim
