// Activation names and dispatch (see activation.hpp).
#include "activation.hpp"

#include "../autograd/ops/activations.hpp"
#include "../error.hpp"

namespace lab::nn {

namespace {
constexpr Activation kAll[] = {Activation::relu,    Activation::leaky_relu, Activation::tanh,    Activation::sigmoid,
                               Activation::gelu,    Activation::softplus,   Activation::identity};
}  // namespace

std::span<const Activation> all_activations() { return kAll; }

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::relu: return "relu";
    case Activation::leaky_relu: return "leaky_relu";
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "sigmoid";
    case Activation::gelu: return "gelu";
    case Activation::softplus: return "softplus";
    case Activation::identity: return "identity";
  }
  return "?";
}

Activation parse_activation(std::string_view name, const std::string& path) {
  std::string known;
  for (Activation a : kAll) {
    if (name == activation_name(a)) return a;
    known += std::string(known.empty() ? "" : ", ") + activation_name(a);
  }
  throw Error(code::invalid_config,
              path + ": unknown activation \"" + std::string(name) + "\"; expected one of: " + known);
}

template <class T>
ag::Tensor<T> apply_activation(ag::Tape<T>& tape, Activation a, ag::Tensor<T> x, double alpha) {
  switch (a) {
    case Activation::relu: return ag::relu(tape, x);
    case Activation::leaky_relu: return ag::leaky_relu(tape, x, alpha);
    case Activation::tanh: return ag::tanh(tape, x);
    case Activation::sigmoid: return ag::sigmoid(tape, x);
    case Activation::gelu: return ag::gelu(tape, x);
    case Activation::softplus: return ag::softplus(tape, x);
    case Activation::identity: return x;
  }
  return x;
}

template ag::Tensor<float> apply_activation<float>(ag::Tape<float>&, Activation, ag::Tensor<float>, double);
template ag::Tensor<double> apply_activation<double>(ag::Tape<double>&, Activation, ag::Tensor<double>, double);

}  // namespace lab::nn
