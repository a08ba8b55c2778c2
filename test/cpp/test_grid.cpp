// Grid evaluation: hand values at corners and centre, row/column orientation, exact end points, pool
// vs no pool (bit-identical), concurrent requests on one pool, the summary, and every validation error.
#include <cmath>
#include <limits>
#include <memory>
#include <thread>
#include <vector>

#include "check.hpp"
#include "landscape/formula.hpp"
#include "landscape/grid.hpp"

using namespace lab;
using namespace lab::land;

namespace {

std::vector<double> grid(const std::string& formula, Bounds b, int w, int h, ThreadPool* pool = nullptr) {
  const auto f = compile_formula(formula);
  std::vector<double> out(static_cast<std::size_t>(w) * h);
  evaluate_grid(*f, b, w, h, out.data(), pool);
  return out;
}

Value request(Value::Object extra) {
  extra.emplace("function", "booth");
  return Value(std::move(extra));
}
Value bounds(double xmin, double xmax, double ymin, double ymax) {
  return Value(Value::Object{{"xmin", xmin}, {"xmax", xmax}, {"ymin", ymin}, {"ymax", ymax}});
}

}  // namespace

TEST("x + 10y on a 3×2 grid: values[row·width + col], row 0 at ymin, col 0 at xmin") {
  const auto v = grid("x + 10*y", {-1, 1, 0, 2}, 3, 2);
  CHECK((v == std::vector<double>{-1, 0, 1, 19, 20, 21}));
}

TEST("x² + y on 5×5 over [−2, 2]×[−1, 3]: corners and centre by hand") {
  const auto v = grid("x^2 + y", {-2, 2, -1, 3}, 5, 5);
  CHECK(v[0] == 3);        // (−2, −1)
  CHECK(v[4] == 3);        // ( 2, −1)
  CHECK(v[20] == 7);       // (−2,  3)
  CHECK(v[24] == 7);       // ( 2,  3)
  CHECK(v[12] == 1);       // ( 0,  1)
  CHECK(v[5 * 1 + 3] == 1);  // row 1 (y = 0), col 3 (x = 1)
}

TEST("orientation: a step along a row moves x, a step along a column moves y") {
  const int w = 7, h = 4;
  const auto v = grid("x + 100*y", {0, 6, 0, 3}, w, h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) CHECK(v[r * w + c] == c + 100 * r);
}

TEST("the last column is exactly xmax and the last row exactly ymax, for awkward bounds") {
  const Bounds b{0.1, 0.7, -0.3, 1e-9};
  const auto vx = grid("x", b, 7, 3);
  const auto vy = grid("y", b, 7, 3);
  CHECK(vx[0] == 0.1 && vx[6] == 0.7);
  CHECK(vy[0] == -0.3 && vy[2 * 7] == 1e-9);
  // the widest accepted span (the finite-number range is ±1e300)
  const auto big = grid("x", {-1e300, 1e300, 0, 1}, 3, 2);
  CHECK(big[0] == -1e300 && big[1] == 0 && big[2] == 1e300);
}

TEST("with a pool or without: bit-identical, whatever the thread count") {
  const auto f = make_landscape(Value("rosenbrock"), "f");
  const int w = 257, h = 193;
  std::vector<double> a(w * h), b(w * h), c(w * h);
  evaluate_grid(*f.fn, f.bounds, w, h, a.data(), nullptr);
  ThreadPool two(2), five(5);
  evaluate_grid(*f.fn, f.bounds, w, h, b.data(), &two);
  evaluate_grid(*f.fn, f.bounds, w, h, c.data(), &five);
  CHECK(a == b);
  CHECK(a == c);
  // a formula too (its evaluation keeps its stack per call)
  const auto g1 = grid("sin(3*x)*cos(2*y) + (x^2 + y^2)^0.75", {-3, 3, -2, 2}, 300, 200);
  const auto g2 = grid("sin(3*x)*cos(2*y) + (x^2 + y^2)^0.75", {-3, 3, -2, 2}, 300, 200, &five);
  CHECK(g1 == g2);
}

TEST("grid values are f.value at grid.hpp's coordinates, bit for bit (built-ins and formulas)") {
  const int w = 601, h = 5;  // rows longer than the formula's 256-point blocks, with a remainder
  const Bounds b{-2.5, 1.75, -1, 3};
  std::vector<std::unique_ptr<Function2D>> fs;
  fs.push_back(make_landscape(Value("ackley"), "f").fn);
  fs.push_back(compile_formula("sin(x)*cos(y) - tan(x/3) + exp(-y^2) + log(abs(x) + 1) + sqrt(x^2 + y^2) + "
                               "tanh(x) - atan(y) + sinh(x/2) / cosh(y) + 2^x + x^y + 1/(x - 7) + x^3 - (3 - y)"));
  for (const auto& f : fs) {
    std::vector<double> g(w * h);
    evaluate_grid(*f, b, w, h, g.data());
    int diff = 0;
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w; ++c) {
        const double x = std::lerp(b.xmin, b.xmax, static_cast<double>(c) / (w - 1));
        const double y = std::lerp(b.ymin, b.ymax, static_cast<double>(r) / (h - 1));
        const double want = f->value(x, y), got = g[r * w + c];
        diff += !(got == want || (std::isnan(got) && std::isnan(want)));
      }
    CHECK(diff == 0);
  }
}

TEST("several threads asking for grids on one shared pool at once get correct grids") {
  ThreadPool pool(3);
  const auto want = grid("x*y - y^3", {-2, 2, -2, 2}, 200, 150);
  std::vector<std::thread> callers;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) wrong[t] += grid("x*y - y^3", {-2, 2, -2, 2}, 200, 150, &pool) != want;
    });
  for (auto& c : callers) c.join();
  CHECK((wrong == std::vector<int>{0, 0, 0, 0}));
}

TEST("grid_stats: min and max of the finite values, non-finite values counted by kind") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  const double v[] = {3, nan, -inf, 1.5, inf, inf, -2, nan, nan};
  const GridStats s = grid_stats(v, std::size(v));
  CHECK(s.min == -2 && s.max == 3);
  CHECK(s.nan == 3 && s.pos_inf == 2 && s.neg_inf == 1 && s.non_finite == 6);
  const double none[] = {nan, inf};
  const GridStats e = grid_stats(none, 2);
  CHECK(std::isnan(e.min) && std::isnan(e.max) && e.non_finite == 2);
  // log(x) over x ∈ {−1, −0.5, 0, 0.5, 1}: two NaN and one −∞ per row
  const auto l = grid("log(x)", {-1, 1, 0, 1}, 5, 2);
  const GridStats ls = grid_stats(l.data(), l.size());
  CHECK(ls.nan == 4 && ls.neg_inf == 2 && ls.non_finite == 6);
  CHECK(ls.min == std::log(0.5) && ls.max == 0);
}

TEST("evaluate_grid refuses bad sizes and bounds, naming the field") {
  const auto f = compile_formula("x");
  std::vector<double> out(4096 * 3);
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 0, 1}, 1, 10, out.data()), code::invalid_config,
                    "grid.width: expected an integer in [2, 4096], got 1");
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 0, 1}, 10, 4097, out.data()), code::invalid_config, "grid.height: expected an integer in [2, 4096], got 4097");
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 0, 1}, -3, 10, out.data()), code::invalid_config, "grid.width");
  CHECK_THROWS_CODE(evaluate_grid(*f, {1, 0, 0, 1}, 10, 10, out.data()), code::invalid_config,
                    "grid.bounds: expected xmin < xmax, got xmin 1 and xmax 0");
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 2, 2}, 10, 10, out.data()), code::invalid_config,
                    "grid.bounds: expected ymin < ymax, got ymin 2 and ymax 2");
  CHECK_THROWS_CODE(evaluate_grid(*f, {std::nan(""), 1, 0, 1}, 10, 10, out.data()), code::invalid_config,
                    "grid.bounds.xmin: expected a finite number, got NaN");
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 0, std::numeric_limits<double>::infinity()}, 10, 10, out.data()),
                    code::invalid_config, "grid.bounds.ymax: expected a finite number, got Infinity");
  CHECK_THROWS_CODE(evaluate_grid(*f, {0, 1, 0, 1}, 10, 10, nullptr), code::internal, "no output buffer");
  evaluate_grid(*f, {0, 1, 0, 1}, 4096, 2, out.data());  // the largest width is fine
  CHECK(out[4095] == 1);
}

TEST("read_grid_request: defaults to the landscape's view; every field checked with its path") {
  const GridRequest q = read_grid_request(request({{"width", 64.0}, {"height", 48.0}}), "grid");
  CHECK(q.width == 64 && q.height == 48);
  CHECK(q.landscape.name == "booth");
  CHECK(q.bounds.xmin == q.landscape.bounds.xmin && q.bounds.ymax == q.landscape.bounds.ymax);
  const GridRequest r =
      read_grid_request(request({{"width", 3.0}, {"height", 2.0}, {"bounds", bounds(-1, 1, 0, 2)}}), "grid");
  CHECK(r.bounds.xmin == -1 && r.bounds.xmax == 1 && r.bounds.ymin == 0 && r.bounds.ymax == 2);
  const GridRequest n = read_grid_request(request({{"width", 3.0}, {"height", 2.0}, {"bounds", nullptr}}), "grid");
  CHECK(n.bounds.xmin == n.landscape.bounds.xmin);

  CHECK_THROWS_CODE(read_grid_request(request({{"width", 1.0}, {"height", 10.0}}), "grid"), code::invalid_config,
                    "grid.width: expected an integer in [2, 4096], got 1");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", 2.5}, {"height", 10.0}}), "grid"), code::invalid_config,
                    "grid.width: expected an integer in [2, 4096], got 2.5");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", 10.0}, {"height", 100000.0}}), "grid"), code::invalid_config,
                    "grid.height");
  CHECK_THROWS_CODE(read_grid_request(request({{"height", 10.0}}), "grid"), code::invalid_config, "grid.width: required");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", "10"}, {"height", 10.0}}), "grid"), code::invalid_config,
                    "grid.width: expected an integer in [2, 4096], got \"10\"");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", 10.0}, {"height", 10.0}, {"bounds", bounds(1, 0, 0, 1)}}), "grid"),
                    code::invalid_config, "grid.bounds: expected xmin < xmax");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", 10.0}, {"height", 10.0},
                                               {"bounds", Value(Value::Object{{"xmin", 0.0}, {"xmax", 1.0}, {"ymin", 0.0}})}}),
                                      "grid"),
                    code::invalid_config, "grid.bounds.ymax: required");
  CHECK_THROWS_CODE(read_grid_request(request({{"width", 10.0}, {"height", 10.0}, {"bounds", 3.0}}), "grid"),
                    code::invalid_config, "grid.bounds: expected an object, got 3");
  CHECK_THROWS_CODE(read_grid_request(request({{"widht", 10.0}, {"height", 10.0}}), "grid"), code::invalid_config,
                    "grid.widht: unknown field; expected one of: function, width, height, bounds");
  CHECK_THROWS_CODE(read_grid_request(Value(Value::Object{{"width", 10.0}, {"height", 10.0}}), "grid"),
                    code::invalid_config, "grid.function: required");
  CHECK_THROWS_CODE(read_grid_request(Value(Value::Object{{"function", "nope"}, {"width", 10.0}, {"height", 10.0}}), "grid"),
                    code::unknown_function, "grid.function: unknown function \"nope\"");
  CHECK_THROWS_CODE(read_grid_request(Value(Value::Object{{"function", Value(Value::Object{{"formula", "2x"}})},
                                                          {"width", 10.0}, {"height", 10.0}}),
                                      "grid"),
                    code::formula_syntax, "grid.function.formula: expected an operator at position 2");
  CHECK_THROWS_CODE(read_grid_request(Value(3.0), "grid"), code::invalid_config, "grid: expected an object, got 3");
}

CHECK_MAIN()
