// lab::nn::make_mlp — a multilayer perceptron as a Sequential, built from layer widths and one
// activation name per layer:
//   widths {2, 8, 2}, activations {"tanh", "identity"}, dropout 0
//   → linear 2→8 ("layers.0.*"), tanh, linear 8→2 ("layers.1.*")
// With dropout p > 0 a Dropout follows every hidden layer's activation (never the output layer).
// Each Linear is initialised for the activation that follows it (init.hpp); the dropout layers' seeds
// are drawn from `rng` after all weights, so a run is its spec plus its seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../autograd/param_store.hpp"
#include "../runtime/rng.hpp"
#include "sequential.hpp"

namespace lab::nn {

struct MlpSpec {
  std::vector<std::int64_t> widths;      // inputs, hidden widths…, outputs (at least 2 entries, each ≥ 1)
  std::vector<std::string> activations;  // one per layer: widths.size() − 1 names (activation.hpp)
  double dropout = 0;                    // p in [0, 1)
  double leaky_alpha = 0.01;             // slope of leaky_relu, ≥ 0
};

// Declares the parameters in `store` and returns the model. Bad specs throw INVALID_CONFIG naming
// `path` + the field ("model.activations[1]: unknown activation …").
template <class T>
Sequential<T> make_mlp(ag::ParamStore<T>& store, const MlpSpec& spec, Rng& rng, const std::string& path = "model");

}  // namespace lab::nn
