// Regression and binary losses, each the mean over all elements:
//   mse              (1/N)·Σ (p − t)²
//   bce_with_logits  (1/N)·Σ [max(z, 0) − z·y + log1p(e^−|z|)]   = binary cross-entropy of sigmoid(z)
//                    against targets y ∈ [0, 1], stable for any z (no log of 0, no overflow)
// Targets may carry a gradient too (then it flows into them).
// Not here: softmax cross-entropy (cross_entropy.hpp).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[] = (1/N)·Σ (pred − target)²;  dpred += dout·2(pred − target)/N, dtarget −= the same
template <class T> void mse_forward(T* out, const T* pred, const T* target, std::int64_t n);
template <class T> void mse_backward(T* dpred, T* dtarget, const T* dout, const T* pred, const T* target, std::int64_t n);

// out[] = (1/N)·Σ bce(z, y);  dz += dout·(sigmoid(z) − y)/N,  dy += dout·(−z)/N
template <class T> void bce_with_logits_forward(T* out, const T* z, const T* y, std::int64_t n);
template <class T> void bce_with_logits_backward(T* dz, T* dy, const T* dout, const T* z, const T* y, std::int64_t n);

// Tape ops: two tensors of one shape (N ≥ 1 elements) → a scalar.
template <class T> Tensor<T> mse(Tape<T>& tape, Tensor<T> pred, Tensor<T> target);
template <class T> Tensor<T> bce_with_logits(Tape<T>& tape, Tensor<T> logits, Tensor<T> target);

}  // namespace lab::ag
