// The MCTS lab's games (issue #14), as small copyable values behind one shape, so a third game is one
// file: legal moves, play, whose turn, and the result. Players: +1 = x (moves first), −1 = o.
//   TicTacToe  cells 0–8 row-major; a move is a cell
//   Connect4   6 rows × 7 columns, a move is a column 0–6; bitboards (7 bits a column, the top one a
//              sentinel), so four-in-a-row is four shifts
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace lab::mcts {

struct TicTacToe {
  static constexpr int kMoves = 9;
  static constexpr const char* kName = "tictactoe";
  std::uint16_t x = 0, o = 0;
  int to_move() const { return __builtin_popcount(x) == __builtin_popcount(o) ? 1 : -1; }
  // the moves, in increasing order; n receives how many
  int legal(std::array<int, 9>& out) const;
  void play(int move);
  // plays and says whether the mover now has a line (a rollout's one check per move)
  bool play_wins(int move);
  // +1 x has won, −1 o has won, 0 otherwise
  int winner() const;
  bool over() const { return winner() != 0 || (x | o) == 0x1FF; }
  // whether `player` (+1 x, −1 o) would have a line by taking the legal `move` (heuristic rollouts)
  bool wins_with(int move, int player) const;
  // "x.o......": the 9 cells, row-major
  std::string text() const;
};

struct Connect4 {
  static constexpr int kMoves = 7;
  static constexpr const char* kName = "connect4";
  std::uint64_t pieces[2] = {0, 0};  // [x, o]
  std::array<int, 7> height{};       // pieces in each column
  int count = 0;
  int to_move() const { return count % 2 == 0 ? 1 : -1; }
  int legal(std::array<int, 7>& out) const;
  void play(int col);
  bool play_wins(int col);
  int winner() const;
  bool over() const { return winner() != 0 || count == 42; }
  bool wins_with(int col, int player) const;
  std::string text() const;  // 42 cells, top row first
};

// Reads a board: `.`, `x`, `o`, row-major (connect four: 6 rows of 7, top row first); spaces, newlines
// and `/` are ignored. Throws INVALID_CONFIG naming `path` when it has the wrong size, an unknown
// character, counts that no game reaches (x moves first), a floating piece (connect four), or both
// players in a row.
TicTacToe parse_tictactoe(const std::string& board, const std::string& path);
Connect4 parse_connect4(const std::string& board, const std::string& path);

}  // namespace lab::mcts
