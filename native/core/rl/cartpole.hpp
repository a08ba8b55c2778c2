// The classic cart-pole (issue #14), frictionless, as in the common CartPole-v1: g 9.8, cart 1.0 kg,
// pole 0.1 kg, half-length 0.5 m, τ 0.02 s; action 0 pushes with −10 N, action 1 with +10 N; θ in
// radians, 0 upright.
//   temp = (F + m_p·l·θ̇²·sin θ)/(m_c + m_p)
//   θ̈ = (g·sin θ − cos θ·temp) / (l·(4/3 − m_p·cos²θ/(m_c + m_p)))
//   ẍ = temp − m_p·l·θ̈·cos θ/(m_c + m_p)
//   explicit Euler: x += τ·ẋ, ẋ += τ·ẍ, θ += τ·θ̇, θ̇ += τ·θ̈
// An episode ends when |x| > 2.4 or |θ| > 12° (terminated) or after 500 steps (truncated); every step
// earns 1, the last one included.
#pragma once

#include <array>

#include "../config/value.hpp"

namespace lab::rl {

struct CartPoleState {
  double x = 0, x_dot = 0, theta = 0, theta_dot = 0;
};

constexpr int kCartPoleMaxSteps = 500;

// One step of the dynamics for action 0 or 1.
CartPoleState cartpole_step(const CartPoleState& s, int action);
// Whether the pole has fallen or the cart left the track.
bool cartpole_terminated(const CartPoleState& s);

// {state: [x, ẋ, θ, θ̇] (zeros by default), actions: [0 | 1, …]} → {states: the start and the state
// after each action, stopping at the end of the episode; rewards; done; terminated; truncated; steps}.
// Throws INVALID_CONFIG naming the field (cartpole.*).
Value cartpole_rollout(const Value& config);

}  // namespace lab::rl
