// WGAN-GP's double backward (issue #13): the critic's input gradient built as a graph of its weights
// equals finite differences of the critic in its input, and the penalty λ·(‖∇ₓD‖ − 1)² differentiated
// with respect to the critic's weights matches finite differences; the pieces (matmul_bt, scaled_sum,
// norm_penalty) gradient-checked and by hand.
#include <cmath>
#include <vector>

#include "check.hpp"
#include "gen/critic_gradient.hpp"
#include "grad_check.hpp"
#include "nn/mlp.hpp"

using namespace lab;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

TEST("matmul_bt, scaled_sum and norm_penalty: finite differences and by hand") {
  lab::Rng rng(41);
  std::vector<Leaf> mm = {leaf(Shape{3, 4}, rng), leaf(Shape{5, 4}, rng)};
  CHECK_GRAD("matmul_bt", mm, [](TapeD& t, std::vector<TensorD>& in) { return ag::matmul_bt(t, in[0], in[1]); });
  std::vector<Leaf> s = {leaf(Shape{2, 3}, rng)};
  CHECK_GRAD("scaled_sum", s, [](TapeD& t, std::vector<TensorD>& in) { return ag::scaled_sum(t, in[0], -0.7); });
  std::vector<Leaf> p = {leaf(Shape{4, 3}, rng, -1, 1, true)};
  CHECK_GRAD("norm_penalty", p, [](TapeD& t, std::vector<TensorD>& in) { return ag::norm_penalty(t, in[0], 10.0); });
  // rows (3, 4) and (0, 0.5): norms 5 and 0.5 → 10·((5 − 1)² + (0.5 − 1)²)/2 = 81.25
  double g[4] = {3, 4, 0, 0.5};
  TapeD tape;
  CHECK_REL(ag::norm_penalty(tape, ag::constant(g, Shape{2, 2}), 10.0).value[0], 81.25, 1e-15);
}

TEST("the critic's input gradient as a graph: equal to finite differences of D in x") {
  lab::Rng rng(42);
  ag::ParamStore<double> store;
  nn::MlpSpec spec{{4, 6, 5, 1}, {"leaky_relu", "leaky_relu", "identity"}, 0, 0.2};
  auto net = nn::make_mlp<double>(store, spec, rng, "critic");
  std::vector<double> x(3 * 4);
  for (auto& v : x) v = 2 * rng.uniform() - 1;
  TapeD tape;
  const TensorD g = gen::critic_input_gradient(tape, store, 3, 0.2, x.data(), 3);
  double worst = 0;
  for (int r = 0; r < 3; ++r)
    for (int j = 0; j < 4; ++j) {
      auto D = [&](double dx) {
        std::vector<double> xr(x.begin() + r * 4, x.begin() + r * 4 + 4);
        xr[static_cast<std::size_t>(j)] += dx;
        TapeD t;
        return net.forward(t, ag::constant(xr.data(), Shape{1, 4})).value[0];
      };
      const double fd = (D(1e-6) - D(-1e-6)) / 2e-6;
      worst = std::max(worst, std::fabs(fd - g.value[r * 4 + j]));
    }
  std::printf("  ∇ₓD against finite differences: max |diff| %.2e\n", worst);
  CHECK(worst < 1e-8);
}

TEST("the gradient penalty's gradient with respect to the critic's weights matches finite differences") {
  lab::Rng rng(43);
  ag::ParamStore<double> store;
  nn::MlpSpec spec{{2, 8, 8, 1}, {"leaky_relu", "leaky_relu", "identity"}, 0, 0.2};
  auto net = nn::make_mlp<double>(store, spec, rng, "critic");
  std::vector<double> x(6 * 2);
  for (auto& v : x) v = 2 * rng.uniform() - 1;
  TapeD tape;
  auto loss = [&] {
    tape.reset();
    const TensorD g = gen::critic_input_gradient(tape, store, 3, 0.2, x.data(), 6);
    // the critic's own term too, so both paths into the weights are checked together
    const TensorD d = net.forward(tape, ag::constant(x.data(), Shape{6, 2}));
    return ag::add(tape, ag::norm_penalty(tape, g, 10.0), ag::scaled_sum(tape, d, -1.0 / 6));
  };
  const double worst = param_grad_check(store, tape, loss);
  std::printf("  %zu weights: max rel err %.2e\n", store.size(), worst);
  CHECK(worst < kGradTol);
}

CHECK_MAIN()
