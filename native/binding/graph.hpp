// The graph lesson, as the addon exports it:
//   computationGraph(config)  the graph of an expression or of one row through an MLP, with its DOT
//                             text (native/core/graph/computation_graph.hpp; docs/autograd.md)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value ComputationGraph(const Napi::CallbackInfo& info);

}  // namespace binding
