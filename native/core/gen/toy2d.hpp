// The GAN lab's 2-D distributions (issue #13): where the real points come from, and, for the mixtures,
// the centres and spread that the mode metrics score samples against.
//   ring8   8 Gaussians centred at (2·cos kπ/4, 2·sin kπ/4), std 0.02 (the 2-D ring of the VEEGAN and
//           Unrolled-GAN papers)
//   grid25  25 Gaussians centred at (i, j) for i, j ∈ {−4, −2, 0, 2, 4}, std 0.05 (their 2-D grid)
//   moons   two interleaving half circles of radius 1 (centred as data/generators.hpp draws them), each
//           coordinate plus N(0, 0.05²)
//   spiral  one arm r = t/(3π)·2, angle t, t uniform in [0, 3π], each coordinate plus N(0, 0.03²)
//   line    the segment from (−2, −1) to (2, 1), uniform along it, each coordinate plus N(0, 0.02²)
//   points  any finite points given (a user's drawing or a CSV file), drawn uniformly with replacement
// Each call fills n points as x0, y0, x1, y1, … from `rng`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/rng.hpp"

namespace lab::gen {

struct Toy2d {
  std::string name;               // "ring8", …, "points"
  std::vector<double> centres;    // the mixtures' centres (x, y, x, y, …); empty for the others
  double std = 0;                 // the mixtures' spread per coordinate
  std::vector<float> points;      // "points": the given ones (x, y, …)

  bool is_mixture() const { return !centres.empty(); }
  std::size_t modes() const { return centres.size() / 2; }
  void sample(float* out, std::size_t n, Rng& rng) const;
};

// "ring8" … "line"; INVALID_CONFIG naming `path` and the known names for any other.
Toy2d toy2d(const std::string& name, const std::string& path);
// The given points (at least 2, each finite); INVALID_CONFIG naming `path` otherwise.
Toy2d toy2d_points(std::vector<float> xy, const std::string& path);

}  // namespace lab::gen
