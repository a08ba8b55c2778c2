// lab::Session: the loop around a Lab — batching, control, throttle, end (see session.hpp).
#include "session.hpp"

#include <algorithm>

namespace lab {

Frame Lab::probe(const Value& /*probe*/) { throw Error(code::invalid_config, "probe: this lab answers no probes"); }

std::string Lab::weights_bytes() const { throw Error(code::invalid_config, "weights: this lab has no trained net"); }

using Clock = std::chrono::steady_clock;

static double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int Emitter::declare(std::string stream, int index, std::vector<std::string> columns) {
  Stream s;
  s.pending.stream = std::move(stream);
  s.pending.index = index;
  s.pending.columns.resize(columns.size());
  s.pending.names = std::move(columns);
  streams_.push_back(std::move(s));
  return static_cast<int>(streams_.size()) - 1;
}

void Emitter::push(int id, const double* values) {
  auto& cols = streams_[static_cast<std::size_t>(id)].pending.columns;
  for (std::size_t c = 0; c < cols.size(); ++c) cols[c].push_back(values[c]);
  ++buffered_;
}

void Emitter::notice(Value v) { notices_.push_back(std::move(v)); }
void Emitter::frame(Frame f) { frames_.push_back(std::move(f)); }

Session::Session(std::unique_ptr<Lab> lab, SessionOptions opts) : lab_(std::move(lab)), opts_(opts) {}

Session::~Session() {
  stop();
  join();
}

void Session::start(Sink* sink) {
  thread_ = std::thread([this, sink] { loop(sink); });
}

void Session::run(Sink* sink) { loop(sink); }

void Session::join() {
  if (thread_.joinable()) thread_.join();
}

void Session::pause() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pause_requested_ = true;
  }
  cv_.notify_all();  // a throttled loop waiting for its next tick pauses now, not at the tick
}

void Session::resume() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pause_requested_ = false;
    step_tokens_ = 0;
  }
  cv_.notify_all();
}

void Session::hold(bool on) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    held_ = on;
  }
  cv_.notify_all();
}

void Session::step_once() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) throw Error(code::session_state, "step: the session has ended");
    if (!pause_requested_) throw Error(code::session_state, "step: works only while paused; call pause() first");
    ++step_tokens_;
  }
  cv_.notify_all();
}

void Session::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_requested_ = true;
  }
  cv_.notify_all();
}

bool Session::paused() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pause_requested_;
}

void Session::update(const Value& update) {
  if (finished_) throw Error(code::session_state, "update: the session has ended");
  Reader r(update, "update");
  if (const Value* sps = update.find("steps_per_second")) {
    check_number("update.steps_per_second", *sps, Range::non_negative());
  }
  lab_->validate_update(update);
  {
    std::lock_guard<std::mutex> lock(mu_);
    updates_.push_back(update);
  }
  cv_.notify_all();
}

bool Session::flush(Sink* sink) {
  for (auto& s : em_.streams_) {
    if (s.pending.rows() == 0) continue;
    Event ev(Event::Kind::Batch);
    ev.batch.stream = s.pending.stream;
    ev.batch.index = s.pending.index;
    ev.batch.names = s.pending.names;
    ev.batch.seq = seq_++;
    ev.batch.columns.resize(s.pending.columns.size());
    std::swap(ev.batch.columns, s.pending.columns);
    s.pending.columns.resize(ev.batch.columns.size());
    if (!sink->deliver(std::move(ev))) return false;
  }
  em_.buffered_ = 0;
  for (auto& v : em_.notices_) {
    Event ev(Event::Kind::Notice);
    ev.value = std::move(v);
    if (!sink->deliver(std::move(ev))) return false;
  }
  em_.notices_.clear();
  for (auto& f : em_.frames_) {
    Event ev(Event::Kind::Frame);
    ev.frame = std::move(f);
    if (!sink->deliver(std::move(ev))) return false;
  }
  em_.frames_.clear();
  return true;
}

void Session::apply_updates(std::unique_lock<std::mutex>& lock) {
  while (!updates_.empty()) {
    Value u = std::move(updates_.front());
    updates_.pop_front();
    lock.unlock();
    if (const Value* sps = u.find("steps_per_second")) opts_.steps_per_second = sps->as_number();
    lab_->apply_update(u);
    lock.lock();
  }
}

void Session::loop(Sink* sink) {
  const auto t0 = Clock::now();
  double paused_ms = 0;
  double compute_ms = 0;  // inside lab_->step(): what a step costs, whatever the pacing
  std::string status = "completed";
  bool receiver_alive = true;
  try {
    lab_->begin(em_);
    receiver_alive = flush(sink);
    auto last_flush = Clock::now();
    auto next_tick = Clock::now();
    bool announced_pause = false;
    while (receiver_alive) {
      bool single = false;
      {
        std::unique_lock<std::mutex> lock(mu_);
        // Pause: flush what is buffered, say so once, then wait for resume / step / stop / update.
        while (!stop_requested_ && pause_requested_ && step_tokens_ == 0) {
          if (updates_.empty()) {
            if (!announced_pause) {
              lock.unlock();
              receiver_alive = flush(sink);
              Event ev(Event::Kind::State);
              ev.state = "paused";
              ev.step = lab_->steps_done();
              receiver_alive = receiver_alive && sink->deliver(std::move(ev));
              announced_pause = true;
              lock.lock();
              if (!receiver_alive) break;
              continue;
            }
            const auto w0 = Clock::now();
            cv_.wait(lock);
            paused_ms += ms_between(w0, Clock::now());
          }
          apply_updates(lock);  // live changes apply while paused too
          if (!em_.notices_.empty() || !em_.frames_.empty()) {  // …and what they raise is sent at once
            lock.unlock();
            receiver_alive = flush(sink);
            lock.lock();
            if (!receiver_alive) break;
          }
        }
        if (!receiver_alive) break;
        // Held (the receiver is catching up): send what is buffered, then wait, saying nothing.
        if (held_ && !stop_requested_ && !pause_requested_) {
          lock.unlock();
          receiver_alive = flush(sink);
          last_flush = Clock::now();
          lock.lock();
          cv_.wait(lock, [this] { return !held_ || stop_requested_ || pause_requested_; });
          continue;
        }
        if (stop_requested_) {
          status = "stopped";
          break;
        }
        if (announced_pause && !pause_requested_) {
          announced_pause = false;
          lock.unlock();
          Event ev(Event::Kind::State);
          ev.state = "running";
          ev.step = lab_->steps_done();
          receiver_alive = sink->deliver(std::move(ev));
          lock.lock();
          next_tick = Clock::now();
        }
        if (step_tokens_ > 0) {
          --step_tokens_;
          single = true;
          announced_pause = false;
        }
        apply_updates(lock);
      }
      if (!receiver_alive) break;

      const auto step_t0 = Clock::now();
      const bool more = lab_->step(em_);
      compute_ms += ms_between(step_t0, Clock::now());
      if (!more) break;

      const auto now = Clock::now();
      if (single || !em_.notices_.empty() || !em_.frames_.empty() || em_.buffered_ >= opts_.max_rows ||
          ms_between(last_flush, now) >= opts_.flush_ms) {
        receiver_alive = flush(sink);
        last_flush = now;
      }
      if (opts_.steps_per_second > 0 && !single) {
        next_tick += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / opts_.steps_per_second));
        if (next_tick < now) next_tick = now;  // fell behind: do not try to catch up in a burst
        // a long wait ahead: send this step's rows now rather than with the next step's
        if (em_.buffered_ > 0 && ms_between(now, next_tick) >= opts_.flush_ms) {
          receiver_alive = flush(sink);
          last_flush = now;
        }
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_until(lock, next_tick, [this] { return stop_requested_ || pause_requested_ || !updates_.empty(); });
      }
    }
    if (receiver_alive) receiver_alive = flush(sink);
    if (receiver_alive) {
      Event done(Event::Kind::Done);
      done.value = lab_->summary(status, std::max(0.0, ms_between(t0, Clock::now()) - paused_ms), compute_ms);
      finished_ = true;
      sink->deliver(std::move(done));
    }
  } catch (const Error& e) {
    finished_ = true;
    Event f(Event::Kind::Failed);
    f.code = e.code();
    f.message = e.what();
    sink->deliver(std::move(f));
  } catch (const std::exception& e) {
    finished_ = true;
    Event f(Event::Kind::Failed);
    f.code = code::internal;
    f.message = e.what();
    sink->deliver(std::move(f));
  }
  finished_ = true;
}

}  // namespace lab
