// lab::TrainLab — trains a model (an MLP, or any layer stack: nn/layer_stack.hpp) on a data set (points,
// curves or images) with any optimizer and schedule, one mini-batch per step (batch 1 = SGD … batch =
// the training set = full-batch gradient descent).
//
// Config (lab::Value, snake_case):
//   { dataset: "spiral" | {name, …} | {name: "csv", text, …} | "digits" | {name: "images", …}
//                                                                   (data/read_dataset.hpp)
//     model: {hidden: [64, 64], activation: "tanh" | ["tanh", "relu"], dropout: 0}   an MLP
//          | {layers: [{type: "conv", out: 8, kernel: 3, pad: 1}, "relu", …]}      a layer stack; its
//            input is an example's shape ([C, H, W] for images, [d] otherwise) and its last layer
//            gives the loss's outputs,
//     loss: "cross_entropy" | "bce" | "mse"  (default: cross_entropy for classification, mse for
//           regression; bce for 2 classes with one output: labs/train_loss.hpp),
//     optimizer: {type: "adam", lr: …, schedule: {…}},              (optim/registry.hpp)
//     batch_size: 32 (0 = the whole training set), epochs: 100, seed: 1,
//     threads: 1 (n > 1: convolutions split each batch over n threads, the same bits for any n; 0: all cores),
//     l2: 0 (adds λ·Σθ² to the loss), l1: 0 (adds λ·Σ|θ|), both over every parameter,
//     stop: {target_loss, patience, min_delta},
//     prediction: false | {size, every_ms}                           (labs/prediction_grid.hpp)
//     frames: false | {every_ms, gallery, example}     image sets only (labs/image_frames.hpp)
//     augment: {shift: 0…8, flip: false}   image sets only: training images shifted / mirrored (data/augment.hpp)
//     init_weights: path or bytes (start from saved weights), save_weights: path (written when the run ends) }
// Weights files: nn/checkpoint.hpp.
// Each epoch visits the training set once in an order shuffled by the run's Rng; the last batch of an
// epoch may be smaller.
// Streams:
//   "train"  every step: step, epoch, loss (of the batch, penalties included), lr
//   "epoch"  every epoch (and epoch 0, the untrained model): epoch, step, train_loss, test_loss,
//            train_acc, test_acc, grad_norm, weight_norm, ms_per_step — losses without penalties over the
//            whole set in evaluation mode; accuracies NaN for regression, test values NaN without a test
//            set; grad_norm is the mean over the epoch's steps of ‖∇θ‖ (NaN at epoch 0); ms_per_step is
//            the steps' own compute time (not the pacing between them, nor evaluation).
//   "layer"  member i = the i-th layer with parameters, every epoch: epoch, step, weight_norm, grad_norm
//            (‖θ‖ of the layer's parameters at the epoch end; mean over the epoch's steps of their ‖∇θ‖).
// Notices: {type: "model", layers: [{name, parameters, shapes}], parameters, loss, describe, input,
//   stack: [{describe, output, parameters}] (one per layer of a stack; per linear and activation of an
//   MLP none)} at the start;
//   {type: "train_status", status, step, epoch?, reason?} when the run ends by itself.
// Frames: "prediction" (labs/prediction_grid.hpp); for image sets "examples", "filters", "features",
// "confusion", "evaluation" (labs/image_frames.hpp).
// The run ends as completed (all epochs), reached_target (train loss ≤ target_loss at an epoch end),
// early_stopped (test loss not better by min_delta for `patience` epochs), diverged (a non-finite loss:
// a status, never a crash) or stopped.
// Live updates: {set: {lr: …, beta1: …}} on the optimizer; {probe: {example} | {pixels}} (image sets): a
// "features" frame for that input at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../data/augment.hpp"
#include "../data/dataset.hpp"
#include "../nn/layer_stack.hpp"
#include "../nn/mlp.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "../runtime/rng.hpp"
#include "../runtime/session.hpp"
#include "../runtime/thread_pool.hpp"
#include "image_frames.hpp"
#include "prediction_grid.hpp"
#include "train_loss.hpp"

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
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;

  const data::Dataset& dataset() const { return ds_; }
  // The parameters and buffers now, as a weights file's bytes (nn/checkpoint.hpp): before the first
  // step, the initial weights (what an exported script starts from).
  std::string weights_bytes() const override;
  const std::vector<EpochMetrics>& history() const { return history_; }
  const std::string& status() const { return status_; }
  // Loss and accuracy over rows [from, to) of the data set, in evaluation mode (no dropout).
  EpochMetrics evaluate();
  // confusion[t·K + p]: examples of class t predicted as p, over the test rows (the training rows when
  // there is no test set) at the last evaluation; empty for regression.
  const std::vector<std::int64_t>& confusion() const { return confusion_; }
  // A "features" frame for a probe ({example} or {pixels}) from the current weights, outside a session
  // (a finished run's stored weights loaded with init_weights). INVALID_CONFIG for a bad probe.
  Frame probe(const Value& probe) override;

 private:
  // A group of parameters that share a name prefix ("layers.0.weight", "layers.0.bias" → "layers.0").
  struct LayerSpan {
    std::string name;
    std::size_t begin, end;  // elements [begin, end) of the parameter slab
    double grad_norm_sum = 0;  // Σ over this epoch's steps of the layer's ‖∇θ‖
  };

  double eval_rows(std::size_t from, std::size_t to, double* acc, std::vector<std::int64_t>* confusion);
  ag::Tensor<float> input(const float* rows, std::size_t n) const;  // n examples as the model's input
  void end_epoch(Emitter& em);
  void take_frame(Emitter& em);
  void take_image_frames(Emitter& em);
  void group_layers();

  data::Dataset ds_;
  ag::ParamStore<float> store_;
  std::unique_ptr<nn::Sequential<float>> model_;
  std::vector<std::int64_t> input_shape_;    // one example: [d] or [C, H, W]
  std::vector<nn::LayerShape> stack_;        // a layer stack's shapes (empty for an MLP)
  std::vector<std::int64_t> confusion_;
  std::unique_ptr<optim::Optimizer<float>> opt_;
  std::string opt_type_;
  optim::Schedule schedule_;
  std::unique_ptr<ThreadPool> pool_;  // threads > 1 (declared before the tape that points at it)
  ag::Tape<float> tape_;
  Rng rng_;
  data::Augment augment_;  // training images shifted / mirrored as batches are gathered (off by default)
  std::size_t batch_ = 32;
  std::int64_t epochs_ = 100;
  float l2_ = 0, l1_ = 0;
  TrainLoss loss_ = TrainLoss::cross_entropy;
  std::vector<float> label_targets_;   // the labels as 0/1 floats (bce), n of them
  std::vector<LayerSpan> layers_;
  PredictionGrid prediction_;
  ImageFrames frames_;
  Emitter* em_ = nullptr;  // the session's, from begin(): probes answer through it
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
  std::vector<int> layer_streams_;
  double epoch_compute_ms_ = 0;  // this epoch's steps' own time (no pacing, no evaluation)
  double grad_norm_sum_ = 0;  // Σ over this epoch's steps of ‖∇θ‖
};

}  // namespace lab
