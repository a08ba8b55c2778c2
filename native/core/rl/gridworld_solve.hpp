// solve_gridworld(config): the grid world solved by dynamic programming, as the addon and the CLI
// (`gradlab rl gridworld`) see it (gridworld.hpp for the rules).
//
//   config  {grid: "text", algo: "value-iteration" | "policy-iteration" | "monte-carlo" | "q-learning" |
//            "sarsa" | "expected-sarsa" | "dyna-q", gamma (0.9, in [0, 1]), step_reward (0), slip (0, in
//            [0, 1]), tol (1e-12, > 0; dynamic programming), epsilon (0.1), alpha (0.1), episodes (500),
//            seed (1), planning (10, dyna-q), max_steps (0: 20 × the cells) (the learners)}
//   result  {algo, rows, cols, gamma, step_reward, slip, tol, iterations, evaluation_sweeps, converged,
//            values: one row per grid row (null for walls and cliffs, 0 for terminals),
//            policy: one row per grid row ("N" "E" "S" "W", null for walls, cliffs and terminals),
//            deltas: the largest change per sweep (value iteration) or per evaluation,
//            returns / lengths: the learners' discounted return and moves per episode}
// A learner's values are max_a Q(s, a) and its policy the greedy action (the first of equals).
#pragma once

#include <string>
#include <vector>

#include "../config/value.hpp"
#include "gridworld.hpp"
#include "gridworld_learn.hpp"

namespace lab::rl {

// A grid world problem as a config gives it (the CLI's and the RL lab's fields; errors name them).
struct GridworldSpec {
  Grid grid;
  std::string algo;
  bool dp = true;  // value or policy iteration (else a learner)
  Dynamics dynamics;
  double tol = 1e-12;
  int max_sweeps = 0;  // ~2·10⁹ cell backups in all
  LearnConfig learn;   // the learners' settings
};
// Reads grid, algo, gamma, step_reward, slip, tol and the learners' fields (the caller checks `only`).
GridworldSpec read_gridworld(const Reader& r);

// A learner's values max_a Q(s, a) and greedy policy (the first of equals; −1 for inactive cells).
struct GreedyOfQ {
  std::vector<double> values;
  std::vector<int> policy;
};
GreedyOfQ greedy_of_q(const Grid& g, const std::vector<double>& q);

// One row per grid row: values (null walls and cliffs, 0 terminals) and actions ("N"…, null).
Value value_rows(const Grid& g, const std::vector<double>& values);
Value policy_rows(const Grid& g, const std::vector<int>& policy);

// Throws INVALID_CONFIG naming the field (gridworld.* ) or the grid's line and column.
Value solve_gridworld(const Value& config);

// One cell's Bellman backup with its numbers, for the RL lab's click on a cell:
//   config  {grid, gamma, step_reward, slip, values: one per cell row by row (null read as 0), cell}
//   result  {cell, gamma, actions: [{action "N"…, q, outcomes: [{next (cell), p, reward, value V(next)}]}],
//            best (the greedy action, the first of equals), value (max_a q)}
Value gridworld_backup(const Value& config);

}  // namespace lab::rl
