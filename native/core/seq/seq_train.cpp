// The RNN lab's training run (see seq_train.hpp).
#include "seq_train.hpp"

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
#include "seq_net.hpp"
#include "tasks.hpp"
#include "text.hpp"

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

struct Run {
  SeqNet net;
  std::unique_ptr<optim::Optimizer<float>> opt;
  optim::Schedule schedule;
  ag::Tape<float> tape;
  double clip = 5;
  std::int64_t step = 0;

  // One update on a loss already on the tape; returns false when the loss is not finite.
  bool update(ag::Tensor<float> loss) {
    if (!std::isfinite(loss.value[0])) return false;
    net.store().zero_grad();
    tape.backward(loss);
    optim::clip_grad_norm(net.store(), clip);
    ++step;
    opt->step(net.store().values(), net.store().grads(), opt->get("lr") * schedule.factor(step));
    return true;
  }
};

// ---- text ------------------------------------------------------------------------------------------

// Mean cross-entropy (nats) of the validation part, consecutive windows of T, the state carried.
double validation_nats(Run& run, const Corpus& c, std::int64_t T) {
  const std::int64_t H = run.net.shape().hidden;
  std::vector<float> h(static_cast<std::size_t>(H), 0.f), cst(static_cast<std::size_t>(H), 0.f), h2(h), c2(cst);
  const std::int32_t* v = c.ids.data() + c.n_train;
  const auto n = static_cast<std::int64_t>(c.size() - c.n_train);
  double nats = 0;
  std::int64_t count = 0;
  for (std::int64_t k = 0; k + 1 < n; k += T) {
    const std::int64_t len = std::min(T, n - 1 - k);
    ag::RecurrentState<float> st;
    st.h0 = h.data(), st.c0 = cst.data(), st.h_last = h2.data(), st.c_last = c2.data();
    run.tape.reset();
    const ag::Tensor<float> logits = run.net.forward(run.tape, v + k, nullptr, 1, len, st);
    const auto r = ag::softmax_cross_entropy(run.tape, logits, v + k + 1);
    nats += static_cast<double>(r.loss.value[0]) * static_cast<double>(len);
    count += len;
    h.swap(h2), cst.swap(c2);
  }
  return nats / static_cast<double>(count);
}

// `n` characters drawn from the model, starting from `first` and a zero state.
std::string sample_text(Run& run, const Corpus& c, std::int64_t n, double temperature, std::int64_t top_k, Rng& rng, std::int32_t first) {
  const std::int64_t H = run.net.shape().hidden, V = static_cast<std::int64_t>(c.vocab.size());
  std::vector<float> h(static_cast<std::size_t>(H), 0.f), cst(h), h2(h), c2(h);
  std::vector<double> p(static_cast<std::size_t>(V));
  std::vector<char32_t> out;
  std::int32_t cur = first;
  for (std::int64_t i = 0; i < n; ++i) {
    ag::RecurrentState<float> st;
    st.h0 = h.data(), st.c0 = cst.data(), st.h_last = h2.data(), st.c_last = c2.data();
    run.tape.reset();
    const ag::Tensor<float> logits = run.net.forward(run.tape, &cur, nullptr, 1, 1, st);
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
    out.push_back(c.vocab[static_cast<std::size_t>(pick)]);
  }
  return to_utf8(out);
}

// ---- tasks -----------------------------------------------------------------------------------------

// The loss of a task batch on the tape: cross-entropy or squared error, the mean over scored outputs.
ag::Tensor<float> task_loss(Run& run, const TaskSpec& spec, TaskBatch& b, std::int64_t B, std::vector<float>& weights, std::vector<float>& targets,
                            const ag::RecurrentState<float>& st, ag::Tensor<float>* outputs = nullptr) {
  const std::int64_t T = spec.steps(), n = B * T;
  const ag::Tensor<float> out = run.net.forward(run.tape, b.ids.empty() ? nullptr : b.ids.data(), b.x.empty() ? nullptr : b.x.data(), B, T, st);
  if (outputs) *outputs = out;
  if (spec.classification()) {
    weights.assign(static_cast<std::size_t>(n), 0.f);
    const float w = static_cast<float>(static_cast<double>(n) / static_cast<double>(b.scored_count));
    for (std::int64_t i = 0; i < n; ++i)
      if (b.scored[static_cast<std::size_t>(i)]) weights[static_cast<std::size_t>(i)] = w;
    return ag::weighted_cross_entropy(run.tape, out, b.labels.data(), ag::constant(weights.data(), ag::Shape{n}));
  }
  // unscored outputs are their own targets: no error, no gradient
  targets.resize(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) targets[static_cast<std::size_t>(i)] = b.scored[static_cast<std::size_t>(i)] ? b.targets[static_cast<std::size_t>(i)] : out.value[i];
  return ag::half_squared_sum(run.tape, out, ag::constant(targets.data(), out.shape), 2.0 / static_cast<double>(b.scored_count));
}

struct TaskScore {
  double loss, acc, mse;
};

TaskScore score_task(Run& run, const TaskSpec& spec, TaskBatch& held) {
  const std::int64_t T = spec.steps(), n = static_cast<std::int64_t>(held.scored.size()), B = n / T;
  std::vector<float> w, t;
  run.tape.reset();
  ag::Tensor<float> out;
  const ag::Tensor<float> loss = task_loss(run, spec, held, B, w, t, {}, &out);
  TaskScore s{loss.value[0], 0, 0};
  std::int64_t right = 0;
  double sq = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    if (!held.scored[static_cast<std::size_t>(i)]) continue;
    if (spec.classification()) right += argmax(out.value + i * spec.outputs(), spec.outputs()) == held.labels[static_cast<std::size_t>(i)];
    else {
      const double e = static_cast<double>(out.value[i]) - held.targets[static_cast<std::size_t>(i)];
      sq += e * e;
      right += std::fabs(e) < 0.04;
    }
  }
  s.acc = static_cast<double>(right) / static_cast<double>(held.scored_count);
  s.mse = sq / static_cast<double>(held.scored_count);
  return s;
}

}  // namespace

Value train_seq(const Value& config) {
  Reader r(config, "seq");
  r.only({"text", "task", "cell", "embed", "hidden", "seq_len", "vocab", "batch_size", "steps", "optimizer", "clip", "seed", "eval_every",
          "sample", "temperature", "top_k"});
  const bool has_text = r.get("text") != nullptr, has_task = r.get("task") != nullptr;
  if (has_text == has_task) r.fail(has_text ? "task" : "text", has_text ? *r.get("task") : Value(), "either a text or a task, not both and not neither");
  SeqNetShape shape;
  shape.cell = cell_named(r);
  shape.embed = static_cast<std::int64_t>(r.number("embed", 32, Range{1, 4096, false, false, true}));
  shape.hidden = static_cast<std::int64_t>(r.number("hidden", has_text ? 128 : 64, Range{1, 4096, false, false, true}));
  const std::int64_t B = static_cast<std::int64_t>(r.number("batch_size", 32, Range{1, 65536, false, false, true}));
  const std::int64_t steps = static_cast<std::int64_t>(r.number("steps", has_text ? 2000 : 3000, Range{1, 10'000'000, false, false, true}));
  const double clip = r.number("clip", 5, Range::non_negative());
  const auto seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, kMaxInteger, false, false, true}));
  std::int64_t eval_every = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every == 0) eval_every = std::max<std::int64_t>(1, steps / 10);
  const std::int64_t n_sample = static_cast<std::int64_t>(r.number("sample", 0, Range{0, 100000, false, false, true}));
  const double temperature = r.number("temperature", 1, Range{0, 100, true, false, false});
  const std::int64_t top_k = static_cast<std::int64_t>(r.number("top_k", 0, Range{0, 1e9, false, false, true}));
  if (n_sample > 0 && has_task) r.fail("sample", *r.get("sample"), "0: samples are drawn from a text model, not a task");

  Corpus corpus;
  TaskSpec spec;
  std::int64_t T = 0;
  if (has_text) {
    const Value& tv = *r.get("text");
    if (tv.kind() != Value::Kind::String) r.fail("text", tv, "the text itself (UTF-8)");
    corpus = read_corpus(tv.as_string(), "seq.text");
    T = static_cast<std::int64_t>(r.number("seq_len", 64, Range{1, 100000, false, false, true}));
    if (static_cast<std::int64_t>(corpus.n_train) < T + 1)
      r.fail("seq_len", *r.get("seq_len"), "at most " + std::to_string(corpus.n_train - 1) + " (the training part has " + std::to_string(corpus.n_train) + " characters)");
    if (corpus.size() - corpus.n_train < 2) r.fail("text", tv, "a text whose last 10 % holds at least 2 characters");
    shape.vocab = static_cast<std::int64_t>(corpus.vocab.size());
    shape.outputs = shape.vocab;
  } else {
    spec.task = task_named(r.string("task"), "seq.task");
    spec.length = static_cast<std::int64_t>(r.number("seq_len", spec.task == Task::sine ? 32 : spec.task == Task::adding ? 50 : 8, Range{2, 10000, false, false, true}));
    spec.vocab = static_cast<std::int64_t>(r.number("vocab", 8, Range{2, 1000, false, false, true}));
    T = spec.steps();
    shape.vocab = spec.in_vocab();
    shape.inputs = spec.inputs();
    shape.outputs = spec.outputs();
  }
  // text: Adam at 0.002; tasks: Adam at 0.005, and for copy and reverse decayed along a cosine to a tenth
  // over the run (it takes copy from 98.8 % to 99.5 % in 3 000 steps; the adding problem, which learns
  // late, does better at a constant step: 99.4 % against 93–95 % decayed)
  const bool decay = has_task && (spec.task == Task::copy || spec.task == Task::reverse);
  Value default_opt(!decay ? Value::Object{{"type", "adam"}}
                           : Value::Object{{"type", "adam"}, {"schedule", Value(Value::Object{{"type", "cosine"}, {"total", static_cast<double>(steps)}, {"min_factor", 0.1}})}});
  const Value* ov = r.get("optimizer");
  Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, "seq.optimizer");
  Rng rng(seed);
  Run run{SeqNet(shape, rng), optim::make_optimizer<float>(o.string("type", "adam"), "seq.optimizer.type"), {}, {}, clip, 0};
  if (o.get("lr") == nullptr) run.opt->set("lr", has_text ? 0.002 : 0.005);
  optim::configure(*run.opt, o, {"type", "schedule", "name"});
  run.schedule = optim::read_schedule(o.get("schedule"), "seq.optimizer.schedule");
  run.opt->reset(run.net.store().size());

  TaskBatch batch, held;
  if (has_task) {
    Rng held_rng(seed ^ 0xA5A5A5A5DEADBEEFULL);
    make_batch(spec, 1000, held_rng, held);
  }
  std::vector<std::int32_t> ids, targets;
  std::vector<float> weights, tvals, norms(static_cast<std::size_t>(T), 0.f);
  BucketedMeans curve(steps, 1);
  std::vector<double> e_step, e_loss, e_metric;
  double last_loss = NAN;
  std::string status = "done";
  const char* metric = has_text ? "val_bpc" : spec.task == Task::sine ? "val_mse" : "acc";
  auto evaluate = [&](std::int64_t at) {
    e_step.push_back(static_cast<double>(at));
    if (has_text) {
      const double nats = validation_nats(run, corpus, T);
      e_loss.push_back(nats);
      e_metric.push_back(nats / std::numbers::ln2);
    } else {
      const TaskScore s = score_task(run, spec, held);
      e_loss.push_back(s.loss);
      e_metric.push_back(spec.task == Task::sine ? s.mse : s.acc);
    }
  };
  const auto t0 = std::chrono::steady_clock::now();
  for (std::int64_t step = 1; step <= steps; ++step) {
    run.tape.reset();
    ag::RecurrentState<float> st;
    if (step == steps) st.grad_norms = norms.data();
    ag::Tensor<float> loss;
    if (has_text) {
      ids.resize(static_cast<std::size_t>(B * T));
      targets.resize(static_cast<std::size_t>(B * T));
      corpus.random_windows(B, T, rng, ids.data(), targets.data());
      loss = ag::softmax_cross_entropy(run.tape, run.net.forward(run.tape, ids.data(), nullptr, B, T, st), targets.data()).loss;
    } else {
      make_batch(spec, B, rng, batch);
      loss = task_loss(run, spec, batch, B, weights, tvals, st);
    }
    last_loss = loss.value[0];
    if (!run.update(loss)) {
      status = "diverged";
      break;
    }
    curve.add(step, {last_loss});
    if (step % eval_every == 0 || step == steps) evaluate(step);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (status == "diverged" && (e_step.empty() || e_step.back() != static_cast<double>(run.step))) evaluate(run.step);

  Value::Object final_{{"train_loss", std::isfinite(last_loss) ? Value(last_loss) : Value()},
                       {"val_loss", e_loss.empty() ? Value() : Value(e_loss.back())},
                       {metric, e_metric.empty() ? Value() : Value(e_metric.back())}};
  Value::Object out{{"summary", Value(Value::Object{{"status", status},
                                                    {"steps", static_cast<double>(run.step)},
                                                    {"parameters", static_cast<double>(run.net.store().size())},
                                                    {"ms_per_step", run.step > 0 ? 1000 * seconds / static_cast<double>(run.step) : 0.0},
                                                    {"final", Value(std::move(final_))}})},
                    {"curves", Value(Value::Object{{"step", number_list(curve.steps())}, {"train_loss", number_list(curve.means(0))}})},
                    {"evals", Value(Value::Object{{"step", number_list(e_step)}, {"val_loss", number_list(e_loss)}, {metric, number_list(e_metric)}})},
                    {"grad_norm_through_time", number_list(std::vector<double>(norms.begin(), norms.end()))},
                    {"cell", ag::cell_name(shape.cell)},
                    {"seq_len", static_cast<double>(T)}};
  if (has_text) {
    out.emplace("vocab_size", static_cast<double>(corpus.vocab.size()));
    out.emplace("train_chars", static_cast<double>(corpus.n_train));
    out.emplace("val_chars", static_cast<double>(corpus.size() - corpus.n_train));
    out.emplace("unigram_bpc", corpus.unigram_bits());
    out.emplace("unigram_val_bpc", corpus.unigram_val_bits());
    if (n_sample > 0) {
      Rng srng(seed ^ 0x5A3B1E5EULL);
      const auto nl = std::lower_bound(corpus.vocab.begin(), corpus.vocab.end(), U'\n');
      const std::int32_t first = nl != corpus.vocab.end() && *nl == U'\n' ? static_cast<std::int32_t>(nl - corpus.vocab.begin()) : corpus.ids[0];
      out.emplace("sample", sample_text(run, corpus, n_sample, temperature, top_k, srng, first));
    }
  } else {
    out.emplace("task", task_name(spec.task));
  }
  return Value(std::move(out));
}

}  // namespace lab::seq
