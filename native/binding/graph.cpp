// computationGraph (see graph.hpp).
#include "graph.hpp"

#include "convert.hpp"
#include "graph/computation_graph.hpp"

namespace binding {

Napi::Value ComputationGraph(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::graph::computation_graph(to_value(info[0], "graph"))); });
}

}  // namespace binding
