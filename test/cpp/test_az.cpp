// The self-play agent (native/core/az/): Gamma samples for the root noise; the network saved and read
// back to the bit (and bad bytes refused naming why); PUCT with an untrained network still takes a win
// in one (terminal leaves are scored by the rules); a short training is reproducible for its seed and
// lowers the policy loss; and the shipped tic-tac-toe network (assets/agents/az-tictactoe.bin) at 200
// simulations never loses to perfect play, as x or as o, over every perfect reply (a minimax judge).
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "az/az_games.hpp"
#include "az/az_net.hpp"
#include "az/az_train.hpp"
#include "az/puct.hpp"
#include "check.hpp"
#include "error.hpp"
#include "mcts/games.hpp"
#include "mcts/minimax.hpp"
#include "runtime/rng.hpp"

using namespace lab;
using namespace lab::az;
using mcts::TicTacToe;

namespace {

Value::Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Value::Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every game of the agent (side `az`) against every perfect reply; counts the agent's losses.
void judge(const TicTacToe& g, int az, AzNet& net, int& games, int& losses) {
  if (g.over()) {
    ++games;
    losses += g.winner() == -az;
    return;
  }
  if (g.to_move() == az) {
    PuctOptions o;
    o.simulations = 200;
    TicTacToe next = g;
    next.play(puct_search(g, net, o, nullptr).move);
    judge(next, az, net, games, losses);
    return;
  }
  int best = -1;
  const std::vector<mcts::MoveStat> moves = mcts::minimax_moves(g, &best);
  double top = -2;
  for (const auto& m : moves) top = std::max(top, m.value);
  for (const auto& m : moves)
    if (m.value == top) {
      TicTacToe next = g;
      next.play(m.move);
      judge(next, az, net, games, losses);
    }
}

}  // namespace

TEST("Gamma(α) samples: the mean is α (α = 0.3, 0.6, 2.5; 20 000 samples each)") {
  Rng rng(3);
  for (double a : {0.3, 0.6, 2.5}) {
    double s = 0;
    for (int i = 0; i < 20000; ++i) s += gamma_sample(a, rng);
    CHECK_REL(s / 20000, a, 0.03);
  }
}

TEST("the network saved and read back evaluates to the bit; bytes of another shape or kind are refused") {
  AzNet a(18, 9, 16, 5), b(18, 9, 16, 6);
  float x[18] = {1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1};
  float pa[9], pb[9], va = 0, vb = 0;
  a.evaluate(x, 1, pa, &va);
  b.evaluate(x, 1, pb, &vb);
  CHECK(va != vb);
  b.load(a.save(), "w");
  b.evaluate(x, 1, pb, &vb);
  CHECK(va == vb);
  for (int k = 0; k < 9; ++k) CHECK(pa[k] == pb[k]);
  double sum = 0;
  for (float p : pa) sum += p;
  CHECK_NEAR(sum, 1.0, 1e-6);
  AzNet other(18, 9, 32, 1);
  CHECK_THROWS_CODE(other.load(a.save(), "mcts.weights"), code::invalid_config, "mcts.weights: a network of 18 inputs, 9 moves and 16 hidden");
  CHECK_THROWS_CODE(other.load(Value::Bytes(40, 7), "mcts.weights"), code::invalid_config, "GLABAZ1");
}

TEST("PUCT with an untrained network takes a win in one: the terminal child's value is the rules' +1") {
  AzNet net(18, 9, 16, 1);
  const TicTacToe g = mcts::parse_tictactoe("xx.oo....", "b");
  PuctOptions o;
  o.simulations = 200;
  const PuctResult r = puct_search(g, net, o, nullptr);
  CHECK(r.move == 2);
  int visits = 0;
  for (const PuctMove& m : r.moves) {
    visits += m.visits;
    if (m.move == 2) CHECK(m.value == 1);
  }
  CHECK(visits == 200);  // the root is expanded before the first simulation, so each passes one child
}

TEST("a short self-play training: the same seed, the same network; the policy loss falls") {
  AzTrainConfig c;
  c.iterations = 5;
  c.games = 20;
  c.simulations = 30;
  c.train_steps = 40;
  c.eval_simulations = 30;
  AzNet a(18, 9, 32, 2), b(18, 9, 32, 2);
  const auto ha = train_az(c, a);
  const auto hb = train_az(c, b);
  CHECK(a.save() == b.save());
  CHECK(ha.size() == 5 && ha.back().positions > 5 * 20 * 5);
  CHECK(ha.back().policy_loss < ha.front().policy_loss);
  CHECK(ha.back().minimax_losses >= 0 && ha.back().minimax_losses <= 2);
}

TEST("the shipped tic-tac-toe network at 200 simulations never loses to perfect play, as x or as o") {
  const Value::Bytes bytes = read_file(std::string(GRADLAB_SOURCE_DIR) + "/assets/agents/az-tictactoe.bin");
  CHECK(!bytes.empty());
  AzNet net(18, 9, 64, 0);
  net.load(bytes, "az-tictactoe.bin");
  int games = 0, losses = 0;
  judge(TicTacToe{}, 1, net, games, losses);
  judge(TicTacToe{}, -1, net, games, losses);
  std::printf("  %d games against every perfect reply: %d lost\n", games, losses);
  CHECK(games > 50);
  CHECK(losses == 0);
}

CHECK_MAIN()
