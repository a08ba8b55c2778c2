// Tic-tac-toe and connect four (see games.hpp).
#include "games.hpp"

#include "../error.hpp"

namespace lab::mcts {

namespace {

constexpr std::array<std::uint16_t, 8> kLines{0x007, 0x038, 0x1C0, 0x049, 0x092, 0x124, 0x111, 0x054};

bool has_line(std::uint16_t b) {
  for (std::uint16_t l : kLines)
    if ((b & l) == l) return true;
  return false;
}

// connect four: bit (col·7 + row), row 0 at the bottom
bool four(std::uint64_t b) {
  for (int shift : {1, 7, 6, 8}) {  // vertical, horizontal, the two diagonals
    const std::uint64_t m = b & (b >> shift);
    if (m & (m >> (2 * shift))) return true;
  }
  return false;
}

std::string clean(const std::string& board) {
  std::string s;
  for (char c : board)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '/') s += c;
  return s;
}

void check_cells(const std::string& s, std::size_t want, const std::string& path, const char* shape) {
  if (s.size() != want)
    throw Error(code::invalid_config, path + ": " + std::to_string(s.size()) + " cells; expected " + std::to_string(want) + " (" + shape + ") of . x o");
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] != '.' && s[i] != 'x' && s[i] != 'o')
      throw Error(code::invalid_config, path + ": cell " + std::to_string(i) + " is '" + std::string(1, s[i]) + "'; expected . x or o");
}

void check_counts(int xs, int os, const std::string& path) {
  if (xs != os && xs != os + 1)
    throw Error(code::invalid_config, path + ": " + std::to_string(xs) + " x and " + std::to_string(os) + " o; no game reaches that (x moves first, so x has as many as o or one more)");
}

}  // namespace

int TicTacToe::legal(std::array<int, 9>& out) const {
  int n = 0;
  for (int i = 0; i < 9; ++i)
    if (!((x | o) >> i & 1)) out[static_cast<std::size_t>(n++)] = i;
  return n;
}

void TicTacToe::play(int move) {
  if (to_move() == 1) x |= static_cast<std::uint16_t>(1u << move);
  else o |= static_cast<std::uint16_t>(1u << move);
}

bool TicTacToe::play_wins(int move) {
  const bool x_moves = to_move() == 1;
  play(move);
  return has_line(x_moves ? x : o);
}

bool TicTacToe::wins_with(int move, int player) const {
  return has_line(static_cast<std::uint16_t>((player == 1 ? x : o) | (1u << move)));
}

int TicTacToe::winner() const { return has_line(x) ? 1 : has_line(o) ? -1 : 0; }

std::string TicTacToe::text() const {
  std::string s;
  for (int i = 0; i < 9; ++i) s += (x >> i & 1) ? 'x' : (o >> i & 1) ? 'o' : '.';
  return s;
}

int Connect4::legal(std::array<int, 7>& out) const {
  int n = 0;
  for (int c = 0; c < 7; ++c)
    if (height[static_cast<std::size_t>(c)] < 6) out[static_cast<std::size_t>(n++)] = c;
  return n;
}

void Connect4::play(int col) {
  const int row = height[static_cast<std::size_t>(col)]++;
  pieces[count % 2] |= std::uint64_t{1} << (col * 7 + row);
  ++count;
}

bool Connect4::play_wins(int col) {
  const int side = count % 2;
  play(col);
  return four(pieces[side]);
}

bool Connect4::wins_with(int col, int player) const {
  const std::uint64_t bit = std::uint64_t{1} << (col * 7 + height[static_cast<std::size_t>(col)]);
  return four(pieces[player == 1 ? 0 : 1] | bit);
}

int Connect4::winner() const { return four(pieces[0]) ? 1 : four(pieces[1]) ? -1 : 0; }

std::string Connect4::text() const {
  std::string s;
  for (int row = 5; row >= 0; --row)
    for (int c = 0; c < 7; ++c) {
      const std::uint64_t bit = std::uint64_t{1} << (c * 7 + row);
      s += (pieces[0] & bit) ? 'x' : (pieces[1] & bit) ? 'o' : '.';
    }
  return s;
}

TicTacToe parse_tictactoe(const std::string& board, const std::string& path) {
  const std::string s = clean(board);
  check_cells(s, 9, path, "3 rows of 3");
  TicTacToe g;
  for (int i = 0; i < 9; ++i) {
    if (s[static_cast<std::size_t>(i)] == 'x') g.x |= static_cast<std::uint16_t>(1u << i);
    if (s[static_cast<std::size_t>(i)] == 'o') g.o |= static_cast<std::uint16_t>(1u << i);
  }
  check_counts(__builtin_popcount(g.x), __builtin_popcount(g.o), path);
  if (has_line(g.x) && has_line(g.o)) throw Error(code::invalid_config, path + ": both x and o have three in a row; no game reaches that");
  return g;
}

Connect4 parse_connect4(const std::string& board, const std::string& path) {
  const std::string s = clean(board);
  check_cells(s, 42, path, "6 rows of 7, top row first");
  Connect4 g;
  int xs = 0, os = 0;
  for (int c = 0; c < 7; ++c) {
    bool gap = false;
    for (int row = 0; row < 6; ++row) {  // from the bottom
      const char ch = s[static_cast<std::size_t>((5 - row) * 7 + c)];
      if (ch == '.') {
        gap = true;
        continue;
      }
      if (gap) throw Error(code::invalid_config, path + ": column " + std::to_string(c) + " has a piece above an empty cell; pieces fall to the bottom");
      const std::uint64_t bit = std::uint64_t{1} << (c * 7 + row);
      if (ch == 'x') g.pieces[0] |= bit, ++xs;
      else g.pieces[1] |= bit, ++os;
      ++g.height[static_cast<std::size_t>(c)];
    }
  }
  check_counts(xs, os, path);
  g.count = xs + os;
  if (four(g.pieces[0]) && four(g.pieces[1])) throw Error(code::invalid_config, path + ": both x and o have four in a row; no game reaches that");
  return g;
}

}  // namespace lab::mcts
