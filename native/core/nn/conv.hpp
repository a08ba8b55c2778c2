// The layers of a convolutional network, for a Sequential: Conv2d, Pool2d (max or average) and Flatten.
//   Conv2d     x [N,C,H,W] → [N,O,H_o,W_o]; "<name>.weight" [O,C,k,k] and "<name>.bias" [O] in the
//              model's ParamStore; the weights drawn at construction (init.hpp, fans C·k² and O·k²),
//              the bias 0. Square kernels, zero padding (ops/conv2d.hpp).
//   Pool2d     x [N,C,H,W] → [N,C,H_o,W_o], the max or the mean of k×k windows, stride k unless given
//              (ops/pool2d.hpp); MaxPool2d is its max form.
//   Flatten    x [N,…] → [N, rest]: feature maps as rows for a Linear layer (a view, no copy).
//   Unflatten  x [N, C·H·W] → [N,C,H,W]: rows as feature maps, Flatten's inverse (a decoder's first
//              linear layer feeding convolutions; a view, no copy).
//   Upsample   x [N,C,H,W] → [N,C,f·H,f·W], each value repeated over an f×f block (ops/upsample.hpp).
// A layer given an input of the wrong shape throws INVALID_CONFIG naming the layer and both shapes.
#pragma once

#include <cstdint>
#include <string>

#include "../autograd/param_store.hpp"
#include "init.hpp"
#include "module.hpp"

namespace lab::nn {

struct Conv2dSpec {
  std::int64_t in_channels = 1, out_channels = 1, kernel = 3, stride = 1, padding = 0;
};

template <class T>
class Conv2d final : public Module<T> {
 public:
  // Throws INVALID_CONFIG naming `name` for channels, kernel or stride < 1 or padding < 0.
  Conv2d(ag::ParamStore<T>& store, const std::string& name, Conv2dSpec spec, Init init, Rng& rng);
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override;  // "conv 1→8 3×3 stride 1 pad 1"

  ag::Tensor<T> weight() { return store_->view(weight_); }
  ag::Tensor<T> bias() { return store_->view(bias_); }
  const Conv2dSpec& spec() const { return spec_; }

 private:
  ag::ParamStore<T>* store_;
  std::string name_;
  Conv2dSpec spec_;
  typename ag::ParamStore<T>::Id weight_, bias_;
};

enum class PoolKind { max, avg };

template <class T>
class Pool2d : public Module<T> {
 public:
  // stride 0 means stride = kernel. Throws INVALID_CONFIG naming `name` for kernel < 1 or stride < 0.
  Pool2d(PoolKind kind, std::int64_t kernel, std::int64_t stride = 0, const std::string& name = "pool");
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override;  // "max-pool 2×2 stride 2", "avg-pool 2×2 stride 2"
  bool takes_relu() const override { return kind_ == PoolKind::max; }
  ag::Tensor<T> forward_after_relu(ag::Tape<T>& tape, ag::Tensor<T> x) override;  // relu_max_pool2d

 private:
  // INVALID_CONFIG naming the layer unless x is [batch, channels, height, width] with room for a window
  void check_input(const ag::Tensor<T>& x) const;
  PoolKind kind_;
  std::int64_t kernel_, stride_;
  std::string name_;
};

template <class T>
class MaxPool2d final : public Pool2d<T> {
 public:
  MaxPool2d(std::int64_t kernel, std::int64_t stride = 0, const std::string& name = "max_pool")
      : Pool2d<T>(PoolKind::max, kernel, stride, name) {}
};

template <class T>
class Flatten final : public Module<T> {
 public:
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override { return "flatten"; }
};

template <class T>
class Unflatten final : public Module<T> {
 public:
  Unflatten(std::int64_t channels, std::int64_t height, std::int64_t width) : c_(channels), h_(height), w_(width) {}
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override;  // "reshape to [32, 7, 7]"

 private:
  std::int64_t c_, h_, w_;
};

template <class T>
class Upsample final : public Module<T> {
 public:
  explicit Upsample(std::int64_t factor) : f_(factor) {}
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override { return "upsample ×" + std::to_string(f_); }

 private:
  std::int64_t f_;
};

}  // namespace lab::nn
