// The pieces of a variational autoencoder's loss, each a forward/backward pair and a tape op:
//   reparameterize      z = μ + ε ⊙ exp(½·log σ²)                 μ, log σ², ε: [B, Z] → z [B, Z]
//                       ε is data (no gradient flows into it); dμ += dz, dlogσ² += dz·ε·½·exp(½·log σ²)
//   gaussian_kl         scale · (−½)·Σ (1 + log σ² − μ² − exp(log σ²))  → a scalar: KL(N(μ, σ²) ‖ N(0, I))
//                       summed over every element (D. Kingma, M. Welling, "Auto-Encoding Variational
//                       Bayes", 2014, appendix B); dμ += dout·scale·μ, dlogσ² += dout·scale·½(exp(log σ²) − 1)
//   bce_with_logits_sum scale · Σ [max(z, 0) − z·y + log1p(e^−|z|)]  → a scalar: the Bernoulli decoder's
//                       −log p(x | z) with pixel intensities y ∈ [0, 1]; dz += dout·scale·(sigmoid(z) − y)
//   half_squared_sum    scale · ½·Σ (p − t)²                          → a scalar: the Gaussian decoder's
//                       −log p(x | z) with unit variance, without its constant ½·log 2π per pixel
// `scale` is how the caller averages: 1/B for a mean over a batch of B examples, β/B for a β-VAE's KL.
// Not here: the model and its training (native/core/gen/vae.hpp); the mean losses (losses.hpp).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

template <class T> void reparameterize_forward(T* z, const T* mu, const T* logvar, const T* eps, std::int64_t n);
template <class T>
void reparameterize_backward(T* dmu, T* dlogvar, const T* dz, const T* logvar, const T* eps, std::int64_t n);

template <class T> void gaussian_kl_forward(T* out, const T* mu, const T* logvar, double scale, std::int64_t n);
template <class T>
void gaussian_kl_backward(T* dmu, T* dlogvar, const T* dout, const T* mu, const T* logvar, double scale, std::int64_t n);

template <class T> void bce_with_logits_sum_forward(T* out, const T* z, const T* y, double scale, std::int64_t n);
template <class T> void bce_with_logits_sum_backward(T* dz, const T* dout, const T* z, const T* y, double scale, std::int64_t n);

template <class T> void half_squared_sum_forward(T* out, const T* p, const T* t, double scale, std::int64_t n);
template <class T> void half_squared_sum_backward(T* dp, const T* dout, const T* p, const T* t, double scale, std::int64_t n);

// Tape ops. The shapes of the two (three) tensors must match; targets and ε never get a gradient.
template <class T> Tensor<T> reparameterize(Tape<T>& tape, Tensor<T> mu, Tensor<T> logvar, Tensor<T> eps);
template <class T> Tensor<T> gaussian_kl(Tape<T>& tape, Tensor<T> mu, Tensor<T> logvar, double scale);
template <class T> Tensor<T> bce_with_logits_sum(Tape<T>& tape, Tensor<T> logits, Tensor<T> target, double scale);
template <class T> Tensor<T> half_squared_sum(Tape<T>& tape, Tensor<T> pred, Tensor<T> target, double scale);

}  // namespace lab::ag
