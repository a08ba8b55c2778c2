// lab::nn::Linear — y[B,out] = x[B,in] · W[in,out] + b[out], with W and b in the model's ParamStore as
// "<name>.weight" [in, out] and "<name>.bias" [out]. W is drawn at construction (init.hpp), b is 0.
#pragma once

#include <cstdint>
#include <string>

#include "../autograd/param_store.hpp"
#include "init.hpp"
#include "module.hpp"

namespace lab::nn {

template <class T>
class Linear final : public Module<T> {
 public:
  Linear(ag::ParamStore<T>& store, const std::string& name, std::int64_t in, std::int64_t out, Init init, Rng& rng);

  // x [B,in] → [B,out]. An input of another width throws INVALID_CONFIG naming the layer.
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  std::string describe() const override;

  ag::Tensor<T> weight() { return store_->view(weight_); }
  ag::Tensor<T> bias() { return store_->view(bias_); }
  std::int64_t in() const { return in_; }
  std::int64_t out() const { return out_; }

 private:
  ag::ParamStore<T>* store_;
  std::string name_;
  typename ag::ParamStore<T>::Id weight_, bias_;
  std::int64_t in_, out_;
};

}  // namespace lab::nn
