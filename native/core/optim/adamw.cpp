// AdamW (see adamw.hpp; the shared moments and scalars are in adam_base.hpp).
#include "adamw.hpp"

namespace lab::optim {

std::span<const Field<AdamWConfig>> AdamWConfig::fields() {
  static const auto& f = immortal(adam_family_fields<AdamWConfig>(0.01, "decoupled decay λ: θ shrinks by lr·λ·θ each step"));
  return f;
}

template <class T>
void AdamW<T>::begin_step(double lr) {
  AdamBase<T, AdamWConfig>::begin_step(lr);
  decay_ = static_cast<T>(1 - lr * this->cfg_.weight_decay);
}

template <class T>
LAB_KERNEL void AdamW<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = this->m_.data();
  T* v = this->v_.data();
  const auto k = this->k_;
  const T decay = decay_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i];
    m[i] = k.b1 * m[i] + k.c1 * g;
    v[i] = k.b2 * v[i] + k.c2 * g * g;
    theta[i] = theta[i] * decay - k.step * m[i] / (std::sqrt(v[i]) * k.s + k.eps);
  }
}

template class AdamW<float>;
template class AdamW<double>;

}  // namespace lab::optim
