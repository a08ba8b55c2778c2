// lab::gen::GanRun — the 2-D GAN's two nets, their optimizers and one training step (see gan.hpp for the
// losses and the defaults), shared by train_gan and the benchmark (bench/gen_train.cpp).
//   GanRun run(config, toy_source(toy2d("ring8", "data")));   (or any RealSource: images)
//   for (…) { run.d_step(f); run.g_step(f); }      // f: the step-size factor of the schedule
//   std::vector<float> xy = run.samples(1000);
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value_lists.hpp"
#include "../runtime/bucketed_means.hpp"
#include "../nn/layer_stack.hpp"
#include "../nn/mlp.hpp"
#include "../nn/torch_init.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"
#include "../runtime/thread_pool.hpp"
#include "critic_gradient.hpp"
#include "toy2d.hpp"

namespace lab::gen {

enum class GanLoss { minimax, non_saturating, least_squares, wgan_gp };

inline const char* gan_loss_name(GanLoss l) {
  static const char* const names[] = {"minimax", "non-saturating", "least-squares", "wgan-gp"};
  return names[static_cast<int>(l)];
}

struct GanConfig {
  std::int64_t steps = 10000, batch = 256, z_dim = 2, d_steps = 1, samples = 1000, eval_every = 0, pack = 2;
  std::vector<std::int64_t> g_hidden{128, 128}, d_hidden{128, 128};
  GanLoss loss = GanLoss::non_saturating;
  double g_lr = 1e-3, d_lr = 1e-3, beta1 = 0.5, beta2 = 0.999;
  bool cosine = true;  // both steps follow ½(1 + cos πt/T) down to 0 at the last step
  double gp_lambda = 10;  // WGAN-GP's penalty weight
  std::int64_t dim = 2;   // values per data point: 2 (the plane) or an image's pixels
  bool sigmoid_out = false;  // the generator ends in a sigmoid (images in [0, 1])
  std::uint64_t seed = 1;
  // Images only: either net as a layer list (nn/layer_stack.hpp) instead of the MLP — a DCGAN. The
  // generator maps z [z_dim] to the pixels, flat; the discriminator sees a pack of `pack` images as one
  // image of pack·C channels [pack·C, H, W] and gives one logit.
  std::vector<nn::LayerSpec> g_layers, d_layers;
  std::vector<std::int64_t> image;  // [C, H, W]
  // Images only: threads the convolutions split each batch over (1 this thread; 0 every core); the
  // chunks are summed in a fixed order, so any count gives the same bits.
  unsigned threads = 1;
};

// Reads an image GAN's nets — g_layers and d_layers (GanRun checks their shapes, INVALID_CONFIG naming
// gan.g_layers[i] or gan.d_layers[i]; WGAN-GP keeps the MLP critic) — and `threads` (default 0 with a
// layer list: every core; else 1).
void read_image_gan_nets(const Reader& r, GanConfig& c);

// Reads what both GANs take (steps, batch_size, z_dim, g_hidden, d_hidden, loss, d_steps, gp_lambda, pack,
// g_lr, d_lr, beta1, beta2, schedule, seed, samples, eval_every) into `c`, whose values are the defaults;
// eval_every defaults to steps / `evaluations`. INVALID_CONFIG naming the field (gan.*).
void read_gan_training(const Reader& r, GanConfig& c, std::int64_t evaluations);
// Reads the 2-D data: `data` (a toy2d name, default "ring8") or data "points" with `points` [x, y, x, y, …].
Toy2d read_gan_data(const Reader& r);
// n real points the scores compare against, drawn from their own stream of `seed` (not the run's).
std::vector<float> reference_points(const Toy2d& dist, std::uint64_t seed, std::int64_t n);

// A generator or discriminator MLP: in → hidden (act) → out, initialised as PyTorch does.
inline nn::Sequential<float> make_gan_net(ag::ParamStore<float>& store, std::int64_t in, const std::vector<std::int64_t>& hidden, std::int64_t out,
                                          const char* act, Rng& rng, const std::string& name, const char* out_act = "identity") {
  nn::MlpSpec spec;
  spec.widths.push_back(in);
  for (auto h : hidden) spec.widths.push_back(h), spec.activations.push_back(act);
  spec.widths.push_back(out);
  spec.activations.push_back(out_act);
  spec.leaky_alpha = 0.2;
  nn::Sequential<float> net = nn::make_mlp<float>(store, spec, rng, name);
  nn::init_like_torch(store, rng);
  return net;
}

// The image generator: z → hidden (each linear, batch norm, LeakyReLU 0.2) → pixels (sigmoid); batch
// norm keeps its layers' statistics in hand, which the plain MLP lacked on digits (it collapsed to one
// blot, its discriminator's loss near 0).
inline nn::Sequential<float> make_image_generator(ag::ParamStore<float>& store, std::int64_t z_dim, const std::vector<std::int64_t>& hidden,
                                                  std::int64_t out, Rng& rng) {
  std::vector<nn::LayerSpec> layers;
  for (auto h : hidden) {
    nn::LayerSpec lin;
    lin.type = "linear", lin.out = h;
    nn::LayerSpec bn;
    bn.type = "batchnorm";
    nn::LayerSpec act;
    act.type = "leaky_relu", act.alpha = 0.2;
    layers.insert(layers.end(), {lin, bn, act});
  }
  nn::LayerSpec last;
  last.type = "linear", last.out = out;
  nn::LayerSpec sig;
  sig.type = "sigmoid";
  layers.insert(layers.end(), {last, sig});
  nn::Sequential<float> net = nn::build_stack<float>(store, layers, {z_dim}, out, rng, "gan.generator");
  nn::init_like_torch(store, rng);  // batch norm's γ at 1, β at 0
  return net;
}

// Fills n real points (dim values each) from `rng`: a 2-D distribution's samples or random images.
using RealSource = std::function<void(float* out, std::size_t n, Rng& rng)>;

inline RealSource toy_source(Toy2d dist) {
  return [d = std::move(dist)](float* out, std::size_t n, Rng& rng) { d.sample(out, n, rng); };
}

// The losses over a run (BucketedMeans: series 0 the discriminator's, 1 the generator's) and the last step's.
struct GanCurves {
  explicit GanCurves(std::int64_t steps) : means(steps, 2) {}
  void add(std::int64_t at, double d, double g) {
    last_d = d, last_g = g, done = at;
    means.add(at, {d, g});
  }
  // {step, d_loss, g_loss} as a result's "curves"
  Value value() const {
    return Value(Value::Object{{"step", number_list(means.steps())}, {"d_loss", number_list(means.means(0))}, {"g_loss", number_list(means.means(1))}});
  }
  BucketedMeans means;
  double last_d = NAN, last_g = NAN;
  std::int64_t done = 0;
};

class GanRun {
 public:
  GanRun(const GanConfig& c, RealSource source)
      : c_(c), source_(std::move(source)), rng_(c.seed),
        g_(!c.g_layers.empty() ? listed_net(gstore_, c.g_layers, {c.z_dim}, c.dim, "gan.g_layers")
           : c.sigmoid_out  ? make_image_generator(gstore_, c.z_dim, c.g_hidden, c.dim, rng_)
                            : make_gan_net(gstore_, c.z_dim, c.g_hidden, c.dim, "relu", rng_, "generator")),
        d_(!c.d_layers.empty() ? listed_net(dstore_, c.d_layers, {c.image[0] * c.pack, c.image[1], c.image[2]}, 1, "gan.d_layers")
                               : make_gan_net(dstore_, c.dim * c.pack, c.d_hidden, 1, "leaky_relu", rng_, "discriminator")),
        gopt_(optim::make_optimizer<float>("adam")), dopt_(optim::make_optimizer<float>("adam")) {
    for (auto* o : {gopt_.get(), dopt_.get()}) o->set("beta1", c.beta1), o->set("beta2", c.beta2);
    if (c.threads != 1) {
      pool_ = std::make_unique<ThreadPool>(c.threads);
      tape_.set_pool(pool_.get());
    }
    gopt_->reset(gstore_.size());
    dopt_->reset(dstore_.size());
    const auto B = static_cast<std::size_t>(c.batch);
    ones_.assign(B / static_cast<std::size_t>(c.pack), 1.f);
    zeros_.assign(B / static_cast<std::size_t>(c.pack), 0.f);
    real_.resize(static_cast<std::size_t>(c.dim) * B);
    z_.resize(B * static_cast<std::size_t>(c.z_dim));
    fake_.resize(static_cast<std::size_t>(c.dim) * B);
  }

  // Step `step` of the run's c.steps: d_steps D updates and one G update at the schedule's step size,
  // recorded in `curves`; false (nothing recorded) when a loss is not finite.
  bool train_step(std::int64_t step, GanCurves& curves) {
    const double f = rate_factor(step);
    double d = 0;
    for (std::int64_t k = 0; k < c_.d_steps; ++k) d = d_step(f);
    const double g = g_step(f);
    if (!std::isfinite(d) || !std::isfinite(g)) return false;
    curves.add(step, d, g);
    return true;
  }

  // The schedule's step-size factor at step `step` (1-based): ½(1 + cos π(step − 1)/steps), or 1.
  double rate_factor(std::int64_t step) const {
    return c_.cosine ? 0.5 * (1 + std::cos(3.14159265358979323846 * static_cast<double>(step - 1) / static_cast<double>(c_.steps))) : 1.0;
  }

  // One D update (fakes detached); returns its loss (the real and fake terms added).
  double d_step(double f) {
    const std::int64_t B = c_.batch;
    source_(real_.data(), static_cast<std::size_t>(B), rng_);
    generate(fake_.data(), B);
    tape_.reset();
    const ag::Tensor<float> lr = d_.forward(tape_, packed(ag::constant(real_.data(), ag::Shape{B, c_.dim})));
    const ag::Tensor<float> lf = d_.forward(tape_, packed(ag::constant(fake_.data(), ag::Shape{B, c_.dim})));
    const double s = 1.0 / static_cast<double>(lr.dim(0));
    ag::Tensor<float> loss;
    if (c_.loss == GanLoss::wgan_gp) {
      // the critic's loss D(fake) − D(real) plus λ·(‖∇D‖ − 1)² at points between real and fake ones
      const std::int64_t n = lr.dim(0);
      const std::int64_t dim = c_.dim;
      mixed_.resize(static_cast<std::size_t>(dim * B));
      for (std::int64_t i = 0; i < B; ++i) {
        const auto e = static_cast<float>(rng_.uniform());
        for (std::int64_t k = 0; k < dim; ++k)
          mixed_[static_cast<std::size_t>(dim * i + k)] = e * real_[static_cast<std::size_t>(dim * i + k)] + (1 - e) * fake_[static_cast<std::size_t>(dim * i + k)];
      }
      const ag::Tensor<float> g = critic_input_gradient(tape_, dstore_, static_cast<std::int64_t>(c_.d_hidden.size()) + 1, 0.2, mixed_.data(), n);
      loss = ag::add(tape_, ag::add(tape_, ag::scaled_sum(tape_, lf, s), ag::scaled_sum(tape_, lr, -s)), ag::norm_penalty(tape_, g, c_.gp_lambda));
    } else if (c_.loss == GanLoss::least_squares)
      loss = ag::add(tape_, ag::half_squared_sum(tape_, lr, ag::constant(ones_.data(), lr.shape), s),
                     ag::half_squared_sum(tape_, lf, ag::constant(zeros_.data(), lf.shape), s));
    else
      loss = ag::add(tape_, ag::bce_with_logits_sum(tape_, lr, ag::constant(ones_.data(), lr.shape), s),
                     ag::bce_with_logits_sum(tape_, lf, ag::constant(zeros_.data(), lf.shape), s));
    dstore_.zero_grad();
    tape_.backward(loss);
    dopt_->step(dstore_.values(), dstore_.grads(), c_.d_lr * f);
    return loss.value[0];
  }

  // One G update through D (D's parameters held fixed: no gradients of theirs are computed); returns its loss.
  double g_step(double f) {
    const std::int64_t B = c_.batch;
    draw_z(B);
    tape_.reset();
    const ag::Tensor<float> fake = g_.forward(tape_, ag::constant(z_.data(), ag::Shape{B, c_.z_dim}));
    const ag::Tensor<float> lf = fixed_d_forward(fake);
    const ag::Tensor<float> loss = generator_loss(lf, 1.0 / static_cast<double>(lf.dim(0)));
    gstore_.zero_grad();
    tape_.backward(loss);
    gopt_->step(gstore_.values(), gstore_.grads(), c_.g_lr * f);
    return loss.value[0];
  }

  // n points from the current generator (in chunks of the batch).
  std::vector<float> samples(std::int64_t n) {
    std::vector<float> out(static_cast<std::size_t>(c_.dim * n));
    for (std::int64_t i = 0; i < n; i += c_.batch) generate(out.data() + c_.dim * i, std::min(c_.batch, n - i));
    return out;
  }
  // The generator's output for given noise vectors z [n, z_dim] (fixed noise: the same samples over time).
  std::vector<float> samples_from(const std::vector<float>& z) {
    const auto n = static_cast<std::int64_t>(z.size()) / c_.z_dim;
    tape_.reset();
    const ag::Tensor<float> f = g_.forward(tape_, ag::constant(const_cast<float*>(z.data()), ag::Shape{n, c_.z_dim}));  // read only
    return std::vector<float>(f.value, f.value + c_.dim * n);
  }

  // D's raw output (a logit, or a score for least squares and WGAN-GP) at each of n points [n, dim],
  // each judged as a pack of `pack` copies of itself.
  std::vector<float> judge(const float* points, std::int64_t n) {
    std::vector<float> in(static_cast<std::size_t>(n * c_.dim * c_.pack));
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t k = 0; k < c_.pack; ++k) std::copy_n(points + c_.dim * i, c_.dim, in.data() + c_.dim * (i * c_.pack + k));
    tape_.reset();
    const ag::Tensor<float> out = d_.forward(tape_, packed(ag::constant(in.data(), ag::Shape{n * c_.pack, c_.dim})));
    return std::vector<float>(out.value, out.value + n);
  }

  // The generator's images of the noise z [n, z_dim] (n a multiple of pack, packed in order) into
  // `points`, and into `pull` the direction the generator's loss moves each of them: −∂L/∂x, L the
  // generator's loss summed over the packs (nothing is updated).
  void generator_pull(const std::vector<float>& z, std::vector<float>& points, std::vector<float>& pull) {
    points = samples_from(z);
    pull.assign(points.size(), 0.f);
    const auto n = static_cast<std::int64_t>(points.size()) / c_.dim;
    tape_.reset();
    const ag::Tensor<float> x{points.data(), pull.data(), ag::Shape{n, c_.dim}};
    const ag::Tensor<float> lf = fixed_d_forward(x);
    if (ones_.size() < static_cast<std::size_t>(lf.dim(0))) ones_.resize(static_cast<std::size_t>(lf.dim(0)), 1.f), zeros_.resize(ones_.size(), 0.f);
    const ag::Tensor<float> loss = generator_loss(lf, 1.0);
    tape_.backward(loss);
    for (float& g : pull) g = -g;
  }

  // The settings a live change may retune between steps (g_lr, d_lr, d_steps).
  GanConfig& settings() { return c_; }
  ag::ParamStore<float>& generator() { return gstore_; }
  const ag::ParamStore<float>& generator() const { return gstore_; }
  const ag::ParamStore<float>& discriminator() const { return dstore_; }
  ag::ParamStore<float>& discriminator() { return dstore_; }
  Rng& rng() { return rng_; }

 private:
  // The generator's loss on D's outputs `lf` for its fakes, each term scaled by s.
  ag::Tensor<float> generator_loss(const ag::Tensor<float>& lf, double s) {
    switch (c_.loss) {
      case GanLoss::minimax: return ag::bce_with_logits_sum(tape_, lf, ag::constant(zeros_.data(), lf.shape), -s);
      case GanLoss::non_saturating: return ag::bce_with_logits_sum(tape_, lf, ag::constant(ones_.data(), lf.shape), s);
      case GanLoss::least_squares: return ag::half_squared_sum(tape_, lf, ag::constant(ones_.data(), lf.shape), s);
      case GanLoss::wgan_gp: break;
    }
    return ag::scaled_sum(tape_, lf, -s);
  }

  // D's output for x with D's parameters held fixed: gradients reach x, none of D's are computed.
  ag::Tensor<float> fixed_d_forward(const ag::Tensor<float>& x) {
    ag::ParamsFixed<float> fixed(dstore_);
    return d_.forward(tape_, packed(x));
  }

  // [B, dim] seen as [B/m, dim·m]: D judges m points at once (PacGAN); the same numbers, so gradients
  // flow back through the view unchanged. A listed (convolutional) D sees the m images as the channels
  // of one: [B/m, m·C, H, W].
  ag::Tensor<float> packed(ag::Tensor<float> x) const {
    if (!c_.d_layers.empty())
      return ag::Tensor<float>{x.value, x.grad, ag::Shape{x.dim(0) / c_.pack, c_.image[0] * c_.pack, c_.image[1], c_.image[2]}};
    return ag::Tensor<float>{x.value, x.grad, ag::Shape{x.dim(0) / c_.pack, c_.dim * c_.pack}};
  }
  // A layer-list net, initialised as PyTorch does (nn/torch_init.hpp).
  nn::Sequential<float> listed_net(ag::ParamStore<float>& store, const std::vector<nn::LayerSpec>& layers, const std::vector<std::int64_t>& input,
                                   std::int64_t out, const std::string& path) {
    nn::Sequential<float> net = nn::build_stack<float>(store, layers, input, out, rng_, path);
    nn::init_like_torch(store, rng_);
    return net;
  }
  void draw_z(std::int64_t n) {
    for (std::int64_t i = 0; i < n * c_.z_dim; ++i) z_[static_cast<std::size_t>(i)] = static_cast<float>(rng_.normal());
  }
  void generate(float* out, std::int64_t n) {
    draw_z(n);
    tape_.reset();
    ag::ParamsFixed<float> fixed(gstore_);  // values only: nothing is recorded for a backward
    const ag::Tensor<float> f = g_.forward(tape_, ag::constant(z_.data(), ag::Shape{n, c_.z_dim}));
    std::copy_n(f.value, c_.dim * n, out);
  }

  GanConfig c_;
  std::unique_ptr<ThreadPool> pool_;  // before the tape that uses it
  RealSource source_;
  Rng rng_;
  ag::ParamStore<float> gstore_, dstore_;
  nn::Sequential<float> g_, d_;
  std::unique_ptr<optim::Optimizer<float>> gopt_, dopt_;
  ag::Tape<float> tape_;
  std::vector<float> ones_, zeros_, real_, z_, fake_, mixed_;
};

}  // namespace lab::gen
