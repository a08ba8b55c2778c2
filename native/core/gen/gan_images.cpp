// The image GAN (see gan_images.hpp).
#include "gan_images.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "../config/value_lists.hpp"
#include "../data/read_dataset.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"
#include "../nn/layer_stack.hpp"
#include "gan_run.hpp"

namespace lab::gen {

namespace {

constexpr std::int64_t kGrid = 16;

// Images as rows of pixel values rounded to 1/1000 (what a person or a picture needs).
Value images(const std::vector<float>& px, std::int64_t dim) {
  Value::Array out;
  for (std::size_t i = 0; i + static_cast<std::size_t>(dim) <= px.size(); i += static_cast<std::size_t>(dim)) {
    Value::Array row;
    row.reserve(static_cast<std::size_t>(dim));
    for (std::int64_t j = 0; j < dim; ++j) row.emplace_back(std::round(px[i + static_cast<std::size_t>(j)] * 1000.0) / 1000.0);
    out.emplace_back(std::move(row));
  }
  return Value(std::move(out));
}

// The judge's verdict on n images: the share labelled with probability ≥ 0.9, and per class the share of
// those confident labels.
Value judge(const Reader& j, const data::Dataset& ds, const std::vector<float>& px, std::int64_t n) {
  j.only({"layers", "weights"});
  ag::ParamStore<float> store;
  Rng rng(1);
  const auto layers = nn::read_layer_list(j.get("layers") != nullptr ? *j.get("layers") : Value(), j.field_path("layers"));
  const std::vector<std::int64_t> input{ds.image_channels, ds.image_rows, ds.image_cols};
  const auto classes = static_cast<std::int64_t>(std::max(ds.classes, 2));
  nn::Sequential<float> net = nn::build_stack<float>(store, layers, input, classes, rng, j.field_path("layers"));
  nn::load_weights(store, j.string("weights"));
  net.eval();
  ag::Tape<float> tape;
  std::vector<double> counts(static_cast<std::size_t>(classes), 0);
  std::int64_t confident = 0;
  const std::int64_t dim = ds.d, chunk = 100;
  for (std::int64_t i = 0; i < n; i += chunk) {
    const std::int64_t m = std::min(chunk, n - i);
    tape.reset();
    std::vector<float> batch(px.begin() + i * dim, px.begin() + (i + m) * dim);
    const ag::Tensor<float> logits = net.forward(tape, ag::constant(batch.data(), ag::Shape{m, ds.image_channels, ds.image_rows, ds.image_cols}));
    for (std::int64_t r = 0; r < m; ++r) {
      const float* l = logits.value + r * classes;
      const std::int64_t k = std::max_element(l, l + classes) - l;
      double total = 0;
      for (std::int64_t c = 0; c < classes; ++c) total += std::exp(static_cast<double>(l[c] - l[k]));
      if (1 / total >= 0.9) ++confident, counts[static_cast<std::size_t>(k)] += 1;
    }
  }
  std::vector<double> shares;
  for (double c : counts) shares.push_back(confident > 0 ? c / static_cast<double>(confident) : 0.0);
  return Value(Value::Object{{"confident", static_cast<double>(confident) / static_cast<double>(n)},
                             {"class_shares", number_list(shares)},
                             {"min_class_share", *std::min_element(shares.begin(), shares.end())},
                             {"samples", static_cast<double>(n)}});
}

}  // namespace

void image_gan_defaults(GanConfig& c, const data::Dataset& ds) {
  c.dim = ds.d;
  c.sigmoid_out = true;
  c.steps = 40000, c.batch = 64, c.z_dim = 64, c.g_hidden = {256, 512}, c.d_hidden = {512, 256}, c.pack = 2, c.samples = 100;
  c.g_lr = 1e-3, c.d_lr = 4e-4;  // docs/generative.md: the sweep that chose them
  c.image = {ds.image_channels, ds.image_rows, ds.image_cols};
}

RealSource image_source(const data::Dataset& ds) {
  const std::size_t rows = ds.size(), dim = static_cast<std::size_t>(ds.d);  // every image, train and test
  return [&ds, rows, dim](float* out, std::size_t n, Rng& rng) {
    for (std::size_t i = 0; i < n; ++i) std::copy_n(ds.x.data() + static_cast<std::size_t>(rng.next_u64() % rows) * dim, dim, out + i * dim);
  };
}

Value train_gan_images(const Value& config) {
  Reader r(config, "gan");
  r.only({"dataset", "steps", "batch_size", "z_dim", "g_hidden", "d_hidden", "g_layers", "d_layers", "threads", "loss", "d_steps", "pack", "g_lr", "d_lr", "beta1",
          "beta2", "schedule", "gp_lambda", "seed", "samples", "eval_every", "judge", "save_weights", "init_weights"});
  const data::Dataset ds = data::read_dataset(*r.get("dataset"), "gan.dataset");
  if (!ds.is_images()) r.fail("dataset", *r.get("dataset"), "an image set (digits, or images from IDX files or a folder)");
  GanConfig c;
  image_gan_defaults(c, ds);  // then the settings both GANs read alike
  read_gan_training(r, c, 10);
  read_image_gan_nets(r, c);
  if (c.samples > 100000) r.fail("samples", *r.get("samples"), "at most 100000 images");
  const std::string save = r.string("save_weights", "");

  GanRun run(c, image_source(ds));
  // a generator's weights (--save-weights), or both nets as the GAN lab writes them (a shipped checkpoint)
  nn::load_config_weights({{"generator.", &run.generator()}, {"discriminator.", &run.discriminator()}}, r, "init_weights");
  Rng noise(c.seed ^ 0xF1AED0015EULL);
  std::vector<float> fixed(static_cast<std::size_t>(kGrid * c.z_dim));
  for (float& v : fixed) v = static_cast<float>(noise.normal());

  GanCurves curves(c.steps);
  std::vector<double> grid_steps;
  Value::Array grids;
  std::string status = "done";
  grid_steps.push_back(0);
  grids.emplace_back(images(run.samples_from(fixed), c.dim));
  for (std::int64_t step = 1; step <= c.steps; ++step) {
    if (!run.train_step(step, curves)) {
      status = "diverged";
      break;
    }
    if (step % c.eval_every == 0 || step == c.steps) {
      grid_steps.push_back(static_cast<double>(step));
      grids.emplace_back(images(run.samples_from(fixed), c.dim));
    }
  }
  if (!save.empty()) nn::save_weights(run.generator(), save);
  const std::vector<float> px = run.samples(c.samples);
  Value::Object final_{{"d_loss", std::isfinite(curves.last_d) ? Value(curves.last_d) : Value()}, {"g_loss", std::isfinite(curves.last_g) ? Value(curves.last_g) : Value()}};
  Value::Object out{{"samples", images(px, c.dim)},
                    {"image", Value(Value::Object{{"channels", static_cast<double>(ds.image_channels)},
                                                  {"rows", static_cast<double>(ds.image_rows)},
                                                  {"cols", static_cast<double>(ds.image_cols)}})},
                    {"curves", curves.value()},
                    {"grids", Value(Value::Object{{"step", number_list(grid_steps)}, {"images", Value(std::move(grids))}})},
                    {"loss", gan_loss_name(c.loss)}};
  if (const Value* jv = r.get("judge"); jv != nullptr && !jv->is_null()) {
    const Value verdict = judge(Reader(*jv, "gan.judge"), ds, px, c.samples);
    final_.emplace("confident", *verdict.find("confident"));
    final_.emplace("min_class_share", *verdict.find("min_class_share"));
    out.emplace("judge", verdict);
  }
  out.emplace("summary", Value(Value::Object{{"status", status}, {"steps", static_cast<double>(curves.done)}, {"final", Value(std::move(final_))}}));
  return Value(std::move(out));
}

}  // namespace lab::gen
