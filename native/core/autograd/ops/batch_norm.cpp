// Batch normalisation forward and backward (see batch_norm.hpp).
#include "batch_norm.hpp"

#include <cmath>
#include <vector>

#include "checks.hpp"

namespace lab::ag {

namespace {

using i64 = std::int64_t;

// x's value of channel c, example n, position s.
inline i64 at(const BatchNormGeometry& g, i64 n, i64 c, i64 s) { return (n * g.C + c) * g.S + s; }

// Per-channel double accumulators for rows [N, C] (S = 1), reused by this thread (no allocation per call).
// With S = 1 the loops below run the channels innermost: the same sums — each channel's still over the
// examples in order, with the same expressions — read row by row instead of striding C between
// examples, and the compiler vectorises them across channels (a linear layer's batch norm: [64, 512]).
inline double* channel_sums(i64 c, int slot) {
  thread_local std::vector<double> buf[4];
  auto& v = buf[slot];
  if (v.size() < static_cast<std::size_t>(c)) v.resize(static_cast<std::size_t>(c));
  std::fill(v.begin(), v.begin() + c, 0.0);
  return v.data();
}

// Node layout: in = {x, γ, β}; saved = [x̂ (N·C·S) | scale_c = γ_c/√(σ²+ε) … (C)]; ints = {N, C, S};
// scalar = 1 for training (dx through the batch statistics), 0 for evaluation.
template <class T>
void batch_norm_backward(const Node<T>& n) {
  const BatchNormGeometry g{n.ints[0], n.ints[1], n.ints[2]};
  const T* xhat = n.saved;
  const T* scale = n.saved + g.N * g.C * g.S;
  const T* dout = n.out.grad;
  const bool training = n.scalar != 0;
  const double M = static_cast<double>(g.N * g.S);
  if (g.S == 1) {  // rows [N, C]: channels innermost (see channel_sums)
    double* dbeta = channel_sums(g.C, 0);
    double* dgamma = channel_sums(g.C, 1);
    for (i64 b = 0; b < g.N; ++b)
      for (i64 c = 0; c < g.C; ++c) {
        const i64 i = b * g.C + c;
        dbeta[c] += static_cast<double>(dout[i]);
        dgamma[c] += static_cast<double>(dout[i]) * static_cast<double>(xhat[i]);
      }
    for (i64 c = 0; c < g.C; ++c) {
      if (n.in[1].grad) n.in[1].grad[c] += static_cast<T>(dgamma[c]);
      if (n.in[2].grad) n.in[2].grad[c] += static_cast<T>(dbeta[c]);
    }
    if (!n.in[0].grad) return;
    for (i64 b = 0; b < g.N; ++b)
      for (i64 c = 0; c < g.C; ++c) {
        const i64 i = b * g.C + c;
        const double k = static_cast<double>(scale[c]);
        const double d = static_cast<double>(dout[i]);
        n.in[0].grad[i] += static_cast<T>(training ? k / M * (M * d - dbeta[c] - static_cast<double>(xhat[i]) * dgamma[c]) : k * d);
      }
    return;
  }
  for (i64 c = 0; c < g.C; ++c) {
    double dbeta = 0, dgamma = 0;
    for (i64 b = 0; b < g.N; ++b)
      for (i64 s = 0; s < g.S; ++s) {
        const i64 i = at(g, b, c, s);
        dbeta += static_cast<double>(dout[i]);
        dgamma += static_cast<double>(dout[i]) * static_cast<double>(xhat[i]);
      }
    if (n.in[1].grad) n.in[1].grad[c] += static_cast<T>(dgamma);
    if (n.in[2].grad) n.in[2].grad[c] += static_cast<T>(dbeta);
    if (!n.in[0].grad) continue;
    const double k = static_cast<double>(scale[c]);
    for (i64 b = 0; b < g.N; ++b)
      for (i64 s = 0; s < g.S; ++s) {
        const i64 i = at(g, b, c, s);
        const double d = static_cast<double>(dout[i]);
        n.in[0].grad[i] += static_cast<T>(training ? k / M * (M * d - dbeta - static_cast<double>(xhat[i]) * dgamma) : k * d);
      }
  }
}

template <class T>
Tensor<T> record(Tape<T>& tape, Tensor<T> out, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T* saved,
                 const BatchNormGeometry& g, bool training) {
  if (out.grad) {
    Node<T> node = make_node<T>(training ? "batch_norm" : "batch_norm_eval", out, batch_norm_backward<T>, x, gamma);
    node.in[2] = beta;
    node.saved = saved;
    node.ints[0] = g.N;
    node.ints[1] = g.C;
    node.ints[2] = g.S;
    node.scalar = training ? 1 : 0;
    tape.record(node);
  }
  return out;
}

bool wants_grad(bool a, bool b, bool c) { return a || b || c; }

// One channel: x̂ = (x − μ)·inv, out = γ·x̂ + β; x̂ and γ·inv kept in `saved` (when given) for the backward.
template <class T>
void normalise_channel(const BatchNormGeometry& g, i64 c, const T* x, T* out, T* saved, double mu, double inv, double gm, double bt) {
  for (i64 b = 0; b < g.N; ++b)
    for (i64 s = 0; s < g.S; ++s) {
      const i64 i = at(g, b, c, s);
      const double xh = (static_cast<double>(x[i]) - mu) * inv;
      if (saved) saved[i] = static_cast<T>(xh);
      out[i] = static_cast<T>(gm * xh + bt);
    }
  if (saved) saved[g.N * g.C * g.S + c] = static_cast<T>(gm * inv);
}

}  // namespace

BatchNormGeometry BatchNormGeometry::of(const Shape& x, const Shape& gamma, const Shape& beta) {
  if (x.rank != 2 && x.rank != 4) shape_error("batch_norm", "input must be [N,C] or [N,C,H,W], got " + x.str());
  BatchNormGeometry g{x[0], x[1], x.rank == 4 ? x[2] * x[3] : 1};
  if (gamma.rank != 1 || gamma[0] != g.C || !(gamma == beta))
    shape_error("batch_norm", "scale " + gamma.str() + " and shift " + beta.str() + " must be [" + std::to_string(g.C) + "] for input " + x.str());
  if (g.N * g.S < 1) shape_error("batch_norm", "an empty batch " + x.str());
  return g;
}

template <class T>
Tensor<T> batch_norm_train(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double eps, T* batch_mean,
                           T* batch_var) {
  const BatchNormGeometry g = BatchNormGeometry::of(x.shape, gamma.shape, beta.shape);
  const bool grad = wants_grad(x.grad, gamma.grad, beta.grad);
  Tensor<T> out = tape.alloc(x.shape, grad);
  T* saved = grad ? tape.scratch(g.N * g.C * g.S + g.C) : nullptr;
  const double M = static_cast<double>(g.N * g.S);
  if (g.S == 1) {  // rows [N, C]: channels innermost (see channel_sums)
    double* sum = channel_sums(g.C, 0);
    double* sq = channel_sums(g.C, 1);
    double* mu = channel_sums(g.C, 2);
    double* inv = channel_sums(g.C, 3);
    for (i64 b = 0; b < g.N; ++b)
      for (i64 c = 0; c < g.C; ++c) sum[c] += static_cast<double>(x.value[b * g.C + c]);
    for (i64 c = 0; c < g.C; ++c) mu[c] = sum[c] / M;
    for (i64 b = 0; b < g.N; ++b)
      for (i64 c = 0; c < g.C; ++c) {
        const double d = static_cast<double>(x.value[b * g.C + c]) - mu[c];
        sq[c] += d * d;
      }
    for (i64 c = 0; c < g.C; ++c) {
      const double var = sq[c] / M;
      inv[c] = 1.0 / std::sqrt(var + eps);
      if (batch_mean) batch_mean[c] = static_cast<T>(mu[c]);
      if (batch_var) batch_var[c] = static_cast<T>(M > 1 ? sq[c] / (M - 1) : var);
      if (saved) saved[g.N * g.C + c] = static_cast<T>(static_cast<double>(gamma.value[c]) * inv[c]);
    }
    for (i64 b = 0; b < g.N; ++b)
      for (i64 c = 0; c < g.C; ++c) {
        const i64 i = b * g.C + c;
        const double xh = (static_cast<double>(x.value[i]) - mu[c]) * inv[c];
        if (saved) saved[i] = static_cast<T>(xh);
        out.value[i] = static_cast<T>(static_cast<double>(gamma.value[c]) * xh + static_cast<double>(beta.value[c]));
      }
    return record(tape, out, x, gamma, beta, saved, g, true);
  }
  for (i64 c = 0; c < g.C; ++c) {
    double sum = 0;
    for (i64 b = 0; b < g.N; ++b)
      for (i64 s = 0; s < g.S; ++s) sum += static_cast<double>(x.value[at(g, b, c, s)]);
    const double mu = sum / M;
    double sq = 0;
    for (i64 b = 0; b < g.N; ++b)
      for (i64 s = 0; s < g.S; ++s) {
        const double d = static_cast<double>(x.value[at(g, b, c, s)]) - mu;
        sq += d * d;
      }
    const double var = sq / M;
    const double inv = 1.0 / std::sqrt(var + eps);
    normalise_channel(g, c, x.value, out.value, saved, mu, inv, static_cast<double>(gamma.value[c]), static_cast<double>(beta.value[c]));
    if (batch_mean) batch_mean[c] = static_cast<T>(mu);
    if (batch_var) batch_var[c] = static_cast<T>(M > 1 ? sq / (M - 1) : var);
  }
  return record(tape, out, x, gamma, beta, saved, g, true);
}

template <class T>
Tensor<T> batch_norm_eval(Tape<T>& tape, Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, const T* mean, const T* var,
                          double eps) {
  const BatchNormGeometry g = BatchNormGeometry::of(x.shape, gamma.shape, beta.shape);
  const bool grad = wants_grad(x.grad, gamma.grad, beta.grad);
  Tensor<T> out = tape.alloc(x.shape, grad);
  T* saved = grad ? tape.scratch(g.N * g.C * g.S + g.C) : nullptr;
  for (i64 c = 0; c < g.C; ++c) {
    const double inv = 1.0 / std::sqrt(static_cast<double>(var[c]) + eps);
    normalise_channel(g, c, x.value, out.value, saved, static_cast<double>(mean[c]), inv, static_cast<double>(gamma.value[c]),
                      static_cast<double>(beta.value[c]));
  }
  return record(tape, out, x, gamma, beta, saved, g, false);
}

#define LAB_BATCH_NORM(T)                                                                                    \
  template Tensor<T> batch_norm_train<T>(Tape<T>&, Tensor<T>, Tensor<T>, Tensor<T>, double, T*, T*);        \
  template Tensor<T> batch_norm_eval<T>(Tape<T>&, Tensor<T>, Tensor<T>, Tensor<T>, const T*, const T*, double);
LAB_BATCH_NORM(float)
LAB_BATCH_NORM(double)

}  // namespace lab::ag
