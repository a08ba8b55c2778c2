// batch_norm: each channel of a batch standardised by the batch's own mean and variance (training) or
// by running estimates (evaluation), then scaled and shifted per channel — the CNN lab's batch-norm
// layer. A channel c of x [N,C,H,W] (or [N,C], H = W = 1) has M = N·H·W values.
//
//   training:    μ_c = (1/M) Σ x,   σ²_c = (1/M) Σ (x − μ_c)²   (biased, as the normalisation uses it)
//                x̂ = (x − μ_c) / √(σ²_c + ε),   out = γ_c · x̂ + β_c
//                dβ_c = Σ dout,   dγ_c = Σ dout · x̂
//                dx = γ_c / (M √(σ²_c + ε)) · (M·dout − dβ_c − x̂ · dγ_c)
//   evaluation:  out = γ_c · (x − m_c) / √(v_c + ε) + β_c  with given m, v (an affine map per channel)
//
// Sums run in double, in index order. The training op hands back each channel's batch mean and its
// unbiased variance (M/(M−1)·σ², as PyTorch's running estimate uses it; σ² itself when M = 1) so the
// layer can update its running statistics.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

struct BatchNormGeometry {
  std::int64_t N = 0, C = 0, S = 1;  // batch, channels, values per channel per example (H·W)
  // Throws INTERNAL naming the shapes unless x is [N,C] or [N,C,H,W] and γ, β are [C].
  static BatchNormGeometry of(const Shape& x, const Shape& gamma, const Shape& beta);
};

// Tape op, training mode. batch_mean / batch_var (nullptr: not wanted) receive C values each.
template <class T>
Tensor<T> batch_norm_train(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double eps, T* batch_mean,
                           T* batch_var);
// Tape op, evaluation mode: mean and var are C running values each (not differentiated).
template <class T>
Tensor<T> batch_norm_eval(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, const T* mean, const T* var,
                          double eps);

}  // namespace lab::ag
