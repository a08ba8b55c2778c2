// The self-play agent's network (see az_net.hpp).
#include "az_net.hpp"

#include <cmath>
#include <algorithm>
#include <cstring>

#include "../error.hpp"
#include "../nn/mlp.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"

namespace lab::az {

namespace {
constexpr char kMagic[8] = {'G', 'L', 'A', 'B', 'A', 'Z', '1', '\n'};

nn::Sequential<float> build(ag::ParamStore<float>& store, const nn::MlpSpec& spec, Rng& rng, const char* name) { return nn::make_mlp<float>(store, spec, rng, name); }
}  // namespace

AzNet::AzNet(int inputs, int moves, int hidden, std::uint64_t seed)
    : inputs_(inputs),
      moves_(moves),
      hidden_(hidden),
      trunk_opt_(optim::make_optimizer<float>("adam")),
      policy_opt_(optim::make_optimizer<float>("adam")),
      value_opt_(optim::make_optimizer<float>("adam")) {
  Rng rng(seed);
  trunk_ = build(trunk_store_, {{inputs, hidden, hidden}, {"relu", "relu"}}, rng, "trunk");
  policy_ = build(policy_store_, {{hidden, moves}, {"identity"}}, rng, "policy");
  value_ = build(value_store_, {{hidden, 1}, {"tanh"}}, rng, "value");
  trunk_opt_->reset(trunk_store_.size());
  policy_opt_->reset(policy_store_.size());
  value_opt_->reset(value_store_.size());
}

void AzNet::evaluate(const float* x, int B, float* priors, float* values) {
  tape_.reset();
  const ag::Tensor<float> h = trunk_.forward(tape_, ag::constant(const_cast<float*>(x), ag::Shape{B, inputs_}));
  const ag::Tensor<float> logits = policy_.forward(tape_, h);
  const ag::Tensor<float> v = value_.forward(tape_, h);
  for (int b = 0; b < B; ++b) {
    const float* z = logits.value + static_cast<std::ptrdiff_t>(b) * moves_;
    float zmax = z[0];
    for (int k = 1; k < moves_; ++k) zmax = std::max(zmax, z[k]);
    double s = 0;
    for (int k = 0; k < moves_; ++k) s += std::exp(static_cast<double>(z[k] - zmax));
    for (int k = 0; k < moves_; ++k) priors[b * moves_ + k] = static_cast<float>(std::exp(static_cast<double>(z[k] - zmax)) / s);
    values[b] = v.value[b];
  }
}

std::pair<double, double> AzNet::train(const float* x, const float* pi, const float* z, int B, double lr, double l2) {
  tape_.reset();
  const ag::Tensor<float> h = trunk_.forward(tape_, ag::constant(const_cast<float*>(x), ag::Shape{B, inputs_}));
  const ag::Tensor<float> ploss = ag::soft_cross_entropy(tape_, policy_.forward(tape_, h), ag::constant(const_cast<float*>(pi), ag::Shape{B, moves_}));
  const ag::Tensor<float> vloss = ag::mse(tape_, value_.forward(tape_, h), ag::constant(const_cast<float*>(z), ag::Shape{B, 1}));
  const ag::Tensor<float> loss = ag::add(tape_, ploss, vloss);
  const std::pair<double, double> out{ploss.value[0], vloss.value[0]};
  for (ag::ParamStore<float>* st : {&trunk_store_, &policy_store_, &value_store_}) st->zero_grad();
  tape_.backward(loss);
  const std::pair<ag::ParamStore<float>*, optim::Optimizer<float>*> parts[] = {{&trunk_store_, trunk_opt_.get()}, {&policy_store_, policy_opt_.get()}, {&value_store_, value_opt_.get()}};
  for (const auto& [st, opt] : parts) {
    float* g = st->grads();
    const float* w = st->values();
    for (std::size_t i = 0; i < st->size(); ++i) g[i] += static_cast<float>(l2) * w[i];
    opt->step(st->values(), st->grads(), lr);
  }
  return out;
}

Value::Bytes AzNet::save() const {
  Value::Bytes out(sizeof(kMagic) + 4 * sizeof(std::int32_t) + size() * sizeof(float));
  std::memcpy(out.data(), kMagic, sizeof(kMagic));
  const std::int32_t head[4] = {inputs_, moves_, hidden_, static_cast<std::int32_t>(size())};
  std::memcpy(out.data() + sizeof(kMagic), head, sizeof(head));
  std::size_t at = sizeof(kMagic) + sizeof(head);
  for (const ag::ParamStore<float>* st : {&trunk_store_, &policy_store_, &value_store_}) {
    std::memcpy(out.data() + at, st->values(), st->size() * sizeof(float));
    at += st->size() * sizeof(float);
  }
  return out;
}

void AzNet::load(const Value::Bytes& bytes, const std::string& path) {
  std::int32_t head[4] = {};
  if (bytes.size() < sizeof(kMagic) + sizeof(head) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    throw Error(code::invalid_config, path + ": not a self-play network (it should start with GLABAZ1)");
  std::memcpy(head, bytes.data() + sizeof(kMagic), sizeof(head));
  if (head[0] != inputs_ || head[1] != moves_ || head[2] != hidden_ || head[3] != static_cast<std::int32_t>(size()))
    throw Error(code::invalid_config, path + ": a network of " + std::to_string(head[0]) + " inputs, " + std::to_string(head[1]) + " moves and " + std::to_string(head[2]) +
                                          " hidden units; this game's is " + std::to_string(inputs_) + ", " + std::to_string(moves_) + " and " + std::to_string(hidden_));
  if (bytes.size() != sizeof(kMagic) + sizeof(head) + size() * sizeof(float)) throw Error(code::invalid_config, path + ": the file is cut short or too long");
  std::vector<float> values(size());
  std::memcpy(values.data(), bytes.data() + sizeof(kMagic) + sizeof(head), values.size() * sizeof(float));
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i])) throw Error(code::invalid_config, path + ": parameter " + std::to_string(i) + " is not a finite number");
  std::size_t at = 0;
  for (ag::ParamStore<float>* st : {&trunk_store_, &policy_store_, &value_store_}) {
    std::copy(values.begin() + static_cast<std::ptrdiff_t>(at), values.begin() + static_cast<std::ptrdiff_t>(at + st->size()), st->values());
    at += st->size();
  }
}

}  // namespace lab::az
