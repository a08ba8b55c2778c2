// lab::graph expression graphs — the micrograd-style lesson: a scalar expression over named variables,
//   L = (w*x + b - y)^2   with   w = 0.5, x = 2, b = 0.1, y = 3,
// built as a DAG of scalar nodes (each variable ONE leaf, however often it is used), evaluated forward,
// then differentiated backward by the chain rule: every node's grad is Σ over its consumers of
// (consumer's grad × local derivative on that edge), so a variable used twice gathers both paths.
// Each node keeps the local derivatives of its incoming edges, so the UI can show one chain-rule
// product at a time. Constants take no gradient (grad null), as in PyTorch.
//
// The expression uses the formula grammar (landscape/formula.hpp: + - * / ^, unary minus, sin cos tan
// exp log sqrt abs tanh atan sinh cosh, pi, e), with any identifier as a variable.
// Not here: graphs of a network (network_graph.hpp), the DOT text (graph_dot.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "../config/value.hpp"

namespace lab::graph {

// The default lesson: L = (w*x + b - y)^2 at w = 0.5, x = 2, b = 0.1, y = 3 (wx + b − y = −1.9, L = 3.61,
// dL/dw = 2(wx + b − y)·x = −7.6, dL/dx = −1.9, dL/db = −3.8, dL/dy = 3.8).
inline constexpr const char* kDefaultExpression = "(w*x + b - y)^2";
std::map<std::string, double> default_expression_values();

struct ScalarNode {
  std::string op;                  // "+", "-", "*", "/", "^", "neg", "sin" …, "const", "var"
  std::string label;               // the variable's name, the constant as typed, or the op
  std::string text;                // the sub-expression this node computes: "w*x + b"
  double value = 0;
  double grad = 0;                 // dL/d(this node); meaningful only when needs_grad
  bool needs_grad = false;         // depends on a variable (constants and their combinations do not)
  std::vector<std::size_t> inputs; // node ids, in operand order
  std::vector<double> local;       // ∂(this)/∂(inputs[k]), one per input
};

struct ExpressionGraph {
  std::string expression;
  std::vector<ScalarNode> nodes;    // in creation order: a topological (forward) order
  std::size_t output = 0;           // the root, L
  std::map<std::string, std::size_t> variables;  // name → node id
};

// Parses `expression` (FORMULA_SYNTAX with the position), evaluates it at `values` and backpropagates.
// A variable without a value, or a value for a name the expression does not use, throws
// INVALID_CONFIG naming `path`.values.<name>.
ExpressionGraph build_expression_graph(const std::string& expression, const std::map<std::string, double>& values,
                                       const std::string& path);

// Reads {expression, values: {name: number}} (both absent: the default lesson) and builds the graph.
ExpressionGraph read_expression_graph(const Value& config, const std::string& path);

// {kind: "expression", expression, value, output, variables: {name: id}, nodes: [{id, op, label, text, value,
//  grad, inputs, local}], edges: [{from, to, slot, local}], forward: [ids], backward: [ids]}
Value to_value(const ExpressionGraph& g);

}  // namespace lab::graph
