// Xavier and He initialisation (see init.hpp).
#include "init.hpp"

#include <cmath>

namespace lab::nn {

Init init_for(Activation a, double alpha) {
  switch (a) {
    case Activation::relu:
    case Activation::gelu:
    case Activation::softplus: return {InitKind::he_normal, std::sqrt(2.0)};
    case Activation::leaky_relu: return {InitKind::he_normal, std::sqrt(2.0 / (1.0 + alpha * alpha))};
    case Activation::tanh:
    case Activation::sigmoid:
    case Activation::identity: return {InitKind::xavier_uniform, 1.0};
  }
  return {};
}

template <class T>
void init_weights(T* w, std::int64_t n, std::int64_t fan_in, std::int64_t fan_out, Init init, Rng& rng) {
  if (init.kind == InitKind::xavier_uniform) {
    const double a = init.gain * std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
    for (std::int64_t i = 0; i < n; ++i) w[i] = static_cast<T>(a * (2.0 * rng.uniform() - 1.0));
  } else {
    const double sigma = init.gain / std::sqrt(static_cast<double>(fan_in));
    for (std::int64_t i = 0; i < n; ++i) w[i] = static_cast<T>(sigma * rng.normal());
  }
}

template void init_weights<float>(float*, std::int64_t, std::int64_t, std::int64_t, Init, Rng&);
template void init_weights<double>(double*, std::int64_t, std::int64_t, std::int64_t, Init, Rng&);

}  // namespace lab::nn
