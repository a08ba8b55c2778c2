// The MCTS lab's session (labs/mcts.hpp): a search grown 10 iterations a step ends where one search of
// all the iterations does (the same moves, visits and values, to the bit); the chosen move's share,
// value and exact value (minimax) are streamed; the uct constant changes live; refusals name the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "labs/registry.hpp"
#include "mcts/move.hpp"

using namespace lab;

namespace {
Value obj(Value::Object o) { return Value(std::move(o)); }
}  // namespace

TEST("a search grown 10 iterations a step ends where one search of 2 000 does; o's block found, exact value 0") {
  CollectSink sink;
  Session s(make_lab("mcts", obj({{"board", "xx..o...."}, {"iterations", 2000.0}, {"per_step", 10.0}, {"seed", 3.0}, {"frames", false}})), {});
  s.run(&sink);
  const Value one = mcts::mcts_move(obj({{"board", "xx..o...."}, {"iterations", 2000.0}, {"seed", 3.0}}));
  const Value& sum = sink.summary();
  CHECK(sum.find("move")->as_number() == one.find("move")->as_number() && sum.find("move")->as_number() == 2);
  const auto& a = sum.find("moves")->as_array();
  const auto& b = one.find("moves")->as_array();
  CHECK(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    CHECK(a[i].find("visits")->as_number() == b[i].find("visits")->as_number() && a[i].find("value")->as_number() == b[i].find("value")->as_number());
  const auto iters = sink.col("search", 0, "iterations");
  CHECK(iters.size() == 201 && iters[0] == 0 && iters[1] == 10 && iters.back() == 2000);
  CHECK(sink.col("search", 0, "best_exact").back() == 0);
  // the share of the chosen move's visits, by hand from the summary
  double visits = 0;
  for (const Value& m : a)
    if (m.find("move")->as_number() == 2) visits = m.find("visits")->as_number();
  CHECK(sink.col("search", 0, "best_share").back() == visits / 2000);
  CHECK(std::isnan(sink.col("search", 0, "best_move")[0]));
}

TEST("x to win at once: the winning move's value is exactly +1; connect four has no exact value; uct live; refusals") {
  CollectSink sink;
  Session s(make_lab("mcts", obj({{"board", "xx.oo...."}, {"iterations", 200.0}, {"frames", obj({{"every_ms", 0.0}})}})), {});
  s.run(&sink);
  CHECK(sink.summary().find("move")->as_number() == 2);
  CHECK(sink.col("search", 0, "best_value").back() == 1 && sink.col("search", 0, "best_exact").back() == 1);
  const Frame* f = nullptr;
  for (const auto& e : sink.events)
    if (e.kind == Event::Kind::Frame) f = &e.frame;
  CHECK(f != nullptr && f->name == "root" && f->shape[1] == 3 && f->meta.find("pv")->as_array()[0].as_number() == 2);

  CollectSink c4;
  Session s4(make_lab("mcts", obj({{"game", "connect4"}, {"iterations", 100.0}, {"per_step", 50.0}, {"frames", false}})), {});
  s4.update(obj({{"set", obj({{"uct", 0.5}})}}));
  s4.run(&c4);
  CHECK(std::isnan(c4.col("search", 0, "best_exact").back()) && c4.col("search", 0, "iterations").back() == 100);
  Session fresh(make_lab("mcts", obj({{"iterations", 10.0}})), {});
  CHECK_THROWS_CODE(fresh.update(obj({{"set", obj({{"uct", -1.0}})}})), code::invalid_config, "update.set.uct");
  CHECK_THROWS_CODE(make_lab("mcts", obj({{"board", "xxx.oo..."}})), code::invalid_config, "mcts.board");
  CHECK_THROWS_CODE(make_lab("mcts", obj({{"per_step", 0.0}})), code::invalid_config, "mcts.per_step");
  CHECK_THROWS_CODE(make_lab("mcts", obj({{"game", "go"}})), code::invalid_config, "mcts.game");
}

CHECK_MAIN()
