// Fused softmax cross-entropy (see cross_entropy.hpp).
#include "cross_entropy.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "checks.hpp"

namespace lab::ag {

using i64 = std::int64_t;

template <class T>
void cross_entropy_forward(T* out, T* probs, const T* logits, const std::int32_t* labels, i64 B, i64 K) {
  double total = 0;
  for (i64 b = 0; b < B; ++b) {
    const T* z = logits + b * K;
    T* p = probs + b * K;
    T zmax = z[0];
    for (i64 k = 1; k < K; ++k) zmax = z[k] > zmax ? z[k] : zmax;
    double s = 0;
    for (i64 k = 0; k < K; ++k) {
      p[k] = std::exp(z[k] - zmax);  // ≤ 1: no overflow
      s += p[k];
    }
    const T inv = static_cast<T>(1.0 / s);
    for (i64 k = 0; k < K; ++k) p[k] *= inv;
    // −log p_y = log Σ e^(z − zmax) − (z_y − zmax): s ≥ 1, so the log is finite
    total += std::log(s) - static_cast<double>(z[labels[b]] - zmax);
  }
  out[0] = static_cast<T>(total / static_cast<double>(B));
}

template <class T>
void cross_entropy_backward(T* dlogits, const T* dout, const T* probs, const std::int32_t* labels, i64 B, i64 K) {
  const T g = static_cast<T>(dout[0] / static_cast<double>(B));
  for (i64 b = 0; b < B; ++b) {
    for (i64 k = 0; k < K; ++k) dlogits[b * K + k] += g * probs[b * K + k];
    dlogits[b * K + labels[b]] -= g;
  }
}

template <class T>
CrossEntropy<T> softmax_cross_entropy(Tape<T>& tape, Tensor<T> logits, const std::int32_t* labels) {
  expect_rank("softmax_cross_entropy", "the logits", logits.shape, 2);
  const i64 B = logits.dim(0), K = logits.dim(1);
  if (B == 0 || K == 0) shape_error("softmax_cross_entropy", "empty logits " + logits.shape.str());
  for (i64 b = 0; b < B; ++b)
    if (labels[b] < 0 || labels[b] >= K)
      throw Error(code::invalid_config, "cross-entropy: label " + std::to_string(labels[b]) + " of row " +
                                            std::to_string(b) + " is outside [0, " + std::to_string(K) +
                                            ") for a model with " + std::to_string(K) + " outputs");
  CrossEntropy<T> r;
  r.loss = tape.alloc(Shape{}, any_grad(logits));
  r.probs = tape.alloc(logits.shape, false);
  cross_entropy_forward(r.loss.value, r.probs.value, logits.value, labels, B, K);
  if (r.loss.grad) {
    Node<T> node = make_node<T>("softmax_cross_entropy", r.loss, [](const Node<T>& n) {
      cross_entropy_backward(n.in[0].grad, n.out.grad, n.saved, n.labels, n.in[0].dim(0), n.in[0].dim(1));
    }, logits);
    node.saved = r.probs.value;
    node.labels = labels;
    tape.record(node);
  }
  return r;
}

template <class T>
Tensor<T> weighted_cross_entropy(Tape<T>& tape, Tensor<T> logits, const std::int32_t* labels, Tensor<T> weights) {
  expect_rank("weighted_cross_entropy", "the logits", logits.shape, 2);
  const i64 B = logits.dim(0), K = logits.dim(1);
  if (B == 0 || K == 0) shape_error("weighted_cross_entropy", "empty logits " + logits.shape.str());
  if (!(weights.shape == Shape{B})) shape_error("weighted_cross_entropy", "the weights must have shape " + Shape{B}.str() + ", got " + weights.shape.str());
  for (i64 b = 0; b < B; ++b)
    if (labels[b] < 0 || labels[b] >= K)
      throw Error(code::invalid_config, "cross-entropy: label " + std::to_string(labels[b]) + " of row " + std::to_string(b) + " is outside [0, " + std::to_string(K) + ")");
  Tensor<T> loss = tape.alloc(Shape{}, any_grad(logits));
  T* probs = tape.scratch(B * K);
  double total = 0;
  for (i64 b = 0; b < B; ++b) {
    const T* z = logits.value + b * K;
    T zmax = z[0];
    for (i64 k = 1; k < K; ++k) zmax = std::max(zmax, z[k]);
    double s = 0;
    for (i64 k = 0; k < K; ++k) s += std::exp(static_cast<double>(z[k] - zmax));
    for (i64 k = 0; k < K; ++k) probs[b * K + k] = static_cast<T>(std::exp(static_cast<double>(z[k] - zmax)) / s);
    total += static_cast<double>(weights.value[b]) * (std::log(s) - static_cast<double>(z[labels[b]] - zmax));
  }
  loss.value[0] = static_cast<T>(total / static_cast<double>(B));
  if (loss.grad) {
    Node<T> node = make_node<T>("weighted_cross_entropy", loss, [](const Node<T>& n) {
      const i64 B = n.in[0].dim(0), K = n.in[0].dim(1);
      const T* w = n.in[1].value;
      for (i64 b = 0; b < B; ++b) {
        const T g = n.out.grad[0] * w[b] / static_cast<T>(B);
        for (i64 k = 0; k < K; ++k) n.in[0].grad[b * K + k] += g * n.saved[b * K + k];
        n.in[0].grad[b * K + n.labels[b]] -= g;
      }
    }, logits);
    node.in[1] = weights;
    node.saved = probs;
    node.labels = labels;
    tape.record(node);
  }
  return loss;
}

template <class T>
Tensor<T> soft_cross_entropy(Tape<T>& tape, Tensor<T> logits, Tensor<T> targets) {
  expect_rank("soft_cross_entropy", "the logits", logits.shape, 2);
  const i64 B = logits.dim(0), K = logits.dim(1);
  if (B == 0 || K == 0) shape_error("soft_cross_entropy", "empty logits " + logits.shape.str());
  if (!(targets.shape == logits.shape)) shape_error("soft_cross_entropy", "the targets must have the logits' shape " + logits.shape.str() + ", got " + targets.shape.str());
  Tensor<T> loss = tape.alloc(Shape{}, any_grad(logits));
  T* probs = tape.scratch(B * K);
  double total = 0;
  for (i64 b = 0; b < B; ++b) {
    const T* z = logits.value + b * K;
    const T* t = targets.value + b * K;
    T zmax = z[0];
    for (i64 k = 1; k < K; ++k) zmax = std::max(zmax, z[k]);
    double s = 0;
    for (i64 k = 0; k < K; ++k) s += std::exp(static_cast<double>(z[k] - zmax));
    const double lse = std::log(s);
    for (i64 k = 0; k < K; ++k) {
      probs[b * K + k] = static_cast<T>(std::exp(static_cast<double>(z[k] - zmax)) / s);
      total += static_cast<double>(t[k]) * (lse - static_cast<double>(z[k] - zmax));
    }
  }
  loss.value[0] = static_cast<T>(total / static_cast<double>(B));
  if (loss.grad) {
    Node<T> node = make_node<T>("soft_cross_entropy", loss, [](const Node<T>& n) {
      const i64 B = n.in[0].dim(0), K = n.in[0].dim(1);
      const T* t = n.in[1].value;
      for (i64 b = 0; b < B; ++b) {
        const T g = n.out.grad[0] / static_cast<T>(B);
        T mass = 0;
        for (i64 k = 0; k < K; ++k) mass += t[b * K + k];
        for (i64 k = 0; k < K; ++k) n.in[0].grad[b * K + k] += g * (n.saved[b * K + k] * mass - t[b * K + k]);
      }
    }, logits);
    node.in[1] = targets;
    node.saved = probs;
    tape.record(node);
  }
  return loss;
}

template <class T>
i64 count_correct(const Tensor<T>& scores, const std::int32_t* labels) {
  expect_rank("count_correct", "the scores", scores.shape, 2);
  const i64 B = scores.dim(0), K = scores.dim(1);
  i64 correct = 0;
  for (i64 b = 0; b < B; ++b) {
    const T* s = scores.value + b * K;
    i64 best = 0;
    for (i64 k = 1; k < K; ++k)
      if (s[k] > s[best]) best = k;
    correct += best == labels[b];
  }
  return correct;
}

#define LAB_XENT(T)                                                                                   \
  template void cross_entropy_forward<T>(T*, T*, const T*, const std::int32_t*, i64, i64);            \
  template void cross_entropy_backward<T>(T*, const T*, const T*, const std::int32_t*, i64, i64);     \
  template CrossEntropy<T> softmax_cross_entropy<T>(Tape<T>&, Tensor<T>, const std::int32_t*);        \
  template Tensor<T> weighted_cross_entropy<T>(Tape<T>&, Tensor<T>, const std::int32_t*, Tensor<T>);  \
  template Tensor<T> soft_cross_entropy<T>(Tape<T>&, Tensor<T>, Tensor<T>);                           \
  template i64 count_correct<T>(const Tensor<T>&, const std::int32_t*);
LAB_XENT(float)
LAB_XENT(double)

}  // namespace lab::ag
