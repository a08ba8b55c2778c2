// Recurrent layers unrolled over time, each one tape op with a fused backpropagation through time:
//   rnn   h_t = tanh(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh)
//   lstm  (i, f, g, o) = (σ, σ, tanh, σ)(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh)   (gates in that order)
//         c_t = f⊙c_{t−1} + i⊙g,  h_t = o⊙tanh(c_t)                                (Hochreiter & Schmidhuber 1997)
//   gru   r = σ(x·W_ir + b_ir + h·W_hr + b_hr),  z = σ(x·W_iz + b_iz + h·W_hz + b_hz)
//         n = tanh(x·W_in + b_in + r⊙(h·W_hn + b_hn)),  h_t = (1 − z)⊙n + z⊙h_{t−1}     (Cho et al. 2014,
//         PyTorch's formulation: r multiplies the hidden term after its bias)
// Shapes: x [B, T, I] (batch first) → every h_t as [B, T, H]. The weights are one parameter tensor
// [I + H + 2, G·H] (G = 1, 4, 3 gates): rows 0…I−1 W_ih, rows I…I+H−1 W_hh, row I+H b_ih, row I+H+1
// b_hh; gate g occupies columns g·H…(g+1)·H−1. (PyTorch's weight_ih_l0 [G·H, I] is W_ihᵀ.)
// The start state is zero unless given; the last state can be read out (a validation pass carries it
// from window to window). The backward can also write ‖dL/dh_t‖ (over the batch) for each t — the
// gradient flowing back through time, as the lab draws it (the gradient arriving at h_t from the loss
// and from h_{t+1}).
// Not here: the embedding (embedding.hpp), clipping (a trainer's job).
#pragma once

#include <cstdint>

#include "../tape.hpp"

namespace lab::ag {

enum class Cell { rnn, lstm, gru };

int gate_count(Cell cell);      // 1, 4, 3
const char* cell_name(Cell cell);  // "rnn", "lstm", "gru"

template <class T>
struct RecurrentState {
  const T* h0 = nullptr;   // [B, H] start state (nullptr: zeros)
  const T* c0 = nullptr;   // [B, H] LSTM start cell (nullptr: zeros)
  T* h_last = nullptr;     // [B, H] written with h_T when given
  T* c_last = nullptr;     // [B, H] written with c_T (LSTM) when given
  T* grad_norms = nullptr; // [T] written by backward: ‖dL/dh_t‖ over the whole batch
};

// Tape op: x [B, T, I], weights [I + H + 2, G·H] → h [B, T, H]. Throws INTERNAL on other shapes.
template <class T>
Tensor<T> recurrent(Tape<T>& tape, Cell cell, Tensor<T> x, Tensor<T> weights, std::int64_t hidden, const RecurrentState<T>& state = {});

}  // namespace lab::ag
