// The seeded synthetic data sets (see generators.hpp for each shape, its noise and its range).
#include "generators.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lab::data {

namespace {

constexpr double kTwoPi = 6.283185307179586;
constexpr double kPi = 3.141592653589793;

Dataset classification(const char* name, std::size_t n, int classes) {
  Dataset ds;
  ds.name = name;
  ds.kind = Kind::classification;
  ds.d = 2;
  ds.classes = classes;
  ds.x.reserve(2 * n);
  ds.labels.reserve(n);
  return ds;
}

Dataset regression(const char* name, std::size_t n) {
  Dataset ds;
  ds.name = name;
  ds.kind = Kind::regression;
  ds.d = 1;
  ds.classes = 0;
  ds.x.reserve(n);
  ds.y.reserve(n);
  return ds;
}

struct XY {
  double x, y;
};

void add_point(Dataset& ds, double x, double y, int label) {
  ds.x.push_back(static_cast<float>(x));
  ds.x.push_back(static_cast<float>(y));
  ds.labels.push_back(label);
}

// Fills `ds` with class_count(n, K, c) points of each class c in turn; `point(c, j, m)` gives sample j
// of the m of class c (without the coordinate noise, which is added here when `jitter`).
template <class PointFn>
void fill_classes(Dataset& ds, std::size_t n, double noise, bool jitter, Rng& rng, PointFn point) {
  for (int c = 0; c < ds.classes; ++c) {
    const std::size_t m = class_count(n, ds.classes, c);
    for (std::size_t j = 0; j < m; ++j) {
      auto [px, py] = point(c, j, m);
      if (jitter) {
        px += noise * rng.normal();
        py += noise * rng.normal();
      }
      add_point(ds, px, py, c);
    }
  }
}

Dataset finish(Dataset ds, Bounds def) {
  ds.n_train = ds.size();
  ds.view = fit_view(def, ds);
  return ds;
}

// x uniform in [−x_max, x_max] (the upper end only by rounding), rounded to float32 before the target
// is computed from it.
float uniform_input(double x_max, Rng& rng) { return static_cast<float>(-x_max + 2 * x_max * rng.uniform()); }

}  // namespace

Dataset make_spiral(std::size_t n, int classes, double noise, Rng& rng) {
  Dataset ds = classification("spiral", n, classes);
  fill_classes(ds, n, noise, false, rng, [&](int c, std::size_t j, std::size_t m) {
    const double r = static_cast<double>(j) / static_cast<double>(m - 1);
    const double t = kTwoPi * c / classes + 4 * r + noise * rng.normal();
    return XY{r * std::cos(t), r * std::sin(t)};
  });
  return finish(std::move(ds), view::spiral);
}

Dataset make_circles(std::size_t n, double factor, double noise, Rng& rng) {
  Dataset ds = classification("circles", n, 2);
  fill_classes(ds, n, noise, true, rng, [&](int c, std::size_t, std::size_t) {
    const double radius = c == 0 ? 1.0 : factor;
    const double a = kTwoPi * rng.uniform();
    return XY{radius * std::cos(a), radius * std::sin(a)};
  });
  return finish(std::move(ds), view::circles);
}

Dataset make_moons(std::size_t n, double noise, Rng& rng) {
  Dataset ds = classification("moons", n, 2);
  fill_classes(ds, n, noise, true, rng, [&](int c, std::size_t, std::size_t) {
    const double t = kPi * rng.uniform();
    const double s = c == 0 ? 1.0 : -1.0;  // class 1 is class 0 turned half a turn about the origin
    return XY{s * (std::cos(t) - 0.5), s * (std::sin(t) - 0.25)};
  });
  return finish(std::move(ds), view::moons);
}

Dataset make_xor(std::size_t n, double noise, Rng& rng) {
  Dataset ds = classification("xor", n, 2);
  fill_classes(ds, n, noise, true, rng, [&](int c, std::size_t j, std::size_t) {
    const double ax = 0.1 + 0.9 * rng.uniform(), ay = 0.1 + 0.9 * rng.uniform();
    const double sx = j % 2 == 0 ? 1.0 : -1.0;  // alternate between the class's two quadrants
    const double sy = c == 0 ? sx : -sx;
    return XY{sx * ax, sy * ay};
  });
  return finish(std::move(ds), view::xor_);
}

Dataset make_blobs(std::size_t n, int classes, double noise, Rng& rng) {
  Dataset ds = classification("blobs", n, classes);
  fill_classes(ds, n, noise, true, rng, [&](int c, std::size_t, std::size_t) {
    const double a = kTwoPi * c / classes;
    return XY{0.6 * std::cos(a), 0.6 * std::sin(a)};
  });
  return finish(std::move(ds), view::blobs);
}

Dataset make_checkerboard(std::size_t n, int size, double noise, Rng& rng) {
  Dataset ds = classification("checkerboard", n, 2);
  std::vector<XY> cells[2];  // lower-left corners of the cells of each class
  const double cell = 2.0 / size;
  for (int j = 0; j < size; ++j)
    for (int i = 0; i < size; ++i) cells[(i + j) % 2].push_back(XY{-1 + i * cell, -1 + j * cell});
  fill_classes(ds, n, noise, true, rng, [&](int c, std::size_t, std::size_t) {
    const auto& mine = cells[c];
    const std::size_t k = std::min(static_cast<std::size_t>(rng.uniform() * static_cast<double>(mine.size())), mine.size() - 1);
    const double px = mine[k].x + rng.uniform() * cell;
    const double py = mine[k].y + rng.uniform() * cell;
    return XY{px, py};
  });
  return finish(std::move(ds), view::checkerboard);
}

Dataset make_sine(std::size_t n, double x_max, double noise, Rng& rng) {
  Dataset ds = regression("sine", n);
  for (std::size_t i = 0; i < n; ++i) {
    const float x = uniform_input(x_max, rng);
    ds.x.push_back(x);
    ds.y.push_back(static_cast<float>(std::sin(static_cast<double>(x)) + noise * rng.normal()));
  }
  return finish(std::move(ds), view::sine);
}

Dataset make_polynomial(std::size_t n, std::array<double, 4> c, double x_max, double noise, Rng& rng) {
  Dataset ds = regression("polynomial", n);
  for (std::size_t i = 0; i < n; ++i) {
    const float xf = uniform_input(x_max, rng);
    const double x = xf;
    ds.x.push_back(xf);
    ds.y.push_back(static_cast<float>(c[0] + x * (c[1] + x * (c[2] + x * c[3])) + noise * rng.normal()));
  }
  return finish(std::move(ds), view::polynomial);
}

Dataset make_step(std::size_t n, int levels, double noise, Rng& rng) {
  Dataset ds = regression("step", n);
  for (std::size_t i = 0; i < n; ++i) {
    const float x = uniform_input(1.0, rng);
    int level = static_cast<int>(std::floor((static_cast<double>(x) + 1) * levels / 2));
    if (level > levels - 1) level = levels - 1;
    if (level < 0) level = 0;
    ds.x.push_back(x);
    ds.y.push_back(static_cast<float>(-1 + 2.0 * level / (levels - 1) + noise * rng.normal()));
  }
  return finish(std::move(ds), view::step);
}

}  // namespace lab::data
