// lab::RaceLab — several optimizers, each with its own hyper-parameters and schedule, walking the same
// 2-D landscape from the same start, in lock-step, until each one stops:
//   converged       ‖∇f(θ)‖ < stop.grad_tol
//   reached_target  f(θ) ≤ stop.f_target
//   diverged        θ or f not finite, or |θ| beyond stop.diverge_bound (a status, never a crash)
//   completed       `steps` updates done
// Optional gradient noise g + σ·ξ (ξ ~ N(0,1), seeded; every optimizer sees the same noise sequence).
//
// Config (lab::Value, keys in snake_case; see docs/race.md):
//   { function: "rosenbrock" | {name, params} | {formula}, start?: [x, y], steps?: 1000, seed?: 1,
//     noise?: {sigma}, stop?: {grad_tol, f_target, diverge_bound},
//     optimizers: [{type: "adam", name?: "…", lr?: …, <hyper>: …, schedule?: {…}}, …] }
// Stream "race", one member per optimizer; row k = the state after k updates:
//   step, x, y, f, gx, gy (the gradient at θ_k used by update k+1, noise included), gnorm (‖∇f(θ_k)‖,
//   no noise), lr (the learning rate update k used; NaN in row 0), then the optimizer's state per
//   coordinate: <name>_x, <name>_y for each of its state_names() (v, G, m, v, m_hat, v_hat…).
// Live updates: {optimizer?: i (all when absent), set: {lr: …, beta: …}, noise?: {sigma}}.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../landscape/function2d.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "../runtime/rng.hpp"
#include "../runtime/session.hpp"

namespace lab {

struct RaceRunner {
  std::string name;  // display name (defaults to the type)
  std::string type;
  std::unique_ptr<optim::Optimizer<double>> opt;
  optim::Schedule schedule;
  Rng rng;
  double theta[2] = {0, 0};
  double grad[2] = {0, 0};  // gradient used by the next update (noise included)
  double f = 0, gnorm = 0, last_lr = 0;
  std::string status = "running";
  std::int64_t steps = 0;
  int stream = -1;
};

struct RaceStop {
  double grad_tol = 0;           // 0 = off
  bool has_f_target = false;
  double f_target = 0;
  double diverge_bound = 1e6;
};

class RaceLab : public Lab {
 public:
  // Parses and validates the whole config; throws lab::Error naming the field.
  explicit RaceLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return step_; }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;

  // The config with every default filled in (what the run will actually use).
  Value resolved() const;
  const land::Landscape& landscape() const { return land_; }
  const std::vector<RaceRunner>& runners() const { return runners_; }

 private:
  void evaluate(RaceRunner& r);          // f, gnorm, grad (+ noise) at r.theta
  void check_stop(RaceRunner& r, Emitter& em);
  void emit(RaceRunner& r, Emitter& em);
  Value hypers_of(const RaceRunner& r) const;

  land::Landscape land_;
  std::vector<RaceRunner> runners_;
  double start_[2] = {0, 0};
  std::int64_t max_steps_ = 1000;
  std::int64_t step_ = 0;
  std::uint64_t seed_ = 1;
  double sigma_ = 0;
  RaceStop stop_;
  std::vector<double> row_;
};

}  // namespace lab
