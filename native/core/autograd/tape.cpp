// Recording and reverse traversal (see tape.hpp).
#include "tape.hpp"

#include <cstring>

#include "../error.hpp"

namespace lab::ag {

template <class T>
Tensor<T> Tape<T>::alloc(Shape shape, bool with_grad) {
  const std::int64_t n = shape.numel();
  Tensor<T> t;
  t.shape = shape;
  t.value = arena_.alloc(n);
  t.grad = with_grad ? arena_.alloc(n) : nullptr;  // cleared by backward()
  return t;
}

template <class T>
void Tape<T>::backward(Tensor<T> loss) {
  if (loss.numel() != 1)
    throw Error(code::internal, "backward: the loss must have one element, got shape " + loss.shape.str());
  if (loss.grad == nullptr)
    throw Error(code::internal, "backward: the loss has no gradient (it depends on no parameter)");
  for (const Node<T>& n : nodes_) std::memset(n.out.grad, 0, static_cast<std::size_t>(n.out.numel()) * sizeof(T));
  loss.grad[0] = T(1);
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) it->backward(*it);
}

template <class T>
void Tape<T>::reset() {
  nodes_.clear();  // keeps capacity
  arena_.reset();
}

template class Tape<float>;
template class Tape<double>;

}  // namespace lab::ag
