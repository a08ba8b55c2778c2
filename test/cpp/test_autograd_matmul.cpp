// The fast matmul kernels against their naive references (gemm.hpp): the forward product and both
// backward products, writing and accumulating, in float and double, on awkward shapes (1×1×1, sizes
// that are not multiples of the tiles, a 784-long reduction …).
//
// Error measure: a sum of K products computed in two orders differs by up to about K·ε·Σ|a·b|, so the
// difference of one element is divided by its scale Σ_k |a_k·b_k| + |C₀| (C₀: what was accumulated
// into). Bounds: 1e-5 in float, 1e-12 in double. On a CPU that runs the baseline build all three
// kernels sum in the reference's order without FMA, so there they must match bit for bit.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/ops/gemm.hpp"
#include "check.hpp"
#include "runtime/rng.hpp"

namespace ag = lab::ag;
using i64 = std::int64_t;

namespace {

enum class Kind { nn, nt, tn };
const char* name(Kind k) { return k == Kind::nn ? "nn" : k == Kind::nt ? "nt" : "tn"; }

struct Dims { i64 M, K, N; };
const Dims kShapes[] = {{1, 1, 1},   {7, 13, 5},   {64, 64, 3},  {128, 784, 256}, {3, 1, 17},  {4, 12, 12},
                        {8, 8, 6},   {13, 17, 25}, {33, 9, 65},  {2, 1000, 3},    {1, 784, 10}, {100, 3, 1},
                        {5, 40, 48}, {64, 784, 256}, {1, 64, 64}, {64, 1, 64}, {64, 64, 3},
                        {64, 3, 64},  {64, 128, 256}, {17, 33, 16}};

template <class T>
std::vector<T> random_vec(i64 n, lab::Rng& rng) {
  std::vector<T> v(static_cast<std::size_t>(n));
  for (auto& x : v) x = static_cast<T>(2 * rng.uniform() - 1);
  return v;
}

// a(i, k) and b(k, j) of each product, to compute the scale Σ_k |a·b|.
template <class T>
T a_at(Kind kind, const std::vector<T>& A, i64 i, i64 k, const Dims& d) {
  return kind == Kind::tn ? A[static_cast<std::size_t>(k * d.M + i)] : A[static_cast<std::size_t>(i * d.K + k)];
}
template <class T>
T b_at(Kind kind, const std::vector<T>& B, i64 k, i64 j, const Dims& d) {
  return kind == Kind::nt ? B[static_cast<std::size_t>(j * d.K + k)] : B[static_cast<std::size_t>(k * d.N + j)];
}

template <class T>
void run_naive(Kind kind, T* C, const T* A, const T* B, const Dims& d, bool acc) {
  if (kind == Kind::nn) ag::gemm_nn_naive(C, A, B, d.M, d.K, d.N, acc);
  if (kind == Kind::nt) ag::gemm_nt_naive(C, A, B, d.M, d.K, d.N, acc);
  if (kind == Kind::tn) ag::gemm_tn_naive(C, A, B, d.M, d.K, d.N, acc);
}
template <class T>
void run_fast(Kind kind, T* C, const T* A, const T* B, const Dims& d, bool acc) {
  if (kind == Kind::nn) ag::gemm_nn(C, A, B, d.M, d.K, d.N, acc);
  if (kind == Kind::nt) ag::gemm_nt(C, A, B, d.M, d.K, d.N, acc);
  if (kind == Kind::tn) ag::gemm_tn(C, A, B, d.M, d.K, d.N, acc);
}

struct Result { double max_err = 0; bool bit_exact = true; };

// Fast vs naive for one product; returns the worst scaled error.
template <class T>
Result compare(Kind kind, const Dims& d, bool acc, std::uint64_t seed) {
  lab::Rng rng(seed);
  const std::vector<T> A = random_vec<T>(d.M * d.K, rng), B = random_vec<T>(d.K * d.N, rng);
  const std::vector<T> C0 = random_vec<T>(d.M * d.N, rng);
  std::vector<T> ref = C0, fast = C0;
  run_naive(kind, ref.data(), A.data(), B.data(), d, acc);
  run_fast(kind, fast.data(), A.data(), B.data(), d, acc);
  Result r;
  for (i64 i = 0; i < d.M; ++i)
    for (i64 j = 0; j < d.N; ++j) {
      const auto at = static_cast<std::size_t>(i * d.N + j);
      double scale = acc ? std::fabs(static_cast<double>(C0[at])) : 0.0;
      for (i64 k = 0; k < d.K; ++k)
        scale += std::fabs(static_cast<double>(a_at(kind, A, i, k, d)) * static_cast<double>(b_at(kind, B, k, j, d)));
      const double diff = std::fabs(static_cast<double>(fast[at]) - static_cast<double>(ref[at]));
      r.max_err = std::fmax(r.max_err, diff / std::fmax(scale, 1e-300));
      r.bit_exact = r.bit_exact && fast[at] == ref[at];
    }
  return r;
}

template <class T>
void check_all(double tol, const char* type) {
  const bool baseline = std::string(ag::gemm_isa()) == "baseline";
  for (Kind kind : {Kind::nn, Kind::nt, Kind::tn}) {
    double worst = 0;
    for (const Dims& d : kShapes)
      for (bool acc : {false, true}) {
        const Result r = compare<T>(kind, d, acc, static_cast<std::uint64_t>(d.M * 1000003 + d.K * 1009 + d.N));
        worst = std::fmax(worst, r.max_err);
        if (!(r.max_err <= tol))
          check::fail(__FILE__, __LINE__, std::string(type) + " gemm_" + name(kind) + " " + std::to_string(d.M) + "×" +
                                              std::to_string(d.K) + "×" + std::to_string(d.N) + (acc ? " (+=)" : "") +
                                              ": scaled error " + check::num(r.max_err));
        if (baseline && !r.bit_exact)
          check::fail(__FILE__, __LINE__, std::string(type) + " gemm_" + name(kind) + " is not bit-exact on the baseline build");
      }
    std::printf("  %s gemm_%s (%s build): max scaled error %.2e over %zu shapes\n", type, name(kind), ag::gemm_isa(),
                worst, sizeof kShapes / sizeof kShapes[0]);
  }
}


// gemm_nt_sum against a sum of naive NT products over `count` samples (with strides larger than a
// sample, as a convolution's chunks have), scaled like the others.
template <class T>
double nt_sum_error(const Dims& d, i64 count, bool acc, std::uint64_t seed) {
  lab::Rng rng(seed);
  const i64 a_step = d.M * d.K + 3, b_step = d.N * d.K + 5;
  const std::vector<T> A = random_vec<T>(a_step * count, rng), B = random_vec<T>(b_step * count, rng);
  const std::vector<T> C0 = random_vec<T>(d.M * d.N, rng);
  std::vector<T> fast = C0;
  ag::gemm_nt_sum(fast.data(), A.data(), a_step, B.data(), b_step, count, d.M, d.K, d.N, acc);
  double worst = 0;
  for (i64 i = 0; i < d.M; ++i)
    for (i64 j = 0; j < d.N; ++j) {
      double exact = acc ? static_cast<double>(C0[i * d.N + j]) : 0.0, scale = std::fabs(exact);
      for (i64 n = 0; n < count; ++n)
        for (i64 k = 0; k < d.K; ++k) {
          const double p = static_cast<double>(A[n * a_step + i * d.K + k]) * static_cast<double>(B[n * b_step + j * d.K + k]);
          exact += p;
          scale += std::fabs(p);
        }
      worst = std::fmax(worst, std::fabs(static_cast<double>(fast[i * d.N + j]) - exact) / std::fmax(scale, 1e-300));
    }
  return worst;
}

}  // namespace

TEST("gemm_nt_sum: sums of NT products over 1…9 samples match the exact sums, float within 1e-5, double 1e-12, same bits on every call") {
  double worst_f = 0, worst_d = 0;
  for (const Dims& d : kShapes)
    for (i64 count : {1, 3, 9})
      for (bool acc : {false, true}) {
        if (d.M * d.K * d.N * count > 20'000'000) continue;
        const auto seed = static_cast<std::uint64_t>(d.M * 7919 + d.K * 31 + d.N + count);
        worst_f = std::fmax(worst_f, nt_sum_error<float>(d, count, acc, seed));
        worst_d = std::fmax(worst_d, nt_sum_error<double>(d, count, acc, seed));
      }
  std::printf("  gemm_nt_sum (%s build): max scaled error float %.2e, double %.2e\n", ag::gemm_isa(), worst_f, worst_d);
  CHECK(worst_f <= 1e-5);
  CHECK(worst_d <= 1e-12);
  lab::Rng rng(4);
  const std::vector<float> A = random_vec<float>(16 * 196 * 8, rng), B = random_vec<float>(72 * 196 * 8, rng);
  std::vector<float> c1(16 * 72), c2(16 * 72);
  ag::gemm_nt_sum(c1.data(), A.data(), 16 * 196, B.data(), 72 * 196, 8, 16, 196, 72, false);
  ag::gemm_nt_sum(c2.data(), A.data(), 16 * 196, B.data(), 72 * 196, 8, 16, 196, 72, false);
  CHECK(c1 == c2);
}

TEST("float: fast kernels match the naive references within 1e-5 (scaled)") { check_all<float>(1e-5, "float"); }

TEST("double: fast kernels match the naive references within 1e-12 (scaled)") { check_all<double>(1e-12, "double"); }

TEST("the fast kernels give the same bits at every alignment and on every call") {
  lab::Rng rng(5);
  const Dims d{9, 37, 29};
  const auto A = random_vec<float>(d.M * d.K + 3, rng), B = random_vec<float>(d.K * d.N + 3, rng);
  for (Kind kind : {Kind::nn, Kind::nt, Kind::tn}) {
    std::vector<float> c0(static_cast<std::size_t>(d.M * d.N) + 3), c1 = c0, c2 = c0;
    run_fast(kind, c0.data(), A.data(), B.data(), d, false);
    run_fast(kind, c1.data(), A.data(), B.data(), d, false);
    // Shifted by 1 and 3 floats: nothing aligned any more.
    std::vector<float> A1(A.begin(), A.end() - 3), B1(B.begin(), B.end() - 3);
    std::vector<float> As(1, 0.f), Bs(3, 0.f);
    As.insert(As.end(), A1.begin(), A1.end());
    Bs.insert(Bs.end(), B1.begin(), B1.end());
    run_fast(kind, c2.data() + 2, As.data() + 1, Bs.data() + 3, d, false);
    bool same = true;
    for (i64 i = 0; i < d.M * d.N; ++i) {
      const auto k = static_cast<std::size_t>(i);
      same = same && c0[k] == c1[k] && c0[k] == c2[k + 2];
    }
    CHECK(same);
  }
}

TEST("matmul op: forward and both gradients equal the naive products") {
  // out = x·W; with dout given, dx = dout·Wᵀ and dW = xᵀ·dout, accumulated onto what was there.
  lab::Rng rng(11);
  const i64 B = 5, I = 23, O = 17;
  auto x = random_vec<float>(B * I, rng), w = random_vec<float>(I * O, rng), dout = random_vec<float>(B * O, rng);
  auto dx = random_vec<float>(B * I, rng), dw = random_vec<float>(I * O, rng);
  std::vector<float> ref_out(static_cast<std::size_t>(B * O)), ref_dx = dx, ref_dw = dw;
  ag::gemm_nn_naive(ref_out.data(), x.data(), w.data(), B, I, O, false);
  ag::gemm_nt_naive(ref_dx.data(), dout.data(), w.data(), B, O, I, true);
  ag::gemm_tn_naive(ref_dw.data(), x.data(), dout.data(), I, B, O, true);

  ag::Tape<float> tape;
  ag::Tensor<float> out = ag::matmul(tape, ag::Tensor<float>{x.data(), dx.data(), ag::Shape{B, I}},
                                     ag::Tensor<float>{w.data(), dw.data(), ag::Shape{I, O}});
  CHECK(out.shape == (ag::Shape{B, O}));
  for (i64 i = 0; i < B * O; ++i) out.grad[i] = dout[static_cast<std::size_t>(i)];
  tape.node(0).backward(tape.node(0));
  double e_out = 0, e_dx = 0, e_dw = 0;
  for (i64 i = 0; i < B * O; ++i) e_out = std::fmax(e_out, std::fabs(out.value[i] - ref_out[static_cast<std::size_t>(i)]));
  for (std::size_t i = 0; i < dx.size(); ++i) e_dx = std::fmax(e_dx, std::fabs(dx[i] - ref_dx[i]));
  for (std::size_t i = 0; i < dw.size(); ++i) e_dw = std::fmax(e_dw, std::fabs(dw[i] - ref_dw[i]));
  CHECK_NEAR(e_out, 0, 1e-5);
  CHECK_NEAR(e_dx, 0, 1e-5);
  CHECK_NEAR(e_dw, 0, 1e-5);
}


namespace {

// C = A·B (or A·Bᵀ, Aᵀ·B) for B of 64 columns in one call (the AVX-512 tiles where the CPU has them: a
// product is at least their 32 floats or 16 doubles wide) against calls of 16 float or 8 double
// columns (the AVX2 tiles):
// every element is summed in ascending k either way, so the bits must agree.
template <class T>
bool wide_tiles_agree(Kind kind, i64 M, i64 K, std::uint64_t seed) {
  constexpr i64 N = 64, S = 64 / static_cast<i64>(sizeof(T));  // slices of 16 floats or 8 doubles: one AVX2 tile wide
  lab::Rng rng(seed);
  const std::vector<T> A = random_vec<T>(M * K, rng), B = random_vec<T>(K * N, rng);
  std::vector<T> whole(static_cast<std::size_t>(M * N)), part(static_cast<std::size_t>(M * S)), b(static_cast<std::size_t>(K * S));
  auto run = [&](T* C, const T* Bm, i64 n) {
    if (kind == Kind::nn) ag::gemm_nn(C, A.data(), Bm, M, K, n, false);
    else if (kind == Kind::tn) ag::gemm_tn(C, A.data(), Bm, M, K, n, false);  // A read as [K, M]
    else ag::gemm_nt(C, A.data(), Bm, M, K, n, false);                           // B read as [n, K]
  };
  run(whole.data(), B.data(), N);
  for (i64 j0 = 0; j0 < N; j0 += S) {
    for (i64 k = 0; k < K; ++k)
      for (i64 j = 0; j < S; ++j)  // B's columns j0… as [K, S], or its rows j0… as [S, K] for NT
        b[static_cast<std::size_t>(kind == Kind::nt ? j * K + k : k * S + j)] =
            kind == Kind::nt ? B[static_cast<std::size_t>((j0 + j) * K + k)] : B[static_cast<std::size_t>(k * N + j0 + j)];
    run(part.data(), b.data(), S);
    for (i64 i = 0; i < M; ++i)
      for (i64 j = 0; j < S; ++j)
        if (std::memcmp(&part[static_cast<std::size_t>(i * S + j)], &whole[static_cast<std::size_t>(i * N + j0 + j)], sizeof(T)) != 0) return false;
  }
  return true;
}

}  // namespace

TEST("gemm: a product 64 columns wide has the same bits as its slices one AVX2 tile wide (AVX-512 tiles and AVX2 tiles agree)") {
  std::printf("  gemm build: %s\n", ag::gemm_isa());
  int seed = 1;
  for (Kind kind : {Kind::nn, Kind::tn, Kind::nt})
    for (auto [M, K] : {std::pair<i64, i64>{1, 1}, {3, 7}, {4, 64}, {9, 33}, {64, 784}}) {
      CHECK(wide_tiles_agree<float>(kind, M, K, static_cast<std::uint64_t>(seed++)));
      CHECK(wide_tiles_agree<double>(kind, M, K, static_cast<std::uint64_t>(seed++)));
    }
}

// NT transposes B (8 × 8 float blocks in registers, scalar edges) and runs the NN tiles: it must give
// the bits of NN on a B transposed by hand, for every shape of block and edge.
template <class T>
bool nt_is_nn_of_transpose(i64 M, i64 K, i64 N, std::uint64_t seed) {
  lab::Rng rng(seed);
  const auto A = random_vec<T>(M * K, rng), B = random_vec<T>(N * K, rng);
  std::vector<T> bt(static_cast<std::size_t>(K * N));
  for (i64 j = 0; j < N; ++j)
    for (i64 k = 0; k < K; ++k) bt[static_cast<std::size_t>(k * N + j)] = B[static_cast<std::size_t>(j * K + k)];
  std::vector<T> nt(static_cast<std::size_t>(M * N)), nn(nt.size());
  ag::gemm_nt(nt.data(), A.data(), B.data(), M, K, N, false);
  ag::gemm_nn(nn.data(), A.data(), bt.data(), M, K, N, false);
  return std::memcmp(nt.data(), nn.data(), nt.size() * sizeof(T)) == 0;
}

TEST("gemm_nt: the same bits as gemm_nn on B transposed by hand, whole 8 × 8 blocks and edges alike") {
  int ok = 0, all = 0;
  std::uint64_t seed = 40;
  for (i64 N : {1, 7, 8, 9, 16, 33, 256})
    for (i64 K : {1, 5, 8, 13, 64, 784}) {
      ++all;
      ok += nt_is_nn_of_transpose<float>(3, K, N, seed++) && nt_is_nn_of_transpose<double>(3, K, N, seed++);
    }
  std::printf("  %d of %d shapes the same bits\n", ok, all);
  CHECK(ok == all);
}

TEST("linear op: the same bits as add(matmul(x, w), bias) — output and the gradients of x, w and the bias") {
  lab::Rng rng(12);
  for (auto [B, I, O] : {std::tuple<i64, i64, i64>{5, 23, 17}, {64, 64, 192}, {1, 3, 40}}) {
    const auto x = random_vec<float>(B * I, rng), w = random_vec<float>(I * O, rng), b = random_vec<float>(O, rng);
    const auto dout = random_vec<float>(B * O, rng);
    std::vector<float> got[3], want[3];  // dx, dw, db: each starting from the same values (accumulated onto)
    for (auto* g : {got, want}) {
      g[0] = std::vector<float>(static_cast<std::size_t>(B * I), 0.5f), g[1] = std::vector<float>(static_cast<std::size_t>(I * O), -0.25f);
      g[2] = std::vector<float>(static_cast<std::size_t>(O), 1.0f);
    }
    auto run = [&](bool fused, std::vector<float>* g) {
      ag::Tape<float> tape;
      const ag::Tensor<float> xt{const_cast<float*>(x.data()), g[0].data(), ag::Shape{B, I}};
      const ag::Tensor<float> wt{const_cast<float*>(w.data()), g[1].data(), ag::Shape{I, O}};
      const ag::Tensor<float> bt{const_cast<float*>(b.data()), g[2].data(), ag::Shape{O}};
      const ag::Tensor<float> out = fused ? ag::linear(tape, xt, wt, bt) : ag::add(tape, ag::matmul(tape, xt, wt), bt);
      std::vector<float> value(out.value, out.value + B * O);
      const ag::Tensor<float> loss = ag::sum(tape, ag::mul(tape, out, ag::constant(const_cast<float*>(dout.data()), out.shape)));
      tape.backward(loss);  // d loss / d out = dout
      return value;
    };
    const std::vector<float> v_got = run(true, got), v_want = run(false, want);
    CHECK(std::memcmp(v_got.data(), v_want.data(), v_got.size() * sizeof(float)) == 0);
    for (int k = 0; k < 3; ++k) CHECK(std::memcmp(got[k].data(), want[k].data(), got[k].size() * sizeof(float)) == 0);
  }
  ag::Tape<float> tape;
  std::vector<float> z(12, 1.0f);
  CHECK_THROWS_CODE(ag::linear(tape, ag::constant(z.data(), ag::Shape{3, 2}), ag::constant(z.data(), ag::Shape{2, 3}), ag::constant(z.data(), ag::Shape{2})),
                    "INTERNAL", "the bias must have shape [3], got [2]");
}

CHECK_MAIN()
