// A session event as the JS object the loader's listener receives (the NativeEvent union in
// src/native/events.ts), built with quiet raw N-API calls (quiet_js.hpp): nullptr when any call failed,
// which happens when the environment is shutting down — the caller then drops the event.
#pragma once

#include <node_api.h>

#include "runtime/session.hpp"

namespace binding {

napi_value event_to_js(napi_env env, const lab::Event& ev);
// {name, step, meta, shape, data: Float32Array}; nullptr when a call failed.
napi_value frame_to_js(napi_env env, const lab::Frame& f);

}  // namespace binding
