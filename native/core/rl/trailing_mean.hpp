// The trailing mean of a run's returns (the RL lab's "mean return of the last 100 episodes"): the mean
// of the last n values, of all of them when there are fewer, 0 for none.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace lab::rl {

inline double mean_last(const std::vector<double>& v, std::size_t n) {
  const std::size_t k = std::min(n, v.size());
  if (k == 0) return 0;
  return std::accumulate(v.end() - static_cast<std::ptrdiff_t>(k), v.end(), 0.0) / static_cast<double>(k);
}

}  // namespace lab::rl
