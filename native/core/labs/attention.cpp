// The attention lab's live session (see attention.hpp).
#include "attention.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"

namespace lab {

AttnLab::AttnLab(const Value& config) {
  Reader r(config, "attention");
  r.only({"task", "text", "seq_len", "length", "vocab", "layers", "heads", "dim", "positions", "dropout", "batch_size", "steps", "optimizer", "clip",
          "seed", "eval_every", "frames"});
  run_ = std::make_unique<seq::AttnRun>(r);
  eval_every_ = static_cast<std::int64_t>(r.number("eval_every", 0, Range{0, 10'000'000, false, false, true}));
  if (eval_every_ == 0) eval_every_ = std::max<std::int64_t>(1, run_->steps() / 20);
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms}")) {
    fr->only({"every_ms"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
  }
}

std::string AttnLab::label(std::int32_t t) const {
  if (run_->text()) return run_->text_of({t});
  const seq::AttnTaskSpec& s = run_->spec();
  if (s.task == seq::AttnTask::addition) return t == 10 ? "+" : t == 11 ? "=" : std::to_string(t);
  return t == static_cast<std::int32_t>(s.vocab) && s.task != seq::AttnTask::repeat ? "|" : std::to_string(t);
}

void AttnLab::begin(Emitter& em) {
  em_ = &em;
  batch_stream_ = em.declare("batch", 0, {"step", "loss"});
  eval_stream_ = run_->text() ? em.declare("eval", 0, {"step", "val_loss", "val_bpc"}) : em.declare("eval", 0, {"step", "val_loss", "seq_acc", "token_acc"});
  evaluate(em);
  if (frames_on_) {
    last_frame_ = std::chrono::steady_clock::now();
    em.frame(positions_frame());
    emit_attention(em);
  }
}

void AttnLab::evaluate(Emitter& em) {
  last_ = run_->evaluate();
  const double step = static_cast<double>(run_->done());
  if (run_->text()) {
    const double row[] = {step, last_.loss, last_.loss / std::numbers::ln2};
    em.push(eval_stream_, row);
    return;
  }
  const double row[] = {step, last_.loss, last_.seq_acc, last_.token_acc};
  em.push(eval_stream_, row);
  if (!frames_on_) return;
  Frame f;
  f.name = "by_position";
  f.step = run_->done();
  f.data.assign(last_.by_position.begin(), last_.by_position.end());
  f.shape = {static_cast<std::int64_t>(f.data.size())};
  f.meta = Value(Value::Object{{"answer", static_cast<double>(run_->spec().answer())}});
  em.frame(std::move(f));
}

bool AttnLab::step(Emitter& em) {
  const bool ok = run_->step();
  const double row[] = {static_cast<double>(run_->done() + (ok ? 0 : 1)), run_->last_loss()};
  em.push(batch_stream_, row);
  if (!ok) {
    status_ = "diverged";
    return false;
  }
  const bool more = run_->done() < run_->steps();
  if (!more || run_->done() % eval_every_ == 0) evaluate(em);
  const auto now = std::chrono::steady_clock::now();
  if (frames_on_ && (!more || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) {
    last_frame_ = now;
    if (run_->shape().positions == seq::Positions::learned) em.frame(positions_frame());
    emit_attention(em);
  }
  return more;
}

Frame AttnLab::positions_frame() {
  const std::int64_t T = run_->seq_len(), D = run_->shape().dim;
  Frame f;
  f.name = "positions";
  f.step = run_->done();
  f.shape = {T, D};
  if (run_->shape().positions == seq::Positions::learned) {
    const ag::Tensor<float> table = run_->net().store().view("positions.table");
    f.data.assign(table.value, table.value + T * D);
  } else {
    f.data.assign(run_->net().sinusoid().begin(), run_->net().sinusoid().begin() + T * D);
  }
  f.meta = Value(Value::Object{{"kind", run_->shape().positions == seq::Positions::learned ? "learned" : "sinusoidal"}});
  return f;
}

std::pair<Frame, Frame> AttnLab::attention_frames() {
  const bool yours = !yours_.empty();
  std::vector<std::int32_t> tokens = yours ? yours_ : run_->example();
  if (yours && !run_->text()) tokens = run_->decode(tokens);  // the model's own answer to the user's prompt
  const seq::AttnRun::Look k = run_->look(tokens);
  const std::vector<std::int32_t>& shown = yours && !run_->text() ? tokens : k.predicted;
  Value::Array labels, predicted;
  for (std::int32_t t : k.tokens) labels.emplace_back(label(t));
  for (std::int32_t t : shown) predicted.emplace_back(label(t));
  Frame f;
  f.name = "attention";
  f.step = run_->done();
  f.data = k.maps;
  f.shape = {run_->shape().layers, run_->shape().heads, k.n, k.n};
  // and each layer's Q, K, V over the same input, for the numbers of a query: q·k/√d, the softmax, the weighted sum
  Frame q;
  q.name = "qkv";
  q.step = run_->done();
  q.data = k.qkv;
  q.shape = {run_->shape().layers, k.n, 3 * run_->shape().dim};
  q.meta = Value(Value::Object{{"heads", static_cast<double>(run_->shape().heads)}, {"dim", static_cast<double>(run_->shape().dim)}});
  f.meta = Value(Value::Object{{"layers", static_cast<double>(run_->shape().layers)},
                               {"heads", static_cast<double>(run_->shape().heads)},
                               {"n", static_cast<double>(k.n)},
                               {"tokens", Value(std::move(labels))},
                               {"predicted", Value(std::move(predicted))},
                               {"text", run_->text_of(k.tokens)},
                               {"predicted_text", run_->text_of(shown)},
                               {"first_scored", static_cast<double>(run_->text() ? 0 : run_->spec().first_scored())},
                               {"source", yours ? "yours" : "held-out"}});
  return {std::move(f), std::move(q)};
}

Frame AttnLab::attention_frame() { return attention_frames().first; }

void AttnLab::emit_attention(Emitter& em) {
  auto [maps, qkv] = attention_frames();
  em.frame(std::move(maps));
  em.frame(std::move(qkv));
}

std::vector<std::int32_t> AttnLab::input_tokens(const Value& input, const std::string& path) const {
  if (run_->text()) {
    if (input.kind() != Value::Kind::String) throw Error(code::invalid_config, path + ": expected the characters to read (a string), got " + input.describe());
    const std::vector<char32_t> chars = seq::from_utf8(input.as_string(), path);
    if (chars.size() < 2 || static_cast<std::int64_t>(chars.size()) > run_->seq_len() + 1)
      throw Error(code::invalid_config, path + ": expected 2 to " + std::to_string(run_->seq_len() + 1) + " characters, got " + std::to_string(chars.size()));
    std::vector<std::int32_t> ids;
    const auto& vocab = run_->corpus().vocab;
    for (char32_t ch : chars) {
      const auto it = std::lower_bound(vocab.begin(), vocab.end(), ch);
      if (it == vocab.end() || *it != ch) throw Error(code::invalid_config, path + ": the character \"" + seq::to_utf8(std::vector<char32_t>{ch}) + "\" is not in the text");
      ids.push_back(static_cast<std::int32_t>(it - vocab.begin()));
    }
    return ids;
  }
  if (input.kind() != Value::Kind::Array) throw Error(code::invalid_config, path + ": expected the prompt's symbols (a list of numbers), got " + input.describe());
  std::vector<std::int32_t> prompt;
  for (std::size_t i = 0; i < input.as_array().size(); ++i)
    prompt.push_back(static_cast<std::int32_t>(check_number(path + "[" + std::to_string(i) + "]", input.as_array()[i], Range{0, 1e6, false, false, true})));
  return run_->sequence_for(prompt, path);
}

void AttnLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "input", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"lr"});
    sr.number("lr", 1e-3, Range{0, 10, true, false, false});
  }
  if (const Value* in = u.get("input"); in != nullptr && !in->is_null()) input_tokens(*in, "update.input");
}

void AttnLab::apply_update(const Value& update) {
  if (const Value* s = update.find("set"))
    if (const Value* lr = s->find("lr")) run_->optimizer().set("lr", lr->as_number());
  if (const Value* in = update.find("input")) {
    yours_ = in->is_null() ? std::vector<std::int32_t>{} : input_tokens(*in, "update.input");
    if (em_ != nullptr && frames_on_) emit_attention(*em_);
  }
}

Value AttnLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const std::string st = status_ == "diverged" ? "diverged" : status;
  Value::Object final_{{"train_loss", number_or_null(run_->last_loss())}, {"val_loss", number_or_null(last_.loss)}};
  if (run_->text()) final_.emplace("val_bpc", number_or_null(last_.loss / std::numbers::ln2));
  else final_.emplace("seq_acc", last_.seq_acc), final_.emplace("token_acc", last_.token_acc);
  Value::Object out{{"status", st},
                    {"steps", static_cast<double>(run_->done())},
                    {"final", Value(std::move(final_))},
                    {"elapsed_ms", elapsed_ms},
                    {"compute_ms", compute_ms},
                    {"ms_per_step", run_->done() > 0 ? compute_ms / static_cast<double>(run_->done()) : 0.0}};
  if (!run_->text()) {
    out.emplace("task", seq::attn_task_name(run_->spec().task));
    out.emplace("acc_by_position", number_list(last_.by_position));
  }
  return Value(std::move(out));
}

std::string AttnLab::weights_bytes() const { return nn::weights_bytes(run_->net().store()); }

}  // namespace lab
