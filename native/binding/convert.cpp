// JS <-> lab::Value conversion and LabError construction (see convert.hpp).
#include "convert.hpp"

#include "quiet_js.hpp"

#include <cmath>

namespace binding {

static constexpr int kMaxDepth = 32;

lab::Value to_value(const Napi::Value& v, const std::string& path, int depth) {
  if (depth > kMaxDepth) throw lab::Error(lab::code::invalid_config, path + ": nested too deeply (more than 32 levels)");
  switch (v.Type()) {
    case napi_undefined:
    case napi_null:
      return lab::Value();
    case napi_boolean:
      return lab::Value(v.As<Napi::Boolean>().Value());
    case napi_number:
      return lab::Value(v.As<Napi::Number>().DoubleValue());
    case napi_string:
      return lab::Value(v.As<Napi::String>().Utf8Value());
    case napi_object: {
      if (v.IsArray()) {
        auto arr = v.As<Napi::Array>();
        lab::Value::Array out;
        const uint32_t n = arr.Length();
        if (n > 100000) throw lab::Error(lab::code::invalid_config, path + ": array too long (" + std::to_string(n) + " items)");
        out.reserve(n);
        for (uint32_t i = 0; i < n; ++i) out.push_back(to_value(arr.Get(i), path + "[" + std::to_string(i) + "]", depth + 1));
        return lab::Value(std::move(out));
      }
      if (v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
        auto bytes = v.As<Napi::Uint8Array>();
        return lab::Value(lab::Value::Bytes(bytes.Data(), bytes.Data() + bytes.ByteLength()));
      }
      if (v.IsTypedArray() || v.IsArrayBuffer() || v.IsFunction())
        throw lab::Error(lab::code::invalid_config, path + ": expected plain data or a Uint8Array, got another typed array or a function");
      auto obj = v.As<Napi::Object>();
      lab::Value::Object out;
      auto keys = obj.GetPropertyNames();
      for (uint32_t i = 0; i < keys.Length(); ++i) {
        std::string k = keys.Get(i).ToString().Utf8Value();
        lab::Value item = to_value(obj.Get(k), path.empty() ? k : path + "." + k, depth + 1);
        if (!item.is_null()) out.emplace(std::move(k), std::move(item));  // undefined fields are absent
      }
      return lab::Value(std::move(out));
    }
    default:
      throw lab::Error(lab::code::invalid_config, path + ": expected plain data (number, string, boolean, array or object)");
  }
}

Napi::Value from_value(Napi::Env env, const lab::Value& v) {
  napi_value out = quiet::value(env, v);
  if (out == nullptr) throw Napi::Error::New(env);  // the pending exception, or the failed call
  return Napi::Value(env, out);
}

Napi::Value hyper_list(Napi::Env env, std::span<const lab::optim::HyperParam> hypers) {
  auto arr = Napi::Array::New(env, hypers.size());
  for (size_t i = 0; i < hypers.size(); ++i) {
    const auto& h = hypers[i];
    auto o = Napi::Object::New(env);
    o.Set("name", h.name);
    o.Set("default", h.is_bool ? Napi::Value(Napi::Boolean::New(env, h.def != 0)) : Napi::Value(Napi::Number::New(env, h.def)));
    o.Set("kind", h.is_bool ? "boolean" : (h.range.integer ? "integer" : "number"));
    o.Set("min", h.range.lo > -1e299 ? Napi::Value(Napi::Number::New(env, h.range.lo)) : env.Null());
    o.Set("max", h.range.hi < 1e299 ? Napi::Value(Napi::Number::New(env, h.range.hi)) : env.Null());
    o.Set("minExclusive", h.range.lo_open);
    o.Set("maxExclusive", h.range.hi_open);
    o.Set("doc", h.doc);
    arr.Set(static_cast<uint32_t>(i), o);
  }
  return arr;
}

Napi::Object bounds_to_js(Napi::Env env, double xmin, double xmax, double ymin, double ymax) {
  auto b = Napi::Object::New(env);
  b.Set("xmin", xmin);
  b.Set("xmax", xmax);
  b.Set("ymin", ymin);
  b.Set("ymax", ymax);
  return b;
}

Napi::Error make_error(Napi::Env env, const std::string& code, const std::string& message) {
  napi_value err = quiet::lab_error(env, code, message);
  if (err == nullptr) throw Napi::Error::New(env);
  return Napi::Error(env, err);
}

}  // namespace binding
