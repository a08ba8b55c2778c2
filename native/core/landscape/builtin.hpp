// lab::land built-in table — every textbook landscape with what the UI needs to show it: its
// adjustable constants (as HyperParams), its global minima as functions of those constants, a default
// start and a default view.
//
//   const Builtin* b = find_builtin("rosenbrock");
//   Landscape l = make_builtin(*b, std::array{2.0, 100.0});  // a = 2, b = 100: minimum at (2, 4)
//
// Not here: the function bodies (builtin_functions.hpp), reading a config (make_landscape.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "function2d.hpp"

namespace lab::land {

struct Builtin {
  LandscapeInfo info;  // at default params
  // The function at `params`: one value per info.params entry, in that order, already validated.
  std::unique_ptr<Function2D> (*make)(std::span<const double> params);
  // Its global minima at `params` (empty: unbounded below).
  std::vector<Minimum> (*minima)(std::span<const double> params);
};

std::span<const Builtin> builtins();
const Builtin* find_builtin(std::string_view name);  // nullptr when unknown
std::string builtin_names();                         // "rosenbrock, beale, …" for error messages

// The landscape at `params` (validated by the caller). Its minima follow the params; its view is the
// default one, widened when a minimum falls outside it (see frame()).
Landscape make_builtin(const Builtin& b, std::span<const double> params);

// `b` widened so that every minimum and the start lie at least 5% of the default span inside it (a
// side that moves ends 10% of that span beyond the point). Default views already hold their points.
Bounds frame(Bounds b, std::span<const Minimum> minima, Point start);

}  // namespace lab::land
