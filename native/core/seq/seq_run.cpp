// One RNN-lab training run, a step at a time (see seq_run.hpp).
#include "seq_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <numbers>

#include "../error.hpp"
#include "../optim/clip.hpp"
#include "../optim/registry.hpp"

namespace lab::seq {

namespace {

constexpr double kMaxInteger = 9007199254740991.0;

ag::Cell cell_named(const Reader& r) {
  const std::string c = r.string("cell", "lstm");
  if (c == "rnn") return ag::Cell::rnn;
  if (c == "lstm") return ag::Cell::lstm;
  if (c == "gru") return ag::Cell::gru;
  r.fail("cell", *r.get("cell"), "one of rnn, lstm, gru");
}

// Index of the largest of n scores.
std::int64_t argmax(const float* v, std::int64_t n) { return std::max_element(v, v + n) - v; }

SeqRun::Plan read_plan(const Reader& r) {
  SeqRun::Plan p;
  const bool has_text = r.get("text") != nullptr, has_task = r.get("task") != nullptr;
  if (has_text == has_task) r.fail(has_text ? "task" : "text", has_text ? *r.get("task") : Value(), "either a text or a task, not both and not neither");
  p.text = has_text;
  p.shape.cell = cell_named(r);
  p.shape.embed = static_cast<std::int64_t>(r.number("embed", 32, Range{1, 4096, false, false, true}));
  p.shape.hidden = static_cast<std::int64_t>(r.number("hidden", has_text ? 128 : 64, Range{1, 4096, false, false, true}));
  p.B = static_cast<std::int64_t>(r.number("batch_size", 32, Range{1, 65536, false, false, true}));
  p.steps = static_cast<std::int64_t>(r.number("steps", has_text ? 2000 : 3000, Range{1, 10'000'000, false, false, true}));
  p.clip = r.number("clip", 5, Range::non_negative());
  p.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  if (has_text) {
    const Value& tv = *r.get("text");
    if (tv.kind() != Value::Kind::String) r.fail("text", tv, "the text itself (UTF-8)");
    p.corpus = read_corpus(tv.as_string(), r.field_path("text"));
    p.T = static_cast<std::int64_t>(r.number("seq_len", 64, Range{1, 100000, false, false, true}));
    if (static_cast<std::int64_t>(p.corpus.n_train) < p.T + 1)
      r.fail("seq_len", *r.get("seq_len"), "at most " + std::to_string(p.corpus.n_train - 1) + " (the training part has " + std::to_string(p.corpus.n_train) + " characters)");
    if (p.corpus.size() - p.corpus.n_train < 2) r.fail("text", tv, "a text whose last 10 % holds at least 2 characters");
    p.shape.vocab = static_cast<std::int64_t>(p.corpus.vocab.size());
    p.shape.outputs = p.shape.vocab;
  } else {
    p.spec.task = task_named(r.string("task"), r.field_path("task"));
    p.spec.length = static_cast<std::int64_t>(r.number("seq_len", p.spec.task == Task::sine ? 32 : p.spec.task == Task::adding ? 50 : 8, Range{2, 10000, false, false, true}));
    p.spec.vocab = static_cast<std::int64_t>(r.number("vocab", 8, Range{2, 1000, false, false, true}));
    p.T = p.spec.steps();
    p.shape.vocab = p.spec.in_vocab();
    p.shape.inputs = p.spec.inputs();
    p.shape.outputs = p.spec.outputs();
  }
  return p;
}

}  // namespace

SeqRun::SeqRun(const Reader& r) : SeqRun(r, read_plan(r)) {}

SeqRun::SeqRun(const Reader& r, Plan plan)
    : text_(plan.text), corpus_(std::move(plan.corpus)), spec_(plan.spec), T_(plan.T), B_(plan.B), steps_(plan.steps), clip_(plan.clip), seed_(plan.seed),
      rng_(plan.seed), net_(plan.shape, rng_) {
  // text: Adam at 0.002; tasks: Adam at 0.005, and for copy and reverse decayed along a cosine to a tenth
  // over the run (it takes copy from 98.8 % to 99.5 % in 3 000 steps; the adding problem, which learns
  // late, does better at a constant step: 99.4 % against 93–95 % decayed)
  const bool decay = !text_ && (spec_.task == Task::copy || spec_.task == Task::reverse);
  const Value default_opt(!decay ? Value::Object{{"type", "adam"}}
                                 : Value::Object{{"type", "adam"}, {"schedule", Value(Value::Object{{"type", "cosine"}, {"total", static_cast<double>(steps_)}, {"min_factor", 0.1}})}});
  const Value* ov = r.get("optimizer");
  const Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, r.field_path("optimizer"));
  opt_ = optim::make_optimizer<float>(o.string("type", "adam"), o.field_path("type"));
  if (o.get("lr") == nullptr) opt_->set("lr", text_ ? 0.002 : 0.005);
  optim::configure(*opt_, o, {"type", "schedule", "name"});
  schedule_ = optim::read_schedule(o.get("schedule"), o.field_path("schedule"));
  opt_->reset(net_.store().size());
  if (!text_) {
    Rng held_rng(seed_ ^ 0xA5A5A5A5DEADBEEFULL);
    make_batch(spec_, 1000, held_rng, held_);
    Rng example_rng(seed_ ^ 0x3C6EF372FE94F82BULL);
    make_batch(spec_, 1, example_rng, example_);
  }
}

const char* SeqRun::metric() const { return text_ ? "val_bpc" : spec_.task == Task::sine ? "val_mse" : "acc"; }

// The loss of a task batch on the tape: cross-entropy or squared error, the mean over scored outputs.
ag::Tensor<float> SeqRun::task_loss(TaskBatch& b, std::int64_t B, const ag::RecurrentState<float>& st, ag::Tensor<float>* outputs) {
  const std::int64_t T = spec_.steps(), n = B * T;
  const ag::Tensor<float> out = net_.forward(tape_, b.ids.empty() ? nullptr : b.ids.data(), b.x.empty() ? nullptr : b.x.data(), B, T, st);
  if (outputs) *outputs = out;
  if (spec_.classification()) {
    weights_.assign(static_cast<std::size_t>(n), 0.f);
    const float w = static_cast<float>(static_cast<double>(n) / static_cast<double>(b.scored_count));
    for (std::int64_t i = 0; i < n; ++i)
      if (b.scored[static_cast<std::size_t>(i)]) weights_[static_cast<std::size_t>(i)] = w;
    return ag::weighted_cross_entropy(tape_, out, b.labels.data(), ag::constant(weights_.data(), ag::Shape{n}));
  }
  // unscored outputs are their own targets: no error, no gradient
  tvals_.resize(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) tvals_[static_cast<std::size_t>(i)] = b.scored[static_cast<std::size_t>(i)] ? b.targets[static_cast<std::size_t>(i)] : out.value[i];
  return ag::half_squared_sum(tape_, out, ag::constant(tvals_.data(), out.shape), 2.0 / static_cast<double>(b.scored_count));
}

bool SeqRun::step(float* norms) {
  const auto t0 = std::chrono::steady_clock::now();
  tape_.reset();
  ag::RecurrentState<float> st;
  st.grad_norms = norms;
  ag::Tensor<float> loss;
  if (text_) {
    ids_.resize(static_cast<std::size_t>(B_ * T_));
    targets_.resize(static_cast<std::size_t>(B_ * T_));
    corpus_.random_windows(B_, T_, rng_, ids_.data(), targets_.data());
    loss = ag::softmax_cross_entropy(tape_, net_.forward(tape_, ids_.data(), nullptr, B_, T_, st), targets_.data()).loss;
  } else {
    make_batch(spec_, B_, rng_, batch_);
    loss = task_loss(batch_, B_, st);
  }
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

SeqRun::Score SeqRun::evaluate() {
  if (text_) {
    // the validation part in consecutive windows of T, the state carried
    const std::int64_t H = net_.shape().hidden;
    std::vector<float> h(static_cast<std::size_t>(H), 0.f), cst(h), h2(h), c2(h);
    const std::int32_t* v = corpus_.ids.data() + corpus_.n_train;
    const auto n = static_cast<std::int64_t>(corpus_.size() - corpus_.n_train);
    double nats = 0;
    std::int64_t count = 0;
    for (std::int64_t k = 0; k + 1 < n; k += T_) {
      const std::int64_t len = std::min(T_, n - 1 - k);
      ag::RecurrentState<float> st;
      st.h0 = h.data(), st.c0 = cst.data(), st.h_last = h2.data(), st.c_last = c2.data();
      tape_.reset();
      const ag::Tensor<float> logits = net_.forward(tape_, v + k, nullptr, 1, len, st);
      const auto r = ag::softmax_cross_entropy(tape_, logits, v + k + 1);
      nats += static_cast<double>(r.loss.value[0]) * static_cast<double>(len);
      count += len;
      h.swap(h2), cst.swap(c2);
    }
    const double mean = nats / static_cast<double>(count);
    return {mean, mean / std::numbers::ln2};
  }
  const std::int64_t n = static_cast<std::int64_t>(held_.scored.size()), B = n / T_;
  tape_.reset();
  ag::Tensor<float> out;
  const ag::Tensor<float> loss = task_loss(held_, B, {}, &out);
  std::int64_t right = 0;
  double sq = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    if (!held_.scored[static_cast<std::size_t>(i)]) continue;
    if (spec_.classification()) right += argmax(out.value + i * spec_.outputs(), spec_.outputs()) == held_.labels[static_cast<std::size_t>(i)];
    else {
      const double e = static_cast<double>(out.value[i]) - held_.targets[static_cast<std::size_t>(i)];
      sq += e * e;
      right += std::fabs(e) < 0.04;
    }
  }
  const double acc = static_cast<double>(right) / static_cast<double>(held_.scored_count);
  return {loss.value[0], spec_.task == Task::sine ? sq / static_cast<double>(held_.scored_count) : acc};
}

std::string SeqRun::sample(std::int64_t n, double temperature, std::int64_t top_k, Rng& rng) {
  const auto nl = std::lower_bound(corpus_.vocab.begin(), corpus_.vocab.end(), U'\n');
  std::int32_t cur = nl != corpus_.vocab.end() && *nl == U'\n' ? static_cast<std::int32_t>(nl - corpus_.vocab.begin()) : corpus_.ids[0];
  const std::int64_t H = net_.shape().hidden, V = static_cast<std::int64_t>(corpus_.vocab.size());
  std::vector<float> h(static_cast<std::size_t>(H), 0.f), cst(h), h2(h), c2(h);
  std::vector<double> p(static_cast<std::size_t>(V));
  std::vector<char32_t> out;
  for (std::int64_t i = 0; i < n; ++i) {
    ag::RecurrentState<float> st;
    st.h0 = h.data(), st.c0 = cst.data(), st.h_last = h2.data(), st.c_last = c2.data();
    tape_.reset();
    const ag::Tensor<float> logits = net_.forward(tape_, &cur, nullptr, 1, 1, st);
    h.swap(h2), cst.swap(c2);
    double mx = -1e300;
    for (std::int64_t k = 0; k < V; ++k) mx = std::max(mx, static_cast<double>(logits.value[k]));
    double cut = -1e300;  // logits below the k-th largest are left out
    if (top_k > 0 && top_k < V) {
      std::vector<float> sorted(logits.value, logits.value + V);
      std::nth_element(sorted.begin(), sorted.begin() + (top_k - 1), sorted.end(), std::greater<float>());
      cut = sorted[static_cast<std::size_t>(top_k - 1)];
    }
    double total = 0;
    for (std::int64_t k = 0; k < V; ++k) {
      const double l = logits.value[k];
      p[static_cast<std::size_t>(k)] = l < cut ? 0.0 : std::exp((l - mx) / temperature);
      total += p[static_cast<std::size_t>(k)];
    }
    double u = rng.uniform() * total;
    std::int64_t pick = V - 1;
    for (std::int64_t k = 0; k < V; ++k) {
      u -= p[static_cast<std::size_t>(k)];
      if (u < 0) {
        pick = k;
        break;
      }
    }
    while (p[static_cast<std::size_t>(pick)] == 0 && pick > 0) --pick;  // rounding at the very end
    cur = static_cast<std::int32_t>(pick);
    out.push_back(corpus_.vocab[static_cast<std::size_t>(pick)]);
  }
  return to_utf8(out);
}

std::vector<float> SeqRun::hidden_over(std::int64_t n) {
  const std::int64_t H = net_.shape().hidden;
  n = std::min<std::int64_t>(n, static_cast<std::int64_t>(corpus_.size() - corpus_.n_train));
  std::vector<float> h(static_cast<std::size_t>(H), 0.f), cst(h), h2(h), c2(h), out;
  out.reserve(static_cast<std::size_t>(n * H));
  for (std::int64_t t = 0; t < n; ++t) {
    ag::RecurrentState<float> st;
    st.h0 = h.data(), st.c0 = cst.data(), st.h_last = h2.data(), st.c_last = c2.data();
    tape_.reset();
    net_.forward(tape_, corpus_.ids.data() + corpus_.n_train + t, nullptr, 1, 1, st);
    h.swap(h2), cst.swap(c2);
    out.insert(out.end(), h.begin(), h.end());
  }
  return out;
}

SeqRun::Example SeqRun::example() {
  Example e;
  tape_.reset();
  ag::Tensor<float> out;
  task_loss(example_, 1, {}, &out);
  const std::int64_t T = spec_.steps(), K = spec_.outputs(), I = spec_.inputs();
  for (std::int64_t t = 0; t < T; ++t) {
    const auto i = static_cast<std::size_t>(t);
    e.inputs.push_back(example_.ids.empty() ? example_.x[i * static_cast<std::size_t>(I)] : example_.ids[i]);
    const bool scored = example_.scored[i] != 0;
    if (spec_.classification()) {
      e.targets.push_back(scored ? example_.labels[i] : NAN);
      e.outputs.push_back(static_cast<double>(argmax(out.value + t * K, K)));
    } else {
      e.targets.push_back(scored ? example_.targets[i] : NAN);
      e.outputs.push_back(out.value[t]);
    }
  }
  return e;
}

}  // namespace lab::seq
