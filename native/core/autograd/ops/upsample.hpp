// upsample_nearest: each value of an NCHW batch repeated over an f×f block, so feature maps grow f
// times in height and width — what a decoder (the VAE's, a DCGAN generator's) uses to go from a small
// map back to a full image, followed by a convolution that smooths the blocks.
//
//   out[n, c, y, x] = inp[n, c, ⌊y/f⌋, ⌊x/f⌋]          inp [N,C,H,W] → out [N,C,f·H,f·W]
//   dinp[n, c, h, w] = Σ_{i,j < f} dout[n, c, f·h + i, f·w + j]   (each block's gradients summed in
//                                                                   row-major order)
// As PyTorch's nn.Upsample(scale_factor=f, mode="nearest") for integer f.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

template <class T>
void upsample_nearest_forward(T* out, const T* inp, std::int64_t planes, std::int64_t H, std::int64_t W, std::int64_t f);
template <class T>
void upsample_nearest_backward(T* dinp, const T* dout, std::int64_t planes, std::int64_t H, std::int64_t W, std::int64_t f);

// x [N,C,H,W] → [N,C,f·H,f·W]; throws INTERNAL naming the shape when x is not 4-D or f < 1.
template <class T>
Tensor<T> upsample_nearest(Tape<T>& tape, Tensor<T> x, std::int64_t f);

}  // namespace lab::ag
