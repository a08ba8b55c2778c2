// lab::nn::BatchNorm — batch normalisation of a conv layer's channels ([N,C,H,W]) or of flat features
// ([N,C]), as PyTorch's BatchNorm2d / BatchNorm1d define it (Ioffe & Szegedy, 2015).
//   parameters  "<name>.weight" γ [C] (starts at 1) and "<name>.bias" β [C] (starts at 0), trained;
//   buffers     "<name>.running_mean" [C] (starts at 0) and "<name>.running_var" [C] (starts at 1),
//               not trained: each training step moves them toward the batch's statistics,
//               r ← (1 − momentum)·r + momentum·batch (the variance unbiased), and evaluation uses them.
// Training mode normalises by the batch's own mean and (biased) variance. A training batch with one
// value per channel cannot be normalised meaningfully: its output is β and the running statistics are
// left as they were (PyTorch refuses such a batch; the trainer keeps going instead).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../autograd/param_store.hpp"
#include "module.hpp"

namespace lab::nn {

template <class T>
class BatchNorm final : public Module<T> {
 public:
  // Throws INVALID_CONFIG naming `name` for channels < 1, momentum outside [0, 1] or eps ≤ 0.
  BatchNorm(ag::ParamStore<T>& store, const std::string& name, std::int64_t channels, double momentum = 0.1,
            double eps = 1e-5);
  // x [N,C] or [N,C,H,W] → the same shape. Another channel count throws INVALID_CONFIG naming the layer.
  ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) override;
  void set_training(bool training) override { training_ = training; }
  std::string describe() const override;  // "batch norm 8"

  const T* running_mean() const { return store_->buffer(mean_); }
  const T* running_var() const { return store_->buffer(var_); }

 private:
  ag::ParamStore<T>* store_;
  std::string name_;
  std::int64_t channels_;
  double momentum_, eps_;
  typename ag::ParamStore<T>::Id weight_, bias_, mean_, var_;
  std::vector<T> batch_mean_, batch_var_;  // one step's statistics, before they join the running ones
  bool training_ = true;
};

}  // namespace lab::nn
