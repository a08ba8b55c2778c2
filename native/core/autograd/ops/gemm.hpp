// lab::ag::gemm_* — the three dense products of a matmul's forward and backward, each as a naive
// reference and a fast kernel that must agree with it (test_autograd_matmul.cpp).
//
//   gemm_nn: C[M,N] (+)= A[M,K] · B[K,N]      forward:      out = inp · W
//   gemm_nt: C[M,N] (+)= A[M,K] · B[N,K]ᵀ     input grad:   dinp += dout · Wᵀ
//   gemm_tn: C[M,N] (+)= A[K,M]ᵀ · B[K,N]     weight grad:  dW += inpᵀ · dout
// All row-major and dense. accumulate = false writes C; true adds to it. Each element is computed as
// s = Σ_k a·b in a fixed order, then C = s or C = C + s: deterministic, no threads.
//
// The fast kernels tile C into register blocks over column panels that stay in L2 (32-byte generic
// vectors the compiler maps to SSE or AVX; no intrinsics); NT first transposes B into a per-thread
// scratch buffer. All three sum each element in ascending k exactly as the naive loops do, so without
// FMA contraction (the baseline build) they match the reference bit for bit. With GCC on x86-64 Linux
// the float and double kernels are built twice (target_clones: baseline and x86-64-v3 = AVX2 + FMA)
// and the loader picks one for the CPU; the v3 build fuses multiply-adds, so its bits differ from the
// baseline's (each build is deterministic). On CPUs with AVX-512 (x86-64-v4), NN, TN and NT products at
// least 32 floats (16 doubles) wide run 64-byte-vector tiles instead: the same ascending-k fused sums,
// so the same bits as v3 (tested), 1.3–1.8× the v3 tiles' rate on a Zen 5 core.
#pragma once

#include <cstdint>

namespace lab::ag {

template <class T> void gemm_nn_naive(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);
template <class T> void gemm_nt_naive(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);
template <class T> void gemm_tn_naive(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);

// The fast kernels (overloads for float and double).
#define LAB_GEMM_FAST_DECL(T)                                                                              \
  void gemm_nn(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate); \
  void gemm_nt(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate); \
  void gemm_tn(T* C, const T* A, const T* B, std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);
LAB_GEMM_FAST_DECL(float)
LAB_GEMM_FAST_DECL(double)
#undef LAB_GEMM_FAST_DECL

// C[M,N] (+)= Σ_{n < count} A_n[M,K] · B_n[N,K]ᵀ with A_n = A + n·a_step, B_n = B + n·b_step: a sum
// of NT products by dot products along K, for small M and N and long K — a convolution's weight
// gradient over a chunk of samples (dW[O, C·k²] = Σ_n dout_n[O, pixels] · cols_n[C·k², pixels]ᵀ), where
// gemm_nt's transpose and tiles waste half their work (N = 8 fills half a 16-column tile). Each element
// is summed in vector lanes (lane l takes k ≡ l mod the lane count, samples in order), the lanes then
// added in a fixed tree and the last K mod lanes values one by one: deterministic, but not the naive
// order (tests compare within a tolerance).
void gemm_nt_sum(float* C, const float* A, std::int64_t a_step, const float* B, std::int64_t b_step, std::int64_t count,
                 std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);
void gemm_nt_sum(double* C, const double* A, std::int64_t a_step, const double* B, std::int64_t b_step, std::int64_t count,
                 std::int64_t M, std::int64_t K, std::int64_t N, bool accumulate);

// Which build of the fast kernels this CPU runs: "x86-64-v3" or "baseline".
const char* gemm_isa();

}  // namespace lab::ag
