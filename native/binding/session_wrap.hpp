// NativeSession — the JS handle of one lab::Session running on its own thread.
//   new NativeSession(kind, config, options, onEvent)   validates synchronously (throws LabError)
//   .pause() .resume() .step() .stop() .update(obj)      control; step/update throw SESSION_STATE when
//                                                        not allowed
// Events reach onEvent on the JS thread, in order, through a thread-safe function with a bounded queue:
// when JS falls behind, the session thread waits (back-pressure); nothing is dropped or coalesced.
#pragma once

#include <napi.h>

#include <memory>

namespace binding {

struct SessionShared;

class NativeSession : public Napi::ObjectWrap<NativeSession> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit NativeSession(const Napi::CallbackInfo& info);

 private:
  Napi::Value Pause(const Napi::CallbackInfo& info);
  Napi::Value Resume(const Napi::CallbackInfo& info);
  Napi::Value Hold(const Napi::CallbackInfo& info);
  Napi::Value Step(const Napi::CallbackInfo& info);
  Napi::Value Stop(const Napi::CallbackInfo& info);
  Napi::Value Update(const Napi::CallbackInfo& info);

  std::shared_ptr<SessionShared> shared_;
};

// liveSessions(): how many sessions' native state (lab, buffers, thread) still exists in the process,
// every Node environment (worker thread) counted. A session's state is freed once its thread has ended
// and its JS handle is gone — at the latest when its environment is torn down.
Napi::Value LiveSessions(const Napi::CallbackInfo& info);

}  // namespace binding
