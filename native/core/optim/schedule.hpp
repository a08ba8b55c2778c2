// lab::optim::Schedule — learning-rate schedules usable with any optimizer.
// The effective learning rate of update t (t = 1 for the first update) is  base_lr · factor(t):
//   warm-up:     for t ≤ warmup, factor = t / warmup (linear from base/warmup up to base);
//   afterwards, with s = t − warmup − 1 (0 for the first update after warm-up):
//   constant:    1
//   step:        gamma^floor(s / step_size)
//   exponential: gamma^s
//   cosine:      m + (1 − m)·(1 + cos(π·min(s, total)/total))/2   with m = min_factor
// These match PyTorch's StepLR / ExponentialLR / CosineAnnealingLR stepped once per update.
#pragma once

#include <cstdint>
#include <string>

#include "../config/value.hpp"

namespace lab::optim {

struct Schedule {
  enum class Kind { Constant, Step, Exponential, Cosine };
  Kind kind = Kind::Constant;
  double step_size = 100;   // step: updates between decays
  double gamma = 0.1;       // step / exponential: decay factor
  double total = 1000;      // cosine: updates from base to the minimum
  double min_factor = 0;    // cosine: final lr as a fraction of base
  double warmup = 0;        // linear warm-up length in updates (0 = none)

  double factor(std::int64_t t) const;
  const char* kind_name() const;
};

// Reads {"type": "constant"|"step"|"exponential"|"cosine", step_size, gamma, total, min_factor, warmup}.
// Absent value -> constant. Errors name `r.path()`.
Schedule read_schedule(const Value* v, const std::string& path);

}  // namespace lab::optim
