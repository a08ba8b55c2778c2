// The RL lab's grid world session (labs/gridworld.hpp): stepped, it reaches what `gradlab rl gridworld`
// prints to the bit (value iteration's sweeps and deltas, policy iteration's values, a learner's
// returns for a seed); a frame's Q values and a cell's backup are checked by hand; ε, α and γ change
// live; refusals name the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "labs/registry.hpp"
#include "rl/gridworld_solve.hpp"

using namespace lab;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

const char* kRussellNorvig = "...G\n.#.X\nS...";

const Frame* last_frame(const CollectSink& s) {
  const Frame* f = nullptr;
  for (const auto& e : s.events)
    if (e.kind == Event::Kind::Frame) f = &e.frame;
  return f;
}

std::vector<double> flat(const Value& rows) {
  std::vector<double> out;
  for (const Value& r : rows.as_array())
    for (const Value& v : r.as_array()) out.push_back(v.is_null() ? NAN : v.as_number());
  return out;
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

}  // namespace

TEST("value iteration a sweep a step: the CLI's deltas and values to the bit, the published 4×3 utilities") {
  const Value::Object cfg{{"grid", std::string(kRussellNorvig)}, {"gamma", 1.0}, {"step_reward", -0.04}, {"slip", 0.2}, {"tol", 1e-9}};
  const Value cli = rl::solve_gridworld(obj(cfg));
  Value::Object live = cfg;
  live["frames"] = Value(false);
  CollectSink sink;
  Session s(make_lab("gridworld", obj(live)), {});
  s.run(&sink);
  const auto delta = sink.col("sweep", 0, "delta");
  const auto& want = cli.find("deltas")->as_array();
  CHECK(delta.size() == want.size() + 1 && std::isnan(delta[0]));
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(delta[i + 1] == want[i].as_number());
  const Value& sum = sink.summary();
  CHECK(sum.find("status")->as_string() == "completed" && sum.find("converged")->as_bool());
  CHECK(same(flat(*sum.find("values")), flat(*cli.find("values"))));
  const auto v = flat(*sum.find("values"));
  CHECK_NEAR(v[0], 0.812, 1e-3);
  CHECK_NEAR(v[8], 0.705, 1e-3);
  CHECK_NEAR(v[11], 0.388, 1e-3);
  CHECK_NEAR(sink.col("sweep", 0, "v_start").back(), 0.705, 1e-3);
  CHECK(sink.col("sweep", 0, "changed").back() == 0);
}

TEST("policy iteration stepped: evaluation sweeps, then improvements; the final values are the CLI's") {
  const Value::Object cfg{{"grid", std::string("....\n.#.X\nS..G")}, {"algo", "policy-iteration"}, {"gamma", 0.9}, {"step_reward", -0.1}, {"slip", 0.1}};
  const Value cli = rl::solve_gridworld(obj(cfg));
  CollectSink sink;
  Session s(make_lab("gridworld", obj(cfg)), {});
  s.run(&sink);
  const Value& sum = sink.summary();
  CHECK(same(flat(*sum.find("values")), flat(*cli.find("values"))));
  CHECK(sum.find("improvements")->as_number() == cli.find("iterations")->as_number());
  CHECK(sum.find("sweeps")->as_number() == cli.find("evaluation_sweeps")->as_number());
  const auto changed = sink.col("sweep", 0, "changed");
  int improvements = 0;
  for (double c : changed) improvements += !std::isnan(c);
  CHECK(improvements == static_cast<int>(cli.find("iterations")->as_number()));
  CHECK(changed.back() == 0);
  CHECK(last_frame(sink)->meta.find("phase")->as_string() == "improve");
}

TEST("one cell beside the goal, by hand: after one sweep V(S) = 1 and Q(S, ·) = 0.9, 1, 0.9, 0.9") {
  CollectSink sink;
  Session s(make_lab("gridworld", obj({{"grid", "SG"}, {"gamma", 0.9}, {"frames", obj({{"every_ms", 0.0}})}})), {});
  s.run(&sink);  // two sweeps: the second changes nothing
  CHECK(sink.col("sweep", 0, "delta").size() == 3);
  const Frame* f = nullptr;
  for (const auto& e : sink.events)
    if (e.kind == Event::Kind::Frame && e.frame.step == 1) f = &e.frame;
  CHECK(f != nullptr);
  CHECK(f->shape == (std::vector<std::int64_t>{2, 5}));
  CHECK(f->data[0] == 1.f);
  CHECK_NEAR(f->data[1], 0.9, 1e-7);
  CHECK(f->data[2] == 1.f);
  CHECK_NEAR(f->data[3], 0.9, 1e-7);
  CHECK_NEAR(f->data[4], 0.9, 1e-7);
  CHECK(f->data[5] == 0.f && std::isnan(f->data[6]));  // the terminal: V 0, no moves
  CHECK(f->meta.find("policy")->as_array()[0].as_number() == 1);  // E
}

TEST("Q-learning an episode a step: the CLI's returns for the same seed, the path of each episode") {
  const std::string cliff = "......\n......\nSCCCCG";
  const Value::Object cfg{{"grid", cliff}, {"algo", "q-learning"}, {"gamma", 1.0}, {"step_reward", -1.0}, {"episodes", 200.0}, {"seed", 5.0}, {"epsilon", 0.1}, {"alpha", 0.5}};
  const Value cli = rl::solve_gridworld(obj(cfg));
  Value::Object live = cfg;
  live["frames"] = obj({{"every_ms", 0.0}});
  CollectSink sink;
  Session s(make_lab("gridworld", obj(live)), {});
  s.run(&sink);
  const auto ret = sink.col("episode", 0, "return");
  const auto& want = cli.find("returns")->as_array();
  CHECK(ret.size() == 200);
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(ret[i] == want[i].as_number());
  CHECK(same(flat(*sink.summary().find("values")), flat(*cli.find("values"))));
  // the trailing mean: of the first k returns while k < 100, then of the last 100
  double first10 = 0, last100 = 0;
  for (std::size_t i = 0; i < 10; ++i) first10 += want[i].as_number();
  for (std::size_t i = 100; i < 200; ++i) last100 += want[i].as_number();
  const auto mean = sink.col("episode", 0, "mean_return");
  CHECK_NEAR(mean[9], first10 / 10, 1e-9);
  CHECK_NEAR(mean[199], last100 / 100, 1e-9);
  CHECK_NEAR(sink.summary().find("final")->find("mean_return_100")->as_number(), last100 / 100, 1e-9);
  const Frame* f = last_frame(sink);
  const auto& path = f->meta.find("path")->as_array();
  CHECK(path.front().as_number() == 12 && path.back().as_number() == 17);
  CHECK(static_cast<double>(path.size()) == sink.col("episode", 0, "length").back() + 1);
}

TEST("ε, α and γ change live; dynamic programming refuses ε naming it; a backup's numbers by hand") {
  const Value::Object cfg{{"grid", "S..G"}, {"algo", "sarsa"}, {"episodes", 50.0}, {"frames", obj({{"every_ms", 0.0}})}};
  Session s(make_lab("gridworld", obj(cfg)), {});
  CollectSink sink;
  s.update(obj({{"set", obj({{"epsilon", 0.0}, {"alpha", 1.0}, {"gamma", 0.5}})}}));  // applied before the first episode
  s.run(&sink);
  // ε = 0, α = 1, γ = 0.5: greedy (ties at random); once the goal's +1 has travelled back, max Q(S, ·) =
  // Q(S, E) = γ² · 1 exactly (three moves, the reward on the third)
  CHECK(sink.col("episode", 0, "v_start").back() == 0.25);
  const Frame* f = last_frame(sink);
  CHECK(f->meta.find("epsilon")->as_number() == 0 && f->meta.find("alpha")->as_number() == 1 && f->meta.find("gamma")->as_number() == 0.5);
  Session fresh(make_lab("gridworld", obj(cfg)), {});
  CHECK_THROWS_CODE(fresh.update(obj({{"set", obj({{"epsilon", 2.0}})}})), code::invalid_config, "update.set.epsilon");
  Session dp(make_lab("gridworld", obj({{"grid", "S..G"}})), {});
  CHECK_THROWS_CODE(dp.update(obj({{"set", obj({{"epsilon", 0.2}})}})), code::invalid_config, "update.set.epsilon");
  CHECK_THROWS_CODE(make_lab("gridworld", obj({{"grid", "S..G"}, {"frames", 3.0}})), code::invalid_config, "gridworld.frames");

  const Value b = rl::gridworld_backup(obj({{"grid", "S.G"}, {"gamma", 0.5}, {"step_reward", -0.1}, {"slip", 0.2},
                                            {"values", Value(Value::Array{Value(0.2), Value(0.6), Value()})}, {"cell", 1.0}}));
  const auto& east = b.find("actions")->as_array()[1];
  // E: 0.8 into G (−0.1 + 1), 0.1 N and 0.1 S off the grid (stay: −0.1 + 0.5·0.6)
  CHECK_NEAR(east.find("q")->as_number(), 0.8 * 0.9 + 0.2 * (-0.1 + 0.3), 1e-12);
  CHECK(east.find("outcomes")->as_array().size() == 3);
  CHECK(b.find("best")->as_string() == "E");
  CHECK_THROWS_CODE(rl::gridworld_backup(obj({{"grid", "S.G"}, {"values", Value(Value::Array{Value(0.0)})}, {"cell", 1.0}})), code::invalid_config, "backup.values");
  CHECK_THROWS_CODE(rl::gridworld_backup(obj({{"grid", "S.G"}, {"values", Value(Value::Array{Value(0.0), Value(0.0), Value(0.0)})}, {"cell", 2.0}})), code::invalid_config, "backup.cell");
}

TEST("at full speed the pictures are throttled (every 30 ms), but the first step's and the last are always drawn") {
  CollectSink sink;
  Session s(make_lab("gridworld", obj({{"grid", "S...G"}, {"algo", "q-learning"}, {"episodes", 20000.0}})), {});
  s.run(&sink);
  std::vector<std::int64_t> steps;
  for (const auto& e : sink.events)
    if (e.kind == Event::Kind::Frame) steps.push_back(e.frame.step);
  CHECK(steps.size() >= 3 && steps.size() < 2000);
  CHECK(steps[0] == 0 && steps[1] == 1 && steps.back() == 20000);
}

CHECK_MAIN()
