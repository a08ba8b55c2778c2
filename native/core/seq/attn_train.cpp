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
#include "attn_run.hpp"

namespace lab::seq {

namespace {

Value ints(const std::vector<std::int32_t>& v) {
  Value::Array a;
  for (std::int32_t x : v) a.emplace_back(static_cast<double>(x));
  return Value(std::move(a));
}

}  // namespace

Value train_attention(const Value& config) {
  Reader r(config, "attention");
  r.only({"task", "text", "seq_len", "length", "vocab", "layers", "heads", "dim", "positions", "dropout", "batch_size", "steps", "optimizer", "clip",
          "seed", "eval_every"});
  AttnRun run(r);
  const bool text = run.text();
  const std::int64_t steps = run.steps(), T = run.seq_len();
  std::int64_t eval_every = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every == 0) eval_every = std::max<std::int64_t>(1, steps / 10);

  BucketedMeans curve(steps, 1);
  std::vector<double> e_step, e_loss, e_seq, e_tok;
  AttnRun::Score last;
  std::string status = "done";
  for (std::int64_t step = 1; step <= steps; ++step) {
    if (!run.step()) {
      status = "diverged";
      break;
    }
    curve.add(step, {run.last_loss()});
    if (step % eval_every == 0 || step == steps) {
      last = run.evaluate();
      e_step.push_back(static_cast<double>(step));
      e_loss.push_back(last.loss);
      e_seq.push_back(last.seq_acc);
      e_tok.push_back(last.token_acc);
    }
  }
  const std::int64_t done = run.done();
  if (e_step.empty() || e_step.back() != static_cast<double>(done)) {
    last = run.evaluate();
    e_step.push_back(static_cast<double>(done)), e_loss.push_back(last.loss), e_seq.push_back(last.seq_acc), e_tok.push_back(last.token_acc);
  }
  // one held-out example (or the validation part's first window): its tokens, the model's answer and
  // every layer's and head's attention
  const AttnRun::Look look = run.look(run.example());
  const std::int64_t H = run.shape().heads, Lyr = run.shape().layers, n = look.n;
  Value::Array layers;
  for (std::int64_t l = 0; l < Lyr; ++l) {
    Value::Array heads;
    for (std::int64_t h = 0; h < H; ++h) {
      Value::Array rows;
      for (std::int64_t i = 0; i < n; ++i) {
        Value::Array row;
        for (std::int64_t j = 0; j < n; ++j) row.emplace_back(static_cast<double>(look.maps[static_cast<std::size_t>(((l * H + h) * n + i) * n + j)]));
        rows.emplace_back(std::move(row));
      }
      heads.emplace_back(std::move(rows));
    }
    layers.emplace_back(std::move(heads));
  }
  Value::Array positional;
  const std::int64_t D = run.shape().dim;
  for (std::int64_t t = 0; t < T; ++t) {
    Value::Array row;
    for (std::int64_t i = 0; i < D; ++i) row.emplace_back(static_cast<double>(run.net().sinusoid()[static_cast<std::size_t>(t * D + i)]));
    positional.emplace_back(std::move(row));
  }
  const double last_loss = run.last_loss();
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
                                      {"parameters", static_cast<double>(run.net().store().size())},
                                      {"ms_per_step", done > 0 ? run.step_ms() / static_cast<double>(done) : 0.0},
                                      {"final", Value(std::move(final_))}})},
      {"curves", Value(Value::Object{{"step", number_list(curve.steps())}, {"train_loss", number_list(curve.means(0))}})},
      {"evals", Value(std::move(evals))},
      {"attention", Value(std::move(layers))},
      {"example", Value(Value::Object{{"tokens", ints(look.tokens)}, {"predicted", ints(look.predicted)}, {"text", run.text_of(look.tokens)},
                                      {"predicted_text", run.text_of(look.predicted)}})},
      {"positional", Value(std::move(positional))},
      {"seq_len", static_cast<double>(T)}};
  if (text) {
    out.emplace("vocab_size", static_cast<double>(run.corpus().vocab.size()));
    out.emplace("unigram_bpc", run.corpus().unigram_bits());
  } else {
    const AttnTaskSpec& spec = run.spec();
    out.emplace("acc_by_position", number_list(last.by_position));
    out.emplace("task", attn_task_name(spec.task));
    out.emplace("length", static_cast<double>(spec.length));
    out.emplace("vocab", static_cast<double>(spec.vocab));
    out.emplace("answer_tokens", static_cast<double>(spec.answer()));
  }
  return Value(std::move(out));
}

}  // namespace lab::seq
