// conv2d forward/backward by im2col + gemm, its naive reference and its tape op (see conv2d.hpp).
#include "conv2d.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>

#include "../../runtime/thread_pool.hpp"
#include "checks.hpp"
#include "gemm.hpp"

#include "../../runtime/dispatch.hpp"

namespace lab::ag {

using i64 = std::int64_t;

Conv2dGeometry Conv2dGeometry::of(const Shape& inp, const Shape& w, i64 stride, i64 pad) {
  expect_rank("conv2d", "the input", inp, 4);
  expect_rank("conv2d", "the weight", w, 4);
  if (w[1] != inp[1])
    shape_error("conv2d", "the weight " + w.str() + " expects " + std::to_string(w[1]) + " input channels, the input " +
                              inp.str() + " has " + std::to_string(inp[1]));
  if (stride < 1 || pad < 0)
    shape_error("conv2d", "stride must be ≥ 1 and padding ≥ 0, got stride " + std::to_string(stride) + ", padding " +
                              std::to_string(pad));
  Conv2dGeometry g;
  g.N = inp[0], g.C = inp[1], g.H = inp[2], g.W = inp[3];
  g.O = w[0], g.Kh = w[2], g.Kw = w[3];
  g.stride = stride, g.pad = pad;
  if (g.Kh < 1 || g.Kw < 1) shape_error("conv2d", "the weight " + w.str() + " has an empty kernel");
  if (g.H + 2 * pad < g.Kh || g.W + 2 * pad < g.Kw)
    shape_error("conv2d", "the kernel " + w.str() + " does not fit the input " + inp.str() + " padded by " +
                              std::to_string(pad));
  g.Ho = (g.H + 2 * pad - g.Kh) / stride + 1;
  g.Wo = (g.W + 2 * pad - g.Kw) / stride + 1;
  return g;
}

namespace {

// The output columns x whose input column x·s − p + j falls inside [0, W): [first, end).
struct ValidRange {
  i64 first, end;
};
ValidRange valid_columns(const Conv2dGeometry& g, i64 j) {
  const i64 lo = g.pad - j;               // x·s ≥ lo
  const i64 hi = g.W - 1 + g.pad - j;     // x·s ≤ hi
  if (hi < 0) return {0, 0};
  const i64 first = lo > 0 ? (lo + g.stride - 1) / g.stride : 0;
  const i64 end = std::min(g.Wo, hi / g.stride + 1);
  return {std::min(first, end), end};
}

// Unaligned loads and stores of GCC vector types: 8 floats are one AVX register in the AVX2 build of
// the LAB_KERNEL functions below and two SSE registers in the baseline one.
using f32x8 = float __attribute__((vector_size(32)));
using f32x4 = float __attribute__((vector_size(16)));
template <class V>
inline V load(const float* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class V>
inline void store(float* p, V v) {
  std::memcpy(p, &v, sizeof v);
}

// dst[0, n) = src[0, n), for the short runs of an output row (11 or 26 values in the reference nets):
// float runs of 4 or more go 8 (or 4) at a time with the last 8 (or 4) overlapping the ones before
// (written twice with the same bits) instead of a scalar tail. dst and src never overlap.
template <class T>
[[gnu::always_inline]] inline void copy_run(T* __restrict dst, const T* __restrict src, i64 n) {
  if constexpr (std::is_same_v<T, float>) {
    if (n >= 8) {
      i64 k = 0;
      for (; k + 8 <= n; k += 8) store(dst + k, load<f32x8>(src + k));
      if (k < n) store(dst + n - 8, load<f32x8>(src + n - 8));
      return;
    }
    if (n >= 4) {
      store(dst, load<f32x4>(src));
      store(dst + n - 4, load<f32x4>(src + n - 4));
      return;
    }
  }
  for (i64 k = 0; k < n; ++k) dst[k] = src[k];
}

// dst[0, n) += src[0, n): floats 8 at a time, then 4, then the 1 to 3 left one by one (an overlapping
// last group would add twice).
template <class T>
[[gnu::always_inline]] inline void add_run(T* __restrict dst, const T* __restrict src, i64 n) {
  i64 k = 0;
  if constexpr (std::is_same_v<T, float>) {
    for (; k + 8 <= n; k += 8) store(dst + k, load<f32x8>(dst + k) + load<f32x8>(src + k));
    if (k + 4 <= n) store(dst + k, load<f32x4>(dst + k) + load<f32x4>(src + k)), k += 4;
  }
  for (; k < n; ++k) dst[k] += src[k];
}

}  // namespace

// Row r = (c, i, j) of cols holds, for every output pixel (y, x), img[c, y·s − p + i, x·s − p + j]:
// per output row, zeros where the tap overhangs the left or right edge and a strided copy between.
// The copies are a few dozen values each, thousands per sample: as calls to memmove/memset (which GCC
// makes of such loops) they took 9–12 % of a c_cnn_same step, so CMakeLists.txt builds this file with
// -fno-tree-loop-distribute-patterns to keep them as loops.
template <class T>
[[gnu::always_inline]] inline void im2col_body(T* cols, const T* img, const Conv2dGeometry& g) {
  // Stride 1 with Wo = W ("same" padding, e.g. 3×3 pad 1): for a tap (i, j) the valid output rows read
  // consecutive input rows, so the row block is ONE copy of the input shifted by j − p, after which the
  // columns that overhang the left or right edge are set to 0 — instead of a copy per output row.
  const bool same_width = g.stride == 1 && g.Wo == g.W;
  for (i64 c = 0; c < g.C; ++c)
    for (i64 i = 0; i < g.Kh; ++i)
      for (i64 j = 0; j < g.Kw; ++j) {
        T* row = cols + ((c * g.Kh + i) * g.Kw + j) * g.pixels();
        const ValidRange v = valid_columns(g, j);
        if (same_width) {
          const i64 y0 = std::max<i64>(0, g.pad - i), y1 = std::min(g.Ho, g.H + g.pad - i);  // valid rows [y0, y1)
          for (i64 k = 0; k < y0 * g.Wo; ++k) row[k] = T(0);
          if (y1 > y0) {
            const i64 shift = j - g.pad;  // input column = x + shift
            const T* src = img + (c * g.H + y0 - g.pad + i) * g.W + shift;
            T* dst = row + y0 * g.Wo;
            const i64 n = (y1 - y0) * g.Wo;
            // dst[k] = src[k] for the k whose source lies in the image plane; the rest overhang an edge
            const i64 lo = shift < 0 ? -shift : 0, hi = shift > 0 ? n - shift : n;
            for (i64 k = 0; k < lo; ++k) dst[k] = T(0);
            copy_run(dst + lo, src + lo, hi - lo);
            for (i64 k = hi; k < n; ++k) dst[k] = T(0);
            for (i64 y = 0; y < y1 - y0; ++y) {  // the overhanging columns of each row (a wrapped neighbour)
              T* r = dst + y * g.Wo;
              for (i64 x = 0; x < v.first; ++x) r[x] = T(0);
              for (i64 x = v.end; x < g.Wo; ++x) r[x] = T(0);
            }
          }
          for (i64 k = std::max(y0, y1) * g.Wo; k < g.pixels(); ++k) row[k] = T(0);
          continue;
        }
        for (i64 y = 0; y < g.Ho; ++y) {
          const i64 iy = y * g.stride - g.pad + i;
          T* dst = row + y * g.Wo;
          if (iy < 0 || iy >= g.H) {
            for (i64 x = 0; x < g.Wo; ++x) dst[x] = T(0);
            continue;
          }
          const i64 base = (c * g.H + iy) * g.W + j - g.pad;  // img[base + x·s] is input column x·s − p + j
          for (i64 x = 0; x < v.first; ++x) dst[x] = T(0);
          if (g.stride == 1)
            copy_run(dst + v.first, img + base + v.first, v.end - v.first);
          else
            for (i64 x = v.first; x < v.end; ++x) dst[x] = img[base + x * g.stride];
          for (i64 x = v.end; x < g.Wo; ++x) dst[x] = T(0);
        }
      }
}

// Stride 1 with "same" width, as in im2col: a tap's valid rows are one contiguous run of the input
// plane shifted by j − p, added in one loop after the entries that overhang the left or right edge are
// cleared in `cols` (so the run adds +0 to the wrapped neighbours: a no-op on gradient sums, which
// start at +0). Every element gets the same additions in the same order as row by row.
template <class T>
[[gnu::always_inline]] inline void col2im_add_body(T* img, T* cols, const Conv2dGeometry& g) {
  const bool same_width = g.stride == 1 && g.Wo == g.W;
  for (i64 c = 0; c < g.C; ++c)
    for (i64 i = 0; i < g.Kh; ++i)
      for (i64 j = 0; j < g.Kw; ++j) {
        T* row = cols + ((c * g.Kh + i) * g.Kw + j) * g.pixels();
        const ValidRange v = valid_columns(g, j);
        if (same_width) {
          const i64 y0 = std::max<i64>(0, g.pad - i), y1 = std::min(g.Ho, g.H + g.pad - i);  // valid rows [y0, y1)
          if (y1 <= y0) continue;
          const i64 shift = j - g.pad;
          T* src = row + y0 * g.Wo;
          for (i64 y = 0; y < y1 - y0; ++y) {
            T* r = src + y * g.Wo;
            for (i64 x = 0; x < v.first; ++x) r[x] = T(0);
            for (i64 x = v.end; x < g.Wo; ++x) r[x] = T(0);
          }
          T* dst = img + (c * g.H + y0 - g.pad + i) * g.W + shift;
          const i64 n = (y1 - y0) * g.Wo;
          const i64 lo = shift < 0 ? -shift : 0, hi = shift > 0 ? n - shift : n;  // inside the plane
          add_run(dst + lo, src + lo, hi - lo);
          continue;
        }
        for (i64 y = 0; y < g.Ho; ++y) {
          const i64 iy = y * g.stride - g.pad + i;
          if (iy < 0 || iy >= g.H) continue;
          const i64 base = (c * g.H + iy) * g.W + j - g.pad;
          const T* src = row + y * g.Wo;
          if (g.stride == 1)  // contiguous
            add_run(img + base + v.first, src + v.first, v.end - v.first);
          else
            for (i64 x = v.first; x < v.end; ++x) img[base + x * g.stride] += src[x];
        }
      }
}

namespace {

// col2im_add for wide_backward() geometries: dcols[C·K_h·K_w, wide_pixels()] holds each tap's gradient
// with output rows W apart, and zeros in the W − W_o entries after each row (from dout's wide copy);
// tap (c, i, j) adds its run onto the plane of channel c from (i, j) on, the zeros landing on the
// columns its row does not reach (+0: a no-op on gradient sums, which start at +0). Each input element
// gets the taps in the same order, so the same bits as col2im_add.
template <class T>
[[gnu::always_inline]] inline void col2im_wide_add_body(T* img, const T* dcols, const Conv2dGeometry& g) {
  const i64 wp = g.wide_pixels();
  for (i64 c = 0; c < g.C; ++c)
    for (i64 i = 0; i < g.Kh; ++i)
      for (i64 j = 0; j < g.Kw; ++j)
        add_run(img + (c * g.H + i) * g.W + j, dcols + ((c * g.Kh + i) * g.Kw + j) * wp, wp);
}

// dst[O, wide_pixels()] ← d[O, H_o·W_o] with each output row W apart; the entries between rows are
// left as they are (zeroed once per chunk).
template <class T>
[[gnu::always_inline]] inline void widen_rows_body(T* dst, const T* d, const Conv2dGeometry& g) {
  const i64 wp = g.wide_pixels();
  for (i64 o = 0; o < g.O; ++o)
    for (i64 y = 0; y < g.Ho; ++y) copy_run(dst + o * wp + y * g.W, d + (o * g.Ho + y) * g.Wo, g.Wo);
}

}  // namespace

// The float unfolding loops as LAB_KERNELs (an AVX2 build beside the baseline one, picked by the
// loader): their copies and adds are short vector runs. Doubles take the bodies as they are.
LAB_KERNEL void im2col_f32(float* cols, const float* img, const Conv2dGeometry& g) { im2col_body(cols, img, g); }
LAB_KERNEL void col2im_add_f32(float* img, float* cols, const Conv2dGeometry& g) { col2im_add_body(img, cols, g); }
LAB_KERNEL void col2im_wide_add_f32(float* img, const float* dcols, const Conv2dGeometry& g) {
  col2im_wide_add_body(img, dcols, g);
}
LAB_KERNEL void widen_rows_f32(float* dst, const float* d, const Conv2dGeometry& g) { widen_rows_body(dst, d, g); }

template <class T>
void im2col(T* cols, const T* img, const Conv2dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) im2col_f32(cols, img, g);
  else im2col_body(cols, img, g);
}

template <class T>
void col2im_add(T* img, T* cols, const Conv2dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) col2im_add_f32(img, cols, g);
  else col2im_add_body(img, cols, g);
}

namespace {

template <class T>
void col2im_wide_add(T* img, const T* dcols, const Conv2dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) col2im_wide_add_f32(img, dcols, g);
  else col2im_wide_add_body(img, dcols, g);
}

template <class T>
void widen_rows(T* dst, const T* d, const Conv2dGeometry& g) {
  if constexpr (std::is_same_v<T, float>) widen_rows_f32(dst, d, g);
  else widen_rows_body(dst, d, g);
}

}  // namespace

template <class T>
void conv2d_forward(T* out, const T* inp, const T* w, const T* b, const Conv2dGeometry& g, T* cols, ThreadPool* pool,
                    bool keep) {
  const i64 in_size = g.C * g.H * g.W, out_size = g.O * g.pixels(), cols_size = g.cols_size();
  auto chunks = [&](std::size_t from, std::size_t to) {
    for (i64 c = static_cast<i64>(from); c < static_cast<i64>(to); ++c) {
      T* slot = cols + c * cols_size;  // this chunk's columns, one sample at a time (stays in cache)
      const i64 first = c * Conv2dGeometry::kChunk, last = std::min(g.N, first + Conv2dGeometry::kChunk);
      for (i64 n = first; n < last; ++n) {
        T* o = out + n * out_size;
        if (keep) slot = cols + n * cols_size;
        im2col(slot, inp + n * in_size, g);
        // o[O,P] = w[O,CKK] · cols[CKK,P] (+ b): the product is added to rows holding the bias, the
        // same bits as adding the bias after it, one pass less
        if (b)
          for (i64 k = 0; k < g.O; ++k) std::fill(o + k * g.pixels(), o + (k + 1) * g.pixels(), b[k]);
        gemm_nn(o, w, slot, g.O, g.patch(), g.pixels(), b != nullptr);
      }
    }
  };
  const auto n_chunks = static_cast<std::size_t>(g.chunks());
  if (pool != nullptr && pool->size() > 1 && n_chunks > 1) pool->parallel_for(n_chunks, 1, chunks);
  else chunks(0, n_chunks);
}

namespace {

// Σ of n values in double, in four interleaved partial sums (fixed order: the same bits on every
// machine and thread count); four chains instead of one keep the adds from waiting on each other.
template <class T>
double plane_sum(const T* v, i64 n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  i64 p = 0;
  for (; p + 4 <= n; p += 4) {
    s0 += static_cast<double>(v[p]);
    s1 += static_cast<double>(v[p + 1]);
    s2 += static_cast<double>(v[p + 2]);
    s3 += static_cast<double>(v[p + 3]);
  }
  for (; p < n; ++p) s0 += static_cast<double>(v[p]);
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

template <class T>
void conv2d_backward(T* dinp, T* dw, T* db, const T* inp, const T* dout, const T* w, const Conv2dGeometry& g, T* scratch,
                     ThreadPool* pool, const T* kept) {
  const i64 in_size = g.C * g.H * g.W, out_size = g.O * g.pixels(), cols_size = g.cols_size();
  const i64 per_chunk = g.chunk_scratch(), wp = g.wide_pixels();
  const bool wide = g.wide_backward();
  if (db)
    for (i64 n = 0; n < g.N; ++n)
      for (i64 k = 0; k < g.O; ++k) db[k] += static_cast<T>(plane_sum(dout + n * out_size + k * g.pixels(), g.pixels()));
  auto chunks = [&](std::size_t from, std::size_t to) {
    for (i64 c = static_cast<i64>(from); c < static_cast<i64>(to); ++c) {
      T* cols = scratch + c * per_chunk;     // [CKK, P], one sample's at a time
      T* dcols = cols + cols_size;           // [CKK, P], or [CKK, wide P] when wide
      T* dwide = dcols + g.patch() * wp;     // [O, wide P]: dout with rows W apart, when wide
      T* dwc = dwide + (wide ? g.O * wp : 0);  // [O, CKK]: this chunk's weight gradient
      if (wide && dinp) std::fill(dwide, dwide + g.O * wp, T(0));
      const i64 first = c * Conv2dGeometry::kChunk, last = std::min(g.N, first + Conv2dGeometry::kChunk);
      // dw_c[O,CKK] = Σ_n d_n[O,P] · cols_n[CKK,P]ᵀ by dot products along the pixels: over the whole
      // chunk in one call from the kept columns (one horizontal sum per element, not one per sample),
      // or sample by sample from columns unfolded again
      if (dw && kept)
        gemm_nt_sum(dwc, dout + first * out_size, out_size, kept + first * cols_size, cols_size, last - first, g.O, g.pixels(),
                    g.patch(), false);
      for (i64 n = first; n < last; ++n) {
        const T* d = dout + n * out_size;
        if (dw && !kept) {
          im2col(cols, inp + n * in_size, g);
          gemm_nt_sum(dwc, d, 0, cols, 0, 1, g.O, g.pixels(), g.patch(), n > first);
        }
        if (dinp && wide) {
          widen_rows(dwide, d, g);
          gemm_tn(dcols, w, dwide, g.patch(), g.O, wp, false);  // dcols[CKK,wide P] = w[O,CKK]ᵀ · dwide[O,wide P]
          col2im_wide_add(dinp + n * in_size, dcols, g);
        } else if (dinp) {
          gemm_tn(dcols, w, d, g.patch(), g.O, g.pixels(), false);  // dcols[CKK,P] = w[O,CKK]ᵀ · d[O,P]
          col2im_add(dinp + n * in_size, dcols, g);
        }
      }
    }
  };
  const auto n_chunks = static_cast<std::size_t>(g.chunks());
  if (pool != nullptr && pool->size() > 1 && n_chunks > 1) pool->parallel_for(n_chunks, 1, chunks);
  else chunks(0, n_chunks);
  if (dw)
    for (i64 c = 0; c < g.chunks(); ++c) {
      const T* dwc = scratch + c * per_chunk + per_chunk - g.patch() * g.O;
      for (i64 e = 0; e < g.O * g.patch(); ++e) dw[e] += dwc[e];
    }
}

template <class T>
void conv2d_naive(T* out, const T* inp, const T* w, const T* b, const Conv2dGeometry& g) {
  for (i64 n = 0; n < g.N; ++n)
    for (i64 o = 0; o < g.O; ++o)
      for (i64 y = 0; y < g.Ho; ++y)
        for (i64 x = 0; x < g.Wo; ++x) {
          double s = b ? static_cast<double>(b[o]) : 0.0;
          for (i64 c = 0; c < g.C; ++c)
            for (i64 i = 0; i < g.Kh; ++i)
              for (i64 j = 0; j < g.Kw; ++j) {
                const i64 iy = y * g.stride - g.pad + i, ix = x * g.stride - g.pad + j;
                if (iy < 0 || iy >= g.H || ix < 0 || ix >= g.W) continue;
                s += static_cast<double>(inp[((n * g.C + c) * g.H + iy) * g.W + ix]) *
                     static_cast<double>(w[((o * g.C + c) * g.Kh + i) * g.Kw + j]);
              }
          out[((n * g.O + o) * g.Ho + y) * g.Wo + x] = static_cast<T>(s);
        }
}

template <class T>
Tensor<T> conv2d(Tape<T>& tape, Tensor<T> x, Tensor<T> w, Tensor<T> b, i64 stride, i64 pad) {
  const Conv2dGeometry g = Conv2dGeometry::of(x.shape, w.shape, stride, pad);
  const bool has_bias = b.value != nullptr;
  if (has_bias && !(b.shape == Shape{g.O}))
    shape_error("conv2d", "the bias must have shape " + Shape{g.O}.str() + ", got " + b.shape.str());
  Tensor<T> out = tape.alloc(Shape{g.N, g.O, g.Ho, g.Wo}, any_grad(x, w) || (has_bias && b.requires_grad()));
  // Each chunk of samples unfolds its columns into its own slot, one sample at a time; with a gradient
  // the same slots then serve the backward (conv2d_backward: backward_scratch()).
  ThreadPool* pool = tape.pool();
  // With a gradient and room, the forward keeps every sample's columns after the backward's scratch.
  const bool keep = out.grad != nullptr && g.keeps_cols();
  T* scratch = tape.scratch(out.grad ? g.backward_scratch() + g.kept_size() : g.chunks() * g.cols_size());
  conv2d_forward(out.value, x.value, w.value, has_bias ? b.value : nullptr, g, keep ? scratch + g.backward_scratch() : scratch,
                 pool, keep);
  if (out.grad) {
    Node<T> node = make_node<T>("conv2d", out, [](const Node<T>& n) {
      const Tensor<T>& x = n.in[0];
      const Tensor<T>& w = n.in[1];
      const Tensor<T>& b = n.in[2];
      const Conv2dGeometry g = Conv2dGeometry::of(x.shape, w.shape, n.ints[0], n.ints[1]);
      const T* kept = g.keeps_cols() ? n.saved + g.backward_scratch() : nullptr;
      conv2d_backward(x.grad, w.grad, b.grad, x.value, n.out.grad, w.value, g, n.saved, n.pool, kept);
    }, x, w);
    node.in[2] = b;
    node.pool = pool;
    node.saved = scratch;
    node.ints[0] = stride;
    node.ints[1] = pad;
    tape.record(node);
  }
  return out;
}

#define LAB_CONV2D(T)                                                                                          \
  template void im2col<T>(T*, const T*, const Conv2dGeometry&);                                                \
  template void col2im_add<T>(T*, T*, const Conv2dGeometry&);                                            \
  template void conv2d_forward<T>(T*, const T*, const T*, const T*, const Conv2dGeometry&, T*, ThreadPool*, bool); \
  template void conv2d_backward<T>(T*, T*, T*, const T*, const T*, const T*, const Conv2dGeometry&, T*, ThreadPool*, \
                                   const T*);                                                                 \
  template void conv2d_naive<T>(T*, const T*, const T*, const T*, const Conv2dGeometry&);                      \
  template Tensor<T> conv2d<T>(Tape<T>&, Tensor<T>, Tensor<T>, Tensor<T>, i64, i64);
LAB_CONV2D(float)
LAB_CONV2D(double)

}  // namespace lab::ag
