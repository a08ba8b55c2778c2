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

#include "../config/value.hpp"

namespace lab::rl {

// Throws INVALID_CONFIG naming the field (gridworld.* ) or the grid's line and column.
Value solve_gridworld(const Value& config);

}  // namespace lab::rl
