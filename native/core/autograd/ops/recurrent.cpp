// Recurrent layers with backpropagation through time (see recurrent.hpp).
#include "recurrent.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "activations.hpp"
#include "checks.hpp"
#include "gemm.hpp"
#include "tanh_fast.hpp"

namespace lab::ag {

using i64 = std::int64_t;

int gate_count(Cell cell) { return cell == Cell::rnn ? 1 : cell == Cell::lstm ? 4 : 3; }
const char* cell_name(Cell cell) { return cell == Cell::rnn ? "rnn" : cell == Cell::lstm ? "lstm" : "gru"; }

namespace {

// Where the forward's numbers and the backward's work buffers live in the op's saved block.
template <class T>
struct Layout {
  i64 B, S, I, H, G;
  T* base;
  i64 gh() const { return G * H; }
  T* hs() const { return base; }                                  // (S+1)·B·H, time-major, hs[0] = h0
  T* cs() const { return hs() + (S + 1) * B * H; }                // (S+1)·B·H (LSTM; else unused)
  T* acts() const { return cs() + (S + 1) * B * H; }              // S·B·G·H gate activations (LSTM, GRU)
  T* ghn() const { return acts() + S * B * gh(); }                // S·B·H  h·W_hn + b_hn (GRU), tanh(c_t) (LSTM)
  T* gx() const { return ghn() + S * B * H; }                     // B·S·G·H input projections (batch-major)
  T* dgx() const { return gx() + B * S * gh(); }                  // B·S·G·H
  T* dgh() const { return dgx() + B * S * gh(); }                 // S·B·G·H (time-major)
  T* dh() const { return dgh() + S * B * gh(); }                  // B·H
  T* dc() const { return dh() + B * H; }                          // B·H
  // the elements of all of the above
  static i64 total(i64 B, i64 S, i64 H, i64 G) { return 2 * (S + 1) * B * H + 2 * S * B * G * H + S * B * H + 2 * B * S * G * H + 2 * B * H; }
};

// tanh over an array: the vectorised kernel for float, the exact one for double (gradient checks)
void tanh_array(float* out, const float* in, i64 n) { tanh_fast(out, in, n); }
void tanh_array(double* out, const double* in, i64 n) {
  for (i64 i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
}
// σ(x) = ½(1 + tanh(x/2)) in place over n values at stride-1, through tanh_array
template <class T>
void sigmoid_inplace(T* v, i64 n) {
  for (i64 i = 0; i < n; ++i) v[i] *= T(0.5);
  tanh_array(v, v, n);
  for (i64 i = 0; i < n; ++i) v[i] = T(0.5) * (T(1) + v[i]);
}

template <class T>
void forward(Cell cell, const Layout<T>& L, T* out, const T* x, const T* w, const RecurrentState<T>& st) {
  const i64 B = L.B, S = L.S, I = L.I, H = L.H, GH = L.gh();
  const T* W_ih = w;
  const T* W_hh = w + I * GH;
  const T* b_ih = w + (I + H) * GH;
  const T* b_hh = w + (I + H + 1) * GH;
  T* gx = L.gx();
  gemm_nn(gx, x, W_ih, B * S, I, GH, false);
  for (i64 r = 0; r < B * S; ++r)
    for (i64 j = 0; j < GH; ++j) gx[r * GH + j] += b_ih[j] + (cell == Cell::gru && j >= 2 * H ? T(0) : b_hh[j]);
  T* hs = L.hs();
  T* cs = L.cs();
  if (st.h0) std::memcpy(hs, st.h0, sizeof(T) * static_cast<std::size_t>(B * H));
  else std::memset(hs, 0, sizeof(T) * static_cast<std::size_t>(B * H));
  if (cell == Cell::lstm) {
    if (st.c0) std::memcpy(cs, st.c0, sizeof(T) * static_cast<std::size_t>(B * H));
    else std::memset(cs, 0, sizeof(T) * static_cast<std::size_t>(B * H));
  }
  T* gh = L.dgh();  // borrowed as the step's pre-activations [B, G·H] (the backward overwrites it)
  for (i64 t = 0; t < S; ++t) {
    const T* hp = hs + t * B * H;
    T* hn = hs + (t + 1) * B * H;
    gemm_nn(gh, hp, W_hh, B, H, GH, false);
    if (cell == Cell::rnn) {
      for (i64 b = 0; b < B; ++b)
        for (i64 j = 0; j < H; ++j) gh[b * H + j] += gx[(b * S + t) * GH + j];
      tanh_array(hn, gh, B * H);
    } else if (cell == Cell::lstm) {
      T* a = L.acts() + t * B * GH;
      for (i64 b = 0; b < B; ++b)
        for (i64 j = 0; j < GH; ++j) a[b * GH + j] = gh[b * GH + j] + gx[(b * S + t) * GH + j];
      for (i64 b = 0; b < B; ++b) {
        T* ab = a + b * GH;
        sigmoid_inplace(ab, 2 * H);               // i, f
        tanh_array(ab + 2 * H, ab + 2 * H, H);    // g
        sigmoid_inplace(ab + 3 * H, H);           // o
      }
      const T* cp = cs + t * B * H;
      T* cn = cs + (t + 1) * B * H;
      T* tc = L.ghn() + t * B * H;  // tanh(c_t), kept for the backward
      for (i64 b = 0; b < B; ++b) {
        const T* ab = a + b * GH;
        for (i64 j = 0; j < H; ++j) cn[b * H + j] = ab[H + j] * cp[b * H + j] + ab[j] * ab[2 * H + j];
      }
      tanh_array(tc, cn, B * H);
      for (i64 b = 0; b < B; ++b)
        for (i64 j = 0; j < H; ++j) hn[b * H + j] = a[b * GH + 3 * H + j] * tc[b * H + j];
    } else {
      T* a = L.acts() + t * B * GH;
      T* ghn = L.ghn() + t * B * H;
      for (i64 b = 0; b < B; ++b) {
        const T* gxr = gx + (b * S + t) * GH;
        T* ab = a + b * GH;
        const T* ghr = gh + b * GH;
        for (i64 j = 0; j < 2 * H; ++j) ab[j] = gxr[j] + ghr[j];
        sigmoid_inplace(ab, 2 * H);  // r, z
        for (i64 j = 0; j < H; ++j) {
          ghn[b * H + j] = ghr[2 * H + j] + b_hh[2 * H + j];
          ab[2 * H + j] = gxr[2 * H + j] + ab[j] * ghn[b * H + j];
        }
        tanh_array(ab + 2 * H, ab + 2 * H, H);  // n
        for (i64 j = 0; j < H; ++j) hn[b * H + j] = (T(1) - ab[H + j]) * ab[2 * H + j] + ab[H + j] * hp[b * H + j];
      }
    }
    for (i64 b = 0; b < B; ++b) std::memcpy(out + (b * S + t) * H, hn + b * H, sizeof(T) * static_cast<std::size_t>(H));
  }
  if (st.h_last) std::memcpy(st.h_last, hs + S * B * H, sizeof(T) * static_cast<std::size_t>(B * H));
  if (st.c_last && cell == Cell::lstm) std::memcpy(st.c_last, cs + S * B * H, sizeof(T) * static_cast<std::size_t>(B * H));
}

template <class T>
void backward(Cell cell, const Layout<T>& L, const T* dout, const T* x, T* dx, const T* w, T* dw, T* norms) {
  const i64 B = L.B, S = L.S, I = L.I, H = L.H, GH = L.gh();
  const T* W_ih = w;
  const T* W_hh = w + I * GH;
  T* dgx = L.dgx();
  T* dgh = L.dgh();
  T* dh = L.dh();
  T* dc = L.dc();
  std::memset(dh, 0, sizeof(T) * static_cast<std::size_t>(B * H));
  std::memset(dc, 0, sizeof(T) * static_cast<std::size_t>(B * H));
  const T* hs = L.hs();
  const T* cs = L.cs();
  for (i64 t = S - 1; t >= 0; --t) {
    double sq = 0;
    T* dght = dgh + t * B * GH;
    for (i64 b = 0; b < B; ++b) {
      T* dhb = dh + b * H;
      const T* d = dout ? dout + (b * S + t) * H : nullptr;
      for (i64 j = 0; j < H; ++j) {
        if (d) dhb[j] += d[j];
        sq += static_cast<double>(dhb[j]) * static_cast<double>(dhb[j]);
      }
      T* dgxr = dgx + (b * S + t) * GH;
      T* dghr = dght + b * GH;
      const T* hp = hs + t * B * H + b * H;
      if (cell == Cell::rnn) {
        const T* h = hs + (t + 1) * B * H + b * H;
        for (i64 j = 0; j < H; ++j) dgxr[j] = dghr[j] = dhb[j] * (T(1) - h[j] * h[j]);
      } else if (cell == Cell::lstm) {
        const T* a = L.acts() + (t * B + b) * GH;
        const T* cp = cs + t * B * H + b * H;
        const T* tcs = L.ghn() + (t * B + b) * H;
        T* dcb = dc + b * H;
        for (i64 j = 0; j < H; ++j) {
          const T i = a[j], f = a[H + j], g = a[2 * H + j], o = a[3 * H + j];
          const T tc = tcs[j];
          const T dcj = dcb[j] + dhb[j] * o * (T(1) - tc * tc);
          dgxr[j] = dghr[j] = dcj * g * i * (T(1) - i);
          dgxr[H + j] = dghr[H + j] = dcj * cp[j] * f * (T(1) - f);
          dgxr[2 * H + j] = dghr[2 * H + j] = dcj * i * (T(1) - g * g);
          dgxr[3 * H + j] = dghr[3 * H + j] = dhb[j] * tc * o * (T(1) - o);
          dcb[j] = dcj * f;  // to c_{t−1}
        }
      } else {
        const T* a = L.acts() + (t * B + b) * GH;
        const T* ghn = L.ghn() + (t * B + b) * H;
        for (i64 j = 0; j < H; ++j) {
          const T r = a[j], z = a[H + j], n = a[2 * H + j];
          const T dn = dhb[j] * (T(1) - z) * (T(1) - n * n);
          dgxr[2 * H + j] = dn;
          dghr[2 * H + j] = dn * r;
          const T dr = dn * ghn[j] * r * (T(1) - r);
          dgxr[j] = dghr[j] = dr;
          const T dz = dhb[j] * (hp[j] - n) * z * (T(1) - z);
          dgxr[H + j] = dghr[H + j] = dz;
        }
      }
    }
    if (norms) norms[t] = static_cast<T>(std::sqrt(sq));
    // dh_{t−1} = dgh_t · W_hhᵀ (+ z⊙dh_t for the GRU's direct path)
    if (cell == Cell::gru) {
      for (i64 b = 0; b < B; ++b) {
        const T* a = L.acts() + (t * B + b) * GH;
        for (i64 j = 0; j < H; ++j) dh[b * H + j] *= a[H + j];
      }
      gemm_nt(dh, dght, W_hh, B, GH, H, true);
    } else {
      gemm_nt(dh, dght, W_hh, B, GH, H, false);
    }
  }
  if (dw) {
    T* dW_ih = dw;
    T* dW_hh = dw + I * GH;
    T* db_ih = dw + (I + H) * GH;
    T* db_hh = dw + (I + H + 1) * GH;
    gemm_tn(dW_hh, hs, dgh, H, S * B, GH, true);
    gemm_tn(dW_ih, x, dgx, I, B * S, GH, true);
    for (i64 r = 0; r < B * S; ++r)
      for (i64 j = 0; j < GH; ++j) db_ih[j] += dgx[r * GH + j], db_hh[j] += dgh[r * GH + j];
  }
  if (dx) gemm_nt(dx, dgx, W_ih, B * S, GH, I, true);
}

}  // namespace

template <class T>
Tensor<T> recurrent(Tape<T>& tape, Cell cell, Tensor<T> x, Tensor<T> weights, i64 hidden, const RecurrentState<T>& state) {
  const char* op = cell_name(cell);
  if (x.rank() != 3) shape_error(op, "expected inputs [B, T, I], got " + x.shape.str());
  const i64 B = x.dim(0), S = x.dim(1), I = x.dim(2), H = hidden, G = gate_count(cell);
  if (B < 1 || S < 1 || I < 1 || H < 1) shape_error(op, "empty inputs " + x.shape.str() + " or hidden " + std::to_string(H));
  if (weights.rank() != 2 || weights.dim(0) != I + H + 2 || weights.dim(1) != G * H)
    shape_error(op, "expected weights [" + std::to_string(I + H + 2) + ", " + std::to_string(G * H) + "], got " + weights.shape.str());
  const Layout<T> L{B, S, I, H, G, tape.scratch(Layout<T>::total(B, S, H, G))};
  Tensor<T> out = tape.alloc(Shape{B, S, H}, any_grad(x, weights));
  forward(cell, L, out.value, x.value, weights.value, state);
  if (out.grad) {
    Node<T> node = make_node<T>(op, out, [](const Node<T>& nd) {
      const auto c = static_cast<Cell>(nd.ints[0]);
      const Layout<T> l{nd.in[0].dim(0), nd.in[0].dim(1), nd.in[0].dim(2), nd.ints[1], gate_count(c), nd.saved};
      backward(c, l, nd.out.grad, nd.in[0].value, nd.in[0].grad, nd.in[1].value, nd.in[1].grad, static_cast<T*>(nd.extra));
    }, x, weights);
    node.saved = L.base;
    node.ints[0] = static_cast<i64>(cell);
    node.ints[1] = H;
    node.extra = state.grad_norms;
    tape.record(node);
  }
  return out;
}

template Tensor<float> recurrent<float>(Tape<float>&, Cell, Tensor<float>, Tensor<float>, i64, const RecurrentState<float>&);
template Tensor<double> recurrent<double>(Tape<double>&, Cell, Tensor<double>, Tensor<double>, i64, const RecurrentState<double>&);

}  // namespace lab::ag
