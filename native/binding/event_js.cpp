// Session events → JS objects without throwing or aborting (see event_js.hpp).
#include "event_js.hpp"

#include "quiet_js.hpp"

namespace binding {

namespace {

// {stream, index, seq, rows, columns: {name: Float64Array}}, added to `o`.
bool set_batch(napi_env env, napi_value o, const lab::Batch& b) {
  napi_value columns = quiet::object(env);
  for (size_t c = 0; c < b.names.size() && c < b.columns.size(); ++c) {
    if (!quiet::set(env, columns, b.names[c].c_str(), quiet::float64_array(env, b.columns[c]))) return false;
  }
  return quiet::set(env, o, "stream", quiet::string(env, b.stream)) &&
         quiet::set(env, o, "index", quiet::number(env, b.index)) &&
         quiet::set(env, o, "seq", quiet::number(env, static_cast<double>(b.seq))) &&
         quiet::set(env, o, "rows", quiet::number(env, static_cast<double>(b.rows()))) &&
         quiet::set(env, o, "columns", columns);
}

// {name, step, meta, shape: number[], data: Float32Array}, added to `o`.
bool set_frame(napi_env env, napi_value o, const lab::Frame& f) {
  napi_value shape = nullptr;
  if (napi_create_array_with_length(env, f.shape.size(), &shape) != napi_ok) return false;
  for (size_t i = 0; i < f.shape.size(); ++i) {
    napi_value d = quiet::number(env, static_cast<double>(f.shape[i]));
    if (d == nullptr || napi_set_element(env, shape, static_cast<uint32_t>(i), d) != napi_ok) return false;
  }
  return quiet::set(env, o, "name", quiet::string(env, f.name)) &&
         quiet::set(env, o, "step", quiet::number(env, static_cast<double>(f.step))) &&
         quiet::set(env, o, "meta", quiet::value(env, f.meta)) && quiet::set(env, o, "shape", shape) &&
         quiet::set(env, o, "data", quiet::float32_array(env, f.data));
}

bool set_fields(napi_env env, napi_value o, const lab::Event& ev) {
  using Kind = lab::Event::Kind;
  switch (ev.kind) {
    case Kind::Batch:
      return quiet::set(env, o, "type", quiet::string(env, "batch")) && set_batch(env, o, ev.batch);
    case Kind::State:
      return quiet::set(env, o, "type", quiet::string(env, "state")) &&
             quiet::set(env, o, "state", quiet::string(env, ev.state)) &&
             quiet::set(env, o, "step", quiet::number(env, static_cast<double>(ev.step)));
    case Kind::Notice:
      return quiet::set(env, o, "type", quiet::string(env, "notice")) &&
             quiet::set(env, o, "value", quiet::value(env, ev.value));
    case Kind::Frame:
      return quiet::set(env, o, "type", quiet::string(env, "frame")) && set_frame(env, o, ev.frame);
    case Kind::Done:
      return quiet::set(env, o, "type", quiet::string(env, "done")) &&
             quiet::set(env, o, "summary", quiet::value(env, ev.value));
    case Kind::Failed:
      return quiet::set(env, o, "type", quiet::string(env, "failed")) &&
             quiet::set(env, o, "error", quiet::lab_error(env, ev.code, ev.message));
  }
  return false;
}

}  // namespace

napi_value frame_to_js(napi_env env, const lab::Frame& f) {
  napi_value o = quiet::object(env);
  return o != nullptr && set_frame(env, o, f) ? o : nullptr;
}

napi_value event_to_js(napi_env env, const lab::Event& ev) {
  napi_value o = quiet::object(env);
  return o != nullptr && set_fields(env, o, ev) ? o : nullptr;
}

}  // namespace binding
