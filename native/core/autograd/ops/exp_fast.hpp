// lab::ag::exp_nonpositive_fast — e^x over a float array whose values are ≤ 0 (a softmax's shifted
// scores), as a branch-free loop the compiler vectorises (glibc's scalar expf per score was most of
// the attention op's own time). e^x = 2ⁿ·P(r), n = round(x / ln 2), r = x − n·ln 2 (|r| ≤ 0.347), P the
// degree-7 Taylor polynomial (vector_math.hpp's exp); x below −87 gives 0 (e^−87 ≈ 1.6e-38, the
// smallest normal float's neighbourhood), NaN stays NaN. Within 2 ulp of the exact value
// (test_autograd_ops.cpp). Built for the baseline ISA, AVX2 and AVX-512 with no
// multiply-add fused: all three give the same bits.
#pragma once

#include <cstdint>

namespace lab::ag {

void exp_nonpositive_fast(float* out, const float* inp, std::int64_t n);

}  // namespace lab::ag
