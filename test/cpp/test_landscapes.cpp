// Built-in landscapes: analytic gradients against finite differences, the listed minima (value, zero
// gradient, really the lowest point in view), params moving the minima, and make_landscape's errors.
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include "check.hpp"
#include "landscape/builtin.hpp"
#include "landscape/function2d.hpp"
#include "landscape/grid.hpp"
#include "runtime/rng.hpp"

using namespace lab;
using namespace lab::land;

namespace {

Landscape make(const Value& spec) { return make_landscape(spec, "function"); }
Value named(const char* name, Value::Object params) {
  return Value(Value::Object{{"name", name}, {"params", Value(std::move(params))}});
}

// Five-point central difference (error O(h⁴)) of f along x (dir 0) or y (dir 1).
double fd(const Function2D& f, double x, double y, int dir) {
  const double h = 1e-4 * std::fmax(1.0, std::fabs(dir == 0 ? x : y));
  auto at = [&](double t) { return dir == 0 ? f.value(x + t, y) : f.value(x, y + t); };
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

}  // namespace

TEST("the table: at least the twelve landscapes, unique names, sane metadata") {
  std::set<std::string> names;
  for (const auto& l : landscape_list()) {
    CHECK(names.insert(l.name).second);
    CHECK(std::string(l.title).size() > 0);
    CHECK(std::string(l.formula).size() > 0);
    CHECK(std::string(l.note).size() > 0);
    const Bounds& b = l.bounds;
    CHECK(b.xmin < b.xmax && b.ymin < b.ymax);
    CHECK(l.start.x > b.xmin && l.start.x < b.xmax && l.start.y > b.ymin && l.start.y < b.ymax);
    for (const auto& m : l.minima) CHECK(m.x > b.xmin && m.x < b.xmax && m.y > b.ymin && m.y < b.ymax);
    // the view make_landscape gives at default params is the listed one
    const Bounds mb = make_landscape(Value(l.name), "f").bounds;
    CHECK(mb.xmin == b.xmin && mb.xmax == b.xmax && mb.ymin == b.ymin && mb.ymax == b.ymax);
    for (const auto& p : l.params) {
      CHECK(p.range.contains(p.def));
      CHECK(!p.is_bool);
    }
  }
  for (const char* n : {"rosenbrock", "beale", "himmelblau", "booth", "matyas", "goldstein_price", "ackley",
                        "rastrigin", "saddle", "quadratic", "three_hump_camel", "styblinski_tang"})
    CHECK(names.count(n) == 1);
  CHECK(landscape_list().size() == builtins().size());
}

TEST("gradients: analytic vs 5-point central differences at 20 seeded points each, relative error < 1e-8") {
  // Scale: |g − fd| ≤ 1e-8 · max(1, |g|) (h = 1e-4·max(1, |x|)). Worst case seen per function is printed for the record.
  for (const auto& b : builtins()) {
    Landscape l = make(b.info.name);
    Rng rng(42);
    double worst = 0;
    for (int i = 0; i < 20; ++i) {
      const Bounds& bb = l.bounds;
      const double x = bb.xmin + (bb.xmax - bb.xmin) * rng.uniform();
      const double y = bb.ymin + (bb.ymax - bb.ymin) * rng.uniform();
      double gx = 0, gy = 0;
      const double f = l.fn->value_grad(x, y, gx, gy);
      CHECK(f == l.fn->value(x, y));  // one body computes both: bit-identical
      const double ex = std::fabs(gx - fd(*l.fn, x, y, 0)) / std::fmax(1.0, std::fabs(gx));
      const double ey = std::fabs(gy - fd(*l.fn, x, y, 1)) / std::fmax(1.0, std::fabs(gy));
      worst = std::fmax(worst, std::fmax(ex, ey));
      if (!(ex < 1e-8 && ey < 1e-8))
        check::fail(__FILE__, __LINE__, std::string(b.info.name) + " at (" + check::num(x) + ", " + check::num(y) +
                                            "): relative errors " + check::num(ex) + ", " + check::num(ey));
    }
    std::printf("     %-17s worst relative gradient error %.1e\n", b.info.name, worst);
  }
}

TEST("every listed minimum: f equals the stated value (1e-12 relative) and |∇f| < 1e-9") {
  int count = 0;
  for (const auto& b : builtins()) {
    for (const auto& m : b.info.minima) {
      double gx = 0, gy = 0;
      Landscape l = make(b.info.name);
      const double v = l.fn->value_grad(m.x, m.y, gx, gy);
      CHECK_REL(v, m.f, 1e-12);
      if (!(std::hypot(gx, gy) < 1e-9))
        check::fail(__FILE__, __LINE__, std::string(b.info.name) + ": |∇f| = " + check::num(std::hypot(gx, gy)));
      // a minimum: nothing lower on a small ring around it
      for (int k = 0; k < 16; ++k) {
        const double a = k * 3.141592653589793 / 8;
        CHECK(l.fn->value(m.x + 1e-4 * std::cos(a), m.y + 1e-4 * std::sin(a)) > v);
      }
      ++count;
    }
  }
  CHECK(count >= 14);  // himmelblau alone has four
}

TEST("the listed minima are global in view: no grid point lies below them") {
  ThreadPool pool(2);
  for (const auto& b : builtins()) {
    if (b.info.minima.empty()) continue;
    Landscape l = make(b.info.name);
    const int n = 401;
    std::vector<double> v(n * n);
    evaluate_grid(*l.fn, l.bounds, n, n, v.data(), &pool);
    const GridStats s = grid_stats(v.data(), v.size());
    CHECK(s.non_finite == 0);
    if (!(s.min >= b.info.minima[0].f - 1e-9))
      check::fail(__FILE__, __LINE__, std::string(b.info.name) + ": grid min " + check::num(s.min) + " below " +
                                          check::num(b.info.minima[0].f));
  }
}

TEST("stated values: Goldstein–Price 3, Styblinski–Tang −78.33233, four Himmelblau minima, saddle unbounded") {
  const auto gp = make("goldstein_price");
  CHECK(gp.minima.size() == 1 && gp.minima[0].x == 0 && gp.minima[0].y == -1 && gp.minima[0].f == 3);
  CHECK(gp.fn->value(0, -1) == 3);
  const auto st = make("styblinski_tang");
  CHECK_NEAR(st.minima[0].x, -2.903534, 1e-6);
  CHECK_NEAR(st.minima[0].f, -78.33234, 1e-5);
  CHECK(make("himmelblau").minima.size() == 4);
  const auto sd = make("saddle");
  CHECK(sd.minima.empty());
  CHECK(sd.fn->value(0, 1e3) < -1e5);
  // Ackley: f(0, 0) = 0 exactly and its gradient there is defined as 0 (no NaN)
  const auto ak = make("ackley");
  double gx = 1, gy = 1;
  CHECK(ak.fn->value_grad(0, 0, gx, gy) == 0);
  CHECK(gx == 0 && gy == 0);
  // and finite right next to the tip
  ak.fn->value_grad(1e-300, 0, gx, gy);
  CHECK(std::isfinite(gx) && std::isfinite(gy));
}

TEST("hand values: Rosenbrock, Beale, Booth, quadratic") {
  double gx, gy;
  const auto r = make("rosenbrock");
  CHECK(r.fn->value_grad(0, 0, gx, gy) == 1);  // f = 1, ∇f = (−2, 0)
  CHECK(gx == -2 && gy == 0);
  const auto be = make("beale");
  CHECK_NEAR(be.fn->value(1, 1.5), 41.25, 1e-12);  // 2² + 3.5² + 5²
  const auto bo = make("booth");
  CHECK(bo.fn->value_grad(0, 0, gx, gy) == 74);  // 49 + 25; ∇f = (−14 − 20, −28 − 10)
  CHECK(gx == -34 && gy == -38);
  const auto q = make("quadratic");
  CHECK(q.fn->value_grad(1, 1, gx, gy) == 5.5);
  CHECK(gx == 1 && gy == 10);
}

TEST("default starts are not minima: the gradient there is not small") {
  for (const auto& b : builtins()) {
    Landscape l = make(b.info.name);
    double gx, gy;
    l.fn->value_grad(l.start.x, l.start.y, gx, gy);
    if (!(std::hypot(gx, gy) > 1e-2))
      check::fail(__FILE__, __LINE__, std::string(b.info.name) + ": start gradient " + check::num(std::hypot(gx, gy)));
  }
}

TEST("params move the minima: rosenbrock (a, a²), quadratic κ, rastrigin A") {
  const auto r = make(named("rosenbrock", {{"a", 2.0}, {"b", 5.0}}));
  CHECK(r.minima.size() == 1 && r.minima[0].x == 2 && r.minima[0].y == 4 && r.minima[0].f == 0);
  double gx, gy;
  CHECK(r.fn->value_grad(2, 4, gx, gy) == 0);
  CHECK(gx == 0 && gy == 0);
  CHECK(r.fn->value(0, 0) == 4);  // (2 − 0)² + 5·0
  // the view widens to hold the moved minimum
  CHECK(r.bounds.ymax > 4 && r.bounds.xmax > 2);
  CHECK_NEAR(r.bounds.xmax, 2.4, 1e-12);  // 10% of the default span beyond the minimum
  CHECK_NEAR(r.bounds.ymax, 4.4, 1e-12);
  CHECK(r.bounds.xmin == -2 && r.bounds.ymin == -1);  // sides that did not need to move stay
  // defaults leave the view alone
  const auto r0 = make("rosenbrock");
  CHECK(r0.bounds.xmin == -2 && r0.bounds.xmax == 2 && r0.bounds.ymin == -1 && r0.bounds.ymax == 3);

  const auto q = make(named("quadratic", {{"kappa", 50.0}}));
  CHECK(q.fn->value(0, 1) == 25);
  CHECK(q.minima.size() == 1 && q.minima[0].x == 0 && q.minima[0].f == 0 && !std::signbit(q.minima[0].x));
  const auto ra = make(named("rastrigin", {{"A", 0.0}}));
  CHECK_NEAR(ra.fn->value(1.3, -0.7), 1.3 * 1.3 + 0.49, 1e-15);
  // a null params object means the defaults
  CHECK(make(Value(Value::Object{{"name", "quadratic"}, {"params", nullptr}})).fn->value(0, 1) == 5);
}

TEST("names and formulas: built-ins keep their name and typeset formula; formulas get generic defaults") {
  const auto r = make("rosenbrock");
  CHECK(r.name == "rosenbrock");
  CHECK(r.formula == "(a − x)² + b·(y − x²)²");
  CHECK(r.start.x == -1.5 && r.start.y == 2);
  const auto f = make(Value(Value::Object{{"formula", "x^2 + 3*y^2"}}));
  CHECK(f.name == "formula");
  CHECK(f.formula == "x^2 + 3*y^2");
  CHECK(f.minima.empty());
  CHECK(f.start.x == -2 && f.start.y == 2);
  CHECK(f.bounds.xmin == -3 && f.bounds.xmax == 3 && f.bounds.ymin == -3 && f.bounds.ymax == 3);
  CHECK(f.fn->value(1, 1) == 4);
}

TEST("errors: unknown function, unknown or bad params, malformed specs") {
  CHECK_THROWS_CODE(make("rosenbrok"), code::unknown_function,
                    "function: unknown function \"rosenbrok\"; expected one of: rosenbrock, beale, himmelblau");
  CHECK_THROWS_CODE(make("rosenbrok"), code::unknown_function, "styblinski_tang, or {formula: \"…\"}");
  CHECK_THROWS_CODE(make(named("nope", {})), code::unknown_function, "function.name: unknown function \"nope\"");
  CHECK_THROWS_CODE(make(named("quadratic", {{"k", 2.0}})), code::invalid_config,
                    "function.params.k: unknown parameter; quadratic takes kappa");
  CHECK_THROWS_CODE(make(named("rosenbrock", {{"c", 2.0}})), code::invalid_config, "rosenbrock takes a, b");
  CHECK_THROWS_CODE(make(named("booth", {{"a", 2.0}})), code::invalid_config, "booth takes no parameters");
  CHECK_THROWS_CODE(make(named("quadratic", {{"kappa", -1.0}})), code::invalid_config,
                    "function.params.kappa: expected a finite number > 0, got -1");
  CHECK_THROWS_CODE(make(named("quadratic", {{"kappa", "big"}})), code::invalid_config, "got \"big\"");
  CHECK_THROWS_CODE(make(named("rosenbrock", {{"a", 6.0}})), code::invalid_config,
                    "function.params.a: expected a finite number in [-5, 5], got 6");
  CHECK_THROWS_CODE(make(named("rastrigin", {{"A", std::nan("")}})), code::invalid_config, "got NaN");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"name", "quadratic"}, {"params", 3.0}})), code::invalid_config,
                    "function.params: expected an object, got 3");
  CHECK_THROWS_CODE(make(Value(12.0)), code::invalid_config, "function: expected a function name, {name, params} or {formula}, got 12");
  CHECK_THROWS_CODE(make(Value(Value::Object{})), code::invalid_config, "function: expected a function name");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"nme", "booth"}})), code::invalid_config,
                    "function.nme: unknown field; expected one of: name, params, formula");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"name", 3.0}})), code::invalid_config, "function.name: expected a string, got 3");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"formula", "x"}, {"name", "booth"}})), code::invalid_config,
                    "function.name: unknown field; expected one of: formula");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"formula", ""}})), code::invalid_config,
                    "function.formula: expected a non-empty formula");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"formula", 3.0}})), code::invalid_config, "function.formula: expected a string");
  CHECK_THROWS_CODE(make(Value(Value::Object{{"formula", "x^2 + )"}})), code::formula_syntax,
                    "function.formula: unexpected \")\" at position 7");
}

CHECK_MAIN()
