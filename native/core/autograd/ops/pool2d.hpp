// max_pool2d and avg_pool2d: the largest value, or the mean, of each k×k window of an NCHW batch, as
// the CNN lab's pooling layers use them.
//
//   out[n,c,y,x] = max_{i,j < k} inp[n, c, y·s + i, x·s + j]
//   inp [N,C,H,W] → out [N,C,H_o,W_o], H_o = (H − k)/s + 1 (rounded down; no padding), s defaults to k.
//
// The gradient of each output goes to the one input that was the maximum: the first in row-major order
// within the window when several are equal, as PyTorch's MaxPool2d picks. A NaN in a window is its
// maximum (it propagates, so a diverging run shows NaN instead of hiding it). The forward keeps each
// window's winner (its offset in the channel plane) for the backward.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

struct Pool2dGeometry {
  std::int64_t N = 0, C = 0, H = 0, W = 0, k = 2, stride = 2, Ho = 0, Wo = 0;
  // Throws INTERNAL naming the shape when the input is not 4-D, k or the stride is < 1, or the window
  // is larger than the image.
  static Pool2dGeometry of(const Shape& inp, std::int64_t k, std::int64_t stride);
};

// out ← each window's maximum; argmax (nullptr: not wanted) ← its offset in the channel plane.
template <class T>
void max_pool2d_forward(T* out, T* argmax, const T* inp, const Pool2dGeometry& g);
// dinp += dout routed to each window's maximum, as the forward recorded it in argmax.
template <class T>
void max_pool2d_backward(T* dinp, const T* dout, const T* argmax, const Pool2dGeometry& g);

//   avg:  out[n,c,y,x] = (1/k²) Σ_{i,j < k} inp[n, c, y·s + i, x·s + j]; each input of a window gets
//         dout/k² back (an input in several windows, for s < k, gets the sum).
template <class T>
void avg_pool2d_forward(T* out, const T* inp, const Pool2dGeometry& g);
template <class T>
void avg_pool2d_backward(T* dinp, const T* dout, const Pool2dGeometry& g);

// Tape ops. x [N,C,H,W] → [N,C,H_o,W_o]; stride 0 means stride = k.
template <class T>
Tensor<T> avg_pool2d(Tape<T>& tape, Tensor<T> x, std::int64_t k, std::int64_t stride = 0);
template <class T>
Tensor<T> max_pool2d(Tape<T>& tape, Tensor<T> x, std::int64_t k, std::int64_t stride = 0);

// max_pool2d(relu(x)) in one pass, the same bits, value and gradient, as the two ops: each window's
// max(0, maximum) (a window holding a NaN: the largest of its values with NaN read as 0, as relu
// reads it), and its gradient only to the winner of a positive window. Saves relu's full pass over
// the feature maps forward and backward (a CNN step spent 7 % in relu).
template <class T>
Tensor<T> relu_max_pool2d(Tape<T>& tape, Tensor<T> x, std::int64_t k, std::int64_t stride = 0);

}  // namespace lab::ag
