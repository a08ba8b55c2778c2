// Multi-head scaled dot-product self-attention (see attention.hpp). Each (example, head) pair gathers
// its Q, K and V columns into contiguous [T, d] blocks and runs the products through the gemm kernels.
#include "attention.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "checks.hpp"
#include "exp_fast.hpp"
#include "gemm.hpp"
#include "sum8.hpp"

namespace lab::ag {

using i64 = std::int64_t;

namespace {

// Work blocks for one (example, head): q, k, v, o/do, dq/dk/dv staging [T, d] and dp [T, T].
template <class T>
struct Work {
  T *q, *k, *v, *o, *dq, *dk, *dv, *dp;
  static i64 size(i64 S, i64 d) { return 7 * S * d + S * S; }
  Work(T* base, i64 S, i64 d)
      : q(base), k(q + S * d), v(k + S * d), o(v + S * d), dq(o + S * d), dk(dq + S * d), dv(dk + S * d), dp(dv + S * d) {}
};

// Copies column block `col`…`col + d` of rows b·S … b·S + S − 1 of a [B·S, width] matrix into dst [S, d].
template <class T>
void gather(T* dst, const T* src, i64 b, i64 S, i64 width, i64 col, i64 d) {
  for (i64 i = 0; i < S; ++i) std::memcpy(dst + i * d, src + (b * S + i) * width + col, sizeof(T) * static_cast<std::size_t>(d));
}
template <class T>
void scatter_add(T* dst, const T* src, i64 b, i64 S, i64 width, i64 col, i64 d) {
  for (i64 i = 0; i < S; ++i) {
    T* row = dst + (b * S + i) * width + col;
    for (i64 c = 0; c < d; ++c) row[c] += src[i * d + c];
  }
}

}  // namespace

template <class T>
Tensor<T> attention(Tape<T>& tape, Tensor<T> qkv, i64 heads, bool causal, T* probs_out) {
  if (qkv.rank() != 3 || qkv.dim(2) % 3 != 0) shape_error("attention", "expected qkv [B, T, 3D], got " + qkv.shape.str());
  const i64 B = qkv.dim(0), S = qkv.dim(1), D = qkv.dim(2) / 3;
  if (heads < 1 || D % heads != 0) shape_error("attention", "D = " + std::to_string(D) + " is not a multiple of " + std::to_string(heads) + " heads");
  const i64 d = D / heads;
  const T scale = static_cast<T>(1 / std::sqrt(static_cast<double>(d)));
  Tensor<T> out = tape.alloc(Shape{B, S, D}, qkv.grad != nullptr);
  T* P = tape.scratch(B * heads * S * S + Work<T>::size(S, d));
  Work<T> w(P + B * heads * S * S, S, d);
  for (i64 b = 0; b < B; ++b)
    for (i64 h = 0; h < heads; ++h) {
      T* p = P + (b * heads + h) * S * S;
      gather(w.q, qkv.value, b, S, 3 * D, h * d, d);
      gather(w.k, qkv.value, b, S, 3 * D, D + h * d, d);
      gather(w.v, qkv.value, b, S, 3 * D, 2 * D + h * d, d);
      gemm_nt(p, w.q, w.k, S, d, S, false);  // S = Q·Kᵀ
      for (i64 i = 0; i < S; ++i) {
        T* row = p + i * S;
        const i64 last = causal ? i : S - 1;
        T mx = -std::numeric_limits<T>::infinity();
        for (i64 j = 0; j <= last; ++j) mx = std::max(mx, row[j] * scale);
        for (i64 j = 0; j <= last; ++j) row[j] = row[j] * scale - mx;
        if constexpr (std::is_same_v<T, float>) exp_nonpositive_fast(row, row, last + 1);  // a vector loop
        else
          for (i64 j = 0; j <= last; ++j) row[j] = std::exp(row[j]);
        const T inv = static_cast<T>(1 / sum8(last + 1, [row](i64 j) { return static_cast<double>(row[j]); }));
        for (i64 j = 0; j <= last; ++j) row[j] *= inv;
        for (i64 j = last + 1; j < S; ++j) row[j] = 0;
      }
      gemm_nn(w.o, p, w.v, S, S, d, false);  // O = P·V
      for (i64 i = 0; i < S; ++i) std::memcpy(out.value + (b * S + i) * D + h * d, w.o + i * d, sizeof(T) * static_cast<std::size_t>(d));
    }
  if (probs_out) std::memcpy(probs_out, P, sizeof(T) * static_cast<std::size_t>(B * heads * S * S));
  if (out.grad) {
    Node<T> node = make_node<T>("attention", out, [](const Node<T>& n) {
      const i64 b_ = n.in[0].dim(0), s_ = n.in[0].dim(1), D_ = n.in[0].dim(2) / 3, hs = n.ints[0], dh = D_ / hs;
      const T sc = static_cast<T>(1 / std::sqrt(static_cast<double>(dh)));
      const T* x = n.in[0].value;
      T* dx = n.in[0].grad;
      const T* Pv = n.saved;
      Work<T> wk(n.saved + b_ * hs * s_ * s_, s_, dh);
      for (i64 b = 0; b < b_; ++b)
        for (i64 h = 0; h < hs; ++h) {
          const T* p = Pv + (b * hs + h) * s_ * s_;
          gather(wk.q, x, b, s_, 3 * D_, h * dh, dh);
          gather(wk.k, x, b, s_, 3 * D_, D_ + h * dh, dh);
          gather(wk.v, x, b, s_, 3 * D_, 2 * D_ + h * dh, dh);
          gather(wk.o, n.out.grad, b, s_, D_, h * dh, dh);  // dO
          gemm_tn(wk.dv, p, wk.o, s_, s_, dh, false);       // dV = Pᵀ·dO
          gemm_nt(wk.dp, wk.o, wk.v, s_, dh, s_, false);    // dP = dO·Vᵀ
          for (i64 i = 0; i < s_; ++i) {                    // dS = P ⊙ (dP − Σ_j dP⊙P), times the scale
            T* row = wk.dp + i * s_;
            const T* pr = p + i * s_;
            const T dot = static_cast<T>(sum8(s_, [row, pr](i64 j) { return static_cast<double>(row[j]) * pr[j]; }));
            for (i64 j = 0; j < s_; ++j) row[j] = pr[j] * (row[j] - dot) * sc;
          }
          gemm_nn(wk.dq, wk.dp, wk.k, s_, s_, dh, false);   // dQ = dS·K
          gemm_tn(wk.dk, wk.dp, wk.q, s_, s_, dh, false);   // dK = dSᵀ·Q
          scatter_add(dx, wk.dq, b, s_, 3 * D_, h * dh, dh);
          scatter_add(dx, wk.dk, b, s_, 3 * D_, D_ + h * dh, dh);
          scatter_add(dx, wk.dv, b, s_, 3 * D_, 2 * D_ + h * dh, dh);
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
