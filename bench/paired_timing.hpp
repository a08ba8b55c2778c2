// paired_median_seconds — times two functions in alternation (f, g, f, g, …) after one warm-up each and
// returns both medians, so a run and its reference see the same machine: a burst of other work on a
// shared machine slows both, not one. Shared by the benchmarks in bench/.
#pragma once

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

// With `prepare_f` / `prepare_g`: each is run, untimed, just before every timed call of f / g — e.g. one
// step that brings f's arrays back into the caches the other function's arrays pushed them out of, so f
// is timed as it runs in a loop of its own (as a reference framework's repetitions run).
template <class F, class G, class PF, class PG>
std::pair<double, double> paired_median_seconds(int reps, F&& f, G&& g, PF&& prepare_f, PG&& prepare_g) {
  using Clock = std::chrono::steady_clock;
  f();
  g();
  std::vector<double> tf, tg;
  for (int r = 0; r < reps; ++r) {
    prepare_f();
    auto a = Clock::now();
    f();
    tf.push_back(std::chrono::duration<double>(Clock::now() - a).count());
    prepare_g();
    a = Clock::now();
    g();
    tg.push_back(std::chrono::duration<double>(Clock::now() - a).count());
  }
  std::sort(tf.begin(), tf.end());
  std::sort(tg.begin(), tg.end());
  return {tf[tf.size() / 2], tg[tg.size() / 2]};
}

template <class F, class G>
std::pair<double, double> paired_median_seconds(int reps, F&& f, G&& g) {
  return paired_median_seconds(reps, f, g, [] {}, [] {});
}
