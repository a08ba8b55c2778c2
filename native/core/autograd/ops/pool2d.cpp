// max_pool2d forward/backward and its tape op (see pool2d.hpp).
#include "pool2d.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

Pool2dGeometry Pool2dGeometry::of(const Shape& inp, i64 k, i64 stride) {
  expect_rank("max_pool2d", "the input", inp, 4);
  if (k < 1 || stride < 1)
    shape_error("max_pool2d", "window and stride must be ≥ 1, got window " + std::to_string(k) + ", stride " +
                                  std::to_string(stride));
  if (inp[2] < k || inp[3] < k)
    shape_error("max_pool2d", "a " + std::to_string(k) + "×" + std::to_string(k) + " window does not fit the input " +
                                  inp.str());
  Pool2dGeometry g;
  g.N = inp[0], g.C = inp[1], g.H = inp[2], g.W = inp[3], g.k = k, g.stride = stride;
  g.Ho = (g.H - k) / stride + 1;
  g.Wo = (g.W - k) / stride + 1;
  return g;
}

namespace {

// The offset (within the channel plane) of the maximum of the window at output pixel (y, x): the first
// in row-major order among equals; a NaN wins and stays.
template <class T>
i64 window_argmax(const T* plane, const Pool2dGeometry& g, i64 y, i64 x) {
  i64 best = y * g.stride * g.W + x * g.stride;
  for (i64 i = 0; i < g.k; ++i)
    for (i64 j = 0; j < g.k; ++j) {
      const i64 at = (y * g.stride + i) * g.W + x * g.stride + j;
      if (std::isnan(plane[best])) return best;
      if (plane[at] > plane[best] || std::isnan(plane[at])) best = at;
    }
  return best;
}

}  // namespace

template <class T>
void max_pool2d_forward(T* out, const T* inp, const Pool2dGeometry& g) {
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* o = out + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) o[y * g.Wo + x] = plane[window_argmax(plane, g, y, x)];
  }
}

template <class T>
void max_pool2d_backward(T* dinp, const T* dout, const T* inp, const Pool2dGeometry& g) {
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* dplane = dinp + p * g.H * g.W;
    const T* d = dout + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) dplane[window_argmax(plane, g, y, x)] += d[y * g.Wo + x];
  }
}

template <class T>
Tensor<T> max_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  const Pool2dGeometry g = Pool2dGeometry::of(x.shape, k, stride == 0 ? k : stride);
  Tensor<T> out = tape.alloc(Shape{g.N, g.C, g.Ho, g.Wo}, any_grad(x));
  max_pool2d_forward(out.value, x.value, g);
  if (out.grad) {
    Node<T> node = make_node<T>("max_pool2d", out, [](const Node<T>& n) {
      const Pool2dGeometry g = Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]);
      max_pool2d_backward(n.in[0].grad, n.out.grad, n.in[0].value, g);
    }, x);
    node.ints[0] = g.k;
    node.ints[1] = g.stride;
    tape.record(node);
  }
  return out;
}

#define LAB_POOL2D(T)                                                                  \
  template void max_pool2d_forward<T>(T*, const T*, const Pool2dGeometry&);            \
  template void max_pool2d_backward<T>(T*, const T*, const T*, const Pool2dGeometry&); \
  template Tensor<T> max_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);
LAB_POOL2D(float)
LAB_POOL2D(double)

}  // namespace lab::ag
