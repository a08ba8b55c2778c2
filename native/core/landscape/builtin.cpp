// The built-in landscape table (see builtin.hpp): constants, minima, starts, views and notes.
// Minima off the grid of round numbers were solved to 40 digits (mpmath) and rounded to doubles.
#include "builtin.hpp"


#include "../error.hpp"
#include "../runtime/immortal.hpp"
#include "builtin_functions.hpp"

namespace lab::land {

namespace {

using optim::HyperParam;
using Params = std::span<const double>;

const HyperParam kRosenbrockParams[] = {
    {"a", 1, Range{-5, 5}, false, "where the valley bottoms out: the minimum is at (a, a²)"},
    {"b", 100, Range{0, 10000, true, false}, false, "steepness of the valley walls (larger: narrower valley)"},
};
const HyperParam kRastriginParams[] = {
    {"A", 10, Range{0, 100}, false, "height of the ripples (0: a plain bowl)"},
};
const HyperParam kQuadraticParams[] = {
    {"kappa", 10, Range::positive(), false, "condition number: curvature along y over curvature along x"},
};

std::vector<Minimum> at_origin(Params) { return {{0.0, 0.0, 0.0}}; }
std::vector<Minimum> none(Params) { return {}; }

std::vector<Builtin> make_table() {
  std::vector<Builtin> t;
  auto add = [&](LandscapeInfo info, std::unique_ptr<Function2D> (*make)(Params), std::vector<Minimum> (*minima)(Params)) {
    std::vector<double> defaults;
    for (const auto& p : info.params) defaults.push_back(p.def);
    info.minima = minima(defaults);
    t.push_back({std::move(info), make, minima});
  };

  add({"rosenbrock", "Rosenbrock", "(a − x)² + b·(y − x²)²", kRosenbrockParams, {}, {-1.5, 2}, {-2, 2, -1, 3},
       "a long, curved, flat-bottomed valley: easy to fall into, slow to follow to the minimum at (a, a²)"},
      [](Params p) { return make_rosenbrock(p[0], p[1]); },
      [](Params p) { return std::vector<Minimum>{{p[0], p[0] * p[0], 0.0}}; });
  add({"beale", "Beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", {}, {}, {1, 1.5},
       {-4.5, 4.5, -4.5, 4.5}, "flat plateaus and sharp ridges; the minimum (3, 0.5) lies in a narrow curved valley"},
      [](Params) { return make_beale(); },
      [](Params) { return std::vector<Minimum>{{3.0, 0.5, 0.0}}; });
  add({"himmelblau", "Himmelblau", "(x² + y − 11)² + (x + y² − 7)²", {}, {}, {-0.5, -0.5}, {-5, 5, -5, 5},
       "four equally deep minima: which one you reach depends on the start and on how you step"},
      [](Params) { return make_himmelblau(); },
      [](Params) {
        return std::vector<Minimum>{{3.0, 2.0, 0.0},
                                    {-2.8051180869527449, 3.1313125182505730, 0.0},
                                    {-3.7793102533777469, -3.2831859912861694, 0.0},
                                    {3.5844283403304917, -1.8481265269644036, 0.0}};
      });
  add({"booth", "Booth", "(x + 2y − 7)² + (2x + y − 5)²", {}, {}, {-7, -8}, {-10, 10, -10, 10},
       "a tilted, elongated bowl (condition number 9): plain gradient descent zig-zags a little"},
      [](Params) { return make_booth(); },
      [](Params) { return std::vector<Minimum>{{1.0, 3.0, 0.0}}; });
  add({"matyas", "Matyas", "0.26·(x² + y²) − 0.48·xy", {}, {}, {-8, -4}, {-10, 10, -10, 10},
       "a nearly flat valley along y = x (condition number 25): fast across it, slow along it"},
      [](Params) { return make_matyas(); }, at_origin);
  add({"goldstein_price", "Goldstein–Price",
       "[1 + (x + y + 1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x − 3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
       {}, {}, {-1.5, 1.5}, {-2, 2, -2, 2},
       "steep walls and local minima (f = 30, 84, 840); plain gradient descent from the start stops at f = 30"},
      [](Params) { return make_goldstein_price(); },
      [](Params) { return std::vector<Minimum>{{0.0, -1.0, 3.0}}; });
  add({"ackley", "Ackley", "−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20", {}, {},
       {-3.2, 2.6}, {-5, 5, -5, 5},
       "a nearly flat plain full of small pits around one deep funnel at the origin (∇f is set to 0 at its tip)"},
      [](Params) { return make_ackley(); }, at_origin);
  add({"rastrigin", "Rastrigin", "2A + x² − A·cos 2πx + y² − A·cos 2πy", kRastriginParams, {}, {-4.6, 3.7},
       {-5.12, 5.12, -5.12, 5.12}, "a regular grid of local minima on a bowl: gradient steps stop in the nearest pit"},
      [](Params p) { return make_rastrigin(p[0]); }, at_origin);
  add({"saddle", "Saddle", "x² − y²", {}, {}, {-1.8, 0.02}, {-2, 2, -2, 2},
       "a saddle point at the origin, unbounded below along y: how fast does each optimizer escape?"},
      [](Params) { return make_saddle(); }, none);
  add({"quadratic", "Quadratic bowl", "½·(x² + κ·y²)", kQuadraticParams, {}, {-2, 1}, {-2.5, 2.5, -2.5, 2.5},
       "an elongated bowl with condition number κ: the textbook case for momentum and adaptive steps"},
      [](Params p) { return make_quadratic(p[0]); }, at_origin);
  add({"three_hump_camel", "Three-hump camel", "2x² − 1.05x⁴ + x⁶/6 + xy + y²", {}, {}, {-2, 1.5},
       {-2.5, 2.5, -2.5, 2.5}, "a global minimum at the origin between two shallower local minima (f ≈ 0.299)"},
      [](Params) { return make_three_hump_camel(); }, at_origin);
  add({"styblinski_tang", "Styblinski–Tang", "½·(x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)", {}, {}, {0.5, 4}, {-5, 5, -5, 5},
       "four basins of different depths; from the default start plain descent settles in the shallowest"},
      [](Params) { return make_styblinski_tang(); },
      [](Params) { return std::vector<Minimum>{{-2.9035340277711771, -2.9035340277711771, -78.332331407542831}}; });
  return t;
}

}  // namespace

std::span<const Builtin> builtins() {
  static const auto& table = immortal(make_table());
  return table;
}

std::span<const LandscapeInfo> landscape_list() {
  static const auto& list = immortal([] {
    std::vector<LandscapeInfo> l;
    for (const auto& b : builtins()) l.push_back(b.info);
    return l;
  }());
  return list;
}

const Builtin* find_builtin(std::string_view name) {
  for (const auto& b : builtins())
    if (name == b.info.name) return &b;
  return nullptr;
}

std::string builtin_names() {
  std::string s;
  for (const auto& b : builtins()) s += std::string(s.empty() ? "" : ", ") + b.info.name;
  return s;
}

Bounds frame(Bounds b, std::span<const Minimum> minima, Point start) {
  const double mx = 0.1 * (b.xmax - b.xmin), my = 0.1 * (b.ymax - b.ymin);
  Bounds r = b;
  auto include = [&](double x, double y) {
    if (x < r.xmin + mx / 2) r.xmin = x - mx;
    if (x > r.xmax - mx / 2) r.xmax = x + mx;
    if (y < r.ymin + my / 2) r.ymin = y - my;
    if (y > r.ymax - my / 2) r.ymax = y + my;
  };
  for (const auto& m : minima) include(m.x, m.y);
  include(start.x, start.y);
  return r;
}

Landscape make_builtin(const Builtin& b, std::span<const double> params) {
  if (params.size() != b.info.params.size())
    throw Error(code::internal, std::string("make_builtin: ") + b.info.name + " takes " +
                                    std::to_string(b.info.params.size()) + " params, got " +
                                    std::to_string(params.size()));
  Landscape l;
  l.fn = b.make(params);
  l.name = b.info.name;
  l.formula = b.info.formula;
  l.minima = b.minima(params);
  l.start = b.info.start;
  l.bounds = frame(b.info.bounds, l.minima, l.start);
  return l;
}

}  // namespace lab::land
