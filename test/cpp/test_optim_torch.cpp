// Our optimizers against PyTorch: 50 updates on Rosenbrock (a=1, b=100) from (−1.5, 2) in float64,
// compared point by point with torch.optim's trajectories (test/fixtures/torch_rosenbrock.inc, made by
// test/fixtures/make_torch_fixture.py, which also says how each torch optimizer's settings map to ours).
// The two sides order a few floating-point operations differently (e.g. √v̂ as √v·(1/√(1−β2ᵗ)) here,
// √v/√(1−β2ᵗ) there), so agreement is to rounding amplified by 50 steps of a curved valley. With GCC on
// x86-64 most cases come out bit-identical and the worst differ by ~2e-15; the bound is 1e-9 so other
// compilers (FMA contraction, other libm) pass too. Regenerate with: python3 test/fixtures/make_torch_fixture.py
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "check.hpp"
#include "error.hpp"
#include "optim/registry.hpp"

namespace {

struct TorchCase {
  const char* type;
  std::vector<std::pair<const char*, double>> hypers;
  std::vector<std::array<double, 2>> trajectory;  // (x, y) after 0, 1, …, kTorchSteps updates
};

#include "../fixtures/torch_rosenbrock.inc"

// f = (1 − x)² + 100·(y − x²)²;  ∂f/∂x = −2·(1 − x) − 400·x·(y − x²);  ∂f/∂y = 200·(y − x²)
void rosenbrock_grad(const double* p, double* g) {
  const double x = p[0], y = p[1];
  g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  g[1] = 200 * (y - x * x);
}

}  // namespace

TEST("fixture covers every optimizer") {
  for (const auto& info : lab::optim::optimizer_list()) {
    bool found = false;
    for (const auto& c : kTorchCases) found = found || std::string(c.type) == info.type;
    if (!found) check::fail(__FILE__, __LINE__, std::string("no torch case for ") + info.type);
  }
}

TEST("trajectories match torch.optim to 1e-9") {
  for (const auto& c : kTorchCases) {
    auto opt = lab::optim::make_optimizer<double>(c.type);
    for (const auto& [name, value] : c.hypers) opt->set(name, value);
    opt->reset(2);
    double p[2] = {c.trajectory[0][0], c.trajectory[0][1]}, g[2];
    double worst = 0;
    for (int k = 1; k <= kTorchSteps; ++k) {
      rosenbrock_grad(p, g);
      opt->step(p, g, opt->get("lr"));
      for (int j = 0; j < 2; ++j) {
        const double want = c.trajectory[k][j];
        CHECK_REL(p[j], want, 1e-9);
        worst = std::fmax(worst, std::fabs(p[j] - want) / std::fmax(1.0, std::fabs(want)));
      }
    }
    std::printf("  %-9s", c.type);
    for (const auto& [name, value] : c.hypers) std::printf(" %s=%g", name, value);
    std::printf("  worst relative difference over %d steps: %.2g\n", kTorchSteps, worst);
  }
}

CHECK_MAIN()
