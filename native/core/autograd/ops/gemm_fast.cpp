// The fast products (see gemm.hpp): register tiles over L2-sized column panels, built twice under GCC
// on x86-64 Linux (baseline and x86-64-v3) with the loader choosing one at run time.
//
// NN and TN share one tile: c[r][j] += a(r, k) · B[k, j0 + j] for k ascending, where a(r, k) is
// A[r, k] (NN) or A[k, r] (TN); MR rows × NV vectors of C stay in registers, B's row is loaded once
// per k and each a(r, k) broadcast. The vectors are GCC/Clang generic 16-byte vectors (not intrinsics:
// SSE in the baseline build, VEX + FMA in the v3 one; other compilers get the same loops on plain
// arrays). Measured on 64×784×256 float (AMD EPYC, one thread): plain nested loops over a c[4][16]
// array stayed in memory (~5 GFLOP/s); the generic vectors stay in registers (~21 baseline build,
// ~28 v3 build; the naive loops ~1.1). Clang builds the baseline only (target_clones untested there).
// Edge tiles run the same arithmetic on a zero-padded copy of B's row, so every element of C is summed
// in the same order wherever it sits. NT works in 2×4 blocks of row·row dot products, kLanes partial
// sums each.
#include <algorithm>
#include <cstddef>
#include <cstring>

#include "gemm.hpp"

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

// ---- a 16-byte vector of T ------------------------------------------------------------------------
#if defined(__GNUC__)
template <class T> struct Vec;
template <> struct Vec<float> { typedef float type __attribute__((vector_size(16))); };
template <> struct Vec<double> { typedef double type __attribute__((vector_size(16))); };
template <class T> using V = typename Vec<T>::type;
template <class T> LAB_INLINE V<T> vzero() { return V<T>{}; }
template <class T> LAB_INLINE void madd(V<T>& c, T a, const V<T>& b) { c += a * b; }
#else
template <class T> struct V { T x[16 / sizeof(T)]; };
template <class T> LAB_INLINE V<T> vzero() { return V<T>{}; }
template <class T> LAB_INLINE void madd(V<T>& c, T a, const V<T>& b) {
  for (std::size_t l = 0; l < 16 / sizeof(T); ++l) c.x[l] += a * b.x[l];
}
#endif
template <class T> LAB_INLINE V<T> vload(const T* p) { V<T> v; std::memcpy(&v, p, sizeof v); return v; }
template <class T> LAB_INLINE void vstore(T* p, const V<T>& v) { std::memcpy(p, &v, sizeof v); }

constexpr int MR = 4;                       // rows of a tile
constexpr int NV = 3;                       // vectors per row of a tile
template <class T> constexpr int W = static_cast<int>(16 / sizeof(T));   // lanes of a vector
template <class T> constexpr int NR = NV * W<T>;                          // columns of a tile
constexpr i64 kPanelBytes = 192 * 1024;     // a K×NC panel of B meant to stay in L2
constexpr int kLanes = 8;                   // partial sums of an NT dot product

// ---- NN and TN --------------------------------------------------------------------------------------
// C block [mr, nr] at C (row stride ldc) (+)= a·B with a(r, k) = A[r*ars + k*aks], B rows of stride ldb.
// Full tiles (Edge = false) need mr = MR and nr = NR; edge tiles pad B's row and A's missing rows with 0.
template <class T, bool Edge>
LAB_INLINE void tile(T* C, i64 ldc, const T* A, i64 ars, i64 aks, const T* B, i64 ldb, i64 K, bool acc,
                     int mr, int nr) {
  V<T> c[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) c[r][v] = vzero<T>();
  alignas(16) T pad[NR<T>] = {};
  for (i64 k = 0; k < K; ++k) {
    const T* brow = B + k * ldb;
    if (Edge) {
      for (int j = 0; j < nr; ++j) pad[j] = brow[j];
      brow = pad;
    }
    V<T> b[NV];
    for (int v = 0; v < NV; ++v) b[v] = vload(brow + v * W<T>);
    for (int r = 0; r < MR; ++r) {
      const T a = (!Edge || r < mr) ? A[r * ars + k * aks] : T(0);
      for (int v = 0; v < NV; ++v) madd(c[r][v], a, b[v]);
    }
  }
  for (int r = 0; r < (Edge ? mr : MR); ++r) {
    T out[NR<T>];
    for (int v = 0; v < NV; ++v) vstore(out + v * W<T>, c[r][v]);
    T* crow = C + r * ldc;
    for (int j = 0; j < (Edge ? nr : NR<T>); ++j) crow[j] = acc ? crow[j] + out[j] : out[j];
  }
}

// C[M,N] (+)= a·B with a(i, k) = A[i*ars + k*aks], B [K,N].
template <class T>
LAB_INLINE void gemm_panels(T* C, const T* A, i64 ars, i64 aks, const T* B, i64 M, i64 K, i64 N, bool acc) {
  constexpr int nr_full = NR<T>;
  const i64 per_panel = kPanelBytes / static_cast<i64>(sizeof(T)) / std::max<i64>(K, 1);
  const i64 NC = std::max<i64>(nr_full, per_panel / nr_full * nr_full);
  for (i64 jc = 0; jc < N; jc += NC) {
    const i64 jend = std::min(N, jc + NC);
    for (i64 i = 0; i < M; i += MR) {
      const int mr = static_cast<int>(std::min<i64>(MR, M - i));
      for (i64 j = jc; j < jend; j += nr_full) {
        const int nr = static_cast<int>(std::min<i64>(nr_full, jend - j));
        if (mr == MR && nr == nr_full)
          tile<T, false>(C + i * N + j, N, A + i * ars, ars, aks, B + j, N, K, acc, mr, nr);
        else
          tile<T, true>(C + i * N + j, N, A + i * ars, ars, aks, B + j, N, K, acc, mr, nr);
      }
    }
  }
}

// ---- NT ---------------------------------------------------------------------------------------------
// Σ_k a[k]·b[k] as kLanes interleaved partial sums (lane l takes k ≡ l mod kLanes), a fixed tree, then
// the tail in order.
template <class T>
LAB_INLINE T reduce_lanes(const T* p) {
  static_assert(kLanes == 8);
  return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
}

template <class T>
LAB_INLINE T dot_lanes(const T* a, const T* b, i64 K) {
  T p[kLanes] = {};
  const i64 K8 = K / kLanes * kLanes;
  for (i64 k = 0; k < K8; k += kLanes)
    for (int l = 0; l < kLanes; ++l) p[l] += a[k + l] * b[k + l];
  T s = reduce_lanes(p);
  for (i64 k = K8; k < K; ++k) s += a[k] * b[k];
  return s;
}

// A 2×4 block of dot products: rows A[0..2) against rows B[0..4), each row K long.
template <class T>
LAB_INLINE void tile_nt(T* C, i64 ldc, const T* A, const T* B, i64 K, bool acc) {
  constexpr int TR = 2, TC = 4;
  T p[TR][TC][kLanes] = {};
  const i64 K8 = K / kLanes * kLanes;
  for (i64 k = 0; k < K8; k += kLanes)
    for (int r = 0; r < TR; ++r)
      for (int j = 0; j < TC; ++j)
        for (int l = 0; l < kLanes; ++l) p[r][j][l] += A[r * K + k + l] * B[j * K + k + l];
  for (int r = 0; r < TR; ++r)
    for (int j = 0; j < TC; ++j) {
      T s = reduce_lanes(p[r][j]);
      for (i64 k = K8; k < K; ++k) s += A[r * K + k] * B[j * K + k];
      C[r * ldc + j] = acc ? C[r * ldc + j] + s : s;
    }
}

template <class T>
LAB_INLINE void gemm_nt_impl(T* C, const T* A, const T* B, i64 M, i64 K, i64 N, bool acc) {
  constexpr int TR = 2, TC = 4;
  // Rows of B in blocks that stay in L2, reused by every pair of rows of A.
  const i64 per_block = kPanelBytes / static_cast<i64>(sizeof(T)) / std::max<i64>(K, 1);
  const i64 NC = std::max<i64>(TC, per_block / TC * TC);
  for (i64 jc = 0; jc < N; jc += NC) {
    const i64 jend = std::min(N, jc + NC);
    for (i64 i = 0; i < M; i += TR) {
      const i64 mr = std::min<i64>(TR, M - i);
      for (i64 j = jc; j < jend; j += TC) {
        const i64 nr = std::min<i64>(TC, jend - j);
        if (mr == TR && nr == TC) {
          tile_nt<T>(C + i * N + j, N, A + i * K, B + j * K, K, acc);
          continue;
        }
        for (i64 r = 0; r < mr; ++r)
          for (i64 q = 0; q < nr; ++q) {
            T& c = C[(i + r) * N + j + q];
            const T s = dot_lanes(A + (i + r) * K, B + (j + q) * K, K);
            c = acc ? c + s : s;
          }
      }
    }
  }
}

// ---- the dispatched entry points (plain functions: target_clones does not take templates) ----------
LAB_GEMM_CLONES void nn_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float>(C, A, K, 1, B, M, K, N, acc);
}
LAB_GEMM_CLONES void tn_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<float>(C, A, 1, M, B, M, K, N, acc);
}
LAB_GEMM_CLONES void nt_f32(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<float>(C, A, B, M, K, N, acc);
}
LAB_GEMM_CLONES void nn_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double>(C, A, K, 1, B, M, K, N, acc);
}
LAB_GEMM_CLONES void tn_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_panels<double>(C, A, 1, M, B, M, K, N, acc);
}
LAB_GEMM_CLONES void nt_f64(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) {
  gemm_nt_impl<double>(C, A, B, M, K, N, acc);
}

}  // namespace

void gemm_nn(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) { nn_f32(C, A, B, M, K, N, acc); }
void gemm_nt(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) { nt_f32(C, A, B, M, K, N, acc); }
void gemm_tn(float* C, const float* A, const float* B, i64 M, i64 K, i64 N, bool acc) { tn_f32(C, A, B, M, K, N, acc); }
void gemm_nn(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) { nn_f64(C, A, B, M, K, N, acc); }
void gemm_nt(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) { nt_f64(C, A, B, M, K, N, acc); }
void gemm_tn(double* C, const double* A, const double* B, i64 M, i64 K, i64 N, bool acc) { tn_f64(C, A, B, M, K, N, acc); }

const char* gemm_isa() {
#if LAB_GEMM_DISPATCH
  __builtin_cpu_init();
  const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                  __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("movbe");
  return v3 ? "x86-64-v3" : "baseline";
#else
  return "baseline";
#endif
}

}  // namespace lab::ag
