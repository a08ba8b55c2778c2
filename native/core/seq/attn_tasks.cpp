// The attention lab's tasks (see attn_tasks.hpp).
#include "attn_tasks.hpp"

#include <algorithm>

#include "../error.hpp"

namespace lab::seq {

std::int64_t AttnTaskSpec::tokens() const {
  switch (task) {
    case AttnTask::addition: return 2 * length + 2 + length + 1;
    case AttnTask::repeat: return 2 * length;
    default: return 2 * length + 1;
  }
}
std::int64_t AttnTaskSpec::vocab_size() const { return task == AttnTask::addition ? 12 : task == AttnTask::repeat ? vocab : vocab + 1; }
std::int64_t AttnTaskSpec::answer() const {
  switch (task) {
    case AttnTask::addition: return length + 1;
    case AttnTask::repeat: return length - 1;
    default: return length;
  }
}
std::int64_t AttnTaskSpec::first_scored() const { return inputs() - answer(); }

AttnTask attn_task_named(const std::string& name, const std::string& path) {
  if (name == "copy") return AttnTask::copy;
  if (name == "reverse") return AttnTask::reverse;
  if (name == "sort") return AttnTask::sort;
  if (name == "addition") return AttnTask::addition;
  if (name == "repeat") return AttnTask::repeat;
  throw Error(code::invalid_config, path + ": unknown task \"" + name + "\"; expected one of copy, reverse, sort, addition, repeat");
}

const char* attn_task_name(AttnTask t) {
  static const char* const names[] = {"copy", "reverse", "sort", "addition", "repeat"};
  return names[static_cast<int>(t)];
}

void make_attn_batch(const AttnTaskSpec& spec, std::int64_t B, Rng& rng, AttnBatch& out) {
  const std::int64_t n = spec.tokens(), L = spec.length, T = n - 1;
  out.tokens.resize(static_cast<std::size_t>(B * n));
  out.inputs.resize(static_cast<std::size_t>(B * T));
  out.targets.resize(static_cast<std::size_t>(B * T));
  out.scored.assign(static_cast<std::size_t>(B * T), 0);
  auto sym = [&](std::int64_t v) { return static_cast<std::int32_t>(rng.next_u64() % static_cast<std::uint64_t>(v)); };
  for (std::int64_t b = 0; b < B; ++b) {
    std::int32_t* s = out.tokens.data() + b * n;
    switch (spec.task) {
      case AttnTask::copy:
      case AttnTask::reverse:
      case AttnTask::sort: {
        for (std::int64_t i = 0; i < L; ++i) s[i] = sym(spec.vocab);
        s[L] = static_cast<std::int32_t>(spec.vocab);
        std::copy_n(s, L, s + L + 1);
        if (spec.task == AttnTask::reverse) std::reverse(s + L + 1, s + 2 * L + 1);
        if (spec.task == AttnTask::sort) std::sort(s + L + 1, s + 2 * L + 1);
        break;
      }
      case AttnTask::addition: {
        std::vector<std::int32_t> a(static_cast<std::size_t>(L)), c(static_cast<std::size_t>(L));
        for (auto& d : a) d = sym(10);
        for (auto& d : c) d = sym(10);
        std::copy(a.begin(), a.end(), s);
        s[L] = 10;
        std::copy(c.begin(), c.end(), s + L + 1);
        s[2 * L + 1] = 11;
        std::int32_t carry = 0;
        for (std::int64_t k = 0; k < L; ++k) {  // least-significant digit first
          const std::int32_t sum = a[static_cast<std::size_t>(L - 1 - k)] + c[static_cast<std::size_t>(L - 1 - k)] + carry;
          s[2 * L + 2 + k] = sum % 10;
          carry = sum / 10;
        }
        s[3 * L + 2] = carry;
        break;
      }
      case AttnTask::repeat: {
        for (std::int64_t i = 0; i < L; ++i) s[i] = sym(spec.vocab);
        std::copy_n(s, L, s + L);
        break;
      }
    }
    std::copy_n(s, T, out.inputs.data() + b * T);
    std::copy_n(s + 1, T, out.targets.data() + b * T);
    for (std::int64_t t = spec.first_scored(); t < T; ++t) out.scored[static_cast<std::size_t>(b * T + t)] = 1;
  }
}

std::string attn_tokens_text(const AttnTaskSpec& spec, const std::int32_t* tokens, std::int64_t n) {
  std::string s;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int32_t t = tokens[i];
    if (spec.task == AttnTask::addition) {
      s += t == 10 ? "+" : t == 11 ? "=" : std::to_string(t);
    } else {
      if (i > 0) s += ' ';
      s += t == static_cast<std::int32_t>(spec.vocab) && spec.task != AttnTask::repeat ? "|" : std::to_string(t);
    }
  }
  return s;
}

}  // namespace lab::seq
