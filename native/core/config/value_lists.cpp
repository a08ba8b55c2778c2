// Lists of numbers as config values (see value_lists.hpp).
#include "value_lists.hpp"

#include <cmath>

namespace lab {

Value number_or_null(double v) { return std::isfinite(v) ? Value(v) : Value(); }

Value number_list(const std::vector<double>& v) {
  Value::Array a;
  a.reserve(v.size());
  for (double x : v) a.emplace_back(number_or_null(x));
  return Value(std::move(a));
}

std::optional<Reader> frames_option(const Reader& r, bool& on, const std::string& expected) {
  const Value* f = r.get("frames");
  if (f == nullptr || f->is_null()) return std::nullopt;
  if (f->kind() == Value::Kind::Bool) {
    on = f->as_bool();
    return std::nullopt;
  }
  if (f->kind() != Value::Kind::Object) r.fail("frames", *f, expected);
  return Reader(*f, r.field_path("frames"));
}

std::vector<std::int64_t> read_widths(const Reader& r, const std::string& key, std::vector<std::int64_t> def, std::size_t max_layers, double max_width) {
  const Value* v = r.get(key);
  if (v == nullptr || v->is_null()) return def;
  if (v->kind() != Value::Kind::Array || v->as_array().empty() || v->as_array().size() > max_layers)
    r.fail(key, *v, "a list of 1 to " + std::to_string(max_layers) + " layer widths, e.g. [256, 512]");
  std::vector<std::int64_t> out;
  const Range each{1, max_width, false, false, true};
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const Value& w = v->as_array()[i];
    if (w.kind() != Value::Kind::Number || !each.contains(w.as_number())) r.fail(key + "[" + std::to_string(i) + "]", w, each.describe());
    out.push_back(static_cast<std::int64_t>(w.as_number()));
  }
  return out;
}

}  // namespace lab
