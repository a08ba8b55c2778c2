// lab::seq::SeqRun — one RNN-lab training run (issue #12), a step at a time: the config read (errors
// seq.*), the net, the optimizer and schedule, the text's windows or the task's batches, the held-out
// scores, text sampled from the model, and what the live lab shows (hidden states over a passage, a
// task example). `gradlab seq` (train_seq, seq_train.hpp) and the live RNN lab (labs/seq.hpp) both
// drive it, so they train alike (seq_train.hpp has the rules).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "../runtime/rng.hpp"
#include "seq_net.hpp"
#include "tasks.hpp"
#include "text.hpp"

namespace lab::seq {

class SeqRun {
 public:
  // Reads text | task, cell, embed, hidden, seq_len, vocab, batch_size, steps, optimizer, clip, seed
  // from `r` (an object read with path "seq"; other keys are the caller's to read).
  explicit SeqRun(const Reader& r);
  // What the config says, read before anything is built (the net's shape decides its parameters).
  struct Plan {
    bool text = false;
    Corpus corpus;
    TaskSpec spec;
    SeqNetShape shape;
    std::int64_t T = 0, B = 32, steps = 0;
    double clip = 5;
    std::uint64_t seed = 1;
  };

  // One update: B windows or a fresh task batch, gradients clipped, the optimizer's step. `norms`, when
  // given, receives ‖dL/dh_t‖ for each of the T time steps. False, nothing updated, when the loss is
  // not finite.
  bool step(float* norms = nullptr);

  struct Score {
    double loss;    // text: validation nats per character; tasks: the held-out loss
    double metric;  // text: bits per character; tasks: accuracy, or the sine's mean squared error
  };
  Score evaluate();
  // `n` characters drawn from the model from a zero state, after a newline (or the text's first
  // character when it has none); text runs only.
  std::string sample(std::int64_t n, double temperature, std::int64_t top_k, Rng& rng);
  // The hidden state h_t [n, hidden] after each of the first n characters of the validation part, read
  // from a zero state; text runs only.
  std::vector<float> hidden_over(std::int64_t n);

  // One held-out sequence of a task (drawn once from its own seed) with the net's current outputs.
  struct Example {
    std::vector<double> inputs;   // symbols, or the first input value per step
    std::vector<double> targets;  // classes or values (NaN where not scored)
    std::vector<double> outputs;  // the net's class (argmax) or value at each step
  };
  Example example();

  bool text() const { return text_; }
  const Corpus& corpus() const { return corpus_; }
  const TaskSpec& spec() const { return spec_; }
  const char* metric() const;  // "val_bpc", "acc" or "val_mse"
  std::int64_t steps() const { return steps_; }  // the budget
  std::int64_t done() const { return done_; }
  std::int64_t seq_len() const { return T_; }
  double last_loss() const { return last_loss_; }
  double step_ms() const { return step_ms_; }
  const SeqNetShape& shape() const { return net_.shape(); }
  std::int64_t parameters() { return static_cast<std::int64_t>(net_.store().size()); }
  std::uint64_t seed() const { return seed_; }
  optim::Optimizer<float>& optimizer() { return *opt_; }
  const ag::ParamStore<float>& store() const { return net_.store(); }

 private:
  SeqRun(const Reader& r, Plan plan);
  ag::Tensor<float> task_loss(TaskBatch& b, std::int64_t B, const ag::RecurrentState<float>& st, ag::Tensor<float>* outputs = nullptr);

  bool text_ = false;
  Corpus corpus_;
  TaskSpec spec_;
  std::int64_t T_ = 0, B_ = 32, steps_ = 0, done_ = 0;
  double clip_ = 5, last_loss_ = NAN, step_ms_ = 0;
  std::uint64_t seed_ = 1;
  Rng rng_;
  SeqNet net_;
  std::unique_ptr<optim::Optimizer<float>> opt_;
  optim::Schedule schedule_;
  ag::Tape<float> tape_;
  TaskBatch batch_, held_, example_;
  std::vector<std::int32_t> ids_, targets_;
  std::vector<float> weights_, tvals_;
};

}  // namespace lab::seq
