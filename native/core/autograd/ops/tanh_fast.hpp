// lab::ag::tanh_fast — tanh over a float array as a branch-free loop the compiler vectorises (glibc's
// tanhf is a scalar call through expm1f: it was 60 % of a 2-64-64-3 tanh training step). Accuracy
// within 2 ulp of the exact tanh over all floats (test_autograd_ops.cpp compares it with std::tanh,
// the reference that tanh_forward<double> still uses). Built for the baseline ISA, AVX2 and AVX-512, with
// no multiply-add fused (runtime/dispatch.hpp): all three give the same bits.
//   |x| < 0.625:  x + x·z·P(z), z = x², P a degree-4 fit of (tanh(x)/x − 1)/z (relative error < 1e-7)
//   otherwise:    1 − 2/(e^(2|x|) + 1), with e^y = 2ⁿ·poly(r), y = n·ln 2 + r, |r| ≤ ln 2 / 2
// and the sign of x put back; |x| ≥ 10 gives ±1 (tanh(10) rounds to 1 in float), NaN stays NaN.
#pragma once

#include <cstdint>

namespace lab::ag {

void tanh_fast(float* out, const float* inp, std::int64_t n);

}  // namespace lab::ag
