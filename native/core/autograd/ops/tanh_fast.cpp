// The vectorisable float tanh (see tanh_fast.hpp). Written on GCC/Clang generic vectors of 8 floats
// (AVX in the AVX2 clone, pairs of SSE registers in the baseline one; 16 floats, one AVX-512 register,
// in the v4 loop, with the same bits): comparisons give lane masks and
// both branches are computed and blended, so there is no control flow per element (plain scalar code
// would not vectorise: with trapping math GCC keeps a branch around the division and the compares).
// Other compilers run the same arithmetic one float at a time (vector ops of one lane).
#include "tanh_fast.hpp"

#include <cstdint>
#include <cstring>

#include "../../runtime/dispatch.hpp"
#include "vector_math.hpp"

namespace lab::ag {

namespace {

using namespace vmath;

LAB_KERNEL void tanh_loop(float* out, const float* inp, std::int64_t n) { map_lanes<F8, tanh_v<F8>>(out, inp, n); }
LAB_V4 void tanh_loop_v4(float* out, const float* inp, std::int64_t n) { map_lanes<F16, tanh_v<F16>>(out, inp, n); }

}  // namespace

void tanh_fast(float* out, const float* inp, std::int64_t n) { run_widest(tanh_loop_v4, tanh_loop, out, inp, n); }

}  // namespace lab::ag
