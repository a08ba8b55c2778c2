// Building an MLP from its spec (see mlp.hpp).
#include "mlp.hpp"

#include <cmath>
#include <memory>

#include "../error.hpp"
#include "layers.hpp"
#include "linear.hpp"

namespace lab::nn {

namespace {

std::vector<Activation> check_spec(const MlpSpec& spec, const std::string& path) {
  if (spec.widths.size() < 2)
    throw Error(code::invalid_config, path + ".widths: expected at least 2 widths (inputs and outputs), got " +
                                          std::to_string(spec.widths.size()));
  for (std::size_t i = 0; i < spec.widths.size(); ++i)
    if (spec.widths[i] < 1)
      throw Error(code::invalid_config, path + ".widths[" + std::to_string(i) + "]: expected an integer >= 1, got " +
                                            std::to_string(spec.widths[i]));
  const std::size_t layers = spec.widths.size() - 1;
  if (spec.activations.size() != layers)
    throw Error(code::invalid_config, path + ".activations: expected " + std::to_string(layers) +
                                          " names (one per layer), got " + std::to_string(spec.activations.size()));
  std::vector<Activation> acts;
  for (std::size_t i = 0; i < layers; ++i)
    acts.push_back(parse_activation(spec.activations[i], path + ".activations[" + std::to_string(i) + "]"));
  if (!(spec.dropout >= 0 && spec.dropout < 1))
    throw Error(code::invalid_config, path + ".dropout: expected a probability in [0, 1), got " +
                                          format_number(spec.dropout));
  if (!(spec.leaky_alpha >= 0 && std::isfinite(spec.leaky_alpha)))
    throw Error(code::invalid_config, path + ".leaky_alpha: expected a finite number >= 0, got " +
                                          format_number(spec.leaky_alpha));
  return acts;
}

}  // namespace

template <class T>
Sequential<T> make_mlp(ag::ParamStore<T>& store, const MlpSpec& spec, Rng& rng, const std::string& path) {
  const std::vector<Activation> acts = check_spec(spec, path);
  const std::size_t layers = acts.size();
  // Weights first, in layer order, then the dropout seeds: turning dropout on leaves the weights as they were.
  std::vector<std::unique_ptr<Linear<T>>> linears;
  for (std::size_t i = 0; i < layers; ++i)
    linears.push_back(std::make_unique<Linear<T>>(store, "layers." + std::to_string(i), spec.widths[i],
                                                  spec.widths[i + 1], init_for(acts[i], spec.leaky_alpha), rng));
  Sequential<T> net;
  for (std::size_t i = 0; i < layers; ++i) {
    net.add(std::move(linears[i]));
    if (acts[i] != Activation::identity) net.template emplace<ActivationLayer<T>>(acts[i], spec.leaky_alpha);
    if (spec.dropout > 0 && i + 1 < layers)
      net.template emplace<Dropout<T>>(spec.dropout, rng.next_u64(), path + ".dropout");
  }
  return net;
}

template Sequential<float> make_mlp<float>(ag::ParamStore<float>&, const MlpSpec&, Rng&, const std::string&);
template Sequential<double> make_mlp<double>(ag::ParamStore<double>&, const MlpSpec&, Rng&, const std::string&);

}  // namespace lab::nn
