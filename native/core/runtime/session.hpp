// lab::Session — runs any lab's loop on its own thread and streams what it produces, in order.
//
// A Lab (a race, a training run, later a GAN or an RL agent) only knows how to take one step and what
// rows it produced; the session owns everything around the loop:
//   - batching: rows are appended to columnar buffers per stream and flushed as one Batch event when a
//     buffer holds `max_rows` rows or `flush_ms` have passed, and always before pausing or ending;
//     every row is delivered exactly once, in order (the sink may block: back-pressure, never drops);
//     a throttled run batches the same way (at an animation rate of ≤ 60 steps/s every step is its
//     own batch anyway; at 4000 steps/s, one batch per step would flood the receiver);
//   - control from another thread: pause, resume, step once (while paused), stop, live updates
//     (validated on the caller's thread, applied on the session thread before the next step), and a
//     steps-per-second throttle for animation;
//   - the end: a Done event with the lab's summary (status completed / stopped / failed).
// No JS here: the binding implements Sink with a thread-safe function; tests implement it with a vector.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../config/value.hpp"
#include "../error.hpp"

namespace lab {

// Columnar rows of one stream (e.g. one optimizer of a race): columns[c][r].
struct Batch {
  std::string stream;                  // "race"
  int index = 0;                       // which member of the stream (optimizer index)
  std::uint64_t seq = 0;               // batch number within the session, from 0, no gaps
  std::vector<std::string> names;      // column names
  std::vector<std::vector<double>> columns;
  std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

// A picture of the lab's state at one step, for the UI to paint (a decision boundary, later generated
// samples or filters): float32 numbers in a row-major `shape`, plus what they mean in `meta`
// (bounds, class count…). Frames are produced at a throttled rate; between two frames the UI keeps the last.
struct Frame {
  std::string name;                  // "prediction"
  std::int64_t step = 0;             // steps done when it was taken
  Value meta;                        // an object describing the numbers
  std::vector<std::int64_t> shape;   // e.g. {64, 64, 3}
  std::vector<float> data;           // product(shape) numbers
};

struct Event {
  enum class Kind { Batch, State, Notice, Frame, Done, Failed };
  explicit Event(Kind k) : kind(k) {}
  Kind kind;
  Batch batch;            // Kind::Batch
  std::string state;      // Kind::State: "paused" | "running"
  std::int64_t step = 0;  // Kind::State: steps done when it happened
  Value value;            // Kind::Notice: what the lab reports; Kind::Done: the summary
  Frame frame;            // Kind::Frame
  std::string code, message;  // Kind::Failed
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Delivers one event, in order. May block while the receiver catches up. Returns false when the
  // receiver is gone for good; the session then stops.
  virtual bool deliver(Event&& ev) = 0;
};

// Where a lab writes its rows. Streams are declared once, then rows appended.
class Emitter {
 public:
  int declare(std::string stream, int index, std::vector<std::string> columns);
  void push(int id, const double* values);  // one value per declared column
  void notice(Value v);                     // an event for the UI (status of an optimizer…)
  void frame(Frame f);                      // a picture for the UI, delivered after the step's notices
  std::size_t buffered_rows() const { return buffered_; }

 private:
  friend class Session;
  struct Stream { Batch pending; };
  std::vector<Stream> streams_;
  std::vector<Value> notices_;  // delivered right after the rows of the step that raised them
  std::vector<Frame> frames_;   // …and then these
  std::size_t buffered_ = 0;
};

class Lab {
 public:
  virtual ~Lab() = default;
  // Declares streams and emits the rows of step 0 (the initial state).
  virtual void begin(Emitter& em) = 0;
  // Takes one step; returns false when the lab has finished.
  virtual bool step(Emitter& em) = 0;
  // Checks a live update on the caller's thread; throws lab::Error if it is not acceptable.
  virtual void validate_update(const Value& update) const = 0;
  // Applies a validated update, on the session thread, between steps.
  virtual void apply_update(const Value& update) = 0;
  virtual std::int64_t steps_done() const = 0;
  // The summary delivered with Done. `status` is "completed", "stopped". elapsed_ms: wall time since
  // the start, pauses left out; compute_ms: the time spent inside step() (no pacing between steps).
  virtual Value summary(const std::string& status, double elapsed_ms, double compute_ms) const = 0;
  // Answers a probe outside a session (a finished run's weights loaded from its config): a frame.
  // Labs that answer none keep this refusal.
  virtual Frame probe(const Value& probe);
  // The lab's nets as a weights file (nn/checkpoint.hpp); right after construction, the weights a run
  // with this config starts from (what `gradlab runs export --pytorch` embeds). Labs without a net
  // keep this refusal.
  virtual std::string weights_bytes() const;
};

struct SessionOptions {
  std::size_t max_rows = 4096;   // flush a stream's buffer at this many rows
  double flush_ms = 16;          // …or when this long has passed since the last flush
  double steps_per_second = 0;   // throttle (0 = as fast as possible); live-changeable
};

class Session {
 public:
  Session(std::unique_ptr<Lab> lab, SessionOptions opts);
  ~Session();  // stops and joins

  // Starts the loop thread; events go to `sink` (which must outlive the thread).
  void start(Sink* sink);
  // Runs the loop on the calling thread (tests, CLI-style use).
  void run(Sink* sink);

  void pause();
  void resume();
  // Holds the loop before its next step without a state change (no "paused" event, not counted as
  // paused): the host holds a run while its store catches up with the points, then lets it go.
  void hold(bool on);
  void step_once();   // throws SESSION_STATE unless paused
  void stop();
  // Validated here (throws), applied before the next step. Accepts {steps_per_second} too.
  void update(const Value& update);
  void join();

  bool paused() const;
  bool finished() const { return finished_.load(); }

 private:
  void loop(Sink* sink);
  bool flush(Sink* sink);
  // Applies queued live updates on the session thread; `lock` (on mu_) is released around each.
  void apply_updates(std::unique_lock<std::mutex>& lock);

  std::unique_ptr<Lab> lab_;
  SessionOptions opts_;
  Emitter em_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool pause_requested_ = false;
  bool held_ = false;
  bool stop_requested_ = false;
  int step_tokens_ = 0;
  std::deque<Value> updates_;
  std::atomic<bool> finished_{false};
  std::uint64_t seq_ = 0;
};

}  // namespace lab
