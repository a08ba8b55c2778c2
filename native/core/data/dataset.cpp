// Small helpers of lab::data::Dataset: kind names, class sizes, view bounds (see dataset.hpp).
#include "dataset.hpp"

#include <algorithm>

namespace lab::data {

const char* kind_name(Kind k) { return k == Kind::classification ? "classification" : "regression"; }

std::size_t class_count(std::size_t n, int classes, int c) {
  const auto k = static_cast<std::size_t>(classes);
  return n / k + (static_cast<std::size_t>(c) < n % k ? 1 : 0);
}

std::vector<std::size_t> class_counts(const Dataset& ds) {
  std::vector<std::size_t> counts(static_cast<std::size_t>(std::max(ds.classes, 0)), 0);
  for (std::int32_t label : ds.labels) ++counts[static_cast<std::size_t>(label)];
  return counts;
}

namespace {

// [lo, hi] padded by 5% of its span on each side, or by 0.5 when the span is 0.
void pad(double& lo, double& hi) {
  const double margin = hi > lo ? 0.05 * (hi - lo) : 0.5;
  lo -= margin;
  hi += margin;
}

}  // namespace

Bounds data_bounds(const Dataset& ds) {
  const std::size_t n = ds.size();
  if (n == 0) return Bounds{-1, 1, -1, 1};
  // Second coordinate of row i: the second input, or the regression target.
  auto second = [&](std::size_t i) -> double { return ds.d >= 2 ? ds.x[i * ds.d + 1] : ds.y[i]; };
  Bounds b{ds.x[0], ds.x[0], second(0), second(0)};
  for (std::size_t i = 0; i < n; ++i) {
    b.xmin = std::min<double>(b.xmin, ds.x[i * ds.d]);
    b.xmax = std::max<double>(b.xmax, ds.x[i * ds.d]);
    b.ymin = std::min(b.ymin, second(i));
    b.ymax = std::max(b.ymax, second(i));
  }
  pad(b.xmin, b.xmax);
  pad(b.ymin, b.ymax);
  return b;
}

Bounds fit_view(Bounds def, const Dataset& ds) {
  if (ds.size() == 0) return def;
  const Bounds b = data_bounds(ds);
  return Bounds{std::min(def.xmin, b.xmin), std::max(def.xmax, b.xmax), std::min(def.ymin, b.ymin),
                std::max(def.ymax, b.ymax)};
}

}  // namespace lab::data
