// Nearest-neighbour upsampling (see upsample.hpp).
#include "upsample.hpp"

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void upsample_nearest_forward(T* out, const T* inp, i64 planes, i64 H, i64 W, i64 f) {
  const i64 Wo = W * f;
  for (i64 p = 0; p < planes; ++p) {
    const T* src = inp + p * H * W;
    T* dst = out + p * H * W * f * f;
    for (i64 h = 0; h < H; ++h) {
      T* first = dst + h * f * Wo;  // the first of the f output rows this input row makes
      for (i64 w = 0; w < W; ++w)
        for (i64 j = 0; j < f; ++j) first[w * f + j] = src[h * W + w];
      for (i64 i = 1; i < f; ++i)
        for (i64 x = 0; x < Wo; ++x) first[i * Wo + x] = first[x];
    }
  }
}

template <class T>
void upsample_nearest_backward(T* dinp, const T* dout, i64 planes, i64 H, i64 W, i64 f) {
  const i64 Wo = W * f;
  for (i64 p = 0; p < planes; ++p) {
    T* d = dinp + p * H * W;
    const T* g = dout + p * H * W * f * f;
    for (i64 h = 0; h < H; ++h)
      for (i64 w = 0; w < W; ++w) {
        T sum = 0;
        for (i64 i = 0; i < f; ++i)
          for (i64 j = 0; j < f; ++j) sum += g[(h * f + i) * Wo + w * f + j];
        d[h * W + w] += sum;
      }
  }
}

template <class T>
Tensor<T> upsample_nearest(Tape<T>& tape, Tensor<T> x, i64 f) {
  if (x.rank() != 4) shape_error("upsample_nearest", "expects [N,C,H,W], got " + x.shape.str());
  if (f < 1) shape_error("upsample_nearest", "the factor must be at least 1, got " + std::to_string(f));
  const i64 N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
  Tensor<T> out = tape.alloc(Shape{N, C, H * f, W * f}, any_grad(x));
  upsample_nearest_forward(out.value, x.value, N * C, H, W, f);
  if (out.grad) {
    Node<T> node = make_node<T>("upsample_nearest", out, [](const Node<T>& n) {
      const Shape& s = n.in[0].shape;
      upsample_nearest_backward(n.in[0].grad, n.out.grad, s[0] * s[1], s[2], s[3], n.ints[0]);
    }, x);
    node.ints[0] = f;
    tape.record(node);
  }
  return out;
}

#define LAB_UPSAMPLE(T)                                                                   \
  template void upsample_nearest_forward<T>(T*, const T*, i64, i64, i64, i64);            \
  template void upsample_nearest_backward<T>(T*, const T*, i64, i64, i64, i64);           \
  template Tensor<T> upsample_nearest<T>(Tape<T>&, Tensor<T>, i64);
LAB_UPSAMPLE(float)
LAB_UPSAMPLE(double)

}  // namespace lab::ag
