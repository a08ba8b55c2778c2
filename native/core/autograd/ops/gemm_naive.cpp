// The reference products (see gemm.hpp): three loops, one sequential sum per element. Slow on purpose:
// they define what the fast kernels must compute.
#include "gemm.hpp"

namespace lab::ag {

using i64 = std::int64_t;

// C[M,N] (+)= A[M,K] · B[K,N]
template <class T>
void gemm_nn_naive(T* C, const T* A, const T* B, i64 M, i64 K, i64 N, bool accumulate) {
  for (i64 i = 0; i < M; ++i)
    for (i64 j = 0; j < N; ++j) {
      T s = 0;
      for (i64 k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = accumulate ? C[i * N + j] + s : s;
    }
}

// C[M,N] (+)= A[M,K] · B[N,K]ᵀ
template <class T>
void gemm_nt_naive(T* C, const T* A, const T* B, i64 M, i64 K, i64 N, bool accumulate) {
  for (i64 i = 0; i < M; ++i)
    for (i64 j = 0; j < N; ++j) {
      T s = 0;
      for (i64 k = 0; k < K; ++k) s += A[i * K + k] * B[j * K + k];
      C[i * N + j] = accumulate ? C[i * N + j] + s : s;
    }
}

// C[M,N] (+)= A[K,M]ᵀ · B[K,N]
template <class T>
void gemm_tn_naive(T* C, const T* A, const T* B, i64 M, i64 K, i64 N, bool accumulate) {
  for (i64 i = 0; i < M; ++i)
    for (i64 j = 0; j < N; ++j) {
      T s = 0;
      for (i64 k = 0; k < K; ++k) s += A[k * M + i] * B[k * N + j];
      C[i * N + j] = accumulate ? C[i * N + j] + s : s;
    }
}

#define LAB_GEMM_NAIVE(T)                                                       \
  template void gemm_nn_naive<T>(T*, const T*, const T*, i64, i64, i64, bool); \
  template void gemm_nt_naive<T>(T*, const T*, const T*, i64, i64, i64, bool); \
  template void gemm_tn_naive<T>(T*, const T*, const T*, i64, i64, i64, bool);
LAB_GEMM_NAIVE(float)
LAB_GEMM_NAIVE(double)

}  // namespace lab::ag
