// A lab's probe outside a session, as the addon exports it:
//   probeLab(kind, config, probe)  a frame answering `probe` from the lab of `kind` built from `config`
//                                  with its weights (config.init_weights: a finished run's stored
//                                  bytes): the training lab's "features" (labs/image_frames.hpp), the
//                                  VAE lab's "decoded" or "interpolation" (labs/vae.hpp)
//   labInitialWeights(kind, config)  the weights file (nn/checkpoint.hpp) a run of that lab and config
//                                  starts from: what `gradlab runs export --pytorch` embeds
#pragma once

#include <napi.h>

namespace binding {

Napi::Value ProbeLab(const Napi::CallbackInfo& info);
Napi::Value LabInitialWeights(const Napi::CallbackInfo& info);

}  // namespace binding
