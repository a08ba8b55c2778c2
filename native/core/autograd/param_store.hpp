// lab::ag::ParamStore — every parameter of a model in ONE contiguous slab of values and ONE contiguous
// slab of gradients, with named, shaped views into them ("layers.0.weight" [in, out]).
//
// So that an optimizer step is one loop (opt.step(store.values(), store.grads(), lr, pool)), zero-grad
// is one clear and a checkpoint is one buffer. Parameters are packed in the order they were added,
// without padding. Modules keep the Id that add() returns and take their view at forward time:
// add() may move the slabs, so a view taken before a later add() is stale.
// Buffers are a model's numbers that are not trained (batch norm's running mean and variance): named
// and shaped like parameters, kept in a third slab without gradients, so the optimizer, the penalties,
// zero-grad and the parameter count never see them, while a checkpoint saves them after the parameters.
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
  // Appends a buffer, every value `fill`. Throws INTERNAL if the name is taken (by either kind).
  Id add_buffer(std::string name, Shape shape, T fill);

  Tensor<T> view(Id id);                  // values + grads of one parameter
  Tensor<T> view(std::string_view name);  // throws INTERNAL if absent
  Tensor<T> all();                        // the whole slab as one tensor of shape [size()]

  // While off, view() and all() give the values without gradients, so the ops a net records compute
  // no parameter gradients (a net used as a fixed function: the GAN's discriminator in the generator's
  // step still passes gradients to its input). On by default.
  void set_grads_on(bool on) { grads_on_ = on; }
  bool grads_on() const { return grads_on_; }
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

  // Buffers: entries (offsets into the buffer slab) and their values.
  const std::vector<Entry>& buffer_entries() const { return buffer_entries_; }
  T* buffer(Id id) { return buffers_.data() + buffer_entries_.at(id).offset; }
  std::size_t buffer_size() const { return buffers_.size(); }
  T* buffer_values() { return buffers_.data(); }
  const T* buffer_values() const { return buffers_.data(); }

 private:
  bool taken(std::string_view name) const;

  std::vector<Entry> entries_, buffer_entries_;
  AlignedVector<T> values_, grads_, buffers_;
  bool grads_on_ = true;
};

// Turns a store's gradients off for a scope (ParamStore::set_grads_on), back on when it ends, even by an
// exception.
template <class T>
class ParamsFixed {
 public:
  explicit ParamsFixed(ParamStore<T>& store) : store_(store) { store_.set_grads_on(false); }
  ~ParamsFixed() { store_.set_grads_on(true); }
  ParamsFixed(const ParamsFixed&) = delete;
  ParamsFixed& operator=(const ParamsFixed&) = delete;

 private:
  ParamStore<T>& store_;
};

}  // namespace lab::ag
