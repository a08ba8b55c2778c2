// lab::Value and lab::Reader: typed reads of configuration with field-path errors (see value.hpp).
#include "value.hpp"

#include <cmath>

#include "../error.hpp"

namespace lab {

const Value* Value::find(const std::string& key) const {
  if (kind_ != Kind::Object) return nullptr;
  auto it = obj_->find(key);
  return it == obj_->end() ? nullptr : &it->second;
}

std::string Value::describe() const {
  switch (kind_) {
    case Kind::Null: return "null";
    case Kind::Bool: return bool_ ? "true" : "false";
    case Kind::Number: return format_number(num_);
    case Kind::String: {
      std::string s = str_.size() > 40 ? str_.substr(0, 40) + "…" : str_;
      return "\"" + s + "\"";
    }
    case Kind::Bytes: return std::to_string(bytes_->size()) + " bytes";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
  }
  return "?";
}

bool Range::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (integer && v != std::floor(v)) return false;
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Range::describe() const {
  const bool has_lo = lo > -1e299, has_hi = hi < 1e299;
  std::string what = integer ? "an integer" : "a finite number";
  if (has_lo && has_hi)
    return what + " in " + (lo_open ? "(" : "[") + format_number(lo) + ", " + format_number(hi) + (hi_open ? ")" : "]");
  if (has_lo) return what + (lo_open ? " > " : " ≥ ") + format_number(lo);
  if (has_hi) return what + (hi_open ? " < " : " ≤ ") + format_number(hi);
  return what;
}

double check_number(const std::string& path, const Value& v, Range r) {
  if (v.kind() != Value::Kind::Number || !r.contains(v.as_number()))
    throw Error(code::invalid_config, path + ": expected " + r.describe() + ", got " + v.describe());
  return v.as_number();
}

Reader::Reader(const Value& v, std::string path) : v_(v), path_(std::move(path)) {
  if (v.kind() != Value::Kind::Object)
    throw Error(code::invalid_config, path_ + ": expected an object, got " + v.describe());
}

std::string Reader::field_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

void Reader::fail(const std::string& key, const Value& got, const std::string& expected) const {
  throw Error(code::invalid_config, field_path(key) + ": expected " + expected + ", got " + got.describe());
}

double Reader::number(const std::string& key, double def, Range r) const {
  const Value* v = get(key);
  if (v == nullptr || v->is_null()) return def;
  return check_number(field_path(key), *v, r);
}

double Reader::number(const std::string& key, Range r) const {
  const Value* v = get(key);
  if (v == nullptr) throw Error(code::invalid_config, field_path(key) + ": required, expected " + r.describe());
  return check_number(field_path(key), *v, r);
}

std::optional<double> Reader::optional_number(const std::string& key, Range r) const {
  const Value* v = get(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return check_number(field_path(key), *v, r);
}

bool Reader::boolean(const std::string& key, bool def) const {
  const Value* v = get(key);
  if (v == nullptr || v->is_null()) return def;
  if (v->kind() != Value::Kind::Bool) fail(key, *v, "true or false");
  return v->as_bool();
}

std::string Reader::string(const std::string& key, const std::string& def) const {
  const Value* v = get(key);
  if (v == nullptr || v->is_null()) return def;
  if (v->kind() != Value::Kind::String) fail(key, *v, "a string");
  return v->as_string();
}

std::string Reader::string(const std::string& key) const {
  const Value* v = get(key);
  if (v == nullptr) throw Error(code::invalid_config, field_path(key) + ": required, expected a string");
  if (v->kind() != Value::Kind::String) fail(key, *v, "a string");
  return v->as_string();
}

Reader Reader::object(const std::string& key) const {
  const Value* v = get(key);
  if (v == nullptr) throw Error(code::invalid_config, field_path(key) + ": required, expected an object");
  return Reader(*v, field_path(key));
}

std::vector<Value> Reader::array(const std::string& key) const {
  const Value* v = get(key);
  if (v == nullptr) throw Error(code::invalid_config, field_path(key) + ": required, expected an array");
  if (v->kind() != Value::Kind::Array) fail(key, *v, "an array");
  return v->as_array();
}

const Value::Bytes& Reader::bytes(const std::string& key) const {
  const Value* v = get(key);
  if (v == nullptr) throw Error(code::invalid_config, field_path(key) + ": required, expected bytes (a Uint8Array)");
  if (v->kind() != Value::Kind::Bytes) fail(key, *v, "bytes (a Uint8Array)");
  return v->as_bytes();
}

void Reader::only(std::initializer_list<const char*> known) const {
  for (const auto& [key, val] : v_.as_object()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (ok) continue;
    std::string list;
    for (const char* k : known) list += std::string(list.empty() ? "" : ", ") + k;
    throw Error(code::invalid_config, field_path(key) + ": unknown field; expected one of: " + list);
  }
}

}  // namespace lab
