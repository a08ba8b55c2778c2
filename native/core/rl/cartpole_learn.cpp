// Learning the cart-pole: REINFORCE with a baseline, A2C and DQN (see cartpole_learn.hpp).
#include "cartpole_learn.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "../autograd/autograd.hpp"
#include "../error.hpp"
#include "../nn/mlp.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"
#include "cartpole.hpp"

namespace lab::rl {

namespace {

using Net = nn::Sequential<float>;

double mean_last(const std::vector<double>& v, std::size_t n) {
  const std::size_t k = std::min(n, v.size());
  if (k == 0) return 0;
  return std::accumulate(v.end() - static_cast<std::ptrdiff_t>(k), v.end(), 0.0) / static_cast<double>(k);
}

}  // namespace

namespace {

// Records an episode's return; true once the mean of the last 100 reaches the target (then solved).
bool episode_done(PgResult& r, int steps, double target) {
  r.returns.push_back(static_cast<double>(steps));
  r.mean_return_100 = mean_last(r.returns, 100);
  r.solved = r.returns.size() >= 100 && r.mean_return_100 >= target;
  return r.solved;
}

// The policy and value nets of the policy-gradient learners, with their optimizers.
struct ActorCritic {
  ag::ParamStore<float> pstore, vstore;
  Net policy, value;
  std::unique_ptr<optim::Optimizer<float>> popt = optim::make_optimizer<float>("adam");
  std::unique_ptr<optim::Optimizer<float>> vopt = optim::make_optimizer<float>("adam");
  ActorCritic(int hidden, Rng& rng)
      : policy(nn::make_mlp<float>(pstore, {{4, hidden, 2}, {"tanh", "identity"}}, rng, "policy")),
        value(nn::make_mlp<float>(vstore, {{4, hidden, 1}, {"tanh", "identity"}}, rng, "value")) {
    popt->reset(pstore.size());
    vopt->reset(vstore.size());
  }
};

void features(const CartPoleState& s, float* out) {
  out[0] = static_cast<float>(s.x), out[1] = static_cast<float>(s.x_dot), out[2] = static_cast<float>(s.theta), out[3] = static_cast<float>(s.theta_dot);
}

CartPoleState reset_state(Rng& rng) {  // as CartPole-v1 resets: each variable uniform in [−0.05, 0.05]
  return {(rng.uniform() - 0.5) * 0.1, (rng.uniform() - 0.5) * 0.1, (rng.uniform() - 0.5) * 0.1, (rng.uniform() - 0.5) * 0.1};
}

// Samples an action from the policy at `in`.
int sample(ActorCritic& ac, ag::Tape<float>& tape, float* in, Rng& rng) {
  tape.reset();
  const ag::Tensor<float> logits = ac.policy.forward(tape, ag::constant(in, ag::Shape{1, 4}));
  const double p1 = 1 / (1 + std::exp(static_cast<double>(logits.value[0]) - logits.value[1]));
  return rng.uniform() < p1 ? 1 : 0;
}

// V at one state (the bootstrap of a cut-off segment).
double value_at(ActorCritic& ac, ag::Tape<float>& tape, const CartPoleState& s) {
  float in[4];
  features(s, in);
  tape.reset();
  return ac.value.forward(tape, ag::constant(in, ag::Shape{1, 4})).value[0];
}

// One update of both nets on T moves: the value net toward `targets` (mean squared error), the policy
// by the weighted cross-entropy with A = target − V(s) (before the value step), normalised if asked.
void update(ActorCritic& ac, ag::Tape<float>& tape, std::vector<float>& states, std::vector<std::int32_t>& actions, std::vector<float>& targets,
            bool normalise, const PgConfig& c) {
  const auto T = static_cast<std::int64_t>(actions.size());
  std::vector<float> adv(static_cast<std::size_t>(T));
  tape.reset();
  ag::Tensor<float> v = ac.value.forward(tape, ag::constant(states.data(), ag::Shape{T, 4}));
  for (std::int64_t i = 0; i < T; ++i) adv[static_cast<std::size_t>(i)] = targets[static_cast<std::size_t>(i)] - v.value[i];
  ag::Tensor<float> vloss = ag::mse(tape, v, ag::constant(targets.data(), ag::Shape{T, 1}));
  ac.vstore.zero_grad();
  tape.backward(vloss);
  ac.vopt->step(ac.vstore.values(), ac.vstore.grads(), c.value_lr);
  if (normalise) {
    double mean = 0, sq = 0;
    for (float a : adv) mean += a;
    mean /= static_cast<double>(T);
    for (float a : adv) sq += (a - mean) * (a - mean);
    const double sd = std::sqrt(sq / static_cast<double>(T)) + 1e-8;
    for (float& a : adv) a = static_cast<float>((a - mean) / sd);
  }
  tape.reset();
  ag::Tensor<float> logits = ac.policy.forward(tape, ag::constant(states.data(), ag::Shape{T, 4}));
  ag::Tensor<float> ploss = ag::weighted_cross_entropy(tape, logits, actions.data(), ag::constant(adv.data(), ag::Shape{T}));
  ac.pstore.zero_grad();
  tape.backward(ploss);
  ac.popt->step(ac.pstore.values(), ac.pstore.grads(), c.lr);
}

// Discounted returns of T moves earning 1 each, from `tail` after the last.
void discounted(std::vector<float>& out, std::size_t T, double tail, double gamma) {
  out.assign(T, 0.f);
  for (std::size_t i = T; i-- > 0;) out[i] = static_cast<float>(tail = 1.0 + gamma * tail);
}

// Policy gradient: REINFORCE (whole episodes, normalised advantages) or A2C (segments of 32 moves,
// n-step returns bootstrapped from V after the segment).
PgResult train_policy_gradient(const PgConfig& c, bool a2c) {
  const int segment = a2c ? 32 : kCartPoleMaxSteps;
  Rng rng(c.seed);
  ActorCritic ac(c.hidden, rng);
  ag::Tape<float> tape;
  PgResult r;
  std::vector<float> states, targets;
  std::vector<std::int32_t> actions;
  for (int ep = 0; ep < c.episodes; ++ep) {
    CartPoleState s = reset_state(rng);
    bool terminated = false;
    int t = 0;
    while (!terminated && t < kCartPoleMaxSteps) {
      states.clear();
      actions.clear();
      for (int k = 0; k < segment && !terminated && t < kCartPoleMaxSteps; ++k, ++t) {
        float in[4];
        features(s, in);
        const int a = sample(ac, tape, in, rng);
        states.insert(states.end(), in, in + 4);
        actions.push_back(a);
        s = cartpole_step(s, a);
        terminated = cartpole_terminated(s);
      }
      // the pole fell: nothing after; cut off (a segment's end, or 500 steps): V of the state reached
      discounted(targets, actions.size(), terminated ? 0.0 : value_at(ac, tape, s), c.gamma);
      update(ac, tape, states, actions, targets, !a2c, c);
    }
    if (episode_done(r, t, c.target)) break;
  }
  return r;
}

// DQN: an ε-greedy agent on Q (4 → hidden → hidden → 2, ReLU) with a replay buffer of 50 000 moves,
// a target net copied every 500 steps, ε from 1 to 0.05 over the first 10 000 steps, one Adam step per
// move on a batch of 64 once 1 000 moves are stored: the squared error between Q(s, a) and
// r + γ·max Q_target(s′, ·) (r alone when the pole fell; a truncated episode still bootstraps).
PgResult train_dqn(const PgConfig& c) {
  constexpr int kCapacity = 50'000, kBatch = 64, kWarmup = 1'000, kSync = 500, kDecay = 10'000;
  Rng rng(c.seed);
  ag::ParamStore<float> qstore, tstore;
  Net q = nn::make_mlp<float>(qstore, {{4, c.hidden, c.hidden, 2}, {"relu", "relu", "identity"}}, rng, "q");
  Rng trng(c.seed);  // the target net has the same shape; its values are copied from q
  Net target = nn::make_mlp<float>(tstore, {{4, c.hidden, c.hidden, 2}, {"relu", "relu", "identity"}}, trng, "target");
  std::copy(qstore.values(), qstore.values() + qstore.size(), tstore.values());
  auto opt = optim::make_optimizer<float>("adam");
  opt->reset(qstore.size());
  ag::Tape<float> tape;
  std::vector<float> buf_s(static_cast<std::size_t>(kCapacity) * 4), buf_s2(static_cast<std::size_t>(kCapacity) * 4), buf_r(kCapacity);
  std::vector<std::int32_t> buf_a(kCapacity);
  std::vector<std::uint8_t> buf_end(kCapacity);
  std::int64_t stored = 0, steps = 0;
  std::vector<float> bs(kBatch * 4), bs2(kBatch * 4), y(kBatch * 2);
  PgResult r;
  for (int ep = 0; ep < c.episodes; ++ep) {
    CartPoleState s = reset_state(rng);
    bool terminated = false;
    int t = 0;
    for (; t < kCartPoleMaxSteps && !terminated; ++t, ++steps) {
      float in[4];
      features(s, in);
      const double eps = std::max(0.05, 1.0 - 0.95 * static_cast<double>(steps) / kDecay);
      int a;
      if (rng.uniform() < eps) a = static_cast<int>(rng.next_u64() % 2);
      else {
        tape.reset();
        const ag::Tensor<float> qv = q.forward(tape, ag::constant(in, ag::Shape{1, 4}));
        a = qv.value[1] > qv.value[0] ? 1 : 0;
      }
      const CartPoleState s2 = cartpole_step(s, a);
      terminated = cartpole_terminated(s2);
      const auto slot = static_cast<std::size_t>(stored % kCapacity);
      std::copy(in, in + 4, buf_s.begin() + static_cast<std::ptrdiff_t>(slot * 4));
      float in2[4];
      features(s2, in2);
      std::copy(in2, in2 + 4, buf_s2.begin() + static_cast<std::ptrdiff_t>(slot * 4));
      buf_a[slot] = a;
      buf_r[slot] = 1.f;
      buf_end[slot] = terminated ? 1 : 0;
      ++stored;
      s = s2;
      if (stored < kWarmup) continue;
      const std::int64_t n = std::min<std::int64_t>(stored, kCapacity);
      std::vector<std::size_t> pick(kBatch);
      for (int b = 0; b < kBatch; ++b) {
        pick[static_cast<std::size_t>(b)] = static_cast<std::size_t>(rng.next_u64() % static_cast<std::uint64_t>(n));
        std::copy_n(buf_s.begin() + static_cast<std::ptrdiff_t>(pick[static_cast<std::size_t>(b)] * 4), 4, bs.begin() + b * 4);
        std::copy_n(buf_s2.begin() + static_cast<std::ptrdiff_t>(pick[static_cast<std::size_t>(b)] * 4), 4, bs2.begin() + b * 4);
      }
      tape.reset();
      const ag::Tensor<float> qn = target.forward(tape, ag::constant(bs2.data(), ag::Shape{kBatch, 4}));
      std::vector<float> next_max(kBatch);
      for (int b = 0; b < kBatch; ++b) next_max[static_cast<std::size_t>(b)] = std::max(qn.value[b * 2], qn.value[b * 2 + 1]);
      tape.reset();
      ag::Tensor<float> qs = q.forward(tape, ag::constant(bs.data(), ag::Shape{kBatch, 4}));
      for (int b = 0; b < kBatch; ++b) {
        const std::size_t k = pick[static_cast<std::size_t>(b)];
        y[static_cast<std::size_t>(b * 2)] = qs.value[b * 2];
        y[static_cast<std::size_t>(b * 2 + 1)] = qs.value[b * 2 + 1];
        y[static_cast<std::size_t>(b * 2 + buf_a[k])] = buf_r[k] + (buf_end[k] ? 0.f : static_cast<float>(c.gamma) * next_max[static_cast<std::size_t>(b)]);
      }
      ag::Tensor<float> loss = ag::mse(tape, qs, ag::constant(y.data(), ag::Shape{kBatch, 2}));
      qstore.zero_grad();
      tape.backward(loss);
      opt->step(qstore.values(), qstore.grads(), c.dqn_lr);
      if (steps % kSync == 0) std::copy(qstore.values(), qstore.values() + qstore.size(), tstore.values());
    }
    if (episode_done(r, t, c.target)) break;
  }
  return r;
}

}  // namespace

PgResult train_cartpole(const PgConfig& c) {
  if (c.algo == "dqn") return train_dqn(c);
  if (c.algo == "reinforce" || c.algo == "a2c") return train_policy_gradient(c, c.algo == "a2c");
  throw Error(code::invalid_config, "rltrain.algo: unknown learner \"" + c.algo + "\"; expected reinforce, a2c or dqn");
}

Value train_cartpole(const Value& config) {
  Reader r(config, "rltrain");
  r.only({"env", "algo", "episodes", "target", "seed", "gamma", "lr", "hidden"});
  const std::string env = r.string("env", "cartpole");
  if (env != "cartpole") r.fail("env", *r.get("env"), "\"cartpole\"");
  PgConfig c;
  c.algo = r.string("algo", "reinforce");
  if (c.algo != "reinforce" && c.algo != "a2c" && c.algo != "dqn") r.fail("algo", *r.get("algo"), "one of reinforce, a2c, dqn");
  c.episodes = static_cast<int>(r.number("episodes", 1000, Range{1, 1'000'000, false, false, true}));
  c.target = r.number("target", 475, Range::any());
  c.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
  c.gamma = r.number("gamma", 0.99, Range{0, 1, false, false, false});
  c.lr = r.number("lr", c.algo == "dqn" ? 5e-4 : 0.01, Range::positive());
  c.value_lr = c.lr;
  c.dqn_lr = c.lr;
  c.hidden = static_cast<int>(r.number("hidden", 64, Range{1, 4096, false, false, true}));
  const PgResult res = train_cartpole(c);
  Value::Array returns;
  for (double x : res.returns) returns.emplace_back(x);
  return Value(Value::Object{{"env", env},
                             {"algo", c.algo},
                             {"episodes", static_cast<double>(res.returns.size())},
                             {"solved", res.solved},
                             {"target", c.target},
                             {"seed", static_cast<double>(c.seed)},
                             {"returns", Value(std::move(returns))},
                             {"summary", Value(Value::Object{{"final", Value(Value::Object{{"mean_return_100", res.mean_return_100}})}})}});
}

}  // namespace lab::rl
