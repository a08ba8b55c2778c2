// UCT search (see search.hpp), instantiated for tic-tac-toe and connect four.
#include "search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <chrono>
#include <thread>

#include "../runtime/rng.hpp"
#include "games.hpp"

namespace lab::mcts {

namespace {

using Node = TreeNode;

// Random moves to the end from a position that is not over: the winner (+1 / −1), or 0 for a draw.
// Only the mover's lines are checked after each move (nobody else can have just won). With Heuristic, a
// winning move is taken and the opponent's winning move blocked before choosing at random. `played`
// (when given) receives the moves.
template <bool Heuristic, class Game>
int rollout(Game g, Rng& rng, std::vector<int>* played) {
  std::array<int, Game::kMoves> moves{};
  for (;;) {
    const int n = g.legal(moves);
    if (n == 0) return 0;
    const int mover = g.to_move();
    int pick = -1;
    if constexpr (Heuristic) {
      for (int k = 0; k < n && pick < 0; ++k)
        if (g.wins_with(moves[static_cast<std::size_t>(k)], mover)) pick = moves[static_cast<std::size_t>(k)];
      for (int k = 0; k < n && pick < 0; ++k)
        if (g.wins_with(moves[static_cast<std::size_t>(k)], -mover)) pick = moves[static_cast<std::size_t>(k)];
    }
    if (pick < 0) pick = moves[static_cast<std::size_t>(rng.next_u64() % static_cast<std::uint64_t>(n))];
    if (played != nullptr) played->push_back(pick);
    if (g.play_wins(pick)) return mover;
  }
}

}  // namespace

template <class Game>
Searcher<Game>::Searcher(const Game& root, const SearchOptions& options, int reserve_iterations) : root_(root), o_(options), rng_(options.seed), tree_(1) {
  tree_.reserve(static_cast<std::size_t>(std::min(std::max(reserve_iterations, 1), 4'000'000)) * 2 + Game::kMoves + 1);
}

template <class Game>
int Searcher<Game>::run(int n, SearchTrace* trace) {
  return o_.rollout == Rollout::heuristic ? run_n<true>(n, trace) : run_n<false>(n, trace);
}

template <class Game>
template <bool Heuristic>
int Searcher<Game>::run_n(int iterations, SearchTrace* trace) {
  const double uct_c = o_.uct_c;
  std::vector<Node>& tree = tree_;
  std::vector<int>& path = path_;
  Rng& rng = rng_;
  std::array<int, Game::kMoves> moves{};
  const auto start = std::chrono::steady_clock::now();
  int it = 0;
  for (; it < iterations; ++it) {
    if (o_.time_ms > 0 && (it & 63) == 0 && it > 0 &&
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >= o_.time_ms)
      break;
    const bool traced = trace != nullptr && (it == iterations - 1 || o_.time_ms > 0);
    Game g = root_;
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
    if (traced) {
      trace->selected = path;
      trace->expanded = -1;
      trace->rollout.clear();
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
      if (traced) trace->expanded = node;
      node = first;
      g.play(tree[static_cast<std::size_t>(node)].move);
      path.push_back(node);
    }
    // simulation and backup
    const int outcome = g.over() ? g.winner() : rollout<Heuristic>(g, rng, traced ? &trace->rollout : nullptr);
    if (traced) {
      trace->simulated = node;
      trace->outcome = outcome;
    }
    for (int p : path) {
      Node& nd = tree[static_cast<std::size_t>(p)];
      ++nd.visits;
      nd.total += outcome * nd.mover;
    }
  }
  iterations_ += it;
  return it;
}

template <class Game>
SearchResult Searcher<Game>::result() const {
  SearchResult r;
  r.iterations = iterations_;
  r.nodes = tree_.size();
  const Node& top = tree_[0];
  for (int k = 0; k < top.children; ++k) {
    const Node& ch = tree_[static_cast<std::size_t>(top.first_child + k)];
    r.moves.push_back({ch.move, ch.visits, ch.visits > 0 ? ch.total / ch.visits : 0.0});
  }
  r.move = most_visited(r.moves);
  return r;
}

int most_visited(const std::vector<MoveStat>& moves) {
  const MoveStat* best = nullptr;
  for (const MoveStat& m : moves)
    if (!best || m.visits > best->visits || (m.visits == best->visits && m.value > best->value)) best = &m;
  return best ? best->move : -1;
}

std::vector<int> principal_variation(const std::vector<TreeNode>& tree) {
  std::vector<int> pv;
  int node = 0;
  while (tree[static_cast<std::size_t>(node)].children > 0) {
    const TreeNode& n = tree[static_cast<std::size_t>(node)];
    int best = -1;
    for (int k = 0; k < n.children; ++k) {
      const TreeNode& c = tree[static_cast<std::size_t>(n.first_child + k)];
      if (c.visits == 0) continue;
      const TreeNode* b = best < 0 ? nullptr : &tree[static_cast<std::size_t>(best)];
      if (!b || c.visits > b->visits || (c.visits == b->visits && c.total / c.visits > b->total / b->visits)) best = n.first_child + k;
    }
    if (best < 0) break;
    pv.push_back(tree[static_cast<std::size_t>(best)].move);
    node = best;
  }
  return pv;
}

template <class Game>
SearchResult search(const Game& root, const SearchOptions& options, SearchTrace* trace) {
  Searcher<Game> s(root, options, options.iterations);
  s.run(options.iterations, trace);
  SearchResult r = s.result();
  if (trace != nullptr) trace->tree = s.take_tree();
  return r;
}

namespace {
SearchOptions options_of(int iterations, double uct_c, std::uint64_t seed) {
  SearchOptions o;
  o.iterations = iterations;
  o.uct_c = uct_c;
  o.seed = seed;
  return o;
}
}  // namespace

template <class Game>
SearchResult search(const Game& root, int iterations, double uct_c, std::uint64_t seed) {
  return search(root, options_of(iterations, uct_c, seed), nullptr);
}

template <class Game>
SearchResult search_threads(const Game& root, int iterations, double uct_c, std::uint64_t seed, int threads) {
  return search_threads(root, options_of(iterations, uct_c, seed), threads);
}

template <class Game>
SearchResult search_threads(const Game& root, const SearchOptions& options, int threads) {
  const int iterations = options.iterations;
  if (threads <= 1 || iterations < threads) return search(root, options, nullptr);
  std::vector<SearchResult> parts(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) {
    const int share = iterations / threads + (k < iterations % threads ? 1 : 0);
    SearchOptions part = options;
    part.iterations = share;
    part.seed = options.seed + static_cast<std::uint64_t>(k) * 0x9E3779B97F4A7C15ull;
    pool.emplace_back([&parts, &root, k, part] { parts[static_cast<std::size_t>(k)] = search(root, part, nullptr); });
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
  r.iterations = 0;
  for (const SearchResult& p : parts) r.iterations += p.iterations;
  r.move = most_visited(r.moves);
  return r;
}

template class Searcher<TicTacToe>;
template class Searcher<Connect4>;
template SearchResult search<TicTacToe>(const TicTacToe&, int, double, std::uint64_t);
template SearchResult search<TicTacToe>(const TicTacToe&, const SearchOptions&, SearchTrace*);
template SearchResult search<Connect4>(const Connect4&, const SearchOptions&, SearchTrace*);
template SearchResult search<Connect4>(const Connect4&, int, double, std::uint64_t);
template SearchResult search_threads<TicTacToe>(const TicTacToe&, int, double, std::uint64_t, int);
template SearchResult search_threads<Connect4>(const Connect4&, int, double, std::uint64_t, int);
template SearchResult search_threads<TicTacToe>(const TicTacToe&, const SearchOptions&, int);
template SearchResult search_threads<Connect4>(const Connect4&, const SearchOptions&, int);

}  // namespace lab::mcts
