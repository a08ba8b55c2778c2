// Reductions to a scalar: sum and mean over all elements. Sums run in double, in index order.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[] = Σ_i x[i];   dx[i] += dout
template <class T> void sum_forward(T* out, const T* x, std::int64_t n);
template <class T> void sum_backward(T* dx, const T* dout, std::int64_t n);

// out[] = (1/n)·Σ_i x[i];   dx[i] += dout / n
template <class T> void mean_forward(T* out, const T* x, std::int64_t n);
template <class T> void mean_backward(T* dx, const T* dout, std::int64_t n);

// Tape ops: any shape → a scalar (shape []). mean of no elements throws INTERNAL.
template <class T> Tensor<T> sum(Tape<T>& tape, Tensor<T> x);
template <class T> Tensor<T> mean(Tape<T>& tape, Tensor<T> x);

}  // namespace lab::ag
