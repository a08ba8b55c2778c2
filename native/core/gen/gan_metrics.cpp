// Mode, quality and divergence scores of 2-D samples (see gan_metrics.hpp).
#include "gan_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lab::gen {

namespace {

constexpr int kBins = 100;
constexpr double kFloor = 1e-10;

struct Box {
  double x0, x1, y0, y1;
};

Box bounds(const float* p, std::size_t n) {
  Box b{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i < n; ++i) {
    b.x0 = std::min(b.x0, double(p[2 * i])), b.x1 = std::max(b.x1, double(p[2 * i]));
    b.y0 = std::min(b.y0, double(p[2 * i + 1])), b.y1 = std::max(b.y1, double(p[2 * i + 1]));
  }
  if (b.x1 <= b.x0) b.x0 -= 0.5, b.x1 += 0.5;
  if (b.y1 <= b.y0) b.y0 -= 0.5, b.y1 += 0.5;
  return b;
}

int bin(double v, double lo, double hi) {
  if (!(v == v)) return 0;  // NaN: the first bin (a diverged generator scores badly, it does not crash)
  const double f = (v - lo) / (hi - lo) * kBins;
  return static_cast<int>(std::clamp(f, 0.0, kBins - 1.0));
}

std::vector<double> histogram(const float* p, std::size_t n, const Box& b) {
  std::vector<double> h(kBins * kBins, 0);
  for (std::size_t i = 0; i < n; ++i) h[static_cast<std::size_t>(bin(p[2 * i], b.x0, b.x1) * kBins + bin(p[2 * i + 1], b.y0, b.y1))] += 1;
  for (double& v : h) v = std::max(v / static_cast<double>(n > 0 ? n : 1), kFloor);
  return h;
}

double kl_of(const std::vector<double>& p, const std::vector<double>& q) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) s += p[i] * std::log(p[i] / q[i]);
  return s;
}

}  // namespace

GanScore score_samples(const Toy2d& dist, const float* fake, std::size_t n_fake, const float* real, std::size_t n_real) {
  GanScore s;
  if (dist.is_mixture()) {
    const std::size_t K = dist.modes();
    std::vector<std::size_t> hq(K, 0);
    std::size_t good = 0;
    const double r2 = 9 * dist.std * dist.std;
    for (std::size_t i = 0; i < n_fake; ++i) {
      double best = std::numeric_limits<double>::infinity();
      std::size_t at = 0;
      for (std::size_t k = 0; k < K; ++k) {
        const double dx = fake[2 * i] - dist.centres[2 * k], dy = fake[2 * i + 1] - dist.centres[2 * k + 1];
        if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, at = k;
      }
      if (best <= r2) ++hq[at], ++good;
    }
    const double n = static_cast<double>(n_fake > 0 ? n_fake : 1);
    s.modes = 0;
    for (std::size_t k = 0; k < K; ++k) {
      s.per_mode.push_back(static_cast<double>(hq[k]) / n);
      if (s.per_mode.back() >= 0.01) ++s.modes;
    }
    s.high_quality = static_cast<double>(good) / n;
  }
  const Box b = bounds(real, n_real);
  const std::vector<double> p = histogram(real, n_real, b), q = histogram(fake, n_fake, b);
  std::vector<double> m(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) m[i] = (p[i] + q[i]) / 2;
  s.kl = kl_of(p, q);
  s.js = (kl_of(p, m) + kl_of(q, m)) / 2;
  return s;
}

}  // namespace lab::gen
