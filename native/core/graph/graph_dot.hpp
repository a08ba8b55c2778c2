// lab::graph::graph_to_dot — a computation graph (expression_graph.hpp or tape_graph.hpp JSON form) as
// Graphviz DOT text, one line per node and one per edge, left to right:
//   digraph computation {
//     rankdir=LR;
//     node [shape=box, fontname="Helvetica"];
//     n0 [label="w\nvar\nvalue 0.5\ngrad -7.6"];
//     n0 -> n2 [label="∂ 2"];
//   }
// Labels: the node's name or op, its shape (tensors), and its values and gradients rounded to 4
// significant digits when a tensor has at most 8 elements. Edges: the local derivative (expressions)
// or the input slot (networks).
// Not here: building graphs; rendering (`dot -Tsvg`).
#pragma once

#include <string>

#include "../config/value.hpp"

namespace lab::graph {

std::string graph_to_dot(const Value& graph);

}  // namespace lab::graph
