// lab::land — 2-D landscapes f(x, y) in float64 with exact gradients, for optimizer races and contour maps.
//
// A Function2D evaluates f and ∇f. Built-ins (builtin.hpp) carry what the UI needs: their known
// minima, a default start and view bounds. User formulas (formula.hpp) compile to the same interface.
// Not here: the optimizers that walk on them, or grid evaluation (grid.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "../config/value.hpp"
#include "../optim/optimizer.hpp"

namespace lab::land {

struct Point { double x, y; };
struct Minimum { double x, y, f; };
struct Bounds { double xmin, xmax, ymin, ymax; };

class Function2D {
 public:
  virtual ~Function2D() = default;
  virtual double value(double x, double y) const = 0;
  // Returns f(x, y) and writes ∂f/∂x, ∂f/∂y.
  virtual double value_grad(double x, double y, double& gx, double& gy) const = 0;
  // out[i] = value(xs[i], y) for i < n, bit for bit: one virtual call per grid row. Override where a
  // row is cheaper than n points (formulas interpret each instruction once per row).
  virtual void value_row(const double* xs, double y, double* out, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i) out[i] = value(xs[i], y);
  }
};

// What a built-in landscape tells about itself.
struct LandscapeInfo {
  const char* name;       // "rosenbrock" (stable id)
  const char* title;      // "Rosenbrock"
  const char* formula;    // "(a − x)² + b·(y − x²)²"
  std::span<const optim::HyperParam> params;  // adjustable constants (a, b, kappa…), maybe empty
  std::vector<Minimum> minima;  // global minima at default params (empty: unbounded below, e.g. saddle)
  Point start;            // default start
  Bounds bounds;          // default view
  const char* note;       // one line: what it teaches (narrow valley, many local minima…)
};

// A landscape ready to evaluate plus what is known about it (for formulas: minima empty, and the start
// and bounds are generic defaults).
struct Landscape {
  std::unique_ptr<Function2D> fn;
  std::string name;       // built-in name, or "formula"
  std::string formula;    // the text
  std::vector<Minimum> minima;
  Point start;
  Bounds bounds;
};

std::span<const LandscapeInfo> landscape_list();

// Builds a landscape from a config value:
//   "rosenbrock"                                  built-in, default params
//   {"name": "quadratic", "params": {"kappa": 50}} built-in with params
//   {"formula": "x^2 + 3*y^2"}                     user formula
// Errors (naming `path`): UNKNOWN_FUNCTION, INVALID_CONFIG (bad params), FORMULA_SYNTAX.
Landscape make_landscape(const Value& spec, const std::string& path);

}  // namespace lab::land
