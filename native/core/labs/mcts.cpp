// The MCTS lab's session (see mcts.hpp).
#include "mcts.hpp"

#include <cmath>

#include "../config/value_lists.hpp"
#include "../error.hpp"
#include "../mcts/games.hpp"
#include "../mcts/minimax.hpp"
#include "../mcts/move.hpp"

namespace lab {

namespace {

template <class Game>
class GameSearch : public AnySearch {
 public:
  GameSearch(const Game& g, const mcts::SearchOptions& o) : s_(g, o, o.iterations) {}
  int run(int n) override { return s_.run(n); }
  mcts::SearchResult result() const override { return s_.result(); }
  std::vector<int> pv() const override { return mcts::principal_variation(s_.tree()); }
  double exact(int move) const override {
    if constexpr (std::is_same_v<Game, mcts::TicTacToe>) {
      mcts::TicTacToe next = s_.root();
      next.play(move);
      return -mcts::minimax_value(next);
    } else {
      (void)move;
      return NAN;
    }
  }
  void set_uct(double c) override { s_.set_uct(c); }
  std::string board() const override { return s_.root().text(); }
  std::string to_move() const override { return s_.root().to_move() == 1 ? "x" : "o"; }

 private:
  mcts::Searcher<Game> s_;
};

}  // namespace

MctsLab::MctsLab(const Value& config) {
  Reader r(config, "mcts");
  r.only({"game", "board", "iterations", "per_step", "seed", "uct", "rollout", "frames"});
  game_ = r.string("game", "tictactoe");
  if (game_ != "tictactoe" && game_ != "connect4") r.fail("game", *r.get("game"), "\"tictactoe\" or \"connect4\"");
  const mcts::SearchOptions o = mcts::read_search_options(r);
  total_ = o.iterations;
  per_step_ = static_cast<int>(r.number("per_step", 10, Range{1, 1'000'000, false, false, true}));
  if (const std::optional<Reader> fr = frames_option(r, frames_on_, "false or {every_ms}")) {
    fr->only({"every_ms"});
    every_ms_ = fr->number("every_ms", every_ms_, Range{0, 600'000, false, false, false});
  }
  if (game_ == "tictactoe") {
    const mcts::TicTacToe g = mcts::parse_tictactoe(r.string("board", "........."), "mcts.board");
    mcts::refuse_finished(g);
    search_ = std::make_unique<GameSearch<mcts::TicTacToe>>(g, o);
  } else {
    const mcts::Connect4 g = mcts::parse_connect4(r.string("board", std::string(42, '.')), "mcts.board");
    mcts::refuse_finished(g);
    search_ = std::make_unique<GameSearch<mcts::Connect4>>(g, o);
  }
}

void MctsLab::begin(Emitter& em) {
  stream_ = em.declare("search", 0, {"step", "iterations", "best_move", "best_share", "best_value", "best_exact", "nodes"});
  emit(em);
  if (frames_on_) {
    em.frame(frame());
    last_frame_ = std::chrono::steady_clock::now();
  }
}

int MctsLab::emit(Emitter& em) {
  const mcts::SearchResult r = search_->result();
  double best_move = NAN;
  best_share_ = best_value_ = best_exact_ = NAN;
  if (r.move >= 0 && r.iterations > 0) {
    for (const mcts::MoveStat& m : r.moves)
      if (m.move == r.move) {
        best_share_ = static_cast<double>(m.visits) / r.iterations;
        best_value_ = m.value;
      }
    best_move = r.move;
    best_exact_ = search_->exact(r.move);
  }
  const double row[] = {static_cast<double>(steps_), static_cast<double>(r.iterations), best_move, best_share_, best_value_, best_exact_, static_cast<double>(r.nodes)};
  em.push(stream_, row);
  return r.iterations;
}

bool MctsLab::step(Emitter& em) {
  ++steps_;
  search_->run(std::min(per_step_, total_ - done_));
  done_ = emit(em);
  const bool more = done_ < total_;
  const auto now = std::chrono::steady_clock::now();
  if (frames_on_ && (!more || std::chrono::duration<double, std::milli>(now - last_frame_).count() >= every_ms_)) {
    em.frame(frame());
    last_frame_ = now;
  }
  return more;
}

Frame MctsLab::frame() const {
  const mcts::SearchResult r = search_->result();
  Frame f;
  f.name = "root";
  f.step = steps_;
  f.shape = {static_cast<std::int64_t>(r.moves.size()), 3};
  for (const mcts::MoveStat& m : r.moves) {
    f.data.push_back(static_cast<float>(m.move));
    f.data.push_back(static_cast<float>(m.visits));
    f.data.push_back(static_cast<float>(m.value));
  }
  Value::Array pv;
  for (int m : search_->pv()) pv.emplace_back(static_cast<double>(m));
  f.meta = Value(Value::Object{{"game", game_}, {"board", search_->board()}, {"to_move", search_->to_move()}, {"pv", Value(std::move(pv))}});
  return f;
}

void MctsLab::validate_update(const Value& update) const {
  const Reader u(update, "update");
  u.only({"set", "steps_per_second"});
  if (const Value* s = u.get("set")) {
    const Reader sr(*s, "update.set");
    sr.only({"uct"});
    sr.number("uct", 1, Range::positive());
  }
}

void MctsLab::apply_update(const Value& update) {
  if (const Value* s = update.find("set"))
    if (const Value* c = s->find("uct")) search_->set_uct(c->as_number());
}

Value MctsLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  const mcts::SearchResult r = search_->result();
  Value::Array moves, pv;
  for (const mcts::MoveStat& m : r.moves) moves.emplace_back(Value::Object{{"move", static_cast<double>(m.move)}, {"visits", static_cast<double>(m.visits)}, {"value", m.value}});
  for (int m : search_->pv()) pv.emplace_back(static_cast<double>(m));
  return Value(Value::Object{{"status", status},
                             {"game", game_},
                             {"board", search_->board()},
                             {"to_move", search_->to_move()},
                             {"move", static_cast<double>(r.move)},
                             {"moves", Value(std::move(moves))},
                             {"pv", Value(std::move(pv))},
                             {"iterations", static_cast<double>(r.iterations)},
                             {"nodes", static_cast<double>(r.nodes)},
                             {"steps", static_cast<double>(steps_)},
                             {"final", Value(Value::Object{{"best_share", number_or_null(best_share_)}, {"best_value", number_or_null(best_value_)}, {"best_exact", number_or_null(best_exact_)}})},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", steps_ > 0 ? compute_ms / static_cast<double>(steps_) : 0.0}});
}

}  // namespace lab
