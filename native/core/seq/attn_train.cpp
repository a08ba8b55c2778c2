// The attention lab's training run (see attn_train.hpp).
#include "attn_train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../error.hpp"
#include "../optim/registry.hpp"
#include "../optim/schedule.hpp"
#include "attn_tasks.hpp"
#include "transformer.hpp"

namespace lab::seq {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;
constexpr std::size_t kCurvePoints = 2000;
constexpr std::int64_t kHeldOut = 1000;

Value numbers(const std::vector<double>& v) {
  Value::Array a;
  a.reserve(v.size());
  for (double x : v) a.emplace_back(std::isfinite(x) ? Value(x) : Value());
  return Value(std::move(a));
}

Value ints(const std::int32_t* v, std::int64_t n) {
  Value::Array a;
  for (std::int64_t i = 0; i < n; ++i) a.emplace_back(static_cast<double>(v[i]));
  return Value(std::move(a));
}

// The mean cross-entropy over scored positions (weights n/scored there, 0 elsewhere).
ag::Tensor<float> answer_loss(ag::Tape<float>& tape, ag::Tensor<float> logits, const AttnBatch& b, std::vector<float>& w) {
  const auto n = static_cast<std::int64_t>(b.scored.size());
  std::int64_t scored = 0;
  for (auto s : b.scored) scored += s;
  w.assign(static_cast<std::size_t>(n), 0.f);
  for (std::int64_t i = 0; i < n; ++i)
    if (b.scored[static_cast<std::size_t>(i)]) w[static_cast<std::size_t>(i)] = static_cast<float>(static_cast<double>(n) / static_cast<double>(scored));
  return ag::weighted_cross_entropy(tape, logits, b.targets.data(), ag::constant(w.data(), ag::Shape{n}));
}

struct Score {
  double loss = 0, seq_acc = 0, token_acc = 0;
  std::vector<double> by_position;
};

Score score(Transformer& net, ag::Tape<float>& tape, const AttnTaskSpec& spec, const AttnBatch& held) {
  const std::int64_t T = spec.inputs(), V = spec.vocab_size(), A = spec.answer(), first = spec.first_scored();
  const std::int64_t chunk = 250;
  Score s;
  s.by_position.assign(static_cast<std::size_t>(A), 0);
  std::int64_t whole = 0, tokens = 0;
  double loss = 0;
  AttnBatch part;
  std::vector<float> w;
  for (std::int64_t b0 = 0; b0 < kHeldOut; b0 += chunk) {
    part.inputs.assign(held.inputs.begin() + b0 * T, held.inputs.begin() + (b0 + chunk) * T);
    part.targets.assign(held.targets.begin() + b0 * T, held.targets.begin() + (b0 + chunk) * T);
    part.scored.assign(held.scored.begin() + b0 * T, held.scored.begin() + (b0 + chunk) * T);
    tape.reset();
    const ag::Tensor<float> logits = net.forward(tape, part.inputs.data(), chunk, T, false);
    loss += static_cast<double>(answer_loss(tape, logits, part, w).value[0]) * static_cast<double>(chunk);
    for (std::int64_t b = 0; b < chunk; ++b) {
      bool all = true;
      for (std::int64_t k = 0; k < A; ++k) {
        const std::int64_t row = b * T + first + k;
        const float* l = logits.value + row * V;
        const bool right = std::max_element(l, l + V) - l == part.targets[static_cast<std::size_t>(row)];
        all = all && right;
        tokens += right;
        s.by_position[static_cast<std::size_t>(k)] += right;
      }
      whole += all;
    }
  }
  s.loss = loss / kHeldOut;
  s.seq_acc = static_cast<double>(whole) / kHeldOut;
  s.token_acc = static_cast<double>(tokens) / static_cast<double>(kHeldOut * A);
  for (double& p : s.by_position) p /= kHeldOut;
  return s;
}

}  // namespace

Value train_attention(const Value& config) {
  Reader r(config, "attention");
  r.only({"task", "length", "vocab", "layers", "heads", "dim", "positions", "dropout", "batch_size", "steps", "optimizer", "clip", "seed",
          "eval_every"});
  AttnTaskSpec spec;
  spec.task = attn_task_named(r.string("task", "copy"), "attention.task");
  spec.length = static_cast<std::int64_t>(r.number("length", 8, Range{2, 256, false, false, true}));
  spec.vocab = static_cast<std::int64_t>(r.number("vocab", spec.task == AttnTask::addition ? 10 : 8, Range{2, 1000, false, false, true}));
  if (spec.task == AttnTask::addition && spec.vocab != 10) r.fail("vocab", *r.get("vocab"), "10: addition is in base 10");
  TransformerShape shape;
  shape.vocab = spec.vocab_size();
  shape.max_len = spec.inputs();
  shape.layers = static_cast<std::int64_t>(r.number("layers", 2, Range{1, 24, false, false, true}));
  shape.heads = static_cast<std::int64_t>(r.number("heads", 4, Range{1, 64, false, false, true}));
  shape.dim = static_cast<std::int64_t>(r.number("dim", 64, Range{1, 4096, false, false, true}));
  if (shape.dim % shape.heads != 0)
    r.fail("dim", r.get("dim") != nullptr ? *r.get("dim") : Value(static_cast<double>(shape.dim)), "a multiple of heads (" + std::to_string(shape.heads) + ")");
  const std::string pos = r.string("positions", "sinusoidal");
  if (pos == "learned") shape.positions = Positions::learned;
  else if (pos != "sinusoidal") r.fail("positions", *r.get("positions"), "\"sinusoidal\" or \"learned\"");
  shape.dropout = r.number("dropout", 0, Range{0, 1, false, true, false});
  const std::int64_t B = static_cast<std::int64_t>(r.number("batch_size", 64, Range{1, 65536, false, false, true}));
  const std::int64_t steps = static_cast<std::int64_t>(r.number("steps", 4000, Range{1, 10'000'000, false, false, true}));
  const double clip = r.number("clip", 1, Range::non_negative());
  const auto seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  std::int64_t eval_every = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every == 0) eval_every = std::max<std::int64_t>(1, steps / 10);

  const double warmup = std::max(1.0, std::floor(0.05 * static_cast<double>(steps)));
  Value default_opt(Value::Object{{"type", "adam"},
                                  {"schedule", Value(Value::Object{{"type", "cosine"}, {"total", std::max(1.0, static_cast<double>(steps) - warmup)},
                                                                   {"min_factor", 0.1}, {"warmup", warmup}})}});
  const Value* ov = r.get("optimizer");
  Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, "attention.optimizer");
  Rng rng(seed);
  Transformer net(shape, rng);
  auto opt = optim::make_optimizer<float>(o.string("type", "adam"), "attention.optimizer.type");
  if (o.get("lr") == nullptr) opt->set("lr", 0.001);
  optim::configure(*opt, o, {"type", "schedule", "name"});
  const optim::Schedule schedule = optim::read_schedule(o.get("schedule"), "attention.optimizer.schedule");
  opt->reset(net.store().size());

  AttnBatch batch, held;
  Rng held_rng(seed ^ 0xC0FFEE1234567ULL);
  make_attn_batch(spec, kHeldOut, held_rng, held);
  ag::Tape<float> tape;
  std::vector<float> w;
  const std::int64_t T = spec.inputs();
  const std::int64_t bucket = (steps + static_cast<std::int64_t>(kCurvePoints) - 1) / static_cast<std::int64_t>(kCurvePoints);
  std::vector<double> c_step, c_loss, e_step, e_loss, e_seq, e_tok;
  Score last;
  double sum = 0, last_loss = NAN;
  std::int64_t in_bucket = 0, done = 0;
  std::string status = "done";
  const auto t0 = std::chrono::steady_clock::now();
  for (std::int64_t step = 1; step <= steps; ++step) {
    make_attn_batch(spec, B, rng, batch);
    tape.reset();
    const ag::Tensor<float> loss = answer_loss(tape, net.forward(tape, batch.inputs.data(), B, T, true), batch, w);
    last_loss = loss.value[0];
    if (!std::isfinite(last_loss)) {
      status = "diverged";
      break;
    }
    net.store().zero_grad();
    tape.backward(loss);
    double sq = 0;
    for (std::size_t i = 0; i < net.store().size(); ++i) sq += static_cast<double>(net.store().grads()[i]) * net.store().grads()[i];
    if (clip > 0 && std::sqrt(sq) > clip) {
      const auto f = static_cast<float>(clip / std::sqrt(sq));
      for (std::size_t i = 0; i < net.store().size(); ++i) net.store().grads()[i] *= f;
    }
    opt->step(net.store().values(), net.store().grads(), opt->get("lr") * schedule.factor(step));
    done = step;
    sum += last_loss, ++in_bucket;
    if (in_bucket == bucket || step == steps) {
      c_step.push_back(static_cast<double>(step));
      c_loss.push_back(sum / static_cast<double>(in_bucket));
      sum = 0, in_bucket = 0;
    }
    if (step % eval_every == 0 || step == steps) {
      last = score(net, tape, spec, held);
      e_step.push_back(static_cast<double>(step));
      e_loss.push_back(last.loss);
      e_seq.push_back(last.seq_acc);
      e_tok.push_back(last.token_acc);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (e_step.empty() || e_step.back() != static_cast<double>(done)) {
    last = score(net, tape, spec, held);
    e_step.push_back(static_cast<double>(done)), e_loss.push_back(last.loss), e_seq.push_back(last.seq_acc), e_tok.push_back(last.token_acc);
  }
  // one held-out example: its tokens, the model's answer and every layer's and head's attention
  const std::int64_t H = shape.heads, Lyr = shape.layers, V = spec.vocab_size();
  std::vector<float> maps(static_cast<std::size_t>(Lyr * H * T * T));
  tape.reset();
  const ag::Tensor<float> logits = net.forward(tape, held.inputs.data(), 1, T, false, maps.data());
  std::vector<std::int32_t> predicted(held.tokens.begin(), held.tokens.begin() + spec.tokens());
  for (std::int64_t t = spec.first_scored(); t < T; ++t)
    predicted[static_cast<std::size_t>(t + 1)] = static_cast<std::int32_t>(std::max_element(logits.value + t * V, logits.value + (t + 1) * V) - (logits.value + t * V));
  Value::Array layers;
  for (std::int64_t l = 0; l < Lyr; ++l) {
    Value::Array heads;
    for (std::int64_t h = 0; h < H; ++h) {
      Value::Array rows;
      for (std::int64_t i = 0; i < T; ++i) {
        Value::Array row;
        for (std::int64_t j = 0; j < T; ++j) row.emplace_back(static_cast<double>(maps[static_cast<std::size_t>(((l * H + h) * T + i) * T + j)]));
        rows.emplace_back(std::move(row));
      }
      heads.emplace_back(std::move(rows));
    }
    layers.emplace_back(std::move(heads));
  }
  Value::Array positional;
  for (std::int64_t t = 0; t < T; ++t) {
    Value::Array row;
    for (std::int64_t i = 0; i < shape.dim; ++i) row.emplace_back(static_cast<double>(net.sinusoid()[static_cast<std::size_t>(t * shape.dim + i)]));
    positional.emplace_back(std::move(row));
  }
  const std::int64_t n_tok = spec.tokens();
  return Value(Value::Object{
      {"summary", Value(Value::Object{{"status", status},
                                      {"steps", static_cast<double>(done)},
                                      {"parameters", static_cast<double>(net.store().size())},
                                      {"ms_per_step", done > 0 ? 1000 * seconds / static_cast<double>(done) : 0.0},
                                      {"final", Value(Value::Object{{"train_loss", std::isfinite(last_loss) ? Value(last_loss) : Value()},
                                                                    {"val_loss", last.loss},
                                                                    {"seq_acc", last.seq_acc},
                                                                    {"token_acc", last.token_acc}})}})},
      {"curves", Value(Value::Object{{"step", numbers(c_step)}, {"train_loss", numbers(c_loss)}})},
      {"evals", Value(Value::Object{{"step", numbers(e_step)}, {"val_loss", numbers(e_loss)}, {"seq_acc", numbers(e_seq)}, {"token_acc", numbers(e_tok)}})},
      {"acc_by_position", numbers(last.by_position)},
      {"attention", Value(std::move(layers))},
      {"example", Value(Value::Object{{"tokens", ints(held.tokens.data(), n_tok)},
                                      {"predicted", ints(predicted.data(), n_tok)},
                                      {"text", attn_tokens_text(spec, held.tokens.data(), n_tok)},
                                      {"predicted_text", attn_tokens_text(spec, predicted.data(), n_tok)}})},
      {"positional", Value(std::move(positional))},
      {"task", attn_task_name(spec.task)},
      {"length", static_cast<double>(spec.length)},
      {"vocab", static_cast<double>(spec.vocab)},
      {"answer_tokens", static_cast<double>(spec.answer())}});
}

}  // namespace lab::seq
