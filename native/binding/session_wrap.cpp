// NativeSession: a lab::Session on a std::thread, its events delivered through a typed thread-safe
// function (see session_wrap.hpp).
#include "session_wrap.hpp"

#include <cstring>
#include <thread>

#include "convert.hpp"
#include "labs/registry.hpp"
#include "runtime/session.hpp"

namespace binding {

namespace {

struct Holder;
void call_js(Napi::Env env, Napi::Function cb, Holder* ctx, lab::Event* ev);
using Tsfn = Napi::TypedThreadSafeFunction<Holder, lab::Event, call_js>;

// Queue bound: how many events may wait for the JS thread before the session thread blocks.
constexpr size_t kQueueSize = 64;

class TsfnSink : public lab::Sink {
 public:
  Tsfn tsfn;
  bool deliver(lab::Event&& ev) override {
    auto* copy = new lab::Event(std::move(ev));
    if (tsfn.BlockingCall(copy) != napi_ok) {
      delete copy;
      return false;  // the environment is closing
    }
    return true;
  }
};

}  // namespace

struct SessionShared {
  std::unique_ptr<lab::Session> session;
  TsfnSink sink;
  std::thread thread;
};

namespace {

// Owned by the thread-safe function; deleted in its finalizer after the thread has been joined.
struct Holder {
  std::shared_ptr<SessionShared> shared;
};

Napi::Object event_to_js(Napi::Env env, lab::Event& ev) {
  auto o = Napi::Object::New(env);
  switch (ev.kind) {
    case lab::Event::Kind::Batch: {
      o.Set("type", "batch");
      o.Set("stream", ev.batch.stream);
      o.Set("index", ev.batch.index);
      o.Set("seq", static_cast<double>(ev.batch.seq));
      const size_t rows = ev.batch.rows();
      o.Set("rows", static_cast<double>(rows));
      auto cols = Napi::Object::New(env);
      for (size_t c = 0; c < ev.batch.names.size(); ++c) {
        auto arr = Napi::Float64Array::New(env, rows);
        if (rows > 0) std::memcpy(arr.Data(), ev.batch.columns[c].data(), rows * sizeof(double));
        cols.Set(ev.batch.names[c], arr);
      }
      o.Set("columns", cols);
      break;
    }
    case lab::Event::Kind::State:
      o.Set("type", "state");
      o.Set("state", ev.state);
      o.Set("step", static_cast<double>(ev.step));
      break;
    case lab::Event::Kind::Notice:
      o.Set("type", "notice");
      o.Set("value", from_value(env, ev.value));
      break;
    case lab::Event::Kind::Frame: {
      o.Set("type", "frame");
      o.Set("name", ev.frame.name);
      o.Set("step", static_cast<double>(ev.frame.step));
      o.Set("meta", from_value(env, ev.frame.meta));
      auto shape = Napi::Array::New(env, ev.frame.shape.size());
      for (uint32_t i = 0; i < ev.frame.shape.size(); ++i) shape.Set(i, static_cast<double>(ev.frame.shape[i]));
      o.Set("shape", shape);
      auto data = Napi::Float32Array::New(env, ev.frame.data.size());
      if (!ev.frame.data.empty()) std::memcpy(data.Data(), ev.frame.data.data(), ev.frame.data.size() * sizeof(float));
      o.Set("data", data);
      break;
    }
    case lab::Event::Kind::Done:
      o.Set("type", "done");
      o.Set("summary", from_value(env, ev.value));
      break;
    case lab::Event::Kind::Failed:
      o.Set("type", "failed");
      o.Set("error", make_error(env, ev.code, ev.message).Value());
      break;
  }
  return o;
}

void call_js(Napi::Env env, Napi::Function cb, Holder*, lab::Event* ev) {
  std::unique_ptr<lab::Event> owned(ev);
  if (env == nullptr || cb.IsEmpty()) return;  // shutting down
  // A worker being terminated still drains this queue, but every N-API call then fails, and
  // node-addon-api turns a failure it cannot describe into a fatal error. Probe with raw calls first
  // and drop the event when JS can no longer run. (Termination starting between this probe and the
  // call below is still possible: see the note in docs/engine.md.)
  napi_value probe;
  bool pending = false;
  if (napi_create_object(env, &probe) != napi_ok || napi_is_exception_pending(env, &pending) != napi_ok || pending) return;
  try {
    cb.Call({event_to_js(env, *owned)});
  } catch (const Napi::Error&) {
    // The loader's listener (src/native/session.ts) catches everything it calls, so this is the
    // environment shutting down (a worker terminated mid-run): nothing is left to tell.
  }
}

void finalize(Napi::Env, void*, Holder* holder) {
  holder->shared->session->stop();  // wakes a paused loop when the environment shuts down
  if (holder->shared->thread.joinable()) holder->shared->thread.join();
  delete holder;
}

}  // namespace

Napi::Function NativeSession::Define(Napi::Env env) {
  return DefineClass(env, "NativeSession",
                     {InstanceMethod<&NativeSession::Pause>("pause"), InstanceMethod<&NativeSession::Resume>("resume"),
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
    auto* holder = new Holder{shared_};
    shared_->sink.tsfn = Tsfn::New(env, info[3].As<Napi::Function>(), "gradlab-session", kQueueSize, 1, holder,
                                   finalize, static_cast<void*>(nullptr));
    auto shared = shared_;
    shared_->thread = std::thread([shared] {
      shared->session->run(&shared->sink);
      shared->sink.tsfn.Release();
    });
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
