// listDatasets / makeDataset (see datasets.hpp).
#include "datasets.hpp"

#include <cstring>

#include "convert.hpp"
#include "data/catalog.hpp"
#include "data/read_dataset.hpp"

namespace binding {

Napi::Value ListDatasets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto list = lab::data::dataset_list();
  auto arr = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& d = list[i];
    auto js = Napi::Object::New(env);
    js.Set("name", d.name);
    js.Set("kind", lab::data::kind_name(d.kind));
    js.Set("description", d.description);
    js.Set("params", hyper_list(env, d.params));
    js.Set("view", bounds_to_js(env, d.view.xmin, d.view.xmax, d.view.ymin, d.view.ymax));
    arr.Set(static_cast<uint32_t>(i), js);
  }
  return arr;
}

template <class A, class T>
static A typed_copy(Napi::Env env, const std::vector<T>& v) {
  auto arr = A::New(env, v.size());
  if (!v.empty()) std::memcpy(arr.Data(), v.data(), v.size() * sizeof(T));
  return arr;
}

Napi::Value MakeDataset(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    const lab::data::Dataset ds = lab::data::read_dataset(to_value(info[0], "dataset"), "dataset");
    const bool cls = ds.kind == lab::data::Kind::classification;
    auto o = Napi::Object::New(env);
    o.Set("name", ds.name);
    o.Set("kind", lab::data::kind_name(ds.kind));
    o.Set("d", ds.d);
    o.Set("classes", ds.classes);
    o.Set("nTrain", static_cast<double>(ds.n_train));
    if (ds.is_images())  // [channels, rows, cols] of each example
      o.Set("image", from_value(env, lab::Value(lab::Value::Array{static_cast<double>(ds.image_channels),
                                                                  static_cast<double>(ds.image_rows),
                                                                  static_cast<double>(ds.image_cols)})));
    o.Set("x", typed_copy<Napi::Float32Array>(env, ds.x));
    o.Set("labels", cls ? Napi::Value(typed_copy<Napi::Int32Array>(env, ds.labels)) : env.Null());
    o.Set("y", cls ? env.Null() : Napi::Value(typed_copy<Napi::Float32Array>(env, ds.y)));
    o.Set("view", bounds_to_js(env, ds.view.xmin, ds.view.xmax, ds.view.ymin, ds.view.ymax));
    return o;
  });
}

}  // namespace binding
