// lab::ImageFrames — the training lab's pictures for image sets (the CNN lab): what the network's
// filters look like, what one example looks like after every layer, and how it does on the test set.
//
// Config (train.frames): false (none) | {every_ms: 250, gallery: 500, example: 0}; on for image sets
// unless false, refused for other data sets.
//   every_ms  at least this long between two "filters"/"features" frames while training (0 = every step)
//   gallery   how many test images (the first ones) the "examples" and "evaluation" frames cover (0–2000)
//   example   the test image whose feature maps are shown until a probe says otherwise
// Frames (float32; meta says how to cut them):
//   "examples"    once, at the start: [G, C, H, W] the gallery's pixels in [0, 1]; meta {labels: [G], classes}
//   "filters"     every conv layer's weights one after another; meta {layers: [{index, name, shape: [O, C, k, k],
//                 offset, bias: [O]}]} (offset into data)
//   "features"    one input through the network: the input [C, H, W], then each layer's output for it,
//                 one after another; meta {source: "example" | "drawn", example?, label?, probs: [K],
//                 layers: [{index, describe, shape, offset}]} (index −1: the input)
//   "confusion"   every epoch: [K, K], confusion[true][predicted] over the test set (training set without one)
//   "evaluation"  every epoch: [G, 3] for each gallery image: predicted class, its probability, the
//                 probability of the true class; meta {epoch}
// Live probe (update {probe: {example: i}} or {probe: {pixels: [C·H·W numbers in [0, 1]]}}): a
// "features" frame for that test image or drawn picture at once, from the current weights (paused too).
// Frames never change the training numbers: evaluation mode, no draw from the run's Rng.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "../autograd/param_store.hpp"
#include "../autograd/tape.hpp"
#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "../nn/sequential.hpp"
#include "../runtime/session.hpp"

namespace lab {

class ImageFrames {
 public:
  ImageFrames() = default;
  // Reads train.frames (`v` may be null: the defaults) for data set `ds` and a model whose input is one
  // example of shape `input` ([C, H, W] for a layer stack, [C·H·W] for an MLP).
  ImageFrames(const Value* v, const data::Dataset& ds, std::vector<std::int64_t> input, const std::string& path);

  bool enabled() const { return enabled_; }
  bool due(std::chrono::steady_clock::time_point now) const;

  // Checks a probe ({example} or {pixels}) for this data set; throws INVALID_CONFIG naming `path`.
  void check_probe(const Value& probe, const std::string& path) const;
  // Makes `probe` the input of the next "features" frames.
  void set_probe(const Value& probe);

  // `ds` is the data set the frames were made for. The model must be in evaluation mode; `tape` is
  // scratch (it is reset).
  Frame examples(const data::Dataset& ds) const;
  Frame filters(const ag::ParamStore<float>& store, std::int64_t step);
  Frame features(const data::Dataset& ds, nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step);
  Frame confusion(const std::vector<std::int64_t>& matrix, std::int64_t step, std::int64_t epoch) const;
  Frame evaluation(const data::Dataset& ds, nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step,
                   std::int64_t epoch) const;

 private:
  ag::Tensor<float> input(const float* rows, std::int64_t n) const;
  std::size_t gallery_rows(const data::Dataset& ds) const;

  bool enabled_ = false;
  double every_ms_ = 250;
  std::size_t gallery_ = 500;
  std::int64_t c_ = 0, h_ = 0, w_ = 0, classes_ = 0;
  std::vector<std::int64_t> input_;  // the model's input shape for one example
  std::size_t rows_ = 0;  // test images (training images when there is no test set)
  std::int64_t example_ = 0;          // a test row (0-based within the test set), or −1: the drawn picture
  std::vector<float> drawn_;          // the drawn picture, C·H·W values in [0, 1]
  std::chrono::steady_clock::time_point last_;
};

}  // namespace lab
