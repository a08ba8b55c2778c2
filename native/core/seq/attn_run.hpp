// lab::seq::AttnRun — one attention-lab training run (issue #12), a step at a time: the config read
// (errors attention.*), the transformer, its optimizer and warm-up-then-cosine schedule, the task's
// batches or the text's windows, the held-out scores, and what the live lab shows (the attention maps
// and the model's answer for a sequence). `gradlab attention` (train_attention, attn_train.hpp) and the
// live attention lab (labs/attention.hpp) both drive it, so they train alike.
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
#include "attn_tasks.hpp"
#include "text.hpp"
#include "transformer.hpp"

namespace lab::seq {

class AttnRun {
 public:
  // What the config says, read before anything is built.
  struct Plan {
    bool text = false;
    AttnTaskSpec spec;
    Corpus corpus;
    TransformerShape shape;
    std::int64_t T = 0, B = 64, steps = 4000;
    double clip = 1;
    std::uint64_t seed = 1;
  };
  // Reads task | text, seq_len, length, vocab, layers, heads, dim, positions, dropout, batch_size, steps,
  // optimizer, clip, seed from `r` (read with path "attention"; other keys are the caller's).
  explicit AttnRun(const Reader& r);

  // One update on a fresh batch (or B random windows), gradients clipped. False, nothing updated, when
  // the loss is not finite.
  bool step();

  struct Score {
    double loss = 0, seq_acc = 0, token_acc = 0;  // a text: loss only (nats per character)
    std::vector<double> by_position;              // tasks: accuracy at each answer position
  };
  Score evaluate();

  // A sequence read by the model: every layer's and head's attention [layers, heads, n, n] over its
  // first n = tokens − 1 inputs, and at each position from the first scored one on, the model's top
  // next token given the true ones before it (`predicted`, the same length as `tokens`).
  struct Look {
    std::vector<std::int32_t> tokens, predicted;
    std::vector<float> maps;
    std::vector<float> qkv;  // every layer's Q, K, V [layers, n, 3·dim]
    std::int64_t n = 0;
  };
  Look look(const std::vector<std::int32_t>& tokens);
  // The example a run shows: the first held-out sequence, or the validation part's first T + 1 characters.
  std::vector<std::int32_t> example() const;
  // A task's sequence for a prompt of content symbols (length L; addition: 2·L digits, a then b), its
  // answer computed as the task defines it; INVALID_CONFIG naming `path` for a prompt that does not fit.
  std::vector<std::int32_t> sequence_for(const std::vector<std::int32_t>& prompt, const std::string& path) const;
  // The model's own answer to a task's prompt: greedy decoding, one token at a time.
  std::vector<std::int32_t> decode(const std::vector<std::int32_t>& prompt_sequence);
  std::string text_of(const std::vector<std::int32_t>& tokens) const;

  bool text() const { return text_; }
  const AttnTaskSpec& spec() const { return spec_; }
  const Corpus& corpus() const { return corpus_; }
  const TransformerShape& shape() const { return net_.shape(); }
  Transformer& net() { return net_; }
  const Transformer& net() const { return net_; }
  std::int64_t seq_len() const { return T_; }
  std::int64_t steps() const { return steps_; }
  std::int64_t done() const { return done_; }
  double last_loss() const { return last_loss_; }
  double step_ms() const { return step_ms_; }
  optim::Optimizer<float>& optimizer() { return *opt_; }

 private:
  AttnRun(const Reader& r, Plan plan);

  bool text_;
  AttnTaskSpec spec_;
  Corpus corpus_;
  std::int64_t T_, B_, steps_;
  double clip_;
  std::uint64_t seed_;
  Rng rng_;
  Transformer net_;
  std::unique_ptr<optim::Optimizer<float>> opt_;
  optim::Schedule schedule_;
  ag::Tape<float> tape_;
  AttnBatch batch_, held_;
  std::vector<float> w_;
  std::int64_t done_ = 0;
  double last_loss_ = NAN, step_ms_ = 0;
};

}  // namespace lab::seq
