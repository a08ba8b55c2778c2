// clip_grad_norm — scales a parameter store's gradients down to a global L2 norm of `max_norm` when
// they exceed it (Pascanu et al., "On the difficulty of training recurrent neural networks", 2013), the
// norm summed by ag::sum_squares (deterministic, vectorised). max_norm 0: no clipping. Returns the
// norm before clipping.
#pragma once

#include <cmath>

#include "../autograd/param_store.hpp"
#include "../autograd/sum_squares.hpp"

namespace lab::optim {

inline double clip_grad_norm(ag::ParamStore<float>& store, double max_norm) {
  const double norm = std::sqrt(ag::sum_squares(store.grads(), store.size()));
  if (max_norm > 0 && norm > max_norm) {
    const auto f = static_cast<float>(max_norm / norm);
    float* g = store.grads();
    for (std::size_t i = 0; i < store.size(); ++i) g[i] *= f;
  }
  return norm;
}

}  // namespace lab::optim
