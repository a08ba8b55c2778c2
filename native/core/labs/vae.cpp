// The VAE lab's live session (see vae.hpp).
#include "vae.hpp"

#include <algorithm>
#include <cmath>

#include "../autograd/autograd.hpp"
#include "../data/read_dataset.hpp"
#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"

namespace lab {

namespace {

constexpr std::int64_t kInterpolationSteps = 9;


}  // namespace

VaeLab::VaeLab(const Value& config) {
  Reader r(config, "vae");
  r.only({"dataset", "latent", "hidden", "encoder_layers", "decoder_layers", "decoder", "beta", "epochs", "batch_size", "optimizer", "seed",
          "save_weights", "init_weights", "frames"});
  const Value* dv = r.get("dataset");
  ds_ = data::read_dataset(dv != nullptr ? *dv : Value("digits"), "vae.dataset");
  if (!ds_.is_images()) r.fail("dataset", *dv, "an image set (digits, or images from IDX files or a folder)");
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms, points, grid, pairs}")) {
    fr->only({"every_ms", "points", "grid", "pairs"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
    points_ = static_cast<std::int64_t>(fr->number("points", static_cast<double>(points_), Range{1, 10'000, false, false, true}));
    grid_ = static_cast<std::int64_t>(fr->number("grid", static_cast<double>(grid_), Range{2, 32, false, false, true}));
    pairs_ = static_cast<std::int64_t>(fr->number("pairs", static_cast<double>(pairs_), Range{1, 64, false, false, true}));
  }
  run_ = std::make_unique<gen::VaeRun>(r, ds_);
  points_ = std::min<std::int64_t>(points_, static_cast<std::int64_t>(run_->test_rows()));
  pairs_ = std::min<std::int64_t>(pairs_, static_cast<std::int64_t>(run_->test_rows()));
}

Value::Object VaeLab::image_meta() const {
  return Value::Object({{"channels", static_cast<double>(ds_.image_channels)}, {"rows", static_cast<double>(ds_.image_rows)}, {"cols", static_cast<double>(ds_.image_cols)}});
}

void VaeLab::begin(Emitter& em) {
  em_ = &em;
  batch_stream_ = em.declare("batch", 0, {"step", "epoch", "loss", "recon", "kl", "beta"});
  epoch_stream_ = em.declare("epoch", 0, {"epoch", "step", "train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl", "beta"});
  // epoch 0: the untrained model on the scored set
  const gen::VaeScore s = gen::evaluate_vae(run_->model(), run_->tape(), run_->test_x(), run_->test_rows(), run_->config().seed ^ 0x5eedE1B0ULL);
  last_epoch_ = {0, 0, NAN, NAN, NAN, s.loss, s.recon, s.kl, run_->beta()};
  em.push(epoch_stream_, last_epoch_.data());
  if (frames_on_) emit_frames(em);
}

bool VaeLab::step(Emitter& em) {
  if (!run_->step()) {
    status_ = "diverged";
    const double row[] = {static_cast<double>(run_->steps() + 1), static_cast<double>(run_->epoch()), NAN, NAN, NAN, run_->beta()};
    em.push(batch_stream_, row);
    return false;
  }
  const double beta = run_->beta();
  const double row[] = {static_cast<double>(run_->steps()), static_cast<double>(run_->epoch()), run_->last_recon() + beta * run_->last_kl(), run_->last_recon(), run_->last_kl(), beta};
  em.push(batch_stream_, row);
  bool more = true;
  const bool epoch_end = run_->epoch_ended();
  if (epoch_end) {
    const gen::VaeEpoch e = run_->end_epoch();
    last_epoch_ = {static_cast<double>(run_->epoch()), static_cast<double>(run_->steps()), e.train_loss, e.train_recon, e.train_kl, e.test_loss, e.test_recon, e.test_kl, beta};
    em.push(epoch_stream_, last_epoch_.data());
    if (!std::isfinite(e.test_loss)) status_ = "diverged";
    more = status_ == "running" && run_->epoch() < run_->epochs();
  }
  const auto now = std::chrono::steady_clock::now();
  if (frames_on_ && (epoch_end || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) emit_frames(em);
  return more;
}

void VaeLab::emit_frames(Emitter& em) {
  last_frame_ = std::chrono::steady_clock::now();
  em.frame(latent_frame());
  em.frame(manifold_frame());
  em.frame(reconstructions_frame());
}

std::vector<float> VaeLab::encode_means(std::size_t first, std::size_t n) {
  const std::int64_t D = ds_.d;
  ag::Tape<float>& tape = run_->tape();
  tape.reset();
  ag::Tensor<float> mu, logvar;
  const gen::VaeEvalMode eval(run_->model());
  run_->model().encode(tape, ag::constant(const_cast<float*>(run_->test_x() + first * static_cast<std::size_t>(D)), ag::Shape{static_cast<std::int64_t>(n), D}), mu, logvar);  // read only
  return std::vector<float>(mu.value, mu.value + mu.numel());
}

std::vector<float> VaeLab::decode(const std::vector<float>& z, std::int64_t n) {
  ag::Tape<float>& tape = run_->tape();
  tape.reset();
  const gen::VaeEvalMode eval(run_->model());
  const ag::Tensor<float> out = run_->model().decode(tape, ag::constant(const_cast<float*>(z.data()), ag::Shape{n, run_->config().shape.latent}));  // read only
  std::vector<float> img(out.value, out.value + out.numel());
  const bool bernoulli = run_->config().shape.decoder == gen::Decoder::bernoulli;
  for (float& v : img) v = bernoulli ? ag::sigmoid_of(v) : std::clamp(v, 0.f, 1.f);
  return img;
}

Frame VaeLab::latent_frame() {
  const std::int64_t Z = run_->config().shape.latent;
  const std::vector<float> mu = encode_means(0, static_cast<std::size_t>(points_));
  const auto labels = run_->test_labels();
  Frame f;
  f.name = "latent";
  f.step = run_->steps();
  f.shape = {points_, 3};
  f.data.resize(static_cast<std::size_t>(3 * points_));
  std::vector<float> reach;  // each dot's larger |coordinate|
  for (std::int64_t i = 0; i < points_; ++i) {
    const float a = mu[static_cast<std::size_t>(i * Z)], b = Z >= 2 ? mu[static_cast<std::size_t>(i * Z + 1)] : 0.f;
    f.data[static_cast<std::size_t>(3 * i)] = a;
    f.data[static_cast<std::size_t>(3 * i + 1)] = b;
    f.data[static_cast<std::size_t>(3 * i + 2)] = labels.empty() ? -1.f : static_cast<float>(labels[static_cast<std::size_t>(i)]);
    if (std::isfinite(a) && std::isfinite(b)) reach.push_back(std::max(std::abs(a), std::abs(b)));
  }
  // the plane shown: [−3, 3]² (the prior's bulk), widened in steps of ½ to hold 98 % of the dots (a few
  // far ones would squeeze the rest into a corner; the map draws them on its edge)
  double top = 0;
  if (!reach.empty()) {
    const auto q = reach.begin() + static_cast<std::ptrdiff_t>(0.98 * static_cast<double>(reach.size() - 1));
    std::nth_element(reach.begin(), q, reach.end());
    top = *q;
  }
  range_ = std::max(3.0, std::ceil(1.05 * top * 2) / 2);
  f.meta = Value(Value::Object{{"latent", static_cast<double>(Z)}, {"classes", static_cast<double>(ds_.classes)}, {"range", range_}});
  return f;
}

Frame VaeLab::manifold_frame() {
  const std::int64_t Z = run_->config().shape.latent, D = ds_.d;
  std::vector<float> z(static_cast<std::size_t>(grid_ * grid_ * Z), 0.f);
  for (std::int64_t r = 0; r < grid_; ++r)
    for (std::int64_t c = 0; c < grid_; ++c) {
      float* zi = z.data() + (r * grid_ + c) * Z;
      zi[0] = static_cast<float>(-range_ + 2 * range_ * static_cast<double>(c) / static_cast<double>(grid_ - 1));
      if (Z >= 2) zi[1] = static_cast<float>(range_ - 2 * range_ * static_cast<double>(r) / static_cast<double>(grid_ - 1));
    }
  Frame f;
  f.name = "manifold";
  f.step = run_->steps();
  f.shape = {grid_, grid_, D};
  f.data = decode(z, grid_ * grid_);
  Value::Object meta = image_meta();
  meta["range"] = Value(range_);
  f.meta = Value(std::move(meta));
  return f;
}

Frame VaeLab::reconstructions_frame() {
  const std::int64_t Z = run_->config().shape.latent, D = ds_.d;
  const std::vector<float> mu = encode_means(0, static_cast<std::size_t>(pairs_));
  const std::vector<float> rec = decode(mu, pairs_);
  Frame f;
  f.name = "reconstructions";
  f.step = run_->steps();
  f.shape = {2, pairs_, D};
  f.data.assign(run_->test_x(), run_->test_x() + pairs_ * D);
  f.data.insert(f.data.end(), rec.begin(), rec.end());
  (void)Z;
  f.meta = Value(image_meta());
  return f;
}

void VaeLab::check_probe(const Value& p, const std::string& path) const {
  const Reader r(p, path);
  r.only({"z", "between", "steps"});
  const std::int64_t Z = run_->config().shape.latent;
  if (const Value* z = r.get("z")) {
    if (r.get("between") != nullptr) r.fail("between", *r.get("between"), "nothing: a probe decodes z or interpolates between two images, not both");
    if (z->kind() != Value::Kind::Array || static_cast<std::int64_t>(z->as_array().size()) != Z)
      r.fail("z", *z, "a list of " + std::to_string(Z) + " numbers (the latent size)");
    for (std::size_t i = 0; i < z->as_array().size(); ++i) check_number(r.field_path("z") + "[" + std::to_string(i) + "]", z->as_array()[i], Range::any());
    if (r.get("steps") != nullptr) r.fail("steps", *r.get("steps"), "nothing: steps go with between");
    return;
  }
  const Value* b = r.get("between");
  if (b == nullptr) throw Error(code::invalid_config, path + ": expected {z: [...]} or {between: [i, j], steps?}");
  const double n = static_cast<double>(run_->test_rows());
  if (b->kind() != Value::Kind::Array || b->as_array().size() != 2) r.fail("between", *b, "two image indices [i, j]");
  for (std::size_t i = 0; i < 2; ++i) check_number(r.field_path("between") + "[" + std::to_string(i) + "]", b->as_array()[i], Range{0, n - 1, false, false, true});
  r.number("steps", kInterpolationSteps, Range{2, 64, false, false, true});
}

Frame VaeLab::probe(const Value& p) {
  check_probe(p, "probe");
  const std::int64_t Z = run_->config().shape.latent;
  Frame f;
  f.step = run_->steps();
  Value::Object meta = image_meta();
  if (const Value* zv = p.find("z")) {
    std::vector<float> z;
    for (const Value& v : zv->as_array()) z.push_back(static_cast<float>(v.as_number()));
    f.name = "decoded";
    f.data = decode(z, 1);
    f.shape = {static_cast<std::int64_t>(f.data.size())};
    meta["z"] = *zv;
  } else {
    const auto& b = p.find("between")->as_array();
    const auto i = static_cast<std::size_t>(b[0].as_number()), j = static_cast<std::size_t>(b[1].as_number());
    const Value* sv = p.find("steps");
    const std::int64_t n = sv != nullptr ? static_cast<std::int64_t>(sv->as_number()) : kInterpolationSteps;
    const std::vector<float> mi = encode_means(i, 1), mj = encode_means(j, 1);
    std::vector<float> z(static_cast<std::size_t>(n * Z));
    Value::Array zs;
    for (std::int64_t s = 0; s < n; ++s) {
      const double t = static_cast<double>(s) / static_cast<double>(n - 1);
      Value::Array zrow;
      for (std::int64_t k = 0; k < Z; ++k) {
        const float v = static_cast<float>((1 - t) * mi[static_cast<std::size_t>(k)] + t * mj[static_cast<std::size_t>(k)]);
        z[static_cast<std::size_t>(s * Z + k)] = v;
        zrow.emplace_back(static_cast<double>(v));
      }
      zs.emplace_back(std::move(zrow));
    }
    f.name = "interpolation";
    f.data = decode(z, n);
    f.shape = {n, ds_.d};
    meta["from"] = Value(static_cast<double>(i));
    meta["to"] = Value(static_cast<double>(j));
    meta["z"] = Value(std::move(zs));
  }
  f.meta = Value(std::move(meta));
  return f;
}

void VaeLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "probe", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"beta", "lr"});
    sr.number("beta", 1, Range::non_negative());
    sr.number("lr", 1e-3, Range{0, 10, true, false, false});
  }
  if (const Value* p = u.get("probe")) check_probe(*p, "update.probe");
}

void VaeLab::apply_update(const Value& update) {
  if (const Value* s = update.find("set")) {
    if (const Value* b = s->find("beta")) run_->set_beta(b->as_number());
    if (const Value* lr = s->find("lr")) run_->optimizer().set("lr", lr->as_number());
  }
  if (const Value* p = update.find("probe"); p != nullptr && em_ != nullptr) em_->frame(probe(*p));
}

Value VaeLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  if (!run_->config().save_weights.empty()) nn::save_weights(run_->model().store(), run_->config().save_weights);
  const std::string st = status_ == "diverged" ? "diverged" : status;
  const std::vector<double>& e = last_epoch_;
  Value::Object final_{{"epoch", e[0]},
                       {"train_loss", number_or_null(e[2])}, {"train_recon", number_or_null(e[3])}, {"train_kl", number_or_null(e[4])},
                       {"test_loss", number_or_null(e[5])}, {"test_recon", number_or_null(e[6])}, {"test_kl", number_or_null(e[7])}};
  const std::int64_t steps = run_->steps();
  return Value(Value::Object{{"status", st},
                             {"steps", static_cast<double>(steps)},
                             {"epochs", e[0]},
                             {"parameters", static_cast<double>(run_->model().store().size())},
                             {"latent", static_cast<double>(run_->config().shape.latent)},
                             {"beta", run_->beta()},
                             {"final", Value(std::move(final_))},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", steps > 0 ? compute_ms / static_cast<double>(steps) : 0.0}});
}

std::string VaeLab::weights_bytes() const { return nn::weights_bytes(run_->model().store()); }

}  // namespace lab
