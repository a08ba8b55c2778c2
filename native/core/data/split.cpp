// The stratified train/test split (see split.hpp for the rule and its guarantee).
#include "split.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace lab::data {

std::size_t uniform_index(Rng& rng, std::size_t n) {
  const auto i = static_cast<std::size_t>(rng.uniform() * static_cast<double>(n));
  return std::min(i, n - 1);
}

namespace {

// Fisher–Yates over v[begin, end).
void shuffle(std::vector<std::size_t>& v, std::size_t begin, std::size_t end, Rng& rng) {
  for (std::size_t i = end - begin; i > 1; --i) std::swap(v[begin + i - 1], v[begin + uniform_index(rng, i)]);
}

}  // namespace

std::size_t test_size(std::size_t n, double test_fraction) {
  if (n < 2 || !(test_fraction > 0)) return 0;
  const auto t = static_cast<std::size_t>(std::llround(static_cast<double>(n) * test_fraction));
  return std::clamp<std::size_t>(t, 1, n - 1);
}

void split(Dataset& ds, double test_fraction, Rng& rng) {
  const std::size_t n = ds.size();
  const std::size_t n_test = test_size(n, test_fraction);

  // Row indices grouped by class (stable, so the result depends only on the data and the Rng), each
  // group shuffled.
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  auto by_label = [&](std::size_t a, std::size_t b) { return ds.labels[a] < ds.labels[b]; };
  if (ds.kind == Kind::classification) std::stable_sort(order.begin(), order.end(), by_label);
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && (ds.kind == Kind::regression || ds.labels[order[end]] == ds.labels[order[begin]])) ++end;
    shuffle(order, begin, end, rng);
    begin = end;
  }

  // Systematic sampling: position k goes to the test set when floor(k·n_test/n) steps up at k + 1.
  std::vector<std::size_t> train, test;
  train.reserve(n - n_test);
  test.reserve(n_test);
  for (std::size_t k = 0; k < n; ++k) {
    const bool to_test = (k + 1) * n_test / n > k * n_test / n;
    (to_test ? test : train).push_back(order[k]);
  }
  shuffle(train, 0, train.size(), rng);
  shuffle(test, 0, test.size(), rng);

  // Rewrite the rows: train first, then test.
  std::vector<std::size_t> rows = std::move(train);
  rows.insert(rows.end(), test.begin(), test.end());
  const std::size_t d = static_cast<std::size_t>(ds.d);
  std::vector<float> x(ds.x.size());
  for (std::size_t k = 0; k < n; ++k) std::copy_n(ds.x.begin() + rows[k] * d, d, x.begin() + k * d);
  ds.x = std::move(x);
  if (!ds.labels.empty()) {
    std::vector<std::int32_t> labels(n);
    for (std::size_t k = 0; k < n; ++k) labels[k] = ds.labels[rows[k]];
    ds.labels = std::move(labels);
  }
  if (!ds.y.empty()) {
    std::vector<float> y(n);
    for (std::size_t k = 0; k < n; ++k) y[k] = ds.y[rows[k]];
    ds.y = std::move(y);
  }
  ds.n_train = n - n_test;
}

}  // namespace lab::data
