// The CNN layers: Conv2d's parameters and He initialisation, the shapes through a small stack, a whole
// stack's gradient against finite differences in float64, config and shape errors, and a tiny CNN that
// learns to tell horizontal from vertical bars anywhere in an 8×8 image.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "error.hpp"
#include "grad_check.hpp"
#include "nn/conv.hpp"
#include "nn/layers.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"
#include "optim/registry.hpp"
#include "runtime/rng.hpp"

namespace ag = lab::ag;
namespace nn = lab::nn;
using ag::Shape;

namespace {

const nn::Init kHe = nn::init_for(nn::Activation::relu, 0);

// conv 1→4 3×3 pad 1 → relu → max-pool 2 → flatten → linear 64→2, for 8×8 single-channel images.
template <class T>
nn::Sequential<T> small_cnn(ag::ParamStore<T>& store, lab::Rng& rng) {
  nn::Sequential<T> net;
  net.template emplace<nn::Conv2d<T>>(store, "conv1", nn::Conv2dSpec{1, 4, 3, 1, 1}, kHe, rng);
  net.template emplace<nn::ActivationLayer<T>>(nn::Activation::relu);
  net.template emplace<nn::MaxPool2d<T>>(2);
  net.template emplace<nn::Flatten<T>>();
  net.template emplace<nn::Linear<T>>(store, "fc", 4 * 4 * 4, 2, nn::init_for(nn::Activation::identity, 0), rng);
  return net;
}

// An 8×8 image with a bar of 4 pixels (value 1) at a random place, horizontal for label 0 and vertical
// for label 1, plus N(0, 0.1²) noise everywhere.
void draw_bar(float* img, std::int32_t label, lab::Rng& rng) {
  for (int i = 0; i < 64; ++i) img[i] = static_cast<float>(0.1 * rng.normal());
  const int along = static_cast<int>(rng.uniform() * 5), across = static_cast<int>(rng.uniform() * 8);
  for (int k = 0; k < 4; ++k) {
    const int r = label == 0 ? across : along + k, c = label == 0 ? along + k : across;
    img[r * 8 + c] += 1.0f;
  }
}

}  // namespace

TEST("Conv2d: weight [O,C,k,k] and bias [O] in the store, He normal with σ = √2/√(C·k²), bias 0") {
  ag::ParamStore<double> store;
  lab::Rng rng(3);
  nn::Conv2d<double> conv(store, "conv1", nn::Conv2dSpec{4, 64, 3, 1, 1}, kHe, rng);
  CHECK(conv.weight().shape == (Shape{64, 4, 3, 3}));
  CHECK(conv.bias().shape == (Shape{64}));
  CHECK(store.size() == 64u * 4u * 9u + 64u);
  CHECK(store.find("conv1.weight").has_value() && store.find("conv1.bias").has_value());
  const auto w = conv.weight();
  double s = 0, s2 = 0;
  for (std::int64_t i = 0; i < w.numel(); ++i) s += w.value[i], s2 += w.value[i] * w.value[i];
  const double n = static_cast<double>(w.numel()), mean = s / n, sd = std::sqrt(s2 / n - mean * mean);
  std::printf("  2304 weights: mean %.4f, sd %.4f (σ = %.4f)\n", mean, sd, std::sqrt(2.0 / 36));
  CHECK_NEAR(sd, std::sqrt(2.0 / 36), 0.1 * std::sqrt(2.0 / 36));  // 2304 draws: sd of sd ≈ 1.5 %
  CHECK_NEAR(mean, 0, 0.02);
  for (std::int64_t i = 0; i < 64; ++i) CHECK(conv.bias().value[i] == 0);
  CHECK(conv.describe() == "conv 4→64 3×3 stride 1 pad 1");
}

TEST("a small CNN: shapes through every layer, its description, and the same seed giving the same weights") {
  ag::ParamStore<float> a, b;
  lab::Rng ra(7), rb(7);
  auto net = small_cnn(a, ra);
  auto again = small_cnn(b, rb);
  CHECK(a.size() == b.size());
  bool same = true;
  for (std::size_t i = 0; i < a.size(); ++i) same = same && a.values()[i] == b.values()[i];
  CHECK(same);
  CHECK(net.describe() == "conv 1→4 3×3 stride 1 pad 1, relu, max-pool 2×2 stride 2, flatten, linear 64→2");
  std::vector<float> img(3 * 64, 0.5f);
  ag::Tape<float> tape;
  auto x = ag::constant(img.data(), Shape{3, 1, 8, 8});
  const Shape expect[] = {Shape{3, 4, 8, 8}, Shape{3, 4, 8, 8}, Shape{3, 4, 4, 4}, Shape{3, 64}, Shape{3, 2}};
  for (std::size_t i = 0; i < net.size(); ++i) {
    x = net.layer(i).forward(tape, x);
    if (!(x.shape == expect[i]))
      check::fail(__FILE__, __LINE__, "layer " + std::to_string(i) + " gave " + x.shape.str() + ", expected " + expect[i].str());
  }
}

TEST("a small CNN's gradient (every parameter) against finite differences in float64") {
  // The same check as grad_check.hpp's (central differences, h = kH, relative error with a 1e-3 floor),
  // over the model's own parameter slab: the layers read their weights from the store.
  ag::ParamStore<double> store;
  lab::Rng rng(9);
  auto net = small_cnn(store, rng);
  std::vector<double> img(2 * 64);
  for (auto& v : img) v = 2 * rng.uniform() - 1;
  const std::int32_t labels[2] = {0, 1};
  CHECK(model_grad_check(store, net, img, Shape{2, 1, 8, 8}, labels) < kGradTol);
}

TEST("a small CNN on an empty batch: [0, 2] out, no error") {
  ag::ParamStore<float> store;
  lab::Rng rng(2);
  auto net = small_cnn(store, rng);
  float none[1] = {0};
  ag::Tape<float> tape;
  auto y = net.forward(tape, ag::constant(none, Shape{0, 1, 8, 8}));
  CHECK(y.shape == (Shape{0, 2}));
}

TEST("Conv2d with Xavier init: uniform within ±√(6/(C·k² + O·k²)), variance bound²/3") {
  ag::ParamStore<double> store;
  lab::Rng rng(4);
  nn::Conv2d<double> conv(store, "c", nn::Conv2dSpec{3, 32, 5, 1, 2}, nn::init_for(nn::Activation::tanh, 0), rng);
  const double bound = std::sqrt(6.0 / (3 * 25 + 32 * 25));
  const auto w = conv.weight();
  double s2 = 0, most = 0;
  for (std::int64_t i = 0; i < w.numel(); ++i) s2 += w.value[i] * w.value[i], most = std::fmax(most, std::fabs(w.value[i]));
  CHECK(most <= bound);
  CHECK(most > 0.99 * bound);  // 2400 draws reach the edge
  CHECK_NEAR(s2 / static_cast<double>(w.numel()), bound * bound / 3, 0.05 * bound * bound / 3);
}

TEST("CNN layers: bad settings and inputs of the wrong shape are INVALID_CONFIG naming the layer") {
  ag::ParamStore<float> store;
  lab::Rng rng(1);
  CHECK_THROWS_CODE(nn::Conv2d<float>(store, "conv1", nn::Conv2dSpec{1, 4, 0, 1, 0}, kHe, rng), "INVALID_CONFIG",
                    "conv1.kernel: expected an integer ≥ 1, got 0");
  CHECK_THROWS_CODE(nn::Conv2d<float>(store, "conv2", nn::Conv2dSpec{1, 4, 3, 1, -1}, kHe, rng), "INVALID_CONFIG",
                    "conv2.padding: expected an integer ≥ 0, got -1");
  CHECK_THROWS_CODE(nn::MaxPool2d<float>(0), "INVALID_CONFIG", "max_pool.kernel: expected an integer ≥ 1, got 0");
  nn::Conv2d<float> conv(store, "conv3", nn::Conv2dSpec{3, 2, 5, 1, 0}, kHe, rng);
  std::vector<float> img(2 * 1 * 8 * 8, 0.f);
  ag::Tape<float> tape;
  CHECK_THROWS_CODE(conv.forward(tape, ag::constant(img.data(), Shape{2, 1, 8, 8})), "INVALID_CONFIG",
                    "conv3: expected images of shape [batch, 3, height, width]");
  CHECK_THROWS_CODE(conv.forward(tape, ag::constant(img.data(), Shape{2, 3, 4, 4})), "INVALID_CONFIG", "got [2, 3, 4, 4]");
  nn::MaxPool2d<float> pool(3);
  CHECK_THROWS_CODE(pool.forward(tape, ag::constant(img.data(), Shape{2, 8, 2, 4})), "INVALID_CONFIG",
                    "of at least 3×3, got [2, 8, 2, 4]");
}

TEST("a tiny CNN learns horizontal vs vertical bars anywhere in the image (Adam, 300 steps): ≥ 95 % on new images") {
  ag::ParamStore<float> store;
  lab::Rng rng(5), data(11);
  auto net = small_cnn(store, rng);
  auto opt = lab::optim::make_optimizer<float>("adam");
  opt->set("lr", 0.01);
  opt->reset(store.size());
  constexpr int kBatch = 32;
  std::vector<float> x(kBatch * 64);
  std::int32_t y[kBatch];
  ag::Tape<float> tape;
  float first_loss = 0, last_loss = 0;
  for (int step = 0; step < 300; ++step) {
    for (int b = 0; b < kBatch; ++b) draw_bar(x.data() + b * 64, y[b] = b % 2, data);
    tape.reset();
    auto ce = ag::softmax_cross_entropy(tape, net.forward(tape, ag::constant(x.data(), Shape{kBatch, 1, 8, 8})), y);
    store.zero_grad();
    tape.backward(ce.loss);
    opt->step(store.values(), store.grads(), opt->get("lr"));
    (step == 0 ? first_loss : last_loss) = ce.loss.value[0];
  }
  int right = 0;
  for (int round = 0; round < 8; ++round) {
    for (int b = 0; b < kBatch; ++b) draw_bar(x.data() + b * 64, y[b] = (b + round) % 2, data);
    tape.reset();
    auto ce = ag::softmax_cross_entropy(tape, net.forward(tape, ag::constant(x.data(), Shape{kBatch, 1, 8, 8})), y);
    right += static_cast<int>(ag::count_correct(ce.probs, y));
  }
  std::printf("  loss %.3f → %.3f; %d of 256 new images right\n", first_loss, last_loss, right);
  CHECK(right >= 243);  // 95 %
  CHECK(last_loss < 0.2f);
}

CHECK_MAIN()
