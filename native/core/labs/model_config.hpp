// read_mlp_spec — the `model` part of a lab config ({hidden: [16], activation: "tanh", dropout: 0}) as an
// nn::MlpSpec for a data set: its inputs, the hidden widths, and its outputs (K classes, or 1 target),
// the output layer without activation. Shared by the training lab and the graph lesson, so the same
// config (and seed) builds the same network in both.
// Not here: building the model (nn/mlp.hpp), the data set (data/read_dataset.hpp).
#pragma once

#include <string>

#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "../nn/mlp.hpp"

namespace lab {

// `model` may be nullptr or null (defaults: one hidden layer of 16, tanh). `path` names the field in
// errors ("train.model.hidden[1]: …"). With allow_dropout false a `dropout` field is refused.
nn::MlpSpec read_mlp_spec(const Value* model, const data::Dataset& ds, const std::string& path, bool allow_dropout = true);

}  // namespace lab
