// solve_gridworld (see gridworld_solve.hpp).
#include "gridworld_solve.hpp"

#include <algorithm>

#include "../error.hpp"
#include "gridworld.hpp"
#include "gridworld_learn.hpp"

namespace lab::rl {

Value solve_gridworld(const Value& config) {
  Reader r(config, "gridworld");
  r.only({"grid", "algo", "gamma", "step_reward", "slip", "tol", "epsilon", "alpha", "episodes", "seed", "planning", "max_steps", "lambda"});
  const Grid g = parse_grid(r.string("grid"), "gridworld.grid");
  const std::string algo = r.string("algo", "value-iteration");
  const bool dp = algo == "value-iteration" || algo == "policy-iteration";
  const bool learner = algo == "q-learning" || algo == "sarsa" || algo == "expected-sarsa" || algo == "monte-carlo" || algo == "dyna-q" ||
                       algo == "sarsa-lambda";
  if (!dp && !learner)
    r.fail("algo", *r.get("algo"), "one of value-iteration, policy-iteration, monte-carlo, q-learning, sarsa, expected-sarsa, dyna-q, sarsa-lambda");
  Dynamics d;
  d.gamma = r.number("gamma", 0.9, Range{0, 1, false, false, false});
  d.step_reward = r.number("step_reward", 0.0, Range{-1e6, 1e6});
  d.slip = r.number("slip", 0.0, Range{0, 1, false, false, false});
  const double tol = r.number("tol", 1e-12, Range::positive());
  DpResult res;
  Value::Array returns, lengths;
  LearnConfig lc;
  if (dp) {
    for (const char* k : {"epsilon", "alpha", "episodes", "seed", "planning", "max_steps", "lambda"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: only the model-free learners take it");
    // at most ~2·10⁹ cell backups in all, whatever the grid's size
    const int max_sweeps = static_cast<int>(std::max<double>(100, std::min<double>(1e6, 2e9 / std::max(1, g.size()))));
    res = algo == "value-iteration" ? value_iteration(g, d, tol, max_sweeps) : policy_iteration(g, d, tol, max_sweeps);
  } else {
    lc.algo = algo;
    lc.epsilon = r.number("epsilon", 0.1, Range{0, 1, false, false, false});
    lc.alpha = r.number("alpha", 0.1, Range{0, 1, true, false, false});
    lc.episodes = static_cast<int>(r.number("episodes", 500, Range{1, 10'000'000, false, false, true}));
    lc.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
    lc.planning = static_cast<int>(r.number("planning", 10, Range{0, 1000, false, false, true}));
    lc.max_steps = static_cast<int>(r.number("max_steps", 0, Range{0, 1e7, false, false, true}));
    lc.lambda = r.number("lambda", 0.9, Range{0, 1, false, false, false});
    if (algo != "sarsa-lambda" && r.get("lambda") != nullptr) r.fail("lambda", *r.get("lambda"), "nothing: only sarsa-lambda takes it");
    const LearnResult lr = learn(g, d, lc);
    res.values.assign(static_cast<std::size_t>(g.size()), 0.0);
    res.policy.assign(static_cast<std::size_t>(g.size()), -1);
    for (int s = 0; s < g.size(); ++s) {
      if (g.at(s) == Cell::wall || g.at(s) == Cell::cliff || g.terminal(s)) continue;
      int best = 0;
      for (int a = 1; a < 4; ++a)
        if (lr.q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)] > lr.q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(best)]) best = a;
      res.values[static_cast<std::size_t>(s)] = lr.q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(best)];
      res.policy[static_cast<std::size_t>(s)] = best;
    }
    res.iterations = lc.episodes;
    res.converged = true;
    for (double x : lr.returns) returns.emplace_back(x);
    for (int x : lr.lengths) lengths.emplace_back(static_cast<double>(x));
  }

  Value::Array values, policy;
  for (int row = 0; row < g.rows; ++row) {
    Value::Array vr, pr;
    for (int col = 0; col < g.cols; ++col) {
      const int s = row * g.cols + col;
      const Cell c = g.at(s);
      if (c == Cell::wall || c == Cell::cliff) vr.emplace_back(Value());
      else vr.emplace_back(g.terminal(s) ? 0.0 : res.values[static_cast<std::size_t>(s)]);
      const int a = res.policy[static_cast<std::size_t>(s)];
      if (a < 0) pr.emplace_back(Value());
      else pr.emplace_back(std::string(kActionNames[static_cast<std::size_t>(a)]));
    }
    values.emplace_back(Value(std::move(vr)));
    policy.emplace_back(Value(std::move(pr)));
  }
  Value::Array deltas;
  for (double x : res.deltas) deltas.emplace_back(x);
  return Value(Value::Object{
      {"algo", algo},
      {"rows", static_cast<double>(g.rows)},
      {"cols", static_cast<double>(g.cols)},
      {"gamma", d.gamma},
      {"step_reward", d.step_reward},
      {"slip", d.slip},
      {"tol", tol},
      {"iterations", static_cast<double>(res.iterations)},
      {"evaluation_sweeps", static_cast<double>(res.evaluation_sweeps)},
      {"converged", res.converged},
      {"start", g.start < 0 ? Value() : Value(Value::Array{static_cast<double>(g.start / g.cols), static_cast<double>(g.start % g.cols)})},
      {"values", Value(std::move(values))},
      {"policy", Value(std::move(policy))},
      {"deltas", Value(std::move(deltas))},
      {"returns", Value(std::move(returns))},
      {"lengths", Value(std::move(lengths))},
  });
}

}  // namespace lab::rl
