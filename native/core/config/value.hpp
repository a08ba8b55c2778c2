// lab::Value — a small dynamic value (null, bool, number, string, bytes, array, object) that carries a lab's
// configuration from the binding (or a test) into the core, and lab::Reader, which reads typed fields
// out of it with errors that name the field path, the value received and what was expected:
//   race.optimizers[1].lr: expected a finite number > 0, got -0.5
// Not a JSON parser: the binding converts JS values directly; tests build values in C++. Bytes are a
// Uint8Array's contents (image pixels and labels), shared between copies of the value, never copied.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lab {

class Value {
 public:
  enum class Kind { Null, Bool, Number, String, Bytes, Array, Object };
  using Bytes = std::vector<std::uint8_t>;
  using Array = std::vector<Value>;
  using Object = std::map<std::string, Value>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::Bool), bool_(b) {}
  Value(double d) : kind_(Kind::Number), num_(d) {}
  Value(int i) : kind_(Kind::Number), num_(i) {}
  Value(const char* s) : kind_(Kind::String), str_(s) {}
  Value(std::string s) : kind_(Kind::String), str_(std::move(s)) {}
  Value(Bytes b) : kind_(Kind::Bytes), bytes_(std::make_shared<const Bytes>(std::move(b))) {}
  Value(Array a) : kind_(Kind::Array), arr_(std::make_shared<Array>(std::move(a))) {}
  Value(Object o) : kind_(Kind::Object), obj_(std::make_shared<Object>(std::move(o))) {}

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool as_bool() const { return bool_; }
  double as_number() const { return num_; }
  const std::string& as_string() const { return str_; }
  const Bytes& as_bytes() const { return *bytes_; }
  const Array& as_array() const { return *arr_; }
  const Object& as_object() const { return *obj_; }
  // Member of an object, or nullptr when absent (or when this is not an object).
  const Value* find(const std::string& key) const;

  // Short description for error messages: 12, "adam", true, null, 784 bytes, an array, an object.
  std::string describe() const;

 private:
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  double num_ = 0;
  std::string str_;
  std::shared_ptr<const Bytes> bytes_;
  std::shared_ptr<Array> arr_;
  std::shared_ptr<Object> obj_;
};

// Range of an accepted number. lo/hi are inclusive unless *_open.
struct Range {
  double lo = -1e300, hi = 1e300;
  bool lo_open = false, hi_open = false;
  bool integer = false;
  static Range positive() { return {0, 1e300, true, false, false}; }
  static Range non_negative() { return {0, 1e300, false, false, false}; }
  static Range any() { return {}; }
  std::string describe() const;  // "a finite number > 0", "an integer in [1, 10000000]"
  bool contains(double v) const;
};

// Reads fields of one object. Every error names `path.field`.
class Reader {
 public:
  Reader(const Value& v, std::string path);  // throws if v is not an object
  const std::string& path() const { return path_; }
  const Value& value() const { return v_; }  // the object read (e.g. to walk all its members)
  const Value* get(const std::string& key) const { return v_.find(key); }
  std::string field_path(const std::string& key) const;

  double number(const std::string& key, double def, Range r = Range::any()) const;
  double number(const std::string& key, Range r) const;  // required
  std::optional<double> optional_number(const std::string& key, Range r = Range::any()) const;
  bool boolean(const std::string& key, bool def) const;
  std::string string(const std::string& key, const std::string& def) const;
  std::string string(const std::string& key) const;  // required
  Reader object(const std::string& key) const;        // required
  std::vector<Value> array(const std::string& key) const;  // required
  const Value::Bytes& bytes(const std::string& key) const;  // required
  // Refuses keys other than `known` (catches typos such as "lerning_rate").
  void only(std::initializer_list<const char*> known) const;

  [[noreturn]] void fail(const std::string& key, const Value& got, const std::string& expected) const;

 private:
  const Value& v_;
  std::string path_;
};

// Checks one number against a range; throws INVALID_CONFIG naming `path`.
double check_number(const std::string& path, const Value& v, Range r);

}  // namespace lab
