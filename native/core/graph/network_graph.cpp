// The network lesson: one row through the training lab's MLP, forward, loss, backward (see
// network_graph.hpp).
#include "network_graph.hpp"

#include <algorithm>

#include "../data/read_dataset.hpp"
#include "../error.hpp"
#include "../labs/model_config.hpp"
#include "../nn/checkpoint.hpp"
#include "../nn/mlp.hpp"
#include "../runtime/rng.hpp"
#include "tape_graph.hpp"

namespace lab::graph {

namespace {

// Weights files hold float32: load them through a float model of the same spec, then copy.
template <class T>
void load_weights_into(ag::ParamStore<T>& store, const nn::MlpSpec& spec, const std::string& file) {
  if constexpr (std::is_same_v<T, float>) {
    nn::load_weights(store, file);
  } else {
    ag::ParamStore<float> f;
    Rng rng(0);
    nn::make_mlp<float>(f, spec, rng);
    nn::load_weights(f, file);
    std::copy(f.values(), f.values() + f.size(), store.values());
  }
}

}  // namespace

template <class T>
NetworkExample<T>::NetworkExample(const Value& config, const std::string& path) {
  Reader r(config, path);
  r.only({"kind", "dataset", "model", "seed", "weights", "example"});
  const Value* dsv = r.get("dataset");
  if (dsv == nullptr) throw Error(code::invalid_config, path + ".dataset: required, expected a data set name or {name, …}");
  ds_ = data::read_dataset(*dsv, path + ".dataset");
  if (ds_.size() == 0) throw Error(code::invalid_config, path + ".dataset: the data set has no rows");
  example_ = static_cast<std::size_t>(r.number("example", 0, Range{0, static_cast<double>(ds_.size() - 1), false, false, true}));

  const nn::MlpSpec spec = read_mlp_spec(r.get("model"), ds_, path + ".model", false);
  const double seed = r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true});
  Rng rng(static_cast<std::uint64_t>(seed));  // as the training lab seeds its initial weights
  model_ = std::make_unique<nn::Sequential<T>>(nn::make_mlp<T>(store_, spec, rng, path + ".model"));
  if (const Value* w = r.get("weights"); w != nullptr && !w->is_null()) {
    if (w->kind() != Value::Kind::String) r.fail("weights", *w, "the path of a weights file");
    load_weights_into(store_, spec, w->as_string());
  }

  const auto d = static_cast<std::size_t>(ds_.d);
  x_.assign(ds_.x.begin() + static_cast<std::ptrdiff_t>(example_ * d), ds_.x.begin() + static_cast<std::ptrdiff_t>((example_ + 1) * d));
  if (ds_.kind == data::Kind::classification) label_ = ds_.labels[example_];
  else target_.assign(1, static_cast<T>(ds_.y[example_]));
}

template <class T>
ag::Tensor<T> NetworkExample<T>::record_loss() {
  tape_.reset();
  auto out = model_->forward(tape_, ag::constant(x_.data(), {1, ds_.d}));
  if (ds_.kind == data::Kind::classification) return ag::softmax_cross_entropy(tape_, out, &label_).loss;
  return ag::mse(tape_, out, ag::constant(target_.data(), {1, 1}));
}

template <class T>
double NetworkExample<T>::loss() {
  return static_cast<double>(record_loss().value[0]);
}

template <class T>
Value NetworkExample<T>::graph() {
  const ag::Tensor<T> loss = record_loss();
  store_.zero_grad();
  tape_.backward(loss);
  const bool cls = ds_.kind == data::Kind::classification;
  std::vector<NamedTensor<T>> data{{"x", ag::constant(x_.data(), {1, ds_.d})}};
  if (!cls) data.push_back({"target", ag::constant(target_.data(), {1, 1})});
  const NamedLabels labels{"label", cls ? &label_ : nullptr, cls ? 1 : 0};
  Value g = tape_graph<T>(tape_, store_, data, labels, loss);
  Value::Object o = g.as_object();
  o["kind"] = "network";
  o["example"] = static_cast<double>(example_);
  o["model"] = model_->describe();
  if (cls) o["label"] = static_cast<double>(label_);
  else o["target"] = static_cast<double>(target_[0]);
  return Value(std::move(o));
}

Value network_graph(const Value& config, const std::string& path) { return NetworkExample<float>(config, path).graph(); }

template class NetworkExample<float>;
template class NetworkExample<double>;

}  // namespace lab::graph
