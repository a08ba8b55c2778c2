// lab::RaceLab: config parsing (defaults, errors with field paths), the rows it streams, stop rules,
// noise determinism and live updates — run through a Session into a vector.
#include <cmath>

#include "check.hpp"
#include "collect_sink.hpp"
#include "labs/race.hpp"
#include "labs/registry.hpp"

using namespace lab;

namespace {

// Race rows: stream "race", one member per optimizer.
struct Collect : CollectSink {
  std::vector<double> col(int index, const std::string& name) const { return CollectSink::col("race", index, name); }
};

Value opt(const char* type, Value::Object extra = {}) {
  extra["type"] = type;
  return Value(std::move(extra));
}

Value quad_config(Value::Array optimizers, double steps) {
  return Value(Value::Object{{"function", Value(Value::Object{{"name", "quadratic"}, {"params", Value(Value::Object{{"kappa", 10.0}})}})},
                             {"start", Value(Value::Array{1.0, 1.0})},
                             {"steps", steps},
                             {"optimizers", Value(std::move(optimizers))}});
}

Collect run(const Value& config) {
  Session s(make_lab("race", config), {});
  Collect sink;
  s.run(&sink);
  return sink;
}

}  // namespace

TEST("resolved config fills every default") {
  RaceLab race(Value(Value::Object{{"function", "rosenbrock"}, {"optimizers", Value(Value::Array{opt("adam")})}}));
  Value r = race.resolved();
  CHECK(r.find("steps")->as_number() == 1000);
  CHECK(r.find("seed")->as_number() == 1);
  CHECK(r.find("start")->as_array()[0].as_number() == -1.5);  // rosenbrock's default start
  const Value& adam = r.find("optimizers")->as_array()[0];
  CHECK(adam.find("name")->as_string() == "adam");
  CHECK(adam.find("hypers")->find("lr")->as_number() == 0.001);
  CHECK(adam.find("hypers")->find("bias_correction")->as_bool());
  CHECK(std::string(adam.find("schedule")->find("type")->as_string()) == "constant");
}

TEST("stream columns: step, x, y, f, gx, gy, gnorm, lr, then the state per coordinate") {
  Collect c = run(quad_config({opt("adam", {{"lr", 0.1}}), opt("momentum")}, 2));
  const Event* first_adam = nullptr;
  for (const auto& e : c.events)
    if (e.kind == Event::Kind::Batch && e.batch.index == 0 && first_adam == nullptr) first_adam = &e;
  CHECK(first_adam != nullptr);
  const std::vector<std::string> want{"step", "x", "y", "f", "gx", "gy", "gnorm", "lr", "m_x", "m_y", "v_x", "v_y", "m_hat_x", "m_hat_y", "v_hat_x", "v_hat_y"};
  CHECK(first_adam->batch.names == want);
  CHECK(c.col(1, "v_x").size() == 3);
  // momentum defaults lr 0.01, β 0.9: v1 = −0.01·(1, 10)
  CHECK_NEAR(c.col(1, "v_y")[1], -0.1, 1e-15);
  CHECK_NEAR(c.col(1, "y")[1], 0.9, 1e-15);
}

TEST("row k is the point after k updates; SGD numbers by hand") {
  Collect c = run(quad_config({opt("sgd", {{"lr", 0.1}})}, 3));
  auto x = c.col(0, "x"), y = c.col(0, "y"), f = c.col(0, "f"), lr = c.col(0, "lr");
  CHECK(x.size() == 4);
  CHECK(x[0] == 1 && y[0] == 1 && f[0] == 5.5 && std::isnan(lr[0]));
  CHECK_NEAR(x[1], 0.9, 1e-15);    // 1 − 0.1·1
  CHECK_NEAR(y[1], 0.0, 1e-15);    // 1 − 0.1·10
  CHECK_NEAR(x[3], 0.729, 1e-15);  // 0.9³
  CHECK(lr[1] == 0.1);
  CHECK(c.summary().find("optimizers")->as_array()[0].find("status")->as_string() == "completed");
}

TEST("divergence is a status with a notice, the others go on") {
  Collect c = run(quad_config({opt("sgd", {{"lr", 1.0}}), opt("sgd", {{"lr", 0.01}})}, 100));
  const auto& opts = c.summary().find("optimizers")->as_array();
  CHECK(opts[0].find("status")->as_string() == "diverged");
  CHECK(opts[0].find("steps")->as_number() == 7);  // |y_k| = 9^k passes 1e6 at k = 7
  CHECK(opts[1].find("status")->as_string() == "completed");
  CHECK(opts[1].find("steps")->as_number() == 100);
  int notices = 0;
  for (const auto& e : c.events) notices += e.kind == Event::Kind::Notice;
  CHECK(notices == 2);
}

TEST("NaN from the landscape ends an optimizer as diverged, never a crash") {
  Value cfg(Value::Object{{"function", Value(Value::Object{{"formula", "sqrt(x) + y^2"}})},
                          {"start", Value(Value::Array{0.5, 1.0})},
                          {"steps", 100.0},
                          {"optimizers", Value(Value::Array{opt("sgd", {{"lr", 2.0}})})}});
  Collect c = run(cfg);
  const auto& o = c.summary().find("optimizers")->as_array()[0];
  CHECK(o.find("status")->as_string() == "diverged");
  CHECK(o.find("steps")->as_number() < 100);
}

TEST("noise: same seed, same numbers; every optimizer sees the same sequence") {
  auto cfg = [](double seed) {
    return Value(Value::Object{{"function", "rosenbrock"},
                               {"steps", 50.0},
                               {"seed", seed},
                               {"noise", Value(Value::Object{{"sigma", 0.3}})},
                               {"optimizers", Value(Value::Array{opt("adam"), opt("sgd", {{"lr", 1e-4}})})}});
  };
  Collect a = run(cfg(3)), b = run(cfg(3)), d = run(cfg(4));
  CHECK(a.col(0, "x") == b.col(0, "x"));
  CHECK(a.col(0, "x") != d.col(0, "x"));
  CHECK(a.col(0, "gx")[0] == a.col(1, "gx")[0]);
  CHECK(a.col(0, "gnorm")[0] == d.col(0, "gnorm")[0]);  // ‖∇f‖ is noise-free
}

TEST("config errors name the field path") {
  auto make = [](Value cfg) { return RaceLab(cfg); };
  CHECK_THROWS_CODE(make(quad_config({opt("adam", {{"lr", -1.0}})}, 10)), "INVALID_CONFIG", "race.optimizers[0].lr: expected a finite number > 0, got -1");
  CHECK_THROWS_CODE(make(quad_config({opt("adamm")}, 10)), "UNKNOWN_OPTIMIZER", "race.optimizers[0].type: unknown optimizer \"adamm\"");
  CHECK_THROWS_CODE(make(quad_config({opt("sgd", {{"beta", 0.9}})}, 10)), "UNKNOWN_HYPERPARAMETER", "race.optimizers[0].beta");
  CHECK_THROWS_CODE(make(quad_config({opt("sgd")}, 0)), "INVALID_CONFIG", "race.steps: expected an integer in [1, 10000000], got 0");
  CHECK_THROWS_CODE(make(quad_config({opt("sgd")}, 1e12)), "INVALID_CONFIG", "race.steps");
  CHECK_THROWS_CODE(make(quad_config({}, 10)), "INVALID_CONFIG", "race.optimizers: expected 1 to 16 optimizers, got 0");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"function", "nope"}, {"optimizers", Value(Value::Array{opt("sgd")})}})), "UNKNOWN_FUNCTION", "race.function");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"function", "booth"}, {"start", Value(Value::Array{std::nan(""), 1.0})}, {"optimizers", Value(Value::Array{opt("sgd")})}})),
                    "INVALID_CONFIG", "race.start[0]: expected a finite number, got NaN");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"function", "booth"}, {"stesp", 3.0}, {"optimizers", Value(Value::Array{opt("sgd")})}})), "INVALID_CONFIG", "race.stesp: unknown field");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"optimizers", Value(Value::Array{opt("sgd")})}})), "INVALID_CONFIG", "race.function: required");
}

TEST("live updates: validated against each optimizer's table, applied before the next step") {
  RaceLab race(quad_config({opt("sgd", {{"lr", 0.1}}), opt("adam")}, 10));
  CHECK_THROWS_CODE(race.validate_update(Value(Value::Object{{"set", Value(Value::Object{{"beta1", 0.5}})}})), "UNKNOWN_HYPERPARAMETER", "sgd has no hyper-parameter \"beta1\"");
  race.validate_update(Value(Value::Object{{"optimizer", 1.0}, {"set", Value(Value::Object{{"beta1", 0.5}})}}));
  CHECK_THROWS_CODE(race.validate_update(Value(Value::Object{{"optimizer", 2.0}})), "INVALID_CONFIG", "update.optimizer");
  Emitter em;
  race.begin(em);
  race.apply_update(Value(Value::Object{{"optimizer", 0.0}, {"set", Value(Value::Object{{"lr", 0.5}})}}));
  race.step(em);
  CHECK_NEAR(race.runners()[0].theta[0], 0.5, 1e-15);  // 1 − 0.5·1
}

CHECK_MAIN()
