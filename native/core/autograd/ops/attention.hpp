// attention: multi-head scaled dot-product self-attention over packed projections (A. Vaswani et al.,
// "Attention Is All You Need", 2017). qkv [B, T, 3D] holds Q, K and V side by side (columns 0…D−1,
// D…2D−1, 2D…3D−1); head h takes columns h·d…(h+1)·d − 1 of each, d = D / heads:
//   S = Q_h·K_hᵀ/√d,  S[i, j] = −∞ for j > i when causal,  P = softmax over each row,  O_h = P·V_h
// and the heads' outputs are laid side by side: out [B, T, D]. Softmax is stable (rows shifted by their
// max). Backward: dV = Pᵀ·dO, dP = dO·Vᵀ, dS = P ⊙ (dP − Σ_j dP⊙P), dQ = dS·K/√d, dK = dSᵀ·Q/√d.
// The probabilities can be copied out ([B, heads, T, T]) for the lab's attention maps.
// The projections before and after are ordinary matmuls (the lab's model, seq/transformer.hpp).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// Tape op: qkv [B, T, 3D] → [B, T, D]. probs_out (optional, caller-owned): written with P [B, heads, T, T].
template <class T>
Tensor<T> attention(Tape<T>& tape, Tensor<T> qkv, std::int64_t heads, bool causal, T* probs_out = nullptr);

}  // namespace lab::ag
