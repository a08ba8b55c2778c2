// lab::TrainLab — trains an MLP on a data set with any optimizer and schedule, one mini-batch per step
// (batch 1 = SGD … batch = the training set = full-batch gradient descent).
//
// Config (lab::Value, snake_case):
//   { dataset: "spiral" | {name, …} | {name: "csv", text, …},     (data/read_dataset.hpp)
//     model: {hidden: [64, 64], activation: "tanh" | ["tanh", "relu"], dropout: 0},
//     optimizer: {type: "adam", lr: …, schedule: {…}},              (optim/registry.hpp)
//     batch_size: 32 (0 = the whole training set), epochs: 100, seed: 1, l2: 0,
//     stop: {target_loss, patience, min_delta},
//     init_weights: path (start from saved weights), save_weights: path (written when the run ends) }
// Weights files: nn/checkpoint.hpp.
// Loss: softmax cross-entropy for classification, mean squared error for regression.
// Each epoch visits the training set once in an order shuffled by the run's Rng; the last batch of an
// epoch may be smaller.
// Streams: "train" (every step: step, epoch, loss, lr) and "epoch" (every epoch: epoch, step,
// train_loss, test_loss, train_acc, test_acc, grad_norm, weight_norm, ms_per_step; accuracies NaN for
// regression, test values NaN without a test set). The run ends as completed (all epochs),
// reached_target (train loss ≤ target_loss at an epoch end), early_stopped (test loss not better by
// min_delta for `patience` epochs), diverged (a non-finite loss: a status, never a crash) or stopped.
// Live updates: {set: {lr: …, beta1: …}} on the optimizer.
// Not yet: the prediction grid for the decision boundary, per-layer norms.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../data/dataset.hpp"
#include "../nn/mlp.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "../runtime/rng.hpp"
#include "../runtime/session.hpp"

namespace lab {

struct TrainStop {
  bool has_target = false;
  double target_loss = 0;
  int patience = 0;  // 0 = no early stopping
  double min_delta = 0;
};

struct EpochMetrics {
  double train_loss, test_loss, train_acc, test_acc;
};

class TrainLab : public Lab {
 public:
  explicit TrainLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return step_; }
  Value summary(const std::string& status, double elapsed_ms) const override;

  const data::Dataset& dataset() const { return ds_; }
  const std::vector<EpochMetrics>& history() const { return history_; }
  const std::string& status() const { return status_; }
  // Loss and accuracy over rows [from, to) of the data set, in evaluation mode (no dropout).
  EpochMetrics evaluate();

 private:
  double eval_rows(std::size_t from, std::size_t to, double* acc);
  void end_epoch(Emitter& em);

  data::Dataset ds_;
  ag::ParamStore<float> store_;
  std::unique_ptr<nn::Sequential<float>> model_;
  std::unique_ptr<optim::Optimizer<float>> opt_;
  std::string opt_type_;
  optim::Schedule schedule_;
  ag::Tape<float> tape_;
  Rng rng_;
  std::size_t batch_ = 32;
  std::int64_t epochs_ = 100;
  float l2_ = 0;
  TrainStop stop_;
  std::string save_path_;

  std::vector<std::uint32_t> order_;   // this epoch's visiting order of training rows
  std::size_t cursor_ = 0;             // next position in order_
  std::vector<float> bx_, by_;         // the current batch's inputs and regression targets
  std::vector<std::int32_t> blabels_;  // …and labels
  std::int64_t step_ = 0, epoch_ = 0;
  double epoch_loss_sum_ = 0;
  std::int64_t epoch_batches_ = 0;
  std::vector<EpochMetrics> history_;
  double best_test_ = 1e300;
  int since_best_ = 0;
  std::string status_ = "running";
  int train_stream_ = -1, epoch_stream_ = -1;
  std::chrono::steady_clock::time_point epoch_t0_;
  double last_grad_norm_ = 0;
};

}  // namespace lab
