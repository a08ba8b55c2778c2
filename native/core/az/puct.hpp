// The self-play agent's search: Monte Carlo tree search guided by the network (PUCT, as in AlphaZero).
// Each simulation walks down by Q + U, U = c·P(s, a)·√N(s) / (1 + N(s, a)) (P the network's prior over
// the legal moves, Q the mean value for the side that moves; 0 for an unvisited move), evaluates the
// leaf with the network (its value, no rollout) or by the rules when the game is over, expands the
// leaf with its priors and backs the value up. At the root, training adds Dirichlet noise to the priors.
#pragma once

#include <cstdint>
#include <vector>

#include "../runtime/rng.hpp"
#include "az_net.hpp"

namespace lab::az {

struct PuctOptions {
  int simulations = 200;
  double c_puct = 1.5;
  double noise_alpha = 0;  // > 0: Dirichlet noise at the root (training), weight noise_eps
  double noise_eps = 0.25;
};

struct PuctMove {
  int move;
  int visits;
  double value;  // mean value for the side to move at the root (0 before a visit)
  double prior;  // the network's prior over the legal moves (before any noise)
};

struct PuctResult {
  int move = -1;  // the most visited (ties: the larger prior, then the smaller move)
  std::vector<PuctMove> moves;
  double root_value = 0;  // the network's value of the root for the side to move
  int simulations = 0;
};

// `rng` draws the root noise (training) and may be null when there is none.
template <class Game>
PuctResult puct_search(const Game& root, AzNet& net, const PuctOptions& o, Rng* rng);

// A sample of Gamma(α, 1) (Marsaglia and Tsang; α < 1 boosted by U^(1/α)): Dirichlet noise's parts.
double gamma_sample(double alpha, Rng& rng);

}  // namespace lab::az
