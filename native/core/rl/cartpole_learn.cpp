// Learning the cart-pole: REINFORCE with a baseline, A2C and DQN (see cartpole_learn.hpp).
#include "cartpole_learn.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "../autograd/autograd.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"
#include "../nn/mlp.hpp"
#include "../optim/registry.hpp"
#include "../runtime/rng.hpp"
#include "cartpole.hpp"
#include "trailing_mean.hpp"

namespace lab::rl {

namespace {

using Net = nn::Sequential<float>;

}  // namespace

bool episode_done(PgResult& r, int steps, double target) {
  r.returns.push_back(static_cast<double>(steps));
  r.mean_return_100 = mean_last(r.returns, 100);
  r.solved = r.returns.size() >= 100 && r.mean_return_100 >= target;
  return r.solved;
}

namespace {

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
class PolicyGradient : public CartpoleLearner {
 public:
  PolicyGradient(const PgConfig& c, bool a2c) : CartpoleLearner(c), a2c_(a2c), rng_(c.seed), ac_(c.hidden, rng_) {}

  int episode(std::vector<CartPoleState>* path) override {
    const int segment = a2c_ ? 32 : kCartPoleMaxSteps;
    CartPoleState s = reset_state(rng_);
    if (path != nullptr) path->assign(1, s);
    bool terminated = false;
    int t = 0;
    while (!terminated && t < kCartPoleMaxSteps) {
      states_.clear();
      actions_.clear();
      for (int k = 0; k < segment && !terminated && t < kCartPoleMaxSteps; ++k, ++t) {
        float in[4];
        features(s, in);
        const int a = sample(ac_, tape_, in, rng_);
        states_.insert(states_.end(), in, in + 4);
        actions_.push_back(a);
        s = cartpole_step(s, a);
        if (path != nullptr) path->push_back(s);
        terminated = cartpole_terminated(s);
      }
      // the pole fell: nothing after; cut off (a segment's end, or 500 steps): V of the state reached
      discounted(targets_, actions_.size(), terminated ? 0.0 : value_at(ac_, tape_, s), c_.gamma);
      update(ac_, tape_, states_, actions_, targets_, !a2c_, c_);
    }
    return t;
  }

  std::array<double, 2> outputs(const CartPoleState& s) override {
    float in[4];
    features(s, in);
    tape_.reset();
    const ag::Tensor<float> logits = ac_.policy.forward(tape_, ag::constant(in, ag::Shape{1, 4}));
    const double p1 = 1 / (1 + std::exp(static_cast<double>(logits.value[0]) - logits.value[1]));
    return {1 - p1, p1};
  }
  bool q_values() const override { return false; }
  std::string weights_bytes() const override { return nn::weights_bytes({{"policy.", &ac_.pstore}, {"value.", &ac_.vstore}}); }

 private:
  bool a2c_;
  Rng rng_;
  ActorCritic ac_;
  ag::Tape<float> tape_;
  std::vector<float> states_, targets_;
  std::vector<std::int32_t> actions_;
};

// DQN: an ε-greedy agent on Q (4 → hidden → hidden → 2, ReLU) with a replay buffer of 50 000 moves,
// a target net copied every 500 steps, ε from 1 to 0.05 over the first 10 000 steps, one Adam step per
// move on a batch of 64 once 1 000 moves are stored: the squared error between Q(s, a) and
// r + γ·max Q_target(s′, ·) (r alone when the pole fell; a truncated episode still bootstraps).
class Dqn : public CartpoleLearner {
  static constexpr int kCapacity = 50'000, kBatch = 64, kWarmup = 1'000, kSync = 500, kDecay = 10'000;

 public:
  explicit Dqn(const PgConfig& c)
      : CartpoleLearner(c),
        rng_(c.seed),
        q_(nn::make_mlp<float>(qstore_, {{4, c.hidden, c.hidden, 2}, {"relu", "relu", "identity"}}, rng_, "q")),
        trng_(c.seed),  // the target net has the same shape; its values are copied from q
        target_(nn::make_mlp<float>(tstore_, {{4, c.hidden, c.hidden, 2}, {"relu", "relu", "identity"}}, trng_, "target")) {
    std::copy(qstore_.values(), qstore_.values() + qstore_.size(), tstore_.values());
    opt_->reset(qstore_.size());
    buf_s_.resize(static_cast<std::size_t>(kCapacity) * 4);
    buf_s2_.resize(static_cast<std::size_t>(kCapacity) * 4);
    buf_r_.resize(kCapacity);
    buf_a_.resize(kCapacity);
    buf_end_.resize(kCapacity);
    bs_.resize(kBatch * 4);
    bs2_.resize(kBatch * 4);
    y_.resize(kBatch * 2);
  }

  int episode(std::vector<CartPoleState>* path) override {
    CartPoleState s = reset_state(rng_);
    if (path != nullptr) path->assign(1, s);
    bool terminated = false;
    int t = 0;
    for (; t < kCartPoleMaxSteps && !terminated; ++t, ++steps_) {
      float in[4];
      features(s, in);
      const double eps = std::max(0.05, 1.0 - 0.95 * static_cast<double>(steps_) / kDecay);
      int a;
      if (rng_.uniform() < eps) a = static_cast<int>(rng_.next_u64() % 2);
      else {
        tape_.reset();
        const ag::Tensor<float> qv = q_.forward(tape_, ag::constant(in, ag::Shape{1, 4}));
        a = qv.value[1] > qv.value[0] ? 1 : 0;
      }
      const CartPoleState s2 = cartpole_step(s, a);
      if (path != nullptr) path->push_back(s2);
      terminated = cartpole_terminated(s2);
      const auto slot = static_cast<std::size_t>(stored_ % kCapacity);
      std::copy(in, in + 4, buf_s_.begin() + static_cast<std::ptrdiff_t>(slot * 4));
      float in2[4];
      features(s2, in2);
      std::copy(in2, in2 + 4, buf_s2_.begin() + static_cast<std::ptrdiff_t>(slot * 4));
      buf_a_[slot] = a;
      buf_r_[slot] = 1.f;
      buf_end_[slot] = terminated ? 1 : 0;
      ++stored_;
      s = s2;
      if (stored_ < kWarmup) continue;
      learn();
      if (steps_ % kSync == 0) std::copy(qstore_.values(), qstore_.values() + qstore_.size(), tstore_.values());
    }
    return t;
  }

  std::array<double, 2> outputs(const CartPoleState& s) override {
    float in[4];
    features(s, in);
    tape_.reset();
    const ag::Tensor<float> qv = q_.forward(tape_, ag::constant(in, ag::Shape{1, 4}));
    return {qv.value[0], qv.value[1]};
  }
  bool q_values() const override { return true; }
  std::string weights_bytes() const override { return nn::weights_bytes({{"q.", &qstore_}}); }

 private:
  // one Adam step on a batch from the replay buffer
  void learn() {
    const std::int64_t n = std::min<std::int64_t>(stored_, kCapacity);
    std::vector<std::size_t> pick(kBatch);
    for (int b = 0; b < kBatch; ++b) {
      pick[static_cast<std::size_t>(b)] = static_cast<std::size_t>(rng_.next_u64() % static_cast<std::uint64_t>(n));
      std::copy_n(buf_s_.begin() + static_cast<std::ptrdiff_t>(pick[static_cast<std::size_t>(b)] * 4), 4, bs_.begin() + b * 4);
      std::copy_n(buf_s2_.begin() + static_cast<std::ptrdiff_t>(pick[static_cast<std::size_t>(b)] * 4), 4, bs2_.begin() + b * 4);
    }
    tape_.reset();
    const ag::Tensor<float> qn = target_.forward(tape_, ag::constant(bs2_.data(), ag::Shape{kBatch, 4}));
    std::vector<float> next_max(kBatch);
    for (int b = 0; b < kBatch; ++b) next_max[static_cast<std::size_t>(b)] = std::max(qn.value[b * 2], qn.value[b * 2 + 1]);
    tape_.reset();
    ag::Tensor<float> qs = q_.forward(tape_, ag::constant(bs_.data(), ag::Shape{kBatch, 4}));
    for (int b = 0; b < kBatch; ++b) {
      const std::size_t k = pick[static_cast<std::size_t>(b)];
      y_[static_cast<std::size_t>(b * 2)] = qs.value[b * 2];
      y_[static_cast<std::size_t>(b * 2 + 1)] = qs.value[b * 2 + 1];
      y_[static_cast<std::size_t>(b * 2 + buf_a_[k])] = buf_r_[k] + (buf_end_[k] ? 0.f : static_cast<float>(c_.gamma) * next_max[static_cast<std::size_t>(b)]);
    }
    ag::Tensor<float> loss = ag::mse(tape_, qs, ag::constant(y_.data(), ag::Shape{kBatch, 2}));
    qstore_.zero_grad();
    tape_.backward(loss);
    opt_->step(qstore_.values(), qstore_.grads(), c_.dqn_lr);
  }

  Rng rng_;
  ag::ParamStore<float> qstore_;
  Net q_;
  Rng trng_;
  ag::ParamStore<float> tstore_;
  Net target_;
  std::unique_ptr<optim::Optimizer<float>> opt_ = optim::make_optimizer<float>("adam");
  ag::Tape<float> tape_;
  std::vector<float> buf_s_, buf_s2_, buf_r_;
  std::vector<std::int32_t> buf_a_;
  std::vector<std::uint8_t> buf_end_;
  std::int64_t stored_ = 0, steps_ = 0;
  std::vector<float> bs_, bs2_, y_;
};

}  // namespace

std::unique_ptr<CartpoleLearner> make_cartpole_learner(const PgConfig& c) {
  if (c.algo == "dqn") return std::make_unique<Dqn>(c);
  if (c.algo == "reinforce" || c.algo == "a2c") return std::make_unique<PolicyGradient>(c, c.algo == "a2c");
  throw Error(code::invalid_config, "rltrain.algo: unknown learner \"" + c.algo + "\"; expected reinforce, a2c or dqn");
}

int CartpoleLearner::greedy(const CartPoleState& s) {
  const std::array<double, 2> o = outputs(s);
  return o[1] > o[0] ? 1 : 0;
}

PgResult train_cartpole(const PgConfig& c) {
  const std::unique_ptr<CartpoleLearner> learner = make_cartpole_learner(c);
  PgResult r;
  for (int ep = 0; ep < c.episodes; ++ep)
    if (episode_done(r, learner->episode(nullptr), c.target)) break;
  return r;
}

PgConfig read_pg_config(const Reader& r) {
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
  return c;
}

Value train_cartpole(const Value& config) {
  Reader r(config, "rltrain");
  r.only({"env", "algo", "episodes", "target", "seed", "gamma", "lr", "hidden"});
  const std::string env = r.string("env", "cartpole");
  if (env != "cartpole") r.fail("env", *r.get("env"), "\"cartpole\"");
  const PgConfig c = read_pg_config(r);
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
