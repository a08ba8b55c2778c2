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

#include "../runtime/rng.hpp"

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

// How rollouts choose their moves: at random, or a simple heuristic (take a winning move, else block
// the opponent's winning move, else at random).
enum class Rollout { random, heuristic };

struct SearchOptions {
  int iterations = 2000;
  double uct_c = 1.4142135623730951;
  std::uint64_t seed = 1;
  Rollout rollout = Rollout::random;
  double time_ms = 0;  // > 0: also stop once this much time has passed (then the count is not reproducible)
};

// A node of the search tree as the trace keeps it (children are first_child … first_child + children − 1).
struct TreeNode {
  int first_child = -1;
  int children = 0;
  int move = -1;
  int mover = 0;  // the player who made `move` (+1 x, −1 o); the root: 0
  int visits = 0;
  double total = 0;  // Σ outcomes for the mover
};

// What one search leaves for the MCTS lab to draw: the whole tree after the last iteration, and that
// iteration's four phases — the nodes selected from the root, the node expanded (−1: none, a finished
// game or an unvisited leaf), the node the simulation starts from, the rollout's moves and its outcome
// (+1 x won, −1 o won, 0 draw), which the backup added along the path.
struct SearchTrace {
  std::vector<TreeNode> tree;
  std::vector<int> selected;
  int expanded = -1;
  int simulated = -1;
  std::vector<int> rollout;
  int outcome = 0;
};

// One search kept between calls, so it can go on by more iterations (the MCTS lab's session steps it):
// run(n) adds up to n iterations (fewer at the options' time limit, counted from the call) and traces
// the last one when asked. search() below is one run() of the options' iterations.
template <class Game>
class Searcher {
 public:
  Searcher(const Game& root, const SearchOptions& options, int reserve_iterations);
  int run(int n, SearchTrace* trace = nullptr);
  SearchResult result() const;  // the root's moves after every iteration so far
  const std::vector<TreeNode>& tree() const { return tree_; }
  std::vector<TreeNode> take_tree() { return std::move(tree_); }
  int iterations() const { return iterations_; }
  const Game& root() const { return root_; }
  const SearchOptions& options() const { return o_; }
  void set_uct(double c) { o_.uct_c = c; }

 private:
  template <bool Heuristic>
  int run_n(int n, SearchTrace* trace);

  Game root_;
  SearchOptions o_;
  Rng rng_;
  std::vector<TreeNode> tree_;
  std::vector<int> path_;
  int iterations_ = 0;
};

template <class Game>
SearchResult search(const Game& root, const SearchOptions& options, SearchTrace* trace = nullptr);

// The move played: the most visited (ties: the better value, then the first listed); −1 for none.
int most_visited(const std::vector<MoveStat>& moves);

// The principal variation: from the root, the most-visited child (ties: the better value) while it has visits.
std::vector<int> principal_variation(const std::vector<TreeNode>& tree);

template <class Game>
SearchResult search(const Game& root, int iterations, double uct_c, std::uint64_t seed);

// Root parallelism on `threads` threads: independent searches (the iterations shared out, thread k
// seeded from seed and k) whose root statistics are summed — visits added, values weighted by visits.
// The same seed and thread count give the same result; threads ≤ 1 is search() itself.
template <class Game>
SearchResult search_threads(const Game& root, int iterations, double uct_c, std::uint64_t seed, int threads);
template <class Game>
SearchResult search_threads(const Game& root, const SearchOptions& options, int threads);

}  // namespace lab::mcts
