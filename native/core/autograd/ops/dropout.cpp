// Inverted dropout (see dropout.hpp).
#include "dropout.hpp"

#include "../../error.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void dropout_mask(T* mask, double p, Rng& rng, i64 n) {
  const T keep = static_cast<T>(1.0 / (1.0 - p));
  for (i64 i = 0; i < n; ++i) mask[i] = rng.uniform() >= p ? keep : T(0);
}

template <class T>
void dropout_forward(T* out, const T* inp, const T* mask, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = inp[i] * mask[i];
}

template <class T>
void dropout_backward(T* dinp, const T* dout, const T* mask, i64 n) {
  for (i64 i = 0; i < n; ++i) dinp[i] += dout[i] * mask[i];
}

template <class T>
Tensor<T> dropout(Tape<T>& tape, Tensor<T> x, double p, Rng& rng, bool training) {
  if (!(p >= 0 && p < 1))
    throw Error(code::invalid_config, "dropout: expected a probability in [0, 1), got " + format_number(p));
  if (!training || p == 0) return x;
  const i64 n = x.numel();
  T* mask = tape.scratch(n);
  dropout_mask(mask, p, rng, n);
  Tensor<T> out = tape.alloc(x.shape, any_grad(x));
  dropout_forward(out.value, x.value, mask, n);
  if (out.grad) {
    Node<T> node = make_node<T>("dropout", out, [](const Node<T>& nd) {
      dropout_backward(nd.in[0].grad, nd.out.grad, nd.saved, nd.out.numel());
    }, x);
    node.saved = mask;
    tape.record(node);
  }
  return out;
}

#define LAB_DROPOUT(T)                                                    \
  template void dropout_mask<T>(T*, double, Rng&, i64);                   \
  template void dropout_forward<T>(T*, const T*, const T*, i64);          \
  template void dropout_backward<T>(T*, const T*, const T*, i64);         \
  template Tensor<T> dropout<T>(Tape<T>&, Tensor<T>, double, Rng&, bool);
LAB_DROPOUT(float)
LAB_DROPOUT(double)

}  // namespace lab::ag
