// layer_norm: y = γ ⊙ (x − μ)/√(σ² + ε) + β over the last axis of x [N, D] (μ and the biased σ² of each
// row; J. Ba, J. Kiros, G. Hinton, "Layer Normalization", 2016), as torch.nn.LayerNorm computes it.
// Backward, with x̂ the normalised row and s = 1/√(σ² + ε):
//   dβ += Σ_rows dy,  dγ += Σ_rows dy ⊙ x̂,  dx += s·(g − mean(g) − x̂·mean(g ⊙ x̂)) with g = dy ⊙ γ.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// Tape op: x [N, D] (any rank, the last axis normalised), gamma [D], beta [D] → the shape of x.
template <class T>
Tensor<T> layer_norm(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double eps = 1e-5);

}  // namespace lab::ag
