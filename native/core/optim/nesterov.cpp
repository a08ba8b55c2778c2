// Nesterov momentum, look-ahead form (see nesterov.hpp).
#include "nesterov.hpp"

namespace lab::optim {

std::span<const Field<NesterovConfig>> NesterovConfig::fields() {
  static const Field<NesterovConfig> f[] = {
      {{"lr", 0.01, Range::positive(), false, "learning rate: scales the gradient added to the velocity"},
       &NesterovConfig::lr},
      {{"beta", 0.9, Range{0, 1, false, true}, false, "momentum: the fraction of the velocity kept each step"},
       &NesterovConfig::beta},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &NesterovConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> Nesterov<T>::state_names() const {
  static const char* const names[] = {"v"};
  return names;
}

template <class T>
void Nesterov<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "nesterov.read_state: index out of range");
  out[0] = v_[i];
}

template <class T>
void Nesterov<T>::reset(std::size_t n) {
  v_.assign(n, T(0));
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Nesterov<T>::begin_step(double lr) {
  lr_ = static_cast<T>(lr);
  beta_ = static_cast<T>(this->cfg_.beta);
  wd_ = static_cast<T>(this->cfg_.weight_decay);
}

template <class T>
void Nesterov<T>::update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* v = v_.data();
  const T lr = lr_, beta = beta_, wd = wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    const T step = lr * g;
    v[i] = beta * v[i] - step;
    theta[i] += beta * v[i] - step;
  }
}

template class Nesterov<float>;
template class Nesterov<double>;

}  // namespace lab::optim
