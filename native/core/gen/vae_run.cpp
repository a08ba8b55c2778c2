// One VAE training run, a mini-batch at a time (see vae_run.hpp).
#include "vae_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"
#include "../optim/registry.hpp"

namespace lab::gen {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;

VaeConfig read_config(const Reader& r, const data::Dataset& ds) {
  VaeConfig c;
  c.shape = read_vae_shape(r, ds);
  c.beta = r.number("beta", 1, Range::non_negative());
  c.epochs = static_cast<std::int64_t>(r.number("epochs", 10, Range{1, 100000, false, false, true}));
  c.batch = static_cast<std::int64_t>(
      r.number("batch_size", std::min<double>(64, static_cast<double>(ds.n_train)), Range{1, static_cast<double>(ds.n_train), false, false, true}));
  c.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  c.save_weights = r.string("save_weights", "");
  return c;
}

Value default_optimizer() { return Value(Value::Object{{"type", "adam"}, {"lr", 0.001}}); }

}  // namespace

VaeShape read_vae_shape(const Reader& r, const data::Dataset& ds) {
  VaeShape s;
  s.pixels = static_cast<std::int64_t>(ds.d);
  s.latent = static_cast<std::int64_t>(r.number("latent", 2, Range{1, 512, false, false, true}));
  s.hidden = read_widths(r, "hidden", s.hidden);
  s.image = {ds.image_channels, ds.image_rows, ds.image_cols};
  // layer lists (their shapes are checked when VaeModel builds them, naming vae.encoder_layers[i])
  if (const Value* e = r.get("encoder_layers"); e != nullptr && !e->is_null()) s.encoder_layers = nn::read_layer_list(*e, r.field_path("encoder_layers"));
  if (const Value* d = r.get("decoder_layers"); d != nullptr && !d->is_null()) s.decoder_layers = nn::read_layer_list(*d, r.field_path("decoder_layers"));
  const std::string dec = r.string("decoder", "bernoulli");
  if (dec == "bernoulli") s.decoder = Decoder::bernoulli;
  else if (dec == "gaussian") s.decoder = Decoder::gaussian;
  else r.fail("decoder", *r.get("decoder"), "\"bernoulli\" or \"gaussian\"");
  return s;
}

VaeRun::VaeRun(const Reader& r, const data::Dataset& ds)
    : ds_(ds), c_(read_config(r, ds)), rng_(c_.seed), model_(c_.shape, rng_),
      test_x_(ds.n_test() > 0 ? ds.test_x().data() : ds.train_x().data()), test_rows_(ds.n_test() > 0 ? ds.n_test() : ds.n_train) {
  const Value fallback = default_optimizer();
  const Value* ov = r.get("optimizer");
  const Reader o(ov != nullptr && !ov->is_null() ? *ov : fallback, r.field_path("optimizer"));
  opt_ = optim::make_optimizer<float>(o.string("type", "adam"), o.field_path("type"));
  if (o.get("lr") == nullptr) opt_->set("lr", 0.001);  // the VAE's default step, not the optimizer's own
  optim::configure(*opt_, o, {"type", "schedule", "name"});
  schedule_ = optim::read_schedule(o.get("schedule"), o.field_path("schedule"));
  opt_->reset(model_.store().size());
  nn::load_config_weights(model_.store(), r, "init_weights");
  order_.resize(ds.n_train);
  for (std::size_t i = 0; i < ds.n_train; ++i) order_[i] = i;  // shuffled in place at each epoch's start
  cursor_ = ds.n_train;  // the first step starts epoch 1
}

std::span<const std::int32_t> VaeRun::test_labels() const { return ds_.n_test() > 0 ? ds_.test_labels() : ds_.train_labels(); }

bool VaeRun::step() {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t n = ds_.n_train;
  if (cursor_ >= n) {  // a new epoch: a fresh shuffle
    for (std::size_t i = n; i > 1; --i) std::swap(order_[i - 1], order_[static_cast<std::size_t>(rng_.next_u64() % i)]);
    cursor_ = 0;
    ++epoch_;
    sum_recon_ = sum_kl_ = 0;
    seen_ = 0;
  }
  const std::int64_t D = c_.shape.pixels, Z = c_.shape.latent;
  const auto B = static_cast<std::int64_t>(std::min<std::size_t>(static_cast<std::size_t>(c_.batch), n - cursor_));
  bx_.resize(static_cast<std::size_t>(B * D));
  eps_.resize(static_cast<std::size_t>(B * Z));
  for (std::int64_t k = 0; k < B; ++k) std::copy_n(ds_.x.data() + order_[cursor_ + static_cast<std::size_t>(k)] * static_cast<std::size_t>(D), D, bx_.data() + k * D);
  for (float& e : eps_) e = static_cast<float>(rng_.normal());
  tape_.reset();
  VaeForward f = model_.forward(tape_, ag::constant(bx_.data(), ag::Shape{B, D}), ag::constant(eps_.data(), ag::Shape{B, Z}), c_.beta);
  if (!std::isfinite(f.loss.value[0])) return false;
  last_recon_ = f.recon.value[0] + model_.recon_constant();
  if (c_.beta > 0) {
    last_kl_ = f.kl.value[0] / c_.beta;
  } else {  // the op scaled it to 0: the KL by its formula, −½·Σ(1 + log σ² − μ² − σ²) per example
    double kl = 0;
    for (std::int64_t i = 0; i < B * Z; ++i) {
      const double m = f.mu.value[i], lv = f.logvar.value[i];
      kl -= 0.5 * (1 + lv - m * m - std::exp(lv));
    }
    last_kl_ = kl / static_cast<double>(B);
  }
  model_.store().zero_grad();
  tape_.backward(f.loss);
  ++steps_;
  opt_->step(model_.store().values(), model_.store().grads(), opt_->get("lr") * schedule_.factor(steps_));
  sum_recon_ += last_recon_ * static_cast<double>(B);
  sum_kl_ += last_kl_ * static_cast<double>(B);
  seen_ += static_cast<std::size_t>(B);
  cursor_ += static_cast<std::size_t>(B);
  step_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

VaeEpoch VaeRun::end_epoch() {
  const VaeScore test = evaluate_vae(model_, tape_, test_x_, test_rows_, c_.seed ^ 0x5eedE1B0ULL);
  const double seen = static_cast<double>(std::max<std::size_t>(seen_, 1));
  VaeEpoch e{};
  e.train_recon = sum_recon_ / seen;
  e.train_kl = sum_kl_ / seen;
  e.train_loss = e.train_recon + e.train_kl;
  e.test_loss = test.loss;
  e.test_recon = test.recon;
  e.test_kl = test.kl;
  return e;
}

}  // namespace lab::gen
