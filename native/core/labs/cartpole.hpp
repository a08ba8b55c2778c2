// lab::CartpoleLab — learning the cart-pole as a live session (issue #14): one training episode per
// step of REINFORCE, A2C or DQN (rl/cartpole_learn.hpp), with the episodes drawn and the trained
// policy watched.
//
// Config: algo ("reinforce" | "a2c" | "dqn"), episodes (1000), target (475), seed (1), gamma (0.99),
//   lr (0.01; DQN 5e-4), hidden (64), frames?: false | {every_ms: 250}
// It ends when the mean return of the last 100 episodes reaches the target (status word "solved") or
// the episodes run out.
// Stream "episode", every episode: step, return (its steps), mean_return (of the last 100, fewer at
//   first).
// Frames, [T + 1, 6] float32 — per state x, ẋ, θ, θ̇ and the net's two outputs there (π(left),
//   π(right), or Q(s, left), Q(s, right) for DQN); meta {outputs: "probabilities" | "q", episode, return}:
//   "episode"  the last training episode (after the first, then at most every every_ms, and the last)
//   "watch"    an episode of the greedy policy from a reset of its own (at the end, and on {watch: true})
// Live updates: {set: {lr}}, {watch: true}.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../rl/cartpole_learn.hpp"
#include "../runtime/rng.hpp"
#include "../runtime/session.hpp"

namespace lab {

class CartpoleLab : public Lab {
 public:
  explicit CartpoleLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return static_cast<std::int64_t>(record_.returns.size()); }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;
  std::string weights_bytes() const override;

 private:
  Frame picture(const std::string& name, const std::vector<rl::CartPoleState>& path);
  Frame watch();

  rl::PgConfig c_;
  std::unique_ptr<rl::CartpoleLearner> learner_;
  rl::PgResult record_;  // every return, the trailing mean of 100, solved
  bool frames_on_ = true, watch_asked_ = false;
  double every_ms_ = 250;
  std::chrono::steady_clock::time_point last_frame_;
  Rng watch_rng_;
  int watches_ = 0;
  int stream_ = -1;
};

}  // namespace lab
