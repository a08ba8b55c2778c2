// The synthetic data sets of the training lab: seeded generators of small 2-D classification sets and
// 1-D regression sets. Each draws every random number from the caller's Rng (portable), so the same
// seed gives the same bits on the same machine (sin and cos come from the platform's math library).
//
// What each returns: all n rows in generation order (class 0's rows first, then class 1's, …), not yet
// split (n_train = n; split.hpp does the split), with the generator's default view widened to hold
// every point (fit_view). Points are computed in double, stored as float32; regression targets are
// computed from the stored float32 input, so with noise 0 a target is exactly f(x) of its input.
//
// Classes are balanced: class c gets class_count(n, K, c) samples (n / K, plus one for each of the first
// n % K classes). Callers pass valid arguments (n ≥ 2K for classification, n ≥ 2 for regression,
// parameters inside the ranges that catalog.cpp lists); generate() and read_dataset() check them.
//
// Not here: the split (split.hpp), the table of names, parameters and defaults (catalog.hpp), CSV files.
#pragma once

#include <array>
#include <cstddef>

#include "../runtime/rng.hpp"
#include "dataset.hpp"

namespace lab::data {

// Default views (at default parameters). A generated set's view is its default widened to hold its
// points (fit_view).
namespace view {
inline constexpr Bounds spiral{-1.25, 1.25, -1.25, 1.25};
inline constexpr Bounds circles{-1.5, 1.5, -1.5, 1.5};
inline constexpr Bounds moons{-2, 2, -1.5, 1.5};
inline constexpr Bounds xor_{-1.5, 1.5, -1.5, 1.5};
inline constexpr Bounds blobs{-1.5, 1.5, -1.5, 1.5};
inline constexpr Bounds checkerboard{-1.25, 1.25, -1.25, 1.25};
inline constexpr Bounds sine{-3.5, 3.5, -1.5, 1.5};
inline constexpr Bounds polynomial{-1.75, 1.75, -2.5, 2.5};
inline constexpr Bounds step{-1.25, 1.25, -1.5, 1.5};
}  // namespace view

// ---- 2-D classification (inputs x, y) -------------------------------------------------------------

// K interleaved spiral arms (as in the CS231n notes). Sample j of the m of class k lies at radius
// r = j / (m − 1) ∈ [0, 1] and angle t = 2πk/K + 4r + noise·N(0,1) (noise in radians): (r cos t, r sin t).
Dataset make_spiral(std::size_t n, int classes, double noise, Rng& rng);

// Two rings around the origin: class 0 on radius 1, class 1 on radius `factor` ∈ (0, 1); angle uniform;
// then noise·N(0,1) added to each coordinate.
Dataset make_circles(std::size_t n, double factor, double noise, Rng& rng);

// Two interleaving half circles of radius 1 (scikit-learn's moons, centred): class 0 at
// (cos t − 0.5, sin t − 0.25), class 1 at (0.5 − cos t, 0.25 − sin t), t uniform in [0, π]; then
// noise·N(0,1) added to each coordinate. Without noise x ∈ [−1.5, 1.5], y ∈ [−0.75, 0.75].
Dataset make_moons(std::size_t n, double noise, Rng& rng);

// XOR: four square clusters |x|, |y| ∈ [0.1, 1], one per quadrant; class 0 where x·y > 0 (quadrants
// (+,+) and (−,−), alternating), class 1 where x·y < 0; then noise·N(0,1) added to each coordinate.
Dataset make_xor(std::size_t n, double noise, Rng& rng);

// K Gaussian clusters: class k centred at 0.6·(cos 2πk/K, sin 2πk/K), standard deviation `noise` in each
// coordinate (noise 0: every point on its centre).
Dataset make_blobs(std::size_t n, int classes, double noise, Rng& rng);

// A size×size checkerboard on [−1, 1]²: cell (i, j) (column i from the left, row j from the bottom)
// belongs to class (i + j) mod 2. Each sample picks a cell of its class uniformly, then a point uniformly
// inside it; then noise·N(0,1) is added to each coordinate (the label stays that of the cell).
Dataset make_checkerboard(std::size_t n, int size, double noise, Rng& rng);

// ---- 1-D regression (input x, target y) -----------------------------------------------------------

// y = sin(x) + noise·N(0,1), x uniform in [−x_max, x_max).
Dataset make_sine(std::size_t n, double x_max, double noise, Rng& rng);

// y = c[0] + c[1]·x + c[2]·x² + c[3]·x³ + noise·N(0,1), x uniform in [−x_max, x_max).
Dataset make_polynomial(std::size_t n, std::array<double, 4> c, double x_max, double noise, Rng& rng);

// A staircase of `levels` equal-width flat steps over x ∈ [−1, 1), from y = −1 up to y = 1:
// y = −1 + 2·floor((x + 1)·levels / 2) / (levels − 1) + noise·N(0,1), x uniform in [−1, 1).
// levels = 2: y = −1 for x < 0, y = 1 for x ≥ 0.
Dataset make_step(std::size_t n, int levels, double noise, Rng& rng);

}  // namespace lab::data
