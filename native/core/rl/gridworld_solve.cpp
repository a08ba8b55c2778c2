// solve_gridworld (see gridworld_solve.hpp).
#include "gridworld_solve.hpp"

#include <algorithm>

#include "../error.hpp"
#include "gridworld.hpp"

namespace lab::rl {

Value solve_gridworld(const Value& config) {
  Reader r(config, "gridworld");
  r.only({"grid", "algo", "gamma", "step_reward", "slip", "tol"});
  const Grid g = parse_grid(r.string("grid"), "gridworld.grid");
  const std::string algo = r.string("algo", "value-iteration");
  if (algo != "value-iteration" && algo != "policy-iteration")
    r.fail("algo", *r.get("algo"), "\"value-iteration\" or \"policy-iteration\" (the model-free algorithms run in the RL lab's sessions)");
  Dynamics d;
  d.gamma = r.number("gamma", 0.9, Range{0, 1, false, false, false});
  d.step_reward = r.number("step_reward", 0.0, Range{-1e6, 1e6});
  d.slip = r.number("slip", 0.0, Range{0, 1, false, false, false});
  const double tol = r.number("tol", 1e-10, Range::positive());
  // at most ~2·10⁹ cell backups in all, whatever the grid's size
  const int max_sweeps = static_cast<int>(std::max<double>(100, std::min<double>(1e6, 2e9 / std::max(1, g.size()))));
  const DpResult res = algo == "value-iteration" ? value_iteration(g, d, tol, max_sweeps) : policy_iteration(g, d, tol, max_sweeps);

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
  });
}

}  // namespace lab::rl
