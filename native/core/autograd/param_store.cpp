// The parameter slabs (see param_store.hpp).
#include "param_store.hpp"

#include <algorithm>

#include "../error.hpp"

namespace lab::ag {

template <class T>
typename ParamStore<T>::Id ParamStore<T>::add(std::string name, Shape shape) {
  if (taken(name)) throw Error(code::internal, "parameter \"" + name + "\" is declared twice");
  const auto offset = static_cast<std::int64_t>(values_.size());
  const std::int64_t n = shape.numel();
  entries_.push_back({std::move(name), shape, offset, n});
  values_.resize(values_.size() + static_cast<std::size_t>(n), T(0));
  grads_.resize(values_.size(), T(0));
  return entries_.size() - 1;
}

template <class T>
typename ParamStore<T>::Id ParamStore<T>::add_buffer(std::string name, Shape shape, T fill) {
  if (taken(name)) throw Error(code::internal, "buffer \"" + name + "\" is declared twice");
  const auto offset = static_cast<std::int64_t>(buffers_.size());
  const std::int64_t n = shape.numel();
  buffer_entries_.push_back({std::move(name), shape, offset, n});
  buffers_.resize(buffers_.size() + static_cast<std::size_t>(n), fill);
  return buffer_entries_.size() - 1;
}

template <class T>
bool ParamStore<T>::taken(std::string_view name) const {
  if (find(name)) return true;
  for (const Entry& e : buffer_entries_)
    if (e.name == name) return true;
  return false;
}

template <class T>
Tensor<T> ParamStore<T>::view(Id id) {
  if (id >= entries_.size())
    throw Error(code::internal, "no parameter with id " + std::to_string(id) + " (" + std::to_string(entries_.size()) +
                                    " declared)");
  const Entry& e = entries_[id];
  return {values_.data() + e.offset, grads_on_ ? grads_.data() + e.offset : nullptr, e.shape};
}

template <class T>
Tensor<T> ParamStore<T>::view(std::string_view name) {
  const auto id = find(name);
  if (!id) throw Error(code::internal, "no parameter named \"" + std::string(name) + "\"");
  return view(*id);
}

template <class T>
Tensor<T> ParamStore<T>::all() {
  return {values_.data(), grads_on_ ? grads_.data() : nullptr, Shape{static_cast<std::int64_t>(values_.size())}};
}

template <class T>
std::optional<typename ParamStore<T>::Id> ParamStore<T>::find(std::string_view name) const {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].name == name) return i;
  return std::nullopt;
}

template <class T>
void ParamStore<T>::zero_grad() {
  std::fill(grads_.begin(), grads_.end(), T(0));
}

template class ParamStore<float>;
template class ParamStore<double>;

}  // namespace lab::ag
