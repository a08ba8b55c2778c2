// Elementwise binary ops: add (same shapes, or a bias row broadcast over a batch) and mul.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[n] = a[n] + b[n];   da[n] += dout[n], db[n] += dout[n]   (a null grad is skipped)
template <class T> void add_forward(T* out, const T* a, const T* b, std::int64_t n);
template <class T> void add_backward(T* da, T* db, const T* dout, std::int64_t n);

// out[B,O] = x[B,O] + bias[O];   dx[B,O] += dout,  dbias[O] += Σ_b dout[b,O]
template <class T> void bias_add_forward(T* out, const T* x, const T* bias, std::int64_t B, std::int64_t O);
template <class T> void bias_add_backward(T* dx, T* dbias, const T* dout, std::int64_t B, std::int64_t O);

// out[n] = a[n] · b[n];   da[n] += dout[n]·b[n], db[n] += dout[n]·a[n]
template <class T> void mul_forward(T* out, const T* a, const T* b, std::int64_t n);
template <class T> void mul_backward(T* da, T* db, const T* dout, const T* a, const T* b, std::int64_t n);

// Tape ops. add: a and b of one shape → that shape; or a [B,O] and b [O] → [B,O] (a bias row).
// mul: one shape. Other shapes throw INTERNAL.
template <class T> Tensor<T> add(Tape<T>& tape, Tensor<T> a, Tensor<T> b);
template <class T> Tensor<T> mul(Tape<T>& tape, Tensor<T> a, Tensor<T> b);

}  // namespace lab::ag
