// The recurrent layers and the embedding (issue #12): gradient checks of rnn, lstm and gru unrolled over
// time (inputs and the packed weights, with a given start state), forward outputs, last states and
// gradients against PyTorch's nn.RNN / nn.LSTM / nn.GRU on fixed weights (fixtures/recurrent.inc, made
// by fixtures/make_recurrent_fixtures.py), the per-step gradient norms, and the embedding's scatter-add.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "grad_check.hpp"

using namespace lab;
using ag::Shape;
using TensorD = ag::Tensor<double>;
using TapeD = ag::Tape<double>;

struct RecurrentFixture {
  const char* cell;
  int B, T, I, H;
  std::vector<double> weights, x, h0, c0, w, u, out, h_last, c_last, d_weights, d_x;
};
#include "../fixtures/recurrent.inc"

namespace {

ag::Cell cell_of(const std::string& name) { return name == "rnn" ? ag::Cell::rnn : name == "lstm" ? ag::Cell::lstm : ag::Cell::gru; }

}  // namespace

TEST("rnn, lstm, gru: gradients of the inputs and the packed weights match finite differences") {
  lab::Rng rng(21);
  for (ag::Cell cell : {ag::Cell::rnn, ag::Cell::lstm, ag::Cell::gru}) {
    const std::int64_t B = 2, T = 4, I = 3, H = 3, G = ag::gate_count(cell);
    std::vector<Leaf> leaves = {leaf(Shape{B, T, I}, rng), leaf(Shape{I + H + 2, G * H}, rng, -0.9, 0.9)};
    std::vector<double> h0(B * H), c0(B * H);
    for (auto& v : h0) v = rng.uniform() - 0.5;
    for (auto& v : c0) v = rng.uniform() - 0.5;
    CHECK_GRAD((std::string(ag::cell_name(cell)) + " with a start state").c_str(), leaves, [&](TapeD& t, std::vector<TensorD>& in) {
      ag::RecurrentState<double> st;
      st.h0 = h0.data();
      st.c0 = c0.data();
      return ag::recurrent(t, cell, in[0], in[1], H, st);
    });
    CHECK_GRAD((std::string(ag::cell_name(cell)) + " from zero").c_str(), leaves,
               [&](TapeD& t, std::vector<TensorD>& in) { return ag::recurrent(t, cell, in[0], in[1], H); });
  }
}

TEST("rnn, lstm, gru match PyTorch's nn.RNN, nn.LSTM and nn.GRU: outputs, last states, gradients") {
  for (const RecurrentFixture& f : kRecurrentFixtures) {
    const ag::Cell cell = cell_of(f.cell);
    std::vector<double> x = f.x, w = f.weights, dx(x.size(), 0), dw(w.size(), 0), h_last(f.h_last.size()), c_last(f.h_last.size());
    TapeD tape;
    ag::RecurrentState<double> st;
    st.h0 = f.h0.data(), st.c0 = f.c0.data(), st.h_last = h_last.data(), st.c_last = c_last.data();
    const TensorD out = ag::recurrent(tape, cell, TensorD{x.data(), dx.data(), Shape{f.B, f.T, f.I}}, TensorD{w.data(), dw.data(), Shape{f.I + f.H + 2, ag::gate_count(cell) * f.H}}, f.H, st);
    double worst = 0;
    for (std::size_t i = 0; i < f.out.size(); ++i) worst = std::max(worst, std::fabs(out.value[i] - f.out[i]));
    for (std::size_t i = 0; i < f.h_last.size(); ++i) worst = std::max(worst, std::fabs(h_last[i] - f.h_last[i]));
    for (std::size_t i = 0; i < f.c_last.size(); ++i) worst = std::max(worst, std::fabs(c_last[i] - f.c_last[i]));
    // the loss Σ w⊙out + Σ u⊙h_T: h_T is the last step's output, so u joins w there
    std::vector<double> seed = f.w;
    for (int b = 0; b < f.B; ++b)
      for (int j = 0; j < f.H; ++j) seed[static_cast<std::size_t>((b * f.T + f.T - 1) * f.H + j)] += f.u[static_cast<std::size_t>(b * f.H + j)];
    TensorD loss = ag::sum(tape, ag::mul(tape, out, ag::constant(seed.data(), out.shape)));
    tape.backward(loss);
    double worst_grad = 0;
    for (std::size_t i = 0; i < f.d_x.size(); ++i) worst_grad = std::max(worst_grad, std::fabs(dx[i] - f.d_x[i]));
    for (std::size_t i = 0; i < f.d_weights.size(); ++i) worst_grad = std::max(worst_grad, std::fabs(dw[i] - f.d_weights[i]));
    std::printf("  %-4s forward max |diff| %.2e, gradients %.2e\n", f.cell, worst, worst_grad);
    CHECK(worst < 1e-12);
    CHECK(worst_grad < 1e-12);
  }
}

TEST("the gradient norm through time: the last step's is the loss gradient's, and a long tanh RNN's vanish") {
  // h_t = tanh(0.5·h_{t−1} + x_t) with H = I = 1, loss = h_T: dL/dh_t = Π 0.5·(1 − h²), shrinking backwards
  const std::int64_t T = 12;
  std::vector<double> x(T, 0.3), w = {1.0, 0.5, 0.0, 0.0}, dw(4, 0), norms(T, -1);
  TapeD tape;
  ag::RecurrentState<double> st;
  st.grad_norms = norms.data();
  const TensorD out = ag::recurrent(tape, ag::Cell::rnn, ag::constant(x.data(), Shape{1, T, 1}), TensorD{w.data(), dw.data(), Shape{4, 1}}, 1, st);
  std::vector<double> seed(T, 0.0);
  seed[T - 1] = 1;
  tape.backward(ag::sum(tape, ag::mul(tape, out, ag::constant(seed.data(), out.shape))));
  CHECK_NEAR(norms[T - 1], 1.0, 1e-15);
  double expect = 1;
  for (std::int64_t t = T - 1; t > 0; --t) {
    expect *= 0.5 * (1 - out.value[t] * out.value[t]);
    CHECK_REL(norms[t - 1], expect, 1e-12);
  }
  CHECK(norms[0] < 1e-3);
}

TEST("embedding: rows looked up, gradients added back to the rows used (twice for an id used twice)") {
  double table[6] = {1, 2, 3, 4, 5, 6}, dtable[6] = {};
  const std::int32_t ids[4] = {2, 0, 2, 1};
  TapeD tape;
  const TensorD e = ag::embedding(tape, TensorD{table, dtable, Shape{3, 2}}, ids, Shape{2, 2, 2});
  CHECK(e.value[0] == 5 && e.value[1] == 6 && e.value[2] == 1 && e.value[7] == 4);
  double w[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  tape.backward(ag::sum(tape, ag::mul(tape, e, ag::constant(w, e.shape))));
  CHECK(dtable[0] == 3 && dtable[1] == 4);    // id 0 once: w[2], w[3]
  CHECK(dtable[2] == 7 && dtable[3] == 8);    // id 1 once: w[6], w[7]
  CHECK(dtable[4] == 6 && dtable[5] == 8);    // id 2 twice: w[0] + w[4], w[1] + w[5]
  lab::Rng rng(3);
  std::vector<Leaf> leaves = {leaf(Shape{3, 2}, rng)};
  CHECK_GRAD("embedding", leaves, [&](TapeD& t, std::vector<TensorD>& in) { return ag::embedding(t, in[0], ids, Shape{4, 2}); });
  const std::int32_t bad[1] = {3};
  CHECK_THROWS_CODE(ag::embedding(tape, TensorD{table, dtable, Shape{3, 2}}, bad, Shape{1, 2}), code::internal, "outside [0, 3)");
}

CHECK_MAIN()
