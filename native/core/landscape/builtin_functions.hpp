// lab::land built-in test functions — f and the analytic ∇f of each textbook landscape, in float64.
//
// One factory per function; the constants a function takes (Rosenbrock's a and b…) are arguments.
// What is known about each (minima, start, view, the note) lives in the table (builtin.hpp).
// Not here: parameter validation (make_landscape does it against the table's ranges).
#pragma once

#include <memory>

#include "function2d.hpp"

namespace lab::land {

std::unique_ptr<Function2D> make_rosenbrock(double a, double b);  // (a − x)² + b·(y − x²)²
std::unique_ptr<Function2D> make_beale();
std::unique_ptr<Function2D> make_himmelblau();
std::unique_ptr<Function2D> make_booth();
std::unique_ptr<Function2D> make_matyas();
std::unique_ptr<Function2D> make_goldstein_price();
// ∇f is undefined at the origin (a cone tip): there it returns 0, never NaN.
std::unique_ptr<Function2D> make_ackley();
std::unique_ptr<Function2D> make_rastrigin(double A);  // 2A + Σ x² − A·cos 2πx
std::unique_ptr<Function2D> make_saddle();             // x² − y²
std::unique_ptr<Function2D> make_quadratic(double kappa);  // ½(x² + κ·y²)
std::unique_ptr<Function2D> make_three_hump_camel();
std::unique_ptr<Function2D> make_styblinski_tang();

}  // namespace lab::land
