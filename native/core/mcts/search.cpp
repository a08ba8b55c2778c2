// UCT search (see search.hpp), instantiated for tic-tac-toe and connect four.
#include "search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

#include "../runtime/rng.hpp"
#include "games.hpp"

namespace lab::mcts {

namespace {

struct Node {
  int first_child = -1;
  int children = 0;
  int move = -1;
  int mover = 0;  // the player who made `move` (+1 x, −1 o)
  int visits = 0;
  double total = 0;  // Σ outcomes for the mover
};

// Random moves to the end from a position that is not over: the winner (+1 / −1), or 0 for a draw.
// Only the mover's lines are checked after each move (nobody else can have just won).
template <class Game>
int rollout(Game g, Rng& rng) {
  std::array<int, Game::kMoves> moves{};
  for (;;) {
    const int n = g.legal(moves);
    if (n == 0) return 0;
    const int mover = g.to_move();
    if (g.play_wins(moves[static_cast<std::size_t>(rng.next_u64() % static_cast<std::uint64_t>(n))])) return mover;
  }
}

}  // namespace

template <class Game>
SearchResult search(const Game& root, int iterations, double uct_c, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Node> tree(1);
  tree.reserve(static_cast<std::size_t>(std::min(iterations, 4'000'000)) * 2 + Game::kMoves + 1);
  std::vector<int> path;
  std::array<int, Game::kMoves> moves{};
  for (int it = 0; it < iterations; ++it) {
    Game g = root;
    int node = 0;
    path.assign(1, 0);
    // selection
    while (tree[static_cast<std::size_t>(node)].children > 0) {
      const Node& parent = tree[static_cast<std::size_t>(node)];
      const double log_n = std::log(std::max(1, parent.visits));
      int best = -1;
      double best_score = -INFINITY;
      for (int k = 0; k < parent.children; ++k) {
        const int child = parent.first_child + k;
        const Node& ch = tree[static_cast<std::size_t>(child)];
        if (ch.visits == 0) {
          best = child;
          break;
        }
        const double score = (ch.total / ch.visits + 1) / 2 + uct_c * std::sqrt(log_n / ch.visits);
        if (score > best_score) best_score = score, best = child;
      }
      node = best;
      g.play(tree[static_cast<std::size_t>(node)].move);
      path.push_back(node);
      if (tree[static_cast<std::size_t>(node)].visits == 0) break;
    }
    // expansion: a node visited before (or the root) that is not over gets all its moves
    if (!g.over() && tree[static_cast<std::size_t>(node)].children == 0 && (node == 0 || tree[static_cast<std::size_t>(node)].visits > 0)) {
      const int n = g.legal(moves);
      const int first = static_cast<int>(tree.size());
      const int mover = g.to_move();
      for (int k = 0; k < n; ++k) {
        Node ch;
        ch.move = moves[static_cast<std::size_t>(k)];
        ch.mover = mover;
        tree.push_back(ch);
      }
      tree[static_cast<std::size_t>(node)].first_child = first;
      tree[static_cast<std::size_t>(node)].children = n;
      node = first;
      g.play(tree[static_cast<std::size_t>(node)].move);
      path.push_back(node);
    }
    // simulation and backup
    const int outcome = g.over() ? g.winner() : rollout(g, rng);
    for (int p : path) {
      Node& nd = tree[static_cast<std::size_t>(p)];
      ++nd.visits;
      nd.total += outcome * nd.mover;
    }
  }
  SearchResult r;
  r.iterations = iterations;
  r.nodes = tree.size();
  const Node& top = tree[0];
  for (int k = 0; k < top.children; ++k) {
    const Node& ch = tree[static_cast<std::size_t>(top.first_child + k)];
    r.moves.push_back({ch.move, ch.visits, ch.visits > 0 ? ch.total / ch.visits : 0.0});
  }
  const MoveStat* best = nullptr;
  for (const MoveStat& m : r.moves)
    if (!best || m.visits > best->visits || (m.visits == best->visits && m.value > best->value)) best = &m;
  if (best) r.move = best->move;
  return r;
}

template <class Game>
SearchResult search_threads(const Game& root, int iterations, double uct_c, std::uint64_t seed, int threads) {
  if (threads <= 1 || iterations < threads) return search(root, iterations, uct_c, seed);
  std::vector<SearchResult> parts(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) {
    const int share = iterations / threads + (k < iterations % threads ? 1 : 0);
    const std::uint64_t s = seed + static_cast<std::uint64_t>(k) * 0x9E3779B97F4A7C15ull;
    pool.emplace_back([&parts, &root, k, share, uct_c, s] { parts[static_cast<std::size_t>(k)] = search(root, share, uct_c, s); });
  }
  for (std::thread& t : pool) t.join();
  SearchResult r = parts[0];  // every part lists the root's moves in the same (legal) order
  for (MoveStat& m : r.moves) m.value *= m.visits;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    r.nodes += parts[k].nodes;
    for (std::size_t i = 0; i < r.moves.size(); ++i) {
      r.moves[i].visits += parts[k].moves[i].visits;
      r.moves[i].value += parts[k].moves[i].value * parts[k].moves[i].visits;
    }
  }
  for (MoveStat& m : r.moves) m.value = m.visits > 0 ? m.value / m.visits : 0.0;
  r.iterations = iterations;
  const MoveStat* best = nullptr;
  for (const MoveStat& m : r.moves)
    if (!best || m.visits > best->visits || (m.visits == best->visits && m.value > best->value)) best = &m;
  r.move = best ? best->move : -1;
  return r;
}

template SearchResult search<TicTacToe>(const TicTacToe&, int, double, std::uint64_t);
template SearchResult search<Connect4>(const Connect4&, int, double, std::uint64_t);
template SearchResult search_threads<TicTacToe>(const TicTacToe&, int, double, std::uint64_t, int);
template SearchResult search_threads<Connect4>(const Connect4&, int, double, std::uint64_t, int);

}  // namespace lab::mcts
