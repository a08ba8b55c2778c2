// The 2-D GAN's training loop (see gan.hpp).
#include "gan.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "../config/value_lists.hpp"
#include "../autograd/autograd.hpp"
#include "../error.hpp"
#include "../nn/mlp.hpp"
#include "../nn/torch_init.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"
#include "gan_images.hpp"
#include "gan_metrics.hpp"
#include "gan_run.hpp"
#include "toy2d.hpp"

namespace lab::gen {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;

Value points_value(const std::vector<float>& p) {
  Value::Array a;
  for (std::size_t i = 0; i + 1 < p.size(); i += 2) a.emplace_back(Value::Array{Value(double(p[i])), Value(double(p[i + 1]))});
  return Value(std::move(a));
}

}  // namespace

void read_gan_training(const Reader& r, GanConfig& c, std::int64_t evaluations) {
  c.steps = static_cast<std::int64_t>(r.number("steps", static_cast<double>(c.steps), Range{1, 10'000'000, false, false, true}));
  c.batch = static_cast<std::int64_t>(r.number("batch_size", static_cast<double>(c.batch), Range{1, 65536, false, false, true}));
  c.z_dim = static_cast<std::int64_t>(r.number("z_dim", static_cast<double>(c.z_dim), Range{1, 4096, false, false, true}));
  const std::string loss = r.string("loss", "non-saturating");
  if (loss == "minimax") c.loss = GanLoss::minimax;
  else if (loss == "non-saturating") c.loss = GanLoss::non_saturating;
  else if (loss == "least-squares") c.loss = GanLoss::least_squares;
  else if (loss == "wgan-gp") c.loss = GanLoss::wgan_gp;
  else r.fail("loss", *r.get("loss"), "one of minimax, non-saturating, least-squares, wgan-gp");
  const bool wgan = c.loss == GanLoss::wgan_gp;
  // WGAN-GP: 5 critic steps per generator step, betas (0.5, 0.9) and λ = 10 as Gulrajani et al.; the
  // step is left as it is (their 1e-4 found none of ring8's modes after 3 000 steps, 1e-3 found 7)
  c.d_steps = static_cast<std::int64_t>(r.number("d_steps", wgan ? 5 : 1, Range{1, 100, false, false, true}));
  if (wgan) c.beta2 = 0.9;
  c.gp_lambda = r.number("gp_lambda", 10, Range::non_negative());
  if (!wgan && r.get("gp_lambda") != nullptr) r.fail("gp_lambda", *r.get("gp_lambda"), "nothing: the penalty belongs to loss \"wgan-gp\"");
  c.pack = static_cast<std::int64_t>(r.number("pack", static_cast<double>(c.pack), Range{1, 64, false, false, true}));
  if (c.batch % c.pack != 0) {
    if (r.get("pack") != nullptr) r.fail("pack", *r.get("pack"), "a divisor of the batch size (" + std::to_string(c.batch) + ")");
    r.fail("batch_size", *r.get("batch_size"), "a multiple of pack (" + std::to_string(c.pack) + ", the default)");
  }
  c.g_hidden = read_widths(r, "g_hidden", c.g_hidden);
  c.d_hidden = read_widths(r, "d_hidden", c.d_hidden);
  c.g_lr = r.number("g_lr", c.g_lr, Range{0, 10, true, false, false});
  c.d_lr = r.number("d_lr", c.d_lr, Range{0, 10, true, false, false});
  c.beta1 = r.number("beta1", c.beta1, Range{0, 1, false, true, false});
  c.beta2 = r.number("beta2", c.beta2, Range{0, 1, false, true, false});
  const std::string schedule = r.string("schedule", "cosine");
  if (schedule != "cosine" && schedule != "constant") r.fail("schedule", *r.get("schedule"), "\"cosine\" (down to 0 at the last step) or \"constant\"");
  c.cosine = schedule == "cosine";
  c.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  c.samples = static_cast<std::int64_t>(r.number("samples", static_cast<double>(c.samples), Range{1, 1'000'000, false, false, true}));
  c.eval_every = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (c.eval_every == 0) c.eval_every = std::max<std::int64_t>(1, c.steps / evaluations);
}

void read_image_gan_nets(const Reader& r, GanConfig& c) {
  const bool listed = (r.get("g_layers") != nullptr && !r.get("g_layers")->is_null()) || (r.get("d_layers") != nullptr && !r.get("d_layers")->is_null());
  c.threads = static_cast<unsigned>(r.number("threads", listed ? 0 : 1, Range{0, 256, false, false, true}));
  for (const char* key : {"g_layers", "d_layers"}) {
    const Value* v = r.get(key);
    if (v == nullptr || v->is_null()) continue;
    // their shapes are checked when GanRun builds them (naming gan.g_layers[i], gan.d_layers[i])
    auto layers = nn::read_layer_list(*v, r.field_path(key));
    if (std::string(key) == "g_layers") {
      c.g_layers = std::move(layers);
    } else {
      if (c.loss == GanLoss::wgan_gp) r.fail(key, *v, "nothing with loss \"wgan-gp\": its gradient penalty needs the MLP critic (d_hidden)");
      c.d_layers = std::move(layers);
    }
  }
}

Toy2d read_gan_data(const Reader& r) {
  const std::string data = r.string("data", "ring8");
  if (data == "points") {
    std::vector<float> xy;
    for (const Value& v : r.array("points")) xy.push_back(v.kind() == Value::Kind::Number ? static_cast<float>(v.as_number()) : NAN);
    return toy2d_points(std::move(xy), r.field_path("points"));
  }
  if (r.get("points") != nullptr) r.fail("points", *r.get("points"), "nothing: points go with data \"points\"");
  return toy2d(data, r.field_path("data"));
}

std::vector<float> reference_points(const Toy2d& dist, std::uint64_t seed, std::int64_t n) {
  Rng rng(seed ^ 0x9E3779B97F4A7C15ULL);
  std::vector<float> real(static_cast<std::size_t>(2 * n));
  dist.sample(real.data(), static_cast<std::size_t>(n), rng);
  return real;
}

Value train_gan(const Value& config) {
  if (config.kind() == Value::Kind::Object && config.find("dataset") != nullptr) return train_gan_images(config);
  Reader r(config, "gan");
  r.only({"data", "points", "steps", "batch_size", "z_dim", "g_hidden", "d_hidden", "loss", "d_steps", "g_lr", "d_lr", "beta1", "beta2",
          "seed", "samples", "eval_every", "pack", "schedule", "gp_lambda"});
  const Toy2d dist = read_gan_data(r);
  const std::string data = dist.name;
  GanConfig c;
  read_gan_training(r, c, 50);

  GanRun run(c, toy_source(dist));
  const std::int64_t n_real = std::max<std::int64_t>(c.samples, 10000);
  const std::vector<float> real = reference_points(dist, c.seed, n_real);

  std::vector<double> m_step, m_modes, m_hq, m_kl, m_js;
  std::string status = "done";
  GanCurves curves(c.steps);
  auto score = [&](std::int64_t step, std::int64_t n) {
    const std::vector<float> fake = run.samples(n);
    const GanScore s = score_samples(dist, fake.data(), static_cast<std::size_t>(n), real.data(), static_cast<std::size_t>(n_real));
    m_step.push_back(static_cast<double>(step));
    m_modes.push_back(dist.is_mixture() ? s.modes : NAN);
    m_hq.push_back(dist.is_mixture() ? s.high_quality : NAN);
    m_kl.push_back(s.kl);
    m_js.push_back(s.js);
    return s;
  };
  for (std::int64_t step = 1; step <= c.steps; ++step) {
    if (!run.train_step(step, curves)) {
      status = "diverged";
      break;
    }
    if (step % c.eval_every == 0 && step != c.steps) score(step, 1000);
  }
  // the final samples: the ones returned are the ones scored
  const std::vector<float> fake = run.samples(c.samples);
  const GanScore s = score_samples(dist, fake.data(), static_cast<std::size_t>(c.samples), real.data(), static_cast<std::size_t>(n_real));
  m_step.push_back(static_cast<double>(curves.done));
  m_modes.push_back(dist.is_mixture() ? s.modes : NAN);
  m_hq.push_back(dist.is_mixture() ? s.high_quality : NAN);
  m_kl.push_back(s.kl);
  m_js.push_back(s.js);

  const auto mixture = [&](double v) { return dist.is_mixture() && std::isfinite(v) ? Value(v) : Value(); };
  Value::Array centres;
  for (std::size_t k = 0; k < dist.modes(); ++k) centres.emplace_back(Value::Array{Value(dist.centres[2 * k]), Value(dist.centres[2 * k + 1])});
  Value::Object final_{{"d_loss", std::isfinite(curves.last_d) ? Value(curves.last_d) : Value()}, {"g_loss", std::isfinite(curves.last_g) ? Value(curves.last_g) : Value()},
                       {"modes", mixture(s.modes)}, {"high_quality", mixture(s.high_quality)}, {"kl", s.kl}, {"js", s.js}};
  return Value(Value::Object{
      {"data", data},
      {"loss", gan_loss_name(c.loss)},
      {"samples", points_value(fake)},
      {"summary", Value(Value::Object{{"status", status}, {"steps", static_cast<double>(curves.done)}, {"final", Value(std::move(final_))}})},
      {"curves", curves.value()},
      {"metrics", Value(Value::Object{{"step", number_list(m_step)}, {"modes", number_list(m_modes)}, {"high_quality", number_list(m_hq)}, {"kl", number_list(m_kl)}, {"js", number_list(m_js)}})},
      {"per_mode", number_list(s.per_mode)},
      {"centres", Value(std::move(centres))},
      {"std", dist.is_mixture() ? Value(dist.std) : Value()}});
}

}  // namespace lab::gen
