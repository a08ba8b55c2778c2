// Inverted dropout: in training each element is kept with probability 1 − p and scaled by 1/(1 − p)
// (so the expected activation is unchanged and evaluation needs no rescaling), or zeroed. The mask is
// drawn from the caller's seeded lab::Rng (one uniform per element, in index order: the same seed gives
// the same mask) and kept in the tape's arena for backward. In evaluation, or with p = 0, it is the
// identity and returns its input.
#pragma once

#include <cstdint>

#include "../../runtime/rng.hpp"
#include "../tape.hpp"

namespace lab::ag {

// mask[n] = 1/(1 − p) with probability 1 − p, else 0 (p in [0, 1))
template <class T> void dropout_mask(T* mask, double p, Rng& rng, std::int64_t n);
// out[n] = inp[n]·mask[n];  dinp[n] += dout[n]·mask[n]
template <class T> void dropout_forward(T* out, const T* inp, const T* mask, std::int64_t n);
template <class T> void dropout_backward(T* dinp, const T* dout, const T* mask, std::int64_t n);

// Tape op, any shape. p outside [0, 1) throws INVALID_CONFIG.
template <class T> Tensor<T> dropout(Tape<T>& tape, Tensor<T> x, double p, Rng& rng, bool training);

}  // namespace lab::ag
