// matmul: out[B,O] = inp[B,I] · w[I,O] — the product of a batch of rows with a weight matrix.
// Forward and backward use the fast kernels of gemm.hpp (their naive references live there too).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[B,O] = inp[B,I] · w[I,O]
template <class T>
void matmul_forward(T* out, const T* inp, const T* w, std::int64_t B, std::int64_t I, std::int64_t O);

// dinp[B,I] += dout[B,O] · wᵀ     (skipped when dinp is nullptr)
// dw[I,O]   += inpᵀ · dout[B,O]   (skipped when dw is nullptr)
template <class T>
void matmul_backward(T* dinp, T* dw, const T* dout, const T* inp, const T* w, std::int64_t B, std::int64_t I,
                     std::int64_t O);

// Tape op. a [B,I], b [I,O] → [B,O]. Throws INTERNAL on other shapes.
template <class T>
Tensor<T> matmul(Tape<T>& tape, Tensor<T> a, Tensor<T> b);

// Tape op: a linear layer, x [B,I] · w [I,O] + bias [O] → [B,O], as ONE node ("linear"): the output
// rows start as the bias and the product is added to them, so the same bits as add(matmul(x, w), bias)
// (the gemm adds its whole sum to what C holds, and addition commutes), one pass over the output and
// one intermediate fewer; the bias gradient sums dout's rows in order, as bias_add does. The sequence
// nets use it; nn::Linear keeps matmul + bias_add, whose two nodes the graph lab shows.
template <class T>
Tensor<T> linear(Tape<T>& tape, Tensor<T> x, Tensor<T> w, Tensor<T> bias);

}  // namespace lab::ag
