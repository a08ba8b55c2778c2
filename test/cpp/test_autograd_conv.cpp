// The CNN ops: conv2d, max_pool2d and reshape. Hand-computed values, the im2col + gemm convolution
// against its direct definition over many geometries (float and double), gradients against central
// finite differences (grad_check.hpp) alone and chained as a tiny CNN, pooling's ties and NaNs, and the
// errors of shapes that do not fit.
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "runtime/thread_pool.hpp"
#include "error.hpp"
#include "grad_check.hpp"
#include "runtime/rng.hpp"

namespace ag = lab::ag;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

namespace {

const double kImage3x3[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
const double kKernel2x2[4] = {1, 2, 3, 4};

struct Geometry {
  std::int64_t N, C, H, W, O, Kh, Kw, stride, pad;
};
// Square and not, stride that does and does not divide, padding wider than the kernel's overhang,
// a 1×1 kernel, batch 1 and more, and kernels with taps that only ever see padding.
const Geometry kGeometries[] = {
    {1, 1, 3, 3, 1, 2, 2, 1, 0}, {2, 3, 5, 4, 2, 3, 3, 1, 1}, {1, 2, 7, 7, 3, 3, 2, 2, 0},
    {3, 1, 6, 5, 2, 2, 3, 3, 2}, {2, 4, 4, 4, 5, 1, 1, 1, 0}, {1, 2, 5, 6, 1, 5, 6, 1, 0},
    // taps that never touch the image (the kernel's last columns and rows see only padding)
    {1, 1, 2, 2, 1, 5, 5, 1, 2}, {2, 2, 2, 3, 2, 5, 4, 2, 2},
};

std::string describe(const Geometry& g) {
  char b[96];
  std::snprintf(b, sizeof b, "N%lld C%lld %lld×%lld O%lld k%lld×%lld s%lld p%lld", (long long)g.N, (long long)g.C,
                (long long)g.H, (long long)g.W, (long long)g.O, (long long)g.Kh, (long long)g.Kw, (long long)g.stride,
                (long long)g.pad);
  return b;
}

template <class T>
double max_rel_diff_fast_vs_naive(const Geometry& s, std::uint64_t seed) {
  lab::Rng rng(seed);
  std::vector<T> x(static_cast<std::size_t>(s.N * s.C * s.H * s.W)), w(static_cast<std::size_t>(s.O * s.C * s.Kh * s.Kw)),
      b(static_cast<std::size_t>(s.O));
  for (auto& v : x) v = static_cast<T>(2 * rng.uniform() - 1);
  for (auto& v : w) v = static_cast<T>(2 * rng.uniform() - 1);
  for (auto& v : b) v = static_cast<T>(2 * rng.uniform() - 1);
  const auto g = ag::Conv2dGeometry::of(Shape{s.N, s.C, s.H, s.W}, Shape{s.O, s.C, s.Kh, s.Kw}, s.stride, s.pad);
  std::vector<T> fast(static_cast<std::size_t>(g.N * g.O * g.pixels())), naive(fast.size()),
      cols(static_cast<std::size_t>(g.chunks() * g.cols_size()));
  ag::conv2d_forward(fast.data(), x.data(), w.data(), b.data(), g, cols.data());
  ag::conv2d_naive(naive.data(), x.data(), w.data(), b.data(), g);
  double worst = 0;
  for (std::size_t i = 0; i < fast.size(); ++i)
    worst = std::fmax(worst, std::fabs(double(fast[i]) - double(naive[i])) / std::fmax(1.0, std::fabs(double(naive[i]))));
  return worst;
}

// n distinct values spaced 0.05 apart in a seeded order: no window has ties, and a finite difference
// of 1e-5 cannot change which value is a window's maximum.
Leaf distinct_leaf(Shape shape, std::uint64_t seed) {
  Leaf l;
  l.shape = shape;
  const auto n = static_cast<std::size_t>(shape.numel());
  l.value.resize(n);
  l.grad.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) l.value[i] = 0.05 * static_cast<double>(i) - 1.0;
  lab::Rng rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(l.value[i - 1], l.value[static_cast<std::size_t>(rng.uniform() * i)]);
  return l;
}

}  // namespace

// ---- conv2d -----------------------------------------------------------------------------------------

TEST("conv2d: a 2×2 kernel over a 3×3 image, by hand, with and without padding and stride") {
  TapeD tape;
  double img[9], ker[4], bias[1] = {0.5};
  std::copy(kImage3x3, kImage3x3 + 9, img);
  std::copy(kKernel2x2, kKernel2x2 + 4, ker);
  auto x = ag::constant(img, Shape{1, 1, 3, 3}), w = ag::constant(ker, Shape{1, 1, 2, 2}), b = ag::constant(bias, Shape{1});
  // Stride 1, no padding: 1·1 + 2·2 + 4·3 + 5·4 = 37, then 47, 67, 77; plus the bias.
  TensorD y = ag::conv2d(tape, x, w, b);
  CHECK(y.shape == (Shape{1, 1, 2, 2}));
  const double expect[4] = {37.5, 47.5, 67.5, 77.5};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(y.value[i], expect[i], 1e-12);
  // Padding 1, stride 2: H_o = (3 + 2 − 2)/2 + 1 = 2. Windows start at rows/cols −1 and 1:
  // (0,0) sees only img[0,0]·w[1,1] = 4; (0,1) img[0,1]·w[1,0] + img[0,2]·w[1,1] = 6 + 12;
  // (1,0) img[1,0]·w[0,1] + img[2,0]·w[1,1] = 8 + 28; (1,1) the full window of 5, 6, 8, 9 = 77.
  TensorD z = ag::conv2d(tape, x, w, TensorD{}, 2, 1);
  CHECK(z.shape == (Shape{1, 1, 2, 2}));
  const double expect_z[4] = {4, 18, 36, 77};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(z.value[i], expect_z[i], 1e-12);
}

TEST("conv2d backward: the 3×3 example's gradients by hand (d loss / d out = 1 everywhere)") {
  double img[9], ker[4], bias[1] = {0};
  std::copy(kImage3x3, kImage3x3 + 9, img);
  std::copy(kKernel2x2, kKernel2x2 + 4, ker);
  double dimg[9] = {}, dker[4] = {}, dbias[1] = {};
  TapeD tape;
  TensorD x{img, dimg, Shape{1, 1, 3, 3}}, w{ker, dker, Shape{1, 1, 2, 2}}, b{bias, dbias, Shape{1}};
  tape.backward(ag::sum(tape, ag::conv2d(tape, x, w, b)));
  // dw[i,j] = the sum of the four input values under tap (i,j): 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
  const double expect_dw[4] = {12, 16, 24, 28};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(dker[i], expect_dw[i], 1e-12);
  CHECK_NEAR(dbias[0], 4, 1e-12);  // four output pixels
  // dx[r,c] = the sum of the taps that cover (r,c): corners one tap, edges two, the centre all four.
  const double expect_dx[9] = {1, 3, 2, 4, 10, 6, 3, 7, 4};
  for (int i = 0; i < 9; ++i) CHECK_NEAR(dimg[i], expect_dx[i], 1e-12);
}

TEST("conv2d: im2col + gemm equals the direct definition on every geometry, float and double") {
  std::uint64_t seed = 5;
  for (const Geometry& g : kGeometries) {
    const double d = max_rel_diff_fast_vs_naive<double>(g, seed), f = max_rel_diff_fast_vs_naive<float>(g, seed);
    std::printf("  %-32s double %.1e  float %.1e\n", describe(g).c_str(), d, f);
    CHECK(d < 1e-13);
    CHECK(f < 1e-5);  // ~ patch · 2⁻²⁴ of rounding in the float sums
    ++seed;
  }
}

TEST("conv2d: gradients of input, weight and bias against finite differences on every geometry") {
  lab::Rng rng(11);
  for (const Geometry& g : kGeometries) {
    std::vector<Leaf> leaves = {leaf(Shape{g.N, g.C, g.H, g.W}, rng), leaf(Shape{g.O, g.C, g.Kh, g.Kw}, rng),
                                leaf(Shape{g.O}, rng)};
    CHECK_GRAD(("conv2d " + describe(g)).c_str(), leaves, [&](TapeD& t, std::vector<TensorD>& in) {
      return ag::conv2d(t, in[0], in[1], in[2], g.stride, g.pad);
    });
  }
  // No bias, and a data input that takes no gradient (the first layer of a CNN).
  std::vector<Leaf> leaves = {leaf(Shape{2, 1, 6, 6}, rng), leaf(Shape{3, 1, 3, 3}, rng)};
  leaves[0].wants_grad = false;
  CHECK_GRAD("conv2d, no bias, constant input", leaves,
             [&](TapeD& t, std::vector<TensorD>& in) { return ag::conv2d(t, in[0], in[1], TensorD{}, 1, 1); });
}

TEST("conv2d: constant input and weight record no node") {
  TapeD tape;
  double img[9], ker[4];
  std::copy(kImage3x3, kImage3x3 + 9, img);
  std::copy(kKernel2x2, kKernel2x2 + 4, ker);
  TensorD y = ag::conv2d(tape, ag::constant(img, Shape{1, 1, 3, 3}), ag::constant(ker, Shape{1, 1, 2, 2}), TensorD{});
  CHECK(y.grad == nullptr);
  CHECK(tape.size() == 0);
}

TEST("conv2d: shapes that do not fit are INTERNAL errors naming them") {
  TapeD tape;
  std::vector<double> a(2 * 3 * 5 * 5, 1.0), k(4 * 2 * 3 * 3, 1.0), b(3, 0.0);
  auto x = ag::constant(a.data(), Shape{2, 3, 5, 5});
  CHECK_THROWS_CODE(ag::conv2d(tape, x, ag::constant(k.data(), Shape{4, 2, 3, 3}), TensorD{}), "INTERNAL",
                    "expects 2 input channels");
  CHECK_THROWS_CODE(ag::conv2d(tape, ag::constant(a.data(), Shape{3, 5, 5}), ag::constant(k.data(), Shape{4, 3, 3, 2}),
                               TensorD{}),
                    "INTERNAL", "the input must have rank 4");
  CHECK_THROWS_CODE(ag::conv2d(tape, x, ag::constant(k.data(), Shape{1, 3, 6, 6}), TensorD{}), "INTERNAL",
                    "does not fit the input [2, 3, 5, 5]");
  CHECK_THROWS_CODE(ag::conv2d(tape, x, ag::constant(k.data(), Shape{2, 3, 3, 3}), TensorD{}, 0), "INTERNAL",
                    "stride must be ≥ 1");
  CHECK_THROWS_CODE(ag::conv2d(tape, x, ag::constant(k.data(), Shape{2, 3, 0, 3}), TensorD{}), "INTERNAL",
                    "the weight [2, 3, 0, 3] has an empty kernel");
  CHECK_THROWS_CODE(ag::conv2d(tape, x, ag::constant(k.data(), Shape{2, 3, 3, 3}), ag::constant(b.data(), Shape{3})),
                    "INTERNAL", "the bias must have shape [2], got [3]");
}

// ---- max_pool2d -------------------------------------------------------------------------------------

TEST("max_pool2d: 2×2 and overlapping 3×3 windows over 1…16, by hand") {
  double v[16];
  for (int i = 0; i < 16; ++i) v[i] = i + 1;
  TapeD tape;
  TensorD y = ag::max_pool2d(tape, ag::constant(v, Shape{1, 1, 4, 4}), 2);
  CHECK(y.shape == (Shape{1, 1, 2, 2}));
  const double e2[4] = {6, 8, 14, 16};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(y.value[i], e2[i], 0);
  TensorD z = ag::max_pool2d(tape, ag::constant(v, Shape{1, 1, 4, 4}), 3, 1);
  const double e3[4] = {11, 12, 15, 16};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(z.value[i], e3[i], 0);
  // A 5×5 image with 2×2 windows: the last row and column are dropped (H_o = 2).
  double w[25];
  for (int i = 0; i < 25; ++i) w[i] = i;
  TensorD u = ag::max_pool2d(tape, ag::constant(w, Shape{1, 1, 5, 5}), 2);
  CHECK(u.shape == (Shape{1, 1, 2, 2}));
  const double e5[4] = {6, 8, 16, 18};
  for (int i = 0; i < 4; ++i) CHECK_NEAR(u.value[i], e5[i], 0);
}

TEST("max_pool2d backward: the gradient goes to the maximum, the first of equals, and adds where windows overlap") {
  double v[4] = {1, 1, 1, 1}, dv[4] = {};
  {
    TapeD tape;
    tape.backward(ag::sum(tape, ag::max_pool2d(tape, TensorD{v, dv, Shape{1, 1, 2, 2}}, 2)));
    const double e[4] = {1, 0, 0, 0};
    for (int i = 0; i < 4; ++i) CHECK_NEAR(dv[i], e[i], 0);
  }
  // 3×3 windows with stride 1 over 1…16: 16 is the maximum of one window, 11 of one, 12 of one, 15 of one.
  double a[16], da[16] = {};
  for (int i = 0; i < 16; ++i) a[i] = i + 1;
  // A centre value that wins all four windows gets all four gradients.
  a[5] = 100;
  TapeD tape;
  tape.backward(ag::sum(tape, ag::max_pool2d(tape, TensorD{a, da, Shape{1, 1, 4, 4}}, 3, 1)));
  for (int i = 0; i < 16; ++i) CHECK_NEAR(da[i], i == 5 ? 4 : 0, 0);
}

TEST("max_pool2d: a NaN is its window's maximum, and only that window's") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double v[16];
  for (int i = 0; i < 16; ++i) v[i] = i;
  v[1] = nan;  // top-left window
  TapeD tape;
  TensorD y = ag::max_pool2d(tape, ag::constant(v, Shape{1, 1, 4, 4}), 2);
  CHECK(std::isnan(y.value[0]));
  CHECK_NEAR(y.value[1], 7, 0);
  CHECK_NEAR(y.value[2], 13, 0);
  CHECK_NEAR(y.value[3], 15, 0);
}

TEST("max_pool2d: a window's NaN takes its gradient (the first NaN, where there are two)") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double v[16], dv[16] = {};
  for (int i = 0; i < 16; ++i) v[i] = i;
  v[4] = nan;  // row 1, column 0: the top-left window's third element
  v[5] = nan;  // also in that window, later in row-major order
  TapeD tape;
  tape.backward(ag::sum(tape, ag::max_pool2d(tape, TensorD{v, dv, Shape{1, 1, 4, 4}}, 2)));
  // Windows: top-left → v[4]; top-right max 7 (v[7]); bottom-left 13 (v[13]); bottom-right 15 (v[15]).
  for (int i = 0; i < 16; ++i) CHECK_NEAR(dv[i], i == 4 || i == 7 || i == 13 || i == 15 ? 1 : 0, 0);
}

TEST("conv2d, max_pool2d and reshape on an empty batch: empty outputs, gradients still flow to the weight") {
  double ker[4] = {1, 2, 3, 4}, dker[4] = {}, bias[1] = {0}, dbias[1] = {};
  double none[1] = {0};
  TapeD tape;
  TensorD x = ag::constant(none, Shape{0, 1, 3, 3});
  TensorD y = ag::conv2d(tape, x, TensorD{ker, dker, Shape{1, 1, 2, 2}}, TensorD{bias, dbias, Shape{1}});
  CHECK(y.shape == (Shape{0, 1, 2, 2}) && y.numel() == 0);
  TensorD p = ag::max_pool2d(tape, y, 2);
  CHECK(p.shape == (Shape{0, 1, 1, 1}));
  CHECK(ag::reshape(p, Shape{0, 1}).numel() == 0);
  tape.backward(ag::sum(tape, p));  // the sum of nothing: every gradient stays 0
  for (double g : dker) CHECK(g == 0);
  CHECK(dbias[0] == 0);
}

TEST("max_pool2d: gradient against finite differences, several channels and strides") {
  const std::int64_t cases[][4] = {{2, 3, 6, 6}, {1, 2, 5, 7}, {3, 1, 4, 4}};
  const std::int64_t windows[][2] = {{2, 2}, {3, 2}, {2, 1}, {2, 3}};  // the last skips inputs
  std::uint64_t seed = 21;
  for (const auto& c : cases)
    for (const auto& k : windows) {
      std::vector<Leaf> leaves = {distinct_leaf(Shape{c[0], c[1], c[2], c[3]}, seed++)};
      CHECK_GRAD(("max_pool2d k" + std::to_string(k[0]) + " s" + std::to_string(k[1]) + " " + leaves[0].shape.str()).c_str(),
                 leaves, [&](TapeD& t, std::vector<TensorD>& in) { return ag::max_pool2d(t, in[0], k[0], k[1]); });
    }
}

TEST("max_pool2d 2×2 stride 2 (the four- and eight-at-once paths): the same values and winners as the rule, with ties, ±0 and NaNs, on every width") {
  // the rule, written out: the first maximum in row-major order; a NaN is its window's maximum (the first NaN)
  auto reference = [](const std::vector<float>& in, std::int64_t H, std::int64_t W, std::vector<float>& out, std::vector<float>& arg) {
    const std::int64_t Ho = H / 2, Wo = W / 2;
    out.assign(static_cast<std::size_t>(Ho * Wo), 0);
    arg.assign(out.size(), 0);
    for (std::int64_t y = 0; y < Ho; ++y)
      for (std::int64_t x = 0; x < Wo; ++x) {
        std::int64_t best = -1;
        for (std::int64_t i = 0; i < 2 && !(best >= 0 && std::isnan(in[static_cast<std::size_t>(best)])); ++i)
          for (std::int64_t j = 0; j < 2; ++j) {
            const std::int64_t at = (2 * y + i) * W + 2 * x + j;
            const float v = in[static_cast<std::size_t>(at)];
            if (best < 0 || std::isnan(v) || v > in[static_cast<std::size_t>(best)]) {
              best = at;
              if (std::isnan(v)) break;
            }
          }
        out[static_cast<std::size_t>(y * Wo + x)] = in[static_cast<std::size_t>(best)];
        arg[static_cast<std::size_t>(y * Wo + x)] = static_cast<float>(best);
      }
  };
  lab::Rng rng(77);
  const float levels[6] = {-1.0f, -0.0f, 0.0f, 0.5f, 0.5f, 2.0f};  // few values: many ties, both zeros
  for (std::int64_t W : {2, 4, 6, 8, 9, 10, 14, 16, 18, 26, 28, 29, 34, 40}) {
    const std::int64_t H = 6;
    std::vector<float> in(static_cast<std::size_t>(H * W));
    for (auto& v : in) v = levels[rng.next_u64() % 6];
    if (W >= 8) in[static_cast<std::size_t>(W + 5)] = std::nanf(""), in[static_cast<std::size_t>(3 * W + 2)] = std::nanf("");
    if (W >= 20) in[static_cast<std::size_t>(4 * W + 18)] = std::nanf("");  // after a whole group of eight windows
    std::vector<float> want, want_arg;
    reference(in, H, W, want, want_arg);
    const auto g = ag::Pool2dGeometry::of(Shape{1, 1, H, W}, 2, 2);
    std::vector<float> got(want.size()), got_arg(want.size());
    ag::max_pool2d_forward(got.data(), got_arg.data(), in.data(), g);
    bool same = true;
    for (std::size_t i = 0; i < want.size(); ++i) {
      std::uint32_t a, b;
      std::memcpy(&a, &want[i], 4);
      std::memcpy(&b, &got[i], 4);
      same = same && (a == b || (std::isnan(want[i]) && std::isnan(got[i]))) && want_arg[i] == got_arg[i];
    }
    CHECK(same);
  }
}

TEST("conv2d over a pool of 2 or 3 threads: the same bits as on one thread (fixed chunks of samples, reduced in order)") {
  // 13 samples: chunks of 8 and 5; 2 and 3 threads share them out differently
  const Shape xs{13, 3, 9, 8}, ws{4, 3, 3, 3};
  lab::Rng rng(5);
  std::vector<float> x(static_cast<std::size_t>(xs.numel())), w(static_cast<std::size_t>(ws.numel())), b(4);
  for (auto& v : x) v = static_cast<float>(rng.uniform() * 2 - 1);
  for (auto& v : w) v = static_cast<float>(rng.uniform() * 2 - 1);
  for (auto& v : b) v = static_cast<float>(rng.uniform());
  auto run = [&](unsigned threads) {
    lab::ThreadPool pool(threads);
    ag::Tape<float> tape;
    if (threads > 1) tape.set_pool(&pool);
    std::vector<float> gx(x.size(), 0), gw(w.size(), 0), gb(4, 0);
    auto out = ag::conv2d(tape, ag::Tensor<float>{x.data(), gx.data(), xs}, ag::Tensor<float>{w.data(), gw.data(), ws},
                          ag::Tensor<float>{b.data(), gb.data(), Shape{4}}, 1, 1);
    for (std::int64_t i = 0; i < out.numel(); ++i) out.grad[i] = 0;
    auto loss = ag::sum(tape, ag::mul(tape, out, out));
    tape.backward(loss);
    std::vector<float> all(out.value, out.value + out.numel());
    all.insert(all.end(), gx.begin(), gx.end());
    all.insert(all.end(), gw.begin(), gw.end());
    all.insert(all.end(), gb.begin(), gb.end());
    return all;
  };
  const auto one = run(1);
  CHECK(run(2) == one);
  CHECK(run(3) == one);
}

TEST("max_pool2d: windows that do not fit are INTERNAL errors") {
  TapeD tape;
  std::vector<double> a(18, 1.0);
  CHECK_THROWS_CODE(ag::max_pool2d(tape, ag::constant(a.data(), Shape{1, 2, 3, 3}), 4), "INTERNAL",
                    "a 4×4 window does not fit the input [1, 2, 3, 3]");
  CHECK_THROWS_CODE(ag::max_pool2d(tape, ag::constant(a.data(), Shape{2, 3, 3}), 2), "INTERNAL", "rank 4");
  CHECK_THROWS_CODE(ag::max_pool2d(tape, ag::constant(a.data(), Shape{1, 2, 3, 3}), 0), "INTERNAL", "≥ 1");
}

// ---- reshape and a whole tiny CNN ----------------------------------------------------------------------

TEST("reshape: a view of the same numbers; the element counts must agree") {
  double v[6] = {1, 2, 3, 4, 5, 6}, dv[6] = {};
  TensorD t{v, dv, Shape{1, 2, 1, 3}};
  TensorD r = ag::reshape(t, Shape{2, 3});
  CHECK(r.value == v && r.grad == dv && r.shape == (Shape{2, 3}));
  CHECK_THROWS_CODE(ag::reshape(t, Shape{4, 2}), "INTERNAL", "cannot view [1, 2, 1, 3] as [4, 2]");
}

TEST("a tiny CNN (conv → relu → pool → conv → flatten → linear → cross-entropy): every gradient by finite differences") {
  lab::Rng rng(31);
  // The image is data (no gradient); the parameters are the two kernels, their biases and the linear layer.
  std::vector<Leaf> leaves = {
      leaf(Shape{2, 1, 8, 8}, rng),  leaf(Shape{3, 1, 3, 3}, rng), leaf(Shape{3}, rng),
      leaf(Shape{4, 3, 2, 2}, rng),  leaf(Shape{4}, rng),          leaf(Shape{4 * 2 * 2, 5}, rng),
  };
  leaves[0].wants_grad = false;
  const std::int32_t labels[2] = {1, 4};
  CHECK_GRAD("tiny CNN", leaves, [&](TapeD& t, std::vector<TensorD>& in) {
    TensorD h = ag::relu(t, ag::conv2d(t, in[0], in[1], in[2], 1, 1));  // [2,3,8,8]
    h = ag::max_pool2d(t, h, 2);                                        // [2,3,4,4]
    h = ag::conv2d(t, h, in[3], in[4], 2, 1);                           // [2,4,3,3]: (4 + 2 − 2)/2 + 1
    h = ag::max_pool2d(t, h, 2, 1);                                     // [2,4,2,2]
    TensorD logits = ag::matmul(t, ag::reshape(h, Shape{2, 16}), in[5]);
    return ag::softmax_cross_entropy(t, logits, labels).loss;
  });
}

CHECK_MAIN()

// ---- relu_max_pool2d and kept columns: faster ways that must give the same bits -------------------

namespace {

// Values and input gradient of max_pool2d(relu(x)) as two ops, or as the fused op.
template <class T>
std::vector<T> pool_after_relu(bool fused, const Shape& s, std::int64_t k, std::int64_t stride, const std::vector<T>& in,
                               const std::vector<T>& up) {
  ag::Tape<T> tape;
  std::vector<T> gx(in.size(), T(0));
  ag::Tensor<T> x{const_cast<T*>(in.data()), gx.data(), s};
  ag::Tensor<T> out = fused ? ag::relu_max_pool2d(tape, x, k, stride) : ag::max_pool2d(tape, ag::relu(tape, x), k, stride);
  ag::Tensor<T> u{const_cast<T*>(up.data()), nullptr, out.shape};
  tape.backward(ag::sum(tape, ag::mul(tape, out, u)));
  std::vector<T> all(out.value, out.value + out.numel());
  all.insert(all.end(), gx.begin(), gx.end());
  return all;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

template <class T>
int fused_pool_mismatches() {
  lab::Rng rng(31);
  const T levels[7] = {T(-1), T(-0.0), T(0), T(0.5), T(0.5), T(2), T(-3)};  // ties, both zeros, negatives
  struct Case { Shape s; std::int64_t k, stride; };
  std::vector<Case> cases;
  for (std::int64_t W : {2, 3, 4, 5, 8, 9, 10, 14, 18, 26, 28, 29, 40}) cases.push_back({Shape{2, 3, 6, W}, 2, 2});
  cases.push_back({Shape{1, 2, 7, 7}, 3, 2});  // overlapping windows
  cases.push_back({Shape{1, 2, 5, 6}, 3, 1});
  cases.push_back({Shape{2, 1, 7, 9}, 2, 1});
  int bad = 0;
  for (const Case& c : cases)
    for (int variant = 0; variant < 3; ++variant) {
      std::vector<T> in(static_cast<std::size_t>(c.s.numel())), up;
      for (auto& v : in) v = variant == 0 ? levels[rng.next_u64() % 7] : static_cast<T>(rng.uniform() * 2 - 1);
      if (variant == 2)  // NaNs in some windows, with positives, negatives or only NaN beside them
        for (std::size_t i = 0; i < in.size(); i += 5) in[i] = std::numeric_limits<T>::quiet_NaN();
      const auto g = ag::Pool2dGeometry::of(c.s, c.k, c.stride);
      up.resize(static_cast<std::size_t>(g.N * g.C * g.Ho * g.Wo));
      for (auto& v : up) v = static_cast<T>(rng.uniform() * 4 - 2);
      if (!same_bits(pool_after_relu<T>(true, c.s, c.k, c.stride, in, up), pool_after_relu<T>(false, c.s, c.k, c.stride, in, up))) {
        std::fprintf(stderr, "  relu_max_pool2d differs: %s k%lld s%lld variant %d\n", c.s.str().c_str(), (long long)c.k,
                     (long long)c.stride, variant);
        ++bad;
      }
    }
  return bad;
}

}  // namespace

TEST("relu_max_pool2d: the same bits as max_pool2d(relu(x)), value and input gradient, with ties, ±0, NaNs and every width") {
  CHECK(fused_pool_mismatches<float>() == 0);
  CHECK(fused_pool_mismatches<double>() == 0);
}

TEST("relu_max_pool2d by hand: max(0, window max); a window with a NaN reads it as 0; gradient only to positive winners") {
  // windows: [1 -2 / 3 0] → 3 (winner at 2), [-1 -2 / -3 -4] → 0 (no gradient), [NaN 5 / 0 1] → 5 (at 1)
  double v[12] = {1, -2, -1, -2, std::nan(""), 5, 3, 0, -3, -4, 0, 1};
  double dv[12] = {};
  TapeD tape;
  TensorD x{v, dv, Shape{1, 1, 2, 6}};
  TensorD y = ag::relu_max_pool2d(tape, x, 2);
  CHECK(y.shape == (Shape{1, 1, 1, 3}));
  CHECK(y.value[0] == 3 && y.value[1] == 0 && y.value[2] == 5);
  double w[3] = {10, 20, 30};
  tape.backward(ag::sum(tape, ag::mul(tape, y, TensorD{w, nullptr, y.shape})));
  const double want[12] = {0, 0, 0, 0, 0, 30, 10, 0, 0, 0, 0, 0};
  bool ok = true;
  for (int i = 0; i < 12; ++i) ok = ok && dv[i] == want[i];
  CHECK(ok);
}

TEST("conv2d backward from the columns the forward kept: the input and bias gradients in the same bits as unfolding again, the weight gradient (one sum over the chunk) within rounding") {
  for (const Geometry& s : kGeometries) {
    lab::Rng rng(11);
    const auto g = ag::Conv2dGeometry::of(Shape{s.N, s.C, s.H, s.W}, Shape{s.O, s.C, s.Kh, s.Kw}, s.stride, s.pad);
    std::vector<float> x(static_cast<std::size_t>(s.N * s.C * s.H * s.W)), w(static_cast<std::size_t>(s.O * s.C * s.Kh * s.Kw)),
        dout(static_cast<std::size_t>(g.N * g.O * g.pixels()));
    for (auto& v : x) v = static_cast<float>(rng.uniform() * 2 - 1);
    for (auto& v : w) v = static_cast<float>(rng.uniform() * 2 - 1);
    for (auto& v : dout) v = static_cast<float>(rng.uniform() * 2 - 1);
    std::vector<float> out1(dout.size()), out2(dout.size()), kept(static_cast<std::size_t>(g.N * g.cols_size())),
        slots(static_cast<std::size_t>(g.chunks() * g.cols_size()));
    ag::conv2d_forward(out1.data(), x.data(), w.data(), static_cast<const float*>(nullptr), g, slots.data());
    ag::conv2d_forward(out2.data(), x.data(), w.data(), static_cast<const float*>(nullptr), g, kept.data(), nullptr, true);
    struct Grads { std::vector<float> dx, dw, db; };
    auto backward = [&](const float* k) {
      Grads r{std::vector<float>(x.size(), 0), std::vector<float>(w.size(), 0), std::vector<float>(static_cast<std::size_t>(s.O), 0)};
      std::vector<float> scratch(static_cast<std::size_t>(g.backward_scratch()));
      ag::conv2d_backward(r.dx.data(), r.dw.data(), r.db.data(), x.data(), dout.data(), w.data(), g, scratch.data(), nullptr, k);
      return r;
    };
    const Grads a = backward(kept.data()), b = backward(nullptr);
    double worst = 0;
    for (std::size_t i = 0; i < a.dw.size(); ++i)
      worst = std::fmax(worst, std::fabs(double(a.dw[i]) - double(b.dw[i])) / std::fmax(1.0, std::fabs(double(b.dw[i]))));
    CHECK(out1 == out2);
    if (!(a.dx == b.dx && a.db == b.db)) check::fail(__FILE__, __LINE__, "kept columns: input or bias gradient differs: " + describe(s));
    if (!(worst < 1e-5)) check::fail(__FILE__, __LINE__, "kept columns: weight gradient off by " + check::num(worst) + ": " + describe(s));
  }
}
