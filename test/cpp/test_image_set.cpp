// Image sets from bytes (data/image_set.hpp) and the training lab on them: hand-made images read back
// exactly, the split and the test pair, every malformed input named, and a layer stack trained through
// the lab on images it must tell apart, with a confusion matrix that adds up.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "check.hpp"
#include "data/image_set.hpp"
#include "data/read_dataset.hpp"
#include "error.hpp"
#include "labs/image_frames.hpp"
#include "labs/train.hpp"
#include "nn/layer_stack.hpp"
#include "runtime/rng.hpp"
#include "train_run.hpp"

using namespace lab;

namespace {

Value bytes(std::vector<std::uint8_t> b) { return Value(Value::Bytes(std::move(b))); }

// n images of 2 channels × 2×3 where image i's byte p is 10·(i mod 7) + p; label i mod classes.
Value::Object images(std::size_t n, int classes) {
  std::vector<std::uint8_t> px, lb;
  for (std::size_t i = 0; i < n; ++i) {
    for (int p = 0; p < 12; ++p) px.push_back(static_cast<std::uint8_t>(10 * (i % 7) + p));
    lb.push_back(static_cast<std::uint8_t>(i % static_cast<std::size_t>(classes)));
  }
  return {{"name", "images"}, {"channels", 2.0}, {"rows", 2.0}, {"cols", 3.0}, {"pixels", bytes(px)}, {"labels", bytes(lb)}};
}

data::Dataset read(Value::Object o) { return data::read_dataset(Value(std::move(o)), "train.dataset"); }

// 8×8 images: a bright 3×3 square in the top-left (class 0), top-right (1) or bottom (2) half, at a
// random place within it, on noise.
Value::Object squares(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::uint8_t> px(n * 64), lb(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int c = static_cast<int>(i % 3);
    for (int p = 0; p < 64; ++p) px[i * 64 + static_cast<std::size_t>(p)] = static_cast<std::uint8_t>(rng.uniform() * 60);
    const int r0 = c == 2 ? 4 + static_cast<int>(rng.uniform() * 2) : static_cast<int>(rng.uniform() * 2);
    const int c0 = c == 1 ? 4 + static_cast<int>(rng.uniform() * 2) : c == 0 ? static_cast<int>(rng.uniform() * 2) : static_cast<int>(rng.uniform() * 6);
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 3; ++x) px[i * 64 + static_cast<std::size_t>((r0 + y) * 8 + c0 + x)] = 250;
    lb[i] = static_cast<std::uint8_t>(c);
  }
  return {{"name", "images"}, {"channels", 1.0}, {"rows", 8.0}, {"cols", 8.0}, {"pixels", bytes(px)}, {"labels", bytes(lb)}};
}

}  // namespace

TEST("images: bytes read back as pixel / 255 in channel planes, classes from the labels, a seeded stratified split") {
  const auto ds = read(images(10, 2));
  CHECK(ds.is_images() && ds.image_channels == 2 && ds.image_rows == 2 && ds.image_cols == 3 && ds.d == 12);
  CHECK(ds.classes == 2 && ds.size() == 10 && ds.n_train == 8 && ds.n_test() == 2);
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const int base = static_cast<int>(ds.x[i * 12] * 255.0f + 0.5f);
    CHECK(base % 10 == 0);
    for (int p = 0; p < 12; ++p) CHECK(ds.x[i * 12 + static_cast<std::size_t>(p)] == static_cast<float>(base + p) / 255.0f);
  }
  CHECK(ds.labels[8] != ds.labels[9]);  // one test image of each class
  const auto again = read(images(10, 2));
  CHECK(again.x == ds.x && again.labels == ds.labels);
  auto other = images(10, 2);
  other["seed"] = 7.0;
  other["classes"] = 3.0;
  CHECK_THROWS_CODE(read(other), "INVALID_CONFIG", "train.dataset.labels: class 2 has no training image (classes = 3)");
  other["classes"] = 2.0;
  const auto reseeded = read(other);
  CHECK(reseeded.labels.size() == 10);
}

TEST("images with a test pair: every training image is trained on, the test images follow in their order") {
  auto o = images(6, 3);
  o["test_pixels"] = bytes(std::vector<std::uint8_t>(24, 200));
  o["test_labels"] = bytes({2, 0});
  const auto ds = read(o);
  CHECK(ds.n_train == 6 && ds.n_test() == 2 && ds.classes == 3);
  CHECK(ds.labels[6] == 2 && ds.labels[7] == 0 && ds.x[6 * 12] == 200.0f / 255.0f);
  for (std::size_t i = 0; i < 6; ++i) CHECK(ds.labels[i] == static_cast<std::int32_t>(i % 3));  // not shuffled: the trainer shuffles
  o["test_fraction"] = 0.1;
  CHECK_THROWS_CODE(read(o), "INVALID_CONFIG", "train.dataset.test_fraction: not used with a test set");
}

TEST("images: every malformed input is INVALID_CONFIG naming the field and what is wrong") {
  auto o = images(4, 2);
  o["pixels"] = bytes(std::vector<std::uint8_t>(47, 1));
  CHECK_THROWS_CODE(read(o), "INVALID_CONFIG", "train.dataset.pixels: 47 bytes is not a whole number of images of 12 bytes (channels × rows × cols)");
  o["pixels"] = bytes(std::vector<std::uint8_t>(36, 1));
  CHECK_THROWS_CODE(read(o), "INVALID_CONFIG", "train.dataset.labels: 4 labels for 3 images in train.dataset.pixels");
  o["pixels"] = bytes({});
  o["labels"] = bytes({});
  CHECK_THROWS_CODE(read(o), "INVALID_CONFIG", "train.dataset.pixels: no images");
  auto l = images(4, 2);
  l["classes"] = 2.0;
  l["labels"] = bytes({0, 1, 5, 1});
  CHECK_THROWS_CODE(read(l), "INVALID_CONFIG", "train.dataset.labels[2]: label 5 is not below classes = 2");
  auto t = images(4, 2);
  t["test_pixels"] = bytes(std::vector<std::uint8_t>(12, 1));
  CHECK_THROWS_CODE(read(t), "INVALID_CONFIG", "train.dataset.test_labels: required");
  t["test_labels"] = bytes({1, 1});
  CHECK_THROWS_CODE(read(t), "INVALID_CONFIG", "train.dataset.test_labels: 2 labels for 1 image in train.dataset.test_pixels");
  auto k = images(4, 2);
  k["pixels"] = Value("not bytes");
  CHECK_THROWS_CODE(read(k), "INVALID_CONFIG", "train.dataset.pixels: expected bytes (a Uint8Array), got \"not bytes\"");
  auto c = images(4, 2);
  c["channels"] = 5.0;
  CHECK_THROWS_CODE(read(c), "INVALID_CONFIG", "train.dataset.channels: expected an integer in [1, 4], got 5");
  auto u = images(4, 2);
  u["colour"] = true;
  CHECK_THROWS_CODE(read(u), "INVALID_CONFIG", "train.dataset.colour");
}

TEST("digits: the shipped file through the data directory, 8 000 + 2 000 by default; errors name the field") {
  data::set_data_directory(std::string(GRADLAB_SOURCE_DIR) + "/build/data");
  const auto ds = data::read_dataset(Value("digits"), "train.dataset");
  CHECK(ds.n_train == 8000 && ds.n_test() == 2000 && ds.image_channels == 1 && ds.image_rows == 28 && ds.classes == 10);
  CHECK_THROWS_CODE(read({{"name", "digits"}, {"train", 9000.0}, {"test", 2000.0}}), "INVALID_CONFIG",
                    "train.dataset: train + test = 11000 images, the shipped digits are 10000");
  data::set_data_directory("/no/such/folder");
  CHECK_THROWS_CODE(read({{"name", "digits"}}), "INVALID_CONFIG", "/no/such/folder/digits.u8: cannot open");
  data::set_data_directory(std::string(GRADLAB_SOURCE_DIR) + "/build/data");
}

TEST("the training lab on images: a conv stack learns where the square is (≥ 95 % of held-out images), the confusion matrix adds up") {
  auto data = squares(600, 4);
  data["test_fraction"] = 0.25;
  Collect c = run(obj({{"dataset", obj(data)},
                       {"model", obj({{"layers", arr({obj({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}, {"pad", 1.0}}), "relu",
                                                     obj({{"type", "maxpool"}, {"kernel", 2.0}}), "flatten", "linear"})}})},
                       {"optimizer", obj({{"type", "adam"}, {"lr", 0.01}})},
                       {"batch_size", 30.0},
                       {"epochs", 8.0},
                       {"seed", 2.0}}));
  const Value& s = c.summary();
  const double acc = s.find("final")->find("test_acc")->as_number();
  CHECK(acc >= 0.95);
  CHECK(s.find("parameters")->as_number() == 4 * 9 + 4 + 4 * 16 * 3 + 3);
  const auto& conf = s.find("confusion")->as_array();
  CHECK(conf.size() == 3 && s.find("classes")->as_number() == 3);
  double total = 0, diag = 0;
  for (std::size_t t = 0; t < 3; ++t) {
    CHECK(conf[t].as_array().size() == 3);
    for (std::size_t p = 0; p < 3; ++p) total += conf[t].as_array()[p].as_number();
    diag += conf[t].as_array()[t].as_number();
  }
  CHECK(total == 150);  // the test images
  CHECK(diag / total == acc);
  // the model notice: the input shape and each layer's output
  const auto notices = c.of(Event::Kind::Notice);
  const Value& model = notices.front()->value;
  CHECK(model.find("type")->as_string() == "model");
  CHECK(model.find("input")->as_array().size() == 3 && model.find("input")->as_array()[0].as_number() == 1);
  const auto& stack = model.find("stack")->as_array();
  CHECK(stack.size() == 5 && stack[2].find("output")->as_array()[1].as_number() == 4 && stack[4].find("describe")->as_string() == "linear 64→3");
}

TEST("the training lab: an MLP on images, and image-only settings refused on points") {
  auto data = squares(90, 5);
  Collect c = run(obj({{"dataset", obj(data)}, {"model", obj({{"hidden", arr({16.0})}})}, {"epochs", 2.0}}));
  CHECK(c.summary().find("status")->as_string() == "completed");
  CHECK_THROWS_CODE(TrainLab(obj({{"dataset", obj(squares(30, 1))}, {"prediction", obj({{"size", 16.0}})}})), "INVALID_CONFIG",
                    "train.prediction: prediction frames are drawn for 2-D points and 1-D curves; this data set has 64 inputs");
  CHECK_THROWS_CODE(TrainLab(obj({{"dataset", "moons"},
                                  {"model", obj({{"layers", arr({obj({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}}), "flatten", "linear"})}})}})),
                    "INVALID_CONFIG", "train.model.layers[0] (conv ?→4 3×3 stride 1 pad 0): expects feature maps");
  CHECK_THROWS_CODE(TrainLab(obj({{"dataset", "moons"}, {"model", obj({{"layers", arr({"linear"})}, {"hidden", arr({4.0})}})}})), "INVALID_CONFIG",
                    "train.model.hidden");
  // a layer stack on points works too: 2 → 8 → 2
  Collect p = run(obj({{"dataset", "moons"}, {"model", obj({{"layers", arr({obj({{"type", "linear"}, {"out", 8.0}}), "tanh", "linear"})}})}, {"epochs", 2.0}, {"prediction", false}}));
  CHECK(p.summary().find("parameters")->as_number() == 2 * 8 + 8 + 8 * 2 + 2);
}

TEST("image frames: the gallery, every conv filter, one example through every layer, the confusion and the evaluation of each epoch") {
  auto data = squares(120, 6);
  data["test_fraction"] = 0.25;
  const Value layers = arr({obj({{"type", "conv"}, {"out", 2.0}, {"kernel", 3.0}, {"pad", 1.0}}), "relu", obj({{"type", "maxpool"}, {"kernel", 2.0}}), "flatten", "linear"});
  Collect c = run(obj({{"dataset", obj(data)}, {"model", obj({{"layers", layers}})}, {"epochs", 2.0}, {"batch_size", 30.0},
                       {"frames", obj({{"every_ms", 0.0}, {"gallery", 20.0}, {"example", 3.0}})}}));
  std::vector<const Frame*> by[5];
  const char* names[5] = {"examples", "filters", "features", "confusion", "evaluation"};
  for (const auto* e : c.of(Event::Kind::Frame))
    for (int k = 0; k < 5; ++k)
      if (e->frame.name == names[k]) by[k].push_back(&e->frame);
  CHECK(by[0].size() == 1 && by[0][0]->shape == (std::vector<std::int64_t>{20, 1, 8, 8}));
  CHECK(by[0][0]->meta.find("labels")->as_array().size() == 20);
  // 2 epochs of 3 steps, a frame after each step and at the start (every_ms 0), and one at the end
  CHECK(by[1].size() >= 7 && by[2].size() == by[1].size());
  const Frame& filt = *by[1].back();
  CHECK(filt.data.size() == 2 * 9 && filt.meta.find("layers")->as_array()[0].find("name")->as_string() == "layers.0");
  const Frame& feat = *by[2].back();
  const auto& fl = feat.meta.find("layers")->as_array();
  CHECK(fl.size() == 6);  // the input and five layers
  CHECK(fl[1].find("describe")->as_string() == "conv 1→2 3×3 stride 1 pad 1" && fl[3].find("shape")->as_array()[1].as_number() == 4);
  CHECK(feat.data.size() == 64 + 2 * 64 + 2 * 64 + 2 * 16 + 32 + 3);
  CHECK(feat.meta.find("example")->as_number() == 3 && feat.meta.find("source")->as_string() == "example");
  double psum = 0;
  for (const auto& p : feat.meta.find("probs")->as_array()) psum += p.as_number();
  CHECK_NEAR(psum, 1, 1e-6);
  // relu's output is the conv's output with negatives at 0
  for (std::size_t i = 0; i < 128; ++i) CHECK(feat.data[64 + 128 + i] == std::max(0.0f, feat.data[64 + i]));
  CHECK(by[3].size() == 3 && by[4].size() == 3);  // epochs 0, 1, 2
  double total = 0;
  for (float v : by[3].back()->data) total += v;
  CHECK(total == 30 && by[3].back()->shape == (std::vector<std::int64_t>{3, 3}));
  const Frame& ev = *by[4].back();
  CHECK(ev.shape == (std::vector<std::int64_t>{20, 3}));
  for (std::size_t i = 0; i < 20; ++i) CHECK(ev.data[i * 3 + 1] >= ev.data[i * 3 + 2] - 1e-7f && ev.data[i * 3 + 1] >= 1.0f / 3 - 1e-6f);
}

TEST("image frames: probes checked (an example in range, a drawn picture of the image's size in [0, 1]); none on points") {
  auto data = squares(60, 7);
  TrainLab lab(obj({{"dataset", obj(data)}, {"model", obj({{"layers", arr({"flatten", "linear"})}})}}));
  lab.validate_update(obj({{"probe", obj({{"example", 11.0}})}}));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({{"example", 12.0}})}})), "INVALID_CONFIG", "update.probe.example: expected an integer in [0, 11], got 12");
  Value::Array px(64, Value(0.5));
  lab.validate_update(obj({{"probe", obj({{"pixels", arr(px)}})}}));
  px.pop_back();
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({{"pixels", arr(px)}})}})), "INVALID_CONFIG", "update.probe.pixels: expected an array of 64 numbers");
  px.push_back(Value(1.5));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({{"pixels", arr(px)}})}})), "INVALID_CONFIG", "update.probe.pixels[63]: expected a finite number in [0, 1], got 1.5");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({})}})), "INVALID_CONFIG", "update.probe: expected {example: i} or {pixels: […]}");
  CHECK_THROWS_CODE(TrainLab(obj({{"dataset", "moons"}, {"frames", obj({})}})), "INVALID_CONFIG", "train.frames: image frames (filters, feature maps) are for image sets");
  TrainLab points(obj({{"dataset", "moons"}}));
  CHECK_THROWS_CODE(points.validate_update(obj({{"probe", obj({{"example", 0.0}})}})), "INVALID_CONFIG", "update.probe: this run has no image frames");
}

TEST("image frames: a drawn picture goes through the same layers as the training images (the features frame's probabilities are the model's)") {
  auto data = squares(30, 8);
  data["test_fraction"] = 0.2;
  const auto ds = data::read_dataset(obj(data), "d");
  ag::ParamStore<float> store;
  Rng rng(1);
  auto net = nn::build_stack<float>(store, nn::read_layer_list(arr({obj({{"type", "conv"}, {"out", 2.0}, {"kernel", 3.0}}), "tanh", "flatten", "linear"}), "m"), {1, 8, 8}, 3, rng, "m");
  net.eval();
  ImageFrames frames(nullptr, ds, {1, 8, 8}, "frames");
  Value::Array px;
  for (int i = 0; i < 64; ++i) px.emplace_back(static_cast<double>(i % 9) / 8);
  frames.set_probe(obj({{"pixels", arr(px)}}));
  ag::Tape<float> tape;
  const Frame f = frames.features(ds, net, tape, 0);
  CHECK(f.meta.find("source")->as_string() == "drawn" && f.meta.find("example") == nullptr);
  std::vector<float> in;
  for (const auto& v : px) in.push_back(static_cast<float>(v.as_number()));
  tape.reset();
  auto out = net.forward(tape, ag::constant(in.data(), ag::Shape{1, 1, 8, 8}));
  const float top = std::max({out.value[0], out.value[1], out.value[2]});
  double z = 0;
  for (int k = 0; k < 3; ++k) z += std::exp(out.value[k] - top);
  for (int k = 0; k < 3; ++k) CHECK_NEAR(f.meta.find("probs")->as_array()[static_cast<std::size_t>(k)].as_number(), std::exp(out.value[k] - top) / z, 1e-6);
}

TEST("the training lab with threads 2 and 0 (all cores): the same curves, bit for bit, as on one thread") {
  auto data = squares(200, 9);
  auto cfg = [&](double threads) {
    return obj({{"dataset", obj(data)},
                {"model", obj({{"layers", arr({obj({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}, {"pad", 1.0}}), "relu",
                                              obj({{"type", "maxpool"}, {"kernel", 2.0}}), "flatten", "linear"})}})},
                {"epochs", 2.0}, {"batch_size", 20.0}, {"threads", threads}, {"frames", false}});
  };
  const Collect one = run(cfg(1));
  for (double t : {2.0, 0.0}) {
    const Collect many = run(cfg(t));
    CHECK(many.col("train", "loss") == one.col("train", "loss"));
    CHECK(many.col("epoch", "test_acc") == one.col("epoch", "test_acc"));
  }
  CHECK_THROWS_CODE(TrainLab(cfg(300)), "INVALID_CONFIG", "train.threads: expected an integer in [0, 256], got 300");
}

CHECK_MAIN()
