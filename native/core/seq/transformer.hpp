// lab::seq::Transformer — the attention lab's model (issue #12): a decoder-only transformer.
//   x = embedding(tokens) + positions                                (sinusoidal, or learned)
//   each of `layers` blocks (pre-norm):  x = x + W_o·attention(LN(x)·W_qkv)   (causal, `heads` heads)
//                                        x = x + W_2·GELU(LN(x)·W_1)          (width 4·D; GELU's tanh form)
//   logits = LN(x)·W_head
// Token embedding N(0, 1) and learned positions N(0, 0.02²); linear layers as PyTorch initialises them.
// Sinusoidal positions: PE[t, 2i] = sin(t/10000^(2i/D)), PE[t, 2i+1] = cos(t/10000^(2i/D)).
// Dropout (on each block's two outputs) only while training.
#pragma once

#include <cstdint>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../runtime/rng.hpp"

namespace lab::seq {

enum class Positions { sinusoidal, learned };

struct TransformerShape {
  std::int64_t vocab = 10;     // tokens in and out
  std::int64_t max_len = 64;   // longest input
  std::int64_t dim = 64;       // D
  std::int64_t heads = 4;
  std::int64_t layers = 2;
  Positions positions = Positions::sinusoidal;
  double dropout = 0;
};

class Transformer {
 public:
  Transformer(const TransformerShape& shape, Rng& rng);

  // tokens [B·T] → logits [B·T, vocab]. maps (optional): written with every layer's attention
  // probabilities, layer after layer, each [B, heads, T, T]. qkv (optional): every layer's projections
  // Q, K and V side by side, layer after layer, each [B, T, 3·dim] (head h: columns h·d…(h+1)·d − 1 of each).
  ag::Tensor<float> forward(ag::Tape<float>& tape, const std::int32_t* tokens, std::int64_t B, std::int64_t T, bool training,
                            float* maps = nullptr, float* qkv = nullptr);

  ag::ParamStore<float>& store() { return store_; }
  const ag::ParamStore<float>& store() const { return store_; }
  const TransformerShape& shape() const { return shape_; }
  // The sinusoidal table [max_len, D] (what the lab's positional-encoding heatmap draws).
  const std::vector<float>& sinusoid() const { return sinusoid_; }

 private:
  using Id = ag::ParamStore<float>::Id;
  struct Block {
    Id ln1_g, ln1_b, qkv_w, qkv_b, o_w, o_b, ln2_g, ln2_b, ff1_w, ff1_b, ff2_w, ff2_b;
  };
  ag::Tensor<float> linear(ag::Tape<float>& tape, ag::Tensor<float> x, Id w, Id b);

  TransformerShape shape_;
  ag::ParamStore<float> store_;
  Id tok_ = 0, pos_ = 0, lnf_g_ = 0, lnf_b_ = 0, head_w_ = 0, head_b_ = 0;
  std::vector<Block> blocks_;
  std::vector<float> sinusoid_;
  std::vector<std::int32_t> positions_;  // position ids of the last forward
  Rng dropout_rng_;
};

}  // namespace lab::seq
