// The Gradient Lab addon: the one export list of the native surface (see src/native/binding.ts, the one
// loader). Every entry point converts lab::Error into a JS LabError with a stable `.code`.
#include <napi.h>

#include "convert.hpp"
#include "data/image_set.hpp"
#include "datasets.hpp"
#include "graph.hpp"
#include "grid_worker.hpp"
#include "labs/race.hpp"
#include "landscape/formula.hpp"
#include "landscape/function2d.hpp"
#include "optim/registry.hpp"
#include "probe.hpp"
#include "generative.hpp"
#include "rl.hpp"
#include "sequence.hpp"
#include "session_wrap.hpp"

namespace binding {
namespace {

// setErrorClass(LabError): errors made natively become instances of the loader's class.
Napi::Value SetErrorClass(const Napi::CallbackInfo& info) {
  auto* data = info.Env().GetInstanceData<AddonData>();
  data->error_class = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

// listOptimizers(): [{type, title, formula, paper, hypers: [...], state: [...]}]
Napi::Value ListOptimizers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto list = lab::optim::optimizer_list();
  auto arr = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& o = list[i];
    auto js = Napi::Object::New(env);
    js.Set("type", o.type);
    js.Set("title", o.title);
    js.Set("formula", o.formula);
    js.Set("paper", o.paper);
    js.Set("hypers", hyper_list(env, o.hypers));
    auto st = Napi::Array::New(env, o.state_names.size());
    for (size_t k = 0; k < o.state_names.size(); ++k) st.Set(static_cast<uint32_t>(k), o.state_names[k]);
    js.Set("state", st);
    arr.Set(static_cast<uint32_t>(i), js);
  }
  return arr;
}

// listLandscapes(): [{name, title, formula, params, minima: [{x, y, f}], start: [x, y], bounds, note}]
Napi::Value ListLandscapes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto list = lab::land::landscape_list();
  auto arr = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& l = list[i];
    auto js = Napi::Object::New(env);
    js.Set("name", l.name);
    js.Set("title", l.title);
    js.Set("formula", l.formula);
    js.Set("params", hyper_list(env, l.params));
    auto minima = Napi::Array::New(env, l.minima.size());
    for (size_t k = 0; k < l.minima.size(); ++k) {
      auto m = Napi::Object::New(env);
      m.Set("x", l.minima[k].x);
      m.Set("y", l.minima[k].y);
      m.Set("f", l.minima[k].f);
      minima.Set(static_cast<uint32_t>(k), m);
    }
    js.Set("minima", minima);
    auto start = Napi::Array::New(env, 2);
    start.Set(0u, l.start.x);
    start.Set(1u, l.start.y);
    js.Set("start", start);
    js.Set("bounds", bounds_to_js(env, l.bounds.xmin, l.bounds.xmax, l.bounds.ymin, l.bounds.ymax));
    js.Set("note", l.note);
    arr.Set(static_cast<uint32_t>(i), js);
  }
  return arr;
}

// resolveRace(config): the config with every default filled in; throws LabError when invalid.
Napi::Value ResolveRace(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] {
    lab::RaceLab race(to_value(info[0], "race"));
    return from_value(env, race.resolved());
  });
}

// evaluate(function, x, y): {f, gx, gy} — one point, for tests and hover read-outs.
Napi::Value Evaluate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    auto land = lab::land::make_landscape(to_value(info[0], "function"), "function");
    const double x = lab::check_number("x", to_value(info[1], "x"), lab::Range::any());
    const double y = lab::check_number("y", to_value(info[2], "y"), lab::Range::any());
    double gx = 0, gy = 0;
    const double f = land.fn->value_grad(x, y, gx, gy);
    auto o = Napi::Object::New(env);
    o.Set("f", f);
    o.Set("gx", gx);
    o.Set("gy", gy);
    return o;
  });
}

// describeFunction(function): {name, formula, minima, start, bounds} of a built-in or a formula, and
// for a formula its compiled program [[op, k], …] (what an exported script evaluates, bit for bit);
// throws FORMULA_SYNTAX (with the position) for a malformed formula.
Napi::Value DescribeFunction(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    auto land = lab::land::make_landscape(to_value(info[0], "function"), "function");
    lab::Value::Array minima;
    for (const auto& m : land.minima) minima.emplace_back(lab::Value::Object{{"x", m.x}, {"y", m.y}, {"f", m.f}});
    lab::Value::Array program;
    if (land.name == "formula") {
      const lab::land::Program compiled = lab::land::parse_formula(land.formula);
      for (const auto& in : compiled.code())
        program.emplace_back(lab::Value::Array{std::string(lab::land::op_name(in.op)), in.k});
    }
    return from_value(env, lab::Value(lab::Value::Object{
                               {"name", land.name},
                               {"program", lab::Value(std::move(program))},
                               {"formula", land.formula},
                               {"minima", lab::Value(std::move(minima))},
                               {"start", lab::Value(lab::Value::Array{land.start.x, land.start.y})},
                               {"bounds", lab::Value(lab::Value::Object{{"xmin", land.bounds.xmin},
                                                                        {"xmax", land.bounds.xmax},
                                                                        {"ymin", land.bounds.ymin},
                                                                        {"ymax", land.bounds.ymax}})}}));
  });
}

// setDataDirectory(dir): where the engine reads the files built with it (digits.u8).
Napi::Value SetDataDirectory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    if (!info[0].IsString()) throw lab::Error(lab::code::invalid_config, "dataDirectory: expected a folder path (a string)");
    lab::data::set_data_directory(info[0].As<Napi::String>().Utf8Value());
    return env.Undefined();
  });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  auto* data = env.GetInstanceData<AddonData>();
  Napi::Function session = NativeSession::Define(env);
  data->session_class = Napi::Persistent(session);

  exports.Set("abiVersion", Napi::Number::New(env, 1));
  exports.Set("setErrorClass", Napi::Function::New<SetErrorClass>(env, "setErrorClass"));
  exports.Set("setDataDirectory", Napi::Function::New<SetDataDirectory>(env, "setDataDirectory"));
  exports.Set("listOptimizers", Napi::Function::New<ListOptimizers>(env, "listOptimizers"));
  exports.Set("listLandscapes", Napi::Function::New<ListLandscapes>(env, "listLandscapes"));
  exports.Set("resolveRace", Napi::Function::New<ResolveRace>(env, "resolveRace"));
  exports.Set("evaluate", Napi::Function::New<Evaluate>(env, "evaluate"));
  exports.Set("describeFunction", Napi::Function::New<DescribeFunction>(env, "describeFunction"));
  exports.Set("evaluateGrid", Napi::Function::New<EvaluateGrid>(env, "evaluateGrid"));
  exports.Set("listDatasets", Napi::Function::New<ListDatasets>(env, "listDatasets"));
  exports.Set("makeDataset", Napi::Function::New<MakeDataset>(env, "makeDataset"));
  exports.Set("computationGraph", Napi::Function::New<ComputationGraph>(env, "computationGraph"));
  exports.Set("probeLab", Napi::Function::New<ProbeLab>(env, "probeLab"));
  exports.Set("labInitialWeights", Napi::Function::New<LabInitialWeights>(env, "labInitialWeights"));
  exports.Set("solveGridworld", Napi::Function::New<SolveGridworld>(env, "solveGridworld"));
  exports.Set("gridworldBackup", Napi::Function::New<GridworldBackup>(env, "gridworldBackup"));
  exports.Set("trainAz", Napi::Function::New<TrainAz>(env, "trainAz"));
  exports.Set("cartpoleRollout", Napi::Function::New<CartpoleRollout>(env, "cartpoleRollout"));
  exports.Set("mctsMove", Napi::Function::New<MctsMove>(env, "mctsMove"));
  exports.Set("trainCartpole", Napi::Function::New<TrainCartpole>(env, "trainCartpole"));
  exports.Set("trainVae", Napi::Function::New<TrainVae>(env, "trainVae"));
  exports.Set("trainGan", Napi::Function::New<TrainGan>(env, "trainGan"));
  exports.Set("trainSeq", Napi::Function::New<TrainSeq>(env, "trainSeq"));
  exports.Set("trainAttention", Napi::Function::New<TrainAttention>(env, "trainAttention"));
  exports.Set("NativeSession", session);
  exports.Set("liveSessions", Napi::Function::New<LiveSessions>(env, "liveSessions"));
  return exports;
}

}  // namespace
}  // namespace binding

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return binding::Init(env, exports); }

NODE_API_MODULE(gradlab, InitAddon)
