// bench/grid_eval.cpp — how fast a landscape is sampled on a grid for a contour map
// (lab::land::evaluate_grid), for built-ins and for the same functions typed as formulas, on 1 thread and
// on all threads, beside an inline closed-form loop written here (the naive reference: no virtual call,
// no interpreter), timed in alternation with it.
// Before anything is timed: evaluate_grid must equal, bit for bit, grid.hpp's definition evaluated point
// by point, with and without the pool; built-ins and formulas must agree with the closed forms within
// 1e-12 (relative to 1 + |f|).
//   grid_eval           a readable report
//   grid_eval --json    one JSON object per line (what scripts/bench.mjs reads)
//   grid_eval --quick   a smoke run: 128² and 512² grids, 3 repetitions
// Exit code 1 if a check fails (that case is then not timed).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "landscape/formula.hpp"
#include "landscape/grid.hpp"
#include "runtime/thread_pool.hpp"
#include "paired_timing.hpp"

namespace {

using lab::ThreadPool;
using lab::land::Bounds;
using lab::land::Function2D;
using Clock = std::chrono::steady_clock;

bool g_json = false;

// The closed forms, written as the textbooks do.
double rosenbrock(double x, double y) {
  const double u = 1 - x, v = y - x * x;
  return u * u + 100 * v * v;
}
double ackley(double x, double y) {
  constexpr double two_pi = 2 * std::numbers::pi;
  const double r = std::sqrt(0.5 * (x * x + y * y));
  const double e2 = std::exp(0.5 * (std::cos(two_pi * x) + std::cos(two_pi * y)));
  return 20 * (1 - std::exp(-0.2 * r)) + (std::numbers::e - e2);
}

// The coordinates grid.hpp defines: x_col = lerp(xmin, xmax, col / (w − 1)), likewise y_row.
double coord(double lo, double hi, std::size_t i, int side) {
  return std::lerp(lo, hi, static_cast<double>(i) / (side - 1));
}

template <double (*F)(double, double)>
void inline_grid(Bounds b, int side, double* out, ThreadPool& pool);

struct Case {
  const char* function;  // "rosenbrock"
  const char* source;    // "builtin" or "formula"
  const char* spec;      // the built-in's name, or the formula text
  double (*closed)(double, double);
  void (*inline_ref)(Bounds, int, double*, ThreadPool&);
};
const Case kCases[] = {
    {"rosenbrock", "builtin", "rosenbrock", rosenbrock, inline_grid<rosenbrock>},
    {"rosenbrock", "formula", "(1 - x)^2 + 100*(y - x^2)^2", rosenbrock, inline_grid<rosenbrock>},
    {"ackley", "builtin", "ackley", ackley, inline_grid<ackley>},
    {"ackley", "formula", "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
     ackley, inline_grid<ackley>},
};

// The inline reference: the same lattice (x precomputed per column, as grid.cpp does), the closed form F
// inlined into the loop, rows chunked as grid.cpp chunks them.
template <double (*F)(double, double)>
void inline_grid(Bounds b, int side, double* out, ThreadPool& pool) {
  const auto w = static_cast<std::size_t>(side);
  std::vector<double> xs(w);
  for (std::size_t c = 0; c < w; ++c) xs[c] = coord(b.xmin, b.xmax, c, side);
  auto rows = [&](std::size_t r0, std::size_t r1) {
    for (std::size_t r = r0; r < r1; ++r) {
      const double y = coord(b.ymin, b.ymax, r, side);
      for (std::size_t c = 0; c < w; ++c) out[r * w + c] = F(xs[c], y);
    }
  };
  if (pool.size() == 1) rows(0, w);
  else pool.parallel_for(w, std::max<std::size_t>(1, 4096 / w), rows);
}

struct Check {
  bool same_bits_naive = false;  // evaluate_grid == f.value at grid.hpp's coordinates, point by point
  bool same_bits_pool = false;   // with the pool == without
  double max_err = 0;            // vs the closed form, |Δ| / (1 + |f|)
  bool ok() const { return same_bits_naive && same_bits_pool && max_err <= 1e-12; }
};

Check check_case(const Function2D& f, const Case& c, Bounds b, ThreadPool& all) {
  const int side = 203;  // odd, and more rows than threads
  const std::size_t n = static_cast<std::size_t>(side) * side;
  std::vector<double> plain(n), pooled(n), naive(n);
  lab::land::evaluate_grid(f, b, side, side, plain.data(), nullptr);
  lab::land::evaluate_grid(f, b, side, side, pooled.data(), &all);
  Check k;
  for (std::size_t r = 0; r < static_cast<std::size_t>(side); ++r)
    for (std::size_t col = 0; col < static_cast<std::size_t>(side); ++col) {
      const double x = coord(b.xmin, b.xmax, col, side), y = coord(b.ymin, b.ymax, r, side);
      naive[r * side + col] = f.value(x, y);
      const double want = c.closed(x, y);
      const double e = std::abs(naive[r * side + col] - want) / (1 + std::abs(want));
      k.max_err = std::max(k.max_err, std::isnan(e) ? INFINITY : e);
    }
  k.same_bits_naive = std::memcmp(plain.data(), naive.data(), n * sizeof(double)) == 0;
  k.same_bits_pool = std::memcmp(plain.data(), pooled.data(), n * sizeof(double)) == 0;
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) g_json = true;
    else if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else {
      std::fprintf(stderr, "usage: grid_eval [--json] [--quick]\n");
      return 2;
    }
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int reps = quick ? 3 : 5;
  const std::vector<int> sides = quick ? std::vector<int>{128, 512} : std::vector<int>{512, 2048};
  ThreadPool one(1), all(0);
  ThreadPool* pools[2] = {&one, &all};

  if (g_json)
    std::printf("{\"bench\":\"grid_eval\",\"kind\":\"machine\",\"threads_all\":%u,\"reps\":%d,\"quick\":%s}\n",
                all.size(), reps, quick ? "true" : "false");
  else
    std::printf("grid_eval: %u hardware threads, float64, median of %d repetitions\n\n", all.size(), reps);

  bool all_ok = true;
  if (!g_json)
    std::printf("%-10s %-7s %5s %3s %10s %9s %10s %9s\n", "function", "source", "side", "thr", "ms/grid", "ns/point",
                "inline ns", "ours/inl");
  for (const Case& c : kCases) {
    // Built-ins by name through the registry; formulas compiled, drawn over the built-in's view.
    const lab::land::Landscape builtin = lab::land::make_landscape(lab::Value(c.function), "function");
    const std::unique_ptr<Function2D> formula =
        std::strcmp(c.source, "formula") == 0 ? lab::land::compile_formula(c.spec) : nullptr;
    const Function2D& f = formula ? *formula : *builtin.fn;
    const Bounds b = builtin.bounds;

    const Check k = check_case(f, c, b, all);
    if (g_json)
      std::printf("{\"bench\":\"grid_eval\",\"kind\":\"check\",\"function\":\"%s\",\"source\":\"%s\","
                  "\"same_bits_naive\":%s,\"same_bits_pool\":%s,\"max_rel_err_closed_form\":%.3g,\"ok\":%s}\n",
                  c.function, c.source, k.same_bits_naive ? "true" : "false", k.same_bits_pool ? "true" : "false",
                  k.max_err, k.ok() ? "true" : "false");
    else if (!k.ok())
      std::printf("%-10s %-7s check FAILED: same bits as naive %s, with pool %s, max rel err vs closed form %.2e\n",
                  c.function, c.source, k.same_bits_naive ? "yes" : "NO", k.same_bits_pool ? "yes" : "NO", k.max_err);
    if (!k.ok()) {
      all_ok = false;
      continue;
    }

    for (int side : sides) {
      const std::size_t n = static_cast<std::size_t>(side) * side;
      std::vector<double> ours(n), ref(n);
      for (int p = 0; p < 2; ++p) {
        if (p == 1 && all.size() == 1) break;
        ThreadPool& pool = *pools[p];
        const auto [t_ours, t_ref] = paired_median_seconds(
            reps, [&] { lab::land::evaluate_grid(f, b, side, side, ours.data(), pool.size() == 1 ? nullptr : &pool); },
            [&] { c.inline_ref(b, side, ref.data(), pool); });
        const double ns = t_ours * 1e9 / n, ref_ns = t_ref * 1e9 / n;
        if (g_json)
          std::printf("{\"bench\":\"grid_eval\",\"kind\":\"grid\",\"function\":\"%s\",\"source\":\"%s\",\"side\":%d,"
                      "\"threads\":%u,\"ms_per_grid\":%.4f,\"ns_per_point\":%.4f,\"inline_ns_per_point\":%.4f,"
                      "\"ratio_to_inline\":%.3f,\"reps\":%d}\n",
                      c.function, c.source, side, pool.size(), t_ours * 1e3, ns, ref_ns, ns / ref_ns, reps);
        else
          std::printf("%-10s %-7s %5d %3u %10.3f %9.3f %10.3f %8.2fx\n", c.function, c.source, side, pool.size(),
                      t_ours * 1e3, ns, ref_ns, ns / ref_ns);
      }
    }
  }
  return all_ok ? 0 : 1;
}
