// Float vector helpers for the branch-free element-wise kernels (tanh_fast.cpp, softplus_fast.cpp):
// GCC/Clang generic vectors of 8 floats (AVX in the AVX2 clone of a LAB_KERNEL, pairs of SSE registers
// in the baseline one); comparisons give lane masks and both sides of a choice are computed and
// blended, so there is no control flow per element. Other compilers get one float at a time. For .cpp
// files only, inside an anonymous namespace (the vectors never cross an ABI boundary).
#pragma once

#include <cstdint>
#include <cstring>

namespace lab::ag::vmath {

#if defined(__GNUC__)
#define LAB_VINLINE inline __attribute__((always_inline))  // into each clone, at its ISA
#pragma GCC diagnostic ignored "-Wpsabi"  // vectors passed between these helpers never cross an ABI
constexpr int kLanes = 8;
typedef float F __attribute__((vector_size(32)));
typedef std::int32_t I __attribute__((vector_size(32)));
LAB_VINLINE I to_int(F v) { return __builtin_convertvector(v, I); }
LAB_VINLINE F bits_f(I v) { return reinterpret_cast<F>(v); }
LAB_VINLINE I bits_i(F v) { return reinterpret_cast<I>(v); }
LAB_VINLINE I less(F a, F b) { return a < b; }  // −1 where true (false for NaN)
LAB_VINLINE I at_least(F a, F b) { return a >= b; }
#else
#define LAB_VINLINE inline
constexpr int kLanes = 1;
using F = float;
using I = std::int32_t;
LAB_VINLINE I to_int(F v) { return static_cast<I>(v); }
LAB_VINLINE F bits_f(I v) { F f; std::memcpy(&f, &v, 4); return f; }
LAB_VINLINE I bits_i(F v) { I i; std::memcpy(&i, &v, 4); return i; }
LAB_VINLINE I less(F a, F b) { return a < b ? -1 : 0; }
LAB_VINLINE I at_least(F a, F b) { return a >= b ? -1 : 0; }
#endif

LAB_VINLINE F splat(float x) { return F{} + x; }
LAB_VINLINE F blend(I mask, F yes, F no) { return bits_f((bits_i(yes) & mask) | (bits_i(no) & ~mask)); }

// e^y for y in [0, 20] (and down to −87, where 2ⁿ is still a normal float: exp_fast.hpp): n = round(y / ln 2) by the 1.5·2²³ trick, r = y − n·ln 2 in two parts, a
// degree-7 Taylor polynomial of e^r (|r| ≤ 0.347: truncation < 1e-8), times 2ⁿ built in the exponent.
LAB_VINLINE F exp_0_20(F y) {
  const F n = (y * 1.44269504f + 12582912.0f) - 12582912.0f;
  const F r = (y - n * 0.693145752f) - n * 1.42860677e-6f;
  F p = splat(1.0f / 5040);
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  return p * bits_f((to_int(n) + 127) << 23);
}

// tanh (tanh_fast.hpp has its method and accuracy).
LAB_VINLINE F tanh_v(F x) {
  const I sign = bits_i(x) & static_cast<std::int32_t>(0x80000000u);
  const F a = bits_f(bits_i(x) & 0x7fffffff);
  const F z = a * a;
  F p = splat(-0.00573113467f);
  p = p * z + 0.0206646603f;
  p = p * z - 0.0537484176f;
  p = p * z + 0.133315608f;
  p = p * z - 0.333332866f;
  const F small = a + a * (z * p);
  const F y = blend(less(a, splat(10.0f)), a + a, splat(20.0f));  // NaN → 20: a finite exponent
  const F large = 1.0f - 2.0f / (exp_0_20(y) + 1.0f);            // |x| ≥ 10: rounds to 1
  const F r = blend(at_least(a, splat(0.625f)), large, small);  // NaN: small, which is NaN
  return bits_f(bits_i(r) | sign);
}

// Applies f (an always-inline vector function, so it is built at the calling clone's ISA) to in[0, n)
// → out, 8 at a time, the tail padded with zeros.
template <F (*f)(F)>
LAB_VINLINE void map_lanes(float* out, const float* in, std::int64_t n) {
  std::int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    F x;
    std::memcpy(&x, in + i, sizeof x);
    const F y = f(x);
    std::memcpy(out + i, &y, sizeof y);
  }
  if (i < n) {
    float buf[kLanes] = {};
    std::memcpy(buf, in + i, static_cast<std::size_t>(n - i) * sizeof(float));
    F x;
    std::memcpy(&x, buf, sizeof x);
    const F y = f(x);
    std::memcpy(buf, &y, sizeof y);
    std::memcpy(out + i, buf, static_cast<std::size_t>(n - i) * sizeof(float));
  }
}

}  // namespace lab::ag::vmath
