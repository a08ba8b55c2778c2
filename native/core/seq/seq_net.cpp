// The RNN lab's model (see seq_net.hpp).
#include "seq_net.hpp"

#include <cmath>

namespace lab::seq {

SeqNet::SeqNet(const SeqNetShape& s, Rng& rng) : shape_(s) {
  const std::int64_t in = s.vocab > 0 ? s.embed : s.inputs, G = ag::gate_count(s.cell);
  if (s.vocab > 0) embed_ = store_.add("embedding", ag::Shape{s.vocab, s.embed});
  rec_ = store_.add(std::string(ag::cell_name(s.cell)) + ".weights", ag::Shape{in + s.hidden + 2, G * s.hidden});
  head_w_ = store_.add("head.weight", ag::Shape{s.hidden, s.outputs});
  head_b_ = store_.add("head.bias", ag::Shape{s.outputs});
  auto fill = [&](ag::ParamStore<float>::Id id, double bound) {
    ag::Tensor<float> t = store_.view(id);
    for (std::int64_t i = 0; i < t.numel(); ++i) t.value[i] = static_cast<float>((2 * rng.uniform() - 1) * bound);
  };
  if (s.vocab > 0) {
    ag::Tensor<float> e = store_.view(embed_);
    for (std::int64_t i = 0; i < e.numel(); ++i) e.value[i] = static_cast<float>(rng.normal());
  }
  fill(rec_, 1 / std::sqrt(static_cast<double>(s.hidden)));
  fill(head_w_, 1 / std::sqrt(static_cast<double>(s.hidden)));
  fill(head_b_, 1 / std::sqrt(static_cast<double>(s.hidden)));
}

ag::Tensor<float> SeqNet::forward(ag::Tape<float>& tape, const std::int32_t* ids, const float* x, std::int64_t B, std::int64_t T,
                                  const ag::RecurrentState<float>& state) {
  ag::Tensor<float> in;
  if (shape_.vocab > 0) in = ag::embedding(tape, store_.view(embed_), ids, ag::Shape{B, T, shape_.embed});
  else in = ag::constant(const_cast<float*>(x), ag::Shape{B, T, shape_.inputs});  // data is only read
  const ag::Tensor<float> h = ag::recurrent(tape, shape_.cell, in, store_.view(rec_), shape_.hidden, state);
  const ag::Tensor<float> flat{h.value, h.grad, ag::Shape{B * T, shape_.hidden}};
  return ag::linear(tape, flat, store_.view(head_w_), store_.view(head_b_));
}

}  // namespace lab::seq
