// lab::Session: ordering and completeness of batches, pause / step / resume / stop, live updates,
// throttling, back-pressure — with a small counting lab, no landscapes or optimizers involved.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "check.hpp"
#include "runtime/session.hpp"

using namespace lab;

namespace {

// Emits rows (step, value) with value += increment each step; `increment` is live-changeable.
class CounterLab : public Lab {
 public:
  explicit CounterLab(std::int64_t steps) : steps_(steps) {}
  void begin(Emitter& em) override {
    id_ = em.declare("count", 0, {"step", "value"});
    push(em);
  }
  bool step(Emitter& em) override {
    ++done_;
    value_ += increment_;
    push(em);
    if (done_ == 5) em.notice(Value(Value::Object{{"at", 5.0}}));
    return done_ < steps_;
  }
  void validate_update(const Value& u) const override {
    Reader r(u, "update");
    r.only({"increment", "steps_per_second"});
    r.number("increment", 0, Range{-100, 100});
  }
  void apply_update(const Value& u) override {
    if (const Value* v = u.find("increment")) increment_ = v->as_number();
  }
  std::int64_t steps_done() const override { return done_; }
  Value summary(const std::string& status, double, double) const override {
    return Value(Value::Object{{"status", status}, {"steps", static_cast<double>(done_)}, {"value", value_}});
  }

 private:
  void push(Emitter& em) {
    double row[2] = {static_cast<double>(done_), value_};
    em.push(id_, row);
  }
  std::int64_t steps_, done_ = 0;
  double value_ = 0, increment_ = 1;
  int id_ = -1;
};

// Collects events; optionally slow, to exercise back-pressure.
class VectorSink : public Sink {
 public:
  int delay_us = 0;
  bool deliver(Event&& ev) override {
    if (delay_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    std::lock_guard<std::mutex> lock(mu);
    events.push_back(std::move(ev));
    cv.notify_all();
    return true;
  }
  // Waits until an event matching pred has arrived (or 10 s); returns its index or -1.
  template <class P>
  int wait_for(P pred, std::size_t from = 0) {
    std::unique_lock<std::mutex> lock(mu);
    int found = -1;
    cv.wait_for(lock, std::chrono::seconds(10), [&] {
      for (std::size_t i = from; i < events.size(); ++i)
        if (pred(events[i])) return (found = static_cast<int>(i)) >= 0;
      return false;
    });
    return found;
  }
  std::vector<double> column(const char* name) {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<double> out;
    for (auto& e : events)
      if (e.kind == Event::Kind::Batch)
        for (std::size_t c = 0; c < e.batch.names.size(); ++c)
          if (e.batch.names[c] == name) out.insert(out.end(), e.batch.columns[c].begin(), e.batch.columns[c].end());
    return out;
  }
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Event> events;
};

bool is_done(const Event& e) { return e.kind == Event::Kind::Done; }
bool is_paused(const Event& e) { return e.kind == Event::Kind::State && e.state == "paused"; }

}  // namespace

TEST("every row arrives once, in order, batches numbered without gaps") {
  SessionOptions o;
  o.max_rows = 1000;
  Session s(std::make_unique<CounterLab>(100000), o);
  VectorSink sink;
  s.run(&sink);
  auto steps = sink.column("step");
  CHECK(steps.size() == 100001);
  bool in_order = true;
  for (std::size_t i = 0; i < steps.size(); ++i) in_order = in_order && steps[i] == static_cast<double>(i);
  CHECK(in_order);
  std::uint64_t seq = 0;
  bool gapless = true;
  for (auto& e : sink.events)
    if (e.kind == Event::Kind::Batch) gapless = gapless && e.batch.seq == seq++;
  CHECK(gapless);
  CHECK(seq >= 100);  // max_rows bounds each batch
  CHECK(is_done(sink.events.back()));
  CHECK(sink.events.back().value.find("status")->as_string() == "completed");
}

TEST("a notice comes right after the rows of its step") {
  Session s(std::make_unique<CounterLab>(10), {});
  VectorSink sink;
  s.run(&sink);
  int notice = sink.wait_for([](const Event& e) { return e.kind == Event::Kind::Notice; });
  CHECK(notice > 0);
  double last_step_before = -1;
  for (int i = 0; i < notice; ++i)
    if (sink.events[i].kind == Event::Kind::Batch) last_step_before = sink.events[i].batch.columns[0].back();
  CHECK(last_step_before == 5);
}

TEST("pause, step once, resume") {
  Session s(std::make_unique<CounterLab>(1'000'000'000), {});
  VectorSink sink;
  s.start(&sink);
  s.pause();
  int p = sink.wait_for(is_paused);
  CHECK(p >= 0);
  const std::int64_t at = sink.events[p].step;
  CHECK(static_cast<std::int64_t>(sink.column("step").size()) == at + 1);  // all rows up to the pause arrived
  CHECK_THROWS_CODE(s.update(Value(Value::Object{{"increment", 1000.0}})), "INVALID_CONFIG", "update.increment");
  s.step_once();
  int p2 = sink.wait_for(is_paused, static_cast<std::size_t>(p) + 1);
  CHECK(p2 > p);
  CHECK(sink.events[p2].step == at + 1);
  CHECK(static_cast<std::int64_t>(sink.column("step").size()) == at + 2);
  // While paused nothing moves.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK(static_cast<std::int64_t>(sink.column("step").size()) == at + 2);
  s.resume();
  int r = sink.wait_for([](const Event& e) { return e.kind == Event::Kind::State && e.state == "running"; });
  CHECK(r > p2);
  s.stop();
  int d = sink.wait_for(is_done);
  CHECK(d > r);
  CHECK(sink.events[d].value.find("status")->as_string() == "stopped");
  CHECK(static_cast<std::int64_t>(sink.column("step").size()) == sink.events[d].value.find("steps")->as_number() + 1);
}

TEST("a throttled session sends each step's rows before waiting, and pauses at once, not at its next tick") {
  SessionOptions o;
  o.steps_per_second = 0.1;  // one step every 10 s
  Session s(std::make_unique<CounterLab>(1000), o);
  VectorSink sink;
  s.start(&sink);
  // the first step runs at once, and its row is sent before the loop waits ~10 s for the next tick
  auto has_step_1 = [](const Event& e) {
    return e.kind == Event::Kind::Batch && !e.batch.columns.empty() && !e.batch.columns[0].empty() && e.batch.columns[0].back() == 1.0;
  };
  CHECK(sink.wait_for(has_step_1) >= 0);
  const auto t0 = std::chrono::steady_clock::now();
  s.pause();
  int p = sink.wait_for(is_paused);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(p >= 0);
  CHECK(secs < 2.0);  // woken by pause(); before the fix it waited for the tick (~10 s)
  CHECK(sink.events[p].step == 1);
  s.stop();
  CHECK(sink.wait_for(is_done) > p);
}

TEST("step once is refused while running, and after the end") {
  Session s(std::make_unique<CounterLab>(1'000'000'000), {});
  VectorSink sink;
  s.start(&sink);
  CHECK_THROWS_CODE(s.step_once(), "SESSION_STATE", "paused");
  s.stop();
  sink.wait_for(is_done);
  s.join();
  CHECK_THROWS_CODE(s.update(Value(Value::Object{{"increment", 2.0}})), "SESSION_STATE", "ended");
}

TEST("a live update takes effect at the next step") {
  Session s(std::make_unique<CounterLab>(1'000'000'000), {});
  VectorSink sink;
  s.start(&sink);
  s.pause();
  int p = sink.wait_for(is_paused);
  const double before = sink.column("value").back();
  s.update(Value(Value::Object{{"increment", 0.5}}));
  s.step_once();
  sink.wait_for(is_paused, static_cast<std::size_t>(p) + 1);
  CHECK_NEAR(sink.column("value").back(), before + 0.5, 1e-12);
  s.stop();
  sink.wait_for(is_done);
}

TEST("throttle: 200 steps per second gives about 200 steps in a second") {
  SessionOptions o;
  o.steps_per_second = 200;
  Session s(std::make_unique<CounterLab>(40), o);
  VectorSink sink;
  const auto t0 = std::chrono::steady_clock::now();
  s.run(&sink);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs > 0.15);  // 40 steps at 200/s ≈ 0.2 s; never a burst
  CHECK(sink.column("step").size() == 41);
}

TEST("a slow receiver loses nothing (back-pressure)") {
  SessionOptions o;
  o.max_rows = 7;
  Session s(std::make_unique<CounterLab>(2000), o);
  VectorSink sink;
  sink.delay_us = 50;
  s.start(&sink);
  sink.wait_for(is_done);
  s.join();
  auto steps = sink.column("step");
  CHECK(steps.size() == 2001);
  CHECK(steps.back() == 2000);
}

CHECK_MAIN()

TEST("hold: the loop stops before its next step with everything sent and no state event; letting go goes on, and a held run can still stop") {
  Session s(std::make_unique<CounterLab>(1'000'000'000), {});
  VectorSink sink;
  s.start(&sink);
  s.hold(true);
  // wait until the loop is held: the row count stops moving
  std::size_t before = 0, now = sink.column("step").size();
  for (int i = 0; i < 200 && (now == 0 || now != before); ++i) {
    before = now;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    now = sink.column("step").size();
  }
  CHECK(now > 0 && now == before);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(sink.column("step").size() == now);  // nothing moves while held
  {
    std::lock_guard<std::mutex> lock(sink.mu);
    bool any_state = false;
    for (auto& e : sink.events) any_state = any_state || e.kind == Event::Kind::State;
    CHECK(!any_state);  // held is not paused: no "paused" (nor "running") event
  }
  const auto steps = sink.column("step");
  CHECK(steps.back() == static_cast<double>(steps.size() - 1));  // every row up to the hold arrived, in order
  s.hold(false);
  for (int i = 0; i < 200 && sink.column("step").size() == now; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(sink.column("step").size() > now);
  s.hold(true);
  s.stop();  // a held loop still hears stop
  int d = sink.wait_for(is_done);
  CHECK(d >= 0 && sink.events[static_cast<std::size_t>(d)].value.find("status")->as_string() == "stopped");
}
