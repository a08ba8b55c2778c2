// The fast products (see gemm.hpp): register tiles over L2-sized column panels, built twice under GCC
// on x86-64 Linux (baseline and x86-64-v3) with the loader choosing one at run time, and NN, TN, NT a
// third time with 64-byte vectors for AVX-512 CPUs (x86-64-v4, chosen per call at run time).
//
// NN and TN share one tile: c[r][j] += a(r, k) · B[k, j0 + j] for k ascending, where a(r, k) is
// A[r, k] (NN) or A[k, r] (TN); R ≤ MR rows × NV vectors of C stay in registers, B's row is loaded
// once per k and each a(r, k) broadcast. The vectors are GCC/Clang generic 32-byte vectors (not
// intrinsics: one AVX register with FMA in the v3 build, two SSE registers in the baseline; other
// compilers get the same loops on plain arrays). Measured on one thread of an AMD EPYC (Zen 3), v3
// build: 64×784×256 ~56–59 GFLOP/s, 64×64×64 ~85 (16-byte vectors before: ~28 and ~55); the naive
// loops ~1.1. The last, partial column block is read from a zero-padded copy of B's columns made once
// per call, and the last row block runs a tile of its own height (1…MR), so every element of C is
// summed in the same order wherever it sits and no tile does padded work per k. NT transposes B into
// a scratch buffer once per call and runs the NN tiles: ascending k like its reference as well.
// Scratch buffers are per thread and only grow (no allocation after a training loop's first step).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <vector>

#include "gemm.hpp"

#include "../../runtime/dispatch.hpp"  // LAB_V4, cpu_has_v4

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#define LAB_GEMM_CLONES __attribute__((target_clones("default", "arch=x86-64-v3")))
#define LAB_GEMM_DISPATCH 1
#else
#define LAB_GEMM_CLONES
#define LAB_GEMM_DISPATCH 0
#endif

#if defined(__GNUC__)
#define LAB_INLINE inline __attribute__((always_inline))
#else
#define LAB_INLINE inline
#endif

namespace lab::ag {
namespace {

using i64 = std::int64_t;

// ---- a VB-byte vector of T: 32 bytes is one AVX register in the v3 build and two SSE registers in the
// baseline; 64 bytes one AVX-512 register in the v4 functions (NN, TN and NT only) ----------------------
#if defined(__GNUC__)
template <class T, int VB> struct Vec { typedef T type __attribute__((vector_size(VB))); };
template <class T, int VB = 32> using V = typename Vec<T, VB>::type;
template <class T, int VB> LAB_INLINE V<T, VB> vzero() { return V<T, VB>{}; }
template <class T, int VB> LAB_INLINE void madd(V<T, VB>& c, T a, const V<T, VB>& b) { c += a * b; }
template <class T, int VB> LAB_INLINE void vmadd(V<T, VB>& c, const V<T, VB>& a, const V<T, VB>& b) { c += a * b; }
#else
template <class T, int VB = 32> struct V { T x[VB / sizeof(T)]; };
template <class T, int VB> LAB_INLINE V<T, VB> vzero() { return V<T, VB>{}; }
template <class T, int VB> LAB_INLINE void madd(V<T, VB>& c, T a, const V<T, VB>& b) {
  for (std::size_t l = 0; l < VB / sizeof(T); ++l) c.x[l] += a * b.x[l];
}
template <class T, int VB> LAB_INLINE void vmadd(V<T, VB>& c, const V<T, VB>& a, const V<T, VB>& b) {
  for (std::size_t l = 0; l < VB / sizeof(T); ++l) c.x[l] += a.x[l] * b.x[l];
}
#endif
template <class T, int VB> LAB_INLINE V<T, VB> vload(const T* p) { V<T, VB> v; std::memcpy(&v, p, sizeof v); return v; }
template <class T, int VB> LAB_INLINE void vstore(T* p, const V<T, VB>& v) { std::memcpy(p, &v, sizeof v); }

constexpr int MR = 4;                       // rows of a tile
constexpr int NV = 2;                       // vectors per row of a tile
template <class T, int VB = 32> constexpr int W = static_cast<int>(VB / sizeof(T));   // lanes of a vector
template <class T, int VB = 32> constexpr int NR = NV * W<T, VB>;                   // columns of a tile
constexpr i64 kPanelBytes = 192 * 1024;     // a K×NC panel of B meant to stay in L2

// ---- scratch --------------------------------------------------------------------------------------
// A per-thread buffer that only grows: a training loop makes the same calls every step, so it is
// allocated during the first step and never again (test_nn_mlp.cpp counts allocations).
// Slot 0: the zero-padded edge columns of B; slot 1: a transposed B (NT).
template <class T, int Slot>
T* scratch(std::size_t n) {
  thread_local std::vector<T> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

// ---- NN and TN --------------------------------------------------------------------------------------
// C block [R, nr] at C (row stride ldc) (+)= a·B with a(r, k) = A[r*ars + k*aks], B rows of stride ldb
// holding NR columns (the last, partial column block is read from a zero-padded copy, so every tile
// runs the same arithmetic). Only the first nr columns are written.
template <class T, int R, int VB>
LAB_INLINE void tile(T* C, i64 ldc, const T* A, i64 ars, i64 aks, const T* B, i64 ldb, i64 K, bool acc, int nr) {
  constexpr int L = W<T, VB>, N_ = NR<T, VB>;
  V<T, VB> c[R][NV];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NV; ++v) c[r][v] = vzero<T, VB>();
  for (i64 k = 0; k < K; ++k) {
    const T* brow = B + k * ldb;
    V<T, VB> b[NV];
    for (int v = 0; v < NV; ++v) b[v] = vload<T, VB>(brow + v * L);
    for (int r = 0; r < R; ++r) {
      const T a = A[r * ars + k * aks];
      for (int v = 0; v < NV; ++v) madd<T, VB>(c[r][v], a, b[v]);
    }
  }
  for (int r = 0; r < R; ++r) {
    T* crow = C + r * ldc;
    if (nr == N_) {
      for (int v = 0; v < NV; ++v) vstore<T, VB>(crow + v * L, acc ? vload<T, VB>(crow + v * L) + c[r][v] : c[r][v]);
      continue;
    }
    T out[N_];
    for (int v = 0; v < NV; ++v) vstore<T, VB>(out + v * L, c[r][v]);
    for (int j = 0; j < nr; ++j) crow[j] = acc ? crow[j] + out[j] : out[j];
  }
}

// Rows [0, R) of a row block, R = MR or the last block's remainder.
template <class T, int VB>
LAB_INLINE void tile_rows(int R, T* C, i64 ldc, const T* A, i64 ars, i64 aks, const T* B, i64 ldb, i64 K, bool acc,
                          int nr) {
  static_assert(MR == 4);
  switch (R) {
    case 4: tile<T, 4, VB>(C, ldc, A, ars, aks, B, ldb, K, acc, nr); break;
    case 3: tile<T, 3, VB>(C, ldc, A, ars, aks, B, ldb, K, acc, nr); break;
    case 2: tile<T, 2, VB>(C, ldc, A, ars, aks, B, ldb, K, acc, nr); break;
    default: tile<T, 1, VB>(C, ldc, A, ars, aks, B, ldb, K, acc, nr); break;
  }
}

// C[M,N] (+)= a·B with a(i, k) = A[i*ars + k*aks], B [K,N] with row stride ldb.
template <class T, int VB = 32>
LAB_INLINE void gemm_panels(T* C, const T* A, i64 ars, i64 aks, const T* B, i64 ldb, i64 M, i64 K, i64 N, bool acc) {
  constexpr int nr_full = NR<T, VB>;
  const i64 n_full = N / nr_full * nr_full;
  T* edge = nullptr;  // B's last n − n_full columns, zero-padded to NR
  if (n_full < N) {
    edge = scratch<T, 0>(static_cast<std::size_t>(K * nr_full));
    for (i64 k = 0; k < K; ++k)
      for (int j = 0; j < nr_full; ++j) edge[k * nr_full + j] = n_full + j < N ? B[k * ldb + n_full + j] : T(0);
  }
  const i64 per_panel = kPanelBytes / static_cast<i64>(sizeof(T)) / std::max<i64>(K, 1);
  const i64 NC = std::max<i64>(nr_full, per_panel / nr_full * nr_full);
  for (i64 jc = 0; jc < N; jc += NC) {
    const i64 jend = std::min(N, jc + NC);
    for (i64 i = 0; i < M; i += MR) {
      const int R = static_cast<int>(std::min<i64>(MR, M - i));
      for (i64 j = jc; j < jend; j += nr_full) {
        const int nr = static_cast<int>(std::min<i64>(nr_full, N - j));
        const bool full = nr == nr_full;
        tile_rows<T, VB>(R, C + i * N + j, N, A + i * ars, ars, aks, full ? B + j : edge, full ? ldb : nr_full, K, acc, nr);
      }
    }
  }
}

// ---- NT ---------------------------------------------------------------------------------------------
// bt[k, j] = B[j, k] for j in [j0, j1), k in [k0, k1): 16×16 blocks, so both the reads and the writes
// stay within few cache lines.
template <class T>
LAB_INLINE void transpose_scalar(T* bt, const T* B, i64 K, i64 N, i64 j0, i64 j1, i64 k0, i64 k1) {
  constexpr i64 kBlock = 16;
  for (i64 jb = j0; jb < j1; jb += kBlock)
    for (i64 kb = k0; kb < k1; kb += kBlock)
      for (i64 k = kb; k < std::min(k1, kb + kBlock); ++k)
        for (i64 j = jb; j < std::min(j1, jb + kBlock); ++j) bt[k * N + j] = B[j * K + k];
}

#if defined(__GNUC__) && !defined(__clang__)
#define LAB_GEMM_SHUFFLE 1  // GCC's __builtin_shuffle on generic vectors
#else
#define LAB_GEMM_SHUFFLE 0
#endif

#if LAB_GEMM_SHUFFLE
// One 8 × 8 float block in registers, bt[k0 + c, j0 + q] = B[j0 + q, k0 + c] for q, c in [0, 8): eight
// rows of 8 loaded, transposed by three rounds of two-vector shuffles, stored as eight rows of 8.
LAB_INLINE void transpose_8x8(float* bt, const float* B, i64 K, i64 N, i64 j0, i64 k0) {
  using F = V<float, 32>;
  using M = V<std::int32_t, 32>;
  F r[8], t[8], u[8];
  for (int q = 0; q < 8; ++q) r[q] = vload<float, 32>(B + (j0 + q) * K + k0);
  for (int q = 0; q < 8; q += 2) {  // pairs: (r[q][0], r[q+1][0], r[q][1], r[q+1][1]) per 4-float half
    t[q] = __builtin_shuffle(r[q], r[q + 1], M{0, 8, 1, 9, 4, 12, 5, 13});
    t[q + 1] = __builtin_shuffle(r[q], r[q + 1], M{2, 10, 3, 11, 6, 14, 7, 15});
  }
  for (int q = 0; q < 8; q += 4)  // pairs of pairs: four rows' element c in each half
    for (int h = 0; h < 2; ++h) {
      u[q + 2 * h] = __builtin_shuffle(t[q + h], t[q + h + 2], M{0, 1, 8, 9, 4, 5, 12, 13});
      u[q + 2 * h + 1] = __builtin_shuffle(t[q + h], t[q + h + 2], M{2, 3, 10, 11, 6, 7, 14, 15});
    }
  for (int c = 0; c < 4; ++c) {  // halves: rows 0–3 and 4–7 of columns c and c + 4
    const F lo = __builtin_shuffle(u[c], u[c + 4], M{0, 1, 2, 3, 8, 9, 10, 11});
    const F hi = __builtin_shuffle(u[c], u[c + 4], M{4, 5, 6, 7, 12, 13, 14, 15});
    std::memcpy(bt + (k0 + c) * N + j0, &lo, sizeof lo);
    std::memcpy(bt + (k0 + c + 4) * N + j0, &hi, sizeof hi);
  }
}

// bt = Bᵀ for floats by 8 × 8 blocks (a scalar copy with a stride of K per element was a quarter of an
// NT product's time in the VAE's 784-wide layers), in stripes of 32 rows of bt so the rows being
// written stay in L1; the edges that do not fill a block go through transpose_scalar.
LAB_INLINE void transpose_f32(float* bt, const float* B, i64 K, i64 N) {
  const i64 n8 = N / 8 * 8, k8 = K / 8 * 8;
  constexpr i64 kStripe = 32;  // rows of bt written per sweep over B's rows (32 KiB of bt for N = 256)
  for (i64 kb = 0; kb < k8; kb += kStripe)
    for (i64 j0 = 0; j0 < n8; j0 += 8)
      for (i64 k0 = kb; k0 < std::min(k8, kb + kStripe); k0 += 8) transpose_8x8(bt, B, K, N, j0, k0);
  transpose_scalar(bt, B, K, N, 0, n8, k8, K);
  transpose_scalar(bt, B, K, N, n8, N, 0, K);
}
#endif

// C[M,N] (+)= A[M,K] · B[N,K]ᵀ: B is transposed into scratch once ([K,N], K·N copies against M·K·N
// multiply-adds) and the NN tiles do the rest, summing in ascending k like the reference.
template <class T, int VB = 32>
LAB_INLINE void gemm_nt_impl(T* C, const T* A, const T* B, i64 M, i64 K, i64 N, bool acc) {
  T* bt = scratch<T, 1>(static_cast<std::size_t>(K * N));
#if LAB_GEMM_SHUFFLE
  if constexpr (std::is_same_v<T, float>)
    transpose_f32(bt, B, K, N);
  else
#endif
    transpose_scalar(bt, B, K, N, 0, N, 0, K);
  gemm_panels<T, VB>(C, A, K, 1, bt, N, M, K, N, acc);
}

// ---- sums of NT products by dot products (gemm_nt_sum) --------------------------------------------
// One R×S block of C: R rows of each A_n against S rows of each B_n, R·S vector accumulators kept over
// every sample; per vector of k, R + S loads feed R·S multiply-adds (4×3: 7 loads, 12 FMAs).
template <class T, int R, int S>
LAB_INLINE void dot_block(T* C, i64 ldc, const T* A, i64 a_step, const T* B, i64 b_step, i64 count, i64 K, bool acc) {
  constexpr int L = W<T>;
  const i64 kv = K / L * L;
  V<T> c[R][S];
  for (int r = 0; r < R; ++r)
    for (int q = 0; q < S; ++q) c[r][q] = vzero<T, 32>();
  T tail[R][S] = {};
  for (i64 n = 0; n < count; ++n) {
    const T* a = A + n * a_step;
    const T* b = B + n * b_step;
    for (i64 k = 0; k < kv; k += L) {
      V<T> av[R];
      for (int r = 0; r < R; ++r) av[r] = vload<T, 32>(a + r * K + k);
      for (int q = 0; q < S; ++q) {
        const V<T> bv = vload<T, 32>(b + q * K + k);
        for (int r = 0; r < R; ++r) vmadd<T, 32>(c[r][q], av[r], bv);
      }
    }
    for (i64 k = kv; k < K; ++k)
      for (int r = 0; r < R; ++r)
        for (int q = 0; q < S; ++q) tail[r][q] += a[r * K + k] * b[q * K + k];
  }
  for (int r = 0; r < R; ++r)
    for (int q = 0; q < S; ++q) {
      T lanes[L];
      vstore<T, 32>(lanes, c[r][q]);
      for (int w = L / 2; w >= 1; w /= 2)  // a fixed tree: pairs at distance L/2, L/4, …, 1
        for (int l = 0; l < w; ++l) lanes[l] += lanes[l + w];
      const T s = lanes[0] + tail[r][q];
      T& out = C[r * ldc + q];
      out = acc ? out + s : s;
    }
}

template <class T, int R>
LAB_INLINE void dot_row_block(int S, T* C, i64 ldc, const T* A, i64 a_step, const T* B, i64 b_step, i64 count, i64 K, bool acc) {
  switch (S) {
    case 3: dot_block<T, R, 3>(C, ldc, A, a_step, B, b_step, count, K, acc); break;
    case 2: dot_block<T, R, 2>(C, ldc, A, a_step, B, b_step, count, K, acc); break;
    default: dot_block<T, R, 1>(C, ldc, A, a_step, B, b_step, count, K, acc); break;
  }
}

template <class T>
LAB_INLINE void gemm_nt_sum_impl(T* C, const T* A, i64 a_step, const T* B, i64 b_step, i64 count, i64 M, i64 K, i64 N, bool acc) {
  constexpr int RB = 4, SB = 3;
  for (i64 i = 0; i < M; i += RB) {
    const int R = static_cast<int>(std::min<i64>(RB, M - i));
    for (i64 j = 0; j < N; j += SB) {
      const int S = static_cast<int>(std::min<i64>(SB, N - j));
      T* c = C + i * N + j;
      const T* a = A + i * K;
      const T* b = B + j * K;
      switch (R) {
        case 4: dot_row_block<T, 4>(S, c, N, a, a_step, b, b_step, count, K, acc); break;
        case 3: dot_row_block<T, 3>(S, c, N, a, a_step, b, b_step, count, K, acc); break;
        case 2: dot_row_block<T, 2>(S, c, N, a, a_step, b, b_step, count, K, acc); break;
        default: dot_row_block<T, 1>(S, c, N, a, a_step, b, b_step, count, K, acc); break;
      }
    }
  }
}

// ---- the dispatched entry points (plain functions: target_clones does not take templates) ----------
LAB_GEMM_CLONES void nt_sum_f32(float* C, const float* A, i64 as, const float* B, i64 bs, i64 count, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_sum_impl<float>(C, A, as, B, bs, count, M, K, N, acc);
}
LAB_GEMM_CLONES void nt_sum_f64(double* C, const double* A, i64 as, const double* B, i64 bs, i64 count, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_sum_impl<double>(C, A, as, B, bs, count, M, K, N, acc);
}
LAB_GEMM_CLONES void nn_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float>(C, A, K, 1, B, N, M, K, N, acc);
}
LAB_GEMM_CLONES void tn_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float>(C, A, 1, M, B, N, M, K, N, acc);
}
LAB_GEMM_CLONES void nt_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<float>(C, A, B, M, K, N, acc);
}
LAB_GEMM_CLONES void nn_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double>(C, A, K, 1, B, N, M, K, N, acc);
}
LAB_GEMM_CLONES void tn_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double>(C, A, 1, M, B, N, M, K, N, acc);
}
LAB_GEMM_CLONES void nt_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<double>(C, A, B, M, K, N, acc);
}

#if LAB_GEMM_DISPATCH && LAB_HAS_V4
// NN, TN and NT again with 64-byte vectors (a 4 × 32-float tile) for CPUs with AVX-512 (x86-64-v4),
// chosen at run time when C has at least a v4 tile's width of columns. Each element of C is still
// summed in ascending k with fused multiply-adds, so the bits are the v3 build's.
LAB_V4 void nn_f32_v4(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float, 64>(C, A, K, 1, B, N, M, K, N, acc);
}
LAB_V4 void tn_f32_v4(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float, 64>(C, A, 1, M, B, N, M, K, N, acc);
}
LAB_V4 void nt_f32_v4(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<float, 64>(C, A, B, M, K, N, acc);
}
LAB_V4 void nn_f64_v4(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double, 64>(C, A, K, 1, B, N, M, K, N, acc);
}
LAB_V4 void tn_f64_v4(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double, 64>(C, A, 1, M, B, N, M, K, N, acc);
}
LAB_V4 void nt_f64_v4(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<double, 64>(C, A, B, M, K, N, acc);
}

// The v4 tile is NR<T, 64> columns wide: narrower products stay on the v3 tiles (less zero padding).
template <class T>
bool use_v4(i64 N) { return N >= NR<T, 64> && cpu_has_v4(); }
#define LAB_GEMM_PICK(T, v4_call, call) (use_v4<T>(N) ? v4_call : call)
#else
#define LAB_GEMM_PICK(T, v4_call, call) (call)
#endif

}  // namespace

void gemm_nn(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(float, nn_f32_v4(C, A, B, M, K, N, acc), nn_f32(C, A, B, M, K, N, acc));
}
void gemm_nt(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(float, nt_f32_v4(C, A, B, M, K, N, acc), nt_f32(C, A, B, M, K, N, acc));
}
void gemm_tn(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(float, tn_f32_v4(C, A, B, M, K, N, acc), tn_f32(C, A, B, M, K, N, acc));
}
void gemm_nn(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(double, nn_f64_v4(C, A, B, M, K, N, acc), nn_f64(C, A, B, M, K, N, acc));
}
void gemm_nt(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(double, nt_f64_v4(C, A, B, M, K, N, acc), nt_f64(C, A, B, M, K, N, acc));
}
void gemm_tn(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  LAB_GEMM_PICK(double, tn_f64_v4(C, A, B, M, K, N, acc), tn_f64(C, A, B, M, K, N, acc));
}
void gemm_nt_sum(float* C, const float* A, i64 as, const float* B, i64 bs, i64 count, i64 M, i64 K, i64 N, bool acc) {
  nt_sum_f32(C, A, as, B, bs, count, M, K, N, acc);
}
void gemm_nt_sum(double* C, const double* A, i64 as, const double* B, i64 bs, i64 count, i64 M, i64 K, i64 N, bool acc) {
  nt_sum_f64(C, A, as, B, bs, count, M, K, N, acc);
}

const char* gemm_isa() {
#if LAB_GEMM_DISPATCH
  __builtin_cpu_init();
  const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                  __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("movbe");
  return cpu_has_v4() ? "x86-64-v4" : v3 ? "x86-64-v3" : "baseline";
#else
  return "baseline";
#endif
}

}  // namespace lab::ag
