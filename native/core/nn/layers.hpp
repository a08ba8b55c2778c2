// Parameter-free layers for a Sequential: an activation, and inverted dropout with its own seeded
// lab::Rng (active in training mode only).
#pragma once

#include <cstdint>
#include <string>

#include "../runtime/rng.hpp"
#include "activation.hpp"
#include "module.hpp"

namespace lab::nn {

template <class T>
class ActivationLayer final : public Module<T> {
 public:
  explicit ActivationLayer(Activation a, double alpha = 0.01) : act_(a), alpha_(alpha) {}
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override;
  Activation activation() const { return act_; }
  bool is_relu() const override { return act_ == Activation::relu; }

 private:
  Activation act_;
  double alpha_;  // leaky-relu slope
};

template <class T>
class Dropout final : public Module<T> {
 public:
  // p in [0, 1) (INVALID_CONFIG otherwise, naming `path`); seed: of this layer's mask generator.
  Dropout(double p, std::uint64_t seed, const std::string& path = "dropout");
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  void set_training(bool training) override { training_ = training; }
  std::string describe() const override;
  double p() const { return p_; }

 private:
  double p_;
  Rng rng_;
  bool training_ = true;
};

}  // namespace lab::nn
