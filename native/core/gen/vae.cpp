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

namespace lab::gen {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;

}  // namespace

VaeModel::VaeModel(const VaeShape& shape, Rng& rng) : shape_(shape) {
  const nn::Init any{};  // redrawn below as torch draws them
  std::int64_t in = shape.pixels;
  for (std::size_t i = 0; i < shape.hidden.size(); ++i) {
    enc_.push_back(std::make_unique<nn::Linear<float>>(store_, "encoder." + std::to_string(i), in, shape.hidden[i], any, rng));
    in = shape.hidden[i];
  }
  mu_head_ = std::make_unique<nn::Linear<float>>(store_, "encoder.mu", in, shape.latent, any, rng);
  logvar_head_ = std::make_unique<nn::Linear<float>>(store_, "encoder.logvar", in, shape.latent, any, rng);
  in = shape.latent;
  for (std::size_t i = shape.hidden.size(); i-- > 0;) {
    dec_.push_back(std::make_unique<nn::Linear<float>>(store_, "decoder." + std::to_string(dec_.size()), in, shape.hidden[i], any, rng));
    in = shape.hidden[i];
  }
  out_ = std::make_unique<nn::Linear<float>>(store_, "decoder.out", in, shape.pixels, any, rng);
  nn::init_like_torch(store_, rng);
}

void VaeModel::encode(ag::Tape<float>& tape, ag::Tensor<float> x, ag::Tensor<float>& mu, ag::Tensor<float>& logvar) {
  ag::Tensor<float> h = x;
  for (auto& l : enc_) h = ag::relu(tape, l->forward(tape, h));
  mu = mu_head_->forward(tape, h);
  logvar = logvar_head_->forward(tape, h);
}

ag::Tensor<float> VaeModel::decode(ag::Tape<float>& tape, ag::Tensor<float> z) {
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

namespace {

VaeShape read_shape(const Reader& r, const data::Dataset& ds) {
  VaeShape s;
  s.pixels = static_cast<std::int64_t>(ds.d);
  s.latent = static_cast<std::int64_t>(r.number("latent", 2, Range{1, 512, false, false, true}));
  s.hidden = read_widths(r, "hidden", s.hidden);
  const std::string dec = r.string("decoder", "bernoulli");
  if (dec == "bernoulli") s.decoder = Decoder::bernoulli;
  else if (dec == "gaussian") s.decoder = Decoder::gaussian;
  else r.fail("decoder", *r.get("decoder"), "\"bernoulli\" or \"gaussian\"");
  return s;
}

}  // namespace

Value train_vae(const Value& config) {
  Reader r(config, "vae");
  r.only({"dataset", "latent", "hidden", "decoder", "beta", "epochs", "batch_size", "optimizer", "seed", "save_weights"});
  const Value* dv = r.get("dataset");
  const data::Dataset ds = data::read_dataset(dv != nullptr ? *dv : Value("digits"), "vae.dataset");
  if (!ds.is_images()) r.fail("dataset", *dv, "an image set (digits, or images from IDX files or a folder)");
  VaeConfig c;
  c.shape = read_shape(r, ds);
  c.beta = r.number("beta", 1, Range::non_negative());
  c.epochs = static_cast<std::int64_t>(r.number("epochs", 10, Range{1, 100000, false, false, true}));
  c.batch = static_cast<std::int64_t>(
      r.number("batch_size", std::min<double>(64, static_cast<double>(ds.n_train)), Range{1, static_cast<double>(ds.n_train), false, false, true}));
  c.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  c.save_weights = r.string("save_weights", "");

  Value default_opt(Value::Object{{"type", "adam"}, {"lr", 0.001}});
  const Value* ov = r.get("optimizer");
  Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, "vae.optimizer");
  auto opt = optim::make_optimizer<float>(o.string("type", "adam"), "vae.optimizer.type");
  if (o.get("lr") == nullptr) opt->set("lr", 0.001);  // the VAE's default step, not the optimizer's own
  optim::configure(*opt, o, {"type", "schedule", "name"});
  const optim::Schedule schedule = optim::read_schedule(o.get("schedule"), "vae.optimizer.schedule");

  Rng rng(c.seed);
  VaeModel model(c.shape, rng);
  opt->reset(model.store().size());
  ag::Tape<float> tape;
  const std::int64_t D = c.shape.pixels, Z = c.shape.latent;
  const std::size_t n_train = ds.n_train;
  std::vector<std::size_t> order(n_train);
  for (std::size_t i = 0; i < n_train; ++i) order[i] = i;
  std::vector<float> bx, eps;
  const std::uint64_t eval_seed = c.seed ^ 0x5eedE1B0ULL;
  // the test set, or the training set when there is none
  const float* test_x = ds.n_test() > 0 ? ds.test_x().data() : ds.train_x().data();
  const std::size_t test_rows = ds.n_test() > 0 ? ds.n_test() : n_train;

  std::vector<double> ep_no, tr_loss, tr_recon, tr_kl, te_loss, te_recon, te_kl, step_recon, step_kl;
  std::string status = "done";
  std::int64_t steps = 0;
  double seconds = 0;
  for (std::int64_t epoch = 1; epoch <= c.epochs && status == "done"; ++epoch) {
    for (std::size_t i = n_train; i > 1; --i) std::swap(order[i - 1], order[static_cast<std::size_t>(rng.next_u64() % i)]);
    double sum_recon = 0, sum_kl = 0;
    std::size_t seen = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t b0 = 0; b0 < n_train; b0 += static_cast<std::size_t>(c.batch)) {
      const auto B = static_cast<std::int64_t>(std::min<std::size_t>(static_cast<std::size_t>(c.batch), n_train - b0));
      bx.resize(static_cast<std::size_t>(B * D));
      eps.resize(static_cast<std::size_t>(B * Z));
      for (std::int64_t k = 0; k < B; ++k)
        std::copy_n(ds.x.data() + order[b0 + static_cast<std::size_t>(k)] * static_cast<std::size_t>(D), D, bx.data() + k * D);
      for (float& e : eps) e = static_cast<float>(rng.normal());
      tape.reset();
      VaeForward f = model.forward(tape, ag::constant(bx.data(), ag::Shape{B, D}), ag::constant(eps.data(), ag::Shape{B, Z}), c.beta);
      const double recon = f.recon.value[0] + model.recon_constant(), kl = c.beta > 0 ? f.kl.value[0] / c.beta : 0.0;
      if (!std::isfinite(f.loss.value[0])) {
        status = "diverged";
        break;
      }
      model.store().zero_grad();
      tape.backward(f.loss);
      ++steps;
      opt->step(model.store().values(), model.store().grads(), opt->get("lr") * schedule.factor(steps));
      step_recon.push_back(recon);
      step_kl.push_back(kl);
      sum_recon += recon * static_cast<double>(B);
      sum_kl += kl * static_cast<double>(B);
      seen += static_cast<std::size_t>(B);
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (status != "done") break;
    const VaeScore test = evaluate_vae(model, tape, test_x, test_rows, eval_seed);
    if (!std::isfinite(test.loss)) status = "diverged";
    ep_no.push_back(static_cast<double>(epoch));
    tr_recon.push_back(sum_recon / static_cast<double>(seen));
    tr_kl.push_back(sum_kl / static_cast<double>(seen));
    tr_loss.push_back(tr_recon.back() + tr_kl.back());
    te_loss.push_back(test.loss);
    te_recon.push_back(test.recon);
    te_kl.push_back(test.kl);
  }
  if (!c.save_weights.empty()) nn::save_weights(model.store(), c.save_weights);
  auto last = [](const std::vector<double>& v) { return v.empty() ? Value() : Value(v.back()); };
  Value::Object final_{{"test_loss", last(te_loss)}, {"test_recon", last(te_recon)}, {"test_kl", last(te_kl)},
                       {"train_loss", last(tr_loss)}, {"train_recon", last(tr_recon)}, {"train_kl", last(tr_kl)}};
  Value::Object summary{{"status", status},
                        {"epochs", static_cast<double>(ep_no.size())},
                        {"steps", static_cast<double>(steps)},
                        {"parameters", static_cast<double>(model.store().size())},
                        {"ms_per_step", steps > 0 ? 1000 * seconds / static_cast<double>(steps) : 0.0},
                        {"final", Value(std::move(final_))}};
  Value::Object epochs{{"epoch", number_list(ep_no)},         {"train_loss", number_list(tr_loss)}, {"train_recon", number_list(tr_recon)},
                       {"train_kl", number_list(tr_kl)},      {"test_loss", number_list(te_loss)},  {"test_recon", number_list(te_recon)},
                       {"test_kl", number_list(te_kl)}};
  Value::Object per_step{{"recon", number_list(step_recon)}, {"kl", number_list(step_kl)}};
  return Value(Value::Object{{"summary", Value(std::move(summary))},
                             {"epochs", Value(std::move(epochs))},
                             {"steps", Value(std::move(per_step))},
                             {"latent", static_cast<double>(Z)},
                             {"beta", c.beta},
                             {"train_examples", static_cast<double>(n_train)},
                             {"test_examples", static_cast<double>(test_rows)}});
}

}  // namespace lab::gen
