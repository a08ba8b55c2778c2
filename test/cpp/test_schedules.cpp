// Learning-rate schedules: factor(t) at several t against hand values (which are also what PyTorch's
// StepLR / ExponentialLR / CosineAnnealingLR give, stepped once per update), warm-up, and read_schedule.
#include <cmath>
#include <string>

#include "check.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "optim/schedule.hpp"

using lab::Value;
using lab::optim::read_schedule;
using lab::optim::Schedule;

namespace {

Schedule make(Schedule::Kind kind) {
  Schedule s;
  s.kind = kind;
  return s;
}

Schedule read(Value::Object o) {
  const Value v(std::move(o));
  return read_schedule(&v, "race.optimizers[0].schedule");
}

}  // namespace

TEST("constant is 1 at every update") {
  const Schedule s;
  CHECK(s.kind == Schedule::Kind::Constant);
  for (std::int64_t t : {1, 2, 10, 1000000}) CHECK_NEAR(s.factor(t), 1, 0);
}

TEST("step: gamma^floor((t - 1) / step_size)") {
  Schedule s = make(Schedule::Kind::Step);
  s.step_size = 3;
  s.gamma = 0.5;
  // t = 1, 2, 3 → s = 0, 1, 2 → 0.5⁰;  t = 4..6 → 0.5¹;  t = 7 → 0.5²;  t = 31 → 0.5¹⁰
  const double want[] = {1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25};
  for (int t = 1; t <= 8; ++t) CHECK_REL(s.factor(t), want[t - 1], 1e-15);
  CHECK_REL(s.factor(31), 1.0 / 1024, 1e-15);
}

TEST("exponential: gamma^(t - 1)") {
  Schedule s = make(Schedule::Kind::Exponential);
  s.gamma = 0.9;
  CHECK_REL(s.factor(1), 1, 1e-15);
  CHECK_REL(s.factor(2), 0.9, 1e-15);
  CHECK_REL(s.factor(3), 0.81, 1e-15);
  CHECK_REL(s.factor(11), 0.3486784401, 1e-14);  // 0.9¹⁰
}

TEST("cosine: m + (1 - m)(1 + cos(pi min(s, total) / total)) / 2") {
  Schedule s = make(Schedule::Kind::Cosine);
  s.total = 10;
  CHECK_REL(s.factor(1), 1, 1e-15);                   // s = 0
  CHECK_REL(s.factor(3), 0.9045084971874737, 1e-15);  // s = 2: (1 + cos(0.2π))/2
  CHECK_REL(s.factor(6), 0.5, 1e-15);                 // s = 5: half way
  CHECK_NEAR(s.factor(11), 0, 1e-15);                 // s = 10 = total: the minimum
  CHECK_NEAR(s.factor(500), 0, 1e-15);                // stays at the minimum afterwards
  s.min_factor = 0.1;
  CHECK_REL(s.factor(4), 0.8145033635316129, 1e-15);  // 0.1 + 0.9·(1 + cos(0.3π))/2
  CHECK_REL(s.factor(6), 0.55, 1e-15);
  CHECK_REL(s.factor(11), 0.1, 1e-15);
  CHECK_REL(s.factor(12), 0.1, 1e-15);
}

TEST("warm-up: t / warmup, then the schedule starts from its beginning") {
  Schedule c;
  c.warmup = 4;
  CHECK_REL(c.factor(1), 0.25, 1e-15);
  CHECK_REL(c.factor(2), 0.5, 1e-15);
  CHECK_REL(c.factor(3), 0.75, 1e-15);
  CHECK_REL(c.factor(4), 1, 1e-15);
  CHECK_REL(c.factor(5), 1, 1e-15);

  Schedule st = make(Schedule::Kind::Step);
  st.step_size = 3;
  st.gamma = 0.5;
  st.warmup = 2;
  // t = 1, 2: 1/2, 2/2;  t = 3 is s = 0 → 1;  t = 5 is s = 2 → 1;  t = 6 is s = 3 → 0.5
  CHECK_REL(st.factor(1), 0.5, 1e-15);
  CHECK_REL(st.factor(2), 1, 1e-15);
  CHECK_REL(st.factor(3), 1, 1e-15);
  CHECK_REL(st.factor(5), 1, 1e-15);
  CHECK_REL(st.factor(6), 0.5, 1e-15);

  Schedule co = make(Schedule::Kind::Cosine);
  co.total = 10;
  co.warmup = 5;
  CHECK_REL(co.factor(3), 0.6, 1e-15);
  CHECK_REL(co.factor(5), 1, 1e-15);
  CHECK_REL(co.factor(6), 1, 1e-15);     // s = 0
  CHECK_REL(co.factor(11), 0.5, 1e-15);  // s = 5
  CHECK_NEAR(co.factor(16), 0, 1e-15);   // s = 10

  Schedule e = make(Schedule::Kind::Exponential);
  e.gamma = 0.5;
  e.warmup = 1;  // warm-up of one update: factor 1 at t = 1, then 0.5⁰, 0.5¹, …
  CHECK_REL(e.factor(1), 1, 1e-15);
  CHECK_REL(e.factor(2), 1, 1e-15);
  CHECK_REL(e.factor(3), 0.5, 1e-15);
}

TEST("kind names") {
  CHECK(std::string(make(Schedule::Kind::Constant).kind_name()) == "constant");
  CHECK(std::string(make(Schedule::Kind::Step).kind_name()) == "step");
  CHECK(std::string(make(Schedule::Kind::Exponential).kind_name()) == "exponential");
  CHECK(std::string(make(Schedule::Kind::Cosine).kind_name()) == "cosine");
}

TEST("read_schedule: absent or null is constant; every field read") {
  CHECK(read_schedule(nullptr, "s").kind == Schedule::Kind::Constant);
  const Value null;
  CHECK(read_schedule(&null, "s").kind == Schedule::Kind::Constant);

  Schedule s = read({{"type", "step"}, {"step_size", 50}, {"gamma", 0.3}, {"warmup", 10}});
  CHECK(s.kind == Schedule::Kind::Step);
  CHECK_NEAR(s.step_size, 50, 0);
  CHECK_NEAR(s.gamma, 0.3, 0);
  CHECK_NEAR(s.warmup, 10, 0);
  CHECK_NEAR(s.total, 1000, 0);  // defaults for the rest
  CHECK_NEAR(s.min_factor, 0, 0);

  s = read({{"type", "cosine"}, {"total", 200}, {"min_factor", 0.05}});
  CHECK(s.kind == Schedule::Kind::Cosine);
  CHECK_NEAR(s.total, 200, 0);
  CHECK_NEAR(s.min_factor, 0.05, 0);
  CHECK_NEAR(s.warmup, 0, 0);

  CHECK(read({{"type", "exponential"}, {"gamma", 0.99}}).kind == Schedule::Kind::Exponential);
  CHECK(read({{"type", "constant"}, {"warmup", 100}}).kind == Schedule::Kind::Constant);
  CHECK(read({{"type", "constant"}, {"gamma", nullptr}}).gamma == 0.1);  // null means default
}

TEST("read_schedule errors name the field, the value and what was expected") {
  const std::string p = "race.optimizers[0].schedule";
  const Value three(3);
  CHECK_THROWS_CODE(read_schedule(&three, p), lab::code::invalid_config, p + ": expected an object, got 3");
  CHECK_THROWS_CODE(read({{"gamma", 0.5}}), lab::code::invalid_config, p + ".type: required, expected a string");
  CHECK_THROWS_CODE(read({{"type", 1}}), lab::code::invalid_config, p + ".type: expected a string, got 1");
  CHECK_THROWS_CODE(read({{"type", "linear"}}), lab::code::invalid_config,
                    p + ".type: expected one of: constant, step, exponential, cosine, got \"linear\"");
  CHECK_THROWS_CODE(read({{"type", "step"}, {"gama", 0.5}}), lab::code::invalid_config,
                    p + ".gama: unknown field; expected one of: type, step_size, gamma, total, min_factor, warmup");
  CHECK_THROWS_CODE(read({{"type", "step"}, {"step_size", 0}}), lab::code::invalid_config,
                    p + ".step_size: expected an integer ≥ 1, got 0");
  CHECK_THROWS_CODE(read({{"type", "step"}, {"step_size", 2.5}}), lab::code::invalid_config,
                    p + ".step_size: expected an integer ≥ 1, got 2.5");
  CHECK_THROWS_CODE(read({{"type", "step"}, {"gamma", 0}}), lab::code::invalid_config,
                    p + ".gamma: expected a finite number > 0, got 0");
  CHECK_THROWS_CODE(read({{"type", "exponential"}, {"gamma", "fast"}}), lab::code::invalid_config,
                    p + ".gamma: expected a finite number > 0, got \"fast\"");
  CHECK_THROWS_CODE(read({{"type", "cosine"}, {"total", 0}}), lab::code::invalid_config,
                    p + ".total: expected an integer ≥ 1, got 0");
  CHECK_THROWS_CODE(read({{"type", "cosine"}, {"min_factor", 1.5}}), lab::code::invalid_config,
                    p + ".min_factor: expected a finite number in [0, 1], got 1.5");
  CHECK_THROWS_CODE(read({{"type", "cosine"}, {"warmup", -1}}), lab::code::invalid_config,
                    p + ".warmup: expected an integer ≥ 0, got -1");
  CHECK_THROWS_CODE(read({{"type", "cosine"}, {"warmup", std::nan("")}}), lab::code::invalid_config,
                    p + ".warmup: expected an integer ≥ 0, got NaN");
}

CHECK_MAIN()
