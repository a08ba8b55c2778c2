// The cart-pole session (labs/cartpole.hpp): an episode a step, the same returns as `gradlab rl train`
// for a seed (REINFORCE; A2C to the solve); the episode frames hold each state and the net's outputs
// (probabilities summing to 1); the greedy "watch" episode follows the dynamics, each move the action the
// net prefers; lr and watch live; refusals name the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "labs/registry.hpp"
#include "rl/cartpole.hpp"
#include "rl/cartpole_learn.hpp"

using namespace lab;

namespace {
Value obj(Value::Object o) { return Value(std::move(o)); }

const Frame* last(const CollectSink& s, const std::string& name) {
  const Frame* f = nullptr;
  for (const auto& e : s.events)
    if (e.kind == Event::Kind::Frame && e.frame.name == name) f = &e.frame;
  return f;
}
}  // namespace

TEST("REINFORCE an episode a step: the CLI's returns for the seed; each episode frame's states and probabilities") {
  const Value cli = rl::train_cartpole(obj({{"algo", "reinforce"}, {"episodes", 40.0}, {"seed", 5.0}}));
  CollectSink sink;
  Session s(make_lab("cartpole", obj({{"algo", "reinforce"}, {"episodes", 40.0}, {"seed", 5.0}, {"frames", obj({{"every_ms", 0.0}})}})), {});
  s.run(&sink);
  const auto ret = sink.col("episode", 0, "return");
  const auto& want = cli.find("returns")->as_array();
  CHECK(ret.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) CHECK(ret[i] == want[i].as_number());
  const Frame* f = last(sink, "episode");
  CHECK(f && f->shape[1] == 6 && f->shape[0] == static_cast<std::int64_t>(ret.back()) + 1);
  for (std::int64_t t = 0; t < f->shape[0]; ++t) CHECK_NEAR(f->data[static_cast<std::size_t>(t * 6 + 4)] + f->data[static_cast<std::size_t>(t * 6 + 5)], 1.0, 1e-6);
  CHECK(f->meta.find("outputs")->as_string() == "probabilities");
  CHECK(sink.summary().find("status")->as_string() == "completed" && !sink.summary().find("solved")->as_bool());
}

TEST("A2C to the solve: status solved at the CLI's episode; the watch episode is greedy and follows the dynamics") {
  const Value cli = rl::train_cartpole(obj({{"algo", "a2c"}, {"seed", 3.0}}));
  CollectSink sink;
  Session s(make_lab("cartpole", obj({{"algo", "a2c"}, {"seed", 3.0}, {"frames", obj({{"every_ms", 1000.0}})}})), {});
  s.run(&sink);
  CHECK(sink.summary().find("status")->as_string() == "solved");
  CHECK(sink.summary().find("episodes")->as_number() == cli.find("episodes")->as_number());
  CHECK(sink.col("episode", 0, "mean_return").back() >= 475);
  const Frame* w = last(sink, "watch");
  CHECK(w != nullptr);
  const auto T = w->shape[0];
  CHECK(T >= 2);
  for (std::int64_t t = 0; t + 1 < T; ++t) {
    const float* a = w->data.data() + t * 6;
    const float* b = a + 6;
    const int action = a[5] > a[4] ? 1 : 0;
    const rl::CartPoleState next = rl::cartpole_step({a[0], a[1], a[2], a[3]}, action);
    CHECK_NEAR(b[0], next.x, 1e-5);
    CHECK_NEAR(b[2], next.theta, 1e-5);
  }
  // a trained policy keeps the pole up for long
  CHECK(T - 1 >= 200);
}

TEST("DQN frames carry Q values; lr and watch change live; refusals name the field") {
  CollectSink sink;
  Session s(make_lab("cartpole", obj({{"algo", "dqn"}, {"episodes", 3.0}, {"frames", obj({{"every_ms", 0.0}})}})), {});
  s.update(obj({{"set", obj({{"lr", 0.001}})}, {"watch", true}}));
  s.run(&sink);
  int watches = 0;
  for (const auto& e : sink.events) watches += e.kind == Event::Kind::Frame && e.frame.name == "watch";
  CHECK(watches == 2);  // asked for after the first episode, and at the end
  CHECK(last(sink, "episode")->meta.find("outputs")->as_string() == "q");
  Session fresh(make_lab("cartpole", obj({})), {});
  CHECK_THROWS_CODE(fresh.update(obj({{"set", obj({{"lr", 0.0}})}})), code::invalid_config, "update.set.lr");
  CHECK_THROWS_CODE(fresh.update(obj({{"watch", 1.0}})), code::invalid_config, "update.watch");
  CHECK_THROWS_CODE(make_lab("cartpole", obj({{"algo", "ppo"}})), code::invalid_config, "cartpole.algo");
  CHECK_THROWS_CODE(make_lab("cartpole", obj({{"episodes", 0.0}})), code::invalid_config, "cartpole.episodes");
}

CHECK_MAIN()
