// Layer stacks (nn/layer_stack.hpp): LeNet-5's shapes and its classic 61 706 parameters inferred by
// hand, every refused stack naming the layer and the shapes, average pooling by hand and against finite
// differences, and a whole built stack (conv, avg-pool, max-pool, leaky relu, dropout off) against
// finite differences in float64.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "error.hpp"
#include "grad_check.hpp"
#include "nn/layer_stack.hpp"

namespace ag = lab::ag;
namespace nn = lab::nn;
using ag::Shape;
using lab::Value;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

namespace {

Value layer(Value::Object o) { return Value(std::move(o)); }
Value list(Value::Array a) { return Value(std::move(a)); }

// LeNet-5 as the CNN lab's preset writes it (ReLU, max-pooling; the output sized by the data set).
Value lenet5() {
  return list({layer({{"type", "conv"}, {"out", 6.0}, {"kernel", 5.0}, {"pad", 2.0}}), "relu",
               layer({{"type", "maxpool"}, {"kernel", 2.0}}),
               layer({{"type", "conv"}, {"out", 16.0}, {"kernel", 5.0}}), "relu",
               layer({{"type", "maxpool"}, {"kernel", 2.0}}), "flatten",
               layer({{"type", "linear"}, {"out", 120.0}}), "relu",
               layer({{"type", "linear"}, {"out", 84.0}}), "relu", "linear"});
}

std::vector<nn::LayerShape> shapes_of(const Value& layers, std::vector<std::int64_t> input, std::int64_t outputs) {
  return nn::infer_shapes(nn::read_layer_list(layers, "model.layers"), input, outputs, "model.layers");
}

}  // namespace

TEST("LeNet-5 on 1×28×28: every layer's output shape and the classic 61 706 parameters") {
  const auto s = shapes_of(lenet5(), {1, 28, 28}, 10);
  CHECK(s.size() == 12);
  CHECK(s[0].output == (std::vector<std::int64_t>{6, 28, 28}) && s[0].parameters == 6 * 25 + 6);
  CHECK(s[0].describe == "conv 1→6 5×5 stride 1 pad 2");
  CHECK(s[2].output == (std::vector<std::int64_t>{6, 14, 14}) && s[2].describe == "max-pool 2×2 stride 2");
  CHECK(s[3].output == (std::vector<std::int64_t>{16, 10, 10}) && s[3].parameters == 16 * 6 * 25 + 16);
  CHECK(s[5].output == (std::vector<std::int64_t>{16, 5, 5}));
  CHECK(s[6].output == (std::vector<std::int64_t>{400}));
  CHECK(s[7].parameters == 400 * 120 + 120 && s[9].parameters == 120 * 84 + 84);
  CHECK(s[11].output == (std::vector<std::int64_t>{10}) && s[11].parameters == 84 * 10 + 10 && s[11].describe == "linear 84→10");
  std::int64_t total = 0;
  for (const auto& l : s) total += l.parameters;
  CHECK(total == 61706);
  // the same list on 3-channel 32×32 images with 4 classes: the first conv and the flatten change
  const auto c = shapes_of(lenet5(), {3, 32, 32}, 4);
  CHECK(c[0].parameters == 6 * 3 * 25 + 6 && c[6].output == (std::vector<std::int64_t>{16 * 6 * 6}) && c[11].output == (std::vector<std::int64_t>{4}));
}

TEST("layer lists: bad fields and unknown layers are INVALID_CONFIG naming the entry") {
  auto read = [](Value v) { return nn::read_layer_list(v, "model.layers"); };
  CHECK_THROWS_CODE(read(list({})), "INVALID_CONFIG", "model.layers: expected at least one layer");
  CHECK_THROWS_CODE(read(Value("relu")), "INVALID_CONFIG", "model.layers: expected an array of layers");
  CHECK_THROWS_CODE(read(list({"linear", "softmaxx"})), "INVALID_CONFIG", "model.layers[1]: unknown layer \"softmaxx\"; expected one of: conv, maxpool");
  CHECK_THROWS_CODE(read(list({"conv"})), "INVALID_CONFIG", "model.layers[0]: \"conv\" needs its settings");
  CHECK_THROWS_CODE(read(list({layer({{"type", "conv"}, {"out", 0.0}, {"kernel", 3.0}})})), "INVALID_CONFIG",
                    "model.layers[0].out: expected an integer in [1, 1024], got 0");
  CHECK_THROWS_CODE(read(list({layer({{"type", "conv"}, {"out", 8.0}})})), "INVALID_CONFIG", "model.layers[0].kernel: required");
  CHECK_THROWS_CODE(read(list({layer({{"type", "conv"}, {"out", 8.0}, {"kernel", 3.0}, {"padding", 1.0}})})), "INVALID_CONFIG",
                    "model.layers[0].padding");
  CHECK_THROWS_CODE(read(list({layer({{"type", "dropout"}, {"p", 1.0}})})), "INVALID_CONFIG", "model.layers[0].p: expected a finite number in [0, 1)");
  CHECK_THROWS_CODE(read(list({layer({{"type", "linear"}, {"out", 2.5}})})), "INVALID_CONFIG", "model.layers[0].out: expected an integer");
  CHECK_THROWS_CODE(read(list({3.0})), "INVALID_CONFIG", "model.layers[0]: expected a layer");
}

TEST("stacks that cannot run are refused naming the layer and the shapes") {
  auto conv = [](double out, double k, double pad = 0) { return layer({{"type", "conv"}, {"out", out}, {"kernel", k}, {"pad", pad}}); };
  auto pool = [](double k) { return layer({{"type", "maxpool"}, {"kernel", k}}); };
  CHECK_THROWS_CODE(shapes_of(list({conv(8, 3), "flatten", "linear"}), {2}, 3), "INVALID_CONFIG",
                    "model.layers[0] (conv ?→8 3×3 stride 1 pad 0): expects feature maps [channels, height, width], got [2]");
  CHECK_THROWS_CODE(shapes_of(list({conv(8, 3), "relu", "linear"}), {1, 8, 8}, 10), "INVALID_CONFIG",
                    "model.layers[2] (linear ?→10): expects flat features, got feature maps [8, 6, 6]; add flatten before it");
  CHECK_THROWS_CODE(shapes_of(list({conv(8, 3), pool(2), conv(8, 3), pool(2), "flatten", "linear"}), {1, 8, 8}, 10), "INVALID_CONFIG",
                    "model.layers[3] (max-pool 2×2 stride 2): a 2×2 window does not fit its input [8, 1, 1]: the stack shrinks to nothing");
  CHECK_THROWS_CODE(shapes_of(list({conv(8, 9)}), {1, 8, 8}, 10), "INVALID_CONFIG", "a 9×9 window does not fit its input [1, 8, 8]");
  CHECK(shapes_of(list({conv(8, 9, 1), "flatten", "linear"}), {1, 8, 8}, 10)[0].output == (std::vector<std::int64_t>{8, 2, 2}));
  CHECK_THROWS_CODE(shapes_of(list({"flatten", layer({{"type", "linear"}, {"out", 12.0}})}), {1, 4, 4}, 10), "INVALID_CONFIG",
                    "model.layers[1] (linear 16→12): the model's output is [12], expected [10] (the data set's outputs)");
  CHECK_THROWS_CODE(shapes_of(list({conv(8, 3), "relu"}), {1, 8, 8}, 10), "INVALID_CONFIG",
                    "model.layers[1] (relu): the model's output is [8, 6, 6], expected [10]");
  CHECK_THROWS_CODE(shapes_of(list({"linear", "relu", "linear"}), {2}, 3), "INVALID_CONFIG",
                    "model.layers[0] (linear 2→3): needs out (its width)");
}

TEST("avg_pool2d: 2×2 and overlapping 3×3 (stride 1) windows over 1…16, by hand, and the gradient shared evenly") {
  std::vector<double> a(16);
  for (int i = 0; i < 16; ++i) a[i] = i + 1;  // rows 1 2 3 4 / 5 6 7 8 / 9 10 11 12 / 13 14 15 16
  ag::Tape<double> tape;
  auto out = ag::avg_pool2d(tape, ag::constant(a.data(), Shape{1, 1, 4, 4}), 2);
  CHECK(out.shape == (Shape{1, 1, 2, 2}));
  CHECK(out.value[0] == 3.5 && out.value[1] == 5.5 && out.value[2] == 11.5 && out.value[3] == 13.5);
  auto o3 = ag::avg_pool2d(tape, ag::constant(a.data(), Shape{1, 1, 4, 4}), 3, 1);
  CHECK(o3.shape == (Shape{1, 1, 2, 2}) && o3.value[0] == 6 && o3.value[3] == 11);
  std::vector<double> din(16, 0), dout = {1, 2, 3, 4};
  ag::avg_pool2d_backward(din.data(), dout.data(), ag::Pool2dGeometry::of(Shape{1, 1, 4, 4}, 3, 1));
  // the centre pixels lie in all four windows: (1+2+3+4)/9; the corners in one each
  CHECK_NEAR(din[5], 10.0 / 9, 1e-15);
  CHECK_NEAR(din[0], 1.0 / 9, 1e-15);
  CHECK_NEAR(din[15], 4.0 / 9, 1e-15);
  CHECK_NEAR(din[1], 3.0 / 9, 1e-15);  // windows 0 and 1
}

TEST("avg_pool2d: gradient against finite differences, several channels and strides") {
  const std::int64_t cases[][4] = {{2, 3, 6, 6}, {1, 2, 5, 7}};
  const std::int64_t windows[][2] = {{2, 2}, {3, 2}, {2, 1}, {2, 3}};
  lab::Rng rng(41);
  for (const auto& c : cases)
    for (const auto& k : windows) {
      std::vector<Leaf> leaves = {leaf(Shape{c[0], c[1], c[2], c[3]}, rng)};
      CHECK_GRAD(("avg_pool2d k" + std::to_string(k[0]) + " s" + std::to_string(k[1])).c_str(), leaves,
                 [&](TapeD& t, std::vector<TensorD>& in) { return ag::avg_pool2d(t, in[0], k[0], k[1]); });
    }
}

TEST("a built stack (conv, avg-pool, leaky relu, conv stride 2, max-pool, dropout, linear): gradient of every parameter against finite differences") {
  const Value layers = list({layer({{"type", "conv"}, {"out", 3.0}, {"kernel", 3.0}, {"pad", 1.0}}), layer({{"type", "avgpool"}, {"kernel", 2.0}}),
                             layer({{"type", "leaky_relu"}, {"alpha", 0.1}}),
                             layer({{"type", "conv"}, {"out", 4.0}, {"kernel", 2.0}, {"stride", 2.0}}), "tanh",
                             layer({{"type", "maxpool"}, {"kernel", 2.0}, {"stride", 1.0}}), "flatten",
                             layer({{"type", "dropout"}, {"p", 0.5}}), layer({{"type", "linear"}, {"out", 5.0}}), "gelu", "linear"});
  ag::ParamStore<double> store;
  lab::Rng rng(5);
  auto net = nn::build_stack<double>(store, nn::read_layer_list(layers, "m"), {2, 8, 8}, 3, rng, "m");
  net.eval();  // dropout off: a deterministic function of the parameters
  CHECK(net.describe() == "conv 2→3 3×3 stride 1 pad 1, avg-pool 2×2 stride 2, leaky_relu α=0.1, conv 3→4 2×2 stride 2 pad 0, tanh, "
                          "max-pool 2×2 stride 1, flatten, dropout p=0.5, linear 4→5, gelu, linear 5→3");
  CHECK(store.size() == (3 * 2 * 9 + 3) + (4 * 3 * 4 + 4) + (4 * 5 + 5) + (5 * 3 + 3));
  std::vector<double> img(2 * 2 * 64);
  for (auto& v : img) v = 2 * rng.uniform() - 1;
  const std::int32_t labels[2] = {0, 2};
  CHECK(model_grad_check(store, net, img, Shape{2, 2, 8, 8}, labels) < kGradTol);
}

TEST("a stack's weights: named by list index, initialised for the activation after them, same seed same weights") {
  ag::ParamStore<float> a, b;
  lab::Rng ra(3), rb(3);
  const auto layers = nn::read_layer_list(lenet5(), "m");
  nn::build_stack<float>(a, layers, {1, 28, 28}, 10, ra, "m");
  nn::build_stack<float>(b, layers, {1, 28, 28}, 10, rb, "m");
  CHECK(a.size() == 61706 && std::vector<float>(a.values(), a.values() + a.size()) == std::vector<float>(b.values(), b.values() + b.size()));
  CHECK(a.entries()[0].name == "layers.0.weight" && a.entries()[2].name == "layers.3.weight" && a.entries().back().name == "layers.11.bias");
  // conv 1→6 5×5 before relu: He normal, σ = √2/√25 ≈ 0.283; the last linear (no activation): Xavier
  // uniform within ±√(6/(84+10)) ≈ 0.253
  double s2 = 0;
  for (int i = 0; i < 150; ++i) s2 += static_cast<double>(a.values()[i]) * a.values()[i];
  CHECK_NEAR(std::sqrt(s2 / 150), std::sqrt(2.0 / 25), 0.05);
  const auto& last_w = a.entries()[a.entries().size() - 2];
  float most = 0;
  for (std::int64_t i = 0; i < last_w.numel; ++i) most = std::fmax(most, std::fabs(a.values()[last_w.offset + i]));
  CHECK(most <= std::sqrt(6.0 / 94) && most > 0.2);
}

TEST("upsample_nearest: each value over an f×f block, by hand; its gradient the block's sum") {
  const double a[4] = {1, 2, 3, 4};  // [1, 1, 2, 2]
  ag::Tape<double> tape;
  auto out = ag::upsample_nearest(tape, ag::constant(const_cast<double*>(a), Shape{1, 1, 2, 2}), 2);
  CHECK(out.shape == (Shape{1, 1, 4, 4}));
  const double want[16] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
  for (int i = 0; i < 16; ++i) CHECK(out.value[i] == want[i]);
  auto o3 = ag::upsample_nearest(tape, ag::constant(const_cast<double*>(a), Shape{2, 2, 1, 1}), 3);  // four 1×1 planes → 3×3
  CHECK(o3.shape == (Shape{2, 2, 3, 3}) && o3.value[0] == 1 && o3.value[8] == 1 && o3.value[9] == 2 && o3.value[35] == 4);
  std::vector<double> din(4, 0), dout(16);
  for (int i = 0; i < 16; ++i) dout[i] = i;  // rows 0…3 / 4…7 / 8…11 / 12…15
  ag::upsample_nearest_backward(din.data(), dout.data(), 1, 2, 2, 2);
  CHECK(din[0] == 0 + 1 + 4 + 5 && din[1] == 2 + 3 + 6 + 7 && din[2] == 8 + 9 + 12 + 13 && din[3] == 10 + 11 + 14 + 15);
  CHECK_THROWS_CODE(ag::upsample_nearest(tape, ag::constant(const_cast<double*>(a), Shape{2, 2}), 2), "INTERNAL", "expects [N,C,H,W], got [2, 2]");
}

TEST("upsample_nearest: gradient against finite differences, factors 1, 2, 3") {
  lab::Rng rng(43);
  for (std::int64_t f : {1, 2, 3}) {
    std::vector<Leaf> leaves = {leaf(Shape{2, 3, 3, 2}, rng)};
    CHECK_GRAD(("upsample ×" + std::to_string(f)).c_str(), leaves,
               [&](TapeD& t, std::vector<TensorD>& in) { return ag::upsample_nearest(t, in[0], f); });
  }
}

// A decoder as the VAE lab builds one: flat features → feature maps → larger maps → pixels.
Value small_decoder() {
  return list({layer({{"type", "linear"}, {"out", 18.0}}), "relu",
               layer({{"type", "reshape"}, {"channels", 2.0}, {"height", 3.0}, {"width", 3.0}}),
               layer({{"type", "upsample"}, {"factor", 2.0}}), layer({{"type", "conv"}, {"out", 3.0}, {"kernel", 3.0}, {"pad", 1.0}}), "tanh",
               "upsample", layer({{"type", "conv"}, {"out", 1.0}, {"kernel", 3.0}, {"pad", 1.0}}), "flatten"});
}

TEST("reshape and upsample in a stack: shapes, parameters, and every parameter's gradient against finite differences") {
  const auto shapes = shapes_of(small_decoder(), {4}, 144);
  CHECK(shapes[2].describe == "reshape to [2, 3, 3]" && shapes[2].output == (std::vector<std::int64_t>{2, 3, 3}));
  CHECK(shapes[3].describe == "upsample ×2" && shapes[3].output == (std::vector<std::int64_t>{2, 6, 6}));
  CHECK(shapes[6].output == (std::vector<std::int64_t>{3, 12, 12}));
  CHECK(shapes.back().output == (std::vector<std::int64_t>{144}));
  ag::ParamStore<double> store;
  lab::Rng rng(6);
  auto net = nn::build_stack<double>(store, nn::read_layer_list(small_decoder(), "d"), {4}, 144, rng, "d", nullptr, "decoder");
  CHECK(store.size() == (4 * 18 + 18) + (3 * 2 * 9 + 3) + (1 * 3 * 9 + 1));
  CHECK(store.entries()[0].name == "decoder.0.weight" && store.entries().back().name == "decoder.7.bias");
  std::vector<double> z(2 * 4);
  for (auto& v : z) v = 2 * rng.uniform() - 1;
  std::vector<double> target(2 * 144);
  for (auto& v : target) v = rng.uniform();
  ag::Tape<double> tape;
  const double err = param_grad_check(store, tape, [&] {
    tape.reset();
    auto y = net.forward(tape, ag::constant(z.data(), Shape{2, 4}));
    return ag::sum(tape, ag::mul(tape, y, ag::constant(target.data(), Shape{2, 144})));
  });
  CHECK(err < kGradTol);
}

TEST("reshape and upsample refused where they cannot run, naming the layer and the shapes; an encoder's output of any width") {
  auto reshape = [](double c, double h, double w) { return layer({{"type", "reshape"}, {"channels", c}, {"height", h}, {"width", w}}); };
  CHECK_THROWS_CODE(shapes_of(list({layer({{"type", "linear"}, {"out", 10.0}}), reshape(2, 3, 3), "flatten", "linear"}), {4}, 3), "INVALID_CONFIG",
                    "model.layers[1] (reshape to [2, 3, 3]): its input has 10 features, but [2, 3, 3] holds 18");
  CHECK_THROWS_CODE(shapes_of(list({reshape(1, 2, 2), "flatten", "linear"}), {1, 2, 2}, 3), "INVALID_CONFIG",
                    "model.layers[0] (reshape to [1, 2, 2]): expects flat features, got feature maps [1, 2, 2]");
  CHECK_THROWS_CODE(shapes_of(list({"upsample", "linear"}), {4}, 3), "INVALID_CONFIG",
                    "model.layers[0] (upsample ×2): expects feature maps [channels, height, width], got [4] (add reshape before it)");
  CHECK_THROWS_CODE(nn::read_layer_list(list({"reshape"}), "m"), "INVALID_CONFIG", "m[0]: \"reshape\" needs its settings");
  CHECK_THROWS_CODE(nn::read_layer_list(list({layer({{"type", "upsample"}, {"factor", 9.0}})}), "m"), "INVALID_CONFIG", "m[0].factor");
  // kAnyOutputs: any flat width; the last linear layer must say its width; feature maps are refused
  const Value enc = list({layer({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}, {"stride", 2.0}, {"pad", 1.0}}), "relu", "flatten"});
  CHECK(shapes_of(enc, {1, 8, 8}, nn::kAnyOutputs).back().output == (std::vector<std::int64_t>{64}));
  CHECK_THROWS_CODE(shapes_of(list({"flatten", "linear"}), {1, 8, 8}, nn::kAnyOutputs), "INVALID_CONFIG", "model.layers[1] (linear 64→?): needs out (its width)");
  CHECK_THROWS_CODE(shapes_of(list({layer({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}})}), {1, 8, 8}, nn::kAnyOutputs), "INVALID_CONFIG",
                    "model.layers[0] (conv 1→4 3×3 stride 1 pad 0): the output is [4, 6, 6], expected flat features");
}

CHECK_MAIN()

TEST("a stack runs relu → max-pool fused: the same bits as layer by layer, loss and every parameter's gradient") {
  ag::ParamStore<float> store;
  lab::Rng rng(4);
  auto net = nn::build_stack<float>(store, nn::read_layer_list(lenet5(), "m"), {1, 28, 28}, 10, rng, "m");
  std::vector<float> img(3 * 28 * 28);
  for (auto& v : img) v = static_cast<float>(rng.uniform());
  const std::int32_t labels[3] = {7, 0, 3};
  auto run = [&](bool fused) {
    ag::Tape<float> tape;
    store.zero_grad();
    ag::Tensor<float> x = ag::constant(img.data(), Shape{3, 1, 28, 28});
    if (fused) x = net.forward(tape, x);
    else
      for (std::size_t i = 0; i < net.size(); ++i) x = net.layer(i).forward(tape, x);
    auto loss = ag::softmax_cross_entropy(tape, x, labels).loss;
    tape.backward(loss);
    std::vector<float> all{loss.value[0]};
    all.insert(all.end(), store.grads(), store.grads() + store.size());
    return all;
  };
  const auto layered = run(false);
  CHECK(run(true) == layered);
  CHECK(layered[0] > 0 && std::isfinite(layered[0]));
}
