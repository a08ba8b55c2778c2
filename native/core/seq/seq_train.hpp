// lab::seq::train_seq — the RNN lab's training run (issue #12), on a text or on a task, in one call.
//
// Text: a character model, embedding → cell → linear to the vocabulary (seq_net.hpp) on a corpus
// (text.hpp). Each step takes B random windows of T + 1 characters from the training part, the state
// zeroed for each window, and minimises the mean cross-entropy of the T next characters. The
// validation bpc is the mean cross-entropy in bits over the whole validation part, read in consecutive
// windows of T with the state carried across windows (every character after the first is predicted).
// Tasks (tasks.hpp): a fresh batch per step; the scores come from 1 000 held-out sequences drawn from
// their own seed: acc (the share of scored outputs right) or, for the sine, val_mse.
// Every step: the gradients clipped to a global norm of `clip` (0: not clipped), then the optimizer
// (unless told: text, Adam at 0.002; tasks, Adam at 0.005, for copy and reverse decayed along a cosine
// to a tenth at the last step). A non-finite loss ends the run as "diverged".
#pragma once

#include "../config/value.hpp"

namespace lab::seq {

// {text?: the UTF-8 text | task?: "copy" | "reverse" | "adding" | "parity" | "sine", cell?: "lstm",
//  embed?: 32, hidden?: (text 128, tasks 64), seq_len?: (text 64; tasks 8, adding 50, sine 32), vocab?: 8
//  (copy, reverse), batch_size?: 32, steps?: (text 2000, tasks 3000), optimizer?: {type, lr, …}, clip?: 5, seed?: 1,
//  eval_every?: steps/10, sample?: 0, temperature?: 1, top_k?: 0}
// → {summary: {status, steps, parameters, final: {train_loss, val_loss, val_bpc | acc | val_mse}},
//    curves: {step, train_loss}, evals: {step, val_loss, (val_bpc | acc | val_mse)}, grad_norm_through_time:
//    [T] (the last step's ‖dL/dh_t‖), sample?: text, vocab_size, unigram_bpc (text), …}
// INVALID_CONFIG naming the field (seq.*).
Value train_seq(const Value& config);

}  // namespace lab::seq
