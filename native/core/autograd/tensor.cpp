// Shape construction and printing (see tensor.hpp).
#include "tensor.hpp"

#include "../error.hpp"

namespace lab::ag {

Shape::Shape(std::initializer_list<std::int64_t> dims) {
  if (dims.size() > kMaxRank)
    throw Error(code::internal, "tensor shape of rank " + std::to_string(dims.size()) + ": at most 4 dimensions");
  for (std::int64_t d : dims) {
    if (d < 0) throw Error(code::internal, "tensor shape with a negative dimension " + std::to_string(d));
    dim[rank++] = d;
  }
}

bool Shape::operator==(const Shape& o) const {
  if (rank != o.rank) return false;
  for (int i = 0; i < rank; ++i)
    if (dim[i] != o.dim[i]) return false;
  return true;
}

std::string Shape::str() const {
  std::string s = "[";
  for (int i = 0; i < rank; ++i) s += (i ? ", " : "") + std::to_string(dim[i]);
  return s + "]";
}

}  // namespace lab::ag
