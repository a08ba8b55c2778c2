// The vectorisable float softplus of −|x| and sigmoid (see softplus_fast.hpp), on vector_math.hpp's
// 8-float vectors.
#include "softplus_fast.hpp"

#include "../../runtime/dispatch.hpp"
#include "vector_math.hpp"

namespace lab::ag {

namespace {

using namespace vmath;

// log(u) for u in [1, 2]: u = m·2^k with m in [√½, √2), k in {0, 1}; log m = 2s(1 + s²/3 + … + s⁸/9),
// s = (m − 1)/(m + 1).
LAB_VINLINE F log_1_2(F u) {
  const I high = at_least(u, splat(1.41421356f));
  const F m = blend(high, u * 0.5f, u);
  const F k = blend(high, splat(1.0f), splat(0.0f));
  const F s = (m - 1.0f) / (m + 1.0f);
  const F z = s * s;
  F p = splat(1.0f / 9);
  p = p * z + 1.0f / 7;
  p = p * z + 1.0f / 5;
  p = p * z + 1.0f / 3;
  p = p * z + 1.0f;
  return k * 0.693147181f + (s + s) * p;
}

LAB_VINLINE F softplus_neg_abs_v(F x) {
  const F a = bits_f(bits_i(x) & 0x7fffffff);
  const F y = blend(less(a, splat(20.0f)), a, splat(20.0f));  // NaN → 20, put back below
  const F t = 1.0f / exp_0_20(y);                                // e^−|x| in (0, 1]
  const F u = 1.0f + t;
  const F r = log_1_2(u) + (t - (u - 1.0f)) / u;
  return blend(at_least(a, splat(0.0f)), r, x);  // false only for NaN: NaN in, NaN out
}

LAB_VINLINE F sigmoid_v(F x) { return 0.5f + 0.5f * tanh_v(x * 0.5f); }

LAB_KERNEL void softplus_loop(float* out, const float* inp, std::int64_t n) { map_lanes<softplus_neg_abs_v>(out, inp, n); }
LAB_KERNEL void sigmoid_loop(float* out, const float* inp, std::int64_t n) { map_lanes<sigmoid_v>(out, inp, n); }

}  // namespace

void softplus_neg_abs_fast(float* out, const float* inp, std::int64_t n) { softplus_loop(out, inp, n); }
void sigmoid_fast(float* out, const float* inp, std::int64_t n) { sigmoid_loop(out, inp, n); }

}  // namespace lab::ag
