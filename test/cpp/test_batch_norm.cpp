// Batch normalisation (ops/batch_norm.hpp, nn/batch_norm.hpp): forward, gradients and running
// statistics pinned to torch.nn.BatchNorm2d in float64 (numbers from scripts/fixtures/batch_norm.py),
// gradients against finite differences in both modes and inside a built stack, buffers kept out of the
// trained slab, and a checkpoint that carries them.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "error.hpp"
#include "grad_check.hpp"
#include "nn/batch_norm.hpp"
#include "nn/checkpoint.hpp"
#include "nn/layer_stack.hpp"

namespace ag = lab::ag;
namespace nn = lab::nn;
using ag::Shape;
using lab::Value;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

namespace {

// torch.nn.BatchNorm2d(2) on x[i] = 2·sin(i) + 0.1·i, shape [2,2,2,3], γ = (1.5, −0.5), β = (0.2, 0.1),
// loss Σ out·cos(i); then running statistics after that one training step, and eval mode with them.
const double kOut[] = {
    -0.75126164439093945, 1.0818538272547114, 1.3241381836864634, -0.15263689947549264, -1.8962044256972941, -2.2090096566722459,
    0.60734008672282191, -0.061293764140838342, -0.32048484676163996, 0.036905261270988511, 0.65113307919070107, 0.9263197202287512,
    -0.6208376964261102, 1.449303248783719, 2.7251033220695571, 2.1281246152778741, 0.30175339389657163, -0.98032626830681513,
    0.52028484162569821, -0.12425977678289687, -0.67539892886906383, -0.65757848354327797, -0.11834313968494695, 0.41537595074370343};
const double kDx[] = {1.0443350928891446, 0.59667813604292919, -0.38338506486075197, -0.99350095269024696, -0.67144382385486634, 0.28797645265051286,
                      -0.31790829273101739, -0.26537471929855105, 0.032720084394526651, 0.30149935113615889, 0.29303888319192262, 0.014307416341039641,
                      0.88557205416567908, 0.97916103242027541, 0.2041463957642434, -0.7256390030101515, -0.95406678618095953, -0.26983353333580823,
                      -0.21854256283054826, -0.34659156448602652, -0.16412629614134408, 0.16028573653783365, 0.32757182737774931, 0.18312013650825656};
const double kDgamma[] = {-0.23854521349650262, -0.46005199261308466};
const double kDbeta[] = {-0.34029123552311458, -0.20062330449618315};
const double kRunningMean[] = {0.092522502597599185, 0.15380759422723858};
const double kRunningVar[] = {1.1322008521344553, 1.1374202836040903};
const double kEval[] = {
    0.069570756987703583, 2.582989275758671, 2.9151898368708333, 0.89035621373490148, -1.5002814612607742, -1.9291744974398128,
    0.15280740405273002, -0.77208581063191895, -1.1306139846289445, -0.63625120971434779, 0.21338441721465626, 0.5940385775435072,
    0.24839744367304192, 3.0868059720159891, 4.8360790429411331, 4.0175504995018336, 1.5133791469742575, -0.24450398442976518,
    0.032387527929143303, -0.85918405995501923, -1.6215517765358054, -1.5969015005391765, -0.85099982354733972, -0.1127285489962446};

Value layer(Value::Object o) { return Value(std::move(o)); }
Value list(Value::Array a) { return Value(std::move(a)); }

}  // namespace

TEST("BatchNorm2d against torch in float64: output, input/γ/β gradients, running statistics, eval output") {
  ag::ParamStore<double> store;
  nn::BatchNorm<double> bn(store, "bn", 2);
  CHECK(store.size() == 4 && store.buffer_size() == 4);  // γ, β trained; the running statistics are buffers
  CHECK(store.entries()[0].name == "bn.weight" && store.buffer_entries()[1].name == "bn.running_var");
  CHECK(store.values()[0] == 1 && store.values()[2] == 0 && store.buffer_values()[0] == 0 && store.buffer_values()[2] == 1);
  store.values()[0] = 1.5, store.values()[1] = -0.5, store.values()[2] = 0.2, store.values()[3] = 0.1;
  std::vector<double> x(24), dx(24, 0), w(24);
  for (int i = 0; i < 24; ++i) x[i] = 2 * std::sin(i) + 0.1 * i, w[i] = std::cos(i);
  TapeD tape;
  TensorD out = bn.forward(tape, TensorD{x.data(), dx.data(), Shape{2, 2, 2, 3}});
  store.zero_grad();
  tape.backward(ag::sum(tape, ag::mul(tape, out, ag::constant(w.data(), out.shape))));
  for (int i = 0; i < 24; ++i) {
    CHECK_NEAR(out.value[i], kOut[i], 1e-13);
    CHECK_NEAR(dx[i], kDx[i], 1e-13);
  }
  for (int c = 0; c < 2; ++c) {
    CHECK_NEAR(store.grads()[c], kDgamma[c], 1e-13);
    CHECK_NEAR(store.grads()[2 + c], kDbeta[c], 1e-13);
    CHECK_NEAR(bn.running_mean()[c], kRunningMean[c], 1e-14);
    CHECK_NEAR(bn.running_var()[c], kRunningVar[c], 1e-14);
  }
  bn.set_training(false);
  tape.reset();
  TensorD ev = bn.forward(tape, ag::constant(x.data(), Shape{2, 2, 2, 3}));
  for (int i = 0; i < 24; ++i) CHECK_NEAR(ev.value[i], kEval[i], 1e-13);
  CHECK_NEAR(bn.running_mean()[0], kRunningMean[0], 1e-14);  // eval moves nothing
}

TEST("batch_norm by hand: one channel of 1, 2, 3, 4 standardises to ±1.342, ±0.447") {
  std::vector<double> x = {1, 2, 3, 4}, g = {1}, b = {0}, mean(1), var(1);
  TapeD tape;
  auto out = ag::batch_norm_train(tape, ag::constant(x.data(), Shape{4, 1}), ag::constant(g.data(), Shape{1}),
                                  ag::constant(b.data(), Shape{1}), 0.0 + 1e-300, mean.data(), var.data());
  // μ = 2.5, σ² = 1.25 (biased), so x̂ = (x − 2.5)/√1.25; the unbiased variance handed back is 5/3
  CHECK_NEAR(out.value[0], -1.5 / std::sqrt(1.25), 1e-12);
  CHECK_NEAR(out.value[2], 0.5 / std::sqrt(1.25), 1e-12);
  CHECK(mean[0] == 2.5);
  CHECK_NEAR(var[0], 5.0 / 3, 1e-15);
}

TEST("batch_norm: gradients against finite differences, training and eval, feature maps and flat features") {
  lab::Rng rng(17);
  const Shape shapes[] = {Shape{3, 2, 3, 3}, Shape{5, 4}, Shape{2, 3, 1, 5}};
  for (const Shape& s : shapes) {
    const std::int64_t C = s[1];
    std::vector<Leaf> leaves = {leaf(s, rng, -2, 2), leaf(Shape{C}, rng, 0.5, 1.5), leaf(Shape{C}, rng)};
    CHECK_GRAD(("batch_norm train " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::batch_norm_train<double>(t, in[0], in[1], in[2], 1e-5, nullptr, nullptr); });
    Leaf m = leaf(Shape{C}, rng), v = leaf(Shape{C}, rng, 0.5, 2);
    CHECK_GRAD(("batch_norm eval " + s.str()).c_str(), leaves, [&](TapeD& t, std::vector<TensorD>& in) {
      return ag::batch_norm_eval(t, in[0], in[1], in[2], m.value.data(), v.value.data(), 1e-5);
    });
  }
}

TEST("a training batch with one value per channel gives β and leaves the running statistics alone") {
  ag::ParamStore<double> store;
  nn::BatchNorm<double> bn(store, "bn", 3);
  store.values()[3] = 0.25;  // β_0
  std::vector<double> x = {5, -1, 2};
  TapeD tape;
  auto out = bn.forward(tape, ag::constant(x.data(), Shape{1, 3}));
  CHECK(out.value[0] == 0.25 && out.value[1] == 0 && std::isfinite(out.value[2]));
  CHECK(bn.running_mean()[0] == 0 && bn.running_var()[0] == 1);
}

TEST("batchnorm in a layer list: shapes, parameters, fields, and a built stack's gradient against finite differences") {
  const Value layers = list({layer({{"type", "conv"}, {"out", 3.0}, {"kernel", 3.0}, {"pad", 1.0}}), "batchnorm", "relu",
                             layer({{"type", "maxpool"}, {"kernel", 2.0}}), "flatten", layer({{"type", "linear"}, {"out", 6.0}}),
                             layer({{"type", "batchnorm"}, {"momentum", 0.5}, {"eps", 1e-3}}), "tanh", "linear"});
  const auto specs = nn::read_layer_list(layers, "m");
  const auto shapes = nn::infer_shapes(specs, {2, 6, 6}, 4, "m");
  CHECK(shapes[1].describe == "batch norm 3" && shapes[1].parameters == 6 && shapes[1].output == (std::vector<std::int64_t>{3, 6, 6}));
  CHECK(shapes[6].describe == "batch norm 6" && shapes[6].parameters == 12);
  CHECK_THROWS_CODE(nn::read_layer_list(list({layer({{"type", "batchnorm"}, {"momentum", 1.5}})}), "m"), "INVALID_CONFIG",
                    "m[0].momentum: expected a finite number in [0, 1], got 1.5");
  CHECK_THROWS_CODE(nn::read_layer_list(list({layer({{"type", "batchnorm"}, {"eps", 0.0}})}), "m"), "INVALID_CONFIG", "m[0].eps");
  CHECK_THROWS_CODE(nn::read_layer_list(list({layer({{"type", "batchnorm"}, {"p", 0.5}})}), "m"), "INVALID_CONFIG", "m[0].p");

  ag::ParamStore<double> store;
  lab::Rng rng(8);
  auto net = nn::build_stack<double>(store, specs, {2, 6, 6}, 4, rng, "m");
  CHECK(store.size() == (3 * 2 * 9 + 3) + 6 + (27 * 6 + 6) + 12 + (6 * 4 + 4) && store.buffer_size() == 3 * 2 + 6 * 2);
  CHECK(store.buffer_entries()[0].name == "layers.1.running_mean" && store.buffer_entries()[3].name == "layers.6.running_var");
  std::vector<double> img(5 * 2 * 36);
  for (auto& v : img) v = 2 * rng.uniform() - 1;
  const std::int32_t labels[5] = {0, 3, 1, 2, 3};
  CHECK(model_grad_check(store, net, img, Shape{5, 2, 6, 6}, labels) < kGradTol);
}

TEST("a checkpoint carries the running statistics after the parameters, and refuses a model without them") {
  const Value with_bn = list({"flatten", layer({{"type", "linear"}, {"out", 4.0}}), "batchnorm", "relu", "linear"});
  const Value without = list({"flatten", layer({{"type", "linear"}, {"out", 4.0}}), "relu", "linear"});
  ag::ParamStore<float> a, b, c;
  lab::Rng ra(1), rb(2), rc(3);
  auto na = nn::build_stack<float>(a, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, ra, "m");
  nn::build_stack<float>(b, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, rb, "m");
  nn::build_stack<float>(c, nn::read_layer_list(without, "m"), {1, 2, 2}, 3, rc, "m");
  std::vector<float> x(8 * 4);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<float>(i));
  ag::Tape<float> tape;
  na.forward(tape, ag::constant(x.data(), Shape{8, 1, 2, 2}));  // one training step moves the statistics
  CHECK(a.buffer_values()[0] != 0 && a.buffer_values()[4] != 1);
  const std::string path = (std::filesystem::temp_directory_path() / "gradlab_test_batch_norm.glw").string();
  nn::save_weights(a, path);
  nn::load_weights(b, path);
  CHECK(std::vector<float>(a.values(), a.values() + a.size()) == std::vector<float>(b.values(), b.values() + b.size()));
  CHECK(std::vector<float>(a.buffer_values(), a.buffer_values() + 8) == std::vector<float>(b.buffer_values(), b.buffer_values() + 8));
  CHECK_THROWS_CODE(nn::load_weights(c, path), "INVALID_CONFIG", "holds 8 parameters and buffers, the model has 4");
  std::filesystem::remove(path);
}

TEST("two nets in one weights file: names behind their prefixes, every parameter, then every buffer") {
  const Value with_bn = list({"flatten", layer({{"type", "linear"}, {"out", 4.0}}), "batchnorm", "relu", "linear"});
  const Value plain = list({"flatten", "linear"});
  ag::ParamStore<float> a, c;
  lab::Rng ra(1), rc(3);
  nn::build_stack<float>(a, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, ra, "m");
  nn::build_stack<float>(c, nn::read_layer_list(plain, "m"), {1, 2, 2}, 3, rc, "m");
  const std::string bytes = nn::weights_bytes({{"g.", &a}, {"d.", &c}});
  std::size_t at = 12;  // after the magic and the version
  auto u32 = [&] { std::uint32_t v; std::memcpy(&v, bytes.data() + at, 4); at += 4; return v; };
  const std::uint32_t n = u32();
  CHECK(n == a.entries().size() + c.entries().size() + a.buffer_entries().size());
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t len = u32();
    names.push_back(bytes.substr(at, len));
    at += len;
    at += 8 * u32();  // the dimensions
  }
  CHECK(names.front() == "g." + a.entries()[0].name && names[a.entries().size()] == "d." + c.entries()[0].name);
  CHECK(names[a.entries().size() + c.entries().size()] == "g.layers.2.running_mean" && names.back() == "g.layers.2.running_var");
  std::uint64_t count;
  std::memcpy(&count, bytes.data() + at, 8);
  at += 8;
  CHECK(count == a.size() + c.size() + a.buffer_size() && bytes.size() == at + 4 * count);
  std::vector<float> v(count);
  std::memcpy(v.data(), bytes.data() + at, 4 * count);
  CHECK(v[0] == a.values()[0] && v[a.size()] == c.values()[0] && v[a.size() + c.size()] == a.buffer_values()[0] && v.back() == 1.f);
}

TEST("two nets read back from one file: each from its prefix; one net's file goes to the first; a mismatch changes nothing") {
  const Value with_bn = list({"flatten", layer({{"type", "linear"}, {"out", 4.0}}), "batchnorm", "relu", "linear"});
  const Value plain = list({"flatten", "linear"});
  ag::ParamStore<float> g, d, g2, d2;
  lab::Rng r1(1), r2(2), r3(3), r4(4);
  nn::build_stack<float>(g, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, r1, "m");
  nn::build_stack<float>(d, nn::read_layer_list(plain, "m"), {1, 2, 2}, 3, r2, "m");
  nn::build_stack<float>(g2, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, r3, "m");
  nn::build_stack<float>(d2, nn::read_layer_list(plain, "m"), {1, 2, 2}, 3, r4, "m");
  g.buffer_values()[0] = 0.25f;  // a running statistic that must travel too
  const auto same = [](const ag::ParamStore<float>& a, const ag::ParamStore<float>& b) {
    return std::vector<float>(a.values(), a.values() + a.size()) == std::vector<float>(b.values(), b.values() + b.size()) &&
           std::vector<float>(a.buffer_values(), a.buffer_values() + a.buffer_size()) == std::vector<float>(b.buffer_values(), b.buffer_values() + b.buffer_size());
  };
  nn::load_named_weights_bytes({{"g.", &g2}, {"d.", &d2}}, nn::weights_bytes({{"g.", &g}, {"d.", &d}}), "both");
  CHECK(same(g, g2) && same(d, d2));
  ag::ParamStore<float> g3, d3;
  lab::Rng r5(5), r6(6);
  nn::build_stack<float>(g3, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, r5, "m");
  nn::build_stack<float>(d3, nn::read_layer_list(plain, "m"), {1, 2, 2}, 3, r6, "m");
  const std::vector<float> d3_before(d3.values(), d3.values() + d3.size());
  nn::load_named_weights_bytes({{"g.", &g3}, {"d.", &d3}}, nn::weights_bytes(g), "generator only");
  CHECK(same(g, g3) && std::vector<float>(d3.values(), d3.values() + d3.size()) == d3_before);
  // the discriminator's part does not fit: an error naming it, and the generator is left as it was
  ag::ParamStore<float> g4, wrong;
  lab::Rng r7(7), r8(8);
  nn::build_stack<float>(g4, nn::read_layer_list(with_bn, "m"), {1, 2, 2}, 3, r7, "m");
  nn::build_stack<float>(wrong, nn::read_layer_list(list({"flatten", layer({{"type", "linear"}, {"out", 5.0}}), "linear"}), "m"), {1, 2, 2}, 3, r8, "m");
  const std::vector<float> g4_before(g4.values(), g4.values() + g4.size());
  CHECK_THROWS_CODE(nn::load_named_weights_bytes({{"g.", &g4}, {"d.", &wrong}}, nn::weights_bytes({{"g.", &g}, {"d.", &d}}), "mixed"), "INVALID_CONFIG", "mixed (d.*)");
  CHECK(std::vector<float>(g4.values(), g4.values() + g4.size()) == g4_before);
}

// Rows [N, C] (a linear layer's batch norm) run their own loops, channels innermost; [1, C, N, 1] holds
// the same numbers one channel at a time (S = N positions) and runs the per-channel loops. Both sum
// each channel over the same values in the same order with the same expressions, so the output, the
// batch statistics and every gradient must agree bit for bit, in training and in evaluation.
template <class T>
void rows_match_planes() {
  const std::int64_t N = 37, C = 70;
  std::vector<T> x(N * C), xt(N * C), w(N * C), wt(N * C), gamma(C), beta(C);
  for (std::int64_t b = 0; b < N; ++b)
    for (std::int64_t c = 0; c < C; ++c) {
      const double i = static_cast<double>(b * C + c);
      x[b * C + c] = xt[c * N + b] = static_cast<T>(1.5 * std::sin(0.7 * i) + 0.01 * c);
      w[b * C + c] = wt[c * N + b] = static_cast<T>(std::cos(1.3 * i));
    }
  for (std::int64_t c = 0; c < C; ++c) gamma[c] = static_cast<T>(1 + 0.1 * std::sin(c)), beta[c] = static_cast<T>(0.05 * c);
  for (bool training : {true, false}) {
    struct Got { std::vector<T> out, dx, dgamma, dbeta, mean, var; };
    auto run = [&](const std::vector<T>& in, const std::vector<T>& weights, Shape shape) {
      Got g{std::vector<T>(N * C), std::vector<T>(N * C, 0), std::vector<T>(C, 0), std::vector<T>(C, 0), std::vector<T>(C, 0), std::vector<T>(C, 1)};
      std::vector<T> gm = gamma, bt = beta;
      ag::Tape<T> tape;
      const ag::Tensor<T> xin{const_cast<T*>(in.data()), g.dx.data(), shape};
      const ag::Tensor<T> gam{gm.data(), g.dgamma.data(), Shape{C}}, bet{bt.data(), g.dbeta.data(), Shape{C}};
      std::vector<T> mean(C), var(C);
      for (std::int64_t c = 0; c < C; ++c) mean[c] = static_cast<T>(0.1 * c), var[c] = static_cast<T>(1 + 0.02 * c);
      const ag::Tensor<T> out = training ? ag::batch_norm_train(tape, xin, gam, bet, 1e-5, g.mean.data(), g.var.data())
                                         : ag::batch_norm_eval(tape, xin, gam, bet, mean.data(), var.data(), 1e-5);
      std::copy_n(out.value, N * C, g.out.begin());
      tape.backward(ag::sum(tape, ag::mul(tape, out, ag::constant(const_cast<T*>(weights.data()), out.shape))));
      return g;
    };
    const Got rows = run(x, w, Shape{N, C}), planes = run(xt, wt, Shape{1, C, N, 1});
    auto same = [](const T& a, const T& b) { return std::memcmp(&a, &b, sizeof(T)) == 0; };
    bool out_same = true, dx_same = true;
    for (std::int64_t b = 0; b < N; ++b)
      for (std::int64_t c = 0; c < C; ++c) {
        out_same = out_same && same(rows.out[b * C + c], planes.out[c * N + b]);
        dx_same = dx_same && same(rows.dx[b * C + c], planes.dx[c * N + b]);
      }
    CHECK(out_same);
    CHECK(dx_same);
    CHECK(std::memcmp(rows.dgamma.data(), planes.dgamma.data(), C * sizeof(T)) == 0);
    CHECK(std::memcmp(rows.dbeta.data(), planes.dbeta.data(), C * sizeof(T)) == 0);
    CHECK(std::memcmp(rows.mean.data(), planes.mean.data(), C * sizeof(T)) == 0);
    CHECK(std::memcmp(rows.var.data(), planes.var.data(), C * sizeof(T)) == 0);
    // and by hand: channel 3's output at example 0 is γ·(x − μ)/√(σ² + ε) + β with the batch's μ, σ²
    double mu = 0, sq = 0;
    for (std::int64_t b = 0; b < N; ++b) mu += x[b * C + 3];
    mu /= N;
    for (std::int64_t b = 0; b < N; ++b) sq += (x[b * C + 3] - mu) * (x[b * C + 3] - mu);
    const double want = training ? gamma[3] * (x[3] - mu) / std::sqrt(sq / N + 1e-5) + beta[3]
                                 : gamma[3] * (x[3] - 0.3) / std::sqrt(1.06 + 1e-5) + beta[3];
    CHECK_NEAR(rows.out[3], want, sizeof(T) == 4 ? 1e-5 : 1e-12);
  }
}

TEST("batch norm of rows [N, C] gives the per-channel loops' bits (float and double, training and evaluation)") {
  rows_match_planes<float>();
  rows_match_planes<double>();
}

CHECK_MAIN()
