// lab::GridworldLab — the RL lab's grid world as a live session (issue #14): dynamic programming one
// sweep at a time, or a model-free learner one episode at a time, with V, Q and the policy drawn as it
// goes (rl/gridworld.hpp for the grid's rules, rl/gridworld_solve.hpp for the config).
//
// Config: what `gradlab rl gridworld` takes (grid, algo, gamma, step_reward, slip, tol; the learners'
// epsilon, alpha, episodes, seed, planning, max_steps, lambda), and
//   frames?: false | {every_ms: 30}  (0: a frame after every step)
// A step:
//   value-iteration   one synchronous Bellman-optimality sweep; ends when the largest change < tol
//   policy-iteration  one sweep of policy evaluation; when the change < tol (or the sweeps for one
//                     policy run out), the greedy improvement in the same step; ends when it changes
//                     no action
//   a learner         one episode from S, ε-greedy (ends after `episodes`)
// Streams:
//   "sweep"    DP, step 0 and every sweep: step, delta (largest change; NaN at step 0), changed (cells
//              whose action changed: the greedy policy's for value iteration, the improvement's for
//              policy iteration, NaN for a sweep without one), v_start (V at S, NaN without S)
//   "episode"  learners, every episode: step, return (discounted, from S), length (moves), v_start
//              (max_a Q(S, a)), mean_return (of the last 100 episodes, fewer at first)
// Frame "values" (after step 0, after every step that comes 30 ms or more after the one before — a
//   Step, a slow pace —, otherwise at most every every_ms, and at the end): [cells, 5] float32 — per
//   cell V(s) then Q(s, a) for N, E, S, W (DP: Σ p (r + γ V(s′)) under the current V; learners: Q);
//   NaN for walls and cliffs. meta {rows, cols, grid: the rows as text, algo, policy: per cell 0–3 or
//   −1, path: the last episode's cells from S (learners), phase: "evaluate" | "improve" (policy
//   iteration), gamma, epsilon, alpha}
// Live updates: {set: {gamma?, epsilon?, alpha?}} (ε and α: learners only).
// A non-finite value ends the run as "diverged".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../rl/gridworld_solve.hpp"
#include "../runtime/session.hpp"

namespace lab {

class GridworldLab : public Lab {
 public:
  explicit GridworldLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return steps_; }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;

 private:
  bool dp_step(Emitter& em);
  bool learner_step(Emitter& em);
  std::vector<double> current_values() const;
  double trailing_mean() const;  // the mean return of the last 100 episodes (fewer at first)
  std::vector<int> current_policy() const;
  Frame frame();

  rl::GridworldSpec spec_;
  std::string text_;
  std::unique_ptr<rl::Learner> learner_;
  std::vector<double> v_, scratch_;  // DP: the values
  std::vector<int> policy_;          // DP: the current policy (policy iteration) or the last greedy one
  int sweeps_ = 0, improvements_ = 0, sweeps_this_policy_ = 0;
  bool converged_ = false;
  std::vector<int> path_;
  double last_delta_ = NAN, last_return_ = NAN;
  std::vector<double> returns_;  // learners: every episode's return (for the trailing mean)
  std::int64_t steps_ = 0;
  std::string status_ = "running";
  bool frames_on_ = true;
  double every_ms_ = 30;
  static constexpr double kSlowStepMs = 30;
  std::chrono::steady_clock::time_point last_step_{};  // the epoch: the first step is always slow
  std::chrono::steady_clock::time_point last_frame_;
  int stream_ = -1;
};

}  // namespace lab
