// lab::AttnLab — the attention lab's live session (issue #12): seq/attn_run.hpp's decoder-only
// transformer trained a step at a time on a task or a text, with the attention maps of a chosen input
// for every layer and head, accuracy per answer position and the positional encoding.
//
// Config: what `gradlab attention` takes (seq/attn_train.hpp: task | text, length, vocab, seq_len, layers,
// heads, dim, positions, dropout, batch_size, steps, optimizer, clip, seed; errors name attention.<field>),
// and eval_every?: steps / 20, frames?: false | {every_ms: 500}
// Streams:
//   "batch"  every step: step, loss (the answer tokens' mean cross-entropy, nats)
//   "eval"   step 0, every eval_every steps and the end: step, val_loss, then seq_acc and token_acc
//            (tasks) or val_bpc (a text) — attn_run.hpp's held-out scores
// Frames (at step 0, at most every every_ms, and at the end):
//   "attention"    [layers, heads, n, n]: every layer's and head's attention over the shown input (the
//                  first held-out sequence, or the user's: see input below); meta {layers, heads, n,
//                  tokens: [a label per position], predicted: [labels], text, predicted_text,
//                  first_scored, source: "held-out" | "yours"}. For a task, `predicted` is the model's top
//                  token at each answer position given the true ones before it; for the user's input the
//                  answer is the model's own (greedy decoding) and the maps are over it.
//   "by_position"  [answer tokens] (tasks): held-out accuracy at each answer position, at each evaluation
//   "qkv"          [layers, n, 3·dim]: each layer's Q, K and V over the same input (head h: columns
//                  h·d…(h+1)·d − 1 of each, d = dim / heads), with every "attention" frame: the view works
//                  out a query's q·k/√d, their softmax and the weighted sum of the values; meta {heads, dim}
//   "positions"    [T, dim]: the positional encoding (the sinusoidal table, or the learned one as it is)
// Live updates: {set: {lr}}; {input: [symbols] (a task's prompt: L symbols, addition 2·L digits) |
// "characters" (a text, at most seq_len + 1, each in the text's alphabet) | null (back to held-out)}.
// A non-finite loss ends the run as "diverged".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../runtime/session.hpp"
#include "../seq/attn_run.hpp"

namespace lab {

class AttnLab : public Lab {
 public:
  explicit AttnLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return run_->done(); }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;
  std::string weights_bytes() const override;

  // The "attention" frame of the shown input with the current weights.
  Frame attention_frame();

 private:
  void evaluate(Emitter& em);
  Frame positions_frame();
  // The "attention" frame and the "qkv" frame of the same look, and both emitted.
  std::pair<Frame, Frame> attention_frames();
  void emit_attention(Emitter& em);
  // The tokens of an input update (validated; throws INVALID_CONFIG naming `path`).
  std::vector<std::int32_t> input_tokens(const Value& input, const std::string& path) const;
  std::string label(std::int32_t token) const;

  std::unique_ptr<seq::AttnRun> run_;
  std::int64_t eval_every_ = 0;
  bool frames_on_ = true;
  double every_ms_ = 500;
  std::vector<std::int32_t> yours_;  // the user's input (a task's whole sequence, or characters); empty: held-out
  std::chrono::steady_clock::time_point last_frame_;
  std::string status_ = "running";
  seq::AttnRun::Score last_;
  int batch_stream_ = -1, eval_stream_ = -1;
  Emitter* em_ = nullptr;
};

}  // namespace lab
