// Shape checks shared by the ops. A mismatch means a model was wired wrongly (a bug, or a config that
// the lab should have validated first), so it throws lab::Error INTERNAL naming the op and the shapes.
#pragma once

#include <string>

#include "../../error.hpp"
#include "../tensor.hpp"

namespace lab::ag {

[[noreturn]] inline void shape_error(const char* op, const std::string& what) {
  throw Error(code::internal, std::string(op) + ": " + what);
}

inline void expect_same_shape(const char* op, const Shape& a, const Shape& b) {
  if (!(a == b)) shape_error(op, "shapes " + a.str() + " and " + b.str() + " differ");
}

inline void expect_rank(const char* op, const char* name, const Shape& s, int rank) {
  if (s.rank != rank)
    shape_error(op, std::string(name) + " must have rank " + std::to_string(rank) + ", got shape " + s.str());
}

}  // namespace lab::ag
