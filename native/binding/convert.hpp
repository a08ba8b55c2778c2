// JS <-> C++ conversion for the addon: JS values to lab::Value (configs), lab::Value to JS (summaries,
// lists), and lab::Error to a JS LabError carrying `.code`. The only place besides addon.cpp that knows
// both worlds.
#pragma once

#include <napi.h>

#include <string>

#include "config/value.hpp"
#include "error.hpp"
#include "landscape/formula.hpp"
#include "optim/optimizer.hpp"

namespace binding {

// Per-addon-instance data (one per Node environment / worker thread).
struct AddonData {
  Napi::FunctionReference error_class;  // LabError, set by the JS loader through setErrorClass()
  Napi::FunctionReference session_class;
};

// Converts a plain JS value (objects, arrays, numbers, strings, booleans, null/undefined). Functions,
// symbols, bigints and cycles are refused with INVALID_CONFIG naming `path`.
lab::Value to_value(const Napi::Value& v, const std::string& path, int depth = 0);
Napi::Value from_value(Napi::Env env, const lab::Value& v);

// [{name, default, kind, min, max, minExclusive, maxExclusive, doc}] for forms and help texts.
Napi::Value hyper_list(Napi::Env env, std::span<const lab::optim::HyperParam> hypers);

// {xmin, xmax, ymin, ymax} as a JS object.
Napi::Object bounds_to_js(Napi::Env env, double xmin, double xmax, double ymin, double ymax);

// A JS error object of class LabError (or Error before setErrorClass) with .code and .message.
Napi::Error make_error(Napi::Env env, const std::string& code, const std::string& message);

// Runs fn(); a lab::Error or std::exception becomes a thrown JS LabError (a formula error also carries
// `.position`). Use around every entry point.
template <class F>
auto guarded(Napi::Env env, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Napi::Error&) {
    throw;
  } catch (const lab::land::FormulaError& e) {
    auto err = make_error(env, e.code(), e.what());
    err.Value().Set("position", e.position());  // 1-based, for the UI to underline
    throw err;
  } catch (const lab::Error& e) {
    throw make_error(env, e.code(), e.what());
  } catch (const std::exception& e) {
    throw make_error(env, lab::code::internal, e.what());
  }
}

}  // namespace binding
