// The RNN lab's live session (see seq.hpp).
#include "seq.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"

namespace lab {

SeqLab::SeqLab(const Value& config) {
  Reader r(config, "seq");
  r.only({"text", "task", "cell", "embed", "hidden", "seq_len", "vocab", "batch_size", "steps", "optimizer", "clip", "seed", "eval_every", "sample",
          "temperature", "top_k", "frames"});
  run_ = std::make_unique<seq::SeqRun>(r);
  eval_every_ = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every_ == 0) eval_every_ = std::max<std::int64_t>(1, run_->steps() / 20);
  sample_ = static_cast<std::int64_t>(r.number("sample", 300, Range{0, 100000, false, false, true}));
  temperature_ = r.number("temperature", 1, Range{0, 100, true, false, false});
  top_k_ = static_cast<std::int64_t>(r.number("top_k", 0, Range{0, 1e9, false, false, true}));
  if (!run_->text())
    for (const char* k : {"sample", "temperature", "top_k"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: samples are drawn from a text model, not a task");
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms, passage, units}")) {
    fr->only({"every_ms", "passage", "units"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
    passage_ = static_cast<std::int64_t>(fr->number("passage", static_cast<double>(passage_), Range{1, 2000, false, false, true}));
    units_ = static_cast<std::int64_t>(fr->number("units", static_cast<double>(units_), Range{1, 4096, false, false, true}));
  }
  units_ = std::min(units_, run_->shape().hidden);
  sample_rng_ = Rng(run_->seed() ^ 0x5A3B1E5EULL);
}

void SeqLab::begin(Emitter& em) {
  em_ = &em;
  batch_stream_ = run_->text() ? em.declare("batch", 0, {"step", "loss", "bpc"}) : em.declare("batch", 0, {"step", "loss"});
  eval_stream_ = em.declare("eval", 0, {"step", "val_loss", run_->metric()});
  evaluate(em);
  if (frames_on_) emit_frames(em, std::vector<float>(static_cast<std::size_t>(run_->seq_len()), NAN));
}

void SeqLab::evaluate(Emitter& em) {
  const seq::SeqRun::Score s = run_->evaluate();
  last_val_loss_ = s.loss, last_metric_ = s.metric;
  const double row[] = {static_cast<double>(run_->done()), s.loss, s.metric};
  em.push(eval_stream_, row);
}

bool SeqLab::step(Emitter& em) {
  const auto now = std::chrono::steady_clock::now();
  const bool frame_due = frames_on_ && std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_;
  std::vector<float> norms(static_cast<std::size_t>(run_->seq_len()), NAN);
  const bool ok = run_->step(frame_due || run_->done() + 1 == run_->steps() ? norms.data() : nullptr);
  const double loss = run_->last_loss();
  const double row[] = {static_cast<double>(run_->done() + (ok ? 0 : 1)), loss, loss / std::numbers::ln2};
  em.push(batch_stream_, row);
  if (!ok) {
    status_ = "diverged";
    evaluate(em);
    return false;
  }
  const bool more = run_->done() < run_->steps();
  if (!more || run_->done() % eval_every_ == 0) evaluate(em);
  if (frames_on_ && (frame_due || !more)) emit_frames(em, norms);
  return more;
}

Frame SeqLab::sample_frame() {
  Frame f;
  f.name = "sample";
  f.step = run_->done();
  f.shape = {0};
  f.meta = Value(Value::Object{{"text", run_->sample(sample_, temperature_, top_k_, sample_rng_)}, {"temperature", temperature_}, {"top_k", static_cast<double>(top_k_)}});
  return f;
}

void SeqLab::emit_frames(Emitter& em, const std::vector<float>& norms) {
  last_frame_ = std::chrono::steady_clock::now();
  Frame g;
  g.name = "gradients";
  g.step = run_->done();
  g.data = norms;
  g.shape = {static_cast<std::int64_t>(norms.size())};
  g.meta = Value(Value::Object{{"seq_len", static_cast<double>(run_->seq_len())}});
  em.frame(std::move(g));
  if (run_->text()) {
    if (sample_ > 0) em.frame(sample_frame());
    const std::int64_t H = run_->shape().hidden;
    const std::vector<float> h = run_->hidden_over(passage_);
    const std::int64_t L = static_cast<std::int64_t>(h.size()) / H;
    Frame f;
    f.name = "hidden";
    f.step = run_->done();
    f.shape = {L, units_};
    for (std::int64_t t = 0; t < L; ++t) f.data.insert(f.data.end(), h.begin() + t * H, h.begin() + t * H + units_);
    Value::Array chars;
    const seq::Corpus& c = run_->corpus();
    for (std::int64_t t = 0; t < L; ++t) chars.emplace_back(seq::to_utf8(std::vector<char32_t>{c.vocab[static_cast<std::size_t>(c.ids[c.n_train + static_cast<std::size_t>(t)])]}));
    f.meta = Value(Value::Object{{"chars", Value(std::move(chars))}, {"hidden", static_cast<double>(H)}});
    em.frame(std::move(f));
  } else {
    const seq::SeqRun::Example e = run_->example();
    Frame f;
    f.name = "example";
    f.step = run_->done();
    f.shape = {0};
    f.meta = Value(Value::Object{{"task", seq::task_name(run_->spec().task)}, {"inputs", number_list(e.inputs)}, {"targets", number_list(e.targets)}, {"outputs", number_list(e.outputs)}});
    em.frame(std::move(f));
  }
}

void SeqLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "sampling", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"lr"});
    sr.number("lr", 1e-3, Range{0, 10, true, false, false});
  }
  if (const Value* s = u.get("sampling")) {
    if (!run_->text()) u.fail("sampling", *s, "nothing: samples are drawn from a text model, not a task");
    const Reader sr(*s, "update.sampling");
    sr.only({"temperature", "top_k"});
    sr.number("temperature", 1, Range{0, 100, true, false, false});
    sr.number("top_k", 0, Range{0, 1e9, false, false, true});
  }
}

void SeqLab::apply_update(const Value& update) {
  if (const Value* s = update.find("set"))
    if (const Value* lr = s->find("lr")) run_->optimizer().set("lr", lr->as_number());
  if (const Value* s = update.find("sampling")) {
    if (const Value* t = s->find("temperature")) temperature_ = t->as_number();
    if (const Value* k = s->find("top_k")) top_k_ = static_cast<std::int64_t>(k->as_number());
    if (em_ != nullptr && sample_ > 0) em_->frame(sample_frame());
  }
}

Value SeqLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const std::string st = status_ == "diverged" ? "diverged" : status;
  const double loss = run_->last_loss();
  Value::Object final_{{"train_loss", number_or_null(loss)}, {"val_loss", number_or_null(last_val_loss_)}, {run_->metric(), number_or_null(last_metric_)}};
  Value::Object out{{"status", st},
                    {"steps", static_cast<double>(run_->done())},
                    {"seq_len", static_cast<double>(run_->seq_len())},
                    {"cell", ag::cell_name(run_->shape().cell)},
                    {"final", Value(std::move(final_))},
                    {"elapsed_ms", elapsed_ms},
                    {"compute_ms", compute_ms},
                    {"ms_per_step", run_->done() > 0 ? compute_ms / static_cast<double>(run_->done()) : 0.0}};
  if (run_->text()) {
    out.emplace("vocab_size", static_cast<double>(run_->corpus().vocab.size()));
    out.emplace("unigram_bpc", run_->corpus().unigram_bits());
  } else {
    out.emplace("task", seq::task_name(run_->spec().task));
  }
  return Value(std::move(out));
}

std::string SeqLab::weights_bytes() const { return nn::weights_bytes(run_->store()); }

}  // namespace lab
