// solve_gridworld(config): the grid world solved by dynamic programming, as the addon and the CLI
// (`gradlab rl gridworld`) see it (gridworld.hpp for the rules).
//
//   config  {grid: "text", algo: "value-iteration" | "policy-iteration", gamma (0.9, in [0, 1]),
//            step_reward (0), slip (0, in [0, 1]), tol (1e-10, > 0)}
//   result  {algo, rows, cols, gamma, step_reward, slip, tol, iterations, evaluation_sweeps, converged,
//            values: one row per grid row (null for walls and cliffs, 0 for terminals),
//            policy: one row per grid row ("N" "E" "S" "W", null for walls, cliffs and terminals),
//            deltas: the largest change per sweep (value iteration) or per evaluation}
#pragma once

#include "../config/value.hpp"

namespace lab::rl {

// Throws INVALID_CONFIG naming the field (gridworld.* ) or the grid's line and column.
Value solve_gridworld(const Value& config);

}  // namespace lab::rl
