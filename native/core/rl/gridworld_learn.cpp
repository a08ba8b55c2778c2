// Model-free learning on the grid world (see gridworld_learn.hpp).
#include "gridworld_learn.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "../error.hpp"
#include "../runtime/rng.hpp"

namespace lab::rl {

namespace {

struct Env {
  const Grid& g;
  const Dynamics& d;
  Rng& rng;
  // one sampled move: the next cell and the reward
  std::pair<int, double> step(int s, int a) const {
    const auto outs = outcomes(g, s, a, d);
    double u = rng.uniform(), acc = 0;
    for (const Outcome& o : outs) {
      acc += o.p;
      if (u < acc) return {o.next, o.reward};
    }
    return {outs.back().next, outs.back().reward};
  }
};

double& qv(std::vector<double>& q, int s, int a) { return q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)]; }

int greedy(const std::vector<double>& q, int s, Rng& rng) {
  double best = -INFINITY;
  std::array<int, 4> ties{};
  int n = 0;
  for (int a = 0; a < 4; ++a) {
    const double v = q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)];
    if (v > best) best = v, n = 0;
    if (v == best) ties[static_cast<std::size_t>(n++)] = a;
  }
  return ties[static_cast<std::size_t>(rng.next_u64() % static_cast<std::uint64_t>(n))];
}

int epsilon_greedy(const std::vector<double>& q, int s, double eps, Rng& rng) {
  if (rng.uniform() < eps) return static_cast<int>(rng.next_u64() % 4);
  return greedy(q, s, rng);
}

double max_q(const std::vector<double>& q, int s) {
  return std::max({q[static_cast<std::size_t>(s) * 4], q[static_cast<std::size_t>(s) * 4 + 1], q[static_cast<std::size_t>(s) * 4 + 2], q[static_cast<std::size_t>(s) * 4 + 3]});
}

// Σ_a π(a|s) Q(s, a) for the ε-greedy π (the greedy share split between tied maxima)
double expected_q(const std::vector<double>& q, int s, double eps) {
  const double m = max_q(q, s);
  int ties = 0;
  for (int a = 0; a < 4; ++a) ties += q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)] == m;
  double e = 0;
  for (int a = 0; a < 4; ++a) {
    const double v = q[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)];
    e += (eps / 4 + (v == m ? (1 - eps) / ties : 0.0)) * v;
  }
  return e;
}

}  // namespace

LearnResult learn(const Grid& g, const Dynamics& d, const LearnConfig& c) {
  if (g.start < 0) throw Error(code::invalid_config, "gridworld.grid: the learners start every episode on S; the grid has none");
  const std::string& algo = c.algo;
  if (algo != "q-learning" && algo != "sarsa" && algo != "expected-sarsa" && algo != "monte-carlo" && algo != "dyna-q" && algo != "sarsa-lambda")
    throw Error(code::invalid_config, "gridworld.algo: unknown learner \"" + algo + "\"");
  Rng rng(c.seed);
  Env env{g, d, rng};
  LearnResult r;
  r.q.assign(static_cast<std::size_t>(g.size()) * 4, 0.0);
  const int max_steps = c.max_steps > 0 ? c.max_steps : 20 * g.size();
  // dyna-q's model: the last (reward, next) seen for each (s, a), and the pairs seen, in first-seen order
  std::vector<double> model_r(r.q.size(), 0.0);
  std::vector<int> model_next(r.q.size(), -1);
  std::vector<int> seen;
  const bool traces = algo == "sarsa-lambda", on_policy = algo == "sarsa" || traces;
  std::vector<double> e(traces ? r.q.size() : 0, 0.0);
  for (int ep = 0; ep < c.episodes; ++ep) {
    std::fill(e.begin(), e.end(), 0.0);
    int s = g.start;
    int a = epsilon_greedy(r.q, s, c.epsilon, rng);
    double ret = 0, discount = 1;
    int t = 0;
    std::vector<std::pair<int, int>> visits;
    std::vector<double> rewards;
    for (; t < max_steps; ++t) {
      const auto [s2, rew] = env.step(s, a);
      ret += discount * rew;
      discount *= d.gamma;
      const bool end = g.terminal(s2);
      // SARSA picks its next action before the update (its target uses it); the others after
      int a2 = 0;
      if (!end && on_policy) a2 = epsilon_greedy(r.q, s2, c.epsilon, rng);
      if (algo == "monte-carlo") {
        visits.emplace_back(s, a);
        rewards.push_back(rew);
      } else if (traces) {
        const double delta = rew + (end ? 0.0 : d.gamma * qv(r.q, s2, a2)) - qv(r.q, s, a);
        e[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)] += 1;
        for (std::size_t k = 0; k < e.size(); ++k) {
          if (e[k] == 0) continue;
          r.q[k] += c.alpha * delta * e[k];
          e[k] *= d.gamma * c.lambda;
        }
      } else {
        double target = rew;
        if (!end) {
          if (algo == "sarsa") target += d.gamma * qv(r.q, s2, a2);
          else if (algo == "expected-sarsa") target += d.gamma * expected_q(r.q, s2, c.epsilon);
          else target += d.gamma * max_q(r.q, s2);
        }
        qv(r.q, s, a) += c.alpha * (target - qv(r.q, s, a));
        if (algo == "dyna-q") {
          const std::size_t k = static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a);
          if (model_next[k] < 0) seen.push_back(static_cast<int>(k));
          model_r[k] = rew;
          model_next[k] = s2;
          for (int p = 0; p < c.planning && !seen.empty(); ++p) {
            const auto pk = static_cast<std::size_t>(seen[static_cast<std::size_t>(rng.next_u64() % seen.size())]);
            const int ps = static_cast<int>(pk / 4), pa = static_cast<int>(pk % 4), pn = model_next[pk];
            const double pt = model_r[pk] + (g.terminal(pn) ? 0.0 : d.gamma * max_q(r.q, pn));
            qv(r.q, ps, pa) += c.alpha * (pt - qv(r.q, ps, pa));
          }
        }
      }
      if (!end && !on_policy) a2 = epsilon_greedy(r.q, s2, c.epsilon, rng);
      s = s2;
      a = a2;
      if (end) {
        ++t;
        break;
      }
    }
    if (algo == "monte-carlo") {
      double g_ret = 0;
      for (std::size_t i = visits.size(); i-- > 0;) {
        g_ret = rewards[i] + d.gamma * g_ret;
        double& q = qv(r.q, visits[i].first, visits[i].second);
        q += c.alpha * (g_ret - q);
      }
    }
    r.returns.push_back(ret);
    r.lengths.push_back(std::min(t, max_steps));
  }
  return r;
}

}  // namespace lab::rl
