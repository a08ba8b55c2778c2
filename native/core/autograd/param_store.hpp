// lab::ag::ParamStore — every parameter of a model in ONE contiguous slab of values and ONE contiguous
// slab of gradients, with named, shaped views into them ("layers.0.weight" [in, out]).
//
// So that an optimizer step is one loop (opt.step(store.values(), store.grads(), lr, pool)), zero-grad
// is one clear and a checkpoint is one buffer. Parameters are packed in the order they were added,
// without padding. Modules keep the Id that add() returns and take their view at forward time:
// add() may move the slabs, so a view taken before a later add() is stale.
// Not here: activations (the tape's arena); initialisation (nn/init.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../runtime/aligned_vector.hpp"

#include "tensor.hpp"

namespace lab::ag {

template <class T>
class ParamStore {
 public:
  using Id = std::size_t;
  struct Entry {
    std::string name;
    Shape shape;
    std::int64_t offset;  // first element in the slabs
    std::int64_t numel;
  };

  // Appends a parameter, values and grads zeroed. Throws INTERNAL if the name is taken.
  Id add(std::string name, Shape shape);

  Tensor<T> view(Id id);                  // values + grads of one parameter
  Tensor<T> view(std::string_view name);  // throws INTERNAL if absent
  Tensor<T> all();                        // the whole slab as one tensor of shape [size()]
  std::optional<Id> find(std::string_view name) const;
  const std::vector<Entry>& entries() const { return entries_; }

  std::size_t size() const { return values_.size(); }  // parameters in all
  T* values() { return values_.data(); }
  T* grads() { return grads_.data(); }
  const T* values() const { return values_.data(); }
  const T* grads() const { return grads_.data(); }
  std::span<T> value_span() { return values_; }
  std::span<T> grad_span() { return grads_; }

  void zero_grad();  // one clear of the gradient slab

 private:
  std::vector<Entry> entries_;
  AlignedVector<T> values_, grads_;
};

}  // namespace lab::ag
