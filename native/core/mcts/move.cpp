// mcts_move (see move.hpp).
#include "move.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../error.hpp"
#include "games.hpp"
#include "minimax.hpp"
#include "search.hpp"
#include "../az/az_games.hpp"
#include "../az/puct.hpp"

namespace lab::mcts {

namespace {

struct Settings {
  SearchOptions search;
  const Value::Bytes* weights = nullptr;  // agent az: the network
  double c_puct = 1.5;
  int threads = 1;
  std::string agent = "mcts";
  bool traced = false;
  int depth = 2;
  std::vector<int> expand;
};

const char* side(int player) { return player == 1 ? "x" : "o"; }

// the hidden width written in a network's bytes (az_net.hpp: magic, then inputs, moves, hidden); 0 if unreadable
int hidden_of(const Value::Bytes& b) {
  std::int32_t head[3] = {};
  if (b.size() < 8 + sizeof(head)) return 0;
  std::memcpy(head, b.data() + 8, sizeof(head));
  return head[2] > 0 && head[2] <= 4096 ? head[2] : 1;
}

Value move_list(const std::vector<MoveStat>& moves) {
  Value::Array out;
  for (const MoveStat& m : moves) out.emplace_back(Value::Object{{"move", static_cast<double>(m.move)}, {"visits", static_cast<double>(m.visits)}, {"value", m.value}});
  return Value(std::move(out));
}

Value int_list(const std::vector<int>& v) {
  Value::Array out;
  for (int x : v) out.emplace_back(static_cast<double>(x));
  return Value(std::move(out));
}

// The part of the tree worth drawing: every node to `depth`, the last iteration's path with the
// siblings of each of its nodes, and the children of the nodes asked for — at most kMaxShown nodes.
template <class Game>
Value tree_value(const Game& root, const SearchTrace& t, const Settings& s) {
  constexpr std::size_t kMaxShown = 3000;
  const std::vector<TreeNode>& tree = t.tree;
  std::vector<int> parent(tree.size(), -1), depth(tree.size(), 0);
  for (std::size_t i = 0; i < tree.size(); ++i)
    for (int k = 0; k < tree[i].children; ++k) {
      const auto c = static_cast<std::size_t>(tree[i].first_child + k);
      parent[c] = static_cast<int>(i);
      depth[c] = depth[i] + 1;
    }
  std::vector<char> shown(tree.size(), 0);
  auto show_children = [&](int node) {
    if (node < 0 || static_cast<std::size_t>(node) >= tree.size()) return;
    for (int k = 0; k < tree[static_cast<std::size_t>(node)].children; ++k) shown[static_cast<std::size_t>(tree[static_cast<std::size_t>(node)].first_child + k)] = 1;
  };
  shown[0] = 1;
  for (std::size_t i = 0; i < tree.size(); ++i)
    if (depth[i] <= s.depth) shown[i] = 1;
  std::vector<int> along = t.selected;
  along.push_back(t.simulated);
  for (int n : along) {
    for (int a = n; a >= 0; a = parent[static_cast<std::size_t>(a)]) shown[static_cast<std::size_t>(a)] = 1;
    show_children(n >= 0 ? parent[static_cast<std::size_t>(n)] : -1);
  }
  show_children(t.expanded);
  for (int n : s.expand) {
    if (n < 0 || static_cast<std::size_t>(n) >= tree.size()) continue;
    for (int a = n; a >= 0; a = parent[static_cast<std::size_t>(a)]) shown[static_cast<std::size_t>(a)] = 1;
    show_children(n);
  }
  Value::Array nodes;
  std::vector<Game> position(tree.size());
  position[0] = root;
  std::size_t count = 0;
  bool cut = false;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    if (i > 0) {
      position[i] = position[static_cast<std::size_t>(parent[i])];
      position[i].play(tree[i].move);
    }
    if (!shown[i]) continue;
    if (count++ >= kMaxShown) {
      cut = true;
      continue;
    }
    const TreeNode& n = tree[i];
    Value ucb;
    if (i > 0 && n.visits > 0) {
      const TreeNode& p = tree[static_cast<std::size_t>(parent[i])];
      ucb = Value((n.total / n.visits + 1) / 2 + s.search.uct_c * std::sqrt(std::log(std::max(1, p.visits)) / n.visits));
    }
    nodes.emplace_back(Value::Object{{"id", static_cast<double>(i)},
                                     {"parent", static_cast<double>(parent[i])},
                                     {"depth", static_cast<double>(depth[i])},
                                     {"move", static_cast<double>(n.move)},
                                     {"mover", n.mover == 0 ? Value() : Value(std::string(side(n.mover)))},
                                     {"visits", static_cast<double>(n.visits)},
                                     {"value", n.visits > 0 ? Value(n.total / n.visits) : Value()},
                                     {"ucb", ucb},
                                     {"children", static_cast<double>(n.children)},
                                     {"board", position[i].text()}});
  }
  Value::Array fresh;
  if (t.expanded >= 0)
    for (int k = 0; k < tree[static_cast<std::size_t>(t.expanded)].children; ++k) fresh.emplace_back(static_cast<double>(tree[static_cast<std::size_t>(t.expanded)].first_child + k));
  return Value(Value::Object{
      {"nodes", Value(std::move(nodes))},
      {"total", static_cast<double>(tree.size())},
      {"cut", cut},
      {"trace", Value(Value::Object{{"selected", int_list(t.selected)},
                                     {"expanded", t.expanded < 0 ? Value() : Value(static_cast<double>(t.expanded))},
                                     {"new_children", Value(std::move(fresh))},
                                     {"simulated", static_cast<double>(t.simulated)},
                                     {"rollout", int_list(t.rollout)},
                                     {"outcome", static_cast<double>(t.outcome)}})}});
}

template <class Game>
Value run(const Game& g, const Settings& s) {
  refuse_finished(g);
  Value::Object out{{"game", std::string(Game::kName)}, {"board", g.text()}, {"to_move", std::string(side(g.to_move()))}, {"agent", s.agent}};
  if constexpr (std::is_same_v<Game, TicTacToe>) {
    if (s.agent == "minimax") {
      int best = -1;
      const std::vector<MoveStat> moves = minimax_moves(g, &best);
      std::vector<int> pv;
      for (TicTacToe p = g; !p.over();) {
        int m = -1;
        minimax_moves(p, &m);
        pv.push_back(m);
        p.play(m);
      }
      out["move"] = Value(static_cast<double>(best));
      out["moves"] = move_list(moves);
      out["pv"] = int_list(pv);
      out["iterations"] = Value(0.0);
      out["nodes"] = Value(0.0);
      return Value(std::move(out));
    }
  }
  if (s.agent == "az") {
    az::AzNet net(az::AzGame<Game>::kInputs, az::AzGame<Game>::kMoves, hidden_of(*s.weights), 0);
    net.load(*s.weights, "mcts.weights");
    az::PuctOptions o;
    o.simulations = s.search.iterations;
    o.c_puct = s.c_puct;
    const az::PuctResult pr = az::puct_search(g, net, o, nullptr);
    Value::Array moves;
    for (const az::PuctMove& m : pr.moves)
      moves.emplace_back(Value::Object{{"move", static_cast<double>(m.move)}, {"visits", static_cast<double>(m.visits)}, {"value", m.value}, {"prior", m.prior}});
    out["move"] = Value(static_cast<double>(pr.move));
    out["moves"] = Value(std::move(moves));
    out["pv"] = Value(Value::Array{Value(static_cast<double>(pr.move))});
    out["root_value"] = Value(pr.root_value);
    out["iterations"] = Value(static_cast<double>(pr.simulations));
    out["nodes"] = Value(0.0);
    return Value(std::move(out));
  }
  SearchResult r;
  if (s.threads > 1) {
    r = search_threads(g, s.search, s.threads);
    out["pv"] = Value(Value::Array{Value(static_cast<double>(r.move))});
  } else {
    SearchTrace t;
    r = search(g, s.search, &t);
    out["pv"] = int_list(principal_variation(t.tree));
    if (s.traced) out["tree"] = tree_value(g, t, s);
  }
  out["move"] = Value(static_cast<double>(r.move));
  out["moves"] = move_list(r.moves);
  out["iterations"] = Value(static_cast<double>(r.iterations));
  out["nodes"] = Value(static_cast<double>(r.nodes));
  return Value(std::move(out));
}

}  // namespace

template <class Game>
void refuse_finished(const Game& g) {
  if (g.winner() != 0) throw Error(code::invalid_config, std::string("mcts.board: the game is over: ") + side(g.winner()) + " has won");
  if (g.over()) throw Error(code::invalid_config, "mcts.board: the game is over: the board is full (a draw)");
}
template void refuse_finished<TicTacToe>(const TicTacToe&);
template void refuse_finished<Connect4>(const Connect4&);

SearchOptions read_search_options(const Reader& r) {
  SearchOptions o;
  o.iterations = static_cast<int>(r.number("iterations", 2000, Range{1, 10'000'000, false, false, true}));
  o.seed = static_cast<std::uint64_t>(r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true}));
  o.uct_c = r.number("uct", std::sqrt(2.0), Range::positive());
  const std::string rollout = r.string("rollout", "random");
  if (rollout != "random" && rollout != "heuristic") r.fail("rollout", *r.get("rollout"), "\"random\" or \"heuristic\" (take a win, else block a loss, else random)");
  o.rollout = rollout == "heuristic" ? Rollout::heuristic : Rollout::random;
  return o;
}

Value mcts_move(const Value& config) {
  Reader r(config, "mcts");
  r.only({"game", "board", "iterations", "seed", "uct", "threads", "rollout", "time_ms", "agent", "trace", "weights", "c_puct"});
  const std::string game = r.string("game", "tictactoe");
  Settings s;
  s.search = read_search_options(r);
  s.search.time_ms = r.number("time_ms", 0, Range{0, 600'000, false, false, false});
  s.threads = static_cast<int>(r.number("threads", 1, Range{1, 64, false, false, true}));
  s.agent = r.string("agent", "mcts");
  if (s.agent != "mcts" && s.agent != "minimax" && s.agent != "az")
    r.fail("agent", *r.get("agent"), "\"mcts\", \"minimax\" (tic-tac-toe only) or \"az\" (the self-play network, with its weights)");
  if (s.agent == "az") {
    if (r.get("weights") == nullptr) r.fail("agent", *r.get("agent"), "\"mcts\" or \"minimax\" unless the network's weights are given (weights: bytes)");
    s.weights = &r.bytes("weights");
    s.c_puct = r.number("c_puct", s.c_puct, Range::positive());
    for (const char* k : {"threads", "rollout", "time_ms", "trace", "uct"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing with agent az (the network's search: iterations are its simulations, c_puct its constant)");
  } else {
    for (const char* k : {"weights", "c_puct"})
      if (r.get(k) != nullptr) r.fail(k, *r.get(k), "nothing unless agent is az");
  }
  if (s.agent == "minimax" && game != "tictactoe") r.fail("agent", *r.get("agent"), "\"mcts\": minimax plays tic-tac-toe only");
  if (const Value* tv = r.get("trace"); tv != nullptr && !tv->is_null() && !((tv->kind() == Value::Kind::Bool) && !tv->as_bool())) {
    s.traced = true;
    if (tv->kind() != Value::Kind::Bool) {
      const Reader tr(*tv, "mcts.trace");
      tr.only({"depth", "expand"});
      s.depth = static_cast<int>(tr.number("depth", 2, Range{0, 64, false, false, true}));
      if (tr.get("expand") != nullptr) {
        const std::vector<Value> ids = tr.array("expand");
        if (ids.size() > 1000) tr.fail("expand", *tr.get("expand"), "at most 1000 node ids");
        for (std::size_t i = 0; i < ids.size(); ++i)
          s.expand.push_back(static_cast<int>(check_number("mcts.trace.expand[" + std::to_string(i) + "]", ids[i], Range{0, 1e9, false, false, true})));
      }
    }
    if (s.threads > 1) r.fail("trace", *tv, "nothing with threads > 1 (a traced search runs on one thread)");
  }
  if (game == "tictactoe") return run(parse_tictactoe(r.string("board", "........."), "mcts.board"), s);
  if (game == "connect4") return run(parse_connect4(r.string("board", std::string(42, '.')), "mcts.board"), s);
  r.fail("game", *r.get("game"), "\"tictactoe\" or \"connect4\"");
}

}  // namespace lab::mcts
