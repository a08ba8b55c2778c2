// Convolution, max-pooling and flatten layers (see conv.hpp).
#include "conv.hpp"

#include <algorithm>

#include "../autograd/ops/activations.hpp"
#include "../autograd/ops/conv2d.hpp"
#include "../autograd/ops/pool2d.hpp"
#include "../autograd/ops/reshape.hpp"
#include "../autograd/ops/upsample.hpp"
#include "../error.hpp"

namespace lab::nn {

namespace {

using i64 = std::int64_t;

void expect_at_least(const std::string& layer, const char* field, i64 value, i64 least) {
  if (value < least)
    throw Error(code::invalid_config, layer + "." + field + ": expected an integer ≥ " + std::to_string(least) +
                                          ", got " + std::to_string(value));
}

std::string square(i64 k) { return std::to_string(k) + "×" + std::to_string(k); }

}  // namespace

template <class T>
Conv2d<T>::Conv2d(ag::ParamStore<T>& store, const std::string& name, Conv2dSpec spec, Init init, Rng& rng)
    : store_(&store), name_(name), spec_(spec) {
  expect_at_least(name, "in_channels", spec.in_channels, 1);
  expect_at_least(name, "out_channels", spec.out_channels, 1);
  expect_at_least(name, "kernel", spec.kernel, 1);
  expect_at_least(name, "stride", spec.stride, 1);
  expect_at_least(name, "padding", spec.padding, 0);
  const i64 k2 = spec.kernel * spec.kernel;
  weight_ = store.add(name + ".weight", ag::Shape{spec.out_channels, spec.in_channels, spec.kernel, spec.kernel});
  bias_ = store.add(name + ".bias", ag::Shape{spec.out_channels});
  init_weights(store.view(weight_).value, spec.out_channels * spec.in_channels * k2, spec.in_channels * k2,
               spec.out_channels * k2, init, rng);
}

template <class T>
ag::Tensor<T> Conv2d<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  const i64 reach = x.rank() == 4 ? std::min(x.dim(2), x.dim(3)) + 2 * spec_.padding : 0;
  if (x.rank() != 4 || x.dim(1) != spec_.in_channels || reach < spec_.kernel)
    throw Error(code::invalid_config, name_ + ": expected images of shape [batch, " + std::to_string(spec_.in_channels) +
                                          ", height, width] with height and width + 2·padding ≥ " +
                                          std::to_string(spec_.kernel) + ", got " + x.shape.str());
  return ag::conv2d(tape, x, weight(), bias(), spec_.stride, spec_.padding);
}

template <class T>
std::string Conv2d<T>::describe() const {
  return "conv " + std::to_string(spec_.in_channels) + "→" + std::to_string(spec_.out_channels) + " " +
         square(spec_.kernel) + " stride " + std::to_string(spec_.stride) + " pad " + std::to_string(spec_.padding);
}

template <class T>
Pool2d<T>::Pool2d(PoolKind kind, i64 kernel, i64 stride, const std::string& name)
    : kind_(kind), kernel_(kernel), stride_(stride == 0 ? kernel : stride), name_(name) {
  expect_at_least(name, "kernel", kernel, 1);
  expect_at_least(name, "stride", stride, 0);
}

template <class T>
void Pool2d<T>::check_input(const ag::Tensor<T>& x) const {
  if (x.rank() != 4 || x.dim(2) < kernel_ || x.dim(3) < kernel_)
    throw Error(code::invalid_config, name_ + ": expected feature maps of shape [batch, channels, height, width] of at "
                                              "least " + square(kernel_) + ", got " + x.shape.str());
}

template <class T>
ag::Tensor<T> Pool2d<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  check_input(x);
  return kind_ == PoolKind::max ? ag::max_pool2d(tape, x, kernel_, stride_) : ag::avg_pool2d(tape, x, kernel_, stride_);
}

template <class T>
ag::Tensor<T> Pool2d<T>::forward_after_relu(ag::Tape<T>& tape, ag::Tensor<T> x) {
  if (kind_ != PoolKind::max) return forward(tape, ag::relu(tape, x));
  check_input(x);
  return ag::relu_max_pool2d(tape, x, kernel_, stride_);
}

template <class T>
std::string Pool2d<T>::describe() const {
  return std::string(kind_ == PoolKind::max ? "max" : "avg") + "-pool " + square(kernel_) + " stride " + std::to_string(stride_);
}

template <class T>
ag::Tensor<T> Flatten<T>::forward(ag::Tape<T>& /*tape: a view records nothing*/, ag::Tensor<T> x) {
  if (x.rank() < 1) throw Error(code::invalid_config, "flatten: expected a batch, got a scalar");
  i64 rest = 1;
  for (int i = 1; i < x.rank(); ++i) rest *= x.dim(i);
  return ag::reshape(x, ag::Shape{x.dim(0), rest});
}

template <class T>
ag::Tensor<T> Unflatten<T>::forward(ag::Tape<T>& /*a view records nothing*/, ag::Tensor<T> x) {
  if (x.rank() != 2 || x.dim(1) != c_ * h_ * w_)
    throw Error(code::invalid_config, describe() + ": expected rows of " + std::to_string(c_ * h_ * w_) + " features, got " + x.shape.str());
  return ag::reshape(x, ag::Shape{x.dim(0), c_, h_, w_});
}

template <class T>
std::string Unflatten<T>::describe() const {
  return "reshape to [" + std::to_string(c_) + ", " + std::to_string(h_) + ", " + std::to_string(w_) + "]";
}

template <class T>
ag::Tensor<T> Upsample<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  if (x.rank() != 4) throw Error(code::invalid_config, describe() + ": expected feature maps [batch, channels, height, width], got " + x.shape.str());
  return ag::upsample_nearest(tape, x, f_);
}

template class Conv2d<float>;
template class Conv2d<double>;
template class Pool2d<float>;
template class Pool2d<double>;
template class Flatten<float>;
template class Flatten<double>;
template class Unflatten<float>;
template class Unflatten<double>;
template class Upsample<float>;
template class Upsample<double>;

}  // namespace lab::nn
