// The RL lab's grid world session (see gridworld.hpp).
#include "gridworld.hpp"

#include <algorithm>
#include <cmath>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../rl/trailing_mean.hpp"

namespace lab {

using rl::Cell;

GridworldLab::GridworldLab(const Value& config) {
  Reader r(config, "gridworld");
  r.only({"grid", "algo", "gamma", "step_reward", "slip", "tol", "epsilon", "alpha", "episodes", "seed", "planning", "max_steps", "lambda", "frames"});
  spec_ = rl::read_gridworld(r);
  text_ = r.string("grid");
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms}")) {
    fr->only({"every_ms"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
  }
  const auto n = static_cast<std::size_t>(spec_.grid.size());
  if (spec_.dp) {
    v_.assign(n, 0.0);
    policy_ = rl::greedy_policy(spec_.grid, spec_.dynamics, v_);
  } else {
    learner_ = std::make_unique<rl::Learner>(spec_.grid, spec_.dynamics, spec_.learn);
  }
}

void GridworldLab::begin(Emitter& em) {
  if (spec_.dp) {
    stream_ = em.declare("sweep", 0, {"step", "delta", "changed", "v_start"});
    const double row[] = {0, NAN, NAN, spec_.grid.start < 0 ? NAN : 0.0};
    em.push(stream_, row);
  } else {
    stream_ = em.declare("episode", 0, {"step", "return", "length", "v_start", "mean_return"});
  }
  if (frames_on_) em.frame(frame());
}

bool GridworldLab::step(Emitter& em) {
  ++steps_;
  const bool more = spec_.dp ? dp_step(em) : learner_step(em);
  const auto now = std::chrono::steady_clock::now();
  // steps taken one by one (a Step, a slow pace) each get their picture; at full speed, one every every_ms
  const bool slow = std::chrono::duration<double, std::milli>(now - last_step_).count() >= kSlowStepMs;
  last_step_ = now;
  if (frames_on_ && (!more || slow || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) em.frame(frame());
  return more;
}

bool GridworldLab::dp_step(Emitter& em) {
  const rl::Grid& g = spec_.grid;
  const rl::Dynamics& d = spec_.dynamics;
  double changed = NAN;
  double delta = 0;
  bool more = true;
  if (spec_.algo == "value-iteration") {
    delta = rl::optimality_sweep(g, d, v_, scratch_);
    ++sweeps_;
    std::vector<int> greedy = rl::greedy_policy(g, d, v_);
    int c = 0;
    for (std::size_t s = 0; s < greedy.size(); ++s) c += greedy[s] != policy_[s];
    changed = c;
    policy_ = std::move(greedy);
    converged_ = delta < spec_.tol;
    more = !converged_ && sweeps_ < spec_.max_sweeps;
  } else {
    delta = rl::evaluation_sweep(g, d, policy_, v_, scratch_);
    ++sweeps_;
    ++sweeps_this_policy_;
    if (!(delta >= spec_.tol) || sweeps_this_policy_ >= spec_.max_sweeps) {
      const int c = rl::improve_policy(g, d, v_, policy_);
      ++improvements_;
      sweeps_this_policy_ = 0;
      changed = c;
      converged_ = c == 0 && delta < spec_.tol;
      more = c != 0 && improvements_ < 10000;
    }
  }
  last_delta_ = delta;
  if (!std::isfinite(delta)) {
    status_ = "diverged";
    more = false;
  }
  const double row[] = {static_cast<double>(steps_), delta, changed, g.start < 0 ? NAN : v_[static_cast<std::size_t>(g.start)]};
  em.push(stream_, row);
  return more;
}

bool GridworldLab::learner_step(Emitter& em) {
  rl::Episode e = learner_->episode();
  path_ = std::move(e.path);
  last_return_ = e.ret;
  returns_.push_back(e.ret);
  const std::vector<double>& q = learner_->q();
  const std::size_t s0 = static_cast<std::size_t>(spec_.grid.start) * 4;
  const double v_start = std::max({q[s0], q[s0 + 1], q[s0 + 2], q[s0 + 3]});
  const double row[] = {static_cast<double>(steps_), e.ret, static_cast<double>(e.length), v_start, trailing_mean()};
  em.push(stream_, row);
  if (!std::isfinite(e.ret) || !std::isfinite(v_start)) {
    status_ = "diverged";
    return false;
  }
  return learner_->episodes() < spec_.learn.episodes;
}

double GridworldLab::trailing_mean() const { return returns_.empty() ? NAN : rl::mean_last(returns_, 100); }

std::vector<double> GridworldLab::current_values() const {
  return spec_.dp ? v_ : rl::greedy_of_q(spec_.grid, learner_->q()).values;
}

std::vector<int> GridworldLab::current_policy() const {
  return spec_.dp ? policy_ : rl::greedy_of_q(spec_.grid, learner_->q()).policy;
}

Frame GridworldLab::frame() {
  last_frame_ = std::chrono::steady_clock::now();
  const rl::Grid& g = spec_.grid;
  const std::vector<double> v = current_values();
  const std::vector<int> policy = current_policy();
  Frame f;
  f.name = "values";
  f.step = steps_;
  f.shape = {g.size(), 5};
  f.data.assign(static_cast<std::size_t>(g.size()) * 5, NAN);
  for (int s = 0; s < g.size(); ++s) {
    const Cell c = g.at(s);
    if (c == Cell::wall || c == Cell::cliff) continue;
    float* out = f.data.data() + static_cast<std::size_t>(s) * 5;
    out[0] = g.terminal(s) ? 0.f : static_cast<float>(v[static_cast<std::size_t>(s)]);
    if (g.terminal(s)) continue;
    for (int a = 0; a < 4; ++a)
      out[1 + a] = static_cast<float>(spec_.dp ? rl::q_value(g, v_, s, a, spec_.dynamics) : learner_->q()[static_cast<std::size_t>(s) * 4 + static_cast<std::size_t>(a)]);
  }
  Value::Array pol, path;
  for (int a : policy) pol.emplace_back(static_cast<double>(a));
  for (int s : path_) path.emplace_back(static_cast<double>(s));
  Value::Array rows;
  for (int r = 0; r < g.rows; ++r) {
    std::string line;
    for (int c = 0; c < g.cols; ++c) line += r * g.cols + c == g.start ? 'S' : static_cast<char>(g.at(r * g.cols + c));
    rows.emplace_back(line);
  }
  const bool learner = !spec_.dp;
  f.meta = Value(Value::Object{
      {"rows", static_cast<double>(g.rows)},
      {"cols", static_cast<double>(g.cols)},
      {"grid", Value(std::move(rows))},
      {"algo", spec_.algo},
      {"policy", Value(std::move(pol))},
      {"path", Value(std::move(path))},
      {"start", g.start < 0 ? Value() : Value(static_cast<double>(g.start))},
      {"phase", spec_.algo == "policy-iteration" ? Value(std::string(sweeps_this_policy_ == 0 && sweeps_ > 0 ? "improve" : "evaluate")) : Value()},
      {"gamma", spec_.dynamics.gamma},
      {"epsilon", learner ? Value(learner_->settings().epsilon) : Value()},
      {"alpha", learner ? Value(learner_->settings().alpha) : Value()},
  });
  return f;
}

void GridworldLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"gamma", "epsilon", "alpha"});
    sr.number("gamma", 0.9, Range{0, 1, false, false, false});
    sr.number("epsilon", 0.1, Range{0, 1, false, false, false});
    sr.number("alpha", 0.1, Range{0, 1, true, false, false});
    if (spec_.dp)
      for (const char* k : {"epsilon", "alpha"})
        if (sr.get(k) != nullptr) sr.fail(k, *sr.get(k), "nothing: dynamic programming has no " + std::string(k) + " (only the learners do)");
  }
}

void GridworldLab::apply_update(const Value& update) {
  const Value* s = update.find("set");
  if (s == nullptr) return;
  if (const Value* v = s->find("gamma")) {
    spec_.dynamics.gamma = v->as_number();
    if (learner_) learner_->dynamics().gamma = v->as_number();
    converged_ = false;
  }
  if (learner_) {
    if (const Value* v = s->find("epsilon")) learner_->settings().epsilon = v->as_number();
    if (const Value* v = s->find("alpha")) learner_->settings().alpha = v->as_number();
  }
}

Value GridworldLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const std::string st = status_ == "diverged" ? "diverged" : status;
  const rl::Grid& g = spec_.grid;
  const double mean100 = trailing_mean();
  const std::vector<double> v = current_values();
  Value::Object final_{{"delta", number_or_null(last_delta_)},
                       {"return", number_or_null(last_return_)},
                       {"mean_return_100", number_or_null(mean100)},
                       {"v_start", g.start < 0 ? Value() : number_or_null(v[static_cast<std::size_t>(g.start)])}};
  return Value(Value::Object{{"status", st},
                             {"algo", spec_.algo},
                             {"steps", static_cast<double>(steps_)},
                             {"sweeps", static_cast<double>(sweeps_)},
                             {"improvements", static_cast<double>(improvements_)},
                             {"episodes", learner_ ? Value(static_cast<double>(learner_->episodes())) : Value(0.0)},
                             {"converged", spec_.dp && converged_},
                             {"values", rl::value_rows(g, v)},
                             {"policy", rl::policy_rows(g, current_policy())},
                             {"final", Value(std::move(final_))},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", steps_ > 0 ? compute_ms / static_cast<double>(steps_) : 0.0}});
}

}  // namespace lab
