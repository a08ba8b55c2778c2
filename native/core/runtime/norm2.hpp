// lab::norm2 — the length √(x² + y²) of a 2-D vector, as a race's ‖∇f‖ column. Unlike std::hypot, whose
// last bit differs between C libraries (and from JavaScript's Math.hypot), it is a fixed sequence of
// IEEE operations: exact power-of-two scaling, two products, a sum and a correctly rounded square root.
// So the experiment store can recompute the column from gx and gy bit for bit instead of storing it
// (src/experiments/derived.ts has the same function). norm2.cpp is compiled without FMA contraction.
#pragma once

namespace lab {

double norm2(double x, double y);

}  // namespace lab
