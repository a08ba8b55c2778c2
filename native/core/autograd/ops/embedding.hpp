// embedding: out[n, :] = table[ids[n], :] — a lookup of one row of a [V, E] table per id, for the
// sequence labs' characters and tokens. Backward: dtable[ids[n], :] += dout[n, :] (an id used twice
// gets both). The ids are caller-owned, must outlive backward and lie in [0, V) (checked: INTERNAL).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

// Tape op: table [V, E] and out_shape's element count / E ids → a tensor of out_shape (its last
// dimension E), e.g. [B, T, E].
template <class T>
Tensor<T> embedding(Tape<T>& tape, Tensor<T> table, const std::int32_t* ids, Shape out_shape);

}  // namespace lab::ag
