// A lab's probe outside a session, as the addon exports it:
//   probeLab(kind, config, probe)  a frame answering `probe` from the lab of `kind` built from `config`
//                                  with its weights (config.init_weights: a finished run's stored
//                                  bytes): the training lab's "features" (labs/image_frames.hpp), the
//                                  VAE lab's "decoded" or "interpolation" (labs/vae.hpp)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value ProbeLab(const Napi::CallbackInfo& info);

}  // namespace binding
