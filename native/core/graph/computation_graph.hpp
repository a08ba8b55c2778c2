// lab::graph::computation_graph — the one entry point of the graph lesson, for the binding and the CLI:
//   {kind: "expression", expression, values}              a scalar expression (expression_graph.hpp)
//   {kind: "network", dataset, model, seed, weights, example}   one row through an MLP (network_graph.hpp)
// kind defaults to "expression"; with neither expression nor values it is the default lesson
// L = (w*x + b - y)^2. The result is the graph's JSON form plus `dot`, its Graphviz text (graph_dot.hpp).
// Errors: INVALID_CONFIG naming graph.<field>; FORMULA_SYNTAX (with the position) for an expression.
#pragma once

#include "../config/value.hpp"

namespace lab::graph {

Value computation_graph(const Value& config);

}  // namespace lab::graph
