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
#include "seq_run.hpp"

namespace lab::seq {

Value train_seq(const Value& config) {
  Reader r(config, "seq");
  r.only({"text", "task", "cell", "embed", "hidden", "seq_len", "vocab", "batch_size", "steps", "optimizer", "clip", "seed", "eval_every",
          "sample", "temperature", "top_k"});
  SeqRun run(r);
  const std::int64_t steps = run.steps(), T = run.seq_len();
  std::int64_t eval_every = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every == 0) eval_every = std::max<std::int64_t>(1, steps / 10);
  const std::int64_t n_sample = static_cast<std::int64_t>(r.number("sample", 0, Range{0, 100000, false, false, true}));
  const double temperature = r.number("temperature", 1, Range{0, 100, true, false, false});
  const std::int64_t top_k = static_cast<std::int64_t>(r.number("top_k", 0, Range{0, 1e9, false, false, true}));
  if (n_sample > 0 && !run.text()) r.fail("sample", *r.get("sample"), "0: samples are drawn from a text model, not a task");

  std::vector<float> norms(static_cast<std::size_t>(T), 0.f);
  BucketedMeans curve(steps, 1);
  std::vector<double> e_step, e_loss, e_metric;
  std::string status = "done";
  auto evaluate = [&](std::int64_t at) {
    const SeqRun::Score s = run.evaluate();
    e_step.push_back(static_cast<double>(at));
    e_loss.push_back(s.loss);
    e_metric.push_back(s.metric);
  };
  for (std::int64_t step = 1; step <= steps; ++step) {
    if (!run.step(step == steps ? norms.data() : nullptr)) {
      status = "diverged";
      break;
    }
    curve.add(step, {run.last_loss()});
    if (step % eval_every == 0 || step == steps) evaluate(step);
  }
  if (status == "diverged" && (e_step.empty() || e_step.back() != static_cast<double>(run.done()))) evaluate(run.done());

  const double last_loss = run.last_loss();
  const char* metric = run.metric();
  Value::Object final_{{"train_loss", std::isfinite(last_loss) ? Value(last_loss) : Value()},
                       {"val_loss", e_loss.empty() ? Value() : Value(e_loss.back())},
                       {metric, e_metric.empty() ? Value() : Value(e_metric.back())}};
  Value::Object out{{"summary", Value(Value::Object{{"status", status},
                                                    {"steps", static_cast<double>(run.done())},
                                                    {"parameters", static_cast<double>(run.parameters())},
                                                    {"ms_per_step", run.done() > 0 ? run.step_ms() / static_cast<double>(run.done()) : 0.0},
                                                    {"final", Value(std::move(final_))}})},
                    {"curves", Value(Value::Object{{"step", number_list(curve.steps())}, {"train_loss", number_list(curve.means(0))}})},
                    {"evals", Value(Value::Object{{"step", number_list(e_step)}, {"val_loss", number_list(e_loss)}, {metric, number_list(e_metric)}})},
                    {"grad_norm_through_time", number_list(std::vector<double>(norms.begin(), norms.end()))},
                    {"cell", ag::cell_name(run.shape().cell)},
                    {"seq_len", static_cast<double>(T)}};
  if (run.text()) {
    const Corpus& corpus = run.corpus();
    out.emplace("vocab_size", static_cast<double>(corpus.vocab.size()));
    out.emplace("train_chars", static_cast<double>(corpus.n_train));
    out.emplace("val_chars", static_cast<double>(corpus.size() - corpus.n_train));
    out.emplace("unigram_bpc", corpus.unigram_bits());
    out.emplace("unigram_val_bpc", corpus.unigram_val_bits());
    if (n_sample > 0) {
      Rng srng(run.seed() ^ 0x5A3B1E5EULL);
      out.emplace("sample", run.sample(n_sample, temperature, top_k, srng));
    }
  } else {
    out.emplace("task", task_name(run.spec().task));
  }
  return Value(std::move(out));
}

}  // namespace lab::seq
