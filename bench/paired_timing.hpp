// paired_median_seconds — times two functions in alternation (f, g, f, g, …) after one warm-up each and
// returns both medians, so a run and its reference see the same machine: a burst of other work on a
// shared machine slows both, not one. Shared by the benchmarks in bench/.
#pragma once

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

template <class F, class G>
std::pair<double, double> paired_median_seconds(int reps, F&& f, G&& g) {
  using Clock = std::chrono::steady_clock;
  f();
  g();
  std::vector<double> tf, tg;
  for (int r = 0; r < reps; ++r) {
    auto a = Clock::now();
    f();
    tf.push_back(std::chrono::duration<double>(Clock::now() - a).count());
    a = Clock::now();
    g();
    tg.push_back(std::chrono::duration<double>(Clock::now() - a).count());
  }
  std::sort(tf.begin(), tf.end());
  std::sort(tg.begin(), tg.end());
  return {tf[tf.size() / 2], tg[tg.size() / 2]};
}
