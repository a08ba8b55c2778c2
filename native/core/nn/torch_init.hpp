// PyTorch's default initialisation of Linear and Conv layers, for the labs whose reference numbers
// come from torch (the VAE and the GAN, REFERENCE_WORKLOADS.md): every weight and every bias drawn from
// U(−1/√fan_in, 1/√fan_in) — what kaiming_uniform with a = √5 gives for weights, and torch's bias rule.
// fan_in: in of a linear weight [in, out]; C·K_h·K_w of a convolution weight [O, C, K_h, K_w]. A bias
// "<name>.bias" takes the fan_in of "<name>.weight". A batch norm's parameters (a weight of rank 1 and
// its bias) start at γ = 1 and β = 0, as torch's do. Entries are filled in the store's order, each
// row-major, from `rng` (the same seed gives the same weights; not torch's own numbers).
#pragma once

#include "../autograd/param_store.hpp"
#include "../runtime/rng.hpp"

namespace lab::nn {

// Redraws every parameter of `store` as above. Throws INTERNAL for a bias without its weight.
template <class T>
void init_like_torch(ag::ParamStore<T>& store, Rng& rng);

}  // namespace lab::nn
