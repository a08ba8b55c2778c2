// The optimizer registry: every update rule by its type name, with what the UI and CLI list about it.
//   auto opt = make_optimizer<double>("adam");         // defaults from AdamConfig
//   configure(*opt, reader);                            // sets hyper-parameters from a config object
// Type names (stable, used in configs and the CLI): sgd, momentum, nesterov, adagrad, rmsprop, adam,
// adamw, amsgrad, nadam, adadelta.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "optimizer.hpp"

namespace lab::optim {

struct OptimizerInfo {
  const char* type;      // "adam"
  const char* title;     // "Adam"
  const char* formula;   // the update rule in plain text, as the primer writes it
  const char* paper;     // citation
  std::span<const HyperParam> hypers;
  std::span<const char* const> state_names;
};

std::span<const OptimizerInfo> optimizer_list();
// Throws UNKNOWN_OPTIMIZER naming `path` and listing the known types.
const OptimizerInfo& optimizer_info(std::string_view type, const std::string& path = "type");

template <class T>
std::unique_ptr<Optimizer<T>> make_optimizer(std::string_view type, const std::string& path = "type");

// Sets every member of the config object `r` except the keys in `skip` (e.g. "type", "schedule",
// "name") as a hyper-parameter. Unknown keys throw UNKNOWN_HYPERPARAMETER naming the field path.
template <class T>
void configure(Optimizer<T>& opt, const Reader& r, std::initializer_list<const char*> skip);

}  // namespace lab::optim
