// lab::norm2: the race's ‖∇f‖, a fixed sequence of IEEE operations (runtime/norm2.hpp) — values by
// hand, the ends of the double range where x² alone would overflow or underflow, and NaN / ∞ as hypot.
#include <cmath>
#include <limits>

#include "check.hpp"
#include "runtime/norm2.hpp"

using namespace lab;

TEST("norm2: 3-4-5 triangles, signs and zero") {
  CHECK(norm2(3, 4) == 5);
  CHECK(norm2(-3, 4) == 5);
  CHECK(norm2(0, -12) == 12);
  CHECK(norm2(0, 0) == 0);
  CHECK(norm2(-0.0, 0) == 0);
}

TEST("norm2: no overflow or underflow where the squares alone would") {
  CHECK(norm2(3e300, 4e300) == 5e300);  // 9e600 overflows; scaled by 2^-600 it does not
  CHECK(std::fabs(norm2(3e-310, 4e-310) - 5e-310) <= 1e-323);  // subnormals: 9e-620 would underflow to 0
  CHECK(norm2(std::numeric_limits<double>::max(), 0) == std::numeric_limits<double>::max());
}

TEST("norm2: ∞ beats NaN (as hypot), NaN otherwise") {
  const double inf = INFINITY, nan = NAN;
  CHECK(norm2(inf, nan) == inf);
  CHECK(norm2(nan, -inf) == inf);
  CHECK(std::isnan(norm2(nan, 1)));
  CHECK(std::isnan(norm2(2, nan)));
}

TEST("norm2: the same bits as √(x·x + y·y) computed step by step in the middle of the range") {
  const double xs[] = {1.5, -155, 0.1, 1e-3, 7.25e10};
  for (double x : xs)
    for (double y : xs) {
      volatile double xx = x * x, yy = y * y;
      volatile double s = xx + yy;
      CHECK(norm2(x, y) == std::sqrt(s));
    }
}

CHECK_MAIN()
