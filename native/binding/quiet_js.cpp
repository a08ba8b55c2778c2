// Quiet JS builders (see quiet_js.hpp): every status checked, nullptr on the first failure.
#include "quiet_js.hpp"

#include <cstring>

#include "convert.hpp"

namespace binding::quiet {

napi_value object(napi_env env) {
  napi_value out = nullptr;
  return napi_create_object(env, &out) == napi_ok ? out : nullptr;
}

napi_value string(napi_env env, const std::string& s) {
  napi_value out = nullptr;
  return napi_create_string_utf8(env, s.data(), s.size(), &out) == napi_ok ? out : nullptr;
}

napi_value number(napi_env env, double d) {
  napi_value out = nullptr;
  return napi_create_double(env, d, &out) == napi_ok ? out : nullptr;
}

napi_value boolean(napi_env env, bool b) {
  napi_value out = nullptr;
  return napi_get_boolean(env, b, &out) == napi_ok ? out : nullptr;
}

napi_value null(napi_env env) {
  napi_value out = nullptr;
  return napi_get_null(env, &out) == napi_ok ? out : nullptr;
}

namespace {
napi_value typed_array(napi_env env, napi_typedarray_type type, const void* values, size_t count, size_t elem) {
  void* data = nullptr;
  napi_value buffer = nullptr;
  if (napi_create_arraybuffer(env, count * elem, &data, &buffer) != napi_ok) return nullptr;
  if (count > 0) std::memcpy(data, values, count * elem);
  napi_value out = nullptr;
  return napi_create_typedarray(env, type, count, buffer, 0, &out) == napi_ok ? out : nullptr;
}
}  // namespace

napi_value float64_array(napi_env env, const std::vector<double>& values) {
  return typed_array(env, napi_float64_array, values.data(), values.size(), sizeof(double));
}

napi_value float32_array(napi_env env, const std::vector<float>& values) {
  return typed_array(env, napi_float32_array, values.data(), values.size(), sizeof(float));
}

bool set(napi_env env, napi_value obj, const char* key, napi_value v) {
  return obj != nullptr && v != nullptr && napi_set_named_property(env, obj, key, v) == napi_ok;
}

napi_value value(napi_env env, const lab::Value& v) {
  switch (v.kind()) {
    case lab::Value::Kind::Null: return null(env);
    case lab::Value::Kind::Bool: return boolean(env, v.as_bool());
    case lab::Value::Kind::Number: return number(env, v.as_number());
    case lab::Value::Kind::String: return string(env, v.as_string());
    case lab::Value::Kind::Bytes: {
      const auto& bytes = v.as_bytes();
      return typed_array(env, napi_uint8_array, bytes.data(), bytes.size(), 1);
    }
    case lab::Value::Kind::Array: {
      const auto& items = v.as_array();
      napi_value out = nullptr;
      if (napi_create_array_with_length(env, items.size(), &out) != napi_ok) return nullptr;
      for (size_t i = 0; i < items.size(); ++i) {
        napi_value item = value(env, items[i]);
        if (item == nullptr || napi_set_element(env, out, static_cast<uint32_t>(i), item) != napi_ok) return nullptr;
      }
      return out;
    }
    case lab::Value::Kind::Object: {
      napi_value out = object(env);
      for (const auto& [key, item] : v.as_object()) {
        if (!set(env, out, key.c_str(), value(env, item))) return nullptr;
      }
      return out;
    }
  }
  return nullptr;
}

napi_value lab_error(napi_env env, const std::string& code, const std::string& message) {
  napi_value js_code = string(env, code);
  napi_value js_message = string(env, message);
  if (js_code == nullptr || js_message == nullptr) return nullptr;
  void* raw = nullptr;
  if (napi_get_instance_data(env, &raw) != napi_ok) return nullptr;
  const auto* data = static_cast<const AddonData*>(raw);
  napi_value out = nullptr;
  if (data != nullptr && !data->error_class.IsEmpty()) {
    napi_value cls = nullptr;
    napi_value args[] = {js_message, js_code};
    if (napi_get_reference_value(env, data->error_class, &cls) != napi_ok || cls == nullptr) return nullptr;
    return napi_new_instance(env, cls, 2, args, &out) == napi_ok ? out : nullptr;
  }
  if (napi_create_error(env, js_code, js_message, &out) != napi_ok) return nullptr;  // sets .code too
  return set(env, out, "name", string(env, "LabError")) ? out : nullptr;
}

}  // namespace binding::quiet
