// gelu_tanh: GELU's tanh approximation, x·½(1 + tanh(u)) with u = √(2/π)·(x + 0.044715·x³) (Hendrycks &
// Gimpel 2016; PyTorch's gelu(approximate="tanh")). The transformer's feed-forward uses it: in float it
// runs through the vectorised tanh (tanh_fast.hpp), where the exact erf form (activations.hpp) spent a
// quarter of a training step in erff. It differs from the exact GELU by at most about 5e-4.
//   d/dx = ½(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²),  t = tanh(u)
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// Tape op: any shape → the same shape.
template <class T>
Tensor<T> gelu_tanh(Tape<T>& tape, Tensor<T> x);

}  // namespace lab::ag
