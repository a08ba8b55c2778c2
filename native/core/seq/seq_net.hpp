// lab::seq::SeqNet — the RNN lab's model: (an embedding of symbols, or real-valued inputs) → one
// recurrent layer (rnn, lstm or gru; autograd/ops/recurrent.hpp) → a linear head at every step.
// Initialised as PyTorch initialises nn.Embedding (N(0, 1)), nn.RNN/LSTM/GRU (every weight and bias
// U(±1/√H)) and nn.Linear (U(±1/√fan_in)).
#pragma once

#include <cstdint>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../runtime/rng.hpp"

namespace lab::seq {

struct SeqNetShape {
  ag::Cell cell = ag::Cell::lstm;
  std::int64_t vocab = 0;   // symbols in (embedding); 0: real-valued inputs of width `inputs`
  std::int64_t embed = 32;  // E (with a vocabulary)
  std::int64_t inputs = 1;  // input width without a vocabulary
  std::int64_t hidden = 128;
  std::int64_t outputs = 1; // logits (classes) or values per step
};

class SeqNet {
 public:
  SeqNet(const SeqNetShape& shape, Rng& rng);

  // Symbols ids [B·T] (or values x [B, T, inputs]) → the head's outputs [B·T, outputs]; the recurrent
  // layer's state in/out and gradient norms through `state`.
  ag::Tensor<float> forward(ag::Tape<float>& tape, const std::int32_t* ids, const float* x, std::int64_t B, std::int64_t T,
                            const ag::RecurrentState<float>& state = {});

  ag::ParamStore<float>& store() { return store_; }
  const ag::ParamStore<float>& store() const { return store_; }
  const SeqNetShape& shape() const { return shape_; }

 private:
  SeqNetShape shape_;
  ag::ParamStore<float> store_;
  ag::ParamStore<float>::Id embed_ = 0, rec_ = 0, head_w_ = 0, head_b_ = 0;
};

}  // namespace lab::seq
