// The optimizer registry (see registry.hpp): one table row per update rule, in the order the UI lists
// them; names, formulas and papers come from each optimizer's class so they are written once.
#include "registry.hpp"

#include <type_traits>
#include <utility>
#include <vector>

#include "../runtime/immortal.hpp"
#include "adadelta.hpp"
#include "adagrad.hpp"
#include "adam.hpp"
#include "adamw.hpp"
#include "amsgrad.hpp"
#include "momentum.hpp"
#include "nadam.hpp"
#include "nesterov.hpp"
#include "rmsprop.hpp"
#include "sgd.hpp"

namespace lab::optim {
namespace {

template <class T>
using Maker = std::unique_ptr<Optimizer<T>> (*)();

// One row per update rule; infos[i] and its makers share the index i.
struct Table {
  std::vector<OptimizerInfo> infos;
  std::vector<std::pair<Maker<float>, Maker<double>>> makers;

  template <template <class> class O>
  void add() {
    const O<double> probe;  // hypers() and state_names() point at statics shared by all instances
    infos.push_back({O<double>::kType, O<double>::kTitle, O<double>::kFormula, O<double>::kPaper, probe.hypers(),
                     probe.state_names()});
    makers.emplace_back([] { return std::unique_ptr<Optimizer<float>>(new O<float>()); },
                        [] { return std::unique_ptr<Optimizer<double>>(new O<double>()); });
  }
};

const Table& table() {
  static const auto& t = immortal([] {
    Table t;
    t.add<Sgd>();
    t.add<Momentum>();
    t.add<Nesterov>();
    t.add<Adagrad>();
    t.add<RMSprop>();
    t.add<Adam>();
    t.add<AdamW>();
    t.add<AMSGrad>();
    t.add<NAdam>();
    t.add<Adadelta>();
    return t;
  }());
  return t;
}

std::size_t find_index(std::string_view type, const std::string& path) {
  const auto& infos = table().infos;
  for (std::size_t i = 0; i < infos.size(); ++i)
    if (type == infos[i].type) return i;
  std::string known;
  for (const auto& info : infos) known += std::string(known.empty() ? "" : ", ") + info.type;
  throw Error(code::unknown_optimizer,
              path + ": unknown optimizer \"" + std::string(type) + "\"; expected one of: " + known);
}

const HyperParam* find_hyper(std::span<const HyperParam> hypers, const std::string& name) {
  for (const auto& h : hypers)
    if (name == h.name) return &h;
  return nullptr;
}

}  // namespace

std::span<const OptimizerInfo> optimizer_list() { return table().infos; }

const OptimizerInfo& optimizer_info(std::string_view type, const std::string& path) {
  return table().infos[find_index(type, path)];
}

template <class T>
std::unique_ptr<Optimizer<T>> make_optimizer(std::string_view type, const std::string& path) {
  const auto& [make_float, make_double] = table().makers[find_index(type, path)];
  if constexpr (std::is_same_v<T, float>) return make_float();
  else return make_double();
}

template std::unique_ptr<Optimizer<float>> make_optimizer<float>(std::string_view, const std::string&);
template std::unique_ptr<Optimizer<double>> make_optimizer<double>(std::string_view, const std::string&);

// Two passes, so a refused value leaves the optimizer as it was: check every member, then set them all.
template <class T>
void configure(Optimizer<T>& opt, const Reader& r, std::initializer_list<const char*> skip) {
  std::vector<std::pair<std::string, double>> values;
  for (const auto& [key, value] : r.value().as_object()) {
    bool skipped = false;
    for (const char* s : skip) skipped = skipped || key == s;
    if (skipped || value.is_null()) continue;  // null keeps the current value
    const std::string path = r.field_path(key);
    const HyperParam* h = find_hyper(opt.hypers(), key);
    if (h == nullptr) {
      std::string known;
      for (const auto& k : opt.hypers()) known += std::string(known.empty() ? "" : ", ") + k.name;
      throw Error(code::unknown_hyperparameter, path + ": " + opt.type() + " has no hyper-parameter \"" + key +
                                                    "\"; expected one of: " + known);
    }
    if (!h->is_bool) {
      values.emplace_back(key, check_number(path, value, h->range));  // names the full path, not "adam.lr"
    } else if (value.kind() == Value::Kind::Bool) {
      values.emplace_back(key, value.as_bool() ? 1 : 0);
    } else if (value.kind() == Value::Kind::Number && (value.as_number() == 0 || value.as_number() == 1)) {
      values.emplace_back(key, value.as_number());
    } else {
      throw Error(code::invalid_config, path + ": expected true or false, got " + value.describe());
    }
  }
  for (const auto& [key, x] : values) {
    try {
      opt.set(key, x);  // checked above against the same range, so this should not throw
    } catch (const Error& e) {  // …but if set() refuses for a reason of its own, keep its words, give our path
      const std::string what = e.what();
      const auto colon = what.find(": ");
      throw Error(e.code(), r.field_path(key) + (colon == std::string::npos ? ": " + what : what.substr(colon)));
    }
  }
}

template void configure<float>(Optimizer<float>&, const Reader&, std::initializer_list<const char*>);
template void configure<double>(Optimizer<double>&, const Reader&, std::initializer_list<const char*>);

}  // namespace lab::optim
