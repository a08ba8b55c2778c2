// The input gradient ∇ₓD of an MLP critic, built on the tape as a function of the critic's weights, so
// that a penalty on it (WGAN-GP: λ·(‖∇ₓD‖ − 1)²) can be differentiated with respect to those weights by
// an ordinary backward pass — the gradient of a gradient.
// The critic: linear layers "layers.0" … "layers.{L−1}" in `store` (nn/mlp.hpp's names, weights
// [in, out]), LeakyReLU with slope α after every one but the last, one output. Then
//   ∇ₓD = ((W_{L−1}ᵀ ⊙ m_{L−2}) · W_{L−2}ᵀ ⊙ … ⊙ m_0) · W_0ᵀ      (rows; m_l = 1 where layer l's
// pre-activation is positive, α elsewhere, found by a forward pass at x and held constant: the masks
// are piecewise constant, so this is exact except on the kinks).
#pragma once

#include <cstdint>

#include "../autograd/autograd.hpp"

namespace lab::gen {

// x: N rows of `in` values (caller-owned, read now) → ∇ₓD [N, in] on the tape.
template <class T>
ag::Tensor<T> critic_input_gradient(ag::Tape<T>& tape, ag::ParamStore<T>& store, std::int64_t layers, double alpha, const T* x, std::int64_t N);

}  // namespace lab::gen
