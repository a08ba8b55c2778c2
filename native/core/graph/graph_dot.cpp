// DOT text of a computation graph (see graph_dot.hpp).
#include "graph_dot.hpp"

#include <cstdio>

namespace lab::graph {

namespace {

constexpr std::size_t kMaxShown = 8;  // elements of a tensor written into its label

std::string rounded(const Value& v) {
  if (v.kind() != Value::Kind::Number) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v.as_number());
  return buf;
}

// "0.5" for a number, "[0.1, 0.2]" for a short array, "" for a long one or none.
std::string numbers(const Value& v) {
  if (v.kind() == Value::Kind::Number) return rounded(v);
  if (v.kind() != Value::Kind::Array || v.as_array().size() > kMaxShown) return "";
  std::string s = "[";
  for (const Value& x : v.as_array()) s += (s.size() > 1 ? ", " : "") + rounded(x);
  return s + "]";
}

std::string escaped(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The label's text, already escaped for DOT ("\n" separates its lines).
std::string node_label(const Value& n) {
  const Value* name = n.find("name");
  const Value* label = n.find("label");
  const std::string op = n.find("op")->as_string();
  const std::string title = escaped(label != nullptr ? label->as_string() : name->as_string());
  std::string s = title == op ? title : title + "\\n" + escaped(op);
  if (const Value* shape = n.find("shape")) {
    std::string dims = "[";
    for (const Value& d : shape->as_array()) dims += (dims.size() > 1 ? ", " : "") + rounded(d);
    s += " " + dims + "]";
  }
  if (const std::string v = numbers(*n.find("value")); !v.empty()) s += "\\nvalue " + v;
  if (const std::string g = numbers(*n.find("grad")); !g.empty()) s += "\\ngrad " + g;
  return s;
}

std::string id(const Value& v) {
  std::string s = "n";
  return s += rounded(v);
}

}  // namespace

std::string graph_to_dot(const Value& graph) {
  std::string s = "digraph computation {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  const Value* output = graph.find("output");  // expressions mark their root; networks their loss node
  for (const Value& n : graph.find("nodes")->as_array()) {
    const std::string& kind = n.find("kind") != nullptr ? n.find("kind")->as_string() : n.find("op")->as_string();
    const bool leaf = kind == "input" || kind == "param" || kind == "var" || kind == "const";
    const bool root = kind == "loss" || (output != nullptr && output->as_number() == n.find("id")->as_number());
    s += "  " + id(*n.find("id")) + " [label=\"" + node_label(n) + "\"" + (leaf ? ", shape=ellipse" : "") +
         (root ? ", style=bold" : "") + "];\n";
  }
  for (const Value& e : graph.find("edges")->as_array()) {
    const Value* local = e.find("local");
    const std::string label = local != nullptr ? (local->is_null() ? "" : "∂ " + rounded(*local)) : rounded(*e.find("slot"));
    s += "  " + id(*e.find("from")) + " -> " + id(*e.find("to")) + " [label=\"" + escaped(label) + "\"];\n";
  }
  return s + "}\n";
}

}  // namespace lab::graph
