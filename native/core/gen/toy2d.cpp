// The GAN lab's 2-D distributions (see toy2d.hpp).
#include "toy2d.hpp"

#include <cmath>
#include <numbers>

#include "../error.hpp"

namespace lab::gen {

namespace {

constexpr double kPi = std::numbers::pi;

}  // namespace

Toy2d toy2d(const std::string& name, const std::string& path) {
  Toy2d t;
  t.name = name;
  if (name == "ring8") {
    for (int k = 0; k < 8; ++k) t.centres.insert(t.centres.end(), {2 * std::cos(k * kPi / 4), 2 * std::sin(k * kPi / 4)});
    t.std = 0.02;
  } else if (name == "grid25") {
    for (int i = -2; i <= 2; ++i)
      for (int j = -2; j <= 2; ++j) t.centres.insert(t.centres.end(), {2.0 * i, 2.0 * j});
    t.std = 0.05;
  } else if (name != "moons" && name != "spiral" && name != "line") {
    throw Error(code::invalid_config, path + ": unknown distribution \"" + name + "\"; expected one of ring8, grid25, moons, spiral, line, or points");
  }
  return t;
}

Toy2d toy2d_points(std::vector<float> xy, const std::string& path) {
  if (xy.size() < 4 || xy.size() % 2 != 0)
    throw Error(code::invalid_config, path + ": expected at least 2 points as x, y pairs, got " + std::to_string(xy.size()) + " numbers");
  for (std::size_t i = 0; i < xy.size(); ++i)
    if (!std::isfinite(xy[i]))
      throw Error(code::invalid_config, path + "[" + std::to_string(i) + "]: expected a finite number");
  Toy2d t;
  t.name = "points";
  t.points = std::move(xy);
  return t;
}

void Toy2d::sample(float* out, std::size_t n, Rng& rng) const {
  for (std::size_t i = 0; i < n; ++i) {
    double x = 0, y = 0;
    if (is_mixture()) {
      const std::size_t k = static_cast<std::size_t>(rng.next_u64() % modes());
      x = centres[2 * k] + std * rng.normal();
      y = centres[2 * k + 1] + std * rng.normal();
    } else if (name == "moons") {
      const double t = kPi * rng.uniform();
      const bool upper = rng.uniform() < 0.5;
      x = upper ? std::cos(t) - 0.5 : 0.5 - std::cos(t);
      y = upper ? std::sin(t) - 0.25 : 0.25 - std::sin(t);
      x += 0.05 * rng.normal(), y += 0.05 * rng.normal();
    } else if (name == "spiral") {
      const double t = 3 * kPi * rng.uniform(), r = 2 * t / (3 * kPi);
      x = r * std::cos(t) + 0.03 * rng.normal();
      y = r * std::sin(t) + 0.03 * rng.normal();
    } else if (name == "line") {
      const double u = rng.uniform();
      x = -2 + 4 * u + 0.02 * rng.normal();
      y = -1 + 2 * u + 0.02 * rng.normal();
    } else {  // points
      const std::size_t k = static_cast<std::size_t>(rng.next_u64() % (points.size() / 2));
      x = points[2 * k], y = points[2 * k + 1];
    }
    out[2 * i] = static_cast<float>(x);
    out[2 * i + 1] = static_cast<float>(y);
  }
}

}  // namespace lab::gen
