// lab::optim::Optimizer — the interface every update rule implements, over a flat slab of parameters.
//
// An optimizer owns its per-parameter state (velocity, accumulators, moments) and its hyper-parameters
// (a config struct with defaults). A step is one fused pass over θ, g and the state:
//     opt.reset(n);                     // once: allocate zeroed state for n parameters
//     opt.step(theta, grad, lr, pool);  // each update; lr is the effective (scheduled) learning rate
// The same rule serves 2-D races (T = double) and networks (T = float, one slab of all parameters).
// Hyper-parameters are read and changed by name (live changes take effect at the next step);
// read_state() exposes the numbers of each update to the UI (g is the caller's; v, G, m, v̂ … are ours).
//
// Not here: learning-rate schedules (schedule.hpp), choosing an optimizer by name (registry.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../config/value.hpp"
#include "../error.hpp"
#include "../runtime/dispatch.hpp"
#include "../runtime/aligned_vector.hpp"
#include "../runtime/immortal.hpp"
#include "../runtime/thread_pool.hpp"

namespace lab::optim {

// One hyper-parameter as the UI, the CLI and the validators see it. Booleans are 0/1.
struct HyperParam {
  const char* name;   // "lr", "beta1", "bias_correction"
  double def;         // default value
  Range range;        // accepted values
  bool is_bool;       // a switch (0 or 1)
  const char* doc;    // one line for help texts
};

template <class T>
class Optimizer {
 public:
  virtual ~Optimizer() = default;

  virtual const char* type() const = 0;                         // "adam"
  virtual std::span<const HyperParam> hypers() const = 0;
  virtual double get(std::string_view name) const = 0;          // throws UNKNOWN_HYPERPARAMETER
  virtual void set(std::string_view name, double value) = 0;    // validates; throws INVALID_CONFIG
  // Names of the per-parameter state values read_state() writes, e.g. {"m", "v", "m_hat", "v_hat"}.
  virtual std::span<const char* const> state_names() const = 0;
  virtual void read_state(std::size_t i, double* out) const = 0;

  // Allocates zeroed state for n parameters and sets the step count to 0.
  virtual void reset(std::size_t n) = 0;
  std::size_t size() const { return n_; }
  std::int64_t steps() const { return t_; }  // updates done so far

  // One update of all n parameters with effective learning rate lr. Chunks run on `pool` if given.
  void step(T* theta, const T* grad, double lr, ThreadPool* pool = nullptr) {
    ++t_;
    begin_step(lr);
    if (pool == nullptr || pool->size() == 1 || n_ < 2 * kGrain) {
      update_range(theta, grad, 0, n_);
    } else {
      pool->parallel_for(n_, kGrain, [&](std::size_t b, std::size_t e) { update_range(theta, grad, b, e); });
    }
  }

  static constexpr std::size_t kGrain = 1 << 16;

 protected:
  // Per-step scalars (t_ already incremented): bias corrections, lr, momentum schedules.
  virtual void begin_step(double lr) = 0;
  // The fused update of parameters [begin, end). Must touch nothing outside that range.
  virtual void update_range(T* theta, const T* grad, std::size_t begin, std::size_t end) = 0;

  std::size_t n_ = 0;
  std::int64_t t_ = 0;
};

// Ties a config struct's fields to HyperParams so get/set/hypers need no per-optimizer code.
// Config must provide: static std::span<const Field<Config>> fields();
template <class Config>
struct Field {
  HyperParam meta;
  double Config::*num = nullptr;  // exactly one of num / flag is set
  bool Config::*flag = nullptr;
};

template <class T, class Config>
class OptimizerWith : public Optimizer<T> {
 public:
  explicit OptimizerWith(Config c = {}) : cfg_(c) {}
  const Config& config() const { return cfg_; }

  std::span<const HyperParam> hypers() const override {
    static const auto& metas = immortal([] {
      std::vector<HyperParam> m;
      for (const auto& f : Config::fields()) m.push_back(f.meta);
      return m;
    }());
    return metas;
  }
  double get(std::string_view name) const override {
    const auto& f = find(name);
    return f.num ? cfg_.*f.num : (cfg_.*f.flag ? 1.0 : 0.0);
  }
  void set(std::string_view name, double value) override {
    const auto& f = find(name);
    const std::string path = std::string(this->type()) + "." + std::string(name);
    if (f.meta.is_bool) {
      if (!(value == 0 || value == 1))
        throw Error(code::invalid_config, path + ": expected true or false, got " + format_number(value));
      cfg_.*f.flag = value == 1;
    } else {
      cfg_.*f.num = check_number(path, Value(value), f.meta.range);
    }
  }

 protected:
  const Field<Config>& find(std::string_view name) const {
    for (const auto& f : Config::fields())
      if (name == f.meta.name) return f;
    std::string known;
    for (const auto& f : Config::fields()) known += std::string(known.empty() ? "" : ", ") + f.meta.name;
    throw Error(code::unknown_hyperparameter, std::string(this->type()) + " has no hyper-parameter \"" +
                                                  std::string(name) + "\"; expected one of: " + known);
  }
  Config cfg_;
};

}  // namespace lab::optim
