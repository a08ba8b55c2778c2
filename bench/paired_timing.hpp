// Repetition timers shared by the benchmarks in bench/.
// - median_seconds: one warm-up call, then `reps` calls back to back; the median. This is how
//   bench/torch_*.py time PyTorch, so a side-by-side row times both sides alike.
// - paired_median_seconds: two functions in alternation (f, g, f, g, …) after one warm-up each; both
//   medians. A run and its same-process reference then see the same machine: a burst of other work on
//   a shared machine slows both, not one. Only for work the other side cannot push out of the caches
//   (alternating an optimizer step with a same-size loop slowed a cache-resident step by 30–90 %, even
//   with a warm-up step before each timed one).
#pragma once

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

namespace bench_timing {
using Clock = std::chrono::steady_clock;
inline double seconds_of(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }
inline double median_of(std::vector<double>& t) {
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
}  // namespace bench_timing

template <class F>
double median_seconds(int reps, F&& f) {
  using namespace bench_timing;
  f();
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto a = Clock::now();
    f();
    t.push_back(seconds_of(a));
  }
  return median_of(t);
}

template <class F, class G>
std::pair<double, double> paired_median_seconds(int reps, F&& f, G&& g) {
  using namespace bench_timing;
  f();
  g();
  std::vector<double> tf, tg;
  for (int r = 0; r < reps; ++r) {
    auto a = Clock::now();
    f();
    tf.push_back(seconds_of(a));
    a = Clock::now();
    g();
    tg.push_back(seconds_of(a));
  }
  return {median_of(tf), median_of(tg)};
}
