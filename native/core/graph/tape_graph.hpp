// lab::graph::tape_graph — the computation graph of one recorded forward pass, read back from a Tape:
// one node per op the tape recorded (Node::op, out, in[]) plus one leaf per parameter and per data
// tensor it consumed, with values and (after backward) gradients, and an edge per op input slot.
//
// Leaves are recognised by their value pointers: a pointer inside the ParamStore's slab is a parameter
// (named by the store entry it covers, "layers.0.weight"), a pointer of a named data tensor is that
// data ("x", "target"); the int labels a cross-entropy node reads become a leaf "label". Nodes come in
// tape order with each leaf just before its first consumer, so node order is a topological order:
// forward runs through it, backward runs through it in reverse.
// Not here: building the network (network_graph.hpp), the DOT text (graph_dot.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "../autograd/param_store.hpp"
#include "../autograd/tape.hpp"
#include "../config/value.hpp"

namespace lab::graph {

template <class T>
struct NamedTensor {
  std::string name;  // "x", "target"
  ag::Tensor<T> tensor;
};

struct NamedLabels {
  std::string name;  // "label"
  const std::int32_t* labels = nullptr;
  std::int64_t count = 0;
};

// {nodes: [{id, op, kind, name, shape, value, grad, inputs}], edges: [{from, to, slot}], forward, backward,
//  loss}. kind: "input" (data), "param", "op", "loss" (the op that made `loss`). value and grad are
// arrays of all elements (row-major); grad is null where no gradient flows (data, labels).
template <class T>
Value tape_graph(const ag::Tape<T>& tape, const ag::ParamStore<T>& store, std::span<const NamedTensor<T>> data,
                 const NamedLabels& labels, const ag::Tensor<T>& loss);

}  // namespace lab::graph
