// Nesterov (see nesterov.hpp; the velocity and scalars are in velocity_base.hpp).
#include "nesterov.hpp"

namespace lab::optim {

template <class T>
LAB_KERNEL void Nesterov<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* v = this->v_.data();
  const T lr = this->lr_, beta = this->beta_, wd = this->wd_;
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
