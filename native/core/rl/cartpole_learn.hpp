// Learning to balance the cart-pole (issue #14) with the engine's autograd:
//   reinforce  REINFORCE with a learned baseline: after each episode, the policy's loss is
//              −(1/T)·Σ_t A_t·log π(a_t|s_t) with A_t = G_t − V(s_t) normalised over the episode, the
//              value net's is the mean squared error to G_t; one Adam step each.
//   dqn        Q-learning with a replay buffer and a target net (see train_dqn in the .cpp)
//   a2c        advantage actor-critic: every 32 steps (or at the episode's end) one update of both nets
//              on that segment, with n-step returns bootstrapped from V after it and A = R − V(s).
// G_t is the discounted return; an episode cut at 500 steps is a truncation, not a failure, so its
// return bootstraps from V of the last state. Each episode starts as CartPole-v1 resets: every state
// variable uniform in [−0.05, 0.05]. Training stops early once the mean of the last 100 returns reaches
// the target. Nets: 4 → hidden (tanh) → 2 logits, and 4 → hidden (tanh) → 1.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../config/value.hpp"
#include "cartpole.hpp"

namespace lab::rl {

struct PgConfig {
  std::string algo = "reinforce";
  int episodes = 1000;
  double target = 475;
  std::uint64_t seed = 1;
  double gamma = 0.99;
  double lr = 0.01;
  double value_lr = 0.01;
  double dqn_lr = 5e-4;  // DQN's Adam step (the policy-gradient learners use lr)
  int hidden = 64;
};

struct PgResult {
  std::vector<double> returns;  // per episode (undiscounted: the steps it lasted)
  double mean_return_100 = 0;   // of the last 100 episodes (or all, when fewer)
  bool solved = false;
};

// Records an episode's return in `r` (its trailing mean of 100 too); true once that mean reaches the
// target over at least 100 episodes (then r.solved).
bool episode_done(PgResult& r, int steps, double target);

// One learner, an episode at a time (the RL lab's cart-pole session steps it).
class CartpoleLearner {
 public:
  explicit CartpoleLearner(const PgConfig& c) : c_(c) {}
  virtual ~CartpoleLearner() = default;
  // One training episode from a CartPole-v1 reset; its steps (the return). `path` (when given) receives
  // the start state and the state after each move.
  virtual int episode(std::vector<CartPoleState>* path) = 0;
  // The net at a state: π(left), π(right) for the policy-gradient learners, Q(s, left), Q(s, right) for DQN.
  virtual std::array<double, 2> outputs(const CartPoleState& s) = 0;
  virtual bool q_values() const = 0;
  // The nets as a weights file (policy.layers.* and value.layers.*, or q.layers.*; DQN's target net starts as a copy of q).
  virtual std::string weights_bytes() const = 0;
  int greedy(const CartPoleState& s);  // the action the net prefers
  PgConfig& settings() { return c_; }

 protected:
  PgConfig c_;
};

// Throws INVALID_CONFIG for an unknown algorithm.
std::unique_ptr<CartpoleLearner> make_cartpole_learner(const PgConfig& c);

PgResult train_cartpole(const PgConfig& c);

// Reads algo, episodes, target, seed, gamma, lr (its default by algorithm) and hidden (the caller checks `only`).
PgConfig read_pg_config(const Reader& r);

// {algo, episodes, target, seed, gamma, lr, hidden} → {algo, episodes, solved, returns, summary: {final:
// {mean_return_100}}}; INVALID_CONFIG naming the field (rltrain.*).
Value train_cartpole(const Value& config);

}  // namespace lab::rl
