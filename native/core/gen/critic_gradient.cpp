// The critic's input gradient as a graph of its weights (see critic_gradient.hpp).
#include "critic_gradient.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "../autograd/ops/gemm.hpp"

namespace lab::gen {

template <class T>
ag::Tensor<T> critic_input_gradient(ag::Tape<T>& tape, ag::ParamStore<T>& store, std::int64_t layers, double alpha, const T* x, std::int64_t N) {
  std::vector<ag::Tensor<T>> W, b;
  for (std::int64_t l = 0; l < layers; ++l) {
    W.push_back(store.view("layers." + std::to_string(l) + ".weight"));
    b.push_back(store.view("layers." + std::to_string(l) + ".bias"));
  }
  // the forward pass, for the masks (kept in the tape's arena until its next reset)
  std::vector<T*> masks;
  std::vector<T> h(x, x + N * W[0].dim(0)), a;
  for (std::int64_t l = 0; l + 1 < layers; ++l) {
    const std::int64_t in = W[static_cast<std::size_t>(l)].dim(0), out = W[static_cast<std::size_t>(l)].dim(1);
    a.assign(static_cast<std::size_t>(N * out), T(0));
    ag::gemm_nn(a.data(), h.data(), W[static_cast<std::size_t>(l)].value, N, in, out, false);
    T* m = tape.scratch(N * out);
    for (std::int64_t i = 0; i < N * out; ++i) {
      const T v = a[static_cast<std::size_t>(i)] + b[static_cast<std::size_t>(l)].value[i % out];
      m[i] = v > 0 ? T(1) : static_cast<T>(alpha);
      a[static_cast<std::size_t>(i)] = m[i] * v;
    }
    masks.push_back(m);
    h.swap(a);
  }
  // backwards through the layers: start from the output layer's weights, one row per input
  T* ones = tape.scratch(N);
  std::fill(ones, ones + N, T(1));
  ag::Tensor<T> g = ag::matmul_bt(tape, ag::constant(ones, ag::Shape{N, 1}), W.back());  // [N, H_{L−2}]
  for (std::int64_t l = layers - 2; l >= 0; --l) {
    g = ag::mul(tape, g, ag::constant(masks[static_cast<std::size_t>(l)], g.shape));
    g = ag::matmul_bt(tape, g, W[static_cast<std::size_t>(l)]);
  }
  return g;
}

template ag::Tensor<float> critic_input_gradient<float>(ag::Tape<float>&, ag::ParamStore<float>&, std::int64_t, double, const float*, std::int64_t);
template ag::Tensor<double> critic_input_gradient<double>(ag::Tape<double>&, ag::ParamStore<double>&, std::int64_t, double, const double*, std::int64_t);

}  // namespace lab::gen
