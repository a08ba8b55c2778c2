// What the self-play agent (AlphaZero-style, issue #14) needs of a game beyond mcts/games.hpp: the
// position as the network's input, always from the side to move (its own stones, then the opponent's),
// and the board's symmetries, which map a position and its move probabilities alike (tic-tac-toe: the
// 8 rotations and reflections; connect four: the mirror).
#pragma once

#include <array>

#include "../mcts/games.hpp"

namespace lab::az {

template <class Game>
struct AzGame;

template <>
struct AzGame<mcts::TicTacToe> {
  static constexpr int kInputs = 18;
  static constexpr int kMoves = 9;
  static constexpr int kSymmetries = 8;
  static void features(const mcts::TicTacToe& g, float* out) {
    const std::uint16_t own = g.to_move() == 1 ? g.x : g.o, other = g.to_move() == 1 ? g.o : g.x;
    for (int i = 0; i < 9; ++i) out[i] = static_cast<float>(own >> i & 1), out[9 + i] = static_cast<float>(other >> i & 1);
  }
  // cell (r, c) under symmetry s: s & 4 transposes, s & 2 flips the rows, s & 1 the columns
  static int map(int s, int cell) {
    int r = cell / 3, c = cell % 3;
    if (s & 4) std::swap(r, c);
    if (s & 2) r = 2 - r;
    if (s & 1) c = 2 - c;
    return r * 3 + c;
  }
  static void transform(int s, const float* f, const float* pi, float* f2, float* pi2) {
    for (int i = 0; i < 9; ++i) {
      const int j = map(s, i);
      f2[j] = f[i], f2[9 + j] = f[9 + i], pi2[j] = pi[i];
    }
  }
};

template <>
struct AzGame<mcts::Connect4> {
  static constexpr int kInputs = 84;
  static constexpr int kMoves = 7;
  static constexpr int kSymmetries = 2;
  // cell index c·6 + row (row 0 at the bottom), own pieces then the opponent's
  static void features(const mcts::Connect4& g, float* out) {
    const int own = g.to_move() == 1 ? 0 : 1;
    for (int c = 0; c < 7; ++c)
      for (int row = 0; row < 6; ++row) {
        const std::uint64_t bit = std::uint64_t{1} << (c * 7 + row);
        out[c * 6 + row] = (g.pieces[own] & bit) ? 1.f : 0.f;
        out[42 + c * 6 + row] = (g.pieces[1 - own] & bit) ? 1.f : 0.f;
      }
  }
  static void transform(int s, const float* f, const float* pi, float* f2, float* pi2) {
    for (int c = 0; c < 7; ++c) {
      const int m = s ? 6 - c : c;
      pi2[m] = pi[c];
      for (int row = 0; row < 6; ++row) f2[m * 6 + row] = f[c * 6 + row], f2[42 + m * 6 + row] = f[42 + c * 6 + row];
    }
  }
};

}  // namespace lab::az
