// Monte Carlo tree search (UCT) over a game of games.hpp, with random rollouts, from a seeded Rng so a
// seed gives the same search. Each iteration: selection down the tree by UCB1 — an unvisited child
// first, else the largest (q + 1)/2 + c·√(ln N / n), q the child's mean outcome in [−1, 1] for the
// player who moved into it — then expansion of every move of the leaf reached, a random rollout from
// the first new child, and the outcome backed up (+1 win, −1 loss, 0 draw, for each node's mover).
//   SearchResult r = search(game, 2000, std::sqrt(2.0), seed);
//   r.move: the most-visited move (ties: the better value, then the smaller move)
//   r.moves: every root move with its visits and value (the mean outcome for the player to move)
#pragma once

#include <cstdint>
#include <vector>

namespace lab::mcts {

struct MoveStat {
  int move;
  int visits;
  double value;
};

struct SearchResult {
  int move = -1;
  std::vector<MoveStat> moves;
  int iterations = 0;
  std::size_t nodes = 0;
};

template <class Game>
SearchResult search(const Game& root, int iterations, double uct_c, std::uint64_t seed);

// Root parallelism on `threads` threads: independent searches (the iterations shared out, thread k
// seeded from seed and k) whose root statistics are summed — visits added, values weighted by visits.
// The same seed and thread count give the same result; threads ≤ 1 is search() itself.
template <class Game>
SearchResult search_threads(const Game& root, int iterations, double uct_c, std::uint64_t seed, int threads);

}  // namespace lab::mcts
