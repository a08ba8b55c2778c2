// The training lab's probe outside a session, as the addon exports it:
//   probeTraining(config, probe)  a "features" frame of a test image or drawn picture through the
//                                 network of `config` with its weights (config.init_weights: a finished
//                                 run's stored bytes) — native/core/labs/image_frames.hpp
#pragma once

#include <napi.h>

namespace binding {

Napi::Value ProbeTraining(const Napi::CallbackInfo& info);

}  // namespace binding
