// The VAE lab's model and training loop (see vae.hpp).
#include "vae.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "../config/value_lists.hpp"
#include "../data/read_dataset.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"
#include "../nn/torch_init.hpp"
#include "../optim/registry.hpp"
#include "vae_run.hpp"

namespace lab::gen {

VaeModel::VaeModel(const VaeShape& shape, Rng& rng) : shape_(shape) {
  const nn::Init any{};  // redrawn below as torch draws them
  std::int64_t in = shape.pixels;
  if (!shape.encoder_layers.empty()) {
    enc_stack_ = std::make_unique<nn::Sequential<float>>(nn::build_stack<float>(
        store_, shape.encoder_layers, shape.image, nn::kAnyOutputs, rng, "vae.encoder_layers", &enc_shapes_, "encoder"));
    in = enc_shapes_.back().output[0];
  } else {
    for (std::size_t i = 0; i < shape.hidden.size(); ++i) {
      enc_.push_back(std::make_unique<nn::Linear<float>>(store_, "encoder." + std::to_string(i), in, shape.hidden[i], any, rng));
      in = shape.hidden[i];
    }
  }
  mu_head_ = std::make_unique<nn::Linear<float>>(store_, "encoder.mu", in, shape.latent, any, rng);
  logvar_head_ = std::make_unique<nn::Linear<float>>(store_, "encoder.logvar", in, shape.latent, any, rng);
  if (!shape.decoder_layers.empty()) {
    dec_stack_ = std::make_unique<nn::Sequential<float>>(nn::build_stack<float>(
        store_, shape.decoder_layers, {shape.latent}, shape.pixels, rng, "vae.decoder_layers", &dec_shapes_, "decoder"));
  } else {
    in = shape.latent;
    for (std::size_t i = shape.hidden.size(); i-- > 0;) {
      dec_.push_back(std::make_unique<nn::Linear<float>>(store_, "decoder." + std::to_string(dec_.size()), in, shape.hidden[i], any, rng));
      in = shape.hidden[i];
    }
    out_ = std::make_unique<nn::Linear<float>>(store_, "decoder.out", in, shape.pixels, any, rng);
  }
  nn::init_like_torch(store_, rng);
}

void VaeModel::set_training(bool training) {
  if (enc_stack_) enc_stack_->set_training(training);
  if (dec_stack_) dec_stack_->set_training(training);
}

void VaeModel::encode(ag::Tape<float>& tape, ag::Tensor<float> x, ag::Tensor<float>& mu, ag::Tensor<float>& logvar) {
  ag::Tensor<float> h = x;
  if (enc_stack_) {
    const auto& im = shape_.image;
    h = enc_stack_->forward(tape, ag::reshape(x, ag::Shape{x.dim(0), im[0], im[1], im[2]}));
  } else {
    for (auto& l : enc_) h = ag::relu(tape, l->forward(tape, h));
  }
  mu = mu_head_->forward(tape, h);
  logvar = logvar_head_->forward(tape, h);
}

ag::Tensor<float> VaeModel::decode(ag::Tape<float>& tape, ag::Tensor<float> z) {
  if (dec_stack_) return dec_stack_->forward(tape, z);
  ag::Tensor<float> h = z;
  for (auto& l : dec_) h = ag::relu(tape, l->forward(tape, h));
  return out_->forward(tape, h);
}

double VaeModel::recon_constant() const {
  return shape_.decoder == Decoder::gaussian ? 0.5 * static_cast<double>(shape_.pixels) * std::log(2 * std::numbers::pi) : 0.0;
}

VaeForward VaeModel::forward(ag::Tape<float>& tape, ag::Tensor<float> x, ag::Tensor<float> eps, double beta) {
  VaeForward f;
  encode(tape, x, f.mu, f.logvar);
  f.z = ag::reparameterize(tape, f.mu, f.logvar, eps);
  f.out = decode(tape, f.z);
  const double per_example = 1.0 / static_cast<double>(x.dim(0));
  f.recon = shape_.decoder == Decoder::bernoulli ? ag::bce_with_logits_sum(tape, f.out, x, per_example)
                                                 : ag::half_squared_sum(tape, f.out, x, per_example);
  f.kl = ag::gaussian_kl(tape, f.mu, f.logvar, beta * per_example);
  f.loss = ag::add(tape, f.recon, f.kl);
  return f;
}

VaeScore evaluate_vae(VaeModel& model, ag::Tape<float>& tape, const float* x, std::size_t rows, std::uint64_t eps_seed,
                      std::size_t batch) {
  const std::int64_t D = model.shape().pixels, Z = model.shape().latent;
  const VaeEvalMode eval(model);
  Rng rng(eps_seed);
  std::vector<float> eps;
  double recon = 0, kl = 0;
  for (std::size_t b0 = 0; b0 < rows; b0 += batch) {
    const auto B = static_cast<std::int64_t>(std::min(batch, rows - b0));
    eps.resize(static_cast<std::size_t>(B * Z));
    for (float& e : eps) e = static_cast<float>(rng.normal());
    tape.reset();
    // the inputs as a constant: the data is read, never written
    VaeForward f = model.forward(tape, ag::constant(const_cast<float*>(x + b0 * static_cast<std::size_t>(D)), ag::Shape{B, D}),
                                 ag::constant(eps.data(), ag::Shape{B, Z}), 1.0);
    recon += static_cast<double>(f.recon.value[0]) * static_cast<double>(B);
    kl += static_cast<double>(f.kl.value[0]) * static_cast<double>(B);
  }
  const double n = static_cast<double>(rows > 0 ? rows : 1);
  VaeScore s{};
  s.recon = recon / n + model.recon_constant();
  s.kl = kl / n;
  s.loss = s.recon + s.kl;
  return s;
}

Value train_vae(const Value& config) {
  Reader r(config, "vae");
  r.only({"dataset", "latent", "hidden", "encoder_layers", "decoder_layers", "decoder", "beta", "epochs", "batch_size", "optimizer", "seed",
          "save_weights"});
  const Value* dv = r.get("dataset");
  const data::Dataset ds = data::read_dataset(dv != nullptr ? *dv : Value("digits"), "vae.dataset");
  if (!ds.is_images()) r.fail("dataset", *dv, "an image set (digits, or images from IDX files or a folder)");
  VaeRun run(r, ds);
  const VaeConfig& c = run.config();

  std::vector<double> ep_no, tr_loss, tr_recon, tr_kl, te_loss, te_recon, te_kl, step_recon, step_kl;
  std::string status = "done";
  while (run.epoch() < c.epochs || !run.epoch_ended()) {
    if (!run.step()) {
      status = "diverged";
      break;
    }
    step_recon.push_back(run.last_recon());
    step_kl.push_back(run.last_kl());
    if (!run.epoch_ended()) continue;
    const VaeEpoch e = run.end_epoch();
    if (!std::isfinite(e.test_loss)) status = "diverged";
    ep_no.push_back(static_cast<double>(run.epoch()));
    tr_recon.push_back(e.train_recon);
    tr_kl.push_back(e.train_kl);
    tr_loss.push_back(e.train_loss);
    te_loss.push_back(e.test_loss);
    te_recon.push_back(e.test_recon);
    te_kl.push_back(e.test_kl);
    if (status != "done") break;
  }
  const std::int64_t steps = run.steps();
  if (!c.save_weights.empty()) nn::save_weights(run.model().store(), c.save_weights);
  auto last = [](const std::vector<double>& v) { return v.empty() ? Value() : Value(v.back()); };
  Value::Object final_{{"test_loss", last(te_loss)}, {"test_recon", last(te_recon)}, {"test_kl", last(te_kl)},
                       {"train_loss", last(tr_loss)}, {"train_recon", last(tr_recon)}, {"train_kl", last(tr_kl)}};
  Value::Object summary{{"status", status},
                        {"epochs", static_cast<double>(ep_no.size())},
                        {"steps", static_cast<double>(steps)},
                        {"parameters", static_cast<double>(run.model().store().size())},
                        {"ms_per_step", steps > 0 ? run.step_ms() / static_cast<double>(steps) : 0.0},
                        {"final", Value(std::move(final_))}};
  Value::Object epochs{{"epoch", number_list(ep_no)},         {"train_loss", number_list(tr_loss)}, {"train_recon", number_list(tr_recon)},
                       {"train_kl", number_list(tr_kl)},      {"test_loss", number_list(te_loss)},  {"test_recon", number_list(te_recon)},
                       {"test_kl", number_list(te_kl)}};
  Value::Object per_step{{"recon", number_list(step_recon)}, {"kl", number_list(step_kl)}};
  return Value(Value::Object{{"summary", Value(std::move(summary))},
                             {"epochs", Value(std::move(epochs))},
                             {"steps", Value(std::move(per_step))},
                             {"latent", static_cast<double>(c.shape.latent)},
                             {"beta", c.beta},
                             {"train_examples", static_cast<double>(ds.n_train)},
                             {"test_examples", static_cast<double>(run.test_rows())}});
}

}  // namespace lab::gen
