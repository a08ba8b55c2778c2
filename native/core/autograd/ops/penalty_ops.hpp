// The pieces of a Wasserstein GAN's critic loss with a gradient penalty (I. Gulrajani et al., "Improved
// Training of Wasserstein GANs", 2017), each a tape op:
//   matmul_bt        out[B, O] = a[B, I] · b[O, I]ᵀ                 (a weight [in, out] used backwards:
//                    the input gradient of a linear layer, as a function of that weight)
//                    da += dout·b,  db += doutᵀ·a
//   scaled_sum       c · Σ x                                        → a scalar; dx += dout·c
//   norm_penalty     λ · (1/B)·Σ_b (‖g_b‖ − 1)²  over the rows of g [B, D]   → a scalar
//                    dg_b += dout·λ·(2/B)·(‖g_b‖ − 1)·g_b/‖g_b‖   (0 for a zero row)
// With these the penalty's gradient with respect to the critic's weights — the gradient of a gradient —
// is an ordinary backward pass (gen/gan_run.hpp builds ∇ₓD as a graph of matmul_bt and masks).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

template <class T> Tensor<T> matmul_bt(Tape<T>& tape, Tensor<T> a, Tensor<T> b);
template <class T> Tensor<T> scaled_sum(Tape<T>& tape, Tensor<T> x, double c);
template <class T> Tensor<T> norm_penalty(Tape<T>& tape, Tensor<T> g, double lambda);

}  // namespace lab::ag
