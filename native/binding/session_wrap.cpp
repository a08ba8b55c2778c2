// NativeSession: a lab::Session on a std::thread, its events delivered through a raw N-API thread-safe
// function whose JS-side callback and finalizer never throw or abort (see session_wrap.hpp).
#include "session_wrap.hpp"

#include <atomic>
#include <thread>

#include "convert.hpp"
#include "event_js.hpp"
#include "labs/registry.hpp"
#include "runtime/session.hpp"

namespace binding {

namespace {

// Queue bound: how many events may wait for the JS thread before the session thread blocks.
constexpr size_t kQueueSize = 64;

class TsfnSink : public lab::Sink {
 public:
  napi_threadsafe_function tsfn = nullptr;
  bool deliver(lab::Event&& ev) override {
    auto* copy = new lab::Event(std::move(ev));
    if (napi_call_threadsafe_function(tsfn, copy, napi_tsfn_blocking) != napi_ok) {
      delete copy;
      return false;  // the environment is closing
    }
    return true;
  }
};

}  // namespace

namespace {
std::atomic<int> sessions_alive{0};  // SessionShared objects in the process, every environment counted
}  // namespace

struct SessionShared {
  SessionShared() { ++sessions_alive; }
  ~SessionShared() { --sessions_alive; }
  SessionShared(const SessionShared&) = delete;
  SessionShared& operator=(const SessionShared&) = delete;

  std::unique_ptr<lab::Session> session;
  TsfnSink sink;
  std::thread thread;
};

Napi::Value LiveSessions(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), sessions_alive.load()); }

namespace {

// Owned by the thread-safe function; deleted in its finalizer after the thread has been joined, so the
// last reference to SessionShared is never dropped on the session thread itself.
struct Holder {
  std::shared_ptr<SessionShared> shared;
};

// Runs on the JS thread for every queued event — also while a worker thread is being terminated, when
// N-API calls start to fail. Raw calls only, each checked: on the first failure the event is dropped
// (nothing can receive it any more); no C++ exception leaves, nothing aborts. With env == nullptr Node
// is emptying the queue of a finalized function: only the event is freed.
void call_js(napi_env env, napi_value cb, void*, void* data) {
  std::unique_ptr<lab::Event> ev(static_cast<lab::Event*>(data));
  if (env == nullptr || cb == nullptr) return;
  napi_value js = event_to_js(env, *ev);
  napi_value recv = nullptr;
  if (js == nullptr || napi_get_undefined(env, &recv) != napi_ok) return;
  // The loader's listener (src/native/session.ts) catches everything it calls; should it throw anyway,
  // Node reports the pending exception once this returns.
  napi_call_function(env, recv, cb, 1, &js, nullptr);
}

// Called once: when the session thread has released the function after its last event, or when the
// environment is torn down (worker terminated, process exiting) — Node then wakes a session thread
// blocked on the full queue (its next delivery fails). Either way the thread ends and is joined here.
void finalize(napi_env, void* data, void*) {
  auto* holder = static_cast<Holder*>(data);
  holder->shared->session->stop();  // wakes a paused or throttled loop
  if (holder->shared->thread.joinable()) holder->shared->thread.join();
  delete holder;
}

napi_threadsafe_function make_tsfn(napi_env env, napi_value on_event, Holder* holder) {
  napi_value name = nullptr;
  napi_threadsafe_function tsfn = nullptr;
  if (napi_create_string_utf8(env, "gradlab-session", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_threadsafe_function(env, on_event, nullptr, name, kQueueSize, 1, holder, finalize, nullptr, call_js,
                                      &tsfn) != napi_ok) {
    delete holder;
    throw lab::Error(lab::code::internal, "NativeSession: could not create the event channel");
  }
  return tsfn;
}

}  // namespace

Napi::Function NativeSession::Define(Napi::Env env) {
  return DefineClass(env, "NativeSession",
                     {InstanceMethod<&NativeSession::Pause>("pause"), InstanceMethod<&NativeSession::Resume>("resume"),
                      InstanceMethod<&NativeSession::Hold>("hold"),
                      InstanceMethod<&NativeSession::Step>("step"), InstanceMethod<&NativeSession::Stop>("stop"),
                      InstanceMethod<&NativeSession::Update>("update")});
}

NativeSession::NativeSession(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeSession>(info) {
  Napi::Env env = info.Env();
  guarded(env, [&] {
    if (info.Length() < 4 || !info[0].IsString() || !info[3].IsFunction())
      throw lab::Error(lab::code::invalid_config, "NativeSession(kind, config, options, onEvent): wrong arguments");
    const std::string kind = info[0].As<Napi::String>().Utf8Value();
    const lab::Value config = to_value(info[1], kind);
    const lab::Value options = to_value(info[2], "options");
    lab::SessionOptions opts;
    if (!options.is_null()) {
      lab::Reader r(options, "options");
      r.only({"steps_per_second", "max_rows", "flush_ms"});
      opts.steps_per_second = r.number("steps_per_second", 0, lab::Range::non_negative());
      opts.max_rows = static_cast<size_t>(r.number("max_rows", 4096, lab::Range{1, 1e6, false, false, true}));
      opts.flush_ms = r.number("flush_ms", 16, lab::Range{0, 10000});
    }
    shared_ = std::make_shared<SessionShared>();
    shared_->session = std::make_unique<lab::Session>(lab::make_lab(kind, config), opts);
    shared_->sink.tsfn = make_tsfn(env, info[3], new Holder{shared_});
    auto shared = shared_;
    try {
      shared_->thread = std::thread([shared] {
        shared->session->run(&shared->sink);
        napi_release_threadsafe_function(shared->sink.tsfn, napi_tsfn_release);
      });
    } catch (...) {
      napi_release_threadsafe_function(shared_->sink.tsfn, napi_tsfn_release);  // its finalizer frees the holder
      throw;
    }
    return 0;
  });
}

Napi::Value NativeSession::Pause(const Napi::CallbackInfo& info) {
  shared_->session->pause();
  return info.Env().Undefined();
}

Napi::Value NativeSession::Resume(const Napi::CallbackInfo& info) {
  shared_->session->resume();
  return info.Env().Undefined();
}

Napi::Value NativeSession::Hold(const Napi::CallbackInfo& info) {
  shared_->session->hold(info.Length() > 0 && info[0].ToBoolean().Value());
  return info.Env().Undefined();
}

Napi::Value NativeSession::Step(const Napi::CallbackInfo& info) {
  guarded(info.Env(), [&] {
    shared_->session->step_once();
    return 0;
  });
  return info.Env().Undefined();
}

Napi::Value NativeSession::Stop(const Napi::CallbackInfo& info) {
  shared_->session->stop();
  return info.Env().Undefined();
}

Napi::Value NativeSession::Update(const Napi::CallbackInfo& info) {
  guarded(info.Env(), [&] {
    shared_->session->update(to_value(info[0], "update"));
    return 0;
  });
  return info.Env().Undefined();
}

}  // namespace binding
