// PyTorch's default initialisation (see torch_init.hpp).
#include "torch_init.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "../error.hpp"

namespace lab::nn {

namespace {

std::int64_t fan_in_of(const ag::Shape& s) {
  if (s.rank == 4) return s[1] * s[2] * s[3];
  return s.rank >= 1 ? s[0] : 1;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

template <class T>
void init_like_torch(ag::ParamStore<T>& store, Rng& rng) {
  for (const auto& e : store.entries()) {
    std::int64_t fan_in = fan_in_of(e.shape);
    const ag::Shape* weight_shape = &e.shape;
    if (ends_with(e.name, ".bias")) {
      const auto w = store.find(e.name.substr(0, e.name.size() - 5) + ".weight");
      if (!w) throw Error(code::internal, "init_like_torch: " + e.name + " has no weight");
      weight_shape = &store.entries()[*w].shape;
      fan_in = fan_in_of(*weight_shape);
    }
    T* v = store.values() + e.offset;
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in > 0 ? fan_in : 1));
    for (std::int64_t i = 0; i < e.numel; ++i) v[i] = static_cast<T>((2 * rng.uniform() - 1) * bound);
    // a batch norm's scale γ and shift β start at 1 and 0, as torch's do; drawn first all the same, so
    // the layers after it get the same draws whatever the stack holds (a seed keeps its weights)
    if (weight_shape->rank == 1) std::fill(v, v + e.numel, ends_with(e.name, ".bias") ? T(0) : T(1));
  }
}

template void init_like_torch<float>(ag::ParamStore<float>&, Rng&);
template void init_like_torch<double>(ag::ParamStore<double>&, Rng&);

}  // namespace lab::nn
