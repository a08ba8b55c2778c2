// Heavy-ball momentum (see momentum.hpp).
#include "momentum.hpp"

namespace lab::optim {

std::span<const Field<MomentumConfig>> MomentumConfig::fields() {
  static const Field<MomentumConfig> f[] = {
      {{"lr", 0.01, Range::positive(), false, "learning rate: scales the gradient added to the velocity"},
       &MomentumConfig::lr},
      {{"beta", 0.9, Range{0, 1, false, true}, false, "momentum: the fraction of the velocity kept each step"},
       &MomentumConfig::beta},
      {{"weight_decay", 0, Range::non_negative(), false, "L2 penalty: adds weight_decay·θ to the gradient"},
       &MomentumConfig::weight_decay},
  };
  return f;
}

template <class T>
std::span<const char* const> Momentum<T>::state_names() const {
  static const char* const names[] = {"v"};
  return names;
}

template <class T>
void Momentum<T>::read_state(std::size_t i, double* out) const {
  if (i >= this->n_) throw Error(code::internal, "momentum.read_state: index out of range");
  out[0] = v_[i];
}

template <class T>
void Momentum<T>::reset(std::size_t n) {
  v_.assign(n, T(0));
  this->n_ = n;
  this->t_ = 0;
}

template <class T>
void Momentum<T>::begin_step(double lr) {
  lr_ = static_cast<T>(lr);
  beta_ = static_cast<T>(this->cfg_.beta);
  wd_ = static_cast<T>(this->cfg_.weight_decay);
}

template <class T>
void Momentum<T>::update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* v = v_.data();
  const T lr = lr_, beta = beta_, wd = wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    v[i] = beta * v[i] - lr * g;
    theta[i] += v[i];
  }
}

template class Momentum<float>;
template class Momentum<double>;

}  // namespace lab::optim
