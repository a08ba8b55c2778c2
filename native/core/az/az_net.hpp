// The self-play agent's network: the position (az_games.hpp features) through a trunk of two ReLU
// layers, then a policy head (one logit per move) and a value head (tanh: the expected outcome for the
// side to move, in [−1, 1]). Trained on (position, the search's visit shares π, the game's outcome z):
// loss = soft cross-entropy(logits, π) + (v − z)², with Adam and an L2 penalty on the weights.
// Saved as bytes: "GLABAZ1\n", then int32 inputs, moves, hidden, parameter count, then float32 values.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../nn/sequential.hpp"
#include "../optim/optimizer.hpp"

namespace lab::az {

class AzNet {
 public:
  AzNet(int inputs, int moves, int hidden, std::uint64_t seed);

  int inputs() const { return inputs_; }
  int moves() const { return moves_; }
  int hidden() const { return hidden_; }

  // B positions' features [B, inputs] → priors [B, moves] (softmax over every move: the caller masks
  // the illegal ones) and values [B].
  void evaluate(const float* x, int B, float* priors, float* values);

  // One Adam step on a batch; returns the policy and value losses before the step.
  std::pair<double, double> train(const float* x, const float* pi, const float* z, int B, double lr, double l2);

  Value::Bytes save() const;
  // Reads save()'s bytes; INVALID_CONFIG naming `path` if they are not a network of this shape.
  void load(const Value::Bytes& bytes, const std::string& path);

 private:
  int inputs_, moves_, hidden_;
  // one store and one Adam per part (a store names its layers "layers.i", so parts cannot share one)
  ag::ParamStore<float> trunk_store_, policy_store_, value_store_;
  nn::Sequential<float> trunk_, policy_, value_;
  std::unique_ptr<optim::Optimizer<float>> trunk_opt_, policy_opt_, value_opt_;
  ag::Tape<float> tape_;
  std::size_t size() const { return trunk_store_.size() + policy_store_.size() + value_store_.size(); }
};

}  // namespace lab::az
