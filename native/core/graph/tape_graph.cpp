// Reading a Tape back as a graph of nodes and edges (see tape_graph.hpp).
#include "tape_graph.hpp"

#include <vector>

#include "../error.hpp"

namespace lab::graph {

namespace {

Value numbers(const auto* p, std::int64_t n) {
  Value::Array a;
  a.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) a.emplace_back(static_cast<double>(p[i]));
  return Value(std::move(a));
}

Value shape_of(const ag::Shape& s) {
  Value::Array a;
  for (int i = 0; i < s.rank; ++i) a.emplace_back(static_cast<double>(s.dim[i]));
  return Value(std::move(a));
}

// Builds the node list, remembering which value pointer each node holds.
template <class T>
class GraphBuilder {
 public:
  GraphBuilder(const ag::ParamStore<T>& store, std::span<const NamedTensor<T>> data) : store_(store), data_(data) {}

  // The node holding tensor `t`: the latest op that produced it, or a leaf (made on first use).
  std::size_t source(const ag::Tensor<T>& t) {
    for (std::size_t i = held_.size(); i-- > 0;)
      if (held_[i] == t.value && numel_[i] == t.numel()) return i;
    return add(leaf_op(t), leaf_kind(t), leaf_name(t), t.shape, numbers(t.value, t.numel()),
               t.grad ? numbers(t.grad, t.numel()) : Value(), t.value, t.numel(), {});
  }

  std::size_t add(const std::string& op, const std::string& kind, const std::string& name, const ag::Shape& shape,
                  Value value, Value grad, const void* held, std::int64_t numel, std::vector<std::size_t> inputs) {
    const std::size_t id = nodes_.size();
    Value::Array in;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      in.emplace_back(static_cast<double>(inputs[k]));
      edges_.emplace_back(Value::Object{{"from", static_cast<double>(inputs[k])}, {"to", static_cast<double>(id)}, {"slot", static_cast<double>(k)}});
    }
    nodes_.emplace_back(Value::Object{{"id", static_cast<double>(id)}, {"op", op}, {"kind", kind}, {"name", name},
                                      {"shape", shape_of(shape)}, {"value", std::move(value)}, {"grad", std::move(grad)},
                                      {"inputs", Value(std::move(in))}});
    held_.push_back(held);
    numel_.push_back(numel);
    has_grad_.push_back(!nodes_.back().as_object().at("grad").is_null());
    return id;
  }

  Value finish(double loss) && {
    Value::Array forward, backward;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      forward.emplace_back(static_cast<double>(i));
      if (has_grad_[i]) backward.insert(backward.begin(), Value(static_cast<double>(i)));
    }
    return Value(Value::Object{{"nodes", Value(std::move(nodes_))}, {"edges", Value(std::move(edges_))},
                               {"forward", Value(std::move(forward))}, {"backward", Value(std::move(backward))},
                               {"loss", loss}});
  }

 private:
  bool in_store(const T* p) const { return p >= store_.values() && p < store_.values() + store_.size(); }
  const NamedTensor<T>* data_of(const T* p) const {
    for (const auto& d : data_)
      if (d.tensor.value == p) return &d;
    return nullptr;
  }
  std::string leaf_op(const ag::Tensor<T>& t) const { return in_store(t.value) ? "param" : data_of(t.value) ? "input" : "const"; }
  std::string leaf_kind(const ag::Tensor<T>& t) const { return in_store(t.value) ? "param" : "input"; }
  std::string leaf_name(const ag::Tensor<T>& t) const {
    if (const NamedTensor<T>* d = data_of(t.value)) return d->name;
    if (!in_store(t.value)) return "const";
    const std::int64_t offset = t.value - store_.values();
    if (offset == 0 && t.numel() == static_cast<std::int64_t>(store_.size())) return "parameters";
    for (const auto& e : store_.entries())
      if (offset >= e.offset && offset < e.offset + e.numel)
        return offset == e.offset && t.numel() == e.numel ? e.name : e.name + "[part]";
    return "parameters[part]";
  }

  const ag::ParamStore<T>& store_;
  std::span<const NamedTensor<T>> data_;
  Value::Array nodes_, edges_;
  std::vector<const void*> held_;
  std::vector<std::int64_t> numel_;
  std::vector<bool> has_grad_;
};

}  // namespace

template <class T>
Value tape_graph(const ag::Tape<T>& tape, const ag::ParamStore<T>& store, std::span<const NamedTensor<T>> data,
                 const NamedLabels& labels, const ag::Tensor<T>& loss) {
  GraphBuilder<T> b(store, data);
  bool found_loss = false;
  for (std::int64_t i = 0; i < tape.size(); ++i) {
    const ag::Node<T>& n = tape.node(i);
    std::vector<std::size_t> inputs;
    for (const ag::Tensor<T>& in : n.in)
      if (in.value != nullptr) inputs.push_back(b.source(in));
    if (n.labels != nullptr) {
      if (n.labels != labels.labels)
        throw Error(code::internal, std::string("tape_graph: the labels of node \"") + n.op + "\" are not the named labels");
      inputs.push_back(b.add("input", "input", labels.name, ag::Shape{labels.count}, numbers(labels.labels, labels.count), Value(),
                             labels.labels, labels.count, {}));
    }
    const bool is_loss = n.out.value == loss.value;
    found_loss = found_loss || is_loss;
    b.add(n.op, is_loss ? "loss" : "op", n.op, n.out.shape, numbers(n.out.value, n.out.numel()),
          n.out.grad ? numbers(n.out.grad, n.out.numel()) : Value(), n.out.value, n.out.numel(), std::move(inputs));
  }
  if (!found_loss) throw Error(code::internal, "tape_graph: no node of the tape produced the loss");
  return std::move(b).finish(static_cast<double>(loss.value[0]));
}

template Value tape_graph(const ag::Tape<float>&, const ag::ParamStore<float>&, std::span<const NamedTensor<float>>,
                          const NamedLabels&, const ag::Tensor<float>&);
template Value tape_graph(const ag::Tape<double>&, const ag::ParamStore<double>&, std::span<const NamedTensor<double>>,
                          const NamedLabels&, const ag::Tensor<double>&);

}  // namespace lab::graph
