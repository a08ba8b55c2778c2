// Weight penalties added to a loss: L2 = λ·Σθ², L1 = λ·Σ|θ| over one tensor (a weight, or the whole
// parameter slab: ParamStore::all()). The L1 subgradient taken at θ = 0 is 0.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[] = λ·Σ θ²;   dθ += dout·2λθ
template <class T> void l2_penalty_forward(T* out, const T* theta, T lambda, std::int64_t n);
template <class T> void l2_penalty_backward(T* dtheta, const T* dout, const T* theta, T lambda, std::int64_t n);
// out[] = λ·Σ |θ|;  dθ += dout·λ·sign(θ)
template <class T> void l1_penalty_forward(T* out, const T* theta, T lambda, std::int64_t n);
template <class T> void l1_penalty_backward(T* dtheta, const T* dout, const T* theta, T lambda, std::int64_t n);

// Tape ops: any shape → a scalar.
template <class T> Tensor<T> l2_penalty(Tape<T>& tape, Tensor<T> theta, double lambda);
template <class T> Tensor<T> l1_penalty(Tape<T>& tape, Tensor<T> theta, double lambda);

}  // namespace lab::ag
