// lab::gen::GanRun — the 2-D GAN's two nets, their optimizers and one training step (see gan.hpp for the
// losses and the defaults), shared by train_gan and the benchmark (bench/gen_train.cpp).
//   GanRun run(config, toy2d("ring8", "data"));
//   for (…) { run.d_step(f); run.g_step(f); }      // f: the step-size factor of the schedule
//   std::vector<float> xy = run.samples(1000);
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../nn/mlp.hpp"
#include "../nn/torch_init.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"
#include "critic_gradient.hpp"
#include "toy2d.hpp"

namespace lab::gen {

enum class GanLoss { minimax, non_saturating, least_squares, wgan_gp };

struct GanConfig {
  std::int64_t steps = 10000, batch = 256, z_dim = 2, d_steps = 1, samples = 1000, eval_every = 0, pack = 2;
  std::vector<std::int64_t> g_hidden{128, 128}, d_hidden{128, 128};
  GanLoss loss = GanLoss::non_saturating;
  double g_lr = 1e-3, d_lr = 1e-3, beta1 = 0.5, beta2 = 0.999;
  bool cosine = true;  // both steps follow ½(1 + cos πt/T) down to 0 at the last step
  double gp_lambda = 10;  // WGAN-GP's penalty weight
  std::uint64_t seed = 1;
};

// A generator or discriminator MLP: in → hidden (act) → out, initialised as PyTorch does.
inline nn::Sequential<float> make_gan_net(ag::ParamStore<float>& store, std::int64_t in, const std::vector<std::int64_t>& hidden, std::int64_t out,
                                          const char* act, Rng& rng, const std::string& name) {
  nn::MlpSpec spec;
  spec.widths.push_back(in);
  for (auto h : hidden) spec.widths.push_back(h), spec.activations.push_back(act);
  spec.widths.push_back(out);
  spec.activations.push_back("identity");
  spec.leaky_alpha = 0.2;
  nn::Sequential<float> net = nn::make_mlp<float>(store, spec, rng, name);
  nn::init_like_torch(store, rng);
  return net;
}

class GanRun {
 public:
  GanRun(const GanConfig& c, Toy2d dist)
      : c_(c), dist_(std::move(dist)), rng_(c.seed),
        g_(make_gan_net(gstore_, c.z_dim, c.g_hidden, 2, "relu", rng_, "generator")),
        d_(make_gan_net(dstore_, 2 * c.pack, c.d_hidden, 1, "leaky_relu", rng_, "discriminator")),
        gopt_(optim::make_optimizer<float>("adam")), dopt_(optim::make_optimizer<float>("adam")) {
    for (auto* o : {gopt_.get(), dopt_.get()}) o->set("beta1", c.beta1), o->set("beta2", c.beta2);
    gopt_->reset(gstore_.size());
    dopt_->reset(dstore_.size());
    const auto B = static_cast<std::size_t>(c.batch);
    ones_.assign(B / static_cast<std::size_t>(c.pack), 1.f);
    zeros_.assign(B / static_cast<std::size_t>(c.pack), 0.f);
    real_.resize(2 * B);
    z_.resize(B * static_cast<std::size_t>(c.z_dim));
    fake_.resize(2 * B);
  }

  // One D update (fakes detached); returns its loss (the real and fake terms added).
  double d_step(double f) {
    const std::int64_t B = c_.batch;
    dist_.sample(real_.data(), static_cast<std::size_t>(B), rng_);
    generate(fake_.data(), B);
    tape_.reset();
    const ag::Tensor<float> lr = d_.forward(tape_, packed(ag::constant(real_.data(), ag::Shape{B, 2})));
    const ag::Tensor<float> lf = d_.forward(tape_, packed(ag::constant(fake_.data(), ag::Shape{B, 2})));
    const double s = 1.0 / static_cast<double>(lr.dim(0));
    ag::Tensor<float> loss;
    if (c_.loss == GanLoss::wgan_gp) {
      // the critic's loss D(fake) − D(real) plus λ·(‖∇D‖ − 1)² at points between real and fake ones
      const std::int64_t n = lr.dim(0);
      mixed_.resize(static_cast<std::size_t>(2 * B));
      for (std::int64_t i = 0; i < B; ++i) {
        const auto e = static_cast<float>(rng_.uniform());
        for (int k = 0; k < 2; ++k) mixed_[static_cast<std::size_t>(2 * i + k)] = e * real_[static_cast<std::size_t>(2 * i + k)] + (1 - e) * fake_[static_cast<std::size_t>(2 * i + k)];
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

  // One G update through D (D's gradients are computed and thrown away); returns its loss.
  double g_step(double f) {
    const std::int64_t B = c_.batch;
    draw_z(B);
    tape_.reset();
    const ag::Tensor<float> fake = g_.forward(tape_, ag::constant(z_.data(), ag::Shape{B, c_.z_dim}));
    const ag::Tensor<float> lf = d_.forward(tape_, packed(fake));
    const double s = 1.0 / static_cast<double>(lf.dim(0));
    ag::Tensor<float> loss;
    switch (c_.loss) {
      case GanLoss::minimax: loss = ag::bce_with_logits_sum(tape_, lf, ag::constant(zeros_.data(), lf.shape), -s); break;
      case GanLoss::non_saturating: loss = ag::bce_with_logits_sum(tape_, lf, ag::constant(ones_.data(), lf.shape), s); break;
      case GanLoss::least_squares: loss = ag::half_squared_sum(tape_, lf, ag::constant(ones_.data(), lf.shape), s); break;
      case GanLoss::wgan_gp: loss = ag::scaled_sum(tape_, lf, -s); break;
    }
    gstore_.zero_grad();
    dstore_.zero_grad();
    tape_.backward(loss);
    gopt_->step(gstore_.values(), gstore_.grads(), c_.g_lr * f);
    return loss.value[0];
  }

  // n points from the current generator (in chunks of the batch).
  std::vector<float> samples(std::int64_t n) {
    std::vector<float> out(static_cast<std::size_t>(2 * n));
    for (std::int64_t i = 0; i < n; i += c_.batch) generate(out.data() + 2 * i, std::min(c_.batch, n - i));
    return out;
  }

  const Toy2d& dist() const { return dist_; }
  Rng& rng() { return rng_; }

 private:
  // [B, 2] seen as [B/m, 2m]: D judges m points at once (PacGAN); the same numbers, so gradients flow
  // back through the view unchanged
  ag::Tensor<float> packed(ag::Tensor<float> x) const {
    return ag::Tensor<float>{x.value, x.grad, ag::Shape{x.dim(0) / c_.pack, 2 * c_.pack}};
  }
  void draw_z(std::int64_t n) {
    for (std::int64_t i = 0; i < n * c_.z_dim; ++i) z_[static_cast<std::size_t>(i)] = static_cast<float>(rng_.normal());
  }
  void generate(float* out, std::int64_t n) {
    draw_z(n);
    tape_.reset();
    const ag::Tensor<float> f = g_.forward(tape_, ag::constant(z_.data(), ag::Shape{n, c_.z_dim}));
    std::copy_n(f.value, 2 * n, out);
  }

  GanConfig c_;
  Toy2d dist_;
  Rng rng_;
  ag::ParamStore<float> gstore_, dstore_;
  nn::Sequential<float> g_, d_;
  std::unique_ptr<optim::Optimizer<float>> gopt_, dopt_;
  ag::Tape<float> tape_;
  std::vector<float> ones_, zeros_, real_, z_, fake_, mixed_;
};

}  // namespace lab::gen
