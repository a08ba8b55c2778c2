// lab::TrainLab's choices and outputs beyond the loss curve: the loss (bce on one logit), the L1/L2
// penalties, the per-layer norms and the throttled "prediction" frames — each checked against numbers
// recomputed here from saved weights or from the data set.
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "check.hpp"
#include "labs/train.hpp"
#include "train_run.hpp"

using namespace lab;

namespace {

Value xor_bce(Value::Object extra = {}) {
  Value::Object o{{"dataset", obj({{"name", "xor"}, {"n", 200.0}, {"noise", 0.05}, {"seed", 3.0}})},
                  {"model", obj({{"hidden", arr({8.0})}, {"activation", "tanh"}})},
                  {"loss", "bce"},
                  {"optimizer", obj({{"type", "adam"}, {"lr", 0.05}})},
                  {"batch_size", 32.0},
                  {"epochs", 150.0}};
  for (auto& [k, v] : extra) o[k] = v;
  return obj(std::move(o));
}

// The float32 values of a weights file: its last `n` × 4 bytes (nn/checkpoint.hpp).
std::vector<float> weights_of(const std::string& path, std::size_t n) {
  std::ifstream f(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<float> w(n);
  std::memcpy(w.data(), bytes.data() + bytes.size() - n * sizeof(float), n * sizeof(float));
  return w;
}

// Runs `config` with stop() already requested: begin() only, so save_weights writes the initial weights.
void save_initial(const Value& config) {
  Session s(make_lab("train", config), {});
  s.stop();
  Collect sink;
  s.run(&sink);
}

// The grid cell nearest to (x, y) for a size × size frame over `b` (columns x, rows y, row 0 = ymin).
std::size_t cell(double x, double y, const Value& b, int size) {
  auto idx = [size](double v, double lo, double hi) {
    const long i = std::lround((v - lo) / (hi - lo) * (size - 1));
    return static_cast<std::size_t>(std::clamp(i, 0L, static_cast<long>(size - 1)));
  };
  return idx(y, b.find("ymin")->as_number(), b.find("ymax")->as_number()) * static_cast<std::size_t>(size) +
         idx(x, b.find("xmin")->as_number(), b.find("xmax")->as_number());
}

}  // namespace

TEST("bce: one logit for 2 classes; XOR to 100 %; the last frame's p(class 1) agrees with the labels") {
  TrainLab probe(xor_bce());
  const data::Dataset& ds = probe.dataset();
  Collect c = run(xor_bce());
  CHECK(c.summary().find("loss")->as_string() == "bce");
  CHECK(c.summary().find("parameters")->as_number() == 2 * 8 + 8 + 8 * 1 + 1);
  CHECK(c.summary().find("final")->find("train_acc")->as_number() == 1.0);
  const auto frames = c.of(Event::Kind::Frame);
  CHECK(frames.size() >= 2);
  const Frame& last = frames.back()->frame;
  CHECK(last.name == "prediction");
  CHECK(last.step == static_cast<std::int64_t>(c.summary().find("steps")->as_number()));
  CHECK((last.shape == std::vector<std::int64_t>{64, 64, 1}));
  for (float p : last.data) CHECK(p >= 0 && p <= 1);
  std::size_t agree = 0;
  for (std::size_t i = 0; i < ds.n_train; ++i)
    agree += (last.data[cell(ds.x[2 * i], ds.x[2 * i + 1], *last.meta.find("bounds"), 64)] > 0.5f) == (ds.labels[i] == 1);
  CHECK(agree >= ds.n_train * 95 / 100);
}

TEST("cross-entropy frames: K probabilities per cell summing to 1; the argmax agrees with the labels") {
  Collect c = run(obj({{"dataset", obj({{"name", "blobs"}, {"classes", 4.0}, {"n", 400.0}, {"noise", 0.1}, {"seed", 2.0}})},
                       {"model", obj({{"hidden", arr({16.0})}, {"activation", "relu"}})},
                       {"optimizer", obj({{"type", "adam"}, {"lr", 0.02}})},
                       {"epochs", 40.0},
                       {"prediction", obj({{"size", 48.0}})}}));
  const Frame& f = c.of(Event::Kind::Frame).back()->frame;
  CHECK((f.shape == std::vector<std::int64_t>{48, 48, 4}));
  CHECK(f.meta.find("classes")->as_number() == 4);
  for (std::size_t i = 0; i < 48 * 48; ++i) {
    double sum = 0;
    for (std::size_t k = 0; k < 4; ++k) sum += f.data[i * 4 + k];
    CHECK_NEAR(sum, 1.0, 1e-5);
  }
  TrainLab probe(obj({{"dataset", obj({{"name", "blobs"}, {"classes", 4.0}, {"n", 400.0}, {"noise", 0.1}, {"seed", 2.0}})}}));
  const data::Dataset& ds = probe.dataset();
  std::size_t agree = 0;
  for (std::size_t i = 0; i < ds.n_train; ++i) {
    const float* p = f.data.data() + cell(ds.x[2 * i], ds.x[2 * i + 1], *f.meta.find("bounds"), 48) * 4;
    agree += static_cast<std::int32_t>(std::max_element(p, p + 4) - p) == ds.labels[i];
  }
  CHECK(agree >= ds.n_train * 95 / 100);
}

TEST("regression frame: a linear model fitted by full-batch GD draws the least-squares line") {
  const Value cfg = obj({{"dataset", obj({{"name", "polynomial"}, {"n", 200.0}, {"c0", 0.5}, {"c1", 2.0}, {"c2", 0.0}, {"c3", 0.0}, {"noise", 0.1}, {"test_fraction", 0.0}, {"seed", 5.0}})},
                         {"model", obj({{"hidden", arr({})}})},
                         {"optimizer", obj({{"type", "sgd"}, {"lr", 0.1}})},
                         {"batch_size", 0.0},
                         {"epochs", 2000.0}});
  TrainLab probe(cfg);
  const data::Dataset& ds = probe.dataset();
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(ds.n_train);
  for (std::size_t i = 0; i < ds.n_train; ++i) {
    sx += ds.x[i];
    sy += ds.y[i];
    sxx += static_cast<double>(ds.x[i]) * ds.x[i];
    sxy += static_cast<double>(ds.x[i]) * ds.y[i];
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n;
  Collect c = run(cfg);
  const Frame& f = c.of(Event::Kind::Frame).back()->frame;
  CHECK((f.shape == std::vector<std::int64_t>{256}));
  const double x0 = ds.view.xmin, x1 = ds.view.xmax;
  for (int i = 0; i < 256; ++i) CHECK_NEAR(f.data[static_cast<std::size_t>(i)], icpt + slope * (x0 + (x1 - x0) * i / 255.0), 2e-3);
}

TEST("frames are throttled: every_ms 0 → one per step; a long every_ms → the start and the end; false → none") {
  auto frames = [](Value prediction) {
    Collect c = run(xor_bce({{"epochs", 3.0}, {"batch_size", 40.0}, {"prediction", prediction}}));
    std::vector<std::int64_t> steps;
    for (const Event* e : c.of(Event::Kind::Frame)) steps.push_back(e->frame.step);
    return steps;
  };
  const auto every = frames(obj({{"every_ms", 0.0}, {"size", 8.0}}));  // 160 training rows / 40 = 4 steps an epoch
  CHECK(every.size() == 13);
  for (std::size_t i = 0; i < every.size(); ++i) CHECK(every[i] == static_cast<std::int64_t>(i));
  CHECK((frames(obj({{"every_ms", 1e9}})) == std::vector<std::int64_t>{0, 12}));
  CHECK(frames(Value(false)).empty());
}

TEST("per-layer norms: Σ layer ‖θ‖² = ‖θ‖²; one full-batch SGD step moves each layer by lr × its grad norm") {
  const std::string init = "test_outputs_init.glw", after = "test_outputs_after.glw";
  auto cfg = [](const std::string& save) {
    return obj({{"dataset", obj({{"name", "moons"}, {"n", 100.0}, {"seed", 4.0}})},
                {"model", obj({{"hidden", arr({16.0, 8.0})}, {"activation", "tanh"}})},
                {"optimizer", obj({{"type", "sgd"}, {"lr", 0.5}})},
                {"batch_size", 0.0},
                {"epochs", 1.0},
                {"save_weights", save}});
  };
  save_initial(cfg(init));
  Collect c = run(cfg(after));
  const Value& model = c.of(Event::Kind::Notice).front()->value;
  CHECK(model.find("type")->as_string() == "model");
  const auto& layers = model.find("layers")->as_array();
  CHECK(layers.size() == 3);
  CHECK(layers[1].find("name")->as_string() == "layers.1");
  CHECK(layers[1].find("parameters")->as_number() == 16 * 8 + 8);
  const auto n = static_cast<std::size_t>(model.find("parameters")->as_number());
  const auto w0 = weights_of(init, n), w1 = weights_of(after, n);
  std::size_t begin = 0;
  double total_g2 = 0, total_w2 = 0;
  for (int i = 0; i < 3; ++i) {
    const auto size = static_cast<std::size_t>(layers[static_cast<std::size_t>(i)].find("parameters")->as_number());
    double d2 = 0, w2 = 0;
    for (std::size_t k = begin; k < begin + size; ++k) {
      d2 += std::pow(static_cast<double>(w1[k]) - w0[k], 2);
      w2 += static_cast<double>(w1[k]) * w1[k];
    }
    const auto g = c.col("layer", "grad_norm", i), w = c.col("layer", "weight_norm", i);
    CHECK(g.size() == 2 && std::isnan(g[0]));  // epoch 0 took no step
    CHECK_REL(g[1], std::sqrt(d2) / 0.5, 1e-4);
    CHECK_REL(w[1], std::sqrt(w2), 1e-9);
    total_g2 += g[1] * g[1];
    total_w2 += w[1] * w[1];
    begin += size;
  }
  CHECK(begin == n);
  CHECK_REL(c.col("epoch", "grad_norm")[1], std::sqrt(total_g2), 1e-9);  // one step: the mean is that step's norm
  CHECK_REL(c.col("epoch", "weight_norm")[1], std::sqrt(total_w2), 1e-9);
}

TEST("penalties: the first step's loss grows by exactly λ·Σ|θ₀| (l1) and λ·Σθ₀² (l2)") {
  auto cfg = [](Value::Object extra) {
    Value::Object o{{"dataset", obj({{"name", "circles"}, {"n", 120.0}, {"seed", 6.0}})},
                    {"model", obj({{"hidden", arr({12.0})}, {"activation", "relu"}})},
                    {"optimizer", obj({{"type", "sgd"}, {"lr", 0.1}})},
                    {"batch_size", 0.0},
                    {"epochs", 1.0}};
    for (auto& [k, v] : extra) o[k] = v;
    return obj(std::move(o));
  };
  const std::string init = "test_outputs_penalty.glw";
  save_initial(cfg({{"save_weights", init}}));
  const double plain = run(cfg({})).col("train", "loss")[0];
  const double with_l1 = run(cfg({{"l1", 0.01}})).col("train", "loss")[0];
  const double with_l2 = run(cfg({{"l2", 0.01}})).col("train", "loss")[0];
  const auto w = weights_of(init, 2 * 12 + 12 + 12 * 2 + 2);
  double abs_sum = 0, sq_sum = 0;
  for (float v : w) {
    abs_sum += std::fabs(v);
    sq_sum += static_cast<double>(v) * v;
  }
  CHECK_REL(with_l1 - plain, 0.01 * abs_sum, 1e-4);
  CHECK_REL(with_l2 - plain, 0.01 * sq_sum, 1e-4);
}

TEST("loss and output config errors name the field and say what fits") {
  auto make = [](Value::Object o) { return TrainLab(obj(std::move(o))); };
  CHECK_THROWS_CODE(make({{"dataset", "spiral"}, {"loss", "mse"}}), "INVALID_CONFIG", "train.loss: expected a loss that fits the classification data set \"spiral\"");
  CHECK_THROWS_CODE(make({{"dataset", "spiral"}, {"loss", "bce"}}), "INVALID_CONFIG", "bce needs exactly 2 classes");
  CHECK_THROWS_CODE(make({{"dataset", "sine"}, {"loss", "cross_entropy"}}), "INVALID_CONFIG", "\"mse\"");
  CHECK_THROWS_CODE(make({{"dataset", "xor"}, {"loss", 3.0}}), "INVALID_CONFIG", "train.loss");
  CHECK_THROWS_CODE(make({{"dataset", "xor"}, {"l1", -1.0}}), "INVALID_CONFIG", "train.l1");
  CHECK_THROWS_CODE(make({{"dataset", "xor"}, {"prediction", "yes"}}), "INVALID_CONFIG", "train.prediction: expected false or {size, every_ms, view}");
  CHECK_THROWS_CODE(make({{"dataset", "xor"}, {"prediction", obj({{"size", 1000.0}})}}), "INVALID_CONFIG", "train.prediction.size");
  CHECK_THROWS_CODE(make({{"dataset", "xor"}, {"prediction", obj({{"every", 1.0}})}}), "INVALID_CONFIG", "train.prediction.every: unknown field");
}

CHECK_MAIN()
