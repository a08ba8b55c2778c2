// lab::ag::sum_squares — Σ xᵢ² of a float array in double, fast and deterministic: eight partial sums
// (lane l takes i ≡ l mod 8) joined in a fixed tree, then the tail. One long chain of dependent
// additions would cost ~4 cycles per element; eight independent chains vectorise. The result does not
// depend on the CPU or the build, only on n and the numbers.
#pragma once

#include <cstddef>

namespace lab::ag {

inline double sum_squares(const float* x, std::size_t n) {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (std::size_t l = 0; l < 8; ++l) s[l] += static_cast<double>(x[i + l]) * x[i + l];
  double total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; ++i) total += static_cast<double>(x[i]) * x[i];
  return total;
}

}  // namespace lab::ag
