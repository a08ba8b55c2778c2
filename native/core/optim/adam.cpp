// Adam (see adam.hpp; the shared moments and scalars are in adam_base.hpp).
#include "adam.hpp"

namespace lab::optim {

std::span<const Field<AdamConfig>> AdamConfig::fields() {
  static const auto& f = immortal(adam_family_fields<AdamConfig>(0, "L2 penalty: adds weight_decay·θ to the gradient"));
  return f;
}

template <class T>
LAB_KERNEL void Adam<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = this->m_.data();
  T* v = this->v_.data();
  const auto k = this->k_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + k.wd * theta[i];
    m[i] = k.b1 * m[i] + k.c1 * g;
    v[i] = k.b2 * v[i] + k.c2 * g * g;
    theta[i] -= k.step * m[i] / (std::sqrt(v[i]) * k.s + k.eps);
  }
}

template class Adam<float>;
template class Adam<double>;

}  // namespace lab::optim
