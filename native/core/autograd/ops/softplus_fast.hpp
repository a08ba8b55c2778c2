// lab::ag::softplus_neg_abs_fast, sigmoid_fast — the two transcendental pieces of the Bernoulli
// decoder's loss (bce_with_logits_sum, variational.hpp) for float arrays, as branch-free loops the
// compiler vectorises (glibc's scalar log1pf and expf per pixel were about a fifth of a VAE step).
//   softplus_neg_abs_fast: log1p(e^−|x|) (in (0, ln 2]); |x| ≥ 20 is read as 20 (absolute error below
//     2.1e-9, the size of e^−20). t = e^−|x| as 1/e^|x|; log1p(t) = log u + (t − (u − 1))/u with
//     u = 1 + t rounded, log u = k·ln 2 + 2·atanh((m − 1)/(m + 1)), u = m·2^k, m in [√½, √2), the
//     series to s⁹ (|s| ≤ 0.172: truncation < 1e-9). Within 2.5e-7 of the exact value
//     (test_variational.cpp).
//   sigmoid_fast: σ(x) = ½(1 + tanh(x/2)) through tanh_fast's polynomial: within 1.2e-7 of the exact σ
//     (absolute; σ of x below −17 rounds to 0). NaN stays NaN in both.
// Built for the baseline ISA, AVX2 and AVX-512 with no multiply-add fused (runtime/dispatch.hpp): all
// three give the same bits.
#pragma once

#include <cstdint>

namespace lab::ag {

void softplus_neg_abs_fast(float* out, const float* inp, std::int64_t n);
void sigmoid_fast(float* out, const float* inp, std::int64_t n);

}  // namespace lab::ag
