// The machinery under the ops: the arena (alignment, reuse after reset, growth only when a step needs
// more), the tape (reverse order, accumulation, nodes only where a gradient flows) and the parameter
// store (one slab each for values and grads, named views, zero_grad).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "check.hpp"
#include "error.hpp"

namespace ag = lab::ag;
using ag::Shape;

TEST("arena: 64-byte aligned, disjoint, zeroed on request") {
  ag::Arena<float> arena(64);
  std::vector<std::pair<float*, std::int64_t>> got;
  for (std::int64_t n : {1, 17, 0, 64, 5, 300, 3}) {
    float* p = arena.alloc_zeroed(n);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 64 == 0);
    bool zero = true;
    for (std::int64_t i = 0; i < n; ++i) zero = zero && p[i] == 0.0f;
    CHECK(zero);
    for (std::int64_t i = 0; i < n; ++i) p[i] = 1.0f;  // ASan would catch a write past a block
    got.push_back({p, n});
  }
  for (std::size_t a = 0; a < got.size(); ++a)
    for (std::size_t b = a + 1; b < got.size(); ++b)
      CHECK(got[a].first + got[a].second <= got[b].first || got[b].first + got[b].second <= got[a].first);
}

TEST("arena: reset frees nothing; the same requests reuse the same memory") {
  ag::Arena<double> arena(100);
  auto step = [&] {
    std::vector<double*> p;
    for (std::int64_t n : {40, 90, 7, 250, 33}) p.push_back(arena.alloc(n));
    return p;
  };
  const auto first = step();
  const std::int64_t growths = arena.growths(), capacity = arena.capacity();
  CHECK(growths >= 2);  // 100 elements could not hold them all
  for (int i = 0; i < 20; ++i) {
    arena.reset();
    CHECK(arena.used() == 0);
    CHECK(step() == first);
  }
  CHECK(arena.growths() == growths);
  CHECK(arena.capacity() == capacity);
  arena.reset();
  arena.alloc(100000);  // a bigger step grows once more
  CHECK(arena.growths() == growths + 1);
}

TEST("tape: backward runs in reverse and accumulates into every use") {
  // y = (x·x + x)·w, L = Σ y.  dL/dx = (2x + 1)·w, dL/dw = x·x + x
  double x[2] = {3, -1}, gx[2] = {}, w[2] = {2, 5}, gw[2] = {};
  ag::Tape<double> tape;
  ag::Tensor<double> X{x, gx, Shape{2}}, W{w, gw, Shape{2}};
  auto L = ag::sum(tape, ag::mul(tape, ag::add(tape, ag::mul(tape, X, X), X), W));
  CHECK(tape.size() == 4);
  CHECK(std::string(tape.node(0).op) == "mul" && std::string(tape.node(3).op) == "sum");
  CHECK_NEAR(L.value[0], 12 * 2 + 0 * 5, 0);
  tape.backward(L);
  CHECK_NEAR(gx[0], 7 * 2, 0);
  CHECK_NEAR(gx[1], -1 * 5, 0);
  CHECK_NEAR(gw[0], 12, 0);
  CHECK_NEAR(gw[1], 0, 0);
  // Without zeroing, a second backward adds the same again (parameters accumulate; zero_grad clears).
  tape.backward(L);
  CHECK_NEAR(gx[0], 28, 0);
  CHECK_NEAR(gw[0], 24, 0);
}

TEST("tape: no gradient, no node") {
  float a[3] = {1, 2, 3}, b[3] = {4, 5, 6};
  ag::Tape<float> tape;
  auto y = ag::tanh(tape, ag::add(tape, ag::constant(a, Shape{3}), ag::constant(b, Shape{3})));
  CHECK(y.grad == nullptr);
  CHECK(tape.size() == 0);
  CHECK_NEAR(y.value[2], std::tanh(9.0f), 0);
}

TEST("tape: reset keeps the capacity; a loop stops growing after its first step") {
  ag::ParamStore<float> store;
  const auto W = store.add("w", Shape{8, 4});
  float x[16 * 8] = {};
  ag::Tape<float> tape;
  std::int64_t after_first = 0;
  for (int step = 0; step < 30; ++step) {
    tape.reset();
    auto y = ag::relu(tape, ag::matmul(tape, ag::constant(x, Shape{16, 8}), store.view(W)));
    tape.backward(ag::mean(tape, y));
    if (step == 0) after_first = tape.growths();
  }
  CHECK(after_first > 0);
  CHECK(tape.growths() == after_first);
}

TEST("param store: one slab, named views in order, zero_grad") {
  ag::ParamStore<double> store;
  const auto a = store.add("layers.0.weight", Shape{3, 2});
  const auto b = store.add("layers.0.bias", Shape{2});
  const auto c = store.add("scale", Shape{});
  CHECK(store.size() == 9);
  CHECK(store.entries().size() == 3);
  CHECK(store.entries()[1].name == "layers.0.bias" && store.entries()[1].offset == 6);
  CHECK(store.entries()[2].offset == 8 && store.entries()[2].numel == 1);
  CHECK(store.view(a).value == store.values() && store.view(a).grad == store.grads());
  CHECK(store.view(b).value == store.values() + 6);
  CHECK(store.view("scale").value == store.view(c).value);
  CHECK(store.view(a).shape == (Shape{3, 2}));
  CHECK(store.find("layers.0.bias") == b);
  CHECK(!store.find("nope"));
  CHECK(store.all().shape == (Shape{9}));
  for (std::size_t i = 0; i < store.size(); ++i) CHECK(store.values()[i] == 0 && store.grads()[i] == 0);
  for (double& g : store.grad_span()) g = 3;
  store.zero_grad();
  for (double g : store.grad_span()) CHECK(g == 0);
  CHECK_THROWS_CODE(store.add("scale", Shape{4}), "INTERNAL", "\"scale\" is declared twice");
  CHECK_THROWS_CODE(store.view("nope"), "INTERNAL", "no parameter named \"nope\"");
  CHECK_THROWS_CODE(store.view(std::size_t{3}), "INTERNAL", "no parameter with id 3 (3 declared)");
}

CHECK_MAIN()
