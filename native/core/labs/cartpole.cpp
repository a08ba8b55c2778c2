// The cart-pole session (see cartpole.hpp).
#include "cartpole.hpp"

#include <algorithm>
#include <cmath>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../nn/checkpoint.hpp"
#include "../rl/cartpole.hpp"

namespace lab {

CartpoleLab::CartpoleLab(const Value& config) {
  Reader r(config, "cartpole");
  r.only({"algo", "episodes", "target", "seed", "gamma", "lr", "hidden", "frames"});
  c_ = rl::read_pg_config(r);
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms}")) {
    fr->only({"every_ms"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
  }
  learner_ = rl::make_cartpole_learner(c_);
  watch_rng_ = Rng(c_.seed ^ 0x5DEECE66DULL);
}

void CartpoleLab::begin(Emitter& em) { stream_ = em.declare("episode", 0, {"step", "return", "mean_return"}); }

bool CartpoleLab::step(Emitter& em) {
  std::vector<rl::CartPoleState> path;
  const int steps = learner_->episode(frames_on_ ? &path : nullptr);
  const bool solved = rl::episode_done(record_, steps, c_.target);
  const auto episodes = static_cast<double>(record_.returns.size());
  const double row[] = {episodes, static_cast<double>(steps), record_.mean_return_100};
  em.push(stream_, row);
  const bool more = !solved && static_cast<int>(record_.returns.size()) < c_.episodes;
  const auto now = std::chrono::steady_clock::now();
  if (frames_on_ && (record_.returns.size() == 1 || !more || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) {
    em.frame(picture("episode", path));
    last_frame_ = now;
  }
  if (!more || watch_asked_) {
    em.frame(watch());
    watch_asked_ = false;
  }
  return more;
}

Frame CartpoleLab::picture(const std::string& name, const std::vector<rl::CartPoleState>& path) {
  Frame f;
  f.name = name;
  f.step = static_cast<std::int64_t>(record_.returns.size());
  f.shape = {static_cast<std::int64_t>(path.size()), 6};
  f.data.reserve(path.size() * 6);
  for (const rl::CartPoleState& s : path) {
    const std::array<double, 2> o = learner_->outputs(s);
    for (double v : {s.x, s.x_dot, s.theta, s.theta_dot, o[0], o[1]}) f.data.push_back(static_cast<float>(v));
  }
  f.meta = Value(Value::Object{{"outputs", std::string(learner_->q_values() ? "q" : "probabilities")},
                               {"episode", static_cast<double>(record_.returns.size())},
                               {"return", static_cast<double>(path.empty() ? 0 : path.size() - 1)},
                               {"watch", static_cast<double>(watches_)}});
  return f;
}

Frame CartpoleLab::watch() {
  // the greedy policy from a reset of its own (CartPole-v1's: each variable uniform in [−0.05, 0.05])
  ++watches_;
  rl::CartPoleState s{(watch_rng_.uniform() - 0.5) * 0.1, (watch_rng_.uniform() - 0.5) * 0.1, (watch_rng_.uniform() - 0.5) * 0.1,
                      (watch_rng_.uniform() - 0.5) * 0.1};
  std::vector<rl::CartPoleState> path{s};
  for (int t = 0; t < rl::kCartPoleMaxSteps && !rl::cartpole_terminated(s); ++t) {
    s = rl::cartpole_step(s, learner_->greedy(s));
    path.push_back(s);
  }
  return picture("watch", path);
}

void CartpoleLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "watch", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"lr"});
    sr.number("lr", 0.01, Range::positive());
  }
  if (const Value* w = u.get("watch"); w != nullptr && w->kind() != Value::Kind::Bool) u.fail("watch", *w, "true (an episode of the greedy policy now)");
}

void CartpoleLab::apply_update(const Value& update) {
  if (const Value* w = update.find("watch"); w != nullptr && w->as_bool()) watch_asked_ = true;
  if (const Value* s = update.find("set"))
    if (const Value* lr = s->find("lr")) {
      learner_->settings().lr = learner_->settings().value_lr = learner_->settings().dqn_lr = lr->as_number();
    }
}

Value CartpoleLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const std::vector<double>& returns = record_.returns;
  const std::string st = status == "completed" && record_.solved ? "solved" : status;
  return Value(Value::Object{{"status", st},
                             {"algo", c_.algo},
                             {"episodes", static_cast<double>(returns.size())},
                             {"solved", record_.solved},
                             {"target", c_.target},
                             {"final", Value(Value::Object{{"mean_return_100", returns.empty() ? Value() : number_or_null(record_.mean_return_100)},
                                                           {"return", returns.empty() ? Value() : Value(returns.back())}})},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", returns.empty() ? 0.0 : compute_ms / static_cast<double>(returns.size())}});
}

std::string CartpoleLab::weights_bytes() const { return learner_->weights_bytes(); }

}  // namespace lab
