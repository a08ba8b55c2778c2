// The batch-norm layer (see batch_norm.hpp).
#include "batch_norm.hpp"

#include <algorithm>
#include <cmath>

#include "../autograd/ops/batch_norm.hpp"
#include "../error.hpp"

namespace lab::nn {

template <class T>
BatchNorm<T>::BatchNorm(ag::ParamStore<T>& store, const std::string& name, std::int64_t channels, double momentum,
                        double eps)
    : store_(&store), name_(name), channels_(channels), momentum_(momentum), eps_(eps) {
  if (channels < 1) throw Error(code::invalid_config, name + ": expected at least 1 channel, got " + std::to_string(channels));
  if (!(momentum >= 0 && momentum <= 1))
    throw Error(code::invalid_config, name + ".momentum: expected a number in [0, 1], got " + format_number(momentum));
  if (!(eps > 0 && std::isfinite(eps)))
    throw Error(code::invalid_config, name + ".eps: expected a finite number > 0, got " + format_number(eps));
  weight_ = store.add(name + ".weight", ag::Shape{channels});
  bias_ = store.add(name + ".bias", ag::Shape{channels});
  mean_ = store.add_buffer(name + ".running_mean", ag::Shape{channels}, T(0));
  var_ = store.add_buffer(name + ".running_var", ag::Shape{channels}, T(1));
  std::fill_n(store.view(weight_).value, channels, T(1));
  batch_mean_.resize(static_cast<std::size_t>(channels));
  batch_var_.resize(static_cast<std::size_t>(channels));
}

template <class T>
ag::Tensor<T> BatchNorm<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  if ((x.rank() != 2 && x.rank() != 4) || x.dim(1) != channels_)
    throw Error(code::invalid_config, name_ + ": expected inputs of shape [batch, " + std::to_string(channels_) +
                                          "] or [batch, " + std::to_string(channels_) + ", height, width], got " + x.shape.str());
  const ag::Tensor<T> gamma = store_->view(weight_), beta = store_->view(bias_);
  if (!training_) return ag::batch_norm_eval(tape, x, gamma, beta, store_->buffer(mean_), store_->buffer(var_), eps_);
  ag::Tensor<T> out = ag::batch_norm_train(tape, x, gamma, beta, eps_, batch_mean_.data(), batch_var_.data());
  const std::int64_t per_channel = x.dim(0) * (x.rank() == 4 ? x.dim(2) * x.dim(3) : 1);
  if (per_channel > 1) {
    T* rm = store_->buffer(mean_);
    T* rv = store_->buffer(var_);
    const T m = static_cast<T>(momentum_);
    for (std::int64_t c = 0; c < channels_; ++c) {
      rm[c] = (T(1) - m) * rm[c] + m * batch_mean_[static_cast<std::size_t>(c)];
      rv[c] = (T(1) - m) * rv[c] + m * batch_var_[static_cast<std::size_t>(c)];
    }
  }
  return out;
}

template <class T>
std::string BatchNorm<T>::describe() const {
  return "batch norm " + std::to_string(channels_);
}

template class BatchNorm<float>;
template class BatchNorm<double>;

}  // namespace lab::nn
