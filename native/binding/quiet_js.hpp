// Quiet JS builders: raw N-API calls that check every napi_status and return nullptr on the first
// failure — they never throw and never abort. They are what code may use where JS might no longer run
// (a session event delivered while a worker thread is being terminated): node-addon-api's wrappers
// turn such a failure into a C++ exception or, inside its own constructors, a fatal error.
// A nullptr argument makes every builder fail too, so a chain of them needs one check at the end.
#pragma once

#include <node_api.h>

#include <string>
#include <vector>

#include "config/value.hpp"

namespace binding::quiet {

napi_value object(napi_env env);
napi_value string(napi_env env, const std::string& s);
napi_value number(napi_env env, double d);
napi_value boolean(napi_env env, bool b);
napi_value null(napi_env env);
// A Float64Array holding a copy of `values`.
napi_value float64_array(napi_env env, const std::vector<double>& values);
// A Float32Array holding a copy of `values`.
napi_value float32_array(napi_env env, const std::vector<float>& values);
// lab::Value → plain JS data (null, boolean, number, string, array, object).
napi_value value(napi_env env, const lab::Value& v);
// An instance of the loader's LabError class (or an Error named LabError before setErrorClass) with
// `.code` and `.message`.
napi_value lab_error(napi_env env, const std::string& code, const std::string& message);

// obj[key] = v; false when obj or v is nullptr or the call failed.
bool set(napi_env env, napi_value obj, const char* key, napi_value v);

}  // namespace binding::quiet
