// mcts_move(config): the MCTS lab's one-shot search, as the addon and `gradlab mcts` see it.
//   config  {game: "tictactoe" | "connect4", board: ". x o" cells (empty board by default),
//            iterations (2000, 1…10 000 000), seed (1), uct (√2, > 0), threads (1: root-parallel
//            searches summed, search.hpp)}
//   result  {game, to_move: "x" | "o", move, moves: [{move, visits, value}], iterations, nodes, board}
// agent "az": the self-play network's search (az/puct.hpp) with `weights` (az_net.hpp bytes),
// `iterations` simulations and c_puct (1.5); each move also has the network's `prior`, and root_value
// is the network's value of the board for the side to move.
// A finished board (won, or full) or one no game reaches is refused: INVALID_CONFIG naming why.
#pragma once

#include "../config/value.hpp"
#include "search.hpp"

namespace lab::mcts {

Value mcts_move(const Value& config);

// A search's iterations (2000), seed (1), uct (√2) and rollout ("random" | "heuristic") as a config
// gives them, errors naming the field: the one-shot search's and the MCTS lab's session's.
SearchOptions read_search_options(const Reader& r);

// Throws INVALID_CONFIG naming mcts.board when the game on it is over (won, or a full board).
template <class Game>
void refuse_finished(const Game& g);

}  // namespace lab::mcts
