// Activation and dropout layers (see layers.hpp).
#include "layers.hpp"

#include "../autograd/ops/dropout.hpp"
#include "../error.hpp"

namespace lab::nn {

template <class T>
ag::Tensor<T> ActivationLayer<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  return apply_activation(tape, act_, x, alpha_);
}

template <class T>
std::string ActivationLayer<T>::describe() const {
  return act_ == Activation::leaky_relu ? "leaky_relu α=" + format_number(alpha_) : activation_name(act_);
}

template <class T>
Dropout<T>::Dropout(double p, std::uint64_t seed, const std::string& path) : p_(p), rng_(seed) {
  if (!(p >= 0 && p < 1))
    throw Error(code::invalid_config, path + ": expected a probability in [0, 1), got " + format_number(p));
}

template <class T>
ag::Tensor<T> Dropout<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  return ag::dropout(tape, x, p_, rng_, training_);
}

template <class T>
std::string Dropout<T>::describe() const {
  return "dropout p=" + format_number(p_);
}

template class ActivationLayer<float>;
template class ActivationLayer<double>;
template class Dropout<float>;
template class Dropout<double>;

}  // namespace lab::nn
