// Softmax + cross-entropy, fused and stable, for classification: logits [B,K], int32 labels [B],
// loss = mean over the batch of −log softmax(logits)[label]. Rows are shifted by their max before exp,
// so logits of ±1000 give a finite loss and gradient. The softmax probabilities the forward computes
// are kept (for backward) and returned, for accuracy and predictions.
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// probs[B,K] = softmax(logits[B,K]) row by row;  out[] = (1/B)·Σ_b (logsumexp(logits[b]) − logits[b, y_b])
// Labels must be in [0, K) (cross_entropy() checks; this does not).
template <class T>
void cross_entropy_forward(T* out, T* probs, const T* logits, const std::int32_t* labels, std::int64_t B,
                           std::int64_t K);
// dlogits[b,k] += dout/B · (probs[b,k] − [k = y_b])
template <class T>
void cross_entropy_backward(T* dlogits, const T* dout, const T* probs, const std::int32_t* labels, std::int64_t B,
                            std::int64_t K);

template <class T>
struct CrossEntropy {
  Tensor<T> loss;   // scalar, the batch mean
  Tensor<T> probs;  // [B,K] softmax probabilities (no gradient; valid until tape.reset())
};

// Tape op. logits [B,K] (K ≥ 1), labels: B caller-owned ints that must outlive backward().
// A label outside [0, K) throws INVALID_CONFIG naming the row, the label and K.
template <class T>
CrossEntropy<T> softmax_cross_entropy(Tape<T>& tape, Tensor<T> logits, const std::int32_t* labels);

// (1/B)·Σ_b w_b·(logsumexp(logits[b]) − logits[b, y_b]): each row's cross-entropy weighted by a constant
// (no gradient to w) — the policy-gradient surrogate, w the advantages. weights [B] (a constant tensor).
template <class T>
Tensor<T> weighted_cross_entropy(Tape<T>& tape, Tensor<T> logits, const std::int32_t* labels, Tensor<T> weights);

// (1/B)·Σ_b Σ_k t_bk·(logsumexp(logits[b]) − logits[b, k]): cross-entropy against target distributions
// (rows of `targets` [B,K], a constant: no gradient) — the policy loss of self-play training, t the
// search's visit shares. dlogits[b,k] = (p_bk·Σ_k t_bk − t_bk)/B.
template <class T>
Tensor<T> soft_cross_entropy(Tape<T>& tape, Tensor<T> logits, Tensor<T> targets);

// How many rows of scores [B,K] (logits or probabilities) have their largest entry (the first one on
// ties) at the label.
template <class T>
std::int64_t count_correct(const Tensor<T>& scores, const std::int32_t* labels);

}  // namespace lab::ag
