// PUCT search with the network (see puct.hpp), for tic-tac-toe and connect four.
#include "puct.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "az_games.hpp"

namespace lab::az {

double gamma_sample(double alpha, Rng& rng) {
  if (alpha < 1) return gamma_sample(alpha + 1, rng) * std::pow(std::max(rng.uniform(), 1e-300), 1 / alpha);
  const double d = alpha - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x || std::log(std::max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

namespace {

struct Node {
  int move = -1;
  int mover = 0;  // +1 x, −1 o; the root 0
  int first_child = -1;
  int children = 0;
  int visits = 0;
  double total = 0;  // Σ values for the mover
  float prior = 0;
};

// The network at a position: priors over the legal moves (renormalised) into `out` (legal order), and
// the value for the side to move.
template <class Game>
double evaluate(const Game& g, AzNet& net, const std::array<int, Game::kMoves>& legal, int n, float* out) {
  std::array<float, AzGame<Game>::kInputs> x{};
  std::array<float, AzGame<Game>::kMoves> p{};
  float v = 0;
  AzGame<Game>::features(g, x.data());
  net.evaluate(x.data(), 1, p.data(), &v);
  double s = 0;
  for (int k = 0; k < n; ++k) s += p[static_cast<std::size_t>(legal[static_cast<std::size_t>(k)])];
  for (int k = 0; k < n; ++k) out[k] = s > 0 ? static_cast<float>(p[static_cast<std::size_t>(legal[static_cast<std::size_t>(k)])] / s) : 1.f / static_cast<float>(n);
  return v;
}

template <class Game>
double expand(std::vector<Node>& tree, int node, const Game& g, AzNet& net) {
  std::array<int, Game::kMoves> legal{};
  const int n = g.legal(legal);
  std::array<float, Game::kMoves> pri{};
  const double v = evaluate(g, net, legal, n, pri.data());
  const int first = static_cast<int>(tree.size());
  for (int k = 0; k < n; ++k) {
    Node ch;
    ch.move = legal[static_cast<std::size_t>(k)];
    ch.mover = g.to_move();
    ch.prior = pri[static_cast<std::size_t>(k)];
    tree.push_back(ch);
  }
  tree[static_cast<std::size_t>(node)].first_child = first;
  tree[static_cast<std::size_t>(node)].children = n;
  return v;
}

}  // namespace

template <class Game>
PuctResult puct_search(const Game& root, AzNet& net, const PuctOptions& o, Rng* rng) {
  std::vector<Node> tree(1);
  tree.reserve(static_cast<std::size_t>(o.simulations) * Game::kMoves + Game::kMoves + 1);
  PuctResult r;
  r.root_value = expand(tree, 0, root, net);
  const int nroot = tree[0].children;
  std::vector<float> clean(static_cast<std::size_t>(nroot));
  for (int k = 0; k < nroot; ++k) clean[static_cast<std::size_t>(k)] = tree[static_cast<std::size_t>(1 + k)].prior;
  if (o.noise_alpha > 0 && rng != nullptr && nroot > 0) {
    std::vector<double> d(static_cast<std::size_t>(nroot));
    double s = 0;
    for (double& x : d) s += (x = gamma_sample(o.noise_alpha, *rng));
    for (int k = 0; k < nroot; ++k) {
      Node& ch = tree[static_cast<std::size_t>(1 + k)];
      ch.prior = static_cast<float>((1 - o.noise_eps) * ch.prior + o.noise_eps * d[static_cast<std::size_t>(k)] / s);
    }
  }
  std::vector<int> path;
  for (int sim = 0; sim < o.simulations; ++sim) {
    Game g = root;
    int node = 0;
    path.assign(1, 0);
    while (tree[static_cast<std::size_t>(node)].children > 0) {
      const Node& parent = tree[static_cast<std::size_t>(node)];
      const double sq = std::sqrt(static_cast<double>(std::max(1, parent.visits)));
      int best = -1;
      double best_score = -INFINITY;
      for (int k = 0; k < parent.children; ++k) {
        const int c = parent.first_child + k;
        const Node& ch = tree[static_cast<std::size_t>(c)];
        const double q = ch.visits > 0 ? ch.total / ch.visits : 0.0;
        const double score = q + o.c_puct * ch.prior * sq / (1 + ch.visits);
        if (score > best_score) best_score = score, best = c;
      }
      node = best;
      g.play(tree[static_cast<std::size_t>(node)].move);
      path.push_back(node);
    }
    // the leaf: the rules' outcome, or the network's value (and its moves added)
    double value_abs;
    if (g.over()) value_abs = g.winner();
    else value_abs = expand(tree, node, g, net) * g.to_move();
    for (int p : path) {
      Node& nd = tree[static_cast<std::size_t>(p)];
      ++nd.visits;
      nd.total += value_abs * nd.mover;
    }
  }
  r.simulations = o.simulations;
  for (int k = 0; k < nroot; ++k) {
    const Node& ch = tree[static_cast<std::size_t>(1 + k)];
    r.moves.push_back({ch.move, ch.visits, ch.visits > 0 ? ch.total / ch.visits : 0.0, clean[static_cast<std::size_t>(k)]});
  }
  const PuctMove* best = nullptr;
  for (const PuctMove& m : r.moves)
    if (!best || m.visits > best->visits || (m.visits == best->visits && m.prior > best->prior)) best = &m;
  if (best) r.move = best->move;
  return r;
}

template PuctResult puct_search<mcts::TicTacToe>(const mcts::TicTacToe&, AzNet&, const PuctOptions&, Rng*);
template PuctResult puct_search<mcts::Connect4>(const mcts::Connect4&, AzNet&, const PuctOptions&, Rng*);

}  // namespace lab::az
