// Multi-head scaled dot-product self-attention (see attention.hpp).
#include "attention.hpp"

#include <vector>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
Tensor<T> attention(Tape<T>& tape, Tensor<T> qkv, i64 heads, bool causal, T* probs_out) {
  if (qkv.rank() != 3 || qkv.dim(2) % 3 != 0) shape_error("attention", "expected qkv [B, T, 3D], got " + qkv.shape.str());
  const i64 B = qkv.dim(0), S = qkv.dim(1), D = qkv.dim(2) / 3;
  if (heads < 1 || D % heads != 0) shape_error("attention", "D = " + std::to_string(D) + " is not a multiple of " + std::to_string(heads) + " heads");
  const i64 d = D / heads;
  const double scale = 1 / std::sqrt(static_cast<double>(d));
  Tensor<T> out = tape.alloc(Shape{B, S, D}, qkv.grad != nullptr);
  T* P = tape.scratch(B * heads * S * S);
  for (i64 b = 0; b < B; ++b)
    for (i64 h = 0; h < heads; ++h) {
      T* p = P + (b * heads + h) * S * S;
      for (i64 i = 0; i < S; ++i) {
        const T* q = qkv.value + (b * S + i) * 3 * D + h * d;
        const i64 last = causal ? i : S - 1;
        double mx = -std::numeric_limits<double>::infinity();
        for (i64 j = 0; j <= last; ++j) {
          const T* k = qkv.value + (b * S + j) * 3 * D + D + h * d;
          double s = 0;
          for (i64 c = 0; c < d; ++c) s += static_cast<double>(q[c]) * k[c];
          p[i * S + j] = static_cast<T>(s * scale);
          mx = std::max(mx, s * scale);
        }
        double total = 0;
        for (i64 j = 0; j <= last; ++j) {
          const double e = std::exp(static_cast<double>(p[i * S + j]) - mx);
          p[i * S + j] = static_cast<T>(e);
          total += e;
        }
        for (i64 j = 0; j <= last; ++j) p[i * S + j] = static_cast<T>(p[i * S + j] / total);
        for (i64 j = last + 1; j < S; ++j) p[i * S + j] = 0;
        T* o = out.value + (b * S + i) * D + h * d;
        for (i64 c = 0; c < d; ++c) o[c] = 0;
        for (i64 j = 0; j <= last; ++j) {
          const T* v = qkv.value + (b * S + j) * 3 * D + 2 * D + h * d;
          const T w = p[i * S + j];
          for (i64 c = 0; c < d; ++c) o[c] += w * v[c];
        }
      }
    }
  if (probs_out) std::memcpy(probs_out, P, sizeof(T) * static_cast<std::size_t>(B * heads * S * S));
  if (out.grad) {
    Node<T> node = make_node<T>("attention", out, [](const Node<T>& n) {
      const i64 b_ = n.in[0].dim(0), s_ = n.in[0].dim(1), D_ = n.in[0].dim(2) / 3, hs = n.ints[0], dh = D_ / hs;
      const double sc = 1 / std::sqrt(static_cast<double>(dh));
      const T* x = n.in[0].value;
      T* dx = n.in[0].grad;
      std::vector<double> dp(static_cast<std::size_t>(s_));
      for (i64 b = 0; b < b_; ++b)
        for (i64 h = 0; h < hs; ++h) {
          const T* p = n.saved + (b * hs + h) * s_ * s_;
          for (i64 i = 0; i < s_; ++i) {
            const T* dout = n.out.grad + (b * s_ + i) * D_ + h * dh;
            const i64 last = n.ints[1] ? i : s_ - 1;
            double dot = 0;
            for (i64 j = 0; j <= last; ++j) {
              const T* v = x + (b * s_ + j) * 3 * D_ + 2 * D_ + h * dh;
              T* dv = dx + (b * s_ + j) * 3 * D_ + 2 * D_ + h * dh;
              const T pij = p[i * s_ + j];
              double g = 0;
              for (i64 c = 0; c < dh; ++c) {
                g += static_cast<double>(dout[c]) * v[c];
                dv[c] += pij * dout[c];
              }
              dp[static_cast<std::size_t>(j)] = g;
              dot += g * pij;
            }
            const T* q = x + (b * s_ + i) * 3 * D_ + h * dh;
            T* dq = dx + (b * s_ + i) * 3 * D_ + h * dh;
            for (i64 j = 0; j <= last; ++j) {
              const double ds = p[i * s_ + j] * (dp[static_cast<std::size_t>(j)] - dot) * sc;
              if (ds == 0) continue;
              const T* k = x + (b * s_ + j) * 3 * D_ + D_ + h * dh;
              T* dk = dx + (b * s_ + j) * 3 * D_ + D_ + h * dh;
              for (i64 c = 0; c < dh; ++c) {
                dq[c] += static_cast<T>(ds * k[c]);
                dk[c] += static_cast<T>(ds * q[c]);
              }
            }
          }
        }
    }, qkv);
    node.saved = P;
    node.ints[0] = heads;
    node.ints[1] = causal ? 1 : 0;
    tape.record(node);
  }
  return out;
}

template Tensor<float> attention<float>(Tape<float>&, Tensor<float>, i64, bool, float*);
template Tensor<double> attention<double>(Tape<double>&, Tensor<double>, i64, bool, double*);

}  // namespace lab::ag
