// AMSGrad (see amsgrad.hpp; the shared moments and scalars are in adam_base.hpp).
#include "amsgrad.hpp"

namespace lab::optim {

std::span<const Field<AMSGradConfig>> AMSGradConfig::fields() {
  static const auto& f = immortal(adam_family_fields<AMSGradConfig>(0, "L2 penalty: adds weight_decay·θ to the gradient"));
  return f;
}

template <class T>
void AMSGrad<T>::reset(std::size_t n) {
  AdamBase<T, AMSGradConfig>::reset(n);
  vmax_.assign(n, T(0));
}

template <class T>
LAB_KERNEL void AMSGrad<T>::kernel(T* theta, const T* grad, std::size_t begin, std::size_t end) {
  T* m = this->m_.data();
  T* v = this->v_.data();
  T* vmax = vmax_.data();
  const auto k = this->k_;
  for (std::size_t i = begin; i < end; ++i) {
    const T g = grad[i] + k.wd * theta[i];
    m[i] = k.b1 * m[i] + k.c1 * g;
    v[i] = k.b2 * v[i] + k.c2 * g * g;
    vmax[i] = vmax[i] < v[i] ? v[i] : vmax[i];
    theta[i] -= k.step * m[i] / (std::sqrt(vmax[i]) * k.s + k.eps);
  }
}

template class AMSGrad<float>;
template class AMSGrad<double>;

}  // namespace lab::optim
