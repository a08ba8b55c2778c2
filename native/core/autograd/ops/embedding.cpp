// The embedding lookup (see embedding.hpp).
#include "embedding.hpp"

#include <algorithm>
#include <string>

#include "checks.hpp"

namespace lab::ag {

template <class T>
Tensor<T> embedding(Tape<T>& tape, Tensor<T> table, const std::int32_t* ids, Shape out_shape) {
  if (table.rank() != 2) shape_error("embedding", "expected a table [V, E], got " + table.shape.str());
  const std::int64_t V = table.dim(0), E = table.dim(1);
  if (out_shape.rank < 1 || out_shape[out_shape.rank - 1] != E)
    shape_error("embedding", "output " + out_shape.str() + " must end in E = " + std::to_string(E));
  const std::int64_t n = out_shape.numel() / E;
  for (std::int64_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= V) shape_error("embedding", "id " + std::to_string(ids[i]) + " at " + std::to_string(i) + " is outside [0, " + std::to_string(V) + ")");
  Tensor<T> out = tape.alloc(out_shape, table.grad != nullptr);
  for (std::int64_t i = 0; i < n; ++i) std::copy_n(table.value + ids[i] * E, E, out.value + i * E);
  if (out.grad) {
    Node<T> node = make_node<T>("embedding", out, [](const Node<T>& nd) {
      const std::int64_t e = nd.in[0].dim(1), count = nd.out.numel() / e;
      for (std::int64_t i = 0; i < count; ++i) {
        T* d = nd.in[0].grad + nd.labels[i] * e;
        const T* g = nd.out.grad + i * e;
        for (std::int64_t j = 0; j < e; ++j) d[j] += g[j];
      }
    }, table);
    node.labels = ids;
    tape.record(node);
  }
  return out;
}

template Tensor<float> embedding<float>(Tape<float>&, Tensor<float>, const std::int32_t*, Shape);
template Tensor<double> embedding<double>(Tape<double>&, Tensor<double>, const std::int32_t*, Shape);

}  // namespace lab::ag
