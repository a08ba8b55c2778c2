// lab::ag::sum8 — Σ f(j) over j in [0, n) in double, over eight interleaved partial sums combined in a
// fixed tree: the same bits on every machine and thread count, and eight independent chains instead
// of one, so the adds do not wait on each other and the compiler makes vector adds of them (a layer
// norm row of 64 and an MSE over 65 536 values spent most of their time on one chain's add latency).
#pragma once

#include <cstdint>

namespace lab::ag {

template <class F>
inline double sum8(std::int64_t n, F f) {
  double p[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; ++l) p[l] += f(j + l);
  for (; j < n; ++j) p[0] += f(j);
  return ((p[0] + p[4]) + (p[1] + p[5])) + ((p[2] + p[6]) + (p[3] + p[7]));
}

}  // namespace lab::ag
