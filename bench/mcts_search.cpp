// MCTS speed (issue #14): one UCT search with random rollouts from the empty connect-four board
// (1 000 000 iterations; --quick: 100 000), and the same search written the obvious way as the floor:
// a node per move holding its own game copy and child vector, rollouts checking every line of the
// whole board after each move. Iterations per second, one thread. Prints one JSON object per line.
//   mcts_search [--json] [--quick]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "mcts/games.hpp"
#include "mcts/search.hpp"
#include "runtime/rng.hpp"

using namespace lab;
using namespace lab::mcts;

namespace {

// ---- the floor: the straightforward implementation --------------------------------------------
struct Board {
  char cell[6][7] = {};
  int player = 1;
  int winner() const {
    const int dr[4] = {0, 1, 1, 1}, dc[4] = {1, 0, 1, -1};
    for (int r = 0; r < 6; ++r)
      for (int c = 0; c < 7; ++c) {
        const char p = cell[r][c];
        if (p == 0) continue;
        for (int d = 0; d < 4; ++d) {
          int k = 1;
          while (k < 4) {
            const int rr = r + dr[d] * k, cc = c + dc[d] * k;
            if (rr < 0 || rr >= 6 || cc < 0 || cc >= 7 || cell[rr][cc] != p) break;
            ++k;
          }
          if (k == 4) return p;
        }
      }
    return 0;
  }
  std::vector<int> moves() const {
    std::vector<int> m;
    for (int c = 0; c < 7; ++c)
      if (cell[5][c] == 0) m.push_back(c);
    return m;
  }
  void play(int c) {
    for (int r = 0; r < 6; ++r)
      if (cell[r][c] == 0) {
        cell[r][c] = static_cast<char>(player);
        break;
      }
    player = -player;
  }
};

struct NaiveNode {
  Board board;
  int move = -1, visits = 0;
  double total = 0;
  NaiveNode* parent = nullptr;
  std::vector<std::unique_ptr<NaiveNode>> children;
  bool expanded = false;
};

void naive_search(int iterations, std::uint64_t seed) {
  Rng rng(seed);
  NaiveNode root;
  for (int it = 0; it < iterations; ++it) {
    NaiveNode* n = &root;
    while (n->expanded && !n->children.empty()) {
      NaiveNode* best = nullptr;
      double bs = -1e300;
      for (auto& ch : n->children) {
        const double s = ch->visits == 0 ? 1e300 : (ch->total / ch->visits + 1) / 2 + std::sqrt(2.0) * std::sqrt(std::log(n->visits) / ch->visits);
        if (s > bs) bs = s, best = ch.get();
      }
      n = best;
      if (n->visits == 0) break;
    }
    if (!n->expanded && n->board.winner() == 0) {
      n->expanded = true;
      for (int m : n->board.moves()) {
        auto ch = std::make_unique<NaiveNode>();
        ch->board = n->board;
        ch->board.play(m);
        ch->move = m;
        ch->parent = n;
        n->children.push_back(std::move(ch));
      }
      if (!n->children.empty()) n = n->children[0].get();
    }
    Board b = n->board;
    int w = b.winner();
    while (w == 0) {
      const auto m = b.moves();
      if (m.empty()) break;
      b.play(m[rng.next_u64() % m.size()]);
      w = b.winner();
    }
    for (NaiveNode* p = n; p != nullptr; p = p->parent) {
      ++p->visits;
      p->total += w * -p->board.player;  // the mover into p is the player not to move at p
    }
  }
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false, quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) json = true;
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
  }
  const int n = quick ? 100'000 : 1'000'000;
  std::size_t nodes = 0;
  const double ours = seconds([&] { nodes = search(Connect4{}, n, std::sqrt(2.0), 1).nodes; });
  const double two = seconds([&] { search_threads(Connect4{}, n, std::sqrt(2.0), 1, 2); });
  const double floor = seconds([&] { naive_search(n / 10, 1); }) * 10;  // a tenth, scaled: it is slow
  if (json) {
    std::printf("{\"bench\":\"mcts\",\"case\":\"connect4_empty\",\"iterations\":%d,\"seconds\":%.4f,\"iterations_per_s\":%.0f,\"nodes\":%zu,\"two_threads_iterations_per_s\":%.0f,\"floor_iterations_per_s\":%.0f}\n", n, ours,
                n / ours, nodes, n / two, n / floor);
  } else {
    std::printf("connect four, empty board, %d iterations, one thread: %.3f s, %.0f iterations/s (%zu nodes); two threads (root-parallel): %.0f/s (%.2f×); the straightforward floor: %.0f/s\n", n, ours,
                n / ours, nodes, n / two, ours / two, n / floor);
  }
  return 0;
}
