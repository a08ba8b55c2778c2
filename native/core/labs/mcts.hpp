// lab::MctsLab — one Monte Carlo tree search as a live session (issue #14): the search from a board
// grows by `per_step` iterations a step, so a lesson or the experiments page can watch the chosen move
// settle (mcts/search.hpp; the one-shot `gradlab mcts` is mcts/move.hpp).
//
// Config: game ("tictactoe" | "connect4"), board (. x o; empty by default), iterations (2000, the
//   total), per_step (10), seed (1), uct (√2), rollout ("random" | "heuristic"),
//   frames?: false | {every_ms: 100}
// Stream "search", step 0 and every step: step, iterations, best_move (the most-visited root move),
//   best_share (its share of the root's visits), best_value (its mean outcome for the side to move, in
//   [−1, 1]), best_exact (tic-tac-toe: the chosen move's exact value with best play, +1 / 0 / −1, by
//   minimax; NaN for connect four), nodes
// Frame "root": [moves, 3] float32 (move, visits, value) with meta {game, board, to_move, pv}.
// Live updates: {set: {uct}}.
// A finished or impossible board is INVALID_CONFIG naming why.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../mcts/search.hpp"
#include "../runtime/session.hpp"

namespace lab {

// A search over either game, behind one shape.
class AnySearch {
 public:
  virtual ~AnySearch() = default;
  virtual int run(int n) = 0;
  virtual mcts::SearchResult result() const = 0;
  virtual std::vector<int> pv() const = 0;
  virtual double exact(int move) const = 0;  // NaN where not known
  virtual void set_uct(double c) = 0;
  virtual std::string board() const = 0;
  virtual std::string to_move() const = 0;
};

class MctsLab : public Lab {
 public:
  explicit MctsLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return steps_; }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;

 private:
  int emit(Emitter& em);  // the search's row; returns its iterations so far
  Frame frame() const;

  std::unique_ptr<AnySearch> search_;
  std::string game_;
  int total_ = 2000, per_step_ = 10, done_ = 0;
  std::int64_t steps_ = 0;
  int stream_ = -1;
  bool frames_on_ = true;
  double every_ms_ = 100;
  std::chrono::steady_clock::time_point last_frame_;
  double best_share_ = NAN, best_value_ = NAN, best_exact_ = NAN;
};

}  // namespace lab
