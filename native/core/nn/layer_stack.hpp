// lab::nn layer stacks — a model given as a list of layers, its shapes inferred from the input, and
// the Sequential it builds. The CNN lab's models (and any later lab's) are such lists:
//   [{type: "conv", out: 8, kernel: 3, pad: 1}, "relu", {type: "maxpool", kernel: 2}, "flatten",
//    {type: "linear"}]
// Layer types and their fields (all integers unless said):
//   conv      out (channels), kernel, stride = 1, pad = 0      [C,H,W] → [out, H', W']
//   maxpool   kernel, stride = kernel                           [C,H,W] → [C, H', W']
//   avgpool   kernel, stride = kernel                           the mean instead of the max
//   flatten                                                     [C,H,W] → [C·H·W]
//   reshape   channels, height, width                          [C·H·W] → [C,H,W] (flatten's inverse:
//             a decoder's linear layer feeding convolutions)
//   upsample  factor = 2 (1…8)                                 [C,H,W] → [C, f·H, f·W], nearest
//             neighbour (each value over an f×f block)
//   linear    out (features; left out on the last layer: the data set's outputs)   [F] → [out]
//   dropout   p in [0, 1)                                       same shape
//   batchnorm momentum = 0.1 in [0, 1], eps = 1e-5 in (0, 1]    same shape; per channel of [C,H,W],
//             per feature of [F] (nn/batch_norm.hpp: γ, β trained; running mean and variance buffers)
//   relu, leaky_relu (alpha = 0.01), tanh, sigmoid, gelu, softplus   same shape
// A parameter-free layer may be written as its type alone ("relu"). Parameters are named
// "layers.<i>.weight" / "layers.<i>.bias" after the layer's index i in the list (batch norm's buffers
// "layers.<i>.running_mean" / "running_var"). A conv or linear layer
// is initialised for the first activation after it (init.hpp; Xavier when none comes before the next
// weighted layer); dropout seeds are drawn after all weights.
// Errors (INVALID_CONFIG) name the layer ("train.model.layers[3] (maxpool 2×2)") and the shapes: a
// conv or pool on flat features, a linear on feature maps (add flatten), a window larger than its
// input, a stack that shrinks to nothing, a last layer whose output is not the data set's outputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../autograd/param_store.hpp"
#include "../config/value.hpp"
#include "../runtime/rng.hpp"
#include "sequential.hpp"

namespace lab::nn {

struct LayerSpec {
  std::string type;          // "conv", "linear", "maxpool", "avgpool", "flatten", "dropout", or an activation
  std::int64_t out = 0;      // conv: channels; linear: features (0: the data set's outputs)
  std::int64_t kernel = 0, stride = 0, pad = 0;
  double p = 0;              // dropout probability
  double momentum = 0.1, eps = 1e-5;  // batch norm
  double alpha = 0.01;       // leaky_relu slope
  std::int64_t height = 0, width = 0;  // reshape (its channels in `out`)
  std::int64_t factor = 0;   // upsample
};

// One layer's place in a stack: what it is, what comes out, and how many parameters it has.
struct LayerShape {
  std::string describe;             // "conv 1→8 3×3 stride 1 pad 1"
  std::vector<std::int64_t> output;  // per example: [8, 28, 28], [10]
  std::int64_t parameters = 0;
};

// The list's fields, checked one by one (`path`: "train.model.layers"). At most 64 layers.
std::vector<LayerSpec> read_layer_list(const Value& layers, const std::string& path);

// The shape after each layer for examples of shape `input` ([C,H,W] or [F]) and `outputs` classes or
// targets; throws INVALID_CONFIG naming the layer and the shapes (see above). `outputs` = kAnyOutputs
// accepts any flat output (an encoder whose features feed heads of its own); its last linear layer
// must then give its width.
constexpr std::int64_t kAnyOutputs = -1;
std::vector<LayerShape> infer_shapes(const std::vector<LayerSpec>& layers, const std::vector<std::int64_t>& input,
                                     std::int64_t outputs, const std::string& path);

// Declares the parameters in `store` and returns the model (shapes checked first, as infer_shapes;
// `shapes`, when given, receives them). Parameters are named "<prefix>.<i>.weight"; two stacks in one
// store (a VAE's encoder and decoder) take different prefixes.
template <class T>
Sequential<T> build_stack(ag::ParamStore<T>& store, const std::vector<LayerSpec>& layers,
                          const std::vector<std::int64_t>& input, std::int64_t outputs, Rng& rng, const std::string& path,
                          std::vector<LayerShape>* shapes = nullptr, const std::string& prefix = "layers");

// "[1, 28, 28]"
std::string shape_text(const std::vector<std::int64_t>& shape);

}  // namespace lab::nn
