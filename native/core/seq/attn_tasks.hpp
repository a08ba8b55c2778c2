// The attention lab's tasks (issue #12) in decoder-only form: a sequence is a prompt, a separator and an
// answer; the model reads every token but the last and is scored on the answer's tokens only.
//   copy     L symbols of V, SEP, the same L symbols
//   reverse  L symbols, SEP, them reversed
//   sort     L symbols, SEP, them in ascending order
//   addition two N-digit numbers in base 10 (N = L), written most-significant digit first with
//            leading zeros: a₁…a_N + b₁…b_N =, then the sum's N + 1 digits least-significant first
//   repeat   L random symbols, then the same L again (no separator): from the second copy's second
//            token on, each is predictable from where the current token last appeared — the pattern
//            induction heads learn (Olsson et al. 2022); scored on those L − 1 tokens
// Token ids: the V content symbols are 0…V−1 (digits 0…9 for addition), SEP is V (addition: '+' is 10,
// '=' is 11). V counts content symbols only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/rng.hpp"

namespace lab::seq {

enum class AttnTask { copy, reverse, sort, addition, repeat };

struct AttnTaskSpec {
  AttnTask task = AttnTask::copy;
  std::int64_t length = 8;  // L symbols, or N digits
  std::int64_t vocab = 8;   // V content symbols (addition: 10, fixed)

  std::int64_t tokens() const;      // one whole sequence
  std::int64_t inputs() const { return tokens() - 1; }
  std::int64_t vocab_size() const;  // ids in and out
  std::int64_t answer() const;      // scored tokens per sequence
  std::int64_t first_scored() const;  // input position predicting the first scored token
};

struct AttnBatch {
  std::vector<std::int32_t> tokens;   // [B, tokens()]
  std::vector<std::int32_t> inputs;   // [B, T] with T = tokens() − 1
  std::vector<std::int32_t> targets;  // [B, T] the next token
  std::vector<std::uint8_t> scored;   // [B, T]
};

AttnTask attn_task_named(const std::string& name, const std::string& path);
const char* attn_task_name(AttnTask t);

void make_attn_batch(const AttnTaskSpec& spec, std::int64_t B, Rng& rng, AttnBatch& out);

// The text a person reads for a sequence of token ids ("3 1 2 | 1 2 3", "07+15=22 0").
std::string attn_tokens_text(const AttnTaskSpec& spec, const std::int32_t* tokens, std::int64_t n);

}  // namespace lab::seq
