// lab::graph::NetworkExample — the backprop lesson on a real network: the training lab's MLP (same
// config, same seed ⇒ same initial weights; or weights from a file) applied to ONE row of its data set,
// forward + loss + backward, exported as a graph (tape_graph.hpp) whose parameter gradients are exactly
// what a training step on that row computes.
//
// Config (lab::Value):
//   { kind: "network", dataset: "xor" | {name, …}, model: {hidden: [3], activation: "tanh"}, seed: 1,
//     weights: path (optional, nn/checkpoint.hpp), example: 0 (a row: training rows first, then test) }
// Loss: softmax cross-entropy with the row's label (classification) or MSE with its target (regression).
// T is float for the app (the training lab's precision) and double for gradient checks.
// Not here: reading the graph back from the tape (tape_graph.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "../nn/sequential.hpp"

namespace lab::graph {

template <class T>
class NetworkExample {
 public:
  // Throws INVALID_CONFIG naming `path`.<field> (an example outside the data set, an unknown field …).
  NetworkExample(const Value& config, const std::string& path);

  // Forward and loss only (parameter grads untouched): for finite differences.
  double loss();
  // Zeroes the parameter grads, runs forward, loss and backward; returns the graph with
  // {kind: "network", example, model, label | target, …tape_graph fields}.
  Value graph();

  ag::ParamStore<T>& store() { return store_; }
  const data::Dataset& dataset() const { return ds_; }
  std::size_t example() const { return example_; }

 private:
  ag::Tensor<T> record_loss();  // resets the tape and records forward + loss on it

  data::Dataset ds_;
  std::size_t example_ = 0;
  ag::ParamStore<T> store_;
  std::unique_ptr<nn::Sequential<T>> model_;
  ag::Tape<T> tape_;
  std::vector<T> x_, target_;
  std::int32_t label_ = 0;
};

// The graph of `config` in float, as the app shows it.
Value network_graph(const Value& config, const std::string& path);

}  // namespace lab::graph
