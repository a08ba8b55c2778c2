// The autograd ops: every op's gradient against central finite differences in float64, loss values on
// hand-made cases, stability on huge logits, dropout's mask, and the errors of bad shapes and labels.
// The gradient check itself is in grad_check.hpp. Inputs of relu, leaky relu and L1 are kept at
// |x| ≥ 0.1, away from their kinks.
#include <bit>
#include <cmath>
#include <limits>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/ops/exp_fast.hpp"
#include "autograd/ops/softplus_fast.hpp"
#include "autograd/ops/tanh_fast.hpp"
#include "check.hpp"
#include "grad_check.hpp"
#include "error.hpp"
#include "runtime/rng.hpp"

namespace ag = lab::ag;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

namespace {

const Shape kShapes[] = {Shape{3, 5}, Shape{1, 4}, Shape{2, 3, 2}, Shape{7}, Shape{1, 2, 1, 3}};

// Checks a unary op on several shapes.
void check_unary(const char* name, const std::function<TensorD(TapeD&, TensorD)>& f, bool away_from_zero,
                 double lo = -2, double hi = 2) {
  lab::Rng rng(17);
  for (const Shape& s : kShapes) {
    std::vector<Leaf> leaves = {leaf(s, rng, lo, hi, away_from_zero)};
    CHECK_GRAD((std::string(name) + " " + s.str()).c_str(), leaves,
               [&](TapeD& t, std::vector<TensorD>& in) { return f(t, in[0]); });
  }
}

}  // namespace

// ---- gradients ----------------------------------------------------------------------------------------

TEST("matmul: gradient of both operands, non-square and batch 1") {
  lab::Rng rng(1);
  const std::int64_t dims[][3] = {{3, 4, 5}, {1, 7, 2}, {5, 1, 3}, {2, 9, 1}, {6, 13, 11}};
  for (const auto& d : dims) {
    std::vector<Leaf> leaves = {leaf(Shape{d[0], d[1]}, rng), leaf(Shape{d[1], d[2]}, rng)};
    CHECK_GRAD(("matmul " + leaves[0].shape.str() + "·" + leaves[1].shape.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::matmul(t, in[0], in[1]); });
  }
}

TEST("add: same shapes and a bias row broadcast over the batch") {
  lab::Rng rng(2);
  for (const Shape& s : kShapes) {
    std::vector<Leaf> leaves = {leaf(s, rng), leaf(s, rng)};
    CHECK_GRAD(("add " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::add(t, in[0], in[1]); });
  }
  const std::int64_t dims[][2] = {{4, 3}, {1, 5}, {6, 1}};
  for (const auto& d : dims) {
    std::vector<Leaf> leaves = {leaf(Shape{d[0], d[1]}, rng), leaf(Shape{d[1]}, rng)};
    CHECK_GRAD(("bias add " + leaves[0].shape.str() + " + " + leaves[1].shape.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::add(t, in[0], in[1]); });
  }
}

TEST("mul: elementwise, and a tensor used twice (x·x, x + x)") {
  lab::Rng rng(3);
  for (const Shape& s : kShapes) {
    std::vector<Leaf> leaves = {leaf(s, rng), leaf(s, rng)};
    CHECK_GRAD(("mul " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::mul(t, in[0], in[1]); });
  }
  std::vector<Leaf> one = {leaf(Shape{3, 4}, rng)};
  CHECK_GRAD("mul x·x", one, [](TapeD& t, std::vector<TensorD>& in) { return ag::mul(t, in[0], in[0]); });
  CHECK_GRAD("add x+x", one, [](TapeD& t, std::vector<TensorD>& in) { return ag::add(t, in[0], in[0]); });
}

TEST("sum and mean") {
  lab::Rng rng(4);
  for (const Shape& s : kShapes) {
    std::vector<Leaf> leaves = {leaf(s, rng)};
    CHECK_GRAD(("sum " + s.str()).c_str(), leaves, [](TapeD& t, std::vector<TensorD>& in) { return ag::sum(t, in[0]); });
    CHECK_GRAD(("mean " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::mean(t, in[0]); });
  }
}

TEST("activations: relu, leaky_relu, tanh, sigmoid, gelu, softplus") {
  check_unary("relu", [](TapeD& t, TensorD x) { return ag::relu(t, x); }, true);
  check_unary("leaky_relu 0.1", [](TapeD& t, TensorD x) { return ag::leaky_relu(t, x, 0.1); }, true);
  check_unary("tanh", [](TapeD& t, TensorD x) { return ag::tanh(t, x); }, false);
  check_unary("sigmoid", [](TapeD& t, TensorD x) { return ag::sigmoid(t, x); }, false, -6, 6);
  check_unary("gelu", [](TapeD& t, TensorD x) { return ag::gelu(t, x); }, false, -4, 4);
  check_unary("softplus", [](TapeD& t, TensorD x) { return ag::softplus(t, x); }, false, -6, 6);
}

// The float tanh (ops/tanh_fast.hpp) against the reference std::tanh in double, on every 61st float
// bit pattern (positive and negative, subnormals to infinities, ~70 million values) plus NaN: within
// 2 ulp of the exact value rounded to float.
TEST("tanh_fast: within 2 ulp of std::tanh over the float range") {
  std::vector<float> in, out;
  for (std::uint64_t bits = 0; bits < (1ull << 32); bits += 61) in.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
  in.push_back(0.0f), in.push_back(-0.0f), in.push_back(0.625f), in.push_back(10.0f);
  out.resize(in.size());
  ag::tanh_fast(out.data(), in.data(), static_cast<std::int64_t>(in.size()));
  double worst = 0;
  float worst_x = 0;
  std::size_t nan_ok = 0, nans = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const float x = in[i];
    if (std::isnan(x)) {
      ++nans;
      nan_ok += std::isnan(out[i]);
      continue;
    }
    const double ref = std::tanh(static_cast<double>(x));
    const float rf = static_cast<float>(ref);
    const double ulp = std::fabs(static_cast<double>(std::nextafter(rf, 2.0f)) - rf);
    const double err = std::fabs(static_cast<double>(out[i]) - ref) / (ulp > 0 ? ulp : 1e-45);
    if (err > worst) worst = err, worst_x = x;
  }
  std::printf("  tanh_fast: worst %.2f ulp at x = %.9g over %zu values; NaN in → NaN out %zu/%zu\n", worst,
              static_cast<double>(worst_x), in.size(), nan_ok, nans);
  CHECK(worst <= 2.0);
  CHECK(nan_ok == nans);
  float signs[2] = {0.0f, -0.0f}, res[2];
  ag::tanh_fast(res, signs, 2);
  CHECK(!std::signbit(res[0]) && std::signbit(res[1]));
}

TEST("softmax cross-entropy: gradient of the logits") {
  lab::Rng rng(5);
  const std::int64_t dims[][2] = {{4, 3}, {1, 5}, {6, 2}, {3, 1}};
  for (const auto& d : dims) {
    std::vector<Leaf> leaves = {leaf(Shape{d[0], d[1]}, rng, -3, 3)};
    std::vector<std::int32_t> labels(static_cast<std::size_t>(d[0]));
    for (auto& y : labels) y = static_cast<std::int32_t>(rng.next_u64() % static_cast<std::uint64_t>(d[1]));
    CHECK_GRAD(("cross-entropy " + leaves[0].shape.str()).c_str(), leaves, [&](TapeD& t, std::vector<TensorD>& in) {
      return ag::softmax_cross_entropy(t, in[0], labels.data()).loss;
    });
  }
}

TEST("weighted cross-entropy: by hand ([0, ln 3] rows, weights 2 and −1), and its gradient by finite differences") {
  // rows as in the unweighted case: CE = ln(4/3) and ln 4; loss = (2·ln(4/3) − ln 4) / 2
  double z[4] = {0, std::log(3.0), 0, std::log(3.0)}, dz[4] = {};
  double w[2] = {2, -1};
  const std::int32_t y[2] = {1, 0};
  TapeD tape;
  TensorD loss = ag::weighted_cross_entropy(tape, TensorD{z, dz, Shape{2, 2}}, y, TensorD{w, nullptr, Shape{2}});
  CHECK_REL(loss.value[0], (2 * std::log(4.0 / 3.0) - std::log(4.0)) / 2, 1e-15);
  tape.backward(loss);
  // w_b/B · (p − onehot): row 0 ·1 → (1/4, −1/4); row 1 ·(−1/2) → (3/8, −3/8)
  CHECK_REL(dz[0], 0.25, 1e-15);
  CHECK_REL(dz[1], -0.25, 1e-15);
  CHECK_REL(dz[2], 0.375, 1e-15);
  CHECK_REL(dz[3], -0.375, 1e-15);
  lab::Rng rng(9);
  std::vector<Leaf> leaves = {leaf(Shape{5, 3}, rng, -3, 3)};
  std::vector<std::int32_t> labels(5);
  std::vector<double> weights(5);
  for (std::size_t b = 0; b < 5; ++b) labels[b] = static_cast<std::int32_t>(rng.next_u64() % 3), weights[b] = 4 * rng.uniform() - 2;
  CHECK_GRAD("weighted cross-entropy [5,3]", leaves, [&](TapeD& t, std::vector<TensorD>& in) {
    return ag::weighted_cross_entropy(t, in[0], labels.data(), TensorD{weights.data(), nullptr, Shape{5}});
  });
}

TEST("soft cross-entropy: by hand (a one-hot target is the plain cross-entropy; a uniform one), and its gradient by finite differences") {
  // row 0: logits [0, ln 3], target [0, 1] → ln(4/3); row 1: the same logits, target [½, ½] → ½(ln 4 + ln(4/3))
  double z[4] = {0, std::log(3.0), 0, std::log(3.0)}, dz[4] = {};
  double t[4] = {0, 1, 0.5, 0.5};
  TapeD tape;
  TensorD loss = ag::soft_cross_entropy(tape, TensorD{z, dz, Shape{2, 2}}, TensorD{t, nullptr, Shape{2, 2}});
  CHECK_REL(loss.value[0], (std::log(4.0 / 3.0) + 0.5 * (std::log(4.0) + std::log(4.0 / 3.0))) / 2, 1e-15);
  tape.backward(loss);
  // (p − t)/B with p = (1/4, 3/4): row 0 (1/8, −1/8); row 1 (−1/8, 1/8)
  CHECK_REL(dz[0], 0.125, 1e-15);
  CHECK_REL(dz[1], -0.125, 1e-15);
  CHECK_REL(dz[2], -0.125, 1e-15);
  CHECK_REL(dz[3], 0.125, 1e-15);
  lab::Rng rng(11);
  std::vector<Leaf> leaves = {leaf(Shape{4, 5}, rng, -3, 3)};
  std::vector<double> targets(20);
  for (double& v : targets) v = rng.uniform();  // rows need not sum to 1: the gradient carries the mass
  CHECK_GRAD("soft cross-entropy [4,5]", leaves, [&](TapeD& tp, std::vector<TensorD>& in) {
    return ag::soft_cross_entropy(tp, in[0], TensorD{targets.data(), nullptr, Shape{4, 5}});
  });
}

TEST("mse and bce with logits: gradients of predictions and targets") {
  lab::Rng rng(6);
  for (const Shape& s : {Shape{3, 4}, Shape{1, 1}, Shape{5}}) {
    std::vector<Leaf> leaves = {leaf(s, rng, -2, 2), leaf(s, rng, -2, 2)};
    CHECK_GRAD(("mse " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::mse(t, in[0], in[1]); });
    std::vector<Leaf> bce = {leaf(s, rng, -4, 4), leaf(s, rng, 0, 1)};
    CHECK_GRAD(("bce_with_logits " + s.str()).c_str(), bce,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::bce_with_logits(t, in[0], in[1]); });
    bce[1].wants_grad = false;  // targets as data
    CHECK_GRAD(("bce_with_logits, constant targets " + s.str()).c_str(), bce,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::bce_with_logits(t, in[0], in[1]); });
  }
}

TEST("l1 and l2 penalties") {
  lab::Rng rng(7);
  for (const Shape& s : kShapes) {
    std::vector<Leaf> leaves = {leaf(s, rng, -1, 1, true)};
    CHECK_GRAD(("l2_penalty 0.3 " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::l2_penalty(t, in[0], 0.3); });
    CHECK_GRAD(("l1_penalty 0.3 " + s.str()).c_str(), leaves,
               [](TapeD& t, std::vector<TensorD>& in) { return ag::l1_penalty(t, in[0], 0.3); });
  }
}

TEST("dropout: gradient through a fixed mask") {
  lab::Rng rng(8);
  std::vector<Leaf> leaves = {leaf(Shape{4, 6}, rng)};
  CHECK_GRAD("dropout p=0.3", leaves, [](TapeD& t, std::vector<TensorD>& in) {
    lab::Rng mask_rng(1234);  // the same mask at every evaluation
    return ag::dropout(t, in[0], 0.3, mask_rng, true);
  });
}

TEST("a small network: every op chained, a weight used twice") {
  lab::Rng rng(9);
  // x [3,4] (data), W1 [4,5], b1 [5], W2 [5,3], b2 [3]; labels; target [3,3]
  std::vector<Leaf> leaves = {leaf(Shape{3, 4}, rng), leaf(Shape{4, 5}, rng), leaf(Shape{5}, rng),
                              leaf(Shape{5, 3}, rng), leaf(Shape{3}, rng),    leaf(Shape{3, 3}, rng, 0, 1)};
  leaves[0].wants_grad = false;
  leaves[5].wants_grad = false;
  const std::int32_t labels[3] = {2, 0, 1};
  CHECK_GRAD("network", leaves, [&](TapeD& t, std::vector<TensorD>& in) {
    TensorD h = ag::gelu(t, ag::add(t, ag::matmul(t, in[0], in[1]), in[2]));
    TensorD h2 = ag::mul(t, ag::tanh(t, h), ag::sigmoid(t, h));  // h feeds two ops
    TensorD z = ag::add(t, ag::matmul(t, h2, in[3]), in[4]);
    TensorD loss = ag::softmax_cross_entropy(t, z, labels).loss;
    loss = ag::add(t, loss, ag::bce_with_logits(t, z, in[5]));
    loss = ag::add(t, loss, ag::mse(t, ag::softplus(t, z), in[5]));
    loss = ag::add(t, loss, ag::l2_penalty(t, in[1], 0.01));
    return ag::add(t, loss, ag::mean(t, ag::leaky_relu(t, z, 0.2)));
  });
}

// ---- values by hand -----------------------------------------------------------------------------------

TEST("cross-entropy of logits [0, ln 3]: softmax (1/4, 3/4)") {
  // Row 0 label 1: −ln(3/4) = ln(4/3). Row 1 label 0: −ln(1/4) = ln 4. Mean: (ln(4/3) + ln 4) / 2.
  // d/dlogits = (p − onehot) / B: row 0 (1/4, −1/4)/2, row 1 (−3/4, 3/4)/2.
  double z[4] = {0, std::log(3.0), 0, std::log(3.0)}, dz[4] = {};
  const std::int32_t y[2] = {1, 0};
  TapeD tape;
  auto r = ag::softmax_cross_entropy(tape, TensorD{z, dz, Shape{2, 2}}, y);
  CHECK_REL(r.loss.value[0], (std::log(4.0 / 3.0) + std::log(4.0)) / 2, 1e-15);
  CHECK_REL(r.probs.value[0], 0.25, 1e-15);
  CHECK_REL(r.probs.value[1], 0.75, 1e-15);
  CHECK(r.probs.grad == nullptr);
  tape.backward(r.loss);
  CHECK_REL(dz[0], 0.125, 1e-15);
  CHECK_REL(dz[1], -0.125, 1e-15);
  CHECK_REL(dz[2], -0.375, 1e-15);
  CHECK_REL(dz[3], 0.375, 1e-15);
  CHECK(ag::count_correct(r.probs, y) == 1);  // row 0 predicts 1 (right), row 1 predicts 1 (wrong)
}

TEST("cross-entropy of equal logits is ln K") {
  float z[5] = {2, 2, 2, 2, 2}, dz[5] = {};
  const std::int32_t y[1] = {3};
  ag::Tape<float> tape;
  auto r = ag::softmax_cross_entropy(tape, ag::Tensor<float>{z, dz, Shape{1, 5}}, y);
  CHECK_REL(r.loss.value[0], std::log(5.0), 1e-7);
}

TEST("mse by hand") {
  // pred (1, 2, 3), target (1, 0, 5): ((0)² + 2² + (−2)²)/3 = 8/3; d/dpred = 2(p − t)/3 = (0, 4/3, −4/3)
  double p[3] = {1, 2, 3}, dp[3] = {}, t[3] = {1, 0, 5};
  TapeD tape;
  TensorD loss = ag::mse(tape, TensorD{p, dp, Shape{3}}, ag::constant(t, Shape{3}));
  CHECK_REL(loss.value[0], 8.0 / 3.0, 1e-15);
  tape.backward(loss);
  CHECK_NEAR(dp[0], 0, 0);
  CHECK_REL(dp[1], 4.0 / 3.0, 1e-15);
  CHECK_REL(dp[2], -4.0 / 3.0, 1e-15);
}

TEST("bce with logits by hand: ln 2 at 0; ln(4/3) at ln 3 with target 1") {
  // z = 0: sigmoid 1/2 whatever y, loss ln 2, d/dz = (1/2 − y)/N.
  // z = ln 3, y = 1: sigmoid 3/4, loss −ln(3/4) = ln(4/3), d/dz = (3/4 − 1)/N.
  double z[3] = {0, 0, std::log(3.0)}, dz[3] = {}, y[3] = {1, 0, 1};
  TapeD tape;
  TensorD loss = ag::bce_with_logits(tape, TensorD{z, dz, Shape{3}}, ag::constant(y, Shape{3}));
  CHECK_REL(loss.value[0], (2 * std::log(2.0) + std::log(4.0 / 3.0)) / 3, 1e-15);
  tape.backward(loss);
  CHECK_REL(dz[0], -0.5 / 3, 1e-15);
  CHECK_REL(dz[1], 0.5 / 3, 1e-15);
  CHECK_REL(dz[2], -0.25 / 3, 1e-15);
}

TEST("activations by hand: softplus(0) = ln 2, softplus(ln 3) = ln 4, gelu(1) = Φ(1), sigmoid(0) = 1/2") {
  double x[4] = {0, std::log(3.0), 1, -1};
  double y[4];
  ag::softplus_forward(y, x, 4);
  CHECK_REL(y[0], std::log(2.0), 1e-15);
  CHECK_REL(y[1], std::log(4.0), 1e-15);
  ag::gelu_forward(y, x, 4);
  CHECK_NEAR(y[0], 0, 0);
  CHECK_REL(y[2], 0.8413447460685429, 1e-15);   // Φ(1) = ½(1 + erf(1/√2))
  CHECK_REL(y[3], -0.15865525393145707, 1e-15);  // −1·Φ(−1)
  ag::sigmoid_forward(y, x, 4);
  CHECK_REL(y[0], 0.5, 1e-15);
  CHECK_REL(y[1], 0.75, 1e-15);
  double d[4] = {}, ones[4] = {1, 1, 1, 1};
  ag::gelu_backward(d, ones, x, 4);
  CHECK_REL(d[0], 0.5, 1e-15);                                           // Φ(0) + 0
  CHECK_REL(d[2], 0.8413447460685429 + 0.24197072451914337, 1e-15);     // Φ(1) + φ(1)
  double r[4];
  ag::leaky_relu_forward(r, x, 0.1, 4);
  CHECK_REL(r[3], -0.1, 1e-15);
}

TEST("penalties by hand: L2 = λΣθ², L1 = λΣ|θ|, subgradient 0 at 0") {
  double th[4] = {1, -2, 3, 0}, g[4] = {};
  TapeD tape;
  TensorD l2 = ag::l2_penalty(tape, TensorD{th, g, Shape{4}}, 0.5);  // 0.5·14 = 7
  CHECK_REL(l2.value[0], 7, 1e-15);
  tape.backward(l2);  // 2λθ = θ
  CHECK_REL(g[0], 1, 1e-15);
  CHECK_REL(g[1], -2, 1e-15);
  CHECK_REL(g[2], 3, 1e-15);
  CHECK_NEAR(g[3], 0, 0);
  std::fill(g, g + 4, 0.0);
  tape.reset();
  TensorD l1 = ag::l1_penalty(tape, TensorD{th, g, Shape{4}}, 0.5);  // 0.5·6 = 3
  CHECK_REL(l1.value[0], 3, 1e-15);
  tape.backward(l1);
  CHECK_REL(g[0], 0.5, 1e-15);
  CHECK_REL(g[1], -0.5, 1e-15);
  CHECK_REL(g[2], 0.5, 1e-15);
  CHECK_NEAR(g[3], 0, 0);
}

TEST("huge logits (±1000): finite losses and gradients in float") {
  float z[6] = {1000, -1000, 0, -1000, 1000, 0}, dz[6] = {};
  const std::int32_t y[2] = {1, 1};  // row 0: the worst label (loss 2000); row 1: the best (loss 0)
  ag::Tape<float> tape;
  auto r = ag::softmax_cross_entropy(tape, ag::Tensor<float>{z, dz, Shape{2, 3}}, y);
  CHECK(std::isfinite(r.loss.value[0]));
  CHECK_REL(r.loss.value[0], 1000, 1e-6);  // (2000 + 0) / 2
  tape.backward(r.loss);
  for (float g : dz) CHECK(std::isfinite(g));
  CHECK_NEAR(dz[0], 0.5, 1e-7);   // (1 − 0)/2
  CHECK_NEAR(dz[1], -0.5, 1e-7);  // (0 − 1)/2
  CHECK_NEAR(dz[4], 0, 1e-7);     // (1 − 1)/2

  float b[4] = {1000, -1000, 1000, -1000}, db[4] = {}, t[4] = {1, 1, 0, 0};
  tape.reset();
  ag::Tensor<float> bl = ag::bce_with_logits(tape, ag::Tensor<float>{b, db, Shape{4}}, ag::constant(t, Shape{4}));
  CHECK_REL(bl.value[0], 500, 1e-6);  // (0 + 1000 + 1000 + 0) / 4
  tape.backward(bl);
  CHECK_NEAR(db[0], 0, 1e-7);
  CHECK_NEAR(db[1], -0.25, 1e-7);
  CHECK_NEAR(db[2], 0.25, 1e-7);
  CHECK_NEAR(db[3], 0, 1e-7);

  float s[2] = {1000, -1000}, out[2], ds[2] = {}, ones[2] = {1, 1};
  ag::softplus_forward(out, s, 2);
  CHECK_NEAR(out[0], 1000, 0);
  CHECK_NEAR(out[1], 0, 0);
  ag::softplus_backward(ds, ones, s, 2);
  CHECK_NEAR(ds[0], 1, 0);
  CHECK_NEAR(ds[1], 0, 0);
  ag::sigmoid_forward(out, s, 2);
  CHECK_NEAR(out[0], 1, 0);
  CHECK_NEAR(out[1], 0, 0);
}

// ---- dropout ------------------------------------------------------------------------------------------

TEST("dropout: mask proportion, inverted scaling, backward through the same mask") {
  const std::int64_t n = 200000;
  std::vector<float> x(static_cast<std::size_t>(n)), dx(static_cast<std::size_t>(n), 0.0f);
  for (std::int64_t i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = 1.0f + static_cast<float>(i % 7);
  for (double p : {0.5, 0.2}) {
    std::fill(dx.begin(), dx.end(), 0.0f);
    lab::Rng rng(42);
    ag::Tape<float> tape;
    ag::Tensor<float> out = ag::dropout(tape, ag::Tensor<float>{x.data(), dx.data(), Shape{n}}, p, rng, true);
    tape.backward(ag::sum(tape, out));  // d/dx = mask
    const auto keep = static_cast<float>(1.0 / (1.0 - p));
    std::int64_t dropped = 0;
    bool scaled = true, same_mask = true;
    for (std::int64_t i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(i);
      if (out.value[k] == 0) {
        ++dropped;
        same_mask = same_mask && dx[k] == 0;
      } else {
        scaled = scaled && out.value[k] == x[k] * keep;
        same_mask = same_mask && dx[k] == keep;
      }
    }
    // The dropped fraction is p within 0.005 (σ = √(p(1−p)/n) ≤ 0.0012: > 4σ).
    CHECK_NEAR(static_cast<double>(dropped) / static_cast<double>(n), p, 0.005);
    CHECK(scaled);
    CHECK(same_mask);
  }
}

TEST("dropout: same seed, same mask; another seed, another mask; eval and p = 0 are the identity") {
  std::vector<double> x(1000, 1.0), g(1000, 0.0);
  auto mask_of = [&](std::uint64_t seed) {
    lab::Rng rng(seed);
    TapeD tape;
    TensorD out = ag::dropout(tape, TensorD{x.data(), g.data(), Shape{1000}}, 0.5, rng, true);
    return std::vector<double>(out.value, out.value + 1000);
  };
  CHECK(mask_of(7) == mask_of(7));
  CHECK(mask_of(7) != mask_of(8));

  lab::Rng rng(7);
  TapeD tape;
  TensorD in{x.data(), g.data(), Shape{10, 100}};
  TensorD ev = ag::dropout(tape, in, 0.5, rng, false);
  CHECK(ev.value == in.value && ev.grad == in.grad && ev.shape == in.shape);
  TensorD p0 = ag::dropout(tape, in, 0.0, rng, true);
  CHECK(p0.value == in.value);
  CHECK(tape.size() == 0);
  CHECK_THROWS_CODE(ag::dropout(tape, in, 1.0, rng, true), "INVALID_CONFIG", "[0, 1), got 1");
  CHECK_THROWS_CODE(ag::dropout(tape, in, -0.1, rng, true), "INVALID_CONFIG", "got -0.1");
}

// ---- errors -------------------------------------------------------------------------------------------

TEST("bad shapes and labels throw lab::Error naming the op and the shapes") {
  double a[12] = {}, b[12] = {};
  TapeD tape;
  CHECK_THROWS_CODE(ag::matmul(tape, TensorD{a, a, Shape{2, 3}}, TensorD{b, b, Shape{2, 3}}), "INTERNAL",
                    "matmul: inner dimensions differ: [2, 3] · [2, 3]");
  CHECK_THROWS_CODE(ag::matmul(tape, TensorD{a, a, Shape{6}}, TensorD{b, b, Shape{6, 1}}), "INTERNAL",
                    "must have rank 2, got shape [6]");
  CHECK_THROWS_CODE(ag::add(tape, TensorD{a, a, Shape{3, 4}}, TensorD{b, b, Shape{3}}), "INTERNAL",
                    "add: shapes [3, 4] and [3]");
  CHECK_THROWS_CODE(ag::mul(tape, TensorD{a, a, Shape{3, 4}}, TensorD{b, b, Shape{4, 3}}), "INTERNAL",
                    "mul: shapes [3, 4] and [4, 3] differ");
  CHECK_THROWS_CODE(ag::mse(tape, TensorD{a, a, Shape{3}}, TensorD{b, b, Shape{4}}), "INTERNAL", "mse");
  const std::int32_t bad[2] = {0, 3};
  CHECK_THROWS_CODE(ag::softmax_cross_entropy(tape, TensorD{a, a, Shape{2, 3}}, bad), "INVALID_CONFIG",
                    "label 3 of row 1 is outside [0, 3)");
  CHECK_THROWS_CODE(Shape({1, 2, 3, 4, 5}), "INTERNAL", "at most 4 dimensions");
  CHECK_THROWS_CODE(tape.backward(ag::add(tape, TensorD{a, a, Shape{2}}, TensorD{b, b, Shape{2}})), "INTERNAL",
                    "one element");
  CHECK_THROWS_CODE(tape.backward(ag::sum(tape, ag::constant(a, Shape{2}))), "INTERNAL", "no gradient");
}

CHECK_MAIN()

// The Bernoulli loss's float pieces (ops/softplus_fast.hpp) against libm in double, on every 97th float
// bit pattern (both signs, subnormals to infinities) plus NaN: absolute errors within the header's bounds.
TEST("softplus_neg_abs_fast and sigmoid_fast: within 2.5e-7 and 1.2e-7 of log1p(e^−|x|) and σ(x) over the float range") {
  std::vector<float> in, sp, sg;
  for (std::uint64_t bits = 0; bits < (1ull << 32); bits += 97) in.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
  for (float x : {0.0f, -0.0f, 1.0f, -1.0f, 20.0f, -20.0f, 0.34657359f, 88.0f}) in.push_back(x);
  sp.resize(in.size()), sg.resize(in.size());
  ag::softplus_neg_abs_fast(sp.data(), in.data(), static_cast<std::int64_t>(in.size()));
  ag::sigmoid_fast(sg.data(), in.data(), static_cast<std::int64_t>(in.size()));
  double worst_sp = 0, worst_sg = 0;
  std::size_t nan_ok = 0, nans = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double x = in[i];
    if (std::isnan(x)) {
      ++nans;
      nan_ok += std::isnan(sp[i]) && std::isnan(sg[i]);
      continue;
    }
    worst_sp = std::fmax(worst_sp, std::fabs(sp[i] - std::log1p(std::exp(-std::fabs(x)))));
    worst_sg = std::fmax(worst_sg, std::fabs(sg[i] - 1 / (1 + std::exp(-x))));
  }
  std::printf("  softplus_neg_abs_fast: worst %.2e; sigmoid_fast: worst %.2e over %zu values; NaN in → NaN out %zu/%zu\n", worst_sp,
              worst_sg, in.size(), nan_ok, nans);
  CHECK(worst_sp <= 2.5e-7);
  CHECK(worst_sg <= 1.2e-7);
  CHECK(nan_ok == nans);
  // by hand: log1p(e^0) = ln 2, σ(0) = ½, and the far tails
  float x4[4] = {0.0f, 1.0f, -30.0f, 30.0f}, o4[4];
  ag::softplus_neg_abs_fast(o4, x4, 4);
  CHECK_NEAR(o4[0], 0.69314718, 1e-7);
  CHECK_NEAR(o4[1], 0.31326169, 1e-7);  // log1p(e^−1)
  CHECK_NEAR(o4[2], 0.0, 2.1e-9);
  ag::sigmoid_fast(o4, x4, 4);
  CHECK(o4[0] == 0.5f);
  CHECK_NEAR(o4[1], 0.73105858, 1e-7);
  CHECK_NEAR(o4[2], 0.0, 1e-12);
  CHECK(o4[3] == 1.0f);
}

// The softmax's float e^x for x ≤ 0 (ops/exp_fast.hpp) against std::exp in double on every 13th
// non-positive float bit pattern: within 2 ulp down to −87, 0 below it, NaN kept.
TEST("exp_nonpositive_fast: within 2 ulp of e^x for x in [−87, 0], 0 below, NaN kept") {
  std::vector<float> in, out;
  for (std::uint64_t bits = 0x80000000ull; bits < 0xff800001ull; bits += 13) in.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
  for (float x : {0.0f, -0.0f, -1.0f, -87.0f, -87.5f, -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) in.push_back(x);
  out.resize(in.size());
  ag::exp_nonpositive_fast(out.data(), in.data(), static_cast<std::int64_t>(in.size()));
  double worst = 0;
  std::size_t below_ok = 0, below = 0, nan_ok = 0, nans = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const float x = in[i];
    if (std::isnan(x)) {
      ++nans, nan_ok += std::isnan(out[i]);
      continue;
    }
    if (x < -87.0f) {
      ++below, below_ok += out[i] == 0.0f;
      continue;
    }
    const double ref = std::exp(static_cast<double>(x));
    const float rf = static_cast<float>(ref);
    const double ulp = std::fabs(static_cast<double>(std::nextafter(rf, 2.0f)) - rf);
    worst = std::fmax(worst, std::fabs(static_cast<double>(out[i]) - ref) / ulp);
  }
  std::printf("  exp_nonpositive_fast: worst %.2f ulp over %zu values; below −87 → 0: %zu/%zu; NaN %zu/%zu\n", worst, in.size(), below_ok, below,
              nan_ok, nans);
  CHECK(worst <= 2.0);
  CHECK(below_ok == below);
  CHECK(nan_ok == nans);
}

// On an AVX-512 CPU the element-wise loops run 16 floats at a time over whole vectors and 8 at a time on
// the rest (vector_math.hpp's run_widest); a value computed alone (a call of one element: the 8-float
// loop) must have the same bits as inside a long call (the 16-float loop), for every kind of input.
TEST("tanh, softplus, sigmoid and exp loops: a long call has the same bits as one element at a time (AVX-512 and AVX2 widths agree)") {
  std::vector<float> in;
  for (std::uint64_t bits = 0; bits < (1ull << 32); bits += 4099) in.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
  for (float x : {0.0f, -0.0f, 0.625f, -10.0f, 20.0f, -87.5f, std::numeric_limits<float>::infinity()}) in.push_back(x);
  const auto n = static_cast<std::int64_t>(in.size());
  using Loop = void (*)(float*, const float*, std::int64_t);
  const std::pair<const char*, Loop> loops[] = {{"tanh_fast", ag::tanh_fast},
                                                {"softplus_neg_abs_fast", ag::softplus_neg_abs_fast},
                                                {"sigmoid_fast", ag::sigmoid_fast},
                                                {"exp_nonpositive_fast", ag::exp_nonpositive_fast}};
  for (const auto& [name, loop] : loops) {
    std::vector<float> x = in;
    if (loop == ag::exp_nonpositive_fast)
      for (float& v : x) v = -std::fabs(v);
    std::vector<float> whole(x.size()), alone(x.size());
    loop(whole.data(), x.data(), n);
    for (std::int64_t i = 0; i < n; ++i) loop(&alone[static_cast<std::size_t>(i)], &x[static_cast<std::size_t>(i)], 1);
    std::size_t same = 0;
    for (std::size_t i = 0; i < x.size(); ++i) same += std::bit_cast<std::uint32_t>(whole[i]) == std::bit_cast<std::uint32_t>(alone[i]);
    std::printf("  %s: %zu of %zu the same bits\n", name, same, x.size());
    CHECK(same == x.size());
  }
}
