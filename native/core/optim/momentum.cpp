// Momentum (see momentum.hpp; the velocity and scalars are in velocity_base.hpp).
#include "momentum.hpp"

namespace lab::optim {

template <class T>
LAB_KERNEL void Momentum<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* v = this->v_.data();
  const T lr = this->lr_, beta = this->beta_, wd = this->wd_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + wd * theta[i];
    v[i] = beta * v[i] - lr * g;
    theta[i] += v[i];
  }
}

template class Momentum<float>;
template class Momentum<double>;

}  // namespace lab::optim
