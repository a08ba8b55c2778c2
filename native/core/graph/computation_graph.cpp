// Dispatch on `kind` and the DOT text (see computation_graph.hpp).
#include "computation_graph.hpp"

#include "../error.hpp"
#include "expression_graph.hpp"
#include "graph_dot.hpp"
#include "network_graph.hpp"

namespace lab::graph {

Value computation_graph(const Value& config) {
  Reader r(config, "graph");
  const std::string kind = r.string("kind", "expression");
  Value g;
  if (kind == "expression") g = to_value(read_expression_graph(config, "graph"));
  else if (kind == "network") g = network_graph(config, "graph");
  else r.fail("kind", *r.get("kind"), "\"expression\" or \"network\"");
  Value::Object o = g.as_object();
  o["dot"] = graph_to_dot(g);
  return Value(std::move(o));
}

}  // namespace lab::graph
