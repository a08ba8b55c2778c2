// make_landscape: a function spec from a config — a built-in by name, a built-in with params, or a
// user formula — checked field by field, with errors that name the path (see function2d.hpp).
#include <vector>

#include "../error.hpp"
#include "builtin.hpp"
#include "formula.hpp"
#include "function2d.hpp"

namespace lab::land {

namespace {

// Generic start and view for a formula, whose minima are unknown.
constexpr Point kFormulaStart{-2, 2};
constexpr Bounds kFormulaBounds{-3, 3, -3, 3};

[[noreturn]] void unknown(const std::string& path, const std::string& name) {
  throw Error(code::unknown_function, path + ": unknown function \"" + name + "\"; expected one of: " + builtin_names() +
                                          ", or {formula: \"…\"}");
}

std::vector<double> read_params(const Builtin& b, const Value* spec, const std::string& path) {
  std::vector<double> values;
  for (const auto& p : b.info.params) values.push_back(p.def);
  if (spec == nullptr || spec->is_null()) return values;
  const Reader r(*spec, path);
  for (const auto& [key, v] : spec->as_object()) {
    std::size_t i = 0;
    while (i < b.info.params.size() && key != b.info.params[i].name) ++i;
    if (i == b.info.params.size()) {
      std::string known;
      for (const auto& p : b.info.params) known += std::string(known.empty() ? "" : ", ") + p.name;
      throw Error(code::invalid_config, r.field_path(key) + ": unknown parameter; " + b.info.name + " takes " +
                                            (known.empty() ? std::string("no parameters") : known));
    }
    values[i] = check_number(r.field_path(key), v, b.info.params[i].range);
  }
  return values;
}

Landscape formula_landscape(const std::string& text, const std::string& path) {
  if (text.empty()) throw Error(code::invalid_config, path + ": expected a non-empty formula, got \"\"");
  Landscape l;
  l.fn = compile_formula(text, path);
  l.name = "formula";
  l.formula = text;
  l.start = kFormulaStart;
  l.bounds = kFormulaBounds;
  return l;
}

}  // namespace

Landscape make_landscape(const Value& spec, const std::string& path) {
  if (spec.kind() == Value::Kind::String) {
    const Builtin* b = find_builtin(spec.as_string());
    if (b == nullptr) unknown(path, spec.as_string());
    return make_builtin(*b, read_params(*b, nullptr, path));
  }
  if (spec.kind() != Value::Kind::Object)
    throw Error(code::invalid_config, path + ": expected a function name, {name, params} or {formula}, got " + spec.describe());
  const Reader r(spec, path);
  r.only({"name", "params", "formula"});
  if (r.get("formula") != nullptr) {
    r.only({"formula"});
    return formula_landscape(r.string("formula"), r.field_path("formula"));
  }
  if (r.get("name") == nullptr)
    throw Error(code::invalid_config, path + ": expected a function name, {name, params} or {formula}, got an object without \"name\" or \"formula\"");
  r.only({"name", "params"});
  const std::string name = r.string("name");
  const Builtin* b = find_builtin(name);
  if (b == nullptr) unknown(r.field_path("name"), name);
  return make_builtin(*b, read_params(*b, r.get("params"), r.field_path("params")));
}

}  // namespace lab::land
