// Weight initialisation, seeded with lab::Rng (the same seed gives the same weights everywhere):
//   Xavier/Glorot uniform  U(−a, a), a = gain·√(6 / (fan_in + fan_out))   for tanh, sigmoid, identity
//     (X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural
//     networks", AISTATS 2010; gain 1)
//   He/Kaiming normal      N(0, σ²), σ = gain / √fan_in                    for relu, leaky_relu, gelu,
//     softplus (K. He et al., "Delving Deep into Rectifiers", ICCV 2015; gain √2, or √(2/(1+α²)) for
//     leaky relu with slope α; gelu and softplus are treated as relu)
// Biases start at 0. Values are drawn in row-major order.
#pragma once

#include <cstdint>

#include "../runtime/rng.hpp"
#include "activation.hpp"

namespace lab::nn {

enum class InitKind { xavier_uniform, he_normal };

struct Init {
  InitKind kind = InitKind::xavier_uniform;
  double gain = 1;
};

// The init that suits a layer followed by activation `a` (alpha: the leaky-relu slope).
Init init_for(Activation a, double alpha);

// Fills n weights whose layer has the given fans (a convolution: fan_in = C·K_h·K_w, fan_out =
// O·K_h·K_w, n = O·C·K_h·K_w, as PyTorch counts them).
template <class T>
void init_weights(T* w, std::int64_t n, std::int64_t fan_in, std::int64_t fan_out, Init init, Rng& rng);
// Fills w [fan_in, fan_out] (n = fan_in·fan_out values).
template <class T>
void init_weights(T* w, std::int64_t fan_in, std::int64_t fan_out, Init init, Rng& rng) {
  init_weights(w, fan_in * fan_out, fan_in, fan_out, init, rng);
}

}  // namespace lab::nn
