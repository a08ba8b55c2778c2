// Training the self-play agent (AlphaZero-style, issue #14): each iteration plays `games` games of the
// network's search against itself (Dirichlet noise at the root, the first `temperature_moves` moves
// drawn in proportion to the visits, then the most visited), keeps every position with the search's
// visit shares π and the game's outcome z for the side that was to move, and takes `train_steps` Adam
// steps on batches drawn from the last `buffer` positions, each under a random symmetry of the board.
// After each iteration it is scored: against a uniformly random player, and at tic-tac-toe against
// perfect play (minimax) as x and as o.
//   config  {game, iterations, games, simulations, c_puct, temperature_moves, noise_alpha, noise_eps,
//            buffer, batch, train_steps, lr, l2, hidden, seed, seconds (0: no limit), eval_simulations}
//   result  {game, weights (bytes: az_net.hpp), hidden, history: [{iteration, positions, policy_loss,
//            value_loss, seconds, vs_random, minimax_losses}], iterations, seconds}
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "../config/value.hpp"
#include "az_net.hpp"

namespace lab::az {

struct AzTrainConfig {
  std::string game = "tictactoe";
  int iterations = 40;
  int games = 40;
  int simulations = 50;
  double c_puct = 1.5;
  int temperature_moves = 2;
  double noise_alpha = 0.6;
  double noise_eps = 0.25;
  int buffer = 20000;
  int batch = 64;
  int train_steps = 100;
  double lr = 2e-3;
  double l2 = 1e-4;
  int hidden = 64;
  std::uint64_t seed = 1;
  double seconds = 0;
  int eval_simulations = 200;
};

struct AzIteration {
  int iteration = 0;
  int positions = 0;  // positions played so far in all
  double policy_loss = 0, value_loss = 0;  // means over the iteration's steps
  double seconds = 0;                      // since training began
  double vs_random = 0;                    // score against a random player: wins + ½ draws, per game
  int minimax_losses = -1;                 // tic-tac-toe: games lost to perfect play as x and as o (of 2)
};

// The network sizes per game (the shipped checkpoints' too).
int az_inputs(const std::string& game);
int az_moves(const std::string& game);

// Trains `net` (made for the game); `on_iteration` (optional) hears each iteration's scores.
std::vector<AzIteration> train_az(const AzTrainConfig& c, AzNet& net, const std::function<void(const AzIteration&)>& on_iteration = {});

// The config as a Value (errors name azt.<field>) → the result above.
Value train_az(const Value& config);

}  // namespace lab::az
