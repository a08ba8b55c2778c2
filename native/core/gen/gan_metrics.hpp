// How well a GAN's samples match its 2-D distribution (issue #13):
//   modes / high quality (the mixtures only, as the VEEGAN and Unrolled-GAN papers score them): a sample
//     is high quality when it lies within 3·std (Euclidean) of its nearest centre; a mode is captured
//     when at least 1 % of all samples are high-quality samples of it.
//   KL(real ‖ generated) and JS: both point sets binned on a 100×100 grid over the real points'
//     bounding box (generated points outside it count in the nearest edge bin), each histogram
//     normalised, every bin floored at 1e-10; KL = Σ p·ln(p/q), JS = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2
//     (nats).
#pragma once

#include <cstddef>
#include <vector>

#include "toy2d.hpp"

namespace lab::gen {

struct GanScore {
  int modes = -1;            // captured; −1 when the distribution is not a mixture
  double high_quality = -1;  // share of samples within 3·std of a centre; −1 when not a mixture
  std::vector<double> per_mode;  // share of all samples that are high-quality samples of each mode
  double kl = 0, js = 0;
};

// `fake` and `real`: n_fake and n_real points as x, y, x, y, …
GanScore score_samples(const Toy2d& dist, const float* fake, std::size_t n_fake, const float* real, std::size_t n_real);

}  // namespace lab::gen
