// The attention lab's training run (see attn_train.hpp).
#include "attn_train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "../config/value_lists.hpp"
#include "../autograd/autograd.hpp"
#include "../error.hpp"
#include "../optim/clip.hpp"
#include "../optim/registry.hpp"
#include "../runtime/bucketed_means.hpp"
#include "../optim/schedule.hpp"
#include "attn_tasks.hpp"
#include "text.hpp"
#include "transformer.hpp"

namespace lab::seq {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;
constexpr std::int64_t kHeldOut = 1000;

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

// The mean cross-entropy (nats) of the validation part, in consecutive windows of T (each character
// predicted from the ones before it in its window).
Score score_text(Transformer& net, ag::Tape<float>& tape, const Corpus& c, std::int64_t T) {
  const std::int32_t* v = c.ids.data() + c.n_train;
  const auto n = static_cast<std::int64_t>(c.size() - c.n_train);
  double nats = 0;
  std::int64_t count = 0;
  for (std::int64_t k = 0; k + 1 < n; k += T) {
    const std::int64_t len = std::min(T, n - 1 - k);
    tape.reset();
    const auto r = ag::softmax_cross_entropy(tape, net.forward(tape, v + k, 1, len, false), v + k + 1);
    nats += static_cast<double>(r.loss.value[0]) * static_cast<double>(len);
    count += len;
  }
  Score s;
  s.loss = nats / static_cast<double>(count);
  return s;
}

}  // namespace

Value train_attention(const Value& config) {
  Reader r(config, "attention");
  r.only({"task", "text", "seq_len", "length", "vocab", "layers", "heads", "dim", "positions", "dropout", "batch_size", "steps", "optimizer", "clip",
          "seed", "eval_every"});
  const bool text = r.get("text") != nullptr;
  AttnTaskSpec spec;
  Corpus corpus;
  TransformerShape shape;
  std::int64_t T = 0;
  if (text) {
    for (const char* k : {"task", "length", "vocab"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: a text run takes seq_len, not a task's settings");
    if (r.get("text")->kind() != Value::Kind::String) r.fail("text", *r.get("text"), "the text itself (UTF-8)");
    corpus = read_corpus(r.get("text")->as_string(), "attention.text");
    T = static_cast<std::int64_t>(r.number("seq_len", 64, Range{1, 4096, false, false, true}));
    if (static_cast<std::int64_t>(corpus.n_train) < T + 1)
      r.fail("seq_len", *r.get("seq_len"), "at most " + std::to_string(corpus.n_train - 1) + " (the training part has " + std::to_string(corpus.n_train) + " characters)");
    if (corpus.size() - corpus.n_train < 2) r.fail("text", *r.get("text"), "a text whose last 10 % holds at least 2 characters");
    shape.vocab = static_cast<std::int64_t>(corpus.vocab.size());
    shape.max_len = T;
  } else {
    if (r.get("seq_len") != nullptr) r.fail("seq_len", *r.get("seq_len"), "nothing: a task's length is `length`");
    spec.task = attn_task_named(r.string("task", "copy"), "attention.task");
    spec.length = static_cast<std::int64_t>(r.number("length", 8, Range{2, 256, false, false, true}));
    spec.vocab = static_cast<std::int64_t>(r.number("vocab", spec.task == AttnTask::addition ? 10 : 8, Range{2, 1000, false, false, true}));
    if (spec.task == AttnTask::addition && spec.vocab != 10) r.fail("vocab", *r.get("vocab"), "10: addition is in base 10");
    shape.vocab = spec.vocab_size();
    shape.max_len = spec.inputs();
    T = spec.inputs();
  }
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
  if (!text) {
    Rng held_rng(seed ^ 0xC0FFEE1234567ULL);
    make_attn_batch(spec, kHeldOut, held_rng, held);
  }
  ag::Tape<float> tape;
  std::vector<float> w;
  auto next_batch = [&] {
    if (!text) return make_attn_batch(spec, B, rng, batch);
    batch.inputs.resize(static_cast<std::size_t>(B * T));
    batch.targets.resize(static_cast<std::size_t>(B * T));
    batch.scored.assign(static_cast<std::size_t>(B * T), 1);
    corpus.random_windows(B, T, rng, batch.inputs.data(), batch.targets.data());
  };
  auto evaluate = [&] { return text ? score_text(net, tape, corpus, T) : score(net, tape, spec, held); };
  BucketedMeans curve(steps, 1);
  std::vector<double> e_step, e_loss, e_seq, e_tok;
  Score last;
  double last_loss = NAN;
  std::int64_t done = 0;
  std::string status = "done";
  const auto t0 = std::chrono::steady_clock::now();
  for (std::int64_t step = 1; step <= steps; ++step) {
    next_batch();
    tape.reset();
    const ag::Tensor<float> loss = answer_loss(tape, net.forward(tape, batch.inputs.data(), B, T, true), batch, w);
    last_loss = loss.value[0];
    if (!std::isfinite(last_loss)) {
      status = "diverged";
      break;
    }
    net.store().zero_grad();
    tape.backward(loss);
    optim::clip_grad_norm(net.store(), clip);
    opt->step(net.store().values(), net.store().grads(), opt->get("lr") * schedule.factor(step));
    done = step;
    curve.add(step, {last_loss});
    if (step % eval_every == 0 || step == steps) {
      last = evaluate();
      e_step.push_back(static_cast<double>(step));
      e_loss.push_back(last.loss);
      e_seq.push_back(last.seq_acc);
      e_tok.push_back(last.token_acc);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (e_step.empty() || e_step.back() != static_cast<double>(done)) {
    last = evaluate();
    e_step.push_back(static_cast<double>(done)), e_loss.push_back(last.loss), e_seq.push_back(last.seq_acc), e_tok.push_back(last.token_acc);
  }
  // one held-out example: its tokens, the model's answer and every layer's and head's attention
  const std::int64_t H = shape.heads, Lyr = shape.layers, V = shape.vocab;
  std::vector<float> maps(static_cast<std::size_t>(Lyr * H * T * T));
  // the example: the first held-out sequence, or the validation part's first window (with the
  // character after it)
  std::vector<std::int32_t> example = text ? std::vector<std::int32_t>(corpus.ids.begin() + static_cast<std::ptrdiff_t>(corpus.n_train),
                                                                       corpus.ids.begin() + static_cast<std::ptrdiff_t>(corpus.n_train) + std::min<std::int64_t>(T + 1, static_cast<std::int64_t>(corpus.size() - corpus.n_train)))
                                           : std::vector<std::int32_t>(held.tokens.begin(), held.tokens.begin() + spec.tokens());
  const std::int64_t ex_in = static_cast<std::int64_t>(example.size()) - 1;
  tape.reset();
  const ag::Tensor<float> logits = net.forward(tape, example.data(), 1, ex_in, false, maps.data());
  std::vector<std::int32_t> predicted(example);
  for (std::int64_t t = text ? 0 : spec.first_scored(); t < ex_in; ++t)
    predicted[static_cast<std::size_t>(t + 1)] = static_cast<std::int32_t>(std::max_element(logits.value + t * V, logits.value + (t + 1) * V) - (logits.value + t * V));
  Value::Array layers;
  for (std::int64_t l = 0; l < Lyr; ++l) {
    Value::Array heads;
    for (std::int64_t h = 0; h < H; ++h) {
      Value::Array rows;
      for (std::int64_t i = 0; i < ex_in; ++i) {
        Value::Array row;
        for (std::int64_t j = 0; j < ex_in; ++j) row.emplace_back(static_cast<double>(maps[static_cast<std::size_t>(((l * H + h) * ex_in + i) * ex_in + j)]));
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
  auto text_of = [&](const std::vector<std::int32_t>& ids) {
    if (!text) return attn_tokens_text(spec, ids.data(), static_cast<std::int64_t>(ids.size()));
    std::vector<char32_t> chars;
    for (std::int32_t id : ids) chars.push_back(corpus.vocab[static_cast<std::size_t>(id)]);
    return to_utf8(chars);
  };
  Value::Object final_{{"train_loss", std::isfinite(last_loss) ? Value(last_loss) : Value()}, {"val_loss", last.loss}};
  Value::Object evals{{"step", number_list(e_step)}, {"val_loss", number_list(e_loss)}};
  if (text) {
    final_.emplace("val_bpc", last.loss / std::numbers::ln2);
    std::vector<double> bpc;
    for (double l : e_loss) bpc.push_back(l / std::numbers::ln2);
    evals.emplace("val_bpc", number_list(bpc));
  } else {
    final_.emplace("seq_acc", last.seq_acc);
    final_.emplace("token_acc", last.token_acc);
    evals.emplace("seq_acc", number_list(e_seq));
    evals.emplace("token_acc", number_list(e_tok));
  }
  Value::Object out{
      {"summary", Value(Value::Object{{"status", status},
                                      {"steps", static_cast<double>(done)},
                                      {"parameters", static_cast<double>(net.store().size())},
                                      {"ms_per_step", done > 0 ? 1000 * seconds / static_cast<double>(done) : 0.0},
                                      {"final", Value(std::move(final_))}})},
      {"curves", Value(Value::Object{{"step", number_list(curve.steps())}, {"train_loss", number_list(curve.means(0))}})},
      {"evals", Value(std::move(evals))},
      {"attention", Value(std::move(layers))},
      {"example", Value(Value::Object{{"tokens", ints(example.data(), static_cast<std::int64_t>(example.size()))},
                                      {"predicted", ints(predicted.data(), static_cast<std::int64_t>(predicted.size()))},
                                      {"text", text_of(example)},
                                      {"predicted_text", text_of(predicted)}})},
      {"positional", Value(std::move(positional))},
      {"seq_len", static_cast<double>(T)}};
  if (text) {
    out.emplace("vocab_size", static_cast<double>(corpus.vocab.size()));
    out.emplace("unigram_bpc", corpus.unigram_bits());
  } else {
    out.emplace("acc_by_position", number_list(last.by_position));
    out.emplace("task", attn_task_name(spec.task));
    out.emplace("length", static_cast<double>(spec.length));
    out.emplace("vocab", static_cast<double>(spec.vocab));
    out.emplace("answer_tokens", static_cast<double>(spec.answer()));
  }
  return Value(std::move(out));
}

}  // namespace lab::seq
