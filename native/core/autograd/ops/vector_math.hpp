// Float vector helpers for the branch-free element-wise kernels (tanh_fast.cpp, softplus_fast.cpp,
// exp_fast.cpp): GCC/Clang generic vectors of 8 floats (AVX in the AVX2 clone of a LAB_KERNEL, pairs of
// SSE registers in the baseline one) and of 16 floats (one AVX-512 register in a LAB_V4 function);
// comparisons give lane masks and both sides of a choice are computed and blended, so there is no
// control flow per element. Every helper is a template over the vector type V, so the same arithmetic
// runs at either width: lane by lane the operations are the same IEEE operations (no multiply-add is
// fused: the files that build LAB_V4 loops compile with -ffp-contract=off), so both widths give the
// same bits. Other compilers get one float at a time. For .cpp files only, inside an anonymous
// namespace (the vectors never cross an ABI boundary).
#pragma once

#include <cstdint>
#include <cstring>

#include "../../runtime/dispatch.hpp"

namespace lab::ag::vmath {

#if defined(__GNUC__)
#define LAB_VINLINE inline __attribute__((always_inline))  // into each clone, at its ISA
#pragma GCC diagnostic ignored "-Wpsabi"  // vectors passed between these helpers never cross an ABI
template <int L>
struct Lanes {
  typedef float F __attribute__((vector_size(4 * L)));
  typedef std::int32_t I __attribute__((vector_size(4 * L)));
};
using F8 = Lanes<8>::F;    // the LAB_KERNEL loops' vector
using F16 = Lanes<16>::F;  // the LAB_V4 loops' vector
template <class V> constexpr int lanes_of = static_cast<int>(sizeof(V) / 4);
template <class V> using IntOf = typename Lanes<lanes_of<V>>::I;
template <class V> LAB_VINLINE IntOf<V> to_int(V v) { return __builtin_convertvector(v, IntOf<V>); }
template <class V> LAB_VINLINE V bits_f(IntOf<V> v) { return reinterpret_cast<V>(v); }
template <class V> LAB_VINLINE IntOf<V> bits_i(V v) { return reinterpret_cast<IntOf<V>>(v); }
template <class V> LAB_VINLINE IntOf<V> less(V a, V b) { return a < b; }  // −1 where true (false for NaN)
template <class V> LAB_VINLINE IntOf<V> at_least(V a, V b) { return a >= b; }
#else
#define LAB_VINLINE inline
using F8 = float;
using F16 = float;
template <class V> constexpr int lanes_of = 1;
template <class V> using IntOf = std::int32_t;
template <class V> LAB_VINLINE IntOf<V> to_int(V v) { return static_cast<IntOf<V>>(v); }
template <class V> LAB_VINLINE V bits_f(IntOf<V> v) { V f; std::memcpy(&f, &v, 4); return f; }
template <class V> LAB_VINLINE IntOf<V> bits_i(V v) { IntOf<V> i; std::memcpy(&i, &v, 4); return i; }
template <class V> LAB_VINLINE IntOf<V> less(V a, V b) { return a < b ? -1 : 0; }
template <class V> LAB_VINLINE IntOf<V> at_least(V a, V b) { return a >= b ? -1 : 0; }
#endif

template <class V> LAB_VINLINE V splat(float x) { return V{} + x; }
template <class V> LAB_VINLINE V blend(IntOf<V> mask, V yes, V no) { return bits_f<V>((bits_i(yes) & mask) | (bits_i(no) & ~mask)); }
template <class V> LAB_VINLINE V abs_v(V x) { return bits_f<V>(bits_i(x) & 0x7fffffff); }

// e^y for y in [0, 20] (and down to −87, where 2ⁿ is still a normal float: exp_fast.hpp):
// n = round(y / ln 2) by the 1.5·2²³ trick, r = y − n·ln 2 in two parts, a degree-7 Taylor polynomial
// of e^r (|r| ≤ 0.347: truncation < 1e-8), times 2ⁿ built in the exponent.
template <class V>
LAB_VINLINE V exp_0_20(V y) {
  const V n = (y * 1.44269504f + 12582912.0f) - 12582912.0f;
  const V r = (y - n * 0.693145752f) - n * 1.42860677e-6f;
  V p = splat<V>(1.0f / 5040);
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  return p * bits_f<V>((to_int(n) + 127) << 23);
}

// tanh (tanh_fast.hpp has its method and accuracy).
template <class V>
LAB_VINLINE V tanh_v(V x) {
  const IntOf<V> sign = bits_i(x) & static_cast<std::int32_t>(0x80000000u);
  const V a = abs_v(x);
  const V z = a * a;
  V p = splat<V>(-0.00573113467f);
  p = p * z + 0.0206646603f;
  p = p * z - 0.0537484176f;
  p = p * z + 0.133315608f;
  p = p * z - 0.333332866f;
  const V small = a + a * (z * p);
  const V y = blend(less(a, splat<V>(10.0f)), a + a, splat<V>(20.0f));  // NaN → 20: a finite exponent
  const V large = 1.0f - 2.0f / (exp_0_20(y) + 1.0f);                   // |x| ≥ 10: rounds to 1
  const V r = blend(at_least(a, splat<V>(0.625f)), large, small);        // NaN: small, which is NaN
  return bits_f<V>(bits_i(r) | sign);
}

// Applies f (an always-inline vector function, so it is built at the calling function's ISA) to
// in[0, n) → out, one vector at a time, the tail padded with zeros.
template <class V, V (*f)(V)>
LAB_VINLINE void map_lanes(float* out, const float* in, std::int64_t n) {
  constexpr int L = lanes_of<V>;
  std::int64_t i = 0;
  for (; i + L <= n; i += L) {
    V x;
    std::memcpy(&x, in + i, sizeof x);
    const V y = f(x);
    std::memcpy(out + i, &y, sizeof y);
  }
  if (i < n) {
    float buf[L] = {};
    std::memcpy(buf, in + i, static_cast<std::size_t>(n - i) * sizeof(float));
    V x;
    std::memcpy(&x, buf, sizeof x);
    const V y = f(x);
    std::memcpy(buf, &y, sizeof y);
    std::memcpy(out + i, buf, static_cast<std::size_t>(n - i) * sizeof(float));
  }
}

// Runs `wide` (a LAB_V4 loop over F16) on the longest run of whole 16-float vectors when this CPU has
// AVX-512, and `narrow` (the LAB_KERNEL loop over F8) on the rest or, elsewhere, on all of it.
using FloatLoop = void (*)(float* out, const float* in, std::int64_t n);
inline void run_widest(FloatLoop wide, FloatLoop narrow, float* out, const float* in, std::int64_t n) {
#if LAB_HAS_V4
  if (n >= 16 && cpu_has_v4()) {
    const std::int64_t body = n - n % 16;
    wide(out, in, body);
    out += body, in += body, n -= body;
  }
#else
  (void)wide;
#endif
  if (n > 0) narrow(out, in, n);
}

}  // namespace lab::ag::vmath
