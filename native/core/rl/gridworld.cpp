// The grid world and its dynamic programming (see gridworld.hpp).
#include "gridworld.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"

namespace lab::rl {

namespace {

constexpr std::array<int, 4> kDr{-1, 0, 1, 0};  // N E S W
constexpr std::array<int, 4> kDc{0, 1, 0, -1};
constexpr double kCliffReward = -100.0;

}  // namespace

Grid parse_grid(const std::string& text, const std::string& path) {
  Grid g;
  std::vector<std::string> lines;
  std::string cur;
  for (char ch : text) {
    if (ch == '\r') continue;
    if (ch == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  // spaces and tabs at a line's end are formatting, not cells
  for (std::string& l : lines) l.erase(l.find_last_not_of(" \t") + 1);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) throw Error(code::invalid_config, path + ": an empty grid; expected one line per row of . # S G X C");
  g.rows = static_cast<int>(lines.size());
  g.cols = static_cast<int>(lines[0].size());
  if (g.rows > 1000 || g.cols > 1000)
    throw Error(code::invalid_config, path + ": a grid of at most 1000×1000 cells, got " + std::to_string(g.rows) + "×" + std::to_string(g.cols));
  bool cliff = false, open = false;
  for (int r = 0; r < g.rows; ++r) {
    const std::string& line = lines[static_cast<std::size_t>(r)];
    if (static_cast<int>(line.size()) != g.cols)
      throw Error(code::invalid_config, path + ": line " + std::to_string(r + 1) + " has " + std::to_string(line.size()) + " cells, line 1 has " +
                                            std::to_string(g.cols) + "; every row must be as long");
    for (int c = 0; c < g.cols; ++c) {
      const char ch = line[static_cast<std::size_t>(c)];
      Cell cell;
      switch (ch) {
        case '.': cell = Cell::empty; break;
        case '#': cell = Cell::wall; break;
        case 'G': cell = Cell::goal; break;
        case 'X': cell = Cell::pit; break;
        case 'C': cell = Cell::cliff; cliff = true; break;
        case 'S':
          cell = Cell::empty;
          if (g.start >= 0) throw Error(code::invalid_config, path + ": line " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + ": a second start S; a grid has one");
          g.start = r * g.cols + c;
          break;
        default:
          throw Error(code::invalid_config, path + ": line " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + ": unknown cell '" +
                                                std::string(1, ch) + "'; expected . (empty), # (wall), S (start), G (+1), X (−1) or C (cliff)");
      }
      open = open || (cell == Cell::empty);
      g.cells.push_back(cell);
    }
  }
  if (!open) throw Error(code::invalid_config, path + ": no open cell (. or S) to stand on");
  if (cliff && g.start < 0) throw Error(code::invalid_config, path + ": a cliff C sends the agent back to the start, but the grid has no S");
  return g;
}

std::vector<Outcome> outcomes(const Grid& g, int s, int a, const Dynamics& d) {
  const int r = s / g.cols, c = s % g.cols;
  const std::array<int, 3> moves{a, (a + 1) % 4, (a + 3) % 4};  // intended, then the two perpendicular ones
  const std::array<double, 3> probs{1.0 - d.slip, d.slip / 2, d.slip / 2};
  std::vector<Outcome> out;
  for (int k = 0; k < 3; ++k) {
    if (probs[static_cast<std::size_t>(k)] <= 0) continue;
    const int m = moves[static_cast<std::size_t>(k)];
    const int nr = r + kDr[static_cast<std::size_t>(m)], nc = c + kDc[static_cast<std::size_t>(m)];
    int next = s;
    if (nr >= 0 && nr < g.rows && nc >= 0 && nc < g.cols && g.at(nr * g.cols + nc) != Cell::wall) next = nr * g.cols + nc;
    double reward = d.step_reward;
    if (g.at(next) == Cell::goal) reward += 1.0;
    else if (g.at(next) == Cell::pit) reward -= 1.0;
    else if (g.at(next) == Cell::cliff) {
      reward = kCliffReward;
      next = g.start;
    }
    out.push_back({next, probs[static_cast<std::size_t>(k)], reward});
  }
  return out;
}

bool active(const Grid& g, int s) { return g.at(s) != Cell::wall && g.at(s) != Cell::cliff && !g.terminal(s); }

double q_value(const Grid& g, const std::vector<double>& v, int s, int a, const Dynamics& d) {
  double q = 0;
  for (const Outcome& o : outcomes(g, s, a, d)) q += o.p * (o.reward + d.gamma * v[static_cast<std::size_t>(o.next)]);
  return q;
}

double backup(const Grid& g, const std::vector<double>& v, int s, const Dynamics& d, int* best_action) {
  std::array<double, 4> q{};
  double best = -INFINITY, scale = 1;
  for (int a = 0; a < 4; ++a) {
    q[static_cast<std::size_t>(a)] = q_value(g, v, s, a, d);
    best = std::max(best, q[static_cast<std::size_t>(a)]);
    scale = std::max(scale, std::fabs(q[static_cast<std::size_t>(a)]));
  }
  if (best_action != nullptr)
    for (int a = 0; a < 4; ++a)
      if (q[static_cast<std::size_t>(a)] >= best - 1e-12 * scale) {
        *best_action = a;
        break;
      }
  return best;
}

double optimality_sweep(const Grid& g, const Dynamics& d, std::vector<double>& v, std::vector<double>& scratch) {
  scratch.assign(v.size(), 0.0);
  double delta = 0;
  for (int s = 0; s < g.size(); ++s) {
    if (!active(g, s)) continue;
    scratch[static_cast<std::size_t>(s)] = backup(g, v, s, d, nullptr);
    delta = std::max(delta, std::fabs(scratch[static_cast<std::size_t>(s)] - v[static_cast<std::size_t>(s)]));
  }
  v.swap(scratch);
  return delta;
}

double evaluation_sweep(const Grid& g, const Dynamics& d, const std::vector<int>& policy, std::vector<double>& v, std::vector<double>& scratch) {
  scratch.assign(v.size(), 0.0);
  double delta = 0;
  for (int s = 0; s < g.size(); ++s) {
    if (!active(g, s)) continue;
    scratch[static_cast<std::size_t>(s)] = q_value(g, v, s, policy[static_cast<std::size_t>(s)], d);
    delta = std::max(delta, std::fabs(scratch[static_cast<std::size_t>(s)] - v[static_cast<std::size_t>(s)]));
  }
  v.swap(scratch);
  return delta;
}

std::vector<int> greedy_policy(const Grid& g, const Dynamics& d, const std::vector<double>& v) {
  std::vector<int> policy(v.size(), -1);
  for (int s = 0; s < g.size(); ++s)
    if (active(g, s)) backup(g, v, s, d, &policy[static_cast<std::size_t>(s)]);
  return policy;
}

int improve_policy(const Grid& g, const Dynamics& d, const std::vector<double>& v, std::vector<int>& policy) {
  // a cell changes its action only for a strictly better one (no flip-flop between equals)
  int changed = 0;
  for (int s = 0; s < g.size(); ++s) {
    if (!active(g, s)) continue;
    int best = -1;
    const double bq = backup(g, v, s, d, &best);
    const int cur = policy[static_cast<std::size_t>(s)];
    const double cq = q_value(g, v, s, cur, d);
    if (best != cur && bq > cq + 1e-12 * std::max(1.0, std::fabs(cq))) {
      policy[static_cast<std::size_t>(s)] = best;
      ++changed;
    }
  }
  return changed;
}

DpResult value_iteration(const Grid& g, const Dynamics& d, double tol, int max_sweeps) {
  DpResult r;
  r.values.assign(static_cast<std::size_t>(g.size()), 0.0);
  std::vector<double> scratch;
  for (r.iterations = 0; r.iterations < max_sweeps;) {
    const double delta = optimality_sweep(g, d, r.values, scratch);
    ++r.iterations;
    r.deltas.push_back(delta);
    if (!std::isfinite(delta)) break;
    if (delta < tol) {
      r.converged = true;
      break;
    }
  }
  r.policy = greedy_policy(g, d, r.values);
  return r;
}

DpResult policy_iteration(const Grid& g, const Dynamics& d, double tol, int max_sweeps, int max_improvements) {
  DpResult r;
  r.values.assign(static_cast<std::size_t>(g.size()), 0.0);
  r.policy = greedy_policy(g, d, r.values);
  std::vector<double> scratch;
  for (r.iterations = 0; r.iterations < max_improvements;) {
    double delta = 0;
    for (int sweep = 0; sweep < max_sweeps; ++sweep) {
      delta = evaluation_sweep(g, d, r.policy, r.values, scratch);
      ++r.evaluation_sweeps;
      if (!(delta >= tol)) break;  // converged (or NaN: stop)
    }
    r.deltas.push_back(delta);
    ++r.iterations;
    if (improve_policy(g, d, r.values, r.policy) == 0) {
      r.converged = delta < tol;
      break;
    }
  }
  return r;
}

}  // namespace lab::rl
