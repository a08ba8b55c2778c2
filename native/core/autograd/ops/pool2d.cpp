// max_pool2d forward/backward and its tape op (see pool2d.hpp).
#include "pool2d.hpp"

#include <string>
#include <type_traits>

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

Pool2dGeometry Pool2dGeometry::of(const Shape& inp, i64 k, i64 stride) {
  expect_rank("pool2d", "the input", inp, 4);
  if (k < 1 || stride < 1)
    shape_error("pool2d", "window and stride must be ≥ 1, got window " + std::to_string(k) + ", stride " +
                                  std::to_string(stride));
  if (inp[2] < k || inp[3] < k)
    shape_error("pool2d", "a " + std::to_string(k) + "×" + std::to_string(k) + " window does not fit the input " +
                                  inp.str());
  Pool2dGeometry g;
  g.N = inp[0], g.C = inp[1], g.H = inp[2], g.W = inp[3], g.k = k, g.stride = stride;
  g.Ho = (g.H - k) / stride + 1;
  g.Wo = (g.W - k) / stride + 1;
  return g;
}

namespace {

// Window indices are kept as T (exact integers up to 2^24 in float): a channel plane must be smaller.
template <class T>
constexpr i64 kMaxPlane = std::is_same_v<T, float> ? (i64{1} << 24) : (i64{1} << 53);

}  // namespace

// For each window: the first maximum in row-major order; a NaN wins and ends the scan. This branches:
// a branch-free version (selects) measured slower, 20 % of a CNN step against 14 %.
template <class T>
void max_pool2d_forward(T* out, T* argmax, const T* inp, const Pool2dGeometry& g) {
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* o = out + p * g.Ho * g.Wo;
    T* arg = argmax ? argmax + p * g.Ho * g.Wo : nullptr;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        i64 best = y * g.stride * g.W + x * g.stride;
        T bv = plane[best];
        for (i64 i = 0; i < g.k && bv == bv; ++i) {
          const i64 row = (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) {
            const T v = plane[row + j];
            if (v > bv || v != v) {
              bv = v, best = row + j;
              if (v != v) break;
            }
          }
        }
        o[y * g.Wo + x] = bv;
        if (arg) arg[y * g.Wo + x] = static_cast<T>(best);
      }
  }
}

template <class T>
void max_pool2d_backward(T* dinp, const T* dout, const T* argmax, const Pool2dGeometry& g) {
  const i64 outs = g.Ho * g.Wo;
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* dplane = dinp + p * g.H * g.W;
    for (i64 o = 0; o < outs; ++o) dplane[static_cast<i64>(argmax[p * outs + o])] += dout[p * outs + o];
  }
}

template <class T>
Tensor<T> max_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  const Pool2dGeometry g = Pool2dGeometry::of(x.shape, k, stride == 0 ? k : stride);
  if (g.H * g.W > kMaxPlane<T>) shape_error("max_pool2d", "a channel plane of " + x.shape.str() + " is too large");
  Tensor<T> out = tape.alloc(Shape{g.N, g.C, g.Ho, g.Wo}, any_grad(x));
  T* argmax = out.grad ? tape.scratch(out.numel()) : nullptr;  // each window's winner, for the backward
  max_pool2d_forward(out.value, argmax, x.value, g);
  if (out.grad) {
    Node<T> node = make_node<T>("max_pool2d", out, [](const Node<T>& n) {
      const Pool2dGeometry g = Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]);
      max_pool2d_backward(n.in[0].grad, n.out.grad, n.saved, g);
    }, x);
    node.saved = argmax;
    node.ints[0] = g.k;
    node.ints[1] = g.stride;
    tape.record(node);
  }
  return out;
}

template <class T>
void avg_pool2d_forward(T* out, const T* inp, const Pool2dGeometry& g) {
  const T scale = T(1) / static_cast<T>(g.k * g.k);
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* o = out + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        T sum = 0;
        for (i64 i = 0; i < g.k; ++i) {
          const T* row = plane + (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) sum += row[j];
        }
        o[y * g.Wo + x] = sum * scale;
      }
  }
}

template <class T>
void avg_pool2d_backward(T* dinp, const T* dout, const Pool2dGeometry& g) {
  const T scale = T(1) / static_cast<T>(g.k * g.k);
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* dplane = dinp + p * g.H * g.W;
    const T* d = dout + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        const T share = d[y * g.Wo + x] * scale;
        for (i64 i = 0; i < g.k; ++i) {
          T* row = dplane + (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) row[j] += share;
        }
      }
  }
}

template <class T>
Tensor<T> avg_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  const Pool2dGeometry g = Pool2dGeometry::of(x.shape, k, stride == 0 ? k : stride);
  Tensor<T> out = tape.alloc(Shape{g.N, g.C, g.Ho, g.Wo}, any_grad(x));
  avg_pool2d_forward(out.value, x.value, g);
  if (out.grad) {
    Node<T> node = make_node<T>("avg_pool2d", out, [](const Node<T>& n) {
      const Pool2dGeometry g = Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]);
      avg_pool2d_backward(n.in[0].grad, n.out.grad, g);
    }, x);
    node.ints[0] = g.k;
    node.ints[1] = g.stride;
    tape.record(node);
  }
  return out;
}

#define LAB_POOL2D(T)                                                                  \
  template void max_pool2d_forward<T>(T*, T*, const T*, const Pool2dGeometry&);        \
  template void max_pool2d_backward<T>(T*, const T*, const T*, const Pool2dGeometry&); \
  template Tensor<T> max_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);                     \
  template void avg_pool2d_forward<T>(T*, const T*, const Pool2dGeometry&);             \
  template void avg_pool2d_backward<T>(T*, const T*, const Pool2dGeometry&);            \
  template Tensor<T> avg_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);
LAB_POOL2D(float)
LAB_POOL2D(double)

}  // namespace lab::ag
