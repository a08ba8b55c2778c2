// The vectorisable float e^x for x ≤ 0 (see exp_fast.hpp), on vector_math.hpp's 8-float vectors.
#include "exp_fast.hpp"

#include "../../runtime/dispatch.hpp"
#include "vector_math.hpp"

namespace lab::ag {

namespace {

using namespace vmath;

// exp_0_20's range reduction holds for any y whose 2ⁿ is a normal float (n ≥ −126): y ≥ −87.
LAB_VINLINE F exp_nonpositive_v(F x) {
  const I tiny = less(x, splat(-87.0f));  // false for NaN, which goes through the formula and stays NaN
  const F y = blend(tiny, splat(0.0f), x);
  return blend(tiny, splat(0.0f), exp_0_20(y));
}

LAB_KERNEL void exp_loop(float* out, const float* inp, std::int64_t n) { map_lanes<exp_nonpositive_v>(out, inp, n); }

}  // namespace

void exp_nonpositive_fast(float* out, const float* inp, std::int64_t n) { exp_loop(out, inp, n); }

}  // namespace lab::ag
