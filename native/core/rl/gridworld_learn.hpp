// Model-free learning on the grid world (issue #14): the agent knows nothing of the rules and learns
// Q(s, a) from episodes that start on S, acting ε-greedily (ties broken at random by the run's Rng).
//   q-learning      Q ← Q + α (r + γ max_a′ Q(s′, a′) − Q)
//   sarsa           Q ← Q + α (r + γ Q(s′, a′) − Q), a′ the action it takes next
//   expected-sarsa  Q ← Q + α (r + γ Σ_a′ π(a′|s′) Q(s′, a′) − Q), π ε-greedy
//   monte-carlo     every-visit Monte Carlo control: after each episode, Q ← Q + α (G − Q) for each
//                   (s, a) visited, G the discounted return from that visit
//   dyna-q          q-learning plus `planning` replayed steps per real step from a model of the
//                   transitions seen (the last outcome of each (s, a))
//   sarsa-lambda    SARSA(λ) with accumulating eligibility traces: δ = r + γ Q(s′, a′) − Q(s, a),
//                   e(s, a) += 1, then for every pair Q += α δ e and e ← γλ e; traces cleared at each
//                   episode's start (Sutton & Barto, 2nd ed., §12.7). λ = 0 is one-step SARSA.
// An entered terminal ends the episode (its value is 0); an episode is cut after max_steps moves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/rng.hpp"
#include "gridworld.hpp"

namespace lab::rl {

struct LearnConfig {
  std::string algo = "q-learning";
  double epsilon = 0.1;
  double alpha = 0.1;
  int episodes = 500;
  int max_steps = 0;  // 0: 20 × the grid's cells
  int planning = 10;  // dyna-q
  double lambda = 0.9;  // sarsa-lambda
  std::uint64_t seed = 1;
};

struct LearnResult {
  std::vector<double> q;        // cell × 4 actions (0 for walls, cliffs and terminals)
  std::vector<double> returns;  // per episode: the discounted return from the start
  std::vector<int> lengths;     // per episode: moves made
};

struct Episode {
  double ret = 0;         // the discounted return from the start
  int length = 0;         // moves made
  std::vector<int> path;  // the cells visited, the start first
};

// One learner, an episode at a time (the RL lab steps it; its ε, α and γ may change between episodes).
// Throws INVALID_CONFIG when the grid has no start S or the algorithm is unknown.
class Learner {
 public:
  Learner(const Grid& g, const Dynamics& d, const LearnConfig& c);
  Episode episode();
  const std::vector<double>& q() const { return q_; }  // cell × 4 actions
  int episodes() const { return episodes_; }
  Dynamics& dynamics() { return d_; }
  LearnConfig& settings() { return c_; }

 private:
  void plan(int s, int a, double rew, int s2);

  const Grid& g_;
  Dynamics d_;
  LearnConfig c_;
  Rng rng_;
  std::vector<double> q_, e_, model_r_;
  std::vector<int> model_next_, seen_;
  int episodes_ = 0;
};

// `c.episodes` episodes of one learner. Throws as Learner does.
LearnResult learn(const Grid& g, const Dynamics& d, const LearnConfig& c);

}  // namespace lab::rl
