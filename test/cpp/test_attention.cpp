// Attention, layer norm and GELU's tanh form (issue #12): gradient checks of the attention op (with and
// without the causal mask), of layer norm and gelu_tanh; both by hand; and self-attention with its projections against
// PyTorch's nn.MultiheadAttention on fixed weights (fixtures/attention.inc, made by
// fixtures/make_attention_fixtures.py): the output, every head's attention weights, every gradient.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "grad_check.hpp"

using namespace lab;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

struct AttentionFixture {
  int causal;
  std::vector<double> x, w_in, b_in, w_out, b_out, w, out, probs, d_x, d_w_in, d_b_in, d_w_out, d_b_out;
};
#include "../fixtures/attention.inc"

TEST("attention: gradients of the packed q, k, v match finite differences, with and without the mask") {
  lab::Rng rng(31);
  for (bool causal : {false, true})
    for (std::int64_t heads : {1, 2}) {
      std::vector<Leaf> leaves = {leaf(Shape{2, 4, 12}, rng, -1.5, 1.5)};
      CHECK_GRAD(("attention heads=" + std::to_string(heads) + (causal ? " causal" : "")).c_str(), leaves,
                 [&](TapeD& t, std::vector<TensorD>& in) { return ag::attention(t, in[0], heads, causal); });
    }
}

TEST("layer norm: by hand, and its gradients (input, γ, β) against finite differences") {
  // row (1, 2, 3, 6): μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5; x̂ = (−2, −1, 0, 3)/√(3.5 + 1e-5)
  double x[4] = {1, 2, 3, 6}, g[4] = {1, 2, 1, 1}, b[4] = {0, 0, 1, 0};
  TapeD tape;
  const TensorD y = ag::layer_norm(tape, ag::constant(x, Shape{1, 4}), ag::constant(g, Shape{4}), ag::constant(b, Shape{4}));
  const double s = 1 / std::sqrt(3.5 + 1e-5);
  CHECK_REL(y.value[0], -2 * s, 1e-14);
  CHECK_REL(y.value[1], -2 * s, 1e-14);
  CHECK_REL(y.value[2], 1.0, 1e-14);
  CHECK_REL(y.value[3], 3 * s, 1e-14);
  lab::Rng rng(32);
  std::vector<Leaf> leaves = {leaf(Shape{3, 5}, rng, -2, 2), leaf(Shape{5}, rng, 0.5, 1.5), leaf(Shape{5}, rng)};
  CHECK_GRAD("layer_norm", leaves, [](TapeD& t, std::vector<TensorD>& in) { return ag::layer_norm(t, in[0], in[1], in[2]); });
}

TEST("gelu_tanh: PyTorch's tanh form by hand, within 5e-4 of the exact GELU, and its gradient") {
  double x[3] = {-1.5, 0.0, 2.0};
  TapeD tape;
  const TensorD y = ag::gelu_tanh(tape, ag::constant(x, Shape{3}));
  for (int i = 0; i < 3; ++i) {
    const double v = x[i], t = std::tanh(std::sqrt(2 / M_PI) * (v + 0.044715 * v * v * v));
    CHECK_REL(y.value[i] + 1e-300, 0.5 * v * (1 + t) + 1e-300, 1e-14);
    CHECK(std::fabs(y.value[i] - 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)))) < 5e-4);
  }
  lab::Rng rng(33);
  std::vector<Leaf> leaves = {leaf(Shape{4, 6}, rng, -4, 4)};
  CHECK_GRAD("gelu_tanh", leaves, [](TapeD& t, std::vector<TensorD>& in) { return ag::gelu_tanh(t, in[0]); });
}

TEST("self-attention with its projections matches PyTorch's nn.MultiheadAttention: output, weights, gradients") {
  const std::int64_t B = 2, T = 5, D = 8, H = 2;
  for (const AttentionFixture& f : kAttentionFixtures) {
    std::vector<double> x = f.x, w_in = f.w_in, b_in = f.b_in, w_out = f.w_out, b_out = f.b_out;
    std::vector<double> dx(x.size(), 0), dw_in(w_in.size(), 0), db_in(b_in.size(), 0), dw_out(w_out.size(), 0), db_out(b_out.size(), 0);
    std::vector<double> probs(static_cast<std::size_t>(B * H * T * T));
    TapeD tape;
    const TensorD qkv = ag::add(tape, ag::matmul(tape, TensorD{x.data(), dx.data(), Shape{B * T, D}}, TensorD{w_in.data(), dw_in.data(), Shape{D, 3 * D}}),
                                TensorD{b_in.data(), db_in.data(), Shape{3 * D}});
    const TensorD ctx = ag::attention(tape, TensorD{qkv.value, qkv.grad, Shape{B, T, 3 * D}}, H, f.causal != 0, probs.data());
    const TensorD out = ag::add(tape, ag::matmul(tape, TensorD{ctx.value, ctx.grad, Shape{B * T, D}}, TensorD{w_out.data(), dw_out.data(), Shape{D, D}}),
                                TensorD{b_out.data(), db_out.data(), Shape{D}});
    std::vector<double> w = f.w;
    tape.backward(ag::sum(tape, ag::mul(tape, out, ag::constant(w.data(), out.shape))));
    auto worst = [](const double* a, const std::vector<double>& b) {
      double m = 0;
      for (std::size_t i = 0; i < b.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]));
      return m;
    };
    const double e_out = std::max(worst(out.value, f.out), worst(probs.data(), f.probs));
    const double e_grad = std::max({worst(dx.data(), f.d_x), worst(dw_in.data(), f.d_w_in), worst(db_in.data(), f.d_b_in),
                                    worst(dw_out.data(), f.d_w_out), worst(db_out.data(), f.d_b_out)});
    std::printf("  %s: forward max |diff| %.2e, gradients %.2e\n", f.causal ? "causal" : "full  ", e_out, e_grad);
    CHECK(e_out < 1e-12);
    CHECK(e_grad < 1e-12);
  }
}

CHECK_MAIN()
