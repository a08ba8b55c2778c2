// lab::PredictionGrid: reading its config, and evaluating the model over the grid (see prediction_grid.hpp).
#include "prediction_grid.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"

namespace lab {

namespace {
constexpr std::int64_t kChunk = 1024;  // grid points per forward pass

double lerp(double a, double b, int i, int n) { return i == n - 1 ? b : a + (b - a) * i / (n - 1); }
}  // namespace

PredictionGrid::PredictionGrid(const Value* v, const data::Dataset& ds, TrainLoss loss, const std::string& path)
    : loss_(loss), classes_(ds.classes), d_(ds.d), bounds_(ds.view) {
  if (ds.d > 2) {  // an image set: nothing to paint over a plane; frames only when not asked for
    if (v == nullptr || v->is_null() || (v->kind() == Value::Kind::Bool && !v->as_bool())) return;
    throw Error(code::invalid_config, path + ": prediction frames are drawn for 2-D points and 1-D curves; this data set has " +
                                          std::to_string(ds.d) + " inputs per example, so leave prediction out or set it to false");
  }
  if (v != nullptr && v->kind() == Value::Kind::Bool) {
    if (!v->as_bool()) return;
    v = nullptr;
  }
  const int default_size = d_ == 1 ? 256 : 64;
  size_ = default_size;
  if (v != nullptr && !v->is_null()) {
    if (v->kind() != Value::Kind::Object)
      throw Error(code::invalid_config, path + ": expected false or {size, every_ms, view}, got " + v->describe());
    Reader r(*v, path);
    r.only({"size", "every_ms", "view"});
    size_ = static_cast<int>(r.number("size", default_size, Range{2, 512, false, false, true}));
    every_ms_ = r.number("every_ms", 100, Range::non_negative());
    // the area the grid covers, when the plot shows more than the data's own view (drawn points sit
    // in a fixed square: the boundary must paint all of it)
    if (const Value* view = r.get("view"); view != nullptr && !view->is_null()) {
      const Reader b(*view, path + ".view");
      b.only({"xmin", "xmax", "ymin", "ymax"});
      const Range finite = Range::any();
      data::Bounds w{b.number("xmin", finite), b.number("xmax", finite), b.number("ymin", finite), b.number("ymax", finite)};
      if (!(w.xmin < w.xmax)) b.fail("xmax", *b.get("xmax"), "a number > xmin (" + format_number(w.xmin) + ")");
      if (!(w.ymin < w.ymax)) b.fail("ymax", *b.get("ymax"), "a number > ymin (" + format_number(w.ymin) + ")");
      bounds_ = w;
    }
  }
  enabled_ = true;
  const int n = d_ == 1 ? size_ : size_ * size_;
  inputs_.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(d_));
  if (d_ == 1) {
    for (int c = 0; c < size_; ++c) inputs_[static_cast<std::size_t>(c)] = static_cast<float>(lerp(bounds_.xmin, bounds_.xmax, c, size_));
  } else {
    for (int r = 0; r < size_; ++r)
      for (int c = 0; c < size_; ++c) {
        const auto i = static_cast<std::size_t>(r * size_ + c) * 2;
        inputs_[i] = static_cast<float>(lerp(bounds_.xmin, bounds_.xmax, c, size_));
        inputs_[i + 1] = static_cast<float>(lerp(bounds_.ymin, bounds_.ymax, r, size_));
      }
  }
}

bool PredictionGrid::due(std::chrono::steady_clock::time_point now) const {
  return enabled_ && (last_step_ < 0 || std::chrono::duration<double, std::milli>(now - last_).count() >= every_ms_);
}

Frame PredictionGrid::take(nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step, std::int64_t epoch) {
  const std::int64_t n = static_cast<std::int64_t>(inputs_.size()) / d_;
  const std::int64_t per = loss_ == TrainLoss::cross_entropy ? classes_ : 1;
  Frame f;
  f.name = "prediction";
  f.step = step;
  f.shape = d_ == 1 ? std::vector<std::int64_t>{size_} : std::vector<std::int64_t>{size_, size_, per};
  f.data.resize(static_cast<std::size_t>(n * per));
  for (std::int64_t b = 0; b < n; b += kChunk) {
    const std::int64_t m = std::min(kChunk, n - b);
    tape.reset();
    auto out = model.forward(tape, ag::constant(inputs_.data() + b * d_, {m, d_}));
    float* dst = f.data.data() + b * per;
    for (std::int64_t i = 0; i < m; ++i) {
      const float* z = out.value + i * per;
      float* p = dst + i * per;
      if (loss_ == TrainLoss::mse) {
        p[0] = z[0];
      } else if (loss_ == TrainLoss::bce) {
        p[0] = ag::sigmoid_of(z[0]);
      } else {  // softmax, shifted by the row's max
        const float top = *std::max_element(z, z + per);
        float sum = 0;
        for (std::int64_t k = 0; k < per; ++k) sum += p[k] = std::exp(z[k] - top);
        for (std::int64_t k = 0; k < per; ++k) p[k] /= sum;
      }
    }
  }
  f.meta = Value(Value::Object{{"loss", loss_name(loss_)},
                               {"classes", static_cast<double>(classes_)},
                               {"epoch", static_cast<double>(epoch)},
                               {"bounds", Value(Value::Object{{"xmin", bounds_.xmin}, {"xmax", bounds_.xmax},
                                                              {"ymin", bounds_.ymin}, {"ymax", bounds_.ymax}})}});
  last_ = std::chrono::steady_clock::now();
  last_step_ = step;
  return f;
}

}  // namespace lab
