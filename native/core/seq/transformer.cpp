// The attention lab's transformer (see transformer.hpp).
#include "transformer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "../error.hpp"

namespace lab::seq {

Transformer::Transformer(const TransformerShape& s, Rng& rng) : shape_(s), dropout_rng_(rng.next_u64()) {
  const std::int64_t D = s.dim, F = 4 * D;
  tok_ = store_.add("embedding.weight_table", ag::Shape{s.vocab, D});  // not ".weight": drawn below, N(0, 1)
  if (s.positions == Positions::learned) pos_ = store_.add("positions.table", ag::Shape{s.max_len, D});
  for (std::int64_t l = 0; l < s.layers; ++l) {
    const std::string p = "blocks." + std::to_string(l) + ".";
    Block b{};
    b.ln1_g = store_.add(p + "ln1.gamma", ag::Shape{D});
    b.ln1_b = store_.add(p + "ln1.beta", ag::Shape{D});
    b.qkv_w = store_.add(p + "qkv.weight", ag::Shape{D, 3 * D});
    b.qkv_b = store_.add(p + "qkv.bias", ag::Shape{3 * D});
    b.o_w = store_.add(p + "out.weight", ag::Shape{D, D});
    b.o_b = store_.add(p + "out.bias", ag::Shape{D});
    b.ln2_g = store_.add(p + "ln2.gamma", ag::Shape{D});
    b.ln2_b = store_.add(p + "ln2.beta", ag::Shape{D});
    b.ff1_w = store_.add(p + "ff1.weight", ag::Shape{D, F});
    b.ff1_b = store_.add(p + "ff1.bias", ag::Shape{F});
    b.ff2_w = store_.add(p + "ff2.weight", ag::Shape{F, D});
    b.ff2_b = store_.add(p + "ff2.bias", ag::Shape{D});
    blocks_.push_back(b);
  }
  lnf_g_ = store_.add("ln_final.gamma", ag::Shape{D});
  lnf_b_ = store_.add("ln_final.beta", ag::Shape{D});
  head_w_ = store_.add("head.weight", ag::Shape{D, s.vocab});
  head_b_ = store_.add("head.bias", ag::Shape{s.vocab});
  // linear layers as torch draws them, then the rest: embeddings, layer norms (γ 1, β 0)
  for (const auto& e : store_.entries()) {
    ag::Tensor<float> t = store_.view(e.name);
    const bool weight = e.name.size() > 7 && e.name.compare(e.name.size() - 7, 7, ".weight") == 0;
    const bool bias = e.name.size() > 5 && e.name.compare(e.name.size() - 5, 5, ".bias") == 0;
    if (weight || bias) {
      const double bound = 1 / std::sqrt(static_cast<double>(weight ? e.shape[0] : store_.view(e.name.substr(0, e.name.size() - 5) + ".weight").dim(0)));
      for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = static_cast<float>((2 * rng.uniform() - 1) * bound);
    } else if (e.name.find("gamma") != std::string::npos) {
      for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = 1.f;
    } else if (e.name.find("beta") != std::string::npos) {
      for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = 0.f;
    } else if (e.name == "positions.table") {
      for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = static_cast<float>(0.02 * rng.normal());
    } else {
      for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = static_cast<float>(rng.normal());
    }
  }
  sinusoid_.resize(static_cast<std::size_t>(s.max_len * D));
  for (std::int64_t t = 0; t < s.max_len; ++t)
    for (std::int64_t i = 0; i < D; ++i) {
      const double f = std::pow(10000.0, -static_cast<double>(i - i % 2) / static_cast<double>(D));
      sinusoid_[static_cast<std::size_t>(t * D + i)] = static_cast<float>(i % 2 == 0 ? std::sin(static_cast<double>(t) * f) : std::cos(static_cast<double>(t) * f));
    }
}

ag::Tensor<float> Transformer::linear(ag::Tape<float>& tape, ag::Tensor<float> x, Id w, Id b) {
  return ag::linear(tape, x, store_.view(w), store_.view(b));
}

ag::Tensor<float> Transformer::forward(ag::Tape<float>& tape, const std::int32_t* tokens, std::int64_t B, std::int64_t T, bool training,
                                       float* maps, float* qkv_out) {
  const std::int64_t D = shape_.dim, N = B * T;
  if (T > shape_.max_len)
    throw Error(code::invalid_config, "transformer: inputs of " + std::to_string(T) + " tokens, longer than the " + std::to_string(shape_.max_len) + " it was built for");
  positions_.resize(static_cast<std::size_t>(N));
  for (std::int64_t i = 0; i < N; ++i) positions_[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(i % T);
  const ag::Tensor<float> table = shape_.positions == Positions::learned ? store_.view(pos_)
                                                                         : ag::constant(sinusoid_.data(), ag::Shape{shape_.max_len, D});
  ag::Tensor<float> x = ag::add(tape, ag::embedding(tape, store_.view(tok_), tokens, ag::Shape{N, D}), ag::embedding(tape, table, positions_.data(), ag::Shape{N, D}));
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    const Block& b = blocks_[l];
    ag::Tensor<float> h = ag::layer_norm(tape, x, store_.view(b.ln1_g), store_.view(b.ln1_b));
    const ag::Tensor<float> qkv = linear(tape, h, b.qkv_w, b.qkv_b);
    if (qkv_out) std::copy_n(qkv.value, N * 3 * D, qkv_out + static_cast<std::int64_t>(l) * N * 3 * D);
    float* m = maps ? maps + static_cast<std::int64_t>(l) * B * shape_.heads * T * T : nullptr;
    const ag::Tensor<float> ctx = ag::attention(tape, ag::Tensor<float>{qkv.value, qkv.grad, ag::Shape{B, T, 3 * D}}, shape_.heads, true, m);
    ag::Tensor<float> o = linear(tape, ag::Tensor<float>{ctx.value, ctx.grad, ag::Shape{N, D}}, b.o_w, b.o_b);
    if (shape_.dropout > 0) o = ag::dropout(tape, o, shape_.dropout, dropout_rng_, training);
    x = ag::add(tape, x, o);
    h = ag::layer_norm(tape, x, store_.view(b.ln2_g), store_.view(b.ln2_b));
    ag::Tensor<float> f = linear(tape, ag::gelu_tanh(tape, linear(tape, h, b.ff1_w, b.ff1_b)), b.ff2_w, b.ff2_b);
    if (shape_.dropout > 0) f = ag::dropout(tape, f, shape_.dropout, dropout_rng_, training);
    x = ag::add(tape, x, f);
  }
  return linear(tape, ag::layer_norm(tape, x, store_.view(lnf_g_), store_.view(lnf_b_)), head_w_, head_b_);
}

}  // namespace lab::seq
