// probeLab (see probe.hpp).
#include "probe.hpp"

#include "convert.hpp"
#include "event_js.hpp"
#include "labs/registry.hpp"

namespace binding {

Napi::Value ProbeLab(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    const std::string kind = to_value(info[0], "kind").as_string();
    const std::unique_ptr<lab::Lab> lab = lab::make_lab(kind, to_value(info[1], kind));
    const lab::Frame f = lab->probe(to_value(info[2], "probe"));
    napi_value out = frame_to_js(env, f);
    if (out == nullptr) throw Napi::Error::New(env);
    return Napi::Value(env, out);
  });
}

Napi::Value LabInitialWeights(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    const std::string kind = to_value(info[0], "kind").as_string();
    const std::unique_ptr<lab::Lab> lab = lab::make_lab(kind, to_value(info[1], kind));
    const std::string bytes = lab->weights_bytes();
    return Napi::Buffer<char>::Copy(env, bytes.data(), bytes.size());
  });
}

}  // namespace binding
