// lab::norm2 (see norm2.hpp). Kept to separate statements and compiled with -ffp-contract=off, so no
// compiler fuses the products into the sum: src/experiments/derived.ts repeats these exact steps.
#include "norm2.hpp"

#include <cmath>

namespace lab {

double norm2(double x, double y) {
  const double ax = std::fabs(x), ay = std::fabs(y);
  if (std::isinf(ax) || std::isinf(ay)) return INFINITY;  // as hypot: ∞ even beside a NaN
  if (std::isnan(ax) || std::isnan(ay)) return NAN;
  const double big = ax > ay ? ax : ay;
  // scale by a power of two (exact) when a square would overflow or lose bits to underflow
  double scale = 1, unscale = 1;
  if (big > 0x1p500) {
    scale = 0x1p-600;
    unscale = 0x1p600;
  } else if (big < 0x1p-500) {
    scale = 0x1p600;
    unscale = 0x1p-600;
  }
  const double sx = ax * scale;
  const double sy = ay * scale;
  const double xx = sx * sx;
  const double yy = sy * sy;
  const double sum = xx + yy;
  return std::sqrt(sum) * unscale;
}

}  // namespace lab
