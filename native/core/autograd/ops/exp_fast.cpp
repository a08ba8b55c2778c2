// The vectorisable float e^x for x ≤ 0 (see exp_fast.hpp), on vector_math.hpp's 8-float vectors, and
// its 16-float ones on AVX-512 CPUs (the same bits).
#include "exp_fast.hpp"

#include "../../runtime/dispatch.hpp"
#include "vector_math.hpp"

namespace lab::ag {

namespace {

using namespace vmath;

// exp_0_20's range reduction holds for any y whose 2ⁿ is a normal float (n ≥ −126): y ≥ −87.
template <class V>
LAB_VINLINE V exp_nonpositive_v(V x) {
  const IntOf<V> tiny = less(x, splat<V>(-87.0f));  // false for NaN, which goes through the formula and stays NaN
  const V y = blend(tiny, splat<V>(0.0f), x);
  return blend(tiny, splat<V>(0.0f), exp_0_20(y));
}

LAB_KERNEL void exp_loop(float* out, const float* inp, std::int64_t n) { map_lanes<F8, exp_nonpositive_v<F8>>(out, inp, n); }
LAB_V4 void exp_loop_v4(float* out, const float* inp, std::int64_t n) { map_lanes<F16, exp_nonpositive_v<F16>>(out, inp, n); }

}  // namespace

void exp_nonpositive_fast(float* out, const float* inp, std::int64_t n) { run_widest(exp_loop_v4, exp_loop, out, inp, n); }

}  // namespace lab::ag
