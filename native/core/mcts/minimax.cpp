// Tic-tac-toe minimax (see minimax.hpp). Positions are remembered by (x, o): 3⁹ at most.
#include "minimax.hpp"

#include <array>
#include <unordered_map>

namespace lab::mcts {

namespace {

int negamax(const TicTacToe& g, std::unordered_map<std::uint32_t, int>& memo) {
  const int w = g.winner();
  if (w != 0) return w * g.to_move();  // the side to move has lost (its opponent just made a line)
  if (g.over()) return 0;
  const std::uint32_t key = static_cast<std::uint32_t>(g.x) << 9 | g.o;
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::array<int, 9> moves{};
  const int n = g.legal(moves);
  int best = -2;
  for (int k = 0; k < n; ++k) {
    TicTacToe next = g;
    next.play(moves[static_cast<std::size_t>(k)]);
    best = std::max(best, -negamax(next, memo));
  }
  memo.emplace(key, best);
  return best;
}

std::unordered_map<std::uint32_t, int>& table() {
  thread_local std::unordered_map<std::uint32_t, int> memo;
  return memo;
}

}  // namespace

int minimax_value(const TicTacToe& g) { return negamax(g, table()); }

std::vector<MoveStat> minimax_moves(const TicTacToe& g, int* best) {
  std::array<int, 9> moves{};
  const int n = g.legal(moves);
  std::vector<MoveStat> out;
  int top = -2;
  if (best != nullptr) *best = -1;
  for (int k = 0; k < n; ++k) {
    TicTacToe next = g;
    next.play(moves[static_cast<std::size_t>(k)]);
    const int v = -negamax(next, table());
    out.push_back({moves[static_cast<std::size_t>(k)], 0, static_cast<double>(v)});
    if (v > top) {
      top = v;
      if (best != nullptr) *best = moves[static_cast<std::size_t>(k)];
    }
  }
  return out;
}

}  // namespace lab::mcts
