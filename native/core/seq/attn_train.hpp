// lab::seq::train_attention — the attention lab's training run (issue #12): a decoder-only transformer
// (transformer.hpp) on a task (attn_tasks.hpp), a fresh batch each step, scored on 1 000 held-out
// sequences drawn from their own seed. seq_acc is the share of held-out sequences whose every answer
// token is the model's top choice given the true tokens before it (which is exactly when greedy
// decoding reproduces the whole answer); token_acc the share of answer tokens; acc_by_position per
// answer position. The gradients are clipped to a global norm of `clip`; the optimizer (unless told)
// is Adam at 0.001 after a linear warm-up over the first 5 % of the steps, decayed along a cosine to a
// tenth at the last step.
// With a text instead of a task it is a character model like the RNN lab's (the same corpus rules,
// text.hpp): B random windows of seq_len + 1 characters per step, and val_bpc, the mean cross-entropy in
// bits over the validation part read in consecutive windows of seq_len (no state crosses a window).
#pragma once

#include "../config/value.hpp"

namespace lab::seq {

// {task: "copy" | "reverse" | "sort" | "addition" | "repeat", length?: 8, vocab?: 8 | text, seq_len?: 64; layers?: 2,
//  heads?: 4, dim?: 64, positions?: "sinusoidal" | "learned", dropout?: 0, batch_size?: 64, steps?: 4000,
//  optimizer?, clip?: 1, seed?: 1, eval_every?: steps/10}
// → {summary: {status, steps, parameters, ms_per_step, final: {train_loss, val_loss, seq_acc, token_acc}},
//    curves: {step, train_loss}, evals: {step, val_loss, seq_acc, token_acc}, acc_by_position,
//    attention: layer → head → rows (one held-out example; each row sums to 1), example: {tokens,
//    text, predicted}, positional: the sinusoidal table's rows (one per input position)}
// INVALID_CONFIG naming the field (attention.*).
Value train_attention(const Value& config);

}  // namespace lab::seq
