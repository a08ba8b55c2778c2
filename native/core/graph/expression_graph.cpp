// Expression graphs: the parser's sink that builds scalar nodes, the backward pass, the JSON form
// (see expression_graph.hpp).
#include "expression_graph.hpp"

#include <cmath>

#include "../error.hpp"
#include "../landscape/formula.hpp"
#include "../landscape/formula_sink.hpp"

namespace lab::graph {

namespace {

using land::Op;

// Binding strength of a node's text, for parentheses: sums < products < signs < powers < atoms.
int precedence(const ScalarNode& n) {
  if (n.op == "+" || n.op == "-") return 1;
  if (n.op == "*" || n.op == "/") return 2;
  if (n.op == "neg") return 3;
  if (n.op == "^") return 4;
  return 5;
}
std::string wrapped(const ScalarNode& n, bool wrap) { return wrap ? "(" + n.text + ")" : n.text; }

const char* symbol(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Pow: return "^";
    default: return land::op_name(op);  // "neg", "sin" …
  }
}

// Builds nodes as the parser emits them, each evaluated (with its local derivatives) on creation.
class GraphSink final : public land::FormulaSink {
 public:
  GraphSink(ExpressionGraph& g, const std::map<std::string, double>& values) : g_(g), values_(values) {}

  Ref constant(double k, std::string_view text) override {
    ScalarNode n{"const", std::string(text), std::string(text), k, 0, false, {}, {}};
    return add(std::move(n));
  }
  std::optional<Ref> variable(std::string_view name) override {
    const std::string key(name);
    if (auto it = g_.variables.find(key); it != g_.variables.end()) return it->second;
    const auto v = values_.find(key);
    if (v == values_.end()) missing_.push_back(key);
    ScalarNode n{"var", key, key, v == values_.end() ? std::nan("") : v->second, 0, true, {}, {}};
    const Ref id = add(std::move(n));
    g_.variables[key] = id;
    return id;
  }
  Ref unary(Op op, Ref a) override {
    const ScalarNode& in = g_.nodes[a];
    const land::LocalGrad d = land::differentiate_unary(op, in.value);
    std::string text = op == Op::Neg ? "-" : land::op_name(op);
    text += op == Op::Neg ? wrapped(in, precedence(in) < 3) : "(" + in.text + ")";
    return add({symbol(op), symbol(op), text, d.value, 0, in.needs_grad, {a}, {d.da}});
  }
  Ref binary(Op op, Ref a, Ref b) override {
    const ScalarNode &l = g_.nodes[a], &r = g_.nodes[b];
    const land::LocalGrad d = land::differentiate_binary(op, l.value, r.value);
    ScalarNode n{symbol(op), symbol(op), "", d.value, 0, l.needs_grad || r.needs_grad, {a, b}, {d.da, d.db}};
    const int p = precedence(n);
    const bool spaced = p == 1;
    const bool wrap_left = op == Op::Pow ? precedence(l) <= p : precedence(l) < p;
    const bool wrap_right = op == Op::Pow ? precedence(r) < p : precedence(r) < p || (precedence(r) == p && (op == Op::Sub || op == Op::Div));
    n.text = wrapped(l, wrap_left) + (spaced ? " " : "") + n.op + (spaced ? " " : "") + wrapped(r, wrap_right);
    return add(std::move(n));
  }
  Help help() const override {
    return {"a variable name or a function: sin, cos, tan, exp, log, sqrt, abs, tanh, atan, sinh, cosh",
            "a number, a variable, a function or \"(\"", "write an expression, e.g. (w*x + b - y)^2"};
  }
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  Ref add(ScalarNode n) {
    g_.nodes.push_back(std::move(n));
    return g_.nodes.size() - 1;
  }
  ExpressionGraph& g_;
  const std::map<std::string, double>& values_;
  std::vector<std::string> missing_;
};

std::string names_of(const std::map<std::string, std::size_t>& vars) {
  std::string s;
  for (const auto& [name, id] : vars) s += (s.empty() ? "" : ", ") + name;
  return s;
}

// Reverse creation order is a reverse topological order: every input was created before its consumer.
void backpropagate(ExpressionGraph& g) {
  for (ScalarNode& n : g.nodes) n.grad = 0;
  g.nodes[g.output].grad = 1;
  for (std::size_t i = g.nodes.size(); i-- > 0;) {
    const ScalarNode& n = g.nodes[i];
    if (!n.needs_grad) continue;
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
      ScalarNode& in = g.nodes[n.inputs[k]];
      if (in.needs_grad) in.grad += n.grad * n.local[k];
    }
  }
}

Value ids(const std::vector<std::size_t>& v) {
  Value::Array a;
  for (const std::size_t i : v) a.emplace_back(static_cast<double>(i));
  return Value(std::move(a));
}

}  // namespace

std::map<std::string, double> default_expression_values() { return {{"w", 0.5}, {"x", 2}, {"b", 0.1}, {"y", 3}}; }

ExpressionGraph build_expression_graph(const std::string& expression, const std::map<std::string, double>& values,
                                       const std::string& path) {
  ExpressionGraph g;
  g.expression = expression;
  GraphSink sink(g, values);
  g.output = land::parse_formula_into(expression, path + ".expression", sink);
  if (!sink.missing().empty())
    throw Error(code::invalid_config, path + ".values." + sink.missing().front() + ": required, expected a finite number for the variable \"" +
                                          sink.missing().front() + "\" of the expression (its variables: " + names_of(g.variables) + ")");
  for (const auto& [name, v] : values)
    if (!g.variables.contains(name))
      throw Error(code::invalid_config, path + ".values." + name + ": \"" + name + "\" is not a variable of the expression (its variables: " +
                                            (g.variables.empty() ? std::string("none") : names_of(g.variables)) + ")");
  backpropagate(g);
  return g;
}

ExpressionGraph read_expression_graph(const Value& config, const std::string& path) {
  Reader r(config, path);
  r.only({"kind", "expression", "values"});
  const Value* e = r.get("expression");
  const Value* v = r.get("values");
  if ((e == nullptr || e->is_null()) && (v == nullptr || v->is_null()))
    return build_expression_graph(kDefaultExpression, default_expression_values(), path);
  const std::string expression = r.string("expression");
  std::map<std::string, double> values;
  if (v != nullptr && !v->is_null()) {
    if (v->kind() != Value::Kind::Object) r.fail("values", *v, "an object of variable values, e.g. {w: 0.5, x: 2}");
    for (const auto& [name, val] : v->as_object()) values[name] = check_number(path + ".values." + name, val, Range::any());
  }
  return build_expression_graph(expression, values, path);
}

Value to_value(const ExpressionGraph& g) {
  Value::Array nodes, edges;
  std::vector<std::size_t> forward, backward;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const ScalarNode& n = g.nodes[i];
    Value::Array local;
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
      const bool flows = g.nodes[n.inputs[k]].needs_grad;
      local.emplace_back(flows ? Value(n.local[k]) : Value());
      edges.emplace_back(Value::Object{{"from", static_cast<double>(n.inputs[k])}, {"to", static_cast<double>(i)},
                                       {"slot", static_cast<double>(k)}, {"local", local.back()}});
    }
    nodes.emplace_back(Value::Object{{"id", static_cast<double>(i)}, {"op", n.op}, {"label", n.label}, {"text", n.text},
                                     {"value", n.value}, {"grad", n.needs_grad ? Value(n.grad) : Value()},
                                     {"inputs", ids(n.inputs)}, {"local", Value(std::move(local))}});
    forward.push_back(i);
    if (n.needs_grad) backward.insert(backward.begin(), i);
  }
  Value::Object vars;
  for (const auto& [name, id] : g.variables) vars[name] = static_cast<double>(id);
  return Value(Value::Object{{"kind", "expression"}, {"expression", g.expression}, {"value", g.nodes[g.output].value},
                            {"output", static_cast<double>(g.output)}, {"variables", Value(std::move(vars))},
                            {"nodes", Value(std::move(nodes))}, {"edges", Value(std::move(edges))},
                            {"forward", ids(forward)}, {"backward", ids(backward)}});
}

}  // namespace lab::graph
