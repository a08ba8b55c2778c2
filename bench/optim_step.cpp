// bench/optim_step.cpp — how fast one optimizer step is over a flat float32 slab, set beside this
// machine's memory-bandwidth bound measured in the same process.
//
// For every registered optimizer, at 1e6 and 1e7 parameters, on 1 thread and on all threads (a
// lab::ThreadPool of hardware_concurrency): time per step and ns per parameter, the median of 11 timed
// repetitions (of 1e7 / n steps each) after one warm-up repetition. The bound of a rule is its bytes per parameter (reads
// of θ, g and each state array + writes of θ and each state array, 4 bytes each) divided by the best
// bandwidth measured here (copy, triad and an in-place update over arrays ≥ 4× the last-level cache,
// as baseline-ISA loops and, where the CPU has AVX2, as AVX2 loops).
// Before anything is timed, each kernel is checked against a scalar double-precision reference written
// below, and a step on all threads must give the same bits as a step on one thread.
//   optim_step           a readable report
//   optim_step --json    one JSON object per line (what scripts/bench.mjs reads)
//   optim_step --quick   a smoke run: 1e5 and 1e6 parameters, 3 repetitions
// Exit code 1 if a kernel fails its check (that optimizer is then not timed).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <utility>
#include <vector>
#if defined(__unix__)
#include <unistd.h>
#endif

#include "optim/registry.hpp"
#include "runtime/thread_pool.hpp"
#include "paired_timing.hpp"

namespace {

using lab::ThreadPool;
using lab::optim::Optimizer;
using Clock = std::chrono::steady_clock;

bool g_json = false;

// ---- timing ---------------------------------------------------------------------------------------

// Deterministic values in (-1, 1), never 0: a hash of (i, salt) — no RNG state to share between threads.
float wobble(std::size_t i, std::uint32_t salt) {
  std::uint32_t x = static_cast<std::uint32_t>(i) * 2654435761u ^ (salt * 0x9E3779B9u + 0x7F4A7C15u);
  x ^= x >> 15;
  x *= 0x2C1B3C6Du;
  x ^= x >> 12;
  return (static_cast<float>(x >> 8) + 0.5f) / 8388608.0f - 1.0f;
}

// ---- memory bandwidth -----------------------------------------------------------------------------

// The OS's view first (Linux sysfs: what lscpu shows; in a VM, cpuid may report the host's whole L3),
// then sysconf, then a guess.
std::size_t last_level_cache_bytes() {
  for (const char* path : {"/sys/devices/system/cpu/cpu0/cache/index3/size",
                           "/sys/devices/system/cpu/cpu0/cache/index2/size"}) {
    if (std::FILE* f = std::fopen(path, "r")) {
      unsigned long long v = 0;
      char unit = 0;
      const int got = std::fscanf(f, "%llu%c", &v, &unit);
      std::fclose(f);
      if (got >= 1 && v > 0) return static_cast<std::size_t>(v) << (unit == 'K' ? 10 : unit == 'M' ? 20 : 0);
    }
  }
#if defined(_SC_LEVEL3_CACHE_SIZE)
  const long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (l3 > 0) return static_cast<std::size_t>(l3);
#endif
  return std::size_t{32} << 20;
}

struct Bandwidth {
  double copy = 0, triad = 0, update = 0;  // GB/s (1e9 B/s), bytes counted as STREAM does (no write-allocate)
  double best() const { return std::max({copy, triad, update}); }
};

// The three streaming loops, written to stream as fast as this machine allows, since the bound must be
// what the machine can do, not what our build does: 64-byte-aligned arrays, unrolled, and besides the
// baseline ISA (what we ship) an AVX2 copy where the CPU has it (runtime dispatch, as the architecture
// allows) — on this kind of machine one core streams measurably faster with all three.
// copy a = b (8 B/elem), triad a = b + s·c (12 B/elem), update a = a·s + b (12 B/elem; the read-modify-
// write pattern of an optimizer step, so it has no write-allocate traffic; stays finite however often run).
#if defined(__GNUC__)
#define GRADLAB_UNROLL _Pragma("GCC unroll 4")
#else
#define GRADLAB_UNROLL
#endif
#define GRADLAB_BW_LOOPS(suffix, attr)                                                                 \
  attr void copy_##suffix(float* a, const float* b, const float*, std::size_t lo, std::size_t hi) {     \
    GRADLAB_UNROLL for (std::size_t i = lo; i < hi; ++i) a[i] = b[i];                                  \
  }                                                                                                    \
  attr void triad_##suffix(float* a, const float* b, const float* c, std::size_t lo, std::size_t hi) {  \
    GRADLAB_UNROLL for (std::size_t i = lo; i < hi; ++i) a[i] = b[i] + 0.5f * c[i];                    \
  }                                                                                                    \
  attr void update_##suffix(float* a, const float* b, const float*, std::size_t lo, std::size_t hi) {   \
    GRADLAB_UNROLL for (std::size_t i = lo; i < hi; ++i) a[i] = a[i] * 0.5f + b[i];                    \
  }
GRADLAB_BW_LOOPS(base, )
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define GRADLAB_HAVE_AVX2_LOOPS 1
GRADLAB_BW_LOOPS(avx2, __attribute__((target("avx2"))))
#endif
using BwLoop = void (*)(float*, const float*, const float*, std::size_t, std::size_t);

bool cpu_has_avx2() {
#if defined(GRADLAB_HAVE_AVX2_LOOPS)
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

// A float array on 64-byte (cache-line) boundaries.
struct AlignedFloats {
  explicit AlignedFloats(std::size_t n)
      : p(static_cast<float*>(::operator new[](n * sizeof(float), std::align_val_t{64}))) {}
  ~AlignedFloats() { ::operator delete[](p, std::align_val_t{64}); }
  AlignedFloats(const AlignedFloats&) = delete;
  AlignedFloats& operator=(const AlignedFloats&) = delete;
  float* data() const { return p; }
  float* p;
};

// Chunked by the pool as a step is.
Bandwidth measure_bandwidth(ThreadPool& pool, std::size_t n, int reps, bool avx2) {
  AlignedFloats a(n), b(n), c(n);
  pool.parallel_for(n, 1 << 16, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) a.p[i] = 1, b.p[i] = 2, c.p[i] = 3;
  });
  BwLoop loops[3] = {copy_base, triad_base, update_base};
#if defined(GRADLAB_HAVE_AVX2_LOOPS)
  if (avx2) loops[0] = copy_avx2, loops[1] = triad_avx2, loops[2] = update_avx2;
#endif
  double sec[3];
  for (int k = 0; k < 3; ++k)
    sec[k] = median_seconds(reps, [&] {
      pool.parallel_for(n, 1 << 16,
                        [&](std::size_t lo, std::size_t hi) { loops[k](a.data(), b.data(), c.data(), lo, hi); });
    });
  const double bytes = static_cast<double>(n) * sizeof(float);
  return {2 * bytes / sec[0] / 1e9, 3 * bytes / sec[1] / 1e9, 3 * bytes / sec[2] / 1e9};
}

// State arrays each rule keeps per parameter (the registry's state_names also lists derived values such
// as m̂, so it cannot be counted). Bytes per parameter = 4·(reads: θ, g, states + writes: θ, states).
int state_arrays(const std::string& type) {
  if (type == "sgd") return 0;
  if (type == "momentum" || type == "nesterov" || type == "adagrad" || type == "rmsprop") return 1;
  if (type == "adam" || type == "adamw" || type == "nadam" || type == "adadelta") return 2;
  if (type == "amsgrad") return 3;
  return -1;
}
int bytes_per_param(int k) { return k < 0 ? 0 : 4 * ((2 + k) + (1 + k)); }

// The same-traffic floor: a loop that moves exactly the arrays a rule with K state arrays moves (reads θ,
// g and K states; writes θ and K states) with one multiply-add per array and nothing else, over the same
// n on the same threads. Unlike the bound it sees the caches, so at sizes that fit in the last-level
// cache it still says how much of a step is arithmetic rather than data movement.
template <int K>
void traffic_range(float* th, const float* g, float* const* s, std::size_t lo, std::size_t hi) {
  float* s0 = s[0];
  float* s1 = s[1];
  float* s2 = s[2];
  for (std::size_t i = lo; i < hi; ++i) {
    float x = g[i];  // each value stays within ±2^(K+1): the loop may run any number of times
    if constexpr (K > 0) x = s0[i] = s0[i] * 0.5f + x;
    if constexpr (K > 1) x = s1[i] = s1[i] * 0.5f + x;
    if constexpr (K > 2) x = s2[i] = s2[i] * 0.5f + x;
    th[i] = th[i] * 0.5f + x;
  }
}

// The arrays of the floor loop for one size, shared by every rule (a rule with K states uses K of them).
struct Floor {
  explicit Floor(std::size_t n) : th(n), g(n), s0(n), s1(n), s2(n) {
    for (std::size_t i = 0; i < n; ++i) th[i] = wobble(i, 5), g[i] = wobble(i, 6);
  }
  // One pass, chunked exactly as Optimizer::step chunks.
  void pass(int k, ThreadPool& pool) {
    const std::size_t n = th.size(), grain = Optimizer<float>::kGrain;
    float* s[3] = {s0.data(), s1.data(), s2.data()};
    auto range = k == 0 ? traffic_range<0> : k == 1 ? traffic_range<1> : k == 2 ? traffic_range<2> : traffic_range<3>;
    auto body = [&](std::size_t lo, std::size_t hi) { range(th.data(), g.data(), s, lo, hi); };
    if (pool.size() == 1 || n < 2 * grain) body(0, n);
    else pool.parallel_for(n, grain, body);
  }
  lab::AlignedVector<float> th, g, s0, s1, s2;
};

// ---- the scalar double-precision references -------------------------------------------------------

// One rule's update written from its paper / PyTorch formula, in double, one parameter at a time.
// Hyper-parameters are read from the optimizer under test so both use the same values.
class Reference {
 public:
  Reference(const Optimizer<float>& opt, std::size_t n) : o_(opt), type_(opt.type()), a_(n), b_(n), c_(n) {}
  static bool knows(const std::string& t) { return state_arrays(t) >= 0; }

  void step(std::vector<double>& th, const std::vector<double>& grad, double lr) {
    ++t_;
    const double t = static_cast<double>(t_);
    const double wd = o_.get("weight_decay");
    const bool bc = hp("bias_correction", 0) != 0;  // Adam, AdamW, AMSGrad
    const double b1 = hp("beta1", 0), b2 = hp("beta2", 0), eps = hp("eps", 0);
    const double bc1 = bc ? 1 - std::pow(b1, t) : 1, bc2 = bc ? 1 - std::pow(b2, t) : 1;
    double mu = 0, mu_next = 0;
    if (type_ == "nadam") {
      const double psi = o_.get("momentum_decay");
      mu = b1 * (1 - 0.5 * std::pow(0.96, t * psi));
      mu_next = b1 * (1 - 0.5 * std::pow(0.96, (t + 1) * psi));
      prod_ *= mu;
    }
    for (std::size_t i = 0; i < th.size(); ++i) {
      double& x = th[i];
      double &a = a_[i], &b = b_[i], &c = c_[i];
      const double g = type_ == "adamw" ? grad[i] : grad[i] + wd * x;
      if (type_ == "sgd") {
        x -= lr * g;
      } else if (type_ == "momentum") {
        a = hp("beta", 0) * a - lr * g;
        x += a;
      } else if (type_ == "nesterov") {
        a = hp("beta", 0) * a - lr * g;
        x += hp("beta", 0) * a - lr * g;
      } else if (type_ == "adagrad") {
        a += g * g;
        x -= lr * g / (std::sqrt(a) + eps);
      } else if (type_ == "rmsprop") {
        a = hp("beta", 0) * a + (1 - hp("beta", 0)) * g * g;
        x -= lr * g / (std::sqrt(a) + eps);
      } else if (type_ == "adam" || type_ == "adamw" || type_ == "amsgrad") {
        if (type_ == "adamw") x *= 1 - lr * wd;
        a = b1 * a + (1 - b1) * g;
        b = b2 * b + (1 - b2) * g * g;
        c = std::max(c, b);
        const double v = type_ == "amsgrad" ? c : b;
        x -= lr * (a / bc1) / (std::sqrt(v / bc2) + eps);
      } else if (type_ == "nadam") {
        a = b1 * a + (1 - b1) * g;
        b = b2 * b + (1 - b2) * g * g;
        const double d = std::sqrt(b / (1 - std::pow(b2, t))) + eps;
        x -= lr * (1 - mu) / (1 - prod_) * g / d + lr * mu_next / (1 - prod_ * mu_next) * a / d;
      } else if (type_ == "adadelta") {
        const double rho = o_.get("rho");
        a = rho * a + (1 - rho) * g * g;
        const double dx = std::sqrt(b + eps) / std::sqrt(a + eps) * g;
        b = rho * b + (1 - rho) * dx * dx;
        x -= lr * dx;
      }
    }
  }

 private:
  double hp(const char* name, double fallback) const {
    for (const auto& h : o_.hypers())
      if (std::strcmp(h.name, name) == 0) return o_.get(name);
    return fallback;
  }
  const Optimizer<float>& o_;
  std::string type_;
  std::vector<double> a_, b_, c_;  // the rule's state arrays (velocity / G / m, v, v_max / E[g²], E[Δ²])
  std::int64_t t_ = 0;
  double prod_ = 1;  // NAdam's Π μ
};

struct Check {
  double max_err = 0;      // max |θ_float − θ_ref| / (1 + |θ_ref|) after the steps
  bool same_bits = true;   // all threads vs one thread
  bool ok = false;
};

// Five steps with changing gradients and weight decay on, against the reference; then three steps on a
// slab big enough for the pool to split, compared bit for bit with one thread.
Check check_kernel(const std::string& type, ThreadPool& all) {
  Check r;
  {
    const std::size_t n = 1037;  // not a multiple of any vector width: the loop tails run too
    auto opt = lab::optim::make_optimizer<float>(type);
    opt->set("weight_decay", 0.1);
    opt->reset(n);
    Reference ref(*opt, n);
    const double lr = opt->get("lr");
    lab::AlignedVector<float> th(n), g(n);
    std::vector<double> thd(n), gd(n);
    for (std::size_t i = 0; i < n; ++i) thd[i] = th[i] = wobble(i, 1);
    for (std::uint32_t s = 0; s < 5; ++s) {
      for (std::size_t i = 0; i < n; ++i) gd[i] = g[i] = wobble(i, 100 + s);
      opt->step(th.data(), g.data(), lr, nullptr);
      ref.step(thd, gd, lr);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double e = std::abs(th[i] - thd[i]) / (1 + std::abs(thd[i]));
      r.max_err = std::max(r.max_err, std::isnan(e) ? INFINITY : e);
    }
  }
  {
    const std::size_t n = 5 * Optimizer<float>::kGrain + 123;
    auto one = lab::optim::make_optimizer<float>(type), many = lab::optim::make_optimizer<float>(type);
    one->reset(n);
    many->reset(n);
    std::vector<float> t1(n), t2(n), g(n);
    for (std::size_t i = 0; i < n; ++i) t1[i] = t2[i] = wobble(i, 7), g[i] = wobble(i, 8);
    for (int s = 0; s < 3; ++s) {
      one->step(t1.data(), g.data(), one->get("lr"), nullptr);
      many->step(t2.data(), g.data(), many->get("lr"), &all);
    }
    r.same_bits = std::memcmp(t1.data(), t2.data(), n * sizeof(float)) == 0;
  }
  r.ok = r.max_err <= 1e-5 && r.same_bits;
  return r;
}

// ---- timing the steps -----------------------------------------------------------------------------

struct StepTime {
  double sec_per_step;
  double ns_per_param;        // ours
  double floor_ns_per_param;  // the same-traffic loop, timed right after ours
};

// Repetitions of k steps (k = 1e7 / n, so each repetition moves about as many bytes at every size).
StepTime time_steps(Optimizer<float>& opt, int k_states, lab::AlignedVector<float>& th, const lab::AlignedVector<float>& g,
                    Floor& floor, ThreadPool& pool, int reps) {
  const std::size_t n = th.size();
  const int k = static_cast<int>(std::max<std::size_t>(1, 10'000'000 / n));
  const double lr = opt.get("lr");
  // Each loop is timed on its own, back to back, as torch_optim.py times torch: in alternation the floor's
  // arrays pushed ours out of the caches and slowed a cache-resident step by 30–90 %.
  const double ours = median_seconds(reps, [&] { for (int s = 0; s < k; ++s) opt.step(th.data(), g.data(), lr, &pool); });
  const double ref = median_seconds(reps, [&] { for (int s = 0; s < k; ++s) floor.pass(k_states, pool); });
  const double per = 1e9 / static_cast<double>(n) / k;
  return {ours / k, ours * per, ref * per};
}

struct Row {
  std::string type;
  std::size_t n;
  unsigned threads;
  StepTime t;
  int bytes;            // per parameter
  double bound_ns;      // bytes / best bandwidth
  double footprint_mib; // θ, g and the state arrays
  int reps;
};

void print_row(const Row& r, std::size_t llc) {
  const double ns = r.t.ns_per_param, floor_ns = r.t.floor_ns_per_param;
  if (g_json)
    std::printf("{\"bench\":\"optim_step\",\"kind\":\"step\",\"optimizer\":\"%s\",\"n\":%zu,\"threads\":%u,"
                "\"ms_per_step\":%.4f,\"ns_per_param\":%.4f,\"bytes_per_param\":%d,\"bound_ns_per_param\":%.4f,"
                "\"ratio_to_bound\":%.3f,\"floor_ns_per_param\":%.4f,\"ratio_to_floor\":%.3f,"
                "\"footprint_mib\":%.1f,\"fits_in_llc\":%s,\"reps\":%d}\n",
                r.type.c_str(), r.n, r.threads, r.t.sec_per_step * 1e3, ns, r.bytes, r.bound_ns, ns / r.bound_ns,
                floor_ns, ns / floor_ns, r.footprint_mib, r.footprint_mib * 1048576.0 < llc ? "true" : "false",
                r.reps);
  else
    std::printf("%-9s %9zu %3u %9.3f %9.3f %5d %9.3f %7.2fx %9.3f %7.2fx%s\n", r.type.c_str(), r.n, r.threads,
                r.t.sec_per_step * 1e3, ns, r.bytes, r.bound_ns, ns / r.bound_ns, floor_ns, ns / floor_ns,
                r.footprint_mib * 1048576.0 < llc ? "  (fits in LLC)" : "");
}

// The 1-minute load average: other work on the machine skews every number, so it is reported.
double load_average() {
  double v = -1;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &v) != 1) v = -1;
    std::fclose(f);
  }
  return v;
}

void print_bandwidth(unsigned threads, const char* isa, const Bandwidth& bw, double array_mib) {
  if (g_json)
    std::printf("{\"bench\":\"optim_step\",\"kind\":\"bandwidth\",\"threads\":%u,\"isa\":\"%s\",\"copy_gbps\":%.3f,"
                "\"triad_gbps\":%.3f,\"update_gbps\":%.3f,\"best_gbps\":%.3f,\"array_mib\":%.0f}\n",
                threads, isa, bw.copy, bw.triad, bw.update, bw.best(), array_mib);
  else
    std::printf("bandwidth, %u thread(s), %-8s arrays of %.0f MiB: copy %.2f, triad %.2f, update %.2f GB/s\n", threads,
                isa, array_mib, bw.copy, bw.triad, bw.update);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) g_json = true;
    else if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else {
      std::fprintf(stderr, "usage: optim_step [--json] [--quick]\n");
      return 2;
    }
  }
  const int reps = quick ? 3 : 11;
  const std::vector<std::size_t> sizes = quick ? std::vector<std::size_t>{100'000, 1'000'000}
                                               : std::vector<std::size_t>{1'000'000, 10'000'000};
  ThreadPool one(1), all(0);
  const unsigned pools[2] = {1, all.size()};
  const std::size_t llc = last_level_cache_bytes();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);

  if (g_json)
    std::printf("{\"bench\":\"optim_step\",\"kind\":\"machine\",\"threads_all\":%u,\"llc_mib\":%.1f,\"reps\":%d,"
                "\"quick\":%s,\"load_average\":%.2f}\n",
                all.size(), llc / 1048576.0, reps, quick ? "true" : "false", load_average());
  else
    std::printf("optim_step: %u hardware threads, last-level cache %.1f MiB, median of %d repetitions, "
                "load average %.2f\n\n",
                all.size(), llc / 1048576.0, reps, load_average());

  // 1. Bandwidth: each array ≥ 4× the last-level cache, so every kernel streams from memory.
  const std::size_t bw_n = std::max<std::size_t>(4 * llc, std::size_t{128} << 20) / sizeof(float);
  double bound_gbps[2] = {0, 0};  // per thread count: the best loop of either ISA
  for (int p = 0; p < 2; ++p) {
    for (bool avx2 : {false, true}) {
      if (avx2 && !cpu_has_avx2()) continue;
      const Bandwidth bw = measure_bandwidth(p == 0 ? one : all, bw_n, quick ? 3 : 7, avx2);
      print_bandwidth(pools[p], avx2 ? "avx2" : "baseline", bw, bw_n * sizeof(float) / 1048576.0);
      bound_gbps[p] = std::max(bound_gbps[p], bw.best());
    }
    if (!g_json) std::printf("  -> the bound on %u thread(s) uses %.2f GB/s\n", pools[p], bound_gbps[p]);
  }

  // 2. Checks, before any timing.
  bool all_ok = true;
  std::vector<std::string> timed;
  if (!g_json) std::printf("\nkernel checks (5 steps vs double reference, weight_decay 0.1; %u threads vs 1):\n",
                           all.size());
  for (const auto& info : lab::optim::optimizer_list()) {
    const std::string type = info.type;
    if (!Reference::knows(type)) {
      std::printf(g_json ? "{\"bench\":\"optim_step\",\"kind\":\"check\",\"optimizer\":\"%s\",\"ok\":false,"
                           "\"error\":\"no reference in the bench\"}\n"
                         : "  %-9s no reference in the bench: not timed\n",
                  type.c_str());
      all_ok = false;
      continue;
    }
    const Check c = check_kernel(type, all);
    if (g_json)
      std::printf("{\"bench\":\"optim_step\",\"kind\":\"check\",\"optimizer\":\"%s\",\"max_rel_err\":%.3g,"
                  "\"same_bits_all_threads\":%s,\"ok\":%s}\n",
                  type.c_str(), c.max_err, c.same_bits ? "true" : "false", c.ok ? "true" : "false");
    else
      std::printf("  %-9s max rel err %.2e, same bits on all threads: %s  %s\n", type.c_str(), c.max_err,
                  c.same_bits ? "yes" : "NO", c.ok ? "ok" : "FAILED (not timed)");
    if (c.ok) timed.push_back(type);
    all_ok = all_ok && c.ok;
  }

  // 3. Steps, each beside the bound and the same-traffic floor (timed right after it).
  if (!g_json)
    std::printf("\n%-9s %9s %3s %9s %9s %5s %9s %8s %9s %8s\n", "optimizer", "params", "thr", "ms/step",
                "ns/param", "B/par", "bound ns", "ours/bnd", "floor ns", "ours/flr");
  for (std::size_t n : sizes) {
    lab::AlignedVector<float> th(n), g(n);
    for (std::size_t i = 0; i < n; ++i) g[i] = wobble(i, 3);
    Floor floor(n);
    for (const auto& type : timed) {
      const int k = state_arrays(type);
      auto opt = lab::optim::make_optimizer<float>(type);
      opt->reset(n);
      for (std::size_t i = 0; i < n; ++i) th[i] = wobble(i, 4);
      for (int p = 0; p < 2; ++p) {
        if (p == 1 && pools[1] == 1) break;  // one hardware thread: "all" is the same run
        const int bytes = bytes_per_param(k);
        const Row r{type, n, pools[p], time_steps(*opt, k, th, g, floor, p == 0 ? one : all, reps), bytes,
                    bytes / bound_gbps[p] /* bytes / (GB/s) = ns */, 4.0 * (2 + k) * n / 1048576.0, reps};
        print_row(r, llc);
      }
    }
  }
  return all_ok ? 0 : 1;
}
