// The cart-pole dynamics and a rollout of given actions (see cartpole.hpp).
#include "cartpole.hpp"

#include <cmath>
#include <string>

#include "../error.hpp"

namespace lab::rl {

namespace {

constexpr double kGravity = 9.8, kCartMass = 1.0, kPoleMass = 0.1, kHalfLength = 0.5, kForce = 10.0, kTau = 0.02;
constexpr double kXLimit = 2.4;
const double kThetaLimit = 12 * 2 * M_PI / 360;

}  // namespace

CartPoleState cartpole_step(const CartPoleState& s, int action) {
  const double force = action == 1 ? kForce : -kForce;
  const double total = kCartMass + kPoleMass;
  const double cos_t = std::cos(s.theta), sin_t = std::sin(s.theta);
  const double temp = (force + kPoleMass * kHalfLength * s.theta_dot * s.theta_dot * sin_t) / total;
  const double theta_acc = (kGravity * sin_t - cos_t * temp) / (kHalfLength * (4.0 / 3.0 - kPoleMass * cos_t * cos_t / total));
  const double x_acc = temp - kPoleMass * kHalfLength * theta_acc * cos_t / total;
  CartPoleState n;
  n.x = s.x + kTau * s.x_dot;
  n.x_dot = s.x_dot + kTau * x_acc;
  n.theta = s.theta + kTau * s.theta_dot;
  n.theta_dot = s.theta_dot + kTau * theta_acc;
  return n;
}

bool cartpole_terminated(const CartPoleState& s) {
  return s.x < -kXLimit || s.x > kXLimit || s.theta < -kThetaLimit || s.theta > kThetaLimit;
}

Value cartpole_rollout(const Value& config) {
  Reader r(config, "cartpole");
  r.only({"state", "actions"});
  CartPoleState s;
  if (const Value* st = r.get("state")) {
    if (st->kind() != Value::Kind::Array || st->as_array().size() != 4) r.fail("state", *st, "[x, ẋ, θ, θ̇]: four finite numbers");
    double* parts[4] = {&s.x, &s.x_dot, &s.theta, &s.theta_dot};
    for (std::size_t i = 0; i < 4; ++i) *parts[i] = check_number("cartpole.state[" + std::to_string(i) + "]", st->as_array()[i], Range::any());
  }
  const std::vector<Value> actions = r.array("actions");
  auto row = [](const CartPoleState& c) { return Value(Value::Array{c.x, c.x_dot, c.theta, c.theta_dot}); };
  Value::Array states{row(s)}, rewards;
  bool terminated = cartpole_terminated(s), truncated = false;
  int steps = 0;
  for (std::size_t i = 0; i < actions.size() && !terminated && !truncated; ++i) {
    const double a = check_number("cartpole.actions[" + std::to_string(i) + "]", actions[i], Range{0, 1, false, false, true});
    s = cartpole_step(s, static_cast<int>(a));
    ++steps;
    states.push_back(row(s));
    rewards.emplace_back(1.0);
    terminated = cartpole_terminated(s);
    truncated = !terminated && steps >= kCartPoleMaxSteps;
  }
  return Value(Value::Object{{"states", Value(std::move(states))},
                             {"rewards", Value(std::move(rewards))},
                             {"done", terminated || truncated},
                             {"terminated", terminated},
                             {"truncated", truncated},
                             {"steps", static_cast<double>(steps)}});
}

}  // namespace lab::rl
