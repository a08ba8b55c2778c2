// lab::land grids — f sampled on a width × height lattice for contour maps and heat maps.
//
//   values[row * width + col] = f(x_col, y_row)
//   x_col = lerp(xmin, xmax, col / (width − 1)),  y_row = lerp(ymin, ymax, row / (height − 1))
// so col 0 is xmin, col width−1 exactly xmax, row 0 is ymin (the bottom of a plot, not the top of an
// image), row height−1 exactly ymax. Rows run in parallel on a pool; every value is computed the same
// way whatever the thread count, so results are bit-identical with or without a pool.
// Not here: drawing, or choosing contour levels.
#pragma once

#include <cstddef>
#include <string>

#include "../config/value.hpp"
#include "../runtime/thread_pool.hpp"
#include "function2d.hpp"

namespace lab::land {

inline constexpr int kMinGridSide = 2;
inline constexpr int kMaxGridSide = 4096;

// A grid request read from a config: {function, width, height, bounds?: {xmin, xmax, ymin, ymax}}.
struct GridRequest {
  Landscape landscape;
  Bounds bounds;  // the request's, or the landscape's default view
  int width = 0, height = 0;
};

// Reads and checks a request; errors name `path` ("grid.width: expected an integer in [2, 4096], got 1").
GridRequest read_grid_request(const Value& v, const std::string& path);

// Throws INVALID_CONFIG (naming path.width, path.height, path.bounds…) unless width and height are in
// [2, 4096] and the bounds are finite with xmin < xmax and ymin < ymax.
void check_grid(Bounds b, int width, int height, const std::string& path = "grid");

// Fills out[0 .. width·height) as described above; checks its arguments with check_grid first.
// `pool` may be null (evaluates on the calling thread).
void evaluate_grid(const Function2D& f, Bounds b, int width, int height, double* out, ThreadPool* pool = nullptr);

// What a grid holds: min and max over the finite values (NaN when there are none) and how many values
// are not finite.
struct GridStats {
  double min, max;
  std::size_t non_finite;  // nan + pos_inf + neg_inf
  std::size_t nan, pos_inf, neg_inf;
};
GridStats grid_stats(const double* values, std::size_t n);

}  // namespace lab::land
