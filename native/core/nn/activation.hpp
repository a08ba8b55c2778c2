// lab::nn::Activation — the activation functions a layer can name in a config, parsed with errors that
// name the field path ("model.activations[1]: unknown activation …; expected one of: …"), and applied
// through the autograd ops.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "../autograd/tape.hpp"

namespace lab::nn {

enum class Activation { relu, leaky_relu, tanh, sigmoid, gelu, softplus, identity };

// All activations in config order, and their config names.
std::span<const Activation> all_activations();
const char* activation_name(Activation a);  // "leaky_relu"

// Throws INVALID_CONFIG naming `path`, the name received and the known names.
Activation parse_activation(std::string_view name, const std::string& path);

// y = f(x) on the tape; alpha is the leaky-relu slope (ignored by the others). identity returns x.
template <class T>
ag::Tensor<T> apply_activation(ag::Tape<T>& tape, Activation a, ag::Tensor<T> x, double alpha);

}  // namespace lab::nn
