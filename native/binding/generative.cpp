// trainVae, trainGan (see generative.hpp).
#include "generative.hpp"

#include "convert.hpp"
#include "gen/gan.hpp"
#include "gen/vae.hpp"

namespace binding {

Napi::Value TrainVae(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::gen::train_vae(to_value(info[0], "vae"))); });
}

Napi::Value TrainGan(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::gen::train_gan(to_value(info[0], "gan"))); });
}

}  // namespace binding
