// One attention-lab training run, a step at a time (see attn_run.hpp).
#include "attn_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "../error.hpp"
#include "../optim/clip.hpp"
#include "../optim/registry.hpp"

namespace lab::seq {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;
constexpr std::int64_t kHeldOut = 1000;

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

AttnRun::Plan read_plan(const Reader& r) {
  AttnRun::Plan p;
  p.text = r.get("text") != nullptr;
  if (p.text) {
    for (const char* k : {"task", "length", "vocab"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: a text run takes seq_len, not a task's settings");
    if (r.get("text")->kind() != Value::Kind::String) r.fail("text", *r.get("text"), "the text itself (UTF-8)");
    p.corpus = read_corpus(r.get("text")->as_string(), r.field_path("text"));
    p.T = static_cast<std::int64_t>(r.number("seq_len", 64, Range{1, 4096, false, false, true}));
    if (static_cast<std::int64_t>(p.corpus.n_train) < p.T + 1)
      r.fail("seq_len", *r.get("seq_len"), "at most " + std::to_string(p.corpus.n_train - 1) + " (the training part has " + std::to_string(p.corpus.n_train) + " characters)");
    if (p.corpus.size() - p.corpus.n_train < 2) r.fail("text", *r.get("text"), "a text whose last 10 % holds at least 2 characters");
    p.shape.vocab = static_cast<std::int64_t>(p.corpus.vocab.size());
    p.shape.max_len = p.T;
  } else {
    if (r.get("seq_len") != nullptr) r.fail("seq_len", *r.get("seq_len"), "nothing: a task's length is `length`");
    p.spec.task = attn_task_named(r.string("task", "copy"), r.field_path("task"));
    p.spec.length = static_cast<std::int64_t>(r.number("length", 8, Range{2, 256, false, false, true}));
    p.spec.vocab = static_cast<std::int64_t>(r.number("vocab", p.spec.task == AttnTask::addition ? 10 : 8, Range{2, 1000, false, false, true}));
    if (p.spec.task == AttnTask::addition && p.spec.vocab != 10) r.fail("vocab", *r.get("vocab"), "10: addition is in base 10");
    p.shape.vocab = p.spec.vocab_size();
    p.shape.max_len = p.spec.inputs();
    p.T = p.spec.inputs();
  }
  p.shape.layers = static_cast<std::int64_t>(r.number("layers", 2, Range{1, 24, false, false, true}));
  p.shape.heads = static_cast<std::int64_t>(r.number("heads", 4, Range{1, 64, false, false, true}));
  p.shape.dim = static_cast<std::int64_t>(r.number("dim", 64, Range{1, 4096, false, false, true}));
  if (p.shape.dim % p.shape.heads != 0)
    r.fail("dim", r.get("dim") != nullptr ? *r.get("dim") : Value(static_cast<double>(p.shape.dim)), "a multiple of heads (" + std::to_string(p.shape.heads) + ")");
  const std::string pos = r.string("positions", "sinusoidal");
  if (pos == "learned") p.shape.positions = Positions::learned;
  else if (pos != "sinusoidal") r.fail("positions", *r.get("positions"), "\"sinusoidal\" or \"learned\"");
  p.shape.dropout = r.number("dropout", 0, Range{0, 1, false, true, false});
  p.B = static_cast<std::int64_t>(r.number("batch_size", 64, Range{1, 65536, false, false, true}));
  p.steps = static_cast<std::int64_t>(r.number("steps", 4000, Range{1, 10'000'000, false, false, true}));
  p.clip = r.number("clip", 1, Range::non_negative());
  p.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  return p;
}

}  // namespace

AttnRun::AttnRun(const Reader& r) : AttnRun(r, read_plan(r)) {}

AttnRun::AttnRun(const Reader& r, Plan p)
    : text_(p.text), spec_(p.spec), corpus_(std::move(p.corpus)), T_(p.T), B_(p.B), steps_(p.steps), clip_(p.clip), seed_(p.seed), rng_(p.seed), net_(p.shape, rng_) {
  const double warmup = std::max(1.0, std::floor(0.05 * static_cast<double>(steps_)));
  const Value default_opt(Value::Object{{"type", "adam"},
                                        {"schedule", Value(Value::Object{{"type", "cosine"}, {"total", std::max(1.0, static_cast<double>(steps_) - warmup)},
                                                                         {"min_factor", 0.1}, {"warmup", warmup}})}});
  const Value* ov = r.get("optimizer");
  const Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, r.field_path("optimizer"));
  opt_ = optim::make_optimizer<float>(o.string("type", "adam"), o.field_path("type"));
  if (o.get("lr") == nullptr) opt_->set("lr", 0.001);
  optim::configure(*opt_, o, {"type", "schedule", "name"});
  schedule_ = optim::read_schedule(o.get("schedule"), o.field_path("schedule"));
  opt_->reset(net_.store().size());
  if (!text_) {
    Rng held_rng(seed_ ^ 0xC0FFEE1234567ULL);
    make_attn_batch(spec_, kHeldOut, held_rng, held_);
  }
}

bool AttnRun::step() {
  const auto t0 = std::chrono::steady_clock::now();
  if (!text_) {
    make_attn_batch(spec_, B_, rng_, batch_);
  } else {
    batch_.inputs.resize(static_cast<std::size_t>(B_ * T_));
    batch_.targets.resize(static_cast<std::size_t>(B_ * T_));
    batch_.scored.assign(static_cast<std::size_t>(B_ * T_), 1);
    corpus_.random_windows(B_, T_, rng_, batch_.inputs.data(), batch_.targets.data());
  }
  tape_.reset();
  const ag::Tensor<float> loss = answer_loss(tape_, net_.forward(tape_, batch_.inputs.data(), B_, T_, true), batch_, w_);
  last_loss_ = loss.value[0];
  if (!std::isfinite(last_loss_)) return false;
  net_.store().zero_grad();
  tape_.backward(loss);
  optim::clip_grad_norm(net_.store(), clip_);
  ++done_;
  opt_->step(net_.store().values(), net_.store().grads(), opt_->get("lr") * schedule_.factor(done_));
  step_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

AttnRun::Score AttnRun::evaluate() {
  Score s;
  if (text_) {  // consecutive windows of T, each character predicted from the ones before it in its window
    const std::int32_t* v = corpus_.ids.data() + corpus_.n_train;
    const auto n = static_cast<std::int64_t>(corpus_.size() - corpus_.n_train);
    double nats = 0;
    std::int64_t count = 0;
    for (std::int64_t k = 0; k + 1 < n; k += T_) {
      const std::int64_t len = std::min(T_, n - 1 - k);
      tape_.reset();
      const auto r = ag::softmax_cross_entropy(tape_, net_.forward(tape_, v + k, 1, len, false), v + k + 1);
      nats += static_cast<double>(r.loss.value[0]) * static_cast<double>(len);
      count += len;
    }
    s.loss = nats / static_cast<double>(count);
    return s;
  }
  const std::int64_t T = spec_.inputs(), V = spec_.vocab_size(), A = spec_.answer(), first = spec_.first_scored();
  const std::int64_t chunk = 250;
  s.by_position.assign(static_cast<std::size_t>(A), 0);
  std::int64_t whole = 0, tokens = 0;
  double loss = 0;
  AttnBatch part;
  for (std::int64_t b0 = 0; b0 < kHeldOut; b0 += chunk) {
    part.inputs.assign(held_.inputs.begin() + b0 * T, held_.inputs.begin() + (b0 + chunk) * T);
    part.targets.assign(held_.targets.begin() + b0 * T, held_.targets.begin() + (b0 + chunk) * T);
    part.scored.assign(held_.scored.begin() + b0 * T, held_.scored.begin() + (b0 + chunk) * T);
    tape_.reset();
    const ag::Tensor<float> logits = net_.forward(tape_, part.inputs.data(), chunk, T, false);
    loss += static_cast<double>(answer_loss(tape_, logits, part, w_).value[0]) * static_cast<double>(chunk);
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

std::vector<std::int32_t> AttnRun::example() const {
  if (!text_) return std::vector<std::int32_t>(held_.tokens.begin(), held_.tokens.begin() + spec_.tokens());
  const auto start = corpus_.ids.begin() + static_cast<std::ptrdiff_t>(corpus_.n_train);
  return std::vector<std::int32_t>(start, start + std::min<std::int64_t>(T_ + 1, static_cast<std::int64_t>(corpus_.size() - corpus_.n_train)));
}

AttnRun::Look AttnRun::look(const std::vector<std::int32_t>& tokens) {
  Look k;
  k.tokens = tokens;
  k.n = static_cast<std::int64_t>(tokens.size()) - 1;
  const std::int64_t H = net_.shape().heads, L = net_.shape().layers, V = net_.shape().vocab;
  k.maps.assign(static_cast<std::size_t>(L * H * k.n * k.n), 0.f);
  k.qkv.assign(static_cast<std::size_t>(L * k.n * 3 * net_.shape().dim), 0.f);
  tape_.reset();
  const ag::Tensor<float> logits = net_.forward(tape_, tokens.data(), 1, k.n, false, k.maps.data(), k.qkv.data());
  k.predicted = tokens;
  for (std::int64_t t = text_ ? 0 : spec_.first_scored(); t < k.n; ++t)
    k.predicted[static_cast<std::size_t>(t + 1)] = static_cast<std::int32_t>(std::max_element(logits.value + t * V, logits.value + (t + 1) * V) - (logits.value + t * V));
  return k;
}

std::vector<std::int32_t> AttnRun::sequence_for(const std::vector<std::int32_t>& prompt, const std::string& path) const {
  const std::int64_t L = spec_.length;
  const std::int64_t want = spec_.task == AttnTask::addition ? 2 * L : L;
  const std::int32_t top = spec_.task == AttnTask::addition ? 10 : static_cast<std::int32_t>(spec_.vocab);
  if (static_cast<std::int64_t>(prompt.size()) != want)
    throw Error(code::invalid_config, path + ": expected " + std::to_string(want) + " symbols (" + (spec_.task == AttnTask::addition ? "two numbers of " + std::to_string(L) + " digits" : "the task's length") + "), got " + std::to_string(prompt.size()));
  for (std::size_t i = 0; i < prompt.size(); ++i)
    if (prompt[i] < 0 || prompt[i] >= top) throw Error(code::invalid_config, path + "[" + std::to_string(i) + "]: expected a symbol from 0 to " + std::to_string(top - 1) + ", got " + std::to_string(prompt[i]));
  std::vector<std::int32_t> s(static_cast<std::size_t>(spec_.tokens()));
  switch (spec_.task) {
    case AttnTask::copy:
    case AttnTask::reverse:
    case AttnTask::sort:
      std::copy(prompt.begin(), prompt.end(), s.begin());
      s[static_cast<std::size_t>(L)] = static_cast<std::int32_t>(spec_.vocab);
      std::copy(prompt.begin(), prompt.end(), s.begin() + L + 1);
      if (spec_.task == AttnTask::reverse) std::reverse(s.begin() + L + 1, s.end());
      if (spec_.task == AttnTask::sort) std::sort(s.begin() + L + 1, s.end());
      break;
    case AttnTask::addition: {
      std::copy(prompt.begin(), prompt.begin() + L, s.begin());
      s[static_cast<std::size_t>(L)] = 10;
      std::copy(prompt.begin() + L, prompt.end(), s.begin() + L + 1);
      s[static_cast<std::size_t>(2 * L + 1)] = 11;
      std::int32_t carry = 0;
      for (std::int64_t k = 0; k < L; ++k) {  // least-significant digit first
        const std::int32_t sum = prompt[static_cast<std::size_t>(L - 1 - k)] + prompt[static_cast<std::size_t>(2 * L - 1 - k)] + carry;
        s[static_cast<std::size_t>(2 * L + 2 + k)] = sum % 10;
        carry = sum / 10;
      }
      s[static_cast<std::size_t>(3 * L + 2)] = carry;
      break;
    }
    case AttnTask::repeat:
      std::copy(prompt.begin(), prompt.end(), s.begin());
      std::copy(prompt.begin(), prompt.end(), s.begin() + L);
      break;
  }
  return s;
}

std::vector<std::int32_t> AttnRun::decode(const std::vector<std::int32_t>& sequence) {
  std::vector<std::int32_t> out = sequence;
  const std::int64_t first = spec_.first_scored(), n = static_cast<std::int64_t>(sequence.size()) - 1, V = net_.shape().vocab;
  for (std::int64_t t = first; t < n; ++t) {  // the answer so far is the model's own
    tape_.reset();
    const ag::Tensor<float> logits = net_.forward(tape_, out.data(), 1, t + 1, false);
    const float* l = logits.value + t * V;
    out[static_cast<std::size_t>(t + 1)] = static_cast<std::int32_t>(std::max_element(l, l + V) - l);
  }
  return out;
}

std::string AttnRun::text_of(const std::vector<std::int32_t>& ids) const {
  if (!text_) return attn_tokens_text(spec_, ids.data(), static_cast<std::int64_t>(ids.size()));
  std::vector<char32_t> chars;
  for (std::int32_t id : ids) chars.push_back(corpus_.vocab[static_cast<std::size_t>(id)]);
  return to_utf8(chars);
}

}  // namespace lab::seq
