// evaluateGrid(request) -> Promise<{values: Float64Array, width, height, bounds, min, max, nonFinite}>
// Validates on the JS thread (a bad request throws LabError at once), evaluates on a worker thread
// with the addon's thread pool, resolves on the JS thread.
#pragma once

#include <napi.h>

namespace binding {

Napi::Value EvaluateGrid(const Napi::CallbackInfo& info);

}  // namespace binding
