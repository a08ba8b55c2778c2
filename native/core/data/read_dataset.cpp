// read_dataset: a generator or CSV text from a config value, checked field by field (see read_dataset.hpp).
#include "read_dataset.hpp"

#include <vector>

#include "../error.hpp"
#include "../runtime/rng.hpp"
#include "catalog.hpp"
#include "csv.hpp"
#include "image_set.hpp"
#include "split.hpp"

namespace lab::data {

namespace {

[[noreturn]] void unknown_name(const std::string& path, const Value& got) {
  throw Error(code::invalid_config,
              path + ": expected a data set name, one of: " + dataset_names() + ", csv, digits, images; got " + got.describe());
}

Dataset read_csv(const Reader& r) {
  r.only({"name", "kind", "text", "test_fraction", "seed"});
  std::optional<Kind> kind;
  if (const Value* k = r.get("kind"); k != nullptr && !k->is_null()) {
    const std::string s = r.string("kind");
    if (s == "classification") kind = Kind::classification;
    else if (s == "regression") kind = Kind::regression;
    else r.fail("kind", *k, "\"classification\" or \"regression\"");
  }
  const std::string text = r.string("text");
  const double test_fraction = r.number("test_fraction", 0.2, kTestFractionRange);
  const double seed = r.number("seed", 1, kSeedRange);

  Dataset ds = parse_csv(text, r.field_path("text"), kind);
  Rng rng(static_cast<std::uint64_t>(seed));
  split(ds, test_fraction, rng);
  return ds;
}

Dataset read_generator(const DatasetInfo& info, const Value* spec, const std::string& path) {
  std::vector<double> p;
  for (const auto& param : info.params) p.push_back(param.def);
  if (spec != nullptr) {
    const Reader r(*spec, path);
    for (const auto& [key, v] : spec->as_object()) {
      if (key == "name") continue;
      std::size_t i = 0;
      while (i < info.params.size() && key != info.params[i].name) ++i;
      if (i == info.params.size()) {
        std::string known = "name";
        for (const auto& param : info.params) known += std::string(", ") + param.name;
        throw Error(code::invalid_config,
                    r.field_path(key) + ": unknown field for " + info.name + "; expected one of: " + known);
      }
      if (!v.is_null()) p[i] = check_number(r.field_path(key), v, info.params[i].range);
    }
  }
  check_values(info, p, path);
  return generate(info, p);
}

}  // namespace

Dataset read_dataset(const Value& spec, const std::string& path) {
  if (spec.kind() == Value::Kind::String) {
    if (spec.as_string() == "digits") return read_digits(Reader(Value(Value::Object{{"name", "digits"}}), path));
    if (spec.as_string() == "csv")
      throw Error(code::invalid_config, path + ": expected {name: \"csv\", text: …} for CSV data, got \"csv\"");
    const DatasetInfo* info = find_dataset(spec.as_string());
    if (info == nullptr) unknown_name(path, spec);
    return read_generator(*info, nullptr, path);
  }
  if (spec.kind() != Value::Kind::Object)
    throw Error(code::invalid_config, path + ": expected a data set name or {name, …}, got " + spec.describe());
  const Reader r(spec, path);
  const Value* name = r.get("name");
  if (name == nullptr)
    throw Error(code::invalid_config,
                r.field_path("name") + ": required, expected one of: " + dataset_names() + ", csv, digits, images");
  if (name->kind() != Value::Kind::String) unknown_name(r.field_path("name"), *name);
  if (name->as_string() == "csv") return read_csv(r);
  if (name->as_string() == "images") return read_image_set(r);
  if (name->as_string() == "digits") return read_digits(r);
  const DatasetInfo* info = find_dataset(name->as_string());
  if (info == nullptr) unknown_name(r.field_path("name"), *name);
  return read_generator(*info, &spec, path);
}

}  // namespace lab::data
