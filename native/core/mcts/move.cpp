// mcts_move (see move.hpp).
#include "move.hpp"

#include <cmath>

#include "../error.hpp"
#include "games.hpp"
#include "search.hpp"

namespace lab::mcts {

namespace {

template <class Game>
Value run(const Game& g, int iterations, double uct, std::uint64_t seed, int threads) {
  if (g.winner() != 0)
    throw Error(code::invalid_config, std::string("mcts.board: the game is over: ") + (g.winner() == 1 ? "x" : "o") + " has won");
  if (g.over()) throw Error(code::invalid_config, "mcts.board: the game is over: the board is full (a draw)");
  const SearchResult r = search_threads(g, iterations, uct, seed, threads);
  Value::Array moves;
  for (const MoveStat& m : r.moves)
    moves.emplace_back(Value::Object{{"move", static_cast<double>(m.move)}, {"visits", static_cast<double>(m.visits)}, {"value", m.value}});
  return Value(Value::Object{{"game", std::string(Game::kName)},
                             {"board", g.text()},
                             {"to_move", std::string(g.to_move() == 1 ? "x" : "o")},
                             {"move", static_cast<double>(r.move)},
                             {"moves", Value(std::move(moves))},
                             {"iterations", static_cast<double>(r.iterations)},
                             {"nodes", static_cast<double>(r.nodes)}});
}

}  // namespace

Value mcts_move(const Value& config) {
  Reader r(config, "mcts");
  r.only({"game", "board", "iterations", "seed", "uct", "threads"});
  const std::string game = r.string("game", "tictactoe");
  const int iterations = static_cast<int>(r.number("iterations", 2000, Range{1, 10'000'000, false, false, true}));
  const auto seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
  const double uct = r.number("uct", std::sqrt(2.0), Range::positive());
  const int threads = static_cast<int>(r.number("threads", 1, Range{1, 64, false, false, true}));
  if (game == "tictactoe") return run(parse_tictactoe(r.string("board", "........."), "mcts.board"), iterations, uct, seed, threads);
  if (game == "connect4") return run(parse_connect4(r.string("board", std::string(42, '.')), "mcts.board"), iterations, uct, seed, threads);
  r.fail("game", *r.get("game"), "\"tictactoe\" or \"connect4\"");
}

}  // namespace lab::mcts
