// The `model` field of a lab config (see model_config.hpp).
#include "model_config.hpp"

#include "../error.hpp"

namespace lab {

namespace {
const Range kWidth{1, 4096, false, false, true};

std::vector<std::string> read_activations(const Reader& m, std::size_t hidden) {
  const Value* a = m.get("activation");
  if (a == nullptr || a->is_null()) return std::vector<std::string>(hidden, "tanh");
  if (a->kind() == Value::Kind::String) return std::vector<std::string>(hidden, a->as_string());
  if (a->kind() != Value::Kind::Array || a->as_array().size() != hidden)
    m.fail("activation", *a, "an activation name or one per hidden layer (" + std::to_string(hidden) + ")");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < hidden; ++i) {
    const Value& v = a->as_array()[i];
    if (v.kind() != Value::Kind::String)
      throw Error(code::invalid_config, m.field_path("activation") + "[" + std::to_string(i) + "]: expected an activation name, got " + v.describe());
    out.push_back(v.as_string());
  }
  return out;
}
}  // namespace

nn::MlpSpec read_mlp_spec(const Value* model, const data::Dataset& ds, const std::string& path, bool allow_dropout) {
  nn::MlpSpec spec;
  spec.widths.push_back(ds.d);
  std::vector<std::string> acts;
  if (model != nullptr && !model->is_null()) {
    Reader m(*model, path);
    if (allow_dropout) m.only({"hidden", "activation", "dropout"});
    else m.only({"hidden", "activation"});
    if (const Value* h = m.get("hidden")) {
      if (h->kind() != Value::Kind::Array || h->as_array().size() > 16) m.fail("hidden", *h, "an array of at most 16 layer widths");
      for (std::size_t i = 0; i < h->as_array().size(); ++i)
        spec.widths.push_back(static_cast<std::int64_t>(check_number(m.field_path("hidden") + "[" + std::to_string(i) + "]", h->as_array()[i], kWidth)));
    } else {
      spec.widths.push_back(16);
    }
    acts = read_activations(m, spec.widths.size() - 1);
    if (allow_dropout) spec.dropout = m.number("dropout", 0, Range{0, 1, false, true});
  } else {
    spec.widths.push_back(16);
    acts.assign(1, "tanh");
  }
  spec.widths.push_back(ds.kind == data::Kind::classification ? ds.classes : 1);
  acts.push_back("identity");
  spec.activations = acts;
  return spec;
}

}  // namespace lab
