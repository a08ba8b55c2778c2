// Perfect play at tic-tac-toe by minimax (negamax over every position, remembered): the MCTS lab's
// "minimax" opponent, and the judge its quality is measured against.
//   int v = minimax_value(g);            // +1 the side to move wins, 0 draw, −1 it loses, with best play
//   std::vector<MoveStat> m = minimax_moves(g);  // each legal move's value for the side to move
#pragma once

#include <vector>

#include "games.hpp"
#include "search.hpp"

namespace lab::mcts {

int minimax_value(const TicTacToe& g);

// Every legal move with visits 0 and value the exact outcome (+1, 0, −1) for the side to move after
// it is played with best play on both sides. `best`: the first move of the highest value.
std::vector<MoveStat> minimax_moves(const TicTacToe& g, int* best);

}  // namespace lab::mcts
