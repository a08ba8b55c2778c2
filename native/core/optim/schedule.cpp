// Learning-rate schedules (see schedule.hpp): factor(t) and reading one from a config value.
#include "schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "../error.hpp"

namespace lab::optim {

double Schedule::factor(std::int64_t t) const {
  const double td = static_cast<double>(t);
  if (warmup > 0 && td <= warmup) return std::max(td, 0.0) / warmup;
  const double s = std::max(td - warmup - 1, 0.0);  // updates since warm-up ended (0 for the first)
  switch (kind) {
    case Kind::Constant: return 1;
    case Kind::Step: return std::pow(gamma, std::floor(s / step_size));
    case Kind::Exponential: return std::pow(gamma, s);
    case Kind::Cosine: {
      const double m = min_factor;
      return m + (1 - m) * (1 + std::cos(std::numbers::pi * std::min(s, total) / total)) / 2;
    }
  }
  return 1;
}

const char* Schedule::kind_name() const {
  switch (kind) {
    case Kind::Constant: return "constant";
    case Kind::Step: return "step";
    case Kind::Exponential: return "exponential";
    case Kind::Cosine: return "cosine";
  }
  return "constant";
}

Schedule read_schedule(const Value* v, const std::string& path) {
  Schedule s;
  if (v == nullptr || v->is_null()) return s;
  const Reader r(*v, path);
  r.only({"type", "step_size", "gamma", "total", "min_factor", "warmup"});
  const std::string type = r.string("type");
  if (type == "constant") s.kind = Schedule::Kind::Constant;
  else if (type == "step") s.kind = Schedule::Kind::Step;
  else if (type == "exponential") s.kind = Schedule::Kind::Exponential;
  else if (type == "cosine") s.kind = Schedule::Kind::Cosine;
  else r.fail("type", *r.get("type"), "one of: constant, step, exponential, cosine");
  const Range count{1, 1e300, false, false, true};  // an integer ≥ 1
  s.step_size = r.number("step_size", s.step_size, count);
  s.gamma = r.number("gamma", s.gamma, Range::positive());
  s.total = r.number("total", s.total, count);
  s.min_factor = r.number("min_factor", s.min_factor, Range{0, 1});
  s.warmup = r.number("warmup", s.warmup, Range{0, 1e300, false, false, true});
  return s;
}

}  // namespace lab::optim
