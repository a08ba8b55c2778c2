// lab::RaceLab: config parsing, the lock-step loop and the stop rules (see race.hpp).
#include "race.hpp"

#include <cmath>

#include "../optim/registry.hpp"
#include "../runtime/norm2.hpp"

namespace lab {

namespace {
constexpr double kMaxSteps = 10'000'000;
constexpr std::size_t kMaxOptimizers = 16;
const char* const kCoords[2] = {"_x", "_y"};
}  // namespace

RaceLab::RaceLab(const Value& config) {
  Reader r(config, "race");
  r.only({"function", "start", "steps", "seed", "noise", "stop", "optimizers"});
  const Value* fn = r.get("function");
  if (fn == nullptr) throw Error(code::invalid_config, "race.function: required, expected a function name or {formula}");
  land_ = land::make_landscape(*fn, "race.function");

  start_[0] = land_.start.x;
  start_[1] = land_.start.y;
  if (const Value* s = r.get("start"); s != nullptr && !s->is_null()) {
    if (s->kind() != Value::Kind::Array || s->as_array().size() != 2)
      r.fail("start", *s, "an array of two finite numbers [x, y]");
    start_[0] = check_number("race.start[0]", s->as_array()[0], Range::any());
    start_[1] = check_number("race.start[1]", s->as_array()[1], Range::any());
  }
  max_steps_ = static_cast<std::int64_t>(r.number("steps", 1000, Range{1, kMaxSteps, false, false, true}));
  seed_ = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));

  if (const Value* n = r.get("noise"); n != nullptr && !n->is_null()) {
    Reader nr(*n, "race.noise");
    nr.only({"sigma"});
    sigma_ = nr.number("sigma", 0, Range::non_negative());
  }
  if (const Value* s = r.get("stop"); s != nullptr && !s->is_null()) {
    Reader sr(*s, "race.stop");
    sr.only({"grad_tol", "f_target", "diverge_bound"});
    stop_.grad_tol = sr.number("grad_tol", 0, Range::non_negative());
    if (auto ft = sr.optional_number("f_target")) {
      stop_.has_f_target = true;
      stop_.f_target = *ft;
    }
    stop_.diverge_bound = sr.number("diverge_bound", 1e6, Range::positive());
  }

  const auto opts = r.array("optimizers");
  if (opts.empty() || opts.size() > kMaxOptimizers)
    throw Error(code::invalid_config, "race.optimizers: expected 1 to " + std::to_string(kMaxOptimizers) +
                                          " optimizers, got " + std::to_string(opts.size()));
  for (std::size_t i = 0; i < opts.size(); ++i) {
    const std::string path = "race.optimizers[" + std::to_string(i) + "]";
    Reader o(opts[i], path);
    RaceRunner run;
    run.type = o.string("type");
    run.opt = optim::make_optimizer<double>(run.type, path + ".type");
    run.name = o.string("name", run.type);
    optim::configure(*run.opt, o, {"type", "name", "schedule"});
    run.schedule = optim::read_schedule(o.get("schedule"), path + ".schedule");
    runners_.push_back(std::move(run));
  }
}

void RaceLab::evaluate(RaceRunner& r) {
  double gx = 0, gy = 0;
  r.f = land_.fn->value_grad(r.theta[0], r.theta[1], gx, gy);
  r.gnorm = norm2(gx, gy);  // not std::hypot: the store recomputes it bit for bit (runtime/norm2.hpp)
  if (sigma_ > 0) {
    gx += sigma_ * r.rng.normal();
    gy += sigma_ * r.rng.normal();
  }
  r.grad[0] = gx;
  r.grad[1] = gy;
}

void RaceLab::emit(RaceRunner& r, Emitter& em) {
  const auto names = r.opt->state_names();
  row_.assign(8 + 2 * names.size(), 0.0);
  row_[0] = static_cast<double>(r.steps);
  row_[1] = r.theta[0];
  row_[2] = r.theta[1];
  row_[3] = r.f;
  row_[4] = r.grad[0];
  row_[5] = r.grad[1];
  row_[6] = r.gnorm;
  row_[7] = r.steps == 0 ? std::nan("") : r.last_lr;
  std::vector<double> st(names.size());
  for (int c = 0; c < 2; ++c) {
    r.opt->read_state(static_cast<std::size_t>(c), st.data());
    for (std::size_t k = 0; k < names.size(); ++k) row_[8 + 2 * k + static_cast<std::size_t>(c)] = st[k];
  }
  em.push(r.stream, row_.data());
}

void RaceLab::check_stop(RaceRunner& r, Emitter& em) {
  const bool finite = std::isfinite(r.theta[0]) && std::isfinite(r.theta[1]) && std::isfinite(r.f) &&
                      std::isfinite(r.grad[0]) && std::isfinite(r.grad[1]);
  const double reach = std::fmax(std::fabs(r.theta[0]), std::fabs(r.theta[1]));
  std::string reason;
  if (!finite) {
    r.status = "diverged";
    reason = "a value became NaN or infinite";
  } else if (reach > stop_.diverge_bound) {
    r.status = "diverged";
    reason = "|θ| exceeded " + format_number(stop_.diverge_bound);
  } else if (stop_.grad_tol > 0 && r.gnorm < stop_.grad_tol) {
    r.status = "converged";
  } else if (stop_.has_f_target && r.f <= stop_.f_target) {
    r.status = "reached_target";
  } else if (r.steps >= max_steps_) {
    r.status = "completed";
  } else {
    return;
  }
  Value::Object n{{"type", "optimizer_status"},
                  {"optimizer", static_cast<double>(&r - runners_.data())},
                  {"status", r.status},
                  {"step", static_cast<double>(r.steps)}};
  if (!reason.empty()) n["reason"] = reason;
  em.notice(Value(std::move(n)));
}

void RaceLab::begin(Emitter& em) {
  for (auto& r : runners_) {
    std::vector<std::string> cols{"step", "x", "y", "f", "gx", "gy", "gnorm", "lr"};
    for (const char* s : r.opt->state_names())
      for (const char* c : kCoords) cols.push_back(std::string(s) + c);
    r.stream = em.declare("race", static_cast<int>(&r - runners_.data()), cols);
    r.opt->reset(2);
    r.rng.reseed(seed_);
    r.theta[0] = start_[0];
    r.theta[1] = start_[1];
    evaluate(r);
    emit(r, em);
    check_stop(r, em);
  }
}

bool RaceLab::step(Emitter& em) {
  bool any = false;
  bool started = false;
  for (const auto& r : runners_) started = started || r.status == "running";
  if (!started) return false;
  for (auto& r : runners_) {
    if (r.status != "running") continue;
    r.last_lr = r.opt->get("lr") * r.schedule.factor(r.steps + 1);
    r.opt->step(r.theta, r.grad, r.last_lr);
    ++r.steps;
    evaluate(r);
    emit(r, em);
    check_stop(r, em);
    any = any || r.status == "running";
  }
  ++step_;
  return any;
}

void RaceLab::validate_update(const Value& update) const {
  Reader u(update, "update");
  u.only({"optimizer", "set", "noise", "steps_per_second"});
  std::vector<std::size_t> targets;
  if (auto i = u.optional_number("optimizer", Range{0, static_cast<double>(runners_.size()) - 1, false, false, true})) {
    targets.push_back(static_cast<std::size_t>(*i));
  } else {
    for (std::size_t i = 0; i < runners_.size(); ++i) targets.push_back(i);
  }
  if (const Value* s = u.get("set"); s != nullptr) {
    Reader sr(*s, "update.set");
    for (std::size_t i : targets) {  // try the values on a scratch optimizer of the same type
      auto scratch = optim::make_optimizer<double>(runners_[i].type);
      optim::configure(*scratch, sr, {});
    }
  }
  if (const Value* n = u.get("noise"); n != nullptr) {
    Reader nr(*n, "update.noise");
    nr.only({"sigma"});
    nr.number("sigma", Range::non_negative());
  }
}

void RaceLab::apply_update(const Value& update) {
  const Value* which = update.find("optimizer");
  for (std::size_t i = 0; i < runners_.size(); ++i) {
    if (which != nullptr && static_cast<std::size_t>(which->as_number()) != i) continue;
    if (const Value* s = update.find("set")) optim::configure(*runners_[i].opt, Reader(*s, "update.set"), {});
  }
  if (const Value* n = update.find("noise")) sigma_ = n->find("sigma")->as_number();
}

Value RaceLab::hypers_of(const RaceRunner& r) const {
  Value::Object h;
  for (const auto& p : r.opt->hypers()) {
    const double v = r.opt->get(p.name);
    h[p.name] = p.is_bool ? Value(v != 0) : Value(v);
  }
  return Value(std::move(h));
}

static Value schedule_value(const optim::Schedule& s) {
  return Value(Value::Object{{"type", s.kind_name()},
                             {"step_size", s.step_size},
                             {"gamma", s.gamma},
                             {"total", s.total},
                             {"min_factor", s.min_factor},
                             {"warmup", s.warmup}});
}

Value RaceLab::resolved() const {
  Value::Array opts;
  for (const auto& r : runners_) {
    Value::Object o{{"type", r.type}, {"name", r.name}, {"hypers", hypers_of(r)}, {"schedule", schedule_value(r.schedule)}};
    opts.emplace_back(std::move(o));
  }
  Value::Object fn{{"name", land_.name}, {"formula", land_.formula}};
  Value::Object stop{{"grad_tol", stop_.grad_tol}, {"diverge_bound", stop_.diverge_bound}};
  if (stop_.has_f_target) stop["f_target"] = stop_.f_target;
  return Value(Value::Object{{"function", Value(std::move(fn))},
                             {"start", Value(Value::Array{start_[0], start_[1]})},
                             {"steps", static_cast<double>(max_steps_)},
                             {"seed", static_cast<double>(seed_)},
                             {"noise", Value(Value::Object{{"sigma", sigma_}})},
                             {"stop", Value(std::move(stop))},
                             {"optimizers", Value(std::move(opts))}});
}

Value RaceLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  Value::Array opts;
  std::int64_t total_updates = 0;
  for (const auto& r : runners_) {
    total_updates += r.steps;
    const std::string st = (r.status == "running" && status == "stopped") ? "stopped" : r.status;
    opts.emplace_back(Value::Object{{"name", r.name},
                                    {"type", r.type},
                                    {"status", st},
                                    {"steps", static_cast<double>(r.steps)},
                                    {"hypers", hypers_of(r)},
                                    {"final", Value(Value::Object{{"x", r.theta[0]}, {"y", r.theta[1]}, {"f", r.f}, {"gnorm", r.gnorm}})}});
  }
  return Value(Value::Object{{"status", status},
                             {"steps", static_cast<double>(step_)},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", step_ > 0 ? compute_ms / static_cast<double>(step_) : 0.0},
                             {"updates", static_cast<double>(total_updates)},
                             {"optimizers", Value(std::move(opts))}});
}

}  // namespace lab
