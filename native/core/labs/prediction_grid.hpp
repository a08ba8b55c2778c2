// lab::PredictionGrid — the training lab's "prediction" frames: what the model predicts over the data
// set's view, for the UI to paint the decision boundary (2-D classification) or the fitted curve (1-D
// regression) as the network learns.
//
// Config (train.prediction): false (no frames) | {size, every_ms}; for a data set of more than 2 inputs
// (an image set) there are no frames, and asking for them is an error.
//   size      cells per side (2-D: size × size; default 64) or points along x (1-D; default 256), 2…512
//   every_ms  at least this long between two frames (default 100; 0 = after every step)
// A frame is taken at step 0, after a step when every_ms has passed since the last one, and when the run
// ends by itself (completed, reached_target, early_stopped, diverged). Frames never change the training
// numbers: the model is evaluated without dropout and draws nothing from the run's Rng.
//
// Frame layout (lab::Frame "prediction", float32), on the grid convention of landscape/grid.hpp: column c
// at x = lerp(xmin, xmax, c/(size−1)), row r at y = lerp(ymin, ymax, r/(size−1)), row 0 = ymin (bottom).
//   cross_entropy  shape [size, size, K]  softmax probabilities of each class
//   bce            shape [size, size, 1]  p(class 1) = sigmoid(logit)
//   mse            shape [size]           the predicted y at each x
// meta: {loss, classes, bounds: {xmin, xmax, ymin, ymax}, epoch}.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "../nn/sequential.hpp"
#include "../runtime/session.hpp"
#include "train_loss.hpp"

namespace lab {

class PredictionGrid {
 public:
  PredictionGrid() = default;
  // Reads train.prediction (`v` may be null: the defaults) for data set `ds` and loss `loss`.
  PredictionGrid(const Value* v, const data::Dataset& ds, TrainLoss loss, const std::string& path);

  bool enabled() const { return enabled_; }
  int size() const { return size_; }
  // True when a frame is due now (every_ms has passed since the last one taken).
  bool due(std::chrono::steady_clock::time_point now) const;
  std::int64_t last_step() const { return last_step_; }

  // Evaluates `model` (already in evaluation mode) on the grid, using `tape` as scratch (it is reset).
  Frame take(nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step, std::int64_t epoch);

 private:
  bool enabled_ = false;
  int size_ = 0;
  double every_ms_ = 100;
  TrainLoss loss_ = TrainLoss::cross_entropy;
  int classes_ = 0, d_ = 2;
  data::Bounds bounds_{};
  std::vector<float> inputs_;  // every grid point's input row, built once
  std::chrono::steady_clock::time_point last_;
  std::int64_t last_step_ = -1;
};

}  // namespace lab
