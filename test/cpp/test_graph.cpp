// The graph lesson: scalar expression graphs (hand-computed values and gradients, finite differences
// over every op, a variable used twice) and network graphs (parameter gradients equal a training
// step's on that row and central finite differences in float64; topology; DOT structure).
#include <cctype>
#include <sstream>

#include "check.hpp"
#include "autograd/autograd.hpp"
#include "data/read_dataset.hpp"
#include "error.hpp"
#include "graph/computation_graph.hpp"
#include "graph/expression_graph.hpp"
#include "graph/graph_dot.hpp"
#include "graph/network_graph.hpp"
#include "labs/model_config.hpp"
#include "landscape/formula.hpp"
#include "nn/mlp.hpp"

using lab::Value;
using namespace lab::graph;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }
double num(const Value& v, const char* key) { return v.find(key)->as_number(); }
const Value::Array& list(const Value& v, const char* key) { return v.find(key)->as_array(); }

const ScalarNode& var(const ExpressionGraph& g, const std::string& name) { return g.nodes[g.variables.at(name)]; }

Value network_config(const Value& dataset, double hidden, double example, double seed = 1) {
  return obj({{"kind", "network"}, {"dataset", dataset}, {"model", obj({{"hidden", Value(Value::Array{hidden})}, {"activation", "tanh"}})},
              {"example", example}, {"seed", seed}});
}
Value xor_set() { return obj({{"name", "xor"}, {"n", 40.0}, {"seed", 3.0}}); }
Value sine_set() { return obj({{"name", "sine"}, {"n", 40.0}, {"seed", 3.0}}); }

// Checks every parameter node's gradient against central differences of the loss in float64.
void check_finite_differences(const Value& dataset, double example) {
  NetworkExample<double> ex(network_config(dataset, 3, example), "graph");
  const Value g = ex.graph();
  int params = 0;
  for (const Value& n : list(g, "nodes")) {
    if (n.find("kind")->as_string() != "param") continue;
    ++params;
    const auto id = ex.store().find(n.find("name")->as_string());
    CHECK(id.has_value());
    const auto& e = ex.store().entries()[*id];
    const auto& grad = list(n, "grad");
    CHECK(static_cast<std::int64_t>(grad.size()) == e.numel);
    for (std::int64_t i = 0; i < e.numel; ++i) {
      double& w = ex.store().values()[e.offset + i];
      const double h = 1e-6, w0 = w;
      w = w0 + h;
      const double up = ex.loss();
      w = w0 - h;
      const double down = ex.loss();
      w = w0;
      CHECK_NEAR(grad[static_cast<std::size_t>(i)].as_number(), (up - down) / (2 * h), 1e-7);
    }
  }
  CHECK(params == 4);
}

}  // namespace

TEST("the default lesson L = (w*x + b - y)^2: values and gradients by hand") {
  const ExpressionGraph g = read_expression_graph(obj({}), "graph");
  CHECK(g.expression == "(w*x + b - y)^2");
  const double r = 0.5 * 2 + 0.1 - 3;  // −1.9
  CHECK_NEAR(g.nodes[g.output].value, r * r, 1e-12);
  CHECK_NEAR(g.nodes[g.output].grad, 1, 0);
  CHECK_NEAR(var(g, "w").grad, 2 * r * 2, 1e-12);    // dL/dw = 2(wx + b − y)·x = −7.6
  CHECK_NEAR(var(g, "x").grad, 2 * r * 0.5, 1e-12);  // … ·w = −1.9
  CHECK_NEAR(var(g, "b").grad, 2 * r, 1e-12);        // −3.8
  CHECK_NEAR(var(g, "y").grad, -2 * r, 1e-12);       // 3.8
  // the nodes: w, x, *, b, +, y, -, 2, ^ — the constant 2 takes no gradient
  CHECK(g.nodes.size() == 9);
  const ScalarNode& pow = g.nodes[g.output];
  CHECK(pow.op == "^" && pow.inputs.size() == 2);
  CHECK_NEAR(pow.local[0], 2 * r, 1e-12);  // ∂(u²)/∂u = 2u
  CHECK(!g.nodes[pow.inputs[1]].needs_grad);
  CHECK(pow.text == "(w*x + b - y)^2");
  const Value v = to_value(g);
  CHECK(list(v, "forward").size() == 9);
  CHECK(list(v, "backward").size() == 8);  // all but the constant, output first
  CHECK(list(v, "backward").front().as_number() == static_cast<double>(g.output));
  CHECK(list(v, "edges").size() == 8);
  for (const Value& e : list(v, "edges")) CHECK(num(e, "from") < num(e, "to"));
}

TEST("a variable used twice is one leaf whose gradient gathers both paths") {
  const ExpressionGraph g = build_expression_graph("x*x + x", {{"x", 3.0}}, "graph");
  CHECK(g.variables.size() == 1);
  CHECK(g.nodes.size() == 3);  // x, *, +
  CHECK_NEAR(var(g, "x").grad, 2 * 3 + 1, 1e-12);
  const ScalarNode& mul = g.nodes[1];
  CHECK(mul.inputs[0] == 0 && mul.inputs[1] == 0);
  CHECK_NEAR(mul.local[0], 3, 0);
  CHECK_NEAR(mul.local[1], 3, 0);
}

TEST("every op: gradients match central finite differences") {
  const std::string expr = "sin(a)*cos(b) + tan(a/3) - exp(b/4) + log(c)/sqrt(c) + abs(-a)^1.5 + tanh(a*b) - -c + c^b";
  const std::map<std::string, double> at{{"a", 0.7}, {"b", -1.3}, {"c", 2.2}};
  const ExpressionGraph g = build_expression_graph(expr, at, "graph");
  for (const char* op : {"+", "-", "*", "/", "^", "neg", "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh"}) {
    bool seen = false;
    for (const ScalarNode& n : g.nodes) seen = seen || n.op == op;
    if (!seen) check::fail(__FILE__, __LINE__, std::string("op not exercised: ") + op);
  }
  for (const auto& [name, x] : at) {
    const double h = 1e-6;
    auto moved = at;
    moved[name] = x + h;
    const double up = build_expression_graph(expr, moved, "graph").nodes.back().value;
    moved[name] = x - h;
    const double down = build_expression_graph(expr, moved, "graph").nodes.back().value;
    CHECK_REL(var(g, name).grad, (up - down) / (2 * h), 1e-7);
  }
}

TEST("expression errors: a missing or unused value, a syntax error with its position") {
  CHECK_THROWS_CODE(build_expression_graph("w*x + b", {{"w", 1.0}, {"x", 2.0}}, "graph"), "INVALID_CONFIG", "graph.values.b: required");
  CHECK_THROWS_CODE(build_expression_graph("w*x", {{"w", 1.0}, {"x", 2.0}, {"z", 1.0}}, "graph"), "INVALID_CONFIG",
                    "graph.values.z: \"z\" is not a variable");
  CHECK_THROWS_CODE(read_expression_graph(obj({{"expression", "w"}, {"values", obj({{"w", "a"}})}}), "graph"), "INVALID_CONFIG", "graph.values.w");
  CHECK_THROWS_CODE(read_expression_graph(obj({{"expresion", "w"}}), "graph"), "INVALID_CONFIG", "graph.expresion: unknown field");
  int position = 0;
  try {
    build_expression_graph("(w*x + ) ^ 2", {{"w", 1.0}, {"x", 2.0}}, "graph");
  } catch (const lab::land::FormulaError& e) {
    position = e.position();
    CHECK(std::string(e.what()).starts_with("graph.expression: unexpected \")\""));
  }
  CHECK(position == 8);
  CHECK_THROWS_CODE(build_expression_graph("", {}, "graph"), "FORMULA_SYNTAX", "write an expression, e.g. (w*x + b - y)^2");
}

TEST("network graph: nodes in tape order, leaves named, edges point forward") {
  const Value g = network_graph(network_config(xor_set(), 3, 0), "graph");
  const auto& nodes = list(g, "nodes");
  const auto& edges = list(g, "edges");
  std::vector<std::string> ops, names;
  for (const Value& n : nodes) {
    ops.push_back(n.find("op")->as_string());
    names.push_back(n.find("name")->as_string());
  }
  const std::vector<std::string> want_ops{"input", "param", "matmul", "param", "bias_add", "tanh", "param", "matmul", "param", "bias_add",
                                          "input", "softmax_cross_entropy"};
  CHECK(ops == want_ops);
  CHECK(names[0] == "x" && names[1] == "layers.0.weight" && names[3] == "layers.0.bias" && names[6] == "layers.1.weight" &&
        names[8] == "layers.1.bias" && names[10] == "label");
  CHECK(nodes.back().find("kind")->as_string() == "loss");
  CHECK(nodes[0].find("grad")->is_null());
  CHECK(list(nodes[1], "shape").size() == 2 && list(nodes[1], "shape")[1].as_number() == 3);
  CHECK(edges.size() == 11);
  for (const Value& e : edges) CHECK(num(e, "from") < num(e, "to"));
  CHECK_NEAR(num(g, "loss"), list(nodes.back(), "value")[0].as_number(), 0);
  CHECK(list(g, "backward").size() == 10);  // everything but x and the label
  CHECK(list(g, "backward").front().as_number() == 11);
}

TEST("network graph: parameter gradients equal a training step's on that row") {
  const Value config = network_config(xor_set(), 3, 5, 7);
  const Value g = network_graph(config, "graph");
  // the training lab's computation on the same row: same spec, same seed, batch of one
  const lab::data::Dataset ds = lab::data::read_dataset(xor_set(), "dataset");
  lab::ag::ParamStore<float> store;
  lab::Rng rng(7);
  auto model = lab::nn::make_mlp<float>(store, lab::read_mlp_spec(config.find("model"), ds, "model"), rng);
  lab::ag::Tape<float> tape;
  std::vector<float> x(ds.x.begin() + 10, ds.x.begin() + 12);
  const std::int32_t label = ds.labels[5];
  auto ce = lab::ag::softmax_cross_entropy(tape, model.forward(tape, lab::ag::constant(x.data(), {1, 2})), &label);
  store.zero_grad();
  tape.backward(ce.loss);
  CHECK_NEAR(num(g, "loss"), ce.loss.value[0], 0);
  CHECK_NEAR(num(g, "label"), label, 0);
  int params = 0;
  for (const Value& n : list(g, "nodes")) {
    if (n.find("kind")->as_string() != "param") continue;
    ++params;
    const auto& e = store.entries()[*store.find(n.find("name")->as_string())];
    for (std::int64_t i = 0; i < e.numel; ++i) {
      CHECK_NEAR(list(n, "grad")[static_cast<std::size_t>(i)].as_number(), store.grads()[e.offset + i], 0);
      CHECK_NEAR(list(n, "value")[static_cast<std::size_t>(i)].as_number(), store.values()[e.offset + i], 0);
    }
  }
  CHECK(params == 4);
}

TEST("network graph: parameter gradients match central finite differences (float64)") {
  check_finite_differences(xor_set(), 0);
  check_finite_differences(xor_set(), 33);  // a test row
  check_finite_differences(sine_set(), 4);  // regression: MSE with a target
}

TEST("network graph: regression has a target leaf") {
  const Value g = network_graph(network_config(sine_set(), 3, 2), "graph");
  const auto& nodes = list(g, "nodes");
  CHECK(nodes.back().find("op")->as_string() == "mse");
  CHECK(nodes[nodes.size() - 2].find("name")->as_string() == "target");
  CHECK(g.find("target") != nullptr && g.find("label") == nullptr);
}

TEST("network config errors name the field") {
  CHECK_THROWS_CODE(network_graph(network_config(xor_set(), 3, 40), "graph"), "INVALID_CONFIG", "graph.example: expected an integer in [0, 39]");
  CHECK_THROWS_CODE(network_graph(obj({{"kind", "network"}}), "graph"), "INVALID_CONFIG", "graph.dataset: required");
  CHECK_THROWS_CODE(network_graph(obj({{"kind", "network"}, {"dataset", "xor"}, {"model", obj({{"dropout", 0.5}})}}), "graph"),
                    "INVALID_CONFIG", "graph.model.dropout: unknown field");
  CHECK_THROWS_CODE(computation_graph(obj({{"kind", "tree"}})), "INVALID_CONFIG", "graph.kind");
}

TEST("DOT text: a digraph with one line per node and one per edge") {
  for (const Value& config : {obj({}), network_config(xor_set(), 2, 1)}) {
    const Value g = computation_graph(config);
    const std::string dot = g.find("dot")->as_string();
    CHECK(dot == graph_to_dot(g));
    CHECK(dot.starts_with("digraph computation {\n"));
    CHECK(dot.ends_with("}\n"));
    std::istringstream in(dot);
    std::size_t node_lines = 0, edge_lines = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.find(" -> ") != std::string::npos) ++edge_lines;
      else if (line.size() > 3 && line.starts_with("  n") && std::isdigit(static_cast<unsigned char>(line[3]))) ++node_lines;
    }
    CHECK(node_lines == list(g, "nodes").size());
    CHECK(edge_lines == list(g, "edges").size());
  }
  const std::string dot = computation_graph(obj({})).find("dot")->as_string();
  CHECK(dot.find("n0 [label=\"w\\nvar\\nvalue 0.5\\ngrad -7.6\", shape=ellipse];") != std::string::npos);
  CHECK(dot.find("n8 [label=\"^\\nvalue 3.61\\ngrad 1\", style=bold];") != std::string::npos);  // the root, L
  CHECK(dot.find("n0 -> n2 [label=\"∂ 2\"];") != std::string::npos);  // ∂(w·x)/∂w = x
}

CHECK_MAIN()
