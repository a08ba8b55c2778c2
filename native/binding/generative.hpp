// The generative labs' one-shot computations, as the addon exports them (synchronous: the CLI's):
//   trainVae(config)   a VAE trained on an image set (native/core/gen/vae.hpp)
//   trainGan(config)   a GAN trained on a 2-D distribution (native/core/gen/gan.hpp)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value TrainVae(const Napi::CallbackInfo& info);
Napi::Value TrainGan(const Napi::CallbackInfo& info);

}  // namespace binding
