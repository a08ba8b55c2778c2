// conv2d: a 2-D convolution over a batch of images in NCHW layout, as the CNN lab's layers use it.
//
//   out[n,o,y,x] = b[o] + Σ_{c,i,j} inp[n, c, y·s − p + i, x·s − p + j] · w[o,c,i,j]
//   inp [N,C,H,W], w [O,C,K_h,K_w], b [O] (optional), out [N,O,H_o,W_o],
//   H_o = (H + 2p − K_h)/s + 1 (rounded down), W_o likewise; outside the image inp counts as 0.
//
// This is cross-correlation, as PyTorch's Conv2d and every framework compute it (the kernel is not
// flipped). Each sample is unfolded into columns (im2col: cols[C·K_h·K_w, H_o·W_o]), so the forward is
// one matrix product per sample, out_n = w · cols, and the backward two: dw += Σ_n dout_n · cols_nᵀ (with
// the columns the forward kept; dot products along the pixels, gemm_nt_sum) and dcols = wᵀ · dout_n,
// which col2im adds back onto the image's gradient. The products are gemm.hpp's fast kernels;
// conv2d_naive is the direct six-fold loop they are tested against.
// Paper: Y. LeCun et al., "Gradient-Based Learning Applied to Document Recognition", Proc. IEEE, 1998.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// The sizes of one convolution, derived from the input and weight shapes and checked once.
struct Conv2dGeometry {
  std::int64_t N = 0, C = 0, H = 0, W = 0;    // input
  std::int64_t O = 0, Kh = 0, Kw = 0;         // weight
  std::int64_t stride = 1, pad = 0;
  std::int64_t Ho = 0, Wo = 0;                // output
  std::int64_t patch() const { return C * Kh * Kw; }  // rows of cols
  std::int64_t pixels() const { return Ho * Wo; }     // columns of cols
  std::int64_t cols_size() const { return patch() * pixels(); }               // one sample's cols
  // The backward works on fixed chunks of kChunk samples (whatever the thread count), each with its own
  // dcols and weight gradient, summed in chunk order: see conv2d_backward.
  static constexpr std::int64_t kChunk = 8;
  std::int64_t chunks() const { return (N + kChunk - 1) / kChunk; }
  // Stride 1 without padding, a kernel wider than 1 (a "valid" convolution): the input gradient goes
  // through wide columns whose output rows are W apart, not W_o (dout copied with zeros at each row's
  // end), so col2im adds one contiguous run per tap instead of one per output row. wide_pixels(): the
  // columns of that layout, up to the last output row's last real pixel.
  bool wide_backward() const { return stride == 1 && pad == 0 && Wo < W; }
  std::int64_t wide_pixels() const { return wide_backward() ? (Ho - 1) * W + Wo : pixels(); }
  // per chunk: its columns, their gradient (wide when wide_backward), dout's wide copy (when
  // wide_backward) and its weight gradient
  std::int64_t chunk_scratch() const {
    return cols_size() + patch() * wide_pixels() + (wide_backward() ? O * wide_pixels() : 0) + patch() * O;
  }
  std::int64_t backward_scratch() const { return chunks() * chunk_scratch(); }
  // Whether a forward with a gradient keeps every sample's columns for the backward (kept_size()
  // elements) instead of the backward unfolding them again: when they fit in kKeepElements. Keeping
  // measured 7–12 % faster steps on the CNN workloads (the columns are read back from L3 sooner than
  // they are made again), and lets the weight gradient sum a chunk's samples in one pass. The choice
  // depends on the shapes only, so a run's bits still do not depend on the thread count.
  static constexpr std::int64_t kKeepElements = std::int64_t{1} << 23;  // 32 MiB of float
  bool keeps_cols() const { return N * cols_size() <= kKeepElements; }
  std::int64_t kept_size() const { return keeps_cols() ? N * cols_size() : 0; }
  // Throws INTERNAL naming the shapes when they do not fit (ranks, channels, stride < 1, pad < 0, or a
  // kernel larger than the padded image).
  static Conv2dGeometry of(const Shape& inp, const Shape& w, std::int64_t stride, std::int64_t pad);
};

// cols[C·K_h·K_w, H_o·W_o] ← the patches of one image img[C,H,W] (zeros where they overhang).
template <class T>
void im2col(T* cols, const T* img, const Conv2dGeometry& g);
// img[C,H,W] += the columns put back where im2col took them from (overlapping patches add up). The
// entries of `cols` that im2col would have zeroed (taps over the padding) may be cleared.
template <class T>
void col2im_add(T* img, T* cols, const Conv2dGeometry& g);

// out ← the convolution; b may be nullptr. cols: chunks()·cols_size() elements of scratch — each chunk
// of kChunk samples unfolds one sample at a time into its own slot, so the columns stay in cache —
// or, with `keep`, N·cols_size() elements: sample n's columns stay at cols + n·cols_size() for the
// backward. With a pool the chunks are shared out (each writes only its own outputs and slots).
template <class T>
void conv2d_forward(T* out, const T* inp, const T* w, const T* b, const Conv2dGeometry& g, T* cols,
                    ThreadPool* pool = nullptr, bool keep = false);
// dinp += …, dw += …, db += … (each skipped when nullptr). inp: the forward's input; kept: the columns
// a forward kept (sample n's at kept + n·cols_size()), or nullptr to unfold them again sample by
// sample (dinp and db are the same bits either way; dw is summed per chunk from kept columns, per
// sample otherwise, so it differs in rounding); scratch: backward_scratch() elements. The samples go in fixed chunks of kChunk (one chunk's weight gradient
// summed in its own buffer, its input gradients through its own dcols), the chunks over the pool if
// any, then dw += the chunks' gradients in chunk order: the same bits for any thread count, pool or none.
template <class T>
void conv2d_backward(T* dinp, T* dw, T* db, const T* inp, const T* dout, const T* w, const Conv2dGeometry& g,
                     T* scratch, ThreadPool* pool = nullptr, const T* kept = nullptr);

// The definition as a direct loop (no unfolding, no gemm): the reference of the tests.
template <class T>
void conv2d_naive(T* out, const T* inp, const T* w, const T* b, const Conv2dGeometry& g);

// Tape op. x [N,C,H,W], w [O,C,K_h,K_w], b [O] or an empty tensor (no bias) → [N,O,H_o,W_o].
template <class T>
Tensor<T> conv2d(Tape<T>& tape, Tensor<T> x, Tensor<T> w, Tensor<T> b, std::int64_t stride = 1,
                 std::int64_t pad = 0);

}  // namespace lab::ag
