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

Learner::Learner(const Grid& g, const Dynamics& d, const LearnConfig& c) : g_(g), d_(d), c_(c), rng_(c.seed) {
  if (g.start < 0) throw Error(code::invalid_config, "gridworld.grid: the learners start every episode on S; the grid has none");
  const std::string& algo = c.algo;
  if (algo != "q-learning" && algo != "sarsa" && algo != "expected-sarsa" && algo != "monte-carlo" && algo != "dyna-q" && algo != "sarsa-lambda")
    throw Error(code::invalid_config, "gridworld.algo: unknown learner \"" + algo + "\"");
  q_.assign(static_cast<std::size_t>(g.size()) * 4, 0.0);
  model_r_.assign(q_.size(), 0.0);
  model_next_.assign(q_.size(), -1);
  if (algo == "sarsa-lambda") e_.assign(q_.size(), 0.0);
}

Episode Learner::episode() {
  const std::string& algo = c_.algo;
  const Grid& g = g_;
  const Dynamics& d = d_;
  Env env{g, d, rng_};
  const int max_steps = c_.max_steps > 0 ? c_.max_steps : 20 * g.size();
  const bool traces = algo == "sarsa-lambda", on_policy = algo == "sarsa" || traces;
  std::fill(e_.begin(), e_.end(), 0.0);
  Episode out;
  int s = g.start;
  out.path.push_back(s);
  int a = epsilon_greedy(q_, s, c_.epsilon, rng_);
  double discount = 1;
  int t = 0;
  std::vector<std::pair<int, int>> visits;
  std::vector<double> rewards;
  for (; t < max_steps; ++t) {
    const auto [s2, rew] = env.step(s, a);
    out.path.push_back(s2);
    out.ret += discount * rew;
    discount *= d.gamma;
    const bool end = g.terminal(s2);
    // SARSA picks its next action before the update (its target uses it); the others after
    int a2 = 0;
    if (!end && on_policy) a2 = epsilon_greedy(q_, s2, c_.epsilon, rng_);
    if (algo == "monte-carlo") {
      visits.emplace_back(s, a);
      rewards.push_back(rew);
    } else if (traces) {
      const double delta = rew + (end ? 0.0 : d.gamma * qv(q_, s2, a2)) - qv(q_, s, a);
      e_[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)] += 1;
      for (std::size_t k = 0; k < e_.size(); ++k) {
        if (e_[k] == 0) continue;
        q_[k] += c_.alpha * delta * e_[k];
        e_[k] *= d.gamma * c_.lambda;
      }
    } else {
      double target = rew;
      if (!end) {
        if (algo == "sarsa") target += d.gamma * qv(q_, s2, a2);
        else if (algo == "expected-sarsa") target += d.gamma * expected_q(q_, s2, c_.epsilon);
        else target += d.gamma * max_q(q_, s2);
      }
      qv(q_, s, a) += c_.alpha * (target - qv(q_, s, a));
      if (algo == "dyna-q") plan(s, a, rew, s2);
    }
    if (!end && !on_policy) a2 = epsilon_greedy(q_, s2, c_.epsilon, rng_);
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
      double& q = qv(q_, visits[i].first, visits[i].second);
      q += c_.alpha * (g_ret - q);
    }
  }
  out.length = std::min(t, max_steps);
  ++episodes_;
  return out;
}

void Learner::plan(int s, int a, double rew, int s2) {
  // dyna-q's model: the last (reward, next) seen for each (s, a), and the pairs seen, in first-seen order
  const std::size_t k = static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a);
  if (model_next_[k] < 0) seen_.push_back(static_cast<int>(k));
  model_r_[k] = rew;
  model_next_[k] = s2;
  for (int p = 0; p < c_.planning && !seen_.empty(); ++p) {
    const auto pk = static_cast<std::size_t>(seen_[static_cast<std::size_t>(rng_.next_u64() % seen_.size())]);
    const int ps = static_cast<int>(pk / 4), pa = static_cast<int>(pk % 4), pn = model_next_[pk];
    const double pt = model_r_[pk] + (g_.terminal(pn) ? 0.0 : d_.gamma * max_q(q_, pn));
    qv(q_, ps, pa) += c_.alpha * (pt - qv(q_, ps, pa));
  }
}

LearnResult learn(const Grid& g, const Dynamics& d, const LearnConfig& c) {
  Learner learner(g, d, c);
  LearnResult r;
  for (int ep = 0; ep < c.episodes; ++ep) {
    const Episode e = learner.episode();
    r.returns.push_back(e.ret);
    r.lengths.push_back(e.length);
  }
  r.q = learner.q();
  return r;
}

}  // namespace lab::rl
