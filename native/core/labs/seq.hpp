// lab::SeqLab — the RNN lab's live session (issue #12): seq/seq_run.hpp trained a step at a time on a
// text or a task, with text sampled as it learns, the hidden state over a passage and the gradient's
// norm through time.
//
// Config: what `gradlab seq` takes (seq/seq_train.hpp: text | task, cell, embed, hidden, seq_len, vocab,
// batch_size, steps, optimizer, clip, seed; errors name seq.<field>), and
//   eval_every?: steps / 20, sample?: 300 (characters per sample), temperature?: 1, top_k?: 0 (all),
//   frames?: false | {every_ms: 500, passage: 60, units: 32}
// Streams:
//   "batch"  every step: step, loss (nats per output), and for a text bpc (loss / ln 2)
//   "eval"   step 0, every eval_every steps and the end: step, val_loss, then val_bpc (text), acc
//            (copy, reverse, adding, parity) or val_mse (sine) — seq_run.hpp's held-out scores
// Frames (at step 0, then at most every every_ms, and at the end):
//   "gradients"  [T]: ‖dL/dh_t‖ for t = 1…T of the step just taken (vanishing or exploding through time)
//   text:  "sample"  meta {text, temperature, top_k}: `sample` characters drawn from the model
//          "hidden"  [passage, units]: the first `units` hidden units after each of the validation
//                    part's first `passage` characters (from a zero state); meta {chars: [...], hidden}
//   tasks: "example" meta {task, inputs, targets, outputs}: one held-out sequence and the net's outputs
// Live updates: {set: {lr}}; {sampling: {temperature?, top_k?}} (a new "sample" at once).
// A non-finite loss ends the run as "diverged".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "../runtime/rng.hpp"
#include "../runtime/session.hpp"
#include "../seq/seq_run.hpp"

namespace lab {

class SeqLab : public Lab {
 public:
  explicit SeqLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return run_->done(); }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;
  std::string weights_bytes() const override;

 private:
  void evaluate(Emitter& em);
  void emit_frames(Emitter& em, const std::vector<float>& norms);
  Frame sample_frame();

  std::unique_ptr<seq::SeqRun> run_;
  std::int64_t eval_every_ = 0, sample_ = 300;
  double temperature_ = 1;
  std::int64_t top_k_ = 0;
  bool frames_on_ = true;
  double every_ms_ = 500;
  std::int64_t passage_ = 60, units_ = 32;
  Rng sample_rng_;
  std::chrono::steady_clock::time_point last_frame_;
  std::string status_ = "running";
  double last_val_loss_ = NAN, last_metric_ = NAN;
  int batch_stream_ = -1, eval_stream_ = -1;
  Emitter* em_ = nullptr;
};

}  // namespace lab
