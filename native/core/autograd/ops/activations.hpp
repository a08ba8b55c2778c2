// Elementwise activations, each a forward/backward pair over n elements (any shape) and a tape op
// returning a tensor of the input's shape:
//   relu        max(x, 0)                            d: 1 if x > 0 else 0
//   leaky_relu  x if x > 0 else α·x                  d: 1 if x > 0 else α
//   tanh        tanh(x)                              d: 1 − y²
//   sigmoid     1 / (1 + e^−x)   (stable both ways)  d: y·(1 − y)
//   gelu        x·Φ(x), Φ(x) = ½(1 + erf(x/√2))      d: Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)
//               (the exact erf form, PyTorch's default; not the tanh approximation)
//   softplus    log(1 + eˣ) = max(x, 0) + log1p(e^−|x|)   d: sigmoid(x)
// At the relu kink x = 0 the derivative taken is 0 (leaky: α).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// out[n] = f(inp[n]);  dinp[n] += dout[n]·f'(…)
template <class T> void relu_forward(T* out, const T* inp, std::int64_t n);
template <class T> void relu_backward(T* dinp, const T* dout, const T* inp, std::int64_t n);
template <class T> void leaky_relu_forward(T* out, const T* inp, T alpha, std::int64_t n);
template <class T> void leaky_relu_backward(T* dinp, const T* dout, const T* inp, T alpha, std::int64_t n);
template <class T> void tanh_forward(T* out, const T* inp, std::int64_t n);
template <class T> void tanh_backward(T* dinp, const T* dout, const T* out, std::int64_t n);      // uses y
template <class T> void sigmoid_forward(T* out, const T* inp, std::int64_t n);
template <class T> void sigmoid_backward(T* dinp, const T* dout, const T* out, std::int64_t n);   // uses y
template <class T> void gelu_forward(T* out, const T* inp, std::int64_t n);
template <class T> void gelu_backward(T* dinp, const T* dout, const T* inp, std::int64_t n);
template <class T> void softplus_forward(T* out, const T* inp, std::int64_t n);
template <class T> void softplus_backward(T* dinp, const T* dout, const T* inp, std::int64_t n);

// The stable logistic function, shared with the losses.
template <class T> T sigmoid_of(T x);

template <class T> Tensor<T> relu(Tape<T>& tape, Tensor<T> x);
template <class T> Tensor<T> leaky_relu(Tape<T>& tape, Tensor<T> x, double alpha);
template <class T> Tensor<T> tanh(Tape<T>& tape, Tensor<T> x);
template <class T> Tensor<T> sigmoid(Tape<T>& tape, Tensor<T> x);
template <class T> Tensor<T> gelu(Tape<T>& tape, Tensor<T> x);
template <class T> Tensor<T> softplus(Tape<T>& tape, Tensor<T> x);

}  // namespace lab::ag
