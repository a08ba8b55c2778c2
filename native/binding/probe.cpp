// probeTraining (see probe.hpp).
#include "probe.hpp"

#include "convert.hpp"
#include "event_js.hpp"
#include "labs/train.hpp"

namespace binding {

Napi::Value ProbeTraining(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    lab::TrainLab lab(to_value(info[0], "train"));
    const lab::Frame f = lab.probe(to_value(info[1], "probe"));
    napi_value out = frame_to_js(env, f);
    if (out == nullptr) throw Napi::Error::New(env);
    return Napi::Value(env, out);
  });
}

}  // namespace binding
