// The RL environments. The grid world's dynamic programming against hand-computed cases and Russell & Norvig's 4×3 world
// (AIMA 3rd ed., Fig. 17.3: γ = 1, step reward −0.04, the agent slipping sideways 20 % of the time),
// value iteration and policy iteration agreeing, the cliff's −100 and return to start, and the errors of
// a malformed grid naming the line and column.
#include <cmath>
#include <string>

#include "check.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "rl/gridworld.hpp"
#include "rl/cartpole.hpp"
#include "rl/cartpole_learn.hpp"
#include "rl/gridworld_solve.hpp"

using namespace lab;
using namespace lab::rl;

namespace {

Value config(const std::string& grid, const std::string& algo, double gamma, double step, double slip) {
  return Value(Value::Object{{"grid", grid}, {"algo", algo}, {"gamma", gamma}, {"step_reward", step}, {"slip", slip}, {"tol", 1e-12}});
}

double cell(const Value& r, int row, int col) { return r.find("values")->as_array()[static_cast<std::size_t>(row)].as_array()[static_cast<std::size_t>(col)].as_number(); }
bool null_value(const Value& r, int row, int col) { return r.find("values")->as_array()[static_cast<std::size_t>(row)].as_array()[static_cast<std::size_t>(col)].is_null(); }
std::string action(const Value& r, int row, int col) {
  const Value& v = r.find("policy")->as_array()[static_cast<std::size_t>(row)].as_array()[static_cast<std::size_t>(col)];
  return v.is_null() ? "null" : v.as_string();
}

const char* kRussellNorvig = "...G\n.#.X\nS...\n";

}  // namespace

TEST("one step to the goal, by hand: V = 1 without slip; with slip 0.2, V = 0.8 / (1 − 0.18)") {
  const Value a = solve_gridworld(config("SG", "value-iteration", 0.9, 0, 0));
  CHECK(check::near(cell(a, 0, 0), 1.0, 1e-12) && cell(a, 0, 1) == 0 && action(a, 0, 0) == "E" && action(a, 0, 1) == "null");
  const Value b = solve_gridworld(config("SG", "value-iteration", 0.9, 0, 0.2));
  CHECK(check::near(cell(b, 0, 0), 0.8 / (1 - 0.2 * 0.9), 1e-10));
}

TEST("Russell & Norvig's 4×3 world: the published utilities to 3 decimals, and the published policy") {
  const double want[3][4] = {{0.812, 0.868, 0.918, 0}, {0.762, NAN, 0.660, 0}, {0.705, 0.655, 0.611, 0.388}};
  for (const char* algo : {"value-iteration", "policy-iteration"}) {
    const Value r = solve_gridworld(config(kRussellNorvig, algo, 1.0, -0.04, 0.2));
    CHECK(r.find("converged")->as_bool());
    for (int row = 0; row < 3; ++row)
      for (int col = 0; col < 4; ++col) {
        if (std::isnan(want[row][col])) {
          CHECK(null_value(r, row, col));
          continue;
        }
        if (!check::near(cell(r, row, col), want[row][col], 5e-4))
          check::fail(__FILE__, __LINE__, std::string(algo) + " (" + std::to_string(row) + "," + std::to_string(col) + "): " + check::num(cell(r, row, col)));
      }
    const char* policy[3][4] = {{"E", "E", "E", "null"}, {"N", "null", "N", "null"}, {"N", "W", "W", "W"}};
    for (int row = 0; row < 3; ++row)
      for (int col = 0; col < 4; ++col)
        if (action(r, row, col) != policy[row][col]) check::fail(__FILE__, __LINE__, std::string(algo) + " policy at (" + std::to_string(row) + "," + std::to_string(col) + "): " + action(r, row, col));
  }
}

TEST("value iteration and policy iteration reach the same values on a slippery maze with a pit") {
  const std::string maze = "S..#....\n.#.#.##.\n.#...#..\n.####.#X\n......#G\n";
  const Value a = solve_gridworld(config(maze, "value-iteration", 0.95, -0.01, 0.1));
  const Value b = solve_gridworld(config(maze, "policy-iteration", 0.95, -0.01, 0.1));
  double worst = 0;
  for (int row = 0; row < 5; ++row)
    for (int col = 0; col < 8; ++col)
      if (!null_value(a, row, col)) worst = std::fmax(worst, std::fabs(cell(a, row, col) - cell(b, row, col)));
  CHECK(worst < 1e-9);
  const double improvements = b.find("iterations")->as_number();
  if (!(improvements >= 1 && improvements < 50)) check::fail(__FILE__, __LINE__, "policy improvements: " + check::num(improvements));
}

TEST("the cliff: a move into it earns −100 and lands on the start; the best path walks around it") {
  // S is at the bottom left, G at the bottom right, cliffs between (Sutton & Barto's cliff walk, small)
  const Value r = solve_gridworld(config("....\n....\nSCCG\n", "value-iteration", 1.0, -1, 0));
  CHECK(null_value(r, 2, 1) && null_value(r, 2, 2) && action(r, 2, 1) == "null");
  CHECK(check::near(cell(r, 2, 0), -5.0 + 1.0, 1e-12));  // N, E, E, E, S into G: −1 × 5, + 1
  CHECK(action(r, 2, 0) == "N" && action(r, 1, 2) == "E" && action(r, 1, 3) == "S");
  const Grid g = parse_grid("....\n....\nSCCG\n", "g");
  const auto into = outcomes(g, g.start, 1, Dynamics{1.0, -1, 0});  // E from the start: into the cliff
  CHECK(into.size() == 1 && into[0].next == g.start && into[0].reward == -100.0 && into[0].p == 1.0);
}

TEST("a malformed grid is refused naming the line and column") {
  CHECK_THROWS_CODE(parse_grid("..\n.Q\n", "gridworld.grid"), "INVALID_CONFIG", "gridworld.grid: line 2, column 2: unknown cell 'Q'");
  CHECK_THROWS_CODE(parse_grid("...\n..\n", "g"), "INVALID_CONFIG", "g: line 2 has 2 cells, line 1 has 3");
  CHECK_THROWS_CODE(parse_grid("S.\n.S\n", "g"), "INVALID_CONFIG", "g: line 2, column 2: a second start S");
  CHECK_THROWS_CODE(parse_grid("##\nGX\n", "g"), "INVALID_CONFIG", "no open cell");
  CHECK_THROWS_CODE(parse_grid("..C\n", "g"), "INVALID_CONFIG", "a cliff C sends the agent back to the start");
  CHECK_THROWS_CODE(parse_grid("\n\n", "g"), "INVALID_CONFIG", "an empty grid");
  const Grid spaced = parse_grid("..G  \r\n.#X\t\nS..\n\n  \n", "g");  // trailing blanks, CRLF, blank lines at the end
  CHECK(spaced.rows == 3 && spaced.cols == 3 && spaced.start == 6);
  CHECK_THROWS_CODE(solve_gridworld(Value(Value::Object{{"grid", "SG"}, {"algo", "td-lambda"}})), "INVALID_CONFIG", "gridworld.algo");
  CHECK_THROWS_CODE(solve_gridworld(Value(Value::Object{{"grid", "SG"}, {"episodes", 10.0}})), "INVALID_CONFIG", "gridworld.episodes: expected nothing: only the model-free learners take it");
  CHECK_THROWS_CODE(solve_gridworld(Value(Value::Object{{"grid", ".G"}, {"algo", "sarsa"}})), "INVALID_CONFIG", "start every episode on S");
  CHECK_THROWS_CODE(solve_gridworld(Value(Value::Object{{"grid", "SG"}, {"slip", 1.5}})), "INVALID_CONFIG", "gridworld.slip: expected a finite number in [0, 1], got 1.5");
}

namespace {

Value learner(const std::string& grid, const std::string& algo, double gamma, double step, int episodes) {
  return Value(Value::Object{{"grid", grid}, {"algo", algo}, {"gamma", gamma}, {"step_reward", step}, {"slip", 0.0}, {"epsilon", 0.1}, {"alpha", 0.5}, {"episodes", static_cast<double>(episodes)}, {"seed", 7.0}});
}

// Moves from the start following the greedy policy (no slip) until a terminal; −1 if it loops or walks off.
int greedy_path_length(const Value& r, const Grid& g) {
  int s = g.start, n = 0;
  const int dr[4] = {-1, 0, 1, 0}, dc[4] = {0, 1, 0, -1};
  while (!g.terminal(s) && n < 200) {
    const std::string a = action(r, s / g.cols, s % g.cols);
    if (a == "null") return -1;
    const int k = a == "N" ? 0 : a == "E" ? 1 : a == "S" ? 2 : 3;
    const int nr = s / g.cols + dr[k], nc = s % g.cols + dc[k];
    if (nr < 0 || nr >= g.rows || nc < 0 || nc >= g.cols || g.at(nr * g.cols + nc) == Cell::wall) return -1;
    s = nr * g.cols + nc;
    if (g.at(s) == Cell::cliff) return -1;
    ++n;
  }
  return g.terminal(s) ? n : -1;
}

}  // namespace

TEST("the learners find the way along a corridor; Q-learning and Dyna-Q reach its values γ^k") {
  for (const char* algo : {"q-learning", "sarsa", "expected-sarsa", "monte-carlo", "dyna-q", "sarsa-lambda"}) {
    const Value r = solve_gridworld(learner("S...G", algo, 0.9, 0, 800));
    for (int c = 0; c < 4; ++c)
      if (action(r, 0, c) != "E") check::fail(__FILE__, __LINE__, std::string(algo) + ": cell " + std::to_string(c) + " goes " + action(r, 0, c));
    CHECK(r.find("returns")->as_array().size() == 800);
    if (std::string(algo) == "q-learning" || std::string(algo) == "dyna-q")
      for (int c = 0; c < 4; ++c)
        if (!check::near(cell(r, 0, c), std::pow(0.9, 3 - c), 1e-6)) check::fail(__FILE__, __LINE__, std::string(algo) + " V(" + std::to_string(c) + ") = " + check::num(cell(r, 0, c)));
  }
}

TEST("Sutton & Barto's cliff walk: Q-learning walks the edge (13 moves), SARSA keeps away from it (longer)") {
  const std::string cliff = "............\n............\n............\nSCCCCCCCCCCG\n";
  const Grid g = parse_grid(cliff, "g");
  const Value q = solve_gridworld(learner(cliff, "q-learning", 1.0, -1, 500));
  const Value s = solve_gridworld(learner(cliff, "sarsa", 1.0, -1, 500));
  const int qn = greedy_path_length(q, g), sn = greedy_path_length(s, g);
  if (qn != 13) check::fail(__FILE__, __LINE__, "q-learning's path: " + std::to_string(qn) + " moves");
  if (!(sn > 13)) check::fail(__FILE__, __LINE__, "sarsa's path: " + std::to_string(sn) + " moves");
  // the same seed, the same run
  CHECK(solve_gridworld(learner(cliff, "sarsa", 1.0, -1, 50)).find("returns")->as_array().back().as_number() ==
        solve_gridworld(learner(cliff, "sarsa", 1.0, -1, 50)).find("returns")->as_array().back().as_number());
}

TEST("SARSA(λ): λ = 0 is one-step SARSA to the last bit; with traces the first reward reaches the start") {
  const std::string corridor = "S.....G";
  auto with_lambda = [&](double lambda, int episodes) {
    Value v = learner(corridor, "sarsa-lambda", 0.9, 0, episodes);
    Value::Object o = v.as_object();
    o["lambda"] = lambda;
    return solve_gridworld(Value(std::move(o)));
  };
  const Value sarsa = solve_gridworld(learner(corridor, "sarsa", 0.9, 0, 40)), zero = with_lambda(0.0, 40);
  for (int c = 0; c < 6; ++c) CHECK(cell(sarsa, 0, c) == cell(zero, 0, c));
  // after one episode one-step SARSA has moved only the last state before G; SARSA(0.9) every visited one
  const Value one_step = solve_gridworld(learner(corridor, "sarsa", 0.9, 0, 1)), traced = with_lambda(0.9, 1);
  CHECK(cell(one_step, 0, 0) == 0);
  CHECK(cell(traced, 0, 0) > 0);
  CHECK(cell(traced, 0, 5) > cell(traced, 0, 0));  // the trace decays with distance from the reward
  CHECK_THROWS_CODE(solve_gridworld(Value(Value::Object{{"grid", corridor}, {"algo", "sarsa"}, {"lambda", 0.5}})), "INVALID_CONFIG", "only sarsa-lambda");
}

TEST("cart-pole: three steps match the CartPole-v1 equations computed independently (Python, float64)") {
  const Value r = cartpole_rollout(Value(Value::Object{{"state", Value(Value::Array{0.01, -0.02, 0.03, 0.04})}, {"actions", Value(Value::Array{1.0, 0.0, 1.0})}}));
  const double want[3][4] = {{0.009600000000000001, 0.17467919574755525, 0.030799999999999998, -0.24306871796000815},
                             {0.013093583914951107, -0.020868848948191993, 0.025938625640799833, 0.05916799993941654},
                             {0.012676206935987267, 0.1738717748734813, 0.027121985639588165, -0.22521957255967331}};
  const auto& states = r.find("states")->as_array();
  CHECK(states.size() == 4 && r.find("rewards")->as_array().size() == 3 && !r.find("done")->as_bool());
  double worst = 0;
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < 4; ++i) worst = std::fmax(worst, std::fabs(states[static_cast<std::size_t>(k + 1)].as_array()[static_cast<std::size_t>(i)].as_number() - want[k][i]));
  CHECK(worst < 1e-15);
}

TEST("cart-pole: a falling pole ends the episode (the rest of the actions unused); a balancing policy is cut at 500 steps") {
  const Value fall = cartpole_rollout(Value(Value::Object{{"actions", Value(Value::Array(30, Value(1.0)))}}));
  CHECK(fall.find("terminated")->as_bool() && fall.find("done")->as_bool() && !fall.find("truncated")->as_bool());
  CHECK(fall.find("steps")->as_number() == 9 && fall.find("states")->as_array().size() == 10);  // pushed right 9 times, it falls
  // a simple controller keeps it up: push toward the side the pole leans to
  CartPoleState s;
  Value::Array actions;
  for (int t = 0; t < 600; ++t) {
    const int a = s.theta + 0.5 * s.theta_dot > 0 ? 1 : 0;
    actions.emplace_back(static_cast<double>(a));
    s = cartpole_step(s, a);
  }
  const Value kept = cartpole_rollout(Value(Value::Object{{"actions", Value(std::move(actions))}}));
  CHECK(kept.find("truncated")->as_bool() && kept.find("done")->as_bool() && !kept.find("terminated")->as_bool());
  CHECK(kept.find("steps")->as_number() == 500 && kept.find("rewards")->as_array().size() == 500);
  CHECK_THROWS_CODE(cartpole_rollout(Value(Value::Object{{"actions", Value(Value::Array{2.0})}})), "INVALID_CONFIG", "cartpole.actions[0]");
  CHECK_THROWS_CODE(cartpole_rollout(Value(Value::Object{{"state", Value(Value::Array{1.0, 2.0})}, {"actions", Value(Value::Array{})}})), "INVALID_CONFIG", "cartpole.state");
}

TEST("REINFORCE with a baseline and A2C solve the cart-pole (mean of the last 100 returns ≥ 475) within 1 000 episodes, seeds 1–3") {
  for (const char* algo : {"reinforce", "a2c"})
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    PgConfig c;
    c.algo = algo;
    c.seed = seed;
    const PgResult r = train_cartpole(c);
    std::printf("  %s seed %llu: %zu episodes, mean of the last 100: %.1f\n", algo, static_cast<unsigned long long>(seed), r.returns.size(), r.mean_return_100);
    CHECK(r.solved && r.mean_return_100 >= 475 && r.returns.size() <= 1000);
    CHECK(r.returns.front() < 100);  // it starts knowing nothing
  }
  CHECK_THROWS_CODE(train_cartpole(Value(Value::Object{{"algo", "ppo"}})), "INVALID_CONFIG", "rltrain.algo");
}

CHECK_MAIN()
