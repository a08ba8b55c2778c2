// The GAN lab's live session (see gan.hpp).
#include "gan.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "../autograd/autograd.hpp"
#include "../config/value_lists.hpp"
#include "../data/read_dataset.hpp"
#include "../error.hpp"
#include "../gen/gan_images.hpp"
#include "../nn/checkpoint.hpp"

namespace lab {

namespace {

constexpr std::int64_t kReference = 10000, kShown = 512, kScored = 1000;


}  // namespace

GanLab::GanLab(const Value& config) {
  Reader r(config, "gan");
  r.only({"data", "points", "dataset", "steps", "batch_size", "z_dim", "g_hidden", "d_hidden", "g_layers", "d_layers", "threads", "loss", "d_steps", "gp_lambda",
          "pack", "g_lr", "d_lr", "beta1", "beta2", "schedule", "seed", "eval_every", "frames", "nets", "init_weights", "save_weights"});
  if (const Value* dv = r.get("dataset"); dv != nullptr) {
    for (const char* k : {"data", "points"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: an image GAN's data is its dataset");
    ds_ = data::read_dataset(*dv, r.field_path("dataset"));
    if (!ds_.is_images()) r.fail("dataset", *dv, "an image set (digits, or images from IDX files or a folder)");
    images_ = true;
    gen::image_gan_defaults(c_, ds_);
    fakes_ = 64;  // an 8×8 grid of samples
  } else {
    dist_ = gen::read_gan_data(r);
  }
  nets_ = r.string("nets", "both");
  if (nets_ != "both" && nets_ != "d" && nets_ != "g") r.fail("nets", *r.get("nets"), "\"both\" (D then G), \"d\" (D only) or \"g\" (G only)");
  gen::read_gan_training(r, c_, 100);
  if (images_) gen::read_image_gan_nets(r, c_);
  else
    for (const char* k : {"g_layers", "d_layers", "threads"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: layer lists and threads are for an image GAN (a dataset); the 2-D nets take g_hidden and d_hidden");
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, images_ ? "false or {every_ms, samples}" : "false or {every_ms, grid, fakes, manifold}")) {
    if (images_) fr->only({"every_ms", "samples"});
    else fr->only({"every_ms", "grid", "fakes", "manifold"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
    grid_ = static_cast<std::int64_t>(fr->number("grid", static_cast<double>(grid_), Range{2, 256, false, false, true}));
    fakes_ = static_cast<std::int64_t>(fr->number(images_ ? "samples" : "fakes", static_cast<double>(fakes_), Range{1, 4096, false, false, true}));
    manifold_ = static_cast<std::int64_t>(fr->number("manifold", static_cast<double>(manifold_), Range{2, 64, false, false, true}));
  }
  if (images_) {
    run_ = std::make_unique<gen::GanRun>(c_, gen::image_source(ds_));
  } else {
    // whole packs of fakes, so each arrow is its own pack's pull
    fakes_ = (fakes_ + c_.pack - 1) / c_.pack * c_.pack;
    run_ = std::make_unique<gen::GanRun>(c_, gen::toy_source(dist_));
  }
  // a trained start (a shipped checkpoint's bytes, or a file): both nets, or the generator alone
  nn::load_config_weights({{"generator.", &run_->generator()}, {"discriminator.", &run_->discriminator()}}, r, "init_weights");
  save_weights_ = r.string("save_weights", "");

  // the frame's fixed noise: its own stream, so frames never change the training's random numbers
  Rng noise_rng(c_.seed ^ 0xD1B54A32D192ED03ULL);
  noise_.resize(static_cast<std::size_t>(fakes_ * c_.z_dim));
  for (float& v : noise_) v = static_cast<float>(noise_rng.normal());
  if (images_) return;

  reference_ = gen::reference_points(dist_, c_.seed, kReference);
  shown_.assign(reference_.begin(), reference_.begin() + 2 * kShown);
  // the plane shown: the real points' box, a fifth wider on each side, made square
  float x0 = reference_[0], x1 = x0, y0 = reference_[1], y1 = y0;
  for (std::size_t i = 0; i + 1 < reference_.size(); i += 2) {
    x0 = std::min(x0, reference_[i]), x1 = std::max(x1, reference_[i]);
    y0 = std::min(y0, reference_[i + 1]), y1 = std::max(y1, reference_[i + 1]);
  }
  const double half = 0.7 * std::max({double(x1 - x0), double(y1 - y0), 1e-3});
  const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1);
  xmin_ = cx - half, xmax_ = cx + half, ymin_ = cy - half, ymax_ = cy + half;

  manifold_rows_ = c_.z_dim >= 2 ? manifold_ : 1;
  grid_z_.assign(static_cast<std::size_t>(manifold_rows_ * manifold_ * c_.z_dim), 0.f);
  for (std::int64_t i = 0; i < manifold_rows_; ++i)
    for (std::int64_t j = 0; j < manifold_; ++j) {
      float* z = grid_z_.data() + (i * manifold_ + j) * c_.z_dim;
      z[0] = static_cast<float>(-2 + 4.0 * static_cast<double>(j) / static_cast<double>(manifold_ - 1));
      if (c_.z_dim >= 2) z[1] = static_cast<float>(-2 + 4.0 * static_cast<double>(i) / static_cast<double>(manifold_ - 1));
    }
  field_xy_.resize(static_cast<std::size_t>(2 * grid_ * grid_));
  const double hx = (xmax_ - xmin_) / static_cast<double>(grid_), hy = (ymax_ - ymin_) / static_cast<double>(grid_);
  for (std::int64_t i = 0; i < grid_; ++i)
    for (std::int64_t j = 0; j < grid_; ++j) {
      field_xy_[static_cast<std::size_t>(2 * (i * grid_ + j))] = static_cast<float>(xmin_ + (static_cast<double>(j) + 0.5) * hx);
      field_xy_[static_cast<std::size_t>(2 * (i * grid_ + j) + 1)] = static_cast<float>(ymin_ + (static_cast<double>(i) + 0.5) * hy);
    }
}

void GanLab::begin(Emitter& em) {
  train_stream_ = em.declare("batch", 0, {"step", "d_loss", "g_loss"});
  if (!images_) {
    eval_stream_ = em.declare("eval", 0, {"step", "modes", "high_quality", "kl", "js"});
    evaluate(em);
  }
  if (frames_on_) em.frame(frame());
}

void GanLab::evaluate(Emitter& em) {
  const std::vector<float> fake = run_->samples(kScored);
  score_ = gen::score_samples(dist_, fake.data(), static_cast<std::size_t>(kScored), reference_.data(), static_cast<std::size_t>(kReference));
  const bool mix = dist_.is_mixture();
  const double row[] = {static_cast<double>(step_), mix ? score_.modes : NAN, mix ? score_.high_quality : NAN, score_.kl, score_.js};
  em.push(eval_stream_, row);
}

bool GanLab::step(Emitter& em) {
  ++step_;
  const double f = run_->rate_factor(std::min(step_, c_.steps));
  double d = NAN, g = NAN;
  if (nets_ != "g")
    for (std::int64_t k = 0; k < run_->settings().d_steps; ++k) d = run_->d_step(f);
  if (nets_ != "d") g = run_->g_step(f);
  const double row[] = {static_cast<double>(step_), d, g};
  em.push(train_stream_, row);
  if (nets_ != "g") last_d_ = d;
  if (nets_ != "d") last_g_ = g;
  const bool finite = (nets_ == "g" || std::isfinite(d)) && (nets_ == "d" || std::isfinite(g));
  if (!finite) status_ = "diverged";
  const bool more = finite && step_ < c_.steps;
  if (!images_ && (!more || step_ % c_.eval_every == 0)) evaluate(em);
  const auto now = std::chrono::steady_clock::now();
  if (frames_on_ && (!more || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) em.frame(frame());
  if (!more && !save_weights_.empty()) {  // both nets, for a trained start (scripts/train-checkpoints.mjs)
    const std::string bytes = weights_bytes();
    std::ofstream out(save_weights_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(code::invalid_config, save_weights_ + ": cannot write the weights file");
  }
  return more;
}

Frame GanLab::frame() {
  last_frame_ = std::chrono::steady_clock::now();
  if (images_) {  // the generator's images of the fixed noise: the same samples as training goes
    Frame f;
    f.name = "samples";
    f.step = step_;
    f.data = run_->samples_from(noise_);
    f.shape = {fakes_, c_.dim};
    f.meta = Value(Value::Object{{"channels", static_cast<double>(ds_.image_channels)}, {"rows", static_cast<double>(ds_.image_rows)},
                                 {"cols", static_cast<double>(ds_.image_cols)}, {"nets", nets_}});
    return f;
  }
  std::vector<float> fakes, pull;
  run_->generator_pull(noise_, fakes, pull);
  std::vector<float> field = run_->judge(field_xy_.data(), grid_ * grid_);
  const bool logistic = c_.loss == gen::GanLoss::non_saturating || c_.loss == gen::GanLoss::minimax;
  float lo = INFINITY, hi = -INFINITY;
  for (float& v : field) {
    if (logistic) v = ag::sigmoid_of(v);
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  const std::vector<float> manifold = run_->samples_from(grid_z_);

  Frame f;
  f.name = "gan";
  f.step = step_;
  f.data.reserve(shown_.size() + fakes.size() + pull.size() + field.size() + manifold.size());
  for (const std::vector<float>* part : std::initializer_list<const std::vector<float>*>{&shown_, &fakes, &pull, &field, &manifold}) f.data.insert(f.data.end(), part->begin(), part->end());
  f.shape = {static_cast<std::int64_t>(f.data.size())};
  Value::Array centres;
  for (std::size_t k = 0; k < dist_.modes(); ++k) centres.emplace_back(Value::Array{Value(dist_.centres[2 * k]), Value(dist_.centres[2 * k + 1])});
  f.meta = Value(Value::Object{
      {"real", static_cast<double>(kShown)},
      {"fakes", static_cast<double>(fakes_)},
      {"grid", static_cast<double>(grid_)},
      {"manifold", Value(Value::Array{Value(static_cast<double>(manifold_rows_)), Value(static_cast<double>(manifold_))})},
      {"bounds", Value(Value::Object{{"xmin", xmin_}, {"xmax", xmax_}, {"ymin", ymin_}, {"ymax", ymax_}})},
      {"field", logistic ? "probability" : "score"},
      {"field_min", number_or_null(lo)},
      {"field_max", number_or_null(hi)},
      {"centres", Value(std::move(centres))},
      {"std", dist_.is_mixture() ? Value(dist_.std) : Value()},
      {"nets", nets_}});
  return f;
}

void GanLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "nets", "steps_per_second"});
  if (const Value* t = u.get("nets")) {
    const std::string v = u.string("nets");
    if (v != "both" && v != "d" && v != "g") u.fail("nets", *t, "\"both\" (D then G), \"d\" (D only) or \"g\" (G only)");
  }
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"g_lr", "d_lr", "d_steps"});
    sr.number("g_lr", 1e-3, Range{0, 10, true, false, false});
    sr.number("d_lr", 1e-3, Range{0, 10, true, false, false});
    sr.number("d_steps", 1, Range{1, 100, false, false, true});
  }
}

void GanLab::apply_update(const Value& update) {
  if (const Value* t = update.find("nets")) nets_ = t->as_string();
  if (const Value* s = update.find("set")) {
    gen::GanConfig& c = run_->settings();
    if (const Value* v = s->find("g_lr")) c.g_lr = v->as_number();
    if (const Value* v = s->find("d_lr")) c.d_lr = v->as_number();
    if (const Value* v = s->find("d_steps")) c.d_steps = static_cast<std::int64_t>(v->as_number());
  }
}

Value GanLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const std::string st = status_ == "diverged" ? "diverged" : status;
  const bool mix = !images_ && dist_.is_mixture();
  Value::Object final_{{"d_loss", number_or_null(last_d_)}, {"g_loss", number_or_null(last_g_)},
                       {"modes", mix && score_.modes >= 0 ? Value(static_cast<double>(score_.modes)) : Value()},
                       {"high_quality", mix ? number_or_null(score_.high_quality) : Value()},
                       {"kl", images_ ? Value() : number_or_null(score_.kl)}, {"js", images_ ? Value() : number_or_null(score_.js)}};
  return Value(Value::Object{{"status", st},
                             {"steps", static_cast<double>(step_)},
                             {"data", images_ ? ds_.name : dist_.name},
                             {"loss", gen::gan_loss_name(c_.loss)},
                             {"per_mode", number_list(score_.per_mode)},
                             {"final", Value(std::move(final_))},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", step_ > 0 ? compute_ms / static_cast<double>(step_) : 0.0}});
}

std::string GanLab::weights_bytes() const { return nn::weights_bytes({{"generator.", &run_->generator()}, {"discriminator.", &run_->discriminator()}}); }

}  // namespace lab
