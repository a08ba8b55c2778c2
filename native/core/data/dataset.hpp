// lab::data::Dataset — a small in-memory data set for the training lab: n samples of d float32 inputs
// (2 for the 2-D classification sets, 1 for the 1-D regression sets) with int32 class labels or float32
// targets, already split into a training part and a test part.
//
// The rows are stored train-first: rows [0, n_train) are the training set, rows [n_train, n) the test
// set, so the trainer reads both as contiguous arrays (train_x(), test_labels(), …) and shuffles its own
// index order per epoch. Where the numbers come from: generators.hpp (seeded synthetic sets), csv.hpp
// (user files); the split: split.hpp; choosing by config: read_dataset.hpp.
//
// Not here: batching, shuffling per epoch, normalisation — those belong to the trainer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lab::data {

enum class Kind { classification, regression };

const char* kind_name(Kind k);  // "classification", "regression"

// A view rectangle for the UI, in input units: x is the first input; y is the second input
// (classification) or the target (regression).
struct Bounds {
  double xmin, xmax, ymin, ymax;
};

struct Dataset {
  std::string name;                   // "spiral", "sine", "csv"
  Kind kind = Kind::classification;
  int d = 2;                          // inputs per sample: 2 (classification), 1 (regression)
  int classes = 0;                    // K: labels lie in [0, K); 0 for regression
  std::vector<float> x;               // n×d, row-major
  std::vector<std::int32_t> labels;   // n labels (classification), empty otherwise
  std::vector<float> y;               // n×1 targets (regression), empty otherwise
  std::size_t n_train = 0;            // rows [0, n_train) train, [n_train, n) test
  Bounds view{-1, 1, -1, 1};          // what the UI shows: holds every point with a margin
  // An image set (digits, images): d = image_channels·image_rows·image_cols, each row one image as
  // channel planes; 0 for the point and curve sets.
  int image_channels = 0, image_rows = 0, image_cols = 0;
  bool is_images() const { return image_channels > 0; }

  std::size_t width() const { return d > 0 ? static_cast<std::size_t>(d) : 1; }  // d as a row stride
  std::size_t size() const { return x.size() / width(); }
  std::size_t n_test() const { return size() - n_train; }

  std::span<const float> train_x() const { return std::span<const float>(x).first(n_train * width()); }
  std::span<const float> test_x() const { return std::span<const float>(x).subspan(n_train * width()); }
  std::span<const std::int32_t> train_labels() const {
    return std::span<const std::int32_t>(labels).first(labels.empty() ? 0 : n_train);
  }
  std::span<const std::int32_t> test_labels() const {
    return std::span<const std::int32_t>(labels).subspan(labels.empty() ? 0 : n_train);
  }
  std::span<const float> train_y() const { return std::span<const float>(y).first(y.empty() ? 0 : n_train); }
  std::span<const float> test_y() const { return std::span<const float>(y).subspan(y.empty() ? 0 : n_train); }
};

// Samples per class for a balanced set of n samples in K classes: n / K each, and the n % K left over
// go one each to classes 0, 1, … (n = 10, K = 3 ⇒ 4, 3, 3).
std::size_t class_count(std::size_t n, int classes, int c);

// Number of samples of each class (classification), in label order.
std::vector<std::size_t> class_counts(const Dataset& ds);

// The bounding box of the points of `ds` (both inputs, or input and target for regression) with a margin
// of 5% of its span on each side (0.5 where the span is 0). The view of a CSV file.
Bounds data_bounds(const Dataset& ds);

// `def` widened to hold data_bounds(ds): the view of a generated set (noise can throw points out of
// the generator's default view). An empty set keeps `def`.
Bounds fit_view(Bounds def, const Dataset& ds);

}  // namespace lab::data
