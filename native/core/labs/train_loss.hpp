// lab::TrainLoss — which loss the training lab minimises, and the two things each one needs: the number
// of model outputs, and (for one batch of outputs) the loss node on the tape and how many rows it got right.
//
//   cross_entropy  softmax + cross-entropy over K logits   (classification; the default there)
//   bce            binary cross-entropy on ONE logit       (classification with exactly 2 classes;
//                  p(class 1) = sigmoid(logit), right when (logit > 0) == (label == 1))
//   mse            mean squared error on one output        (regression; the default there)
// Not here: the ops themselves (autograd/ops/cross_entropy.hpp, losses.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../data/dataset.hpp"

namespace lab {

enum class TrainLoss { cross_entropy, bce, mse };

const char* loss_name(TrainLoss loss);

// The loss named by config field `path` (nullptr = the data set's default), checked against the data
// set: throws INVALID_CONFIG naming the field, the value and what fits this data set.
TrainLoss read_loss(const Value* v, const data::Dataset& ds, const std::string& path);

// Outputs of the last layer: K for cross-entropy, 1 for bce and mse.
std::int64_t loss_outputs(TrainLoss loss, const data::Dataset& ds);

// One batch of n rows: `out` the model's outputs [n, outputs], `labels` n class labels (classification),
// `targets` n floats (regression targets, or the labels as 0/1 for bce). Records the loss on the tape.
// When `correct` is not null it receives the number of rows classified right (classification only).
ag::Tensor<float> batch_loss(ag::Tape<float>& tape, TrainLoss loss, ag::Tensor<float> out, const std::int32_t* labels,
                             float* targets, std::int64_t* correct);

}  // namespace lab
