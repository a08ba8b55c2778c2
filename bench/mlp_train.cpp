// bench/mlp_train.cpp — training throughput (samples per second) of the real training step, on one
// thread, for the cases bench/torch_mlp.py times in PyTorch:
//   spiral_b64  2-64-64-3 tanh MLP on the 3-class spiral (n 20000, 16000 training rows), Adam lr 0.01,
//               batch 64 — through lab::TrainLab::step, the step the app runs
//   spiral_b1   the same at batch 1
//   mnist_b64   784-256-128-10 ReLU MLP on random 28×28 inputs (4096 rows, 10 classes), momentum
//               (lr 0.01, β 0.9), batch 64 — TrainLab's data sets are 2-D, so this case drives the
//               same calls as TrainLab::step itself (ops_step below): gather the next rows of a
//               shuffled order, tape reset, zero_grad, forward, softmax cross-entropy, backward, the
//               gradient-norm loop, optimizer step
//   cnn_b50     conv 1→8 3×3 pad 1, relu, max-pool 2, conv 8→16 3×3 pad 1, relu, max-pool 2, linear
//               784→10 (the CNN of test_digits, 9 098 parameters) on random 1×28×28 inputs, Adam lr
//               0.002, batch 50 — the same ops-driven step with 4-D inputs
//   c_cnn_same, c_cnn_valid   the reference workloads (../shared/REFERENCE_WORKLOADS.md): that net with
//               padding 1 or 0 (linear 784 or 400 → 10), SGD lr 0.01 momentum 0.9, batch 64, through
//               lab::TrainLab::step on an image set of 16 384 random 1×28×28 images (bytes / 255)
//   f_vae, g_gan the generative reference workloads: the VAE 784-256-(20, 20)-256-784 (gen/vae.hpp) on
//               Bernoulli(0.5) inputs (4096 rows, batch 64, Adam 1e-3, ε fresh each step), and the 2-D
//               GAN (gen/gan_run.hpp: G 2-64-64-2, D 2-64-64-1, batch 64 from ring8, no packing, Adam 1e-3
//               with betas 0.5, 0.999; a step is one D and one G update)
//   d_lstm, d_rnn the sequence reference workloads: an LSTM / tanh RNN, input 1, hidden 64, Linear(64, 1)
//               at every step (seq/seq_net.hpp), on 32 sine sequences of 32 steps (one batch, made
//               before the timing), next-value MSE, Adam 1e-3
//   e_attn      a single-head self-attention block, d = 64: LayerNorm(x + W_o·attention(x·W_qkv)), on
//               32 × 32 vectors N(0, 1), MSE to a fixed N(0, 1) target, Adam 1e-3
// A TrainLab step also emits its row ("train" stream) into an Emitter, as in the app; the emitter is
// reset to its state after begin() between chunks (outside the timing) so its buffers do not grow.
// Excluded on both sides: the evaluation at the end of an epoch (the median drops the chunk that has it).
// --threads N (default 1; 0 = all cores): the CNN cases split each batch's convolutions over N threads
// (fixed chunks of samples: the same bits for any N) — the all-thread figure beside the one-thread one.
// Timing: a chunk of steps long enough to take >= 20 ms, one warm-up chunk, then the median of the
// chunks. Deterministic: the same seed gives the same bits (a check below, before any timing).
//   mlp_train [--json] [--quick] [--threads N] [--cases spiral_b64,mnist_b64,cnn_b50,c_cnn_same,c_cnn_valid,f_vae,g_gan]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "autograd/sum_squares.hpp"
#include "autograd/autograd.hpp"
#include "autograd/ops/gemm.hpp"
#include "gen/gan_run.hpp"
#include "gen/vae.hpp"
#include "seq/seq_net.hpp"
#include "seq/tasks.hpp"
#include "labs/train.hpp"
#include "nn/conv.hpp"
#include "nn/layers.hpp"
#include "nn/linear.hpp"
#include "nn/mlp.hpp"
#include "optim/registry.hpp"
#include "runtime/session.hpp"
#include "runtime/thread_pool.hpp"

namespace {

using lab::Value;
namespace ag = lab::ag;
using Clock = std::chrono::steady_clock;
unsigned g_threads = 1;  // --threads

// ---- the lab-driven cases ----------------------------------------------------------------------------
Value spiral_config(int batch) {
  return Value(Value::Object{
      {"dataset", Value(Value::Object{{"name", "spiral"}, {"n", 20000}, {"classes", 3}})},
      {"model", Value(Value::Object{{"hidden", Value(Value::Array{Value(64), Value(64)})}, {"activation", "tanh"}})},
      {"optimizer", Value(Value::Object{{"type", "adam"}, {"lr", 0.01}})},
      {"batch_size", batch},
      {"epochs", 100000},
      {"seed", 1}});
}

// The reference CNN workloads as the lab runs them: an image set of random bytes, a layer list.
Value cnn_workload_config(int pad) {
  lab::Rng rng(1);
  Value::Bytes px(16384 * 784), lb(16384);
  for (auto& v : px) v = static_cast<std::uint8_t>(rng.next_u64() % 256);
  for (auto& v : lb) v = static_cast<std::uint8_t>(rng.next_u64() % 10);
  auto conv = [&](double out) { return Value(Value::Object{{"type", "conv"}, {"out", out}, {"kernel", 3}, {"pad", pad}}); };
  const Value pool(Value::Object{{"type", "maxpool"}, {"kernel", 2}});
  return Value(Value::Object{
      {"dataset", Value(Value::Object{{"name", "images"}, {"channels", 1}, {"rows", 28}, {"cols", 28}, {"pixels", Value(std::move(px))},
                                      {"labels", Value(std::move(lb))}, {"test_fraction", 0.0}})},
      {"model", Value(Value::Object{{"layers", Value(Value::Array{conv(8), "relu", pool, conv(16), "relu", pool, "flatten", "linear"})}})},
      {"optimizer", Value(Value::Object{{"type", "momentum"}, {"lr", 0.01}, {"beta", 0.9}})},
      {"batch_size", 64},
      {"epochs", 100000},
      {"frames", false},
      {"threads", static_cast<double>(g_threads)},
      {"seed", 1}});
}

struct LabRunner {
  LabRunner(const Value& config, int batch) : lab(config), batch(batch) {
    lab.begin(em);
    fresh = em;
  }
  explicit LabRunner(int batch) : lab(spiral_config(batch)), batch(batch) {
    lab.begin(em);
    fresh = em;
  }
  void reset_emitter() { em = fresh; }  // copy-assignment keeps the columns' capacity
  void steps(int k) {
    for (int i = 0; i < k; ++i) lab.step(em);
  }
  lab::TrainLab lab;
  lab::Emitter em, fresh;
  int batch;
};

// ---- the ops-driven case: what TrainLab::step does, without the lab's config and streams -------------
using ModelFactory = std::function<lab::nn::Sequential<float>(ag::ParamStore<float>&, lab::Rng&)>;

struct OpsRunner {
  // image: empty for rows of d inputs; {C, H, W} (C·H·W = d) for a batch of images.
  OpsRunner(std::int64_t rows, std::int64_t d, int classes, const ModelFactory& make_model, const char* opt_type,
            double lr, int batch, std::vector<std::int64_t> image = {})
      : d(d), batch(batch), rng(1), lr(lr), image(std::move(image)) {
    x.resize(static_cast<std::size_t>(rows * d));
    labels.resize(static_cast<std::size_t>(rows));
    for (auto& v : x) v = static_cast<float>(rng.uniform());
    for (auto& l : labels) l = static_cast<std::int32_t>(rng.next_u64() % static_cast<std::uint64_t>(classes));
    model = std::make_unique<lab::nn::Sequential<float>>(make_model(store, rng));
    if (g_threads != 1) {
      pool = std::make_unique<lab::ThreadPool>(g_threads);
      tape.set_pool(pool.get());
    }
    opt = lab::optim::make_optimizer<float>(opt_type);
    opt->reset(store.size());
    order.resize(static_cast<std::size_t>(rows));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    bx.resize(static_cast<std::size_t>(batch * d));
    by.resize(static_cast<std::size_t>(batch));
  }
  void step() {
    if (cursor == 0)
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.next_u64() % i]);
    const std::size_t b = std::min<std::size_t>(static_cast<std::size_t>(batch), order.size() - cursor);
    const auto du = static_cast<std::size_t>(d);
    for (std::size_t k = 0; k < b; ++k) {
      const std::size_t row = order[cursor + k];
      std::copy_n(x.data() + row * du, du, bx.data() + k * du);
      by[k] = labels[row];
    }
    tape.reset();
    store.zero_grad();
    const auto rows = static_cast<std::int64_t>(b);
    const ag::Shape shape = image.empty() ? ag::Shape{rows, d} : ag::Shape{rows, image[0], image[1], image[2]};
    auto out = model->forward(tape, ag::constant(bx.data(), shape));
    auto loss = ag::softmax_cross_entropy(tape, out, by.data()).loss;
    last_loss = loss.value[0];
    tape.backward(loss);
    grad_norm = std::sqrt(ag::sum_squares(store.grads(), store.size()));  // as TrainLab::step (per layer there)
    opt->step(store.values(), store.grads(), lr, pool.get());
    cursor += b;
    if (cursor >= order.size()) cursor = 0;
  }
  void steps(int k) {
    for (int i = 0; i < k; ++i) step();
  }
  std::int64_t d;
  int batch;
  lab::Rng rng;
  double lr;
  std::vector<std::int64_t> image;
  std::vector<float> x, bx;
  std::vector<std::int32_t> labels, by;
  ag::ParamStore<float> store;
  std::unique_ptr<lab::nn::Sequential<float>> model;
  std::unique_ptr<lab::optim::Optimizer<float>> opt;
  std::unique_ptr<lab::ThreadPool> pool;
  ag::Tape<float> tape;
  std::vector<std::uint32_t> order;
  std::size_t cursor = 0;
  double last_loss = 0, grad_norm = 0;
};

std::unique_ptr<OpsRunner> mnist_runner() {
  const ModelFactory mlp = [](ag::ParamStore<float>& store, lab::Rng& rng) {
    return lab::nn::make_mlp<float>(store, {{784, 256, 128, 10}, {"relu", "relu", "identity"}, 0}, rng);
  };
  return std::make_unique<OpsRunner>(4096, 784, 10, mlp, "momentum", 0.01, 64);
}

std::unique_ptr<OpsRunner> cnn_runner() {
  const ModelFactory cnn = [](ag::ParamStore<float>& store, lab::Rng& rng) {
    namespace nn = lab::nn;
    const nn::Init he = nn::init_for(nn::Activation::relu, 0);
    nn::Sequential<float> net;
    net.emplace<nn::Conv2d<float>>(store, "conv1", nn::Conv2dSpec{1, 8, 3, 1, 1}, he, rng);
    net.emplace<nn::ActivationLayer<float>>(nn::Activation::relu);
    net.emplace<nn::MaxPool2d<float>>(2);
    net.emplace<nn::Conv2d<float>>(store, "conv2", nn::Conv2dSpec{8, 16, 3, 1, 1}, he, rng);
    net.emplace<nn::ActivationLayer<float>>(nn::Activation::relu);
    net.emplace<nn::MaxPool2d<float>>(2);
    net.emplace<nn::Flatten<float>>();
    net.emplace<nn::Linear<float>>(store, "fc", 16 * 7 * 7, 10, nn::init_for(nn::Activation::identity, 0), rng);
    return net;
  };
  return std::make_unique<OpsRunner>(4096, 784, 10, cnn, "adam", 0.002, 50, std::vector<std::int64_t>{1, 28, 28});
}

std::unique_ptr<OpsRunner> ops_runner(const std::string& name) {
  if (name == "mnist_b64") return mnist_runner();
  if (name == "cnn_b50") return cnn_runner();
  return nullptr;
}

std::unique_ptr<LabRunner> lab_runner(const std::string& name) {
  if (name == "c_cnn_same") return std::make_unique<LabRunner>(cnn_workload_config(1), 64);
  if (name == "c_cnn_valid") return std::make_unique<LabRunner>(cnn_workload_config(0), 64);
  return std::make_unique<LabRunner>(name == "spiral_b1" ? 1 : 64);
}

// The generative cases: `steps(k)` trains k steps, `weights()` reads every parameter (reproducibility).
struct GenRunner {
  int batch = 64;
  std::function<void(int)> steps;
  std::function<std::vector<float>()> weights;
};

std::unique_ptr<GenRunner> gen_runner(const std::string& name) {
  auto r = std::make_unique<GenRunner>();
  if (name == "f_vae") {
    struct State {
      lab::Rng rng{1};
      lab::gen::VaeModel model{lab::gen::VaeShape{784, {256}, 20, lab::gen::Decoder::bernoulli}, rng};
      std::unique_ptr<lab::optim::Optimizer<float>> opt = lab::optim::make_optimizer<float>("adam");
      std::vector<float> x = std::vector<float>(4096 * 784), eps = std::vector<float>(64 * 20);
      ag::Tape<float> tape;
      std::size_t row = 0;
    };
    auto st = std::make_shared<State>();
    st->opt->reset(st->model.store().size());
    for (float& v : st->x) v = st->rng.uniform() < 0.5 ? 1.f : 0.f;
    r->steps = [st](int k) {
      for (int i = 0; i < k; ++i) {
        if (st->row + 64 > 4096) st->row = 0;
        for (float& e : st->eps) e = static_cast<float>(st->rng.normal());
        st->tape.reset();
        auto f = st->model.forward(st->tape, ag::constant(st->x.data() + st->row * 784, ag::Shape{64, 784}), ag::constant(st->eps.data(), ag::Shape{64, 20}), 1.0);
        st->model.store().zero_grad();
        st->tape.backward(f.loss);
        st->opt->step(st->model.store().values(), st->model.store().grads(), 1e-3);
        st->row += 64;
      }
    };
    r->weights = [st] { return std::vector<float>(st->model.store().values(), st->model.store().values() + st->model.store().size()); };
    return r;
  }
  if (name == "g_gan") {
    lab::gen::GanConfig c;
    c.batch = 64, c.pack = 1, c.cosine = false, c.g_hidden = {64, 64}, c.d_hidden = {64, 64};
    auto run = std::make_shared<lab::gen::GanRun>(c, lab::gen::toy_source(lab::gen::toy2d("ring8", "data")));
    r->steps = [run](int k) {
      for (int i = 0; i < k; ++i) run->d_step(1), run->g_step(1);
    };
    r->weights = [run] { return run->samples(64); };
    return r;
  }
  if (name == "d_lstm" || name == "d_rnn") {
    struct State {
      lab::Rng rng{1};
      lab::seq::SeqNet net;
      std::unique_ptr<lab::optim::Optimizer<float>> opt = lab::optim::make_optimizer<float>("adam");
      lab::seq::TaskBatch batch;
      std::vector<float> targets;
      ag::Tape<float> tape;
      explicit State(lab::ag::Cell cell) : net(lab::seq::SeqNetShape{cell, 0, 0, 1, 64, 1}, rng) {}
    };
    auto st = std::make_shared<State>(name == "d_lstm" ? lab::ag::Cell::lstm : lab::ag::Cell::rnn);
    st->opt->reset(st->net.store().size());
    lab::seq::make_batch(lab::seq::TaskSpec{lab::seq::Task::sine, 32, 0}, 32, st->rng, st->batch);
    r->batch = 32;
    r->steps = [st](int k) {
      for (int i = 0; i < k; ++i) {
        st->tape.reset();
        const auto out = st->net.forward(st->tape, nullptr, st->batch.x.data(), 32, 32);
        const auto loss = ag::mse(st->tape, out, ag::constant(st->batch.targets.data(), out.shape));
        st->net.store().zero_grad();
        st->tape.backward(loss);
        st->opt->step(st->net.store().values(), st->net.store().grads(), 1e-3);
      }
    };
    r->weights = [st] { return std::vector<float>(st->net.store().values(), st->net.store().values() + st->net.store().size()); };
    return r;
  }
  if (name == "e_attn") {
    struct State {
      lab::Rng rng{1};
      ag::ParamStore<float> store;
      std::unique_ptr<lab::optim::Optimizer<float>> opt = lab::optim::make_optimizer<float>("adam");
      std::vector<float> x = std::vector<float>(32 * 32 * 64), target = std::vector<float>(32 * 32 * 64);
      ag::Tape<float> tape;
      ag::ParamStore<float>::Id wqkv, bqkv, wo, bo, g, b;
    };
    auto st = std::make_shared<State>();
    st->wqkv = st->store.add("qkv.weight", ag::Shape{64, 192});
    st->bqkv = st->store.add("qkv.bias", ag::Shape{192});
    st->wo = st->store.add("out.weight", ag::Shape{64, 64});
    st->bo = st->store.add("out.bias", ag::Shape{64});
    st->g = st->store.add("ln.gamma", ag::Shape{64});
    st->b = st->store.add("ln.beta", ag::Shape{64});
    for (std::size_t i = 0; i < st->store.size(); ++i) st->store.values()[i] = static_cast<float>(0.1 * (2 * st->rng.uniform() - 1));
    for (int i = 0; i < 64; ++i) st->store.view(st->g).value[i] = 1.f;
    for (float& v : st->x) v = static_cast<float>(st->rng.normal());
    for (float& v : st->target) v = static_cast<float>(st->rng.normal());
    st->opt->reset(st->store.size());
    r->batch = 32;
    r->steps = [st](int k) {
      for (int i = 0; i < k; ++i) {
        auto& t = st->tape;
        t.reset();
        const auto x = ag::constant(st->x.data(), ag::Shape{32 * 32, 64});
        const auto qkv = ag::linear(t, x, st->store.view(st->wqkv), st->store.view(st->bqkv));
        const auto ctx = ag::attention(t, ag::Tensor<float>{qkv.value, qkv.grad, ag::Shape{32, 32, 192}}, 1, false);
        const auto o = ag::linear(t, ag::Tensor<float>{ctx.value, ctx.grad, ag::Shape{32 * 32, 64}}, st->store.view(st->wo), st->store.view(st->bo));
        const auto y = ag::layer_norm(t, ag::add(t, x, o), st->store.view(st->g), st->store.view(st->b));
        const auto loss = ag::mse(t, y, ag::constant(st->target.data(), y.shape));
        st->store.zero_grad();
        t.backward(loss);
        st->opt->step(st->store.values(), st->store.grads(), 1e-3);
      }
    };
    r->weights = [st] { return std::vector<float>(st->store.values(), st->store.values() + st->store.size()); };
    return r;
  }
  return nullptr;
}

// ---- timing ---------------------------------------------------------------------------------------------
struct Timing { double samples_per_s, us_per_step; int steps_per_chunk; };

// `run(k)` takes k steps; `before()` runs untimed before each chunk.
Timing time_chunks(int batch, int reps, const std::function<void(int)>& run, const std::function<void()>& before) {
  auto chunk = [&](int k) {
    before();
    const auto a = Clock::now();
    run(k);
    return std::chrono::duration<double>(Clock::now() - a).count();
  };
  int k = 1;
  while (chunk(k) < 0.02) k *= 2;  // calibrate; doubles as warm-up
  chunk(k);
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) t.push_back(chunk(k));
  std::sort(t.begin(), t.end());
  const double s = t[t.size() / 2];
  return {batch * k / s, s / k * 1e6, k};
}

// Two runs of the same case from the same seed must end with the same weights (the lab: the same
// losses over the data set), bit for bit.
bool check_reproducible(const char* name) {
  auto weights = [&](int steps) {
    if (auto r = gen_runner(name)) {
      r->steps(steps);
      return r->weights();
    }
    if (auto r = ops_runner(name)) {
      r->steps(steps);
      return std::vector<float>(r->store.values(), r->store.values() + r->store.size());
    }
    auto r = lab_runner(name);
    r->steps(steps);
    const lab::EpochMetrics m = r->lab.evaluate();  // the lab keeps its weights private: losses stand in
    const double test = std::isnan(m.test_loss) ? -1.0 : m.test_loss;  // no test set: NaN, never equal to itself
    return std::vector<float>{static_cast<float>(m.train_loss), static_cast<float>(test)};
  };
  return weights(20) == weights(20);
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false, quick = false;
  std::string cases = "spiral_b64,spiral_b1,mnist_b64,cnn_b50,c_cnn_same,c_cnn_valid,f_vae,g_gan,d_lstm,d_rnn,e_attn";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") json = true;
    else if (a == "--quick") quick = true;
    else if (a == "--cases" && i + 1 < argc) cases = argv[++i];
    else if (a == "--threads" && i + 1 < argc) g_threads = static_cast<unsigned>(std::stoul(argv[++i]));
  }
  const int reps = quick ? 5 : 15;
  if (json)
    std::printf("{\"bench\":\"mlp_train\",\"kind\":\"machine\",\"gemm_isa\":\"%s\",\"threads\":%u,\"reps\":%d}\n",
                ag::gemm_isa(), g_threads, reps);
  else
    std::printf("training throughput, %u thread(s) (0 = all), gemm build %s, median of %d chunks\n", g_threads, ag::gemm_isa(), reps);
  bool ok = true;
  std::size_t from = 0;
  while (from <= cases.size()) {
    std::size_t comma = cases.find(',', from);
    if (comma == std::string::npos) comma = cases.size();
    const std::string name = cases.substr(from, comma - from);
    from = comma + 1;
    if (name.empty()) continue;
    const bool same = check_reproducible(name.c_str());
    ok = ok && same;
    Timing t{};
    const char* via = "lab";
    if (auto r = gen_runner(name)) {
      via = "gen";
      t = time_chunks(r->batch, reps, [&](int k) { r->steps(k); }, [] {});
    } else if (auto r = ops_runner(name)) {
      via = "ops";
      t = time_chunks(r->batch, reps, [&](int k) { r->steps(k); }, [] {});
    } else if (name == "spiral_b64" || name == "spiral_b1" || name == "c_cnn_same" || name == "c_cnn_valid") {
      auto r = lab_runner(name);
      t = time_chunks(r->batch, reps, [&](int k) { r->steps(k); }, [&] { r->reset_emitter(); });
    } else {
      std::fprintf(stderr, "mlp_train: unknown case %s\n", name.c_str());
      return 2;
    }
    if (json)
      std::printf("{\"bench\":\"mlp_train\",\"kind\":\"train\",\"case\":\"%s\",\"via\":\"%s\",\"samples_per_s\":%.6g,"
                  "\"us_per_step\":%.6g,\"steps_per_chunk\":%d,\"reproducible\":%s}\n",
                  name.c_str(), via, t.samples_per_s, t.us_per_step, t.steps_per_chunk, same ? "true" : "false");
    else
      std::printf("%-11s via %s  %12.0f samples/s  %9.2f us/step  (%d steps/chunk)%s\n", name.c_str(), via,
                  t.samples_per_s, t.us_per_step, t.steps_per_chunk, same ? "" : "  NOT REPRODUCIBLE");
    std::fflush(stdout);
  }
  return ok ? 0 : 1;
}
