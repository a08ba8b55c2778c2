// solve_gridworld (see gridworld_solve.hpp).
#include "gridworld_solve.hpp"

#include <algorithm>

#include "../error.hpp"
#include "gridworld.hpp"
#include "gridworld_learn.hpp"

namespace lab::rl {

GridworldSpec read_gridworld(const Reader& r) {
  GridworldSpec spec;
  spec.grid = parse_grid(r.string("grid"), r.field_path("grid"));
  const std::string algo = r.string("algo", "value-iteration");
  spec.dp = algo == "value-iteration" || algo == "policy-iteration";
  const bool learner = algo == "q-learning" || algo == "sarsa" || algo == "expected-sarsa" || algo == "monte-carlo" || algo == "dyna-q" ||
                       algo == "sarsa-lambda";
  if (!spec.dp && !learner)
    r.fail("algo", *r.get("algo"), "one of value-iteration, policy-iteration, monte-carlo, q-learning, sarsa, expected-sarsa, dyna-q, sarsa-lambda");
  spec.algo = algo;
  spec.dynamics.gamma = r.number("gamma", 0.9, Range{0, 1, false, false, false});
  spec.dynamics.step_reward = r.number("step_reward", 0.0, Range{-1e6, 1e6});
  spec.dynamics.slip = r.number("slip", 0.0, Range{0, 1, false, false, false});
  spec.tol = r.number("tol", 1e-12, Range::positive());
  // at most ~2·10⁹ cell backups in all, whatever the grid's size
  spec.max_sweeps = static_cast<int>(std::max<double>(100, std::min<double>(1e6, 2e9 / std::max(1, spec.grid.size()))));
  LearnConfig& lc = spec.learn;
  if (spec.dp) {
    for (const char* k : {"epsilon", "alpha", "episodes", "seed", "planning", "max_steps", "lambda"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing: only the model-free learners take it");
    return spec;
  }
  lc.algo = algo;
  lc.epsilon = r.number("epsilon", 0.1, Range{0, 1, false, false, false});
  lc.alpha = r.number("alpha", 0.1, Range{0, 1, true, false, false});
  lc.episodes = static_cast<int>(r.number("episodes", 500, Range{1, 10'000'000, false, false, true}));
  lc.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
  lc.planning = static_cast<int>(r.number("planning", 10, Range{0, 1000, false, false, true}));
  lc.max_steps = static_cast<int>(r.number("max_steps", 0, Range{0, 1e7, false, false, true}));
  lc.lambda = r.number("lambda", 0.9, Range{0, 1, false, false, false});
  if (algo != "sarsa-lambda" && r.get("lambda") != nullptr) r.fail("lambda", *r.get("lambda"), "nothing: only sarsa-lambda takes it");
  return spec;
}

GreedyOfQ greedy_of_q(const Grid& g, const std::vector<double>& q) {
  GreedyOfQ out;
  out.values.assign(static_cast<std::size_t>(g.size()), 0.0);
  out.policy.assign(static_cast<std::size_t>(g.size()), -1);
  for (int s = 0; s < g.size(); ++s) {
    if (!active(g, s)) continue;
    int best = 0;
    for (int a = 1; a < 4; ++a)
      if (q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)] > q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(best)]) best = a;
    out.values[static_cast<std::size_t>(s)] = q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(best)];
    out.policy[static_cast<std::size_t>(s)] = best;
  }
  return out;
}

Value value_rows(const Grid& g, const std::vector<double>& values) {
  Value::Array rows;
  for (int row = 0; row < g.rows; ++row) {
    Value::Array vr;
    for (int col = 0; col < g.cols; ++col) {
      const int s = row * g.cols + col;
      const Cell c = g.at(s);
      if (c == Cell::wall || c == Cell::cliff) vr.emplace_back(Value());
      else vr.emplace_back(g.terminal(s) ? 0.0 : values[static_cast<std::size_t>(s)]);
    }
    rows.emplace_back(Value(std::move(vr)));
  }
  return Value(std::move(rows));
}

Value policy_rows(const Grid& g, const std::vector<int>& policy) {
  Value::Array rows;
  for (int row = 0; row < g.rows; ++row) {
    Value::Array pr;
    for (int col = 0; col < g.cols; ++col) {
      const int a = policy[static_cast<std::size_t>(row * g.cols + col)];
      if (a < 0) pr.emplace_back(Value());
      else pr.emplace_back(std::string(kActionNames[static_cast<std::size_t>(a)]));
    }
    rows.emplace_back(Value(std::move(pr)));
  }
  return Value(std::move(rows));
}

Value solve_gridworld(const Value& config) {
  Reader r(config, "gridworld");
  r.only({"grid", "algo", "gamma", "step_reward", "slip", "tol", "epsilon", "alpha", "episodes", "seed", "planning", "max_steps", "lambda"});
  const GridworldSpec spec = read_gridworld(r);
  const Grid& g = spec.grid;
  const Dynamics& d = spec.dynamics;
  const std::string& algo = spec.algo;
  const double tol = spec.tol;
  DpResult res;
  Value::Array returns, lengths;
  if (spec.dp) {
    res = algo == "value-iteration" ? value_iteration(g, d, tol, spec.max_sweeps) : policy_iteration(g, d, tol, spec.max_sweeps);
  } else {
    const LearnResult lr = learn(g, d, spec.learn);
    GreedyOfQ best = greedy_of_q(g, lr.q);
    res.values = std::move(best.values);
    res.policy = std::move(best.policy);
    res.iterations = spec.learn.episodes;
    res.converged = true;
    for (double x : lr.returns) returns.emplace_back(x);
    for (int x : lr.lengths) lengths.emplace_back(static_cast<double>(x));
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
      {"values", value_rows(g, res.values)},
      {"policy", policy_rows(g, res.policy)},
      {"deltas", Value(std::move(deltas))},
      {"returns", Value(std::move(returns))},
      {"lengths", Value(std::move(lengths))},
  });
}

Value gridworld_backup(const Value& config) {
  Reader r(config, "backup");
  r.only({"grid", "gamma", "step_reward", "slip", "values", "cell"});
  const Grid g = parse_grid(r.string("grid"), r.field_path("grid"));
  Dynamics d;
  d.gamma = r.number("gamma", 0.9, Range{0, 1, false, false, false});
  d.step_reward = r.number("step_reward", 0.0, Range{-1e6, 1e6});
  d.slip = r.number("slip", 0.0, Range{0, 1, false, false, false});
  const std::vector<Value> given = r.array("values");
  if (given.size() != static_cast<std::size_t>(g.size()))
    r.fail("values", *r.get("values"), "one value per cell (" + std::to_string(g.size()) + "), row by row");
  std::vector<double> v(given.size(), 0.0);
  for (std::size_t i = 0; i < given.size(); ++i)
    if (!given[i].is_null()) v[i] = check_number(r.field_path("values") + "[" + std::to_string(i) + "]", given[i], Range{});
  const int s = static_cast<int>(r.number("cell", Range{0, static_cast<double>(g.size() - 1), false, false, true}));
  if (!active(g, s)) r.fail("cell", *r.get("cell"), "a cell with moves (not a wall, a cliff or a terminal)");
  int best = -1;
  const double top = backup(g, v, s, d, &best);
  Value::Array actions;
  for (int a = 0; a < 4; ++a) {
    Value::Array outs;
    for (const Outcome& o : outcomes(g, s, a, d))
      outs.emplace_back(Value::Object{{"next", static_cast<double>(o.next)}, {"p", o.p}, {"reward", o.reward}, {"value", v[static_cast<std::size_t>(o.next)]}});
    actions.emplace_back(Value::Object{{"action", std::string(kActionNames[static_cast<std::size_t>(a)])}, {"q", q_value(g, v, s, a, d)}, {"outcomes", Value(std::move(outs))}});
  }
  return Value(Value::Object{{"cell", static_cast<double>(s)}, {"gamma", d.gamma}, {"actions", Value(std::move(actions))},
                             {"best", std::string(kActionNames[static_cast<std::size_t>(best)])}, {"value", top}});
}

}  // namespace lab::rl
