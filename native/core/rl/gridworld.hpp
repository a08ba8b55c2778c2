// A grid world (the RL lab's first environment, issue #14) and its dynamic programming: the grid from
// text, its transition model, value iteration and policy iteration.
//
// Text, one line per row: '.' empty, '#' wall, 'S' start (empty), 'G' terminal +1, 'X' terminal −1,
// 'C' cliff. Moves N, E, S, W: with probability 1 − slip as intended, with slip/2 each to one of the two
// perpendicular sides; a move into a wall or off the grid stays put. Every move earns the step reward,
// plus the terminal's reward when it enters one; a move into a cliff earns −100 in all (as in Sutton &
// Barto's cliff walk: it replaces the step reward) and lands on the start. Terminals have value 0 and
// no moves.
//
//   Grid g = parse_grid("...G\n.#.X\nS...", "grid");
//   DpResult r = value_iteration(g, {gamma, step_reward, slip}, tol);   // V, greedy policy, sweeps
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lab::rl {

enum class Cell : char { empty = '.', wall = '#', goal = 'G', pit = 'X', cliff = 'C' };

struct Grid {
  int rows = 0, cols = 0;
  std::vector<Cell> cells;  // row-major, row 0 = the text's first line
  int start = -1;           // the 'S' cell, or −1
  Cell at(int i) const { return cells[static_cast<std::size_t>(i)]; }
  bool terminal(int i) const { return at(i) == Cell::goal || at(i) == Cell::pit; }
  int size() const { return rows * cols; }
};

// Throws INVALID_CONFIG naming `path`, the line and the column: an unknown character, rows of unequal
// length, no open cell, more than one start, a cliff without a start.
Grid parse_grid(const std::string& text, const std::string& path);

struct Dynamics {
  double gamma = 0.9;
  double step_reward = 0.0;
  double slip = 0.0;
};

// Actions in this order: N, E, S, W.
constexpr std::array<const char*, 4> kActionNames{"N", "E", "S", "W"};

struct Outcome {
  int next;
  double p;
  double reward;
};

// The possible outcomes of action a in cell s (not a wall, not terminal): up to three, probabilities
// summing to 1 (outcomes landing on the same cell are kept apart; their sum is what counts).
std::vector<Outcome> outcomes(const Grid& g, int s, int a, const Dynamics& d);

struct DpResult {
  std::vector<double> values;  // per cell; 0 for walls and terminals
  std::vector<int> policy;     // per cell: 0–3, or −1 for walls and terminals
  int iterations = 0;          // value-iteration sweeps, or policy-iteration improvements
  int evaluation_sweeps = 0;   // policy iteration: sweeps of policy evaluation in all
  bool converged = false;
  std::vector<double> deltas;  // the largest change of each value-iteration sweep (or each evaluation)
};

// Whether cell s has moves (not a wall, a cliff or a terminal).
bool active(const Grid& g, int s);

// Σ p (r + γ V(s')) over the outcomes of action a in cell s: the action's backed-up value.
double q_value(const Grid& g, const std::vector<double>& v, int s, int a, const Dynamics& d);

// max_a Σ p (r + γ V(s')) for one cell, and the action that reaches it (the first of equal ones, within
// 1e-12 of the largest magnitude involved).
double backup(const Grid& g, const std::vector<double>& v, int s, const Dynamics& d, int* best_action);

// The pieces of the two algorithms, one sweep at a time (the RL lab steps through them):
// one synchronous Bellman-optimality sweep of V (every active cell from the previous values; `scratch`
// is reused memory), returning the largest change;
double optimality_sweep(const Grid& g, const Dynamics& d, std::vector<double>& v, std::vector<double>& scratch);
// one synchronous sweep of policy evaluation for `policy`, returning the largest change;
double evaluation_sweep(const Grid& g, const Dynamics& d, const std::vector<int>& policy, std::vector<double>& v, std::vector<double>& scratch);
// the greedy policy of V (−1 for inactive cells);
std::vector<int> greedy_policy(const Grid& g, const Dynamics& d, const std::vector<double>& v);
// greedy improvement, a cell changing its action only for a strictly better one: how many changed.
int improve_policy(const Grid& g, const Dynamics& d, const std::vector<double>& v, std::vector<int>& policy);

// Synchronous sweeps (every cell from the previous sweep's values) until the largest change < tol.
DpResult value_iteration(const Grid& g, const Dynamics& d, double tol, int max_sweeps = 1000000);

// Policy iteration from the greedy policy of V = 0: evaluation by synchronous sweeps until the change
// < tol (at most max_sweeps each), then greedy improvement, until the policy is stable.
DpResult policy_iteration(const Grid& g, const Dynamics& d, double tol, int max_sweeps = 100000, int max_improvements = 10000);

}  // namespace lab::rl
