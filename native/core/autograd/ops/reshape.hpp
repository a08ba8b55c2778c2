// reshape: the same numbers, and the same gradient buffer, seen with another shape of as many
// elements — e.g. a CNN's feature maps [N,C,H,W] as rows [N, C·H·W] for a linear layer. A view: it
// copies nothing and records no tape node (the gradient written through it lands in the original).
#pragma once

#include "checks.hpp"

namespace lab::ag {

// Throws INTERNAL when the element counts differ.
template <class T>
Tensor<T> reshape(Tensor<T> t, Shape shape) {
  if (t.numel() != shape.numel())
    shape_error("reshape", "cannot view " + t.shape.str() + " as " + shape.str() + ": the element counts differ");
  t.shape = shape;
  return t;
}

}  // namespace lab::ag
