// Self-play training (see az_train.hpp).
#include "az_train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "../error.hpp"
#include "../mcts/games.hpp"
#include "../mcts/minimax.hpp"
#include "../runtime/rng.hpp"
#include "az_games.hpp"
#include "puct.hpp"

namespace lab::az {

namespace {

template <class Game>
struct Buffer {
  static constexpr int kIn = AzGame<Game>::kInputs, kMoves = AzGame<Game>::kMoves;
  std::vector<float> x, pi, z;
  std::size_t capacity, stored = 0;
  explicit Buffer(std::size_t cap) : x(cap * kIn), pi(cap * kMoves), z(cap), capacity(cap) {}
  void add(const float* f, const float* p, float outcome) {
    const std::size_t slot = stored++ % capacity;
    std::copy(f, f + kIn, x.begin() + static_cast<std::ptrdiff_t>(slot * kIn));
    std::copy(p, p + kMoves, pi.begin() + static_cast<std::ptrdiff_t>(slot * kMoves));
    z[slot] = outcome;
  }
  std::size_t size() const { return std::min(stored, capacity); }
};

// One game of the network's search against itself; its positions go to the buffer.
template <class Game>
void self_play(AzNet& net, const AzTrainConfig& c, Rng& rng, Buffer<Game>& buf) {
  constexpr int kIn = AzGame<Game>::kInputs, kMoves = AzGame<Game>::kMoves;
  struct Sample {
    std::array<float, kIn> x;
    std::array<float, kMoves> pi;
    int player;
  };
  std::vector<Sample> game;
  Game g;
  PuctOptions o;
  o.simulations = c.simulations;
  o.c_puct = c.c_puct;
  o.noise_alpha = c.noise_alpha;
  o.noise_eps = c.noise_eps;
  for (int ply = 0; !g.over(); ++ply) {
    const PuctResult r = puct_search(g, net, o, &rng);
    Sample s{};
    AzGame<Game>::features(g, s.x.data());
    int total = 0;
    for (const PuctMove& m : r.moves) total += m.visits;
    for (const PuctMove& m : r.moves) s.pi[static_cast<std::size_t>(m.move)] = static_cast<float>(m.visits) / static_cast<float>(std::max(1, total));
    s.player = g.to_move();
    game.push_back(s);
    int move = r.move;
    if (ply < c.temperature_moves) {
      double u = rng.uniform() * total;
      for (const PuctMove& m : r.moves)
        if ((u -= m.visits) < 0) {
          move = m.move;
          break;
        }
    }
    g.play(move);
  }
  const int w = g.winner();
  for (const Sample& s : game) buf.add(s.x.data(), s.pi.data(), static_cast<float>(w * s.player));
}

template <class Game>
int az_move(const Game& g, AzNet& net, int sims, double c_puct) {
  PuctOptions o;
  o.simulations = sims;
  o.c_puct = c_puct;
  return puct_search(g, net, o, nullptr).move;
}

// Plays the agent against a chooser of moves; the result for the agent: +1, 0, −1.
template <class Game, class Other>
int play_against(AzNet& net, int az_side, int sims, double c_puct, Other other) {
  Game g;
  while (!g.over()) g.play(g.to_move() == az_side ? az_move(g, net, sims, c_puct) : other(g));
  return g.winner() * az_side;
}

template <class Game>
double score_vs_random(AzNet& net, int sims, double c_puct, Rng& rng, int games) {
  double score = 0;
  for (int i = 0; i < games; ++i) {
    const int r = play_against<Game>(net, i % 2 == 0 ? 1 : -1, sims, c_puct, [&rng](const Game& g) {
      std::array<int, Game::kMoves> moves{};
      const int n = g.legal(moves);
      return moves[static_cast<std::size_t>(rng.next_u64() % static_cast<std::uint64_t>(n))];
    });
    score += r > 0 ? 1.0 : r == 0 ? 0.5 : 0.0;
  }
  return score / games;
}

template <class Game>
std::vector<AzIteration> train_game(const AzTrainConfig& c, AzNet& net, const std::function<void(const AzIteration&)>& on_iteration) {
  constexpr int kIn = AzGame<Game>::kInputs, kMoves = AzGame<Game>::kMoves;
  Rng rng(c.seed ^ 0xA2A2A2A2ULL);
  Buffer<Game> buf(static_cast<std::size_t>(c.buffer));
  std::vector<float> bx(static_cast<std::size_t>(c.batch) * kIn), bpi(static_cast<std::size_t>(c.batch) * kMoves), bz(static_cast<std::size_t>(c.batch));
  std::vector<AzIteration> history;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  int positions = 0;
  for (int it = 1; it <= c.iterations; ++it) {
    const std::size_t before = buf.stored;
    for (int k = 0; k < c.games; ++k) self_play(net, c, rng, buf);
    positions += static_cast<int>(buf.stored - before);
    AzIteration rec;
    rec.iteration = it;
    rec.positions = positions;
    for (int step = 0; step < c.train_steps; ++step) {
      for (int b = 0; b < c.batch; ++b) {
        const std::size_t i = static_cast<std::size_t>(rng.next_u64() % buf.size());
        const int sym = static_cast<int>(rng.next_u64() % AzGame<Game>::kSymmetries);
        AzGame<Game>::transform(sym, buf.x.data() + i * kIn, buf.pi.data() + i * kMoves, bx.data() + static_cast<std::size_t>(b) * kIn, bpi.data() + static_cast<std::size_t>(b) * kMoves);
        bz[static_cast<std::size_t>(b)] = buf.z[i];
      }
      const auto [pl, vl] = net.train(bx.data(), bpi.data(), bz.data(), c.batch, c.lr, c.l2);
      rec.policy_loss += pl / c.train_steps;
      rec.value_loss += vl / c.train_steps;
    }
    rec.vs_random = score_vs_random<Game>(net, std::min(c.eval_simulations, 50), c.c_puct, rng, 10);
    if constexpr (std::is_same_v<Game, mcts::TicTacToe>) {
      rec.minimax_losses = 0;
      for (int side : {1, -1}) {
        const int r = play_against<Game>(net, side, c.eval_simulations, c.c_puct, [](const mcts::TicTacToe& g) {
          int best = -1;
          mcts::minimax_moves(g, &best);
          return best;
        });
        rec.minimax_losses += r < 0;
      }
    }
    rec.seconds = elapsed();
    history.push_back(rec);
    if (on_iteration) on_iteration(rec);
    if (c.seconds > 0 && rec.seconds >= c.seconds) break;
  }
  return history;
}

}  // namespace

int az_inputs(const std::string& game) { return game == "connect4" ? AzGame<mcts::Connect4>::kInputs : AzGame<mcts::TicTacToe>::kInputs; }
int az_moves(const std::string& game) { return game == "connect4" ? AzGame<mcts::Connect4>::kMoves : AzGame<mcts::TicTacToe>::kMoves; }

std::vector<AzIteration> train_az(const AzTrainConfig& c, AzNet& net, const std::function<void(const AzIteration&)>& on_iteration) {
  if (c.game == "connect4") return train_game<mcts::Connect4>(c, net, on_iteration);
  return train_game<mcts::TicTacToe>(c, net, on_iteration);
}

Value train_az(const Value& config) {
  Reader r(config, "azt");
  r.only({"game", "iterations", "games", "simulations", "c_puct", "temperature_moves", "noise_alpha", "noise_eps", "buffer", "batch", "train_steps", "lr", "l2", "hidden",
          "seed", "seconds", "eval_simulations"});
  AzTrainConfig c;
  c.game = r.string("game", "tictactoe");
  if (c.game != "tictactoe" && c.game != "connect4") r.fail("game", *r.get("game"), "\"tictactoe\" or \"connect4\"");
  const bool c4 = c.game == "connect4";
  const auto integer = [&](const char* k, int def, double lo, double hi) { return static_cast<int>(r.number(k, def, Range{lo, hi, false, false, true})); };
  c.iterations = integer("iterations", c.iterations, 1, 1e6);
  c.games = integer("games", c.games, 1, 1e5);
  c.simulations = integer("simulations", c.simulations, 1, 1e5);
  c.c_puct = r.number("c_puct", c.c_puct, Range::positive());
  c.temperature_moves = integer("temperature_moves", c4 ? 8 : c.temperature_moves, 0, 100);
  c.noise_alpha = r.number("noise_alpha", c4 ? 1.0 : c.noise_alpha, Range::non_negative());
  c.noise_eps = r.number("noise_eps", c.noise_eps, Range{0, 1, false, false, false});
  c.buffer = integer("buffer", c4 ? 100000 : c.buffer, 1, 1e7);
  c.batch = integer("batch", c.batch, 1, 65536);
  c.train_steps = integer("train_steps", c.train_steps, 0, 1e6);
  c.lr = r.number("lr", c.lr, Range::positive());
  c.l2 = r.number("l2", c.l2, Range::non_negative());
  c.hidden = integer("hidden", c4 ? 128 : c.hidden, 1, 4096);
  c.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
  c.seconds = r.number("seconds", 0, Range::non_negative());
  c.eval_simulations = integer("eval_simulations", c.eval_simulations, 1, 1e5);
  AzNet net(az_inputs(c.game), az_moves(c.game), c.hidden, c.seed);
  const std::vector<AzIteration> history = train_az(c, net);
  Value::Array h;
  for (const AzIteration& x : history)
    h.emplace_back(Value::Object{{"iteration", static_cast<double>(x.iteration)},
                                 {"positions", static_cast<double>(x.positions)},
                                 {"policy_loss", x.policy_loss},
                                 {"value_loss", x.value_loss},
                                 {"seconds", x.seconds},
                                 {"vs_random", x.vs_random},
                                 {"minimax_losses", x.minimax_losses < 0 ? Value() : Value(static_cast<double>(x.minimax_losses))}});
  return Value(Value::Object{{"game", c.game},
                             {"hidden", static_cast<double>(c.hidden)},
                             {"weights", Value(net.save())},
                             {"history", Value(std::move(h))},
                             {"iterations", static_cast<double>(history.size())},
                             {"seconds", history.empty() ? 0.0 : history.back().seconds}});
}

}  // namespace lab::az
