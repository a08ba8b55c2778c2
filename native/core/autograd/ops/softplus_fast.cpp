// The vectorisable float softplus of −|x| and sigmoid (see softplus_fast.hpp), on vector_math.hpp's
// 8-float vectors, and its 16-float ones on AVX-512 CPUs (the same bits).
#include "softplus_fast.hpp"

#include "../../runtime/dispatch.hpp"
#include "vector_math.hpp"

namespace lab::ag {

namespace {

using namespace vmath;

// log(u) for u in [1, 2]: u = m·2^k with m in [√½, √2), k in {0, 1}; log m = 2s(1 + s²/3 + … + s⁸/9),
// s = (m − 1)/(m + 1).
template <class V>
LAB_VINLINE V log_1_2(V u) {
  const IntOf<V> high = at_least(u, splat<V>(1.41421356f));
  const V m = blend(high, u * 0.5f, u);
  const V k = blend(high, splat<V>(1.0f), splat<V>(0.0f));
  const V s = (m - 1.0f) / (m + 1.0f);
  const V z = s * s;
  V p = splat<V>(1.0f / 9);
  p = p * z + 1.0f / 7;
  p = p * z + 1.0f / 5;
  p = p * z + 1.0f / 3;
  p = p * z + 1.0f;
  return k * 0.693147181f + (s + s) * p;
}

template <class V>
LAB_VINLINE V softplus_neg_abs_v(V x) {
  const V a = abs_v(x);
  const V y = blend(less(a, splat<V>(20.0f)), a, splat<V>(20.0f));  // NaN → 20, put back below
  const V t = 1.0f / exp_0_20(y);                                    // e^−|x| in (0, 1]
  const V u = 1.0f + t;
  const V r = log_1_2(u) + (t - (u - 1.0f)) / u;
  return blend(at_least(a, splat<V>(0.0f)), r, x);  // false only for NaN: NaN in, NaN out
}

template <class V>
LAB_VINLINE V sigmoid_v(V x) { return 0.5f + 0.5f * tanh_v(x * 0.5f); }

LAB_KERNEL void softplus_loop(float* out, const float* inp, std::int64_t n) { map_lanes<F8, softplus_neg_abs_v<F8>>(out, inp, n); }
LAB_KERNEL void sigmoid_loop(float* out, const float* inp, std::int64_t n) { map_lanes<F8, sigmoid_v<F8>>(out, inp, n); }
LAB_V4 void softplus_loop_v4(float* out, const float* inp, std::int64_t n) { map_lanes<F16, softplus_neg_abs_v<F16>>(out, inp, n); }
LAB_V4 void sigmoid_loop_v4(float* out, const float* inp, std::int64_t n) { map_lanes<F16, sigmoid_v<F16>>(out, inp, n); }

}  // namespace

void softplus_neg_abs_fast(float* out, const float* inp, std::int64_t n) { run_widest(softplus_loop_v4, softplus_loop, out, inp, n); }
void sigmoid_fast(float* out, const float* inp, std::int64_t n) { run_widest(sigmoid_loop_v4, sigmoid_loop, out, inp, n); }

}  // namespace lab::ag
