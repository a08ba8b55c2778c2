// The CNN lab's frames: examples, filters, feature maps, confusion, evaluation (see image_frames.hpp).
#include "image_frames.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"

namespace lab {

namespace {

using i64 = std::int64_t;

Value shape_value(const ag::Shape& s, int from = 0) {
  Value::Array dims;
  for (int i = from; i < s.rank; ++i) dims.emplace_back(static_cast<double>(s.dim[i]));
  return Value(std::move(dims));
}

// Softmax of one row of K logits (one logit: the sigmoid, as [1 − p, p]).
std::vector<float> probabilities(const float* z, i64 k) {
  if (k == 1) {
    const float p = 1.0f / (1.0f + std::exp(-z[0]));
    return {1 - p, p};
  }
  const float top = *std::max_element(z, z + k);
  std::vector<float> p(static_cast<std::size_t>(k));
  float sum = 0;
  for (i64 i = 0; i < k; ++i) sum += p[static_cast<std::size_t>(i)] = std::exp(z[i] - top);
  for (auto& v : p) v /= sum;
  return p;
}

}  // namespace

ImageFrames::ImageFrames(const Value* v, const data::Dataset& ds, std::vector<std::int64_t> input, const std::string& path)
    : input_(std::move(input)) {
  const bool off = v != nullptr && v->kind() == Value::Kind::Bool && !v->as_bool();
  if (!ds.is_images()) {
    if (v == nullptr || v->is_null() || off) return;
    throw Error(code::invalid_config, path + ": image frames (filters, feature maps) are for image sets; this data set is " +
                                          ds.name + ", so leave frames out or set it to false");
  }
  if (off) return;
  c_ = ds.image_channels, h_ = ds.image_rows, w_ = ds.image_cols, classes_ = ds.classes;
  rows_ = ds.n_test() > 0 ? ds.n_test() : ds.n_train;
  if (v != nullptr && !v->is_null() && !(v->kind() == Value::Kind::Bool)) {
    Reader r(*v, path);
    r.only({"every_ms", "gallery", "example"});
    every_ms_ = r.number("every_ms", 250, Range::non_negative());
    gallery_ = static_cast<std::size_t>(r.number("gallery", 500, Range{0, 2000, false, false, true}));
    example_ = static_cast<i64>(r.number("example", 0, Range{0, 1e9, false, false, true}));
    if (static_cast<std::size_t>(example_) >= rows_)
      r.fail("example", *r.get("example"), "a test image index below " + std::to_string(rows_));
  }
  enabled_ = true;
}

bool ImageFrames::due(std::chrono::steady_clock::time_point now) const {
  return enabled_ && std::chrono::duration<double, std::milli>(now - last_).count() >= every_ms_;
}

void ImageFrames::check_probe(const Value& probe, const std::string& path) const {
  if (!enabled_) throw Error(code::invalid_config, path + ": this run has no image frames to probe");
  Reader r(probe, path);
  r.only({"example", "pixels"});
  const Value* ex = r.get("example");
  const Value* px = r.get("pixels");
  if ((ex == nullptr) == (px == nullptr)) throw Error(code::invalid_config, path + ": expected {example: i} or {pixels: […]}");
  if (ex != nullptr) {
    check_number(r.field_path("example"), *ex, Range{0, static_cast<double>(rows_ - 1), false, false, true});
    return;
  }
  const std::size_t want = static_cast<std::size_t>(c_ * h_ * w_);
  if (px->kind() != Value::Kind::Array || px->as_array().size() != want)
    r.fail("pixels", *px, "an array of " + std::to_string(want) + " numbers (channels × rows × cols) in [0, 1]");
  for (std::size_t i = 0; i < want; ++i)
    check_number(r.field_path("pixels") + "[" + std::to_string(i) + "]", px->as_array()[i], Range{0, 1});
}

void ImageFrames::set_probe(const Value& probe) {
  if (const Value* ex = probe.find("example")) {
    example_ = static_cast<i64>(ex->as_number());
    drawn_.clear();
  } else if (const Value* px = probe.find("pixels")) {
    drawn_.clear();
    for (const auto& p : px->as_array()) drawn_.push_back(static_cast<float>(p.as_number()));
    example_ = -1;
  }
}

ag::Tensor<float> ImageFrames::input(const float* rows, i64 n) const {
  const ag::Shape shape = input_.size() == 3 ? ag::Shape{n, input_[0], input_[1], input_[2]} : ag::Shape{n, c_ * h_ * w_};
  return ag::constant(const_cast<float*>(rows), shape);
}

std::size_t ImageFrames::gallery_rows(const data::Dataset& ds) const {
  const std::size_t rows = ds.n_test() > 0 ? ds.n_test() : ds.n_train;
  return std::min(rows, gallery_);
}

Frame ImageFrames::examples(const data::Dataset& ds) const {
  const std::size_t g = gallery_rows(ds), per = static_cast<std::size_t>(ds.d);
  const std::size_t first = ds.n_test() > 0 ? ds.n_train : 0;
  Frame f;
  f.name = "examples";
  f.shape = {static_cast<i64>(g), c_, h_, w_};
  f.data.assign(ds.x.begin() + static_cast<std::ptrdiff_t>(first * per), ds.x.begin() + static_cast<std::ptrdiff_t>((first + g) * per));
  Value::Array labels;
  for (std::size_t i = 0; i < g; ++i) labels.emplace_back(static_cast<double>(ds.labels[first + i]));
  f.meta = Value(Value::Object{{"labels", Value(std::move(labels))}, {"classes", static_cast<double>(classes_)},
                               {"set", ds.n_test() > 0 ? "test" : "train"}});
  return f;
}

Frame ImageFrames::filters(const ag::ParamStore<float>& store, std::int64_t step) {
  last_ = std::chrono::steady_clock::now();
  Frame f;
  f.name = "filters";
  f.step = step;
  Value::Array layers;
  for (const auto& e : store.entries()) {
    if (e.shape.rank != 4) continue;  // conv weights [O, C, k, k]
    const std::string name = e.name.substr(0, e.name.rfind('.'));
    const i64 index = name.rfind("layers.", 0) == 0 ? std::stoll(name.substr(7)) : -1;
    Value::Array bias;
    if (const auto b = store.find(name + ".bias"))
      for (std::int64_t k = 0; k < store.entries()[*b].numel; ++k) bias.emplace_back(static_cast<double>(store.values()[store.entries()[*b].offset + k]));
    layers.emplace_back(Value::Object{{"index", static_cast<double>(index)}, {"name", name}, {"shape", shape_value(e.shape)},
                                      {"offset", static_cast<double>(f.data.size())}, {"bias", Value(std::move(bias))}});
    f.data.insert(f.data.end(), store.values() + e.offset, store.values() + e.offset + e.numel);
  }
  f.shape = {static_cast<i64>(f.data.size())};
  f.meta = Value(Value::Object{{"layers", Value(std::move(layers))}});
  return f;
}

Frame ImageFrames::features(const data::Dataset& ds, nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step) {
  last_ = std::chrono::steady_clock::now();
  const std::size_t per = static_cast<std::size_t>(ds.d);
  const std::size_t first = ds.n_test() > 0 ? ds.n_train : 0;
  const bool drawn = example_ < 0;
  const float* px = drawn ? drawn_.data() : ds.x.data() + (first + static_cast<std::size_t>(example_)) * per;
  const std::vector<float> in(px, px + per);  // a copy: f.data grows while the layers run
  Frame f;
  f.name = "features";
  f.step = step;
  f.data = in;
  Value::Array layers;
  layers.emplace_back(Value::Object{{"index", -1.0}, {"describe", "input"}, {"shape", Value(Value::Array{static_cast<double>(c_), static_cast<double>(h_), static_cast<double>(w_)})},
                                    {"offset", 0.0}});
  tape.reset();
  ag::Tensor<float> x = input(in.data(), 1);
  for (std::size_t i = 0; i < model.size(); ++i) {
    x = model.layer(i).forward(tape, x);
    layers.emplace_back(Value::Object{{"index", static_cast<double>(i)}, {"describe", model.layer(i).describe()},
                                      {"shape", shape_value(x.shape, 1)}, {"offset", static_cast<double>(f.data.size())}});
    f.data.insert(f.data.end(), x.value, x.value + x.numel());
  }
  Value::Array probs;
  for (float p : probabilities(x.value, x.numel())) probs.emplace_back(static_cast<double>(p));
  Value::Object meta{{"source", drawn ? "drawn" : "example"}, {"layers", Value(std::move(layers))}, {"probs", Value(std::move(probs))}};
  if (!drawn) {
    meta["example"] = static_cast<double>(example_);
    meta["label"] = static_cast<double>(ds.labels[first + static_cast<std::size_t>(example_)]);
  }
  f.shape = {static_cast<i64>(f.data.size())};
  f.meta = Value(std::move(meta));
  return f;
}

Frame ImageFrames::confusion(const std::vector<std::int64_t>& matrix, std::int64_t step, std::int64_t epoch) const {
  Frame f;
  f.name = "confusion";
  f.step = step;
  f.shape = {classes_, classes_};
  for (auto v : matrix) f.data.push_back(static_cast<float>(v));
  f.meta = Value(Value::Object{{"epoch", static_cast<double>(epoch)}});
  return f;
}

Frame ImageFrames::evaluation(const data::Dataset& ds, nn::Sequential<float>& model, ag::Tape<float>& tape, std::int64_t step,
                              std::int64_t epoch) const {
  const std::size_t g = gallery_rows(ds), per = static_cast<std::size_t>(ds.d);
  const std::size_t first = ds.n_test() > 0 ? ds.n_train : 0;
  Frame f;
  f.name = "evaluation";
  f.step = step;
  f.shape = {static_cast<i64>(g), 3};
  f.data.reserve(g * 3);
  constexpr std::size_t kChunk = 256;
  for (std::size_t b = 0; b < g; b += kChunk) {
    const std::size_t n = std::min(kChunk, g - b);
    tape.reset();
    auto out = model.forward(tape, input(ds.x.data() + (first + b) * per, static_cast<i64>(n)));
    const i64 k = out.numel() / static_cast<i64>(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto p = probabilities(out.value + static_cast<i64>(i) * k, k);
      const auto best = static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
      f.data.push_back(static_cast<float>(best));
      f.data.push_back(p[best]);
      f.data.push_back(p[static_cast<std::size_t>(ds.labels[first + b + i])]);
    }
  }
  f.meta = Value(Value::Object{{"epoch", static_cast<double>(epoch)}});
  return f;
}

}  // namespace lab
