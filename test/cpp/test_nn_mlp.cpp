// The modules: Linear's initialisation statistics, seeded determinism, the parameter slab's layout,
// zero_grad, a whole MLP's gradient against finite differences in float64, no heap allocation in a
// training step after the first, config errors, and XOR learnt end to end with plain SGD.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "error.hpp"
#include "nn/layers.hpp"
#include "nn/linear.hpp"
#include "nn/mlp.hpp"
#include "optim/registry.hpp"
#include "runtime/rng.hpp"

// ---- counting heap allocations (every operator new of this program goes through here) -------------
// These replace the global operators, so malloc/free pair up by construction; GCC's
// -Wmismatched-new-delete cannot see that once it inlines them into the standard allocators.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void* operator new(std::size_t n, std::align_val_t al) {
  ++g_allocations;
  const auto a = static_cast<std::size_t>(al);
#if defined(_MSC_VER)
  if (void* p = _aligned_malloc(n ? n : 1, a)) return p;
#else
  if (void* p = std::aligned_alloc(a, (n + a - 1) / a * a + (n ? 0 : a))) return p;
#endif
  throw std::bad_alloc();
}
#if defined(_MSC_VER)
void operator delete(void* p, std::align_val_t) noexcept { _aligned_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { _aligned_free(p); }
#else
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#endif

namespace ag = lab::ag;
namespace nn = lab::nn;
using ag::Shape;

namespace {

struct Moments { double mean, var, max_abs; };
template <class T>
Moments moments(const T* w, std::int64_t n) {
  double s = 0, s2 = 0, m = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    s += w[i];
    s2 += static_cast<double>(w[i]) * w[i];
    m = std::fmax(m, std::fabs(static_cast<double>(w[i])));
  }
  const double mean = s / static_cast<double>(n);
  return {mean, s2 / static_cast<double>(n) - mean * mean, m};
}

const char* kKnown = "expected one of: relu, leaky_relu, tanh, sigmoid, gelu, softplus, identity";

}  // namespace

// ---- initialisation -----------------------------------------------------------------------------------

TEST("Linear: Xavier uniform for tanh/sigmoid/identity — inside ±√(6/(in+out)), variance bound²/3") {
  for (const char* act : {"tanh", "sigmoid", "identity"}) {
    ag::ParamStore<float> store;
    lab::Rng rng(3);
    nn::Linear<float> lin(store, "l", 400, 600, nn::init_for(nn::parse_activation(act, "a"), 0.01), rng);
    const double bound = std::sqrt(6.0 / 1000.0);
    const Moments m = moments(lin.weight().value, 400 * 600);
    CHECK(m.max_abs <= bound);
    CHECK(m.max_abs > 0.999 * bound);        // the range is used up to the edge
    CHECK_NEAR(m.mean, 0, 5e-4);             // σ of the mean: bound/√3/√240000 ≈ 9e-5
    CHECK(std::fabs(m.var / (bound * bound / 3) - 1) < 0.01);  // σ of the ratio ≈ 0.002
    const Moments b = moments(lin.bias().value, 600);
    CHECK(b.max_abs == 0);
  }
}

TEST("Linear: He normal for relu/gelu/softplus (σ = √(2/in)) and leaky relu (σ = √(2/((1+α²)·in)))") {
  struct Case { const char* act; double alpha; double sigma; };
  const Case cases[] = {{"relu", 0.01, std::sqrt(2.0 / 1000)},
                        {"gelu", 0.01, std::sqrt(2.0 / 1000)},
                        {"softplus", 0.01, std::sqrt(2.0 / 1000)},
                        {"leaky_relu", 0.2, std::sqrt(2.0 / (1.04 * 1000))}};
  for (const Case& c : cases) {
    ag::ParamStore<float> store;
    lab::Rng rng(4);
    nn::Linear<float> lin(store, "l", 1000, 500, nn::init_for(nn::parse_activation(c.act, "a"), c.alpha), rng);
    const Moments m = moments(lin.weight().value, 1000 * 500);
    CHECK(std::fabs(std::sqrt(m.var) / c.sigma - 1) < 0.01);  // σ of the ratio ≈ 1/√(2n) = 0.001
    CHECK_NEAR(m.mean, 0, 5 * c.sigma / std::sqrt(500000.0));
  }
}

TEST("make_mlp: the same seed gives the same slab; another seed another; dropout leaves the weights alone") {
  auto build = [](std::uint64_t seed, double dropout) {
    ag::ParamStore<double> store;
    lab::Rng rng(seed);
    auto net = nn::make_mlp<double>(store, {{4, 9, 9, 3}, {"relu", "tanh", "identity"}, dropout}, rng);
    return std::vector<double>(store.values(), store.values() + store.size());
  };
  CHECK(build(1, 0) == build(1, 0));
  CHECK(build(1, 0) != build(2, 0));
  CHECK(build(1, 0) == build(1, 0.5));
}

// ---- the slab -----------------------------------------------------------------------------------------

TEST("make_mlp: one slab, views in layer order, Σ(in·out + out) parameters") {
  ag::ParamStore<float> store;
  lab::Rng rng(1);
  auto net = nn::make_mlp<float>(store, {{5, 7, 3, 2}, {"relu", "tanh", "identity"}}, rng);
  CHECK(net.describe() == "linear 5→7, relu, linear 7→3, tanh, linear 3→2");
  CHECK(store.size() == 5 * 7 + 7 + 7 * 3 + 3 + 3 * 2 + 2);
  const char* names[] = {"layers.0.weight", "layers.0.bias", "layers.1.weight",
                         "layers.1.bias",   "layers.2.weight", "layers.2.bias"};
  const Shape shapes[] = {Shape{5, 7}, Shape{7}, Shape{7, 3}, Shape{3}, Shape{3, 2}, Shape{2}};
  CHECK(store.entries().size() == 6);
  std::int64_t offset = 0;
  for (std::size_t i = 0; i < store.entries().size() && i < 6; ++i) {
    const auto& e = store.entries()[i];
    CHECK(e.name == names[i]);
    CHECK(e.shape == shapes[i]);
    CHECK(e.offset == offset);  // contiguous, no padding
    CHECK(store.view(i).value == store.values() + offset && store.view(i).grad == store.grads() + offset);
    offset += e.numel;
  }
  CHECK(offset == static_cast<std::int64_t>(store.size()));
}

TEST("zero_grad clears what backward accumulated") {
  ag::ParamStore<float> store;
  lab::Rng rng(2);
  auto net = nn::make_mlp<float>(store, {{3, 4, 2}, {"tanh", "identity"}}, rng);
  float x[6] = {0.5f, -1, 2, 1, 0, -0.5f};
  const std::int32_t y[2] = {0, 1};
  ag::Tape<float> tape;
  tape.backward(ag::softmax_cross_entropy(tape, net.forward(tape, ag::constant(x, Shape{2, 3})), y).loss);
  double norm = 0;
  for (float g : store.grad_span()) norm += std::fabs(g);
  CHECK(norm > 0);
  store.zero_grad();
  for (float g : store.grad_span()) CHECK(g == 0);
}

TEST("ParamsFixed: a net's parameters get no gradients in its scope, its input still does; on again after") {
  ag::ParamStore<double> store;
  lab::Rng rng(4);
  auto net = nn::make_mlp<double>(store, {{2, 1}, {"identity"}}, rng);  // y = x·w + b
  const double w0 = store.values()[0], w1 = store.values()[1];
  double x[2] = {0.5, -2}, dx[2] = {0, 0};
  {
    ag::ParamsFixed<double> fixed(store);
    CHECK(!store.grads_on() && store.view(0).grad == nullptr && store.all().grad == nullptr);
    ag::Tape<double> tape;
    tape.backward(ag::sum(tape, net.forward(tape, ag::Tensor<double>{x, dx, Shape{1, 2}})));
  }
  CHECK_NEAR(dx[0], w0, 1e-15);  // ∂y/∂x = w, by hand
  CHECK_NEAR(dx[1], w1, 1e-15);
  for (double g : store.grad_span()) CHECK(g == 0);
  CHECK(store.grads_on() && store.view(0).grad == store.grads());
  ag::Tape<double> tape;  // on again: ∂y/∂w = x, ∂y/∂b = 1
  tape.backward(ag::sum(tape, net.forward(tape, ag::constant(x, Shape{1, 2}))));
  CHECK_NEAR(store.grads()[0], 0.5, 1e-15);
  CHECK_NEAR(store.grads()[1], -2, 1e-15);
  CHECK_NEAR(store.grads()[2], 1, 1e-15);
}

// ---- gradient of a whole network ----------------------------------------------------------------------

namespace {

enum class Loss { cross_entropy, mse, bce };

// d(loss)/dθ of an MLP over the whole slab, tape vs central differences (h = 1e-5, error as in
// test_autograd_ops.cpp: relative with a 1e-3 floor).
double mlp_grad_error(const nn::MlpSpec& spec, std::int64_t batch, Loss loss_kind, double l2, std::uint64_t seed) {
  ag::ParamStore<double> store;
  lab::Rng rng(seed);
  auto net = nn::make_mlp<double>(store, spec, rng);
  const std::int64_t in = spec.widths.front(), out = spec.widths.back();
  std::vector<double> x(static_cast<std::size_t>(batch * in)), t(static_cast<std::size_t>(batch * out));
  std::vector<std::int32_t> labels(static_cast<std::size_t>(batch));
  for (auto& v : x) v = 2 * rng.uniform() - 1;
  for (auto& v : t) v = rng.uniform();
  for (auto& y : labels) y = static_cast<std::int32_t>(rng.next_u64() % static_cast<std::uint64_t>(out));
  // The biases start at 0; move them so that their gradients are not special.
  for (const auto& e : store.entries())
    if (e.name.find("bias") != std::string::npos)
      for (std::int64_t i = 0; i < e.numel; ++i) store.values()[e.offset + i] = 0.2 * rng.normal();

  ag::Tape<double> tape;
  auto loss_of = [&] {
    tape.reset();
    auto z = net.forward(tape, ag::constant(x.data(), Shape{batch, in}));
    ag::Tensor<double> L;
    if (loss_kind == Loss::cross_entropy) L = ag::softmax_cross_entropy(tape, z, labels.data()).loss;
    if (loss_kind == Loss::mse) L = ag::mse(tape, z, ag::constant(t.data(), z.shape));
    if (loss_kind == Loss::bce) L = ag::bce_with_logits(tape, z, ag::constant(t.data(), z.shape));
    if (l2 > 0) L = ag::add(tape, L, ag::l2_penalty(tape, store.all(), l2));
    return L;
  };
  store.zero_grad();
  tape.backward(loss_of());
  const std::vector<double> analytic(store.grads(), store.grads() + store.size());
  const double h = 1e-5;
  double worst = 0;
  for (std::size_t i = 0; i < store.size(); ++i) {
    const double v = store.values()[i];
    store.values()[i] = v + h;
    const double lp = loss_of().value[0];
    store.values()[i] = v - h;
    const double lm = loss_of().value[0];
    store.values()[i] = v;
    const double num = (lp - lm) / (2 * h);
    const double err = std::fabs(analytic[i] - num) / std::fmax(std::fmax(std::fabs(analytic[i]), std::fabs(num)), 1e-3);
    worst = std::fmax(worst, err);
  }
  return worst;
}

}  // namespace

TEST("a whole MLP's gradient over the slab matches finite differences in float64 (< 1e-6)") {
  struct Case { const char* what; nn::MlpSpec spec; std::int64_t batch; Loss loss; double l2; };
  const Case cases[] = {
      {"3-6-5-4 tanh/gelu, cross-entropy + L2, batch 5", {{3, 6, 5, 4}, {"tanh", "gelu", "identity"}}, 5,
       Loss::cross_entropy, 0.01},
      {"4-5-3 leaky_relu/sigmoid, mse, batch 1", {{4, 5, 3}, {"leaky_relu", "sigmoid"}, 0, 0.1}, 1, Loss::mse, 0},
      {"2-4-4-1 softplus/relu, bce, batch 7", {{2, 4, 4, 1}, {"softplus", "relu", "identity"}}, 7, Loss::bce, 0},
  };
  for (const Case& c : cases) {
    const double err = mlp_grad_error(c.spec, c.batch, c.loss, c.l2, 21);
    std::printf("  grad MLP %-48s max rel err %.2e\n", c.what, err);
    if (!(err < 1e-6)) check::fail(__FILE__, __LINE__, std::string(c.what) + ": " + check::num(err));
  }
}

// ---- a training loop allocates nothing after its first step ------------------------------------------

TEST("training step: arena and tape stop growing after step 1; no heap allocation in steps 2..50") {
  ag::ParamStore<float> store;
  lab::Rng rng(5);
  auto net = nn::make_mlp<float>(store, {{2, 32, 32, 3}, {"relu", "gelu", "identity"}, 0.2}, rng);
  auto opt = lab::optim::make_optimizer<float>("adam");
  opt->reset(store.size());
  const std::int64_t B = 64;
  std::vector<float> x(static_cast<std::size_t>(B * 2));
  std::vector<std::int32_t> y(static_cast<std::size_t>(B));
  for (std::int64_t i = 0; i < B; ++i) {
    x[static_cast<std::size_t>(2 * i)] = static_cast<float>(rng.normal());
    x[static_cast<std::size_t>(2 * i + 1)] = static_cast<float>(rng.normal());
    y[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(i % 3);
  }
  ag::Tape<float> tape;
  std::int64_t growths1 = 0, capacity1 = 0;
  long allocations_after_1 = 0;
  double first_loss = 0, last_loss = 0;
  for (int step = 1; step <= 50; ++step) {
    tape.reset();
    auto logits = net.forward(tape, ag::constant(x.data(), Shape{B, 2}));
    auto ce = ag::softmax_cross_entropy(tape, logits, y.data());
    auto loss = ag::add(tape, ce.loss, ag::l2_penalty(tape, store.all(), 1e-4));
    store.zero_grad();
    tape.backward(loss);
    opt->step(store.values(), store.grads(), 0.01);
    if (step == 1) {
      growths1 = tape.growths();
      capacity1 = tape.arena().capacity();
      allocations_after_1 = g_allocations.load();
      first_loss = loss.value[0];
    }
    last_loss = loss.value[0];
  }
  const long extra = g_allocations.load() - allocations_after_1;
  std::printf("  arena: %lld elements in %lld blocks after step 1 and after step 50; %ld allocations in steps 2..50\n",
              static_cast<long long>(tape.arena().capacity()), static_cast<long long>(tape.arena().growths()), extra);
  CHECK(growths1 > 0);
  CHECK(tape.growths() == growths1);
  CHECK(tape.arena().capacity() == capacity1);
  CHECK(extra == 0);
  CHECK(last_loss < first_loss);
}

// ---- modes and errors ---------------------------------------------------------------------------------

TEST("eval mode: dropout is the identity, so the output equals the same model without dropout") {
  float x[8] = {1, -2, 0.5f, 3, -1, 0, 2, 2};
  auto run = [&](double p, bool training) {
    ag::ParamStore<float> store;
    lab::Rng rng(8);
    auto net = nn::make_mlp<float>(store, {{2, 16, 3}, {"relu", "identity"}, p}, rng);
    net.set_training(training);
    ag::Tape<float> tape;
    auto z = net.forward(tape, ag::constant(x, Shape{4, 2}));
    return std::vector<float>(z.value, z.value + z.numel());
  };
  CHECK(run(0.5, false) == run(0, true));
  CHECK(run(0.5, true) != run(0, true));
  CHECK(run(0.5, true) == run(0.5, true));  // seeded masks
}

TEST("bad specs: INVALID_CONFIG naming the field path") {
  ag::ParamStore<float> store;
  lab::Rng rng(1);
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2, 8, 2}, {"tanh", "relux"}}, rng, "train.model"), "INVALID_CONFIG",
                    std::string("train.model.activations[1]: unknown activation \"relux\"; ") + kKnown);
  CHECK_THROWS_CODE(nn::parse_activation("Tanh", "x.act"), "INVALID_CONFIG", "x.act: unknown activation \"Tanh\"");
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2}, {}}, rng), "INVALID_CONFIG",
                    "model.widths: expected at least 2 widths");
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2, 0, 2}, {"relu", "identity"}}, rng), "INVALID_CONFIG",
                    "model.widths[1]: expected an integer >= 1, got 0");
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2, 4, 2}, {"relu"}}, rng), "INVALID_CONFIG",
                    "model.activations: expected 2 names (one per layer), got 1");
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2, 4, 2}, {"relu", "identity"}, 1.0}, rng), "INVALID_CONFIG",
                    "model.dropout: expected a probability in [0, 1), got 1");
  CHECK_THROWS_CODE(nn::make_mlp<float>(store, {{2, 4, 2}, {"relu", "identity"}, 0, -1}, rng), "INVALID_CONFIG",
                    "model.leaky_alpha");
  CHECK(store.size() == 0);  // nothing was declared by the failed builds
  auto net = nn::make_mlp<float>(store, {{2, 4, 2}, {"relu", "identity"}}, rng);
  float x[6] = {};
  ag::Tape<float> tape;
  CHECK_THROWS_CODE(net.forward(tape, ag::constant(x, Shape{2, 3})), "INVALID_CONFIG",
                    "layers.0: expected inputs of shape [batch, 2], got [2, 3]");
  for (nn::Activation a : nn::all_activations()) CHECK(nn::parse_activation(nn::activation_name(a), "a") == a);
}

// ---- end to end ---------------------------------------------------------------------------------------

TEST("XOR: a 2-8-2 tanh MLP with full-batch SGD (lr 0.5) is 100% right within 200 steps, for 20 seeds") {
  // Measured: seed 1 gets there at step 20; the slowest of seeds 1..50 at step 71.
  float X[8] = {0, 0, 0, 1, 1, 0, 1, 1};
  const std::int32_t Y[4] = {0, 1, 1, 0};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    ag::ParamStore<float> store;
    lab::Rng rng(seed);
    auto net = nn::make_mlp<float>(store, {{2, 8, 2}, {"tanh", "identity"}}, rng);
    ag::Tape<float> tape;
    int solved_at = -1;
    float loss = 0;
    for (int step = 1; step <= 200; ++step) {
      tape.reset();
      auto ce = ag::softmax_cross_entropy(tape, net.forward(tape, ag::constant(X, Shape{4, 2})), Y);
      store.zero_grad();
      tape.backward(ce.loss);
      float* theta = store.values();
      const float* g = store.grads();
      for (std::size_t i = 0; i < store.size(); ++i) theta[i] -= 0.5f * g[i];  // θ −= lr·g over the slab
      if (solved_at < 0 && ag::count_correct(ce.probs, Y) == 4) solved_at = step;
      loss = ce.loss.value[0];
    }
    if (solved_at < 0) check::fail(__FILE__, __LINE__, "seed " + std::to_string(seed) + " did not solve XOR");
    if (seed == 1) std::printf("  XOR seed 1: 100%% at step %d, loss %.4f after 200 steps\n", solved_at, loss);
    CHECK(loss < 0.1f);
  }
}

CHECK_MAIN()
