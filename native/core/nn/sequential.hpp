// lab::nn::Sequential — modules applied in order; itself a Module, so stacks nest.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "module.hpp"

namespace lab::nn {

template <class T>
class Sequential final : public Module<T> {
 public:
  // Appends a module built in place; returns it.
  template <class M, class... Args>
  M& emplace(Args&&... args) {
    auto m = std::make_unique<M>(std::forward<Args>(args)...);
    M& ref = *m;
    layers_.push_back(std::move(m));
    return ref;
  }
  void add(std::unique_ptr<Module<T>> m) { layers_.push_back(std::move(m)); }

  // A relu followed by a module that takes it (max-pooling) runs as one fused op: one pass less over
  // the feature maps, the same bits. Each layer alone (layer(i).forward) is unfused.
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      if (i + 1 < layers_.size() && layers_[i]->is_relu() && layers_[i + 1]->takes_relu()) {
        x = layers_[i + 1]->forward_after_relu(tape, x);
        ++i;
      } else {
        x = layers_[i]->forward(tape, x);
      }
    }
    return x;
  }
  void set_training(bool training) override {
    for (auto& layer : layers_) layer->set_training(training);
  }
  void train() { set_training(true); }
  void eval() { set_training(false); }

  std::string describe() const override {  // "linear 2→8, tanh, linear 8→2"
    std::string s;
    for (const auto& layer : layers_) s += (s.empty() ? "" : ", ") + layer->describe();
    return s;
  }
  std::size_t size() const { return layers_.size(); }
  Module<T>& layer(std::size_t i) { return *layers_[i]; }  // i < size()

 private:
  std::vector<std::unique_ptr<Module<T>>> layers_;
};

}  // namespace lab::nn
