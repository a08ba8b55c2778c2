// The data sets of the training lab, as the addon exports them:
//   listDatasets()     [{name, kind, description, params: [...], view: {xmin, xmax, ymin, ymax}}]
//   makeDataset(spec)  {name, kind, d, classes, nTrain, x: Float32Array (n×d, train rows first),
//                       labels: Int32Array | null, y: Float32Array | null, view}
#pragma once

#include <napi.h>

namespace binding {

Napi::Value ListDatasets(const Napi::CallbackInfo& info);
Napi::Value MakeDataset(const Napi::CallbackInfo& info);

}  // namespace binding
