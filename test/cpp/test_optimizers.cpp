// The optimizers: first steps against hand-computed values, state read-out, weight decay, float vs
// double, thread-pool determinism, hyper-parameter errors, live changes, and convergence to known minima.
//
// Hand values: f(θ) = Σ ½·a_i·θ_i² with a = (1, 10, 1) from θ0 = (1, −2, 0.3), so g = a·θ is
// (1, −20, 0.3) at the start. Each rule's first update is worked out in its comment; updates 2 and 3
// apply the same rule to g = a·θ of the point reached. The literals were computed independently of this
// code (python3 floats, straight from the formulas in the headers).
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "optim/registry.hpp"
#include "runtime/thread_pool.hpp"

using lab::Value;
using lab::optim::Optimizer;

namespace {

using Hypers = std::vector<std::pair<const char*, double>>;

template <class T = double>
std::unique_ptr<Optimizer<T>> make(const char* type, const Hypers& hypers = {}) {
  auto opt = lab::optim::make_optimizer<T>(type);
  for (const auto& [name, value] : hypers) opt->set(name, value);
  return opt;
}

constexpr double kA[3] = {1, 10, 1};
constexpr double kTheta0[3] = {1, -2, 0.3};
constexpr double kHandTol = 1e-12;  // relative

// Runs `steps` updates on Σ ½·a_i·θ_i² from kTheta0 with the optimizer's own lr; returns θ after each.
struct Quadratic {
  std::vector<std::vector<double>> theta;               // theta[t − 1] = θ after update t
  std::vector<std::vector<std::vector<double>>> state;  // state[t − 1][i] = read_state(i) after update t
};
Quadratic run_quadratic(Optimizer<double>& opt, int steps) {
  Quadratic q;
  double th[3] = {kTheta0[0], kTheta0[1], kTheta0[2]}, g[3];
  opt.reset(3);
  for (int t = 1; t <= steps; ++t) {
    for (int i = 0; i < 3; ++i) g[i] = kA[i] * th[i];
    opt.step(th, g, opt.get("lr"));
    q.theta.emplace_back(th, th + 3);
    std::vector<std::vector<double>> st;
    for (int i = 0; i < 3; ++i) {
      std::vector<double> s(opt.state_names().size());
      opt.read_state(i, s.data());
      st.push_back(s);
    }
    q.state.push_back(st);
  }
  return q;
}

void check_theta(const Quadratic& q, int t, std::initializer_list<double> want, int line) {
  int i = 0;
  for (double w : want) {
    const double got = q.theta[t - 1][i];
    if (!check::rel_near(got, w, kHandTol))
      check::fail(__FILE__, line, "θ" + std::to_string(i) + " after update " + std::to_string(t) + " = " +
                                      check::num(got) + ", expected " + check::num(w));
    ++i;
  }
}
#define CHECK_THETA(q, t, ...) check_theta(q, t, {__VA_ARGS__}, __LINE__)

// Checks state value `name` of every coordinate after update t.
void check_state(const Optimizer<double>& opt, const Quadratic& q, int t, const char* name,
                 std::initializer_list<double> want, int line) {
  const auto names = opt.state_names();
  int k = -1;
  for (int j = 0; j < static_cast<int>(names.size()); ++j)
    if (std::strcmp(names[j], name) == 0) k = j;
  if (k < 0) return check::fail(__FILE__, line, std::string("no state named ") + name);
  int i = 0;
  for (double w : want) {
    const double got = q.state[t - 1][i][k];
    if (!check::rel_near(got, w, kHandTol))
      check::fail(__FILE__, line, std::string(name) + "[" + std::to_string(i) + "] after update " +
                                      std::to_string(t) + " = " + check::num(got) + ", expected " + check::num(w));
    ++i;
  }
}
#define CHECK_STATE(opt, q, t, name, ...) check_state(opt, q, t, name, {__VA_ARGS__}, __LINE__)

}  // namespace

// ---- the registry -------------------------------------------------------------------------------

TEST("registry lists the ten optimizers in order, each complete") {
  const char* expected[] = {"sgd",  "momentum", "nesterov", "adagrad", "rmsprop",
                            "adam", "adamw",    "amsgrad",  "nadam",   "adadelta"};
  const auto list = lab::optim::optimizer_list();
  CHECK(list.size() == 10);
  for (std::size_t k = 0; k < list.size() && k < 10; ++k) {
    const auto& info = list[k];
    CHECK(std::string(info.type) == expected[k]);
    CHECK(std::strlen(info.title) > 0 && std::strlen(info.formula) > 0 && std::strlen(info.paper) > 0);
    CHECK(std::string(info.paper).find("19") != std::string::npos ||
          std::string(info.paper).find("20") != std::string::npos);  // has a year
    CHECK(&lab::optim::optimizer_info(info.type) == &info);
    auto d = lab::optim::make_optimizer<double>(info.type);
    auto f = lab::optim::make_optimizer<float>(info.type);
    CHECK(std::string(d->type()) == info.type && std::string(f->type()) == info.type);
    // The info's hypers and state names are the instances'.
    CHECK(d->hypers().size() == info.hypers.size() && f->hypers().size() == info.hypers.size());
    CHECK(d->state_names().size() == info.state_names.size());
    for (std::size_t j = 0; j < info.state_names.size(); ++j)
      CHECK(std::string(d->state_names()[j]) == info.state_names[j]);
    // Every optimizer has lr > 0; every default is what a fresh instance reports and lies in its range.
    bool has_lr = false;
    for (const auto& h : info.hypers) {
      if (std::string(h.name) == "lr") {
        has_lr = true;
        CHECK(h.range.lo == 0 && h.range.lo_open && !h.is_bool);
      }
      CHECK_NEAR(d->get(h.name), h.def, 0.0);
      CHECK_NEAR(f->get(h.name), h.def, 0.0);
      CHECK(h.range.contains(h.def));
      CHECK(h.doc != nullptr && std::strlen(h.doc) > 0);
    }
    CHECK(has_lr);
    // weight_decay exists everywhere (PyTorch has it for all ten), default 0 except AdamW's 0.01.
    CHECK_NEAR(d->get("weight_decay"), std::string(info.type) == "adamw" ? 0.01 : 0.0, 0.0);
  }
}

TEST("state names are the documented ones") {
  auto names = [](const char* type) {
    std::string s;
    for (const char* n : lab::optim::optimizer_info(type).state_names) s += std::string(s.empty() ? "" : ",") + n;
    return s;
  };
  CHECK(names("sgd") == "");
  CHECK(names("momentum") == "v");
  CHECK(names("nesterov") == "v");
  CHECK(names("adagrad") == "G");
  CHECK(names("rmsprop") == "G");
  CHECK(names("adam") == "m,v,m_hat,v_hat");
  CHECK(names("adamw") == "m,v,m_hat,v_hat");
  CHECK(names("amsgrad") == "m,v,m_hat,v_hat");
  CHECK(names("nadam") == "m,v,v_hat");
  CHECK(names("adadelta") == "Eg2,Edx2");
}

TEST("defaults are PyTorch's (and the primer's)") {
  CHECK_NEAR(make("sgd")->get("lr"), 0.01, 0);
  CHECK_NEAR(make("momentum")->get("beta"), 0.9, 0);
  CHECK_NEAR(make("nesterov")->get("beta"), 0.9, 0);
  CHECK_NEAR(make("adagrad")->get("eps"), 1e-10, 0);
  CHECK_NEAR(make("rmsprop")->get("beta"), 0.99, 0);
  CHECK_NEAR(make("rmsprop")->get("eps"), 1e-8, 0);
  auto adam = make("adam");
  CHECK_NEAR(adam->get("lr"), 0.001, 0);
  CHECK_NEAR(adam->get("beta1"), 0.9, 0);
  CHECK_NEAR(adam->get("beta2"), 0.999, 0);
  CHECK_NEAR(adam->get("eps"), 1e-8, 0);
  CHECK_NEAR(adam->get("bias_correction"), 1, 0);
  CHECK_NEAR(make("nadam")->get("lr"), 0.002, 0);
  CHECK_NEAR(make("nadam")->get("momentum_decay"), 0.004, 0);
  CHECK_NEAR(make("adadelta")->get("lr"), 1.0, 0);
  CHECK_NEAR(make("adadelta")->get("rho"), 0.9, 0);
  CHECK_NEAR(make("adadelta")->get("eps"), 1e-6, 0);
}

TEST("unknown optimizer names the path and lists the types") {
  CHECK_THROWS_CODE(lab::optim::optimizer_info("adamm", "race.optimizers[2].type"), lab::code::unknown_optimizer,
                    "race.optimizers[2].type: unknown optimizer \"adamm\"; expected one of: sgd, momentum, "
                    "nesterov, adagrad, rmsprop, adam, adamw, amsgrad, nadam, adadelta");
  CHECK_THROWS_CODE(lab::optim::make_optimizer<float>("lbfgs"), lab::code::unknown_optimizer,
                    "type: unknown optimizer \"lbfgs\"");
  CHECK_THROWS_CODE(lab::optim::make_optimizer<double>(""), lab::code::unknown_optimizer, "unknown optimizer \"\"");
}

// ---- first three updates against hand values ------------------------------------------------------

TEST("sgd: three updates by hand") {
  // θ ← θ − lr·g with lr = 0.01, so each coordinate is θ0·(1 − lr·a)ᵗ:
  // t=1: (1 − 0.01·1, −2 − 0.01·(−20), 0.3 − 0.01·0.3) = (0.99, −1.8, 0.297)
  // t=2: (0.99², −2·0.9², 0.3·0.99²);  t=3: (0.99³, −2·0.9³, 0.3·0.99³)
  auto opt = make("sgd");
  auto q = run_quadratic(*opt, 3);
  CHECK_THETA(q, 1, 0.99, -1.8, 0.297);
  CHECK_THETA(q, 2, 0.9801, -1.62, 0.29403);
  CHECK_THETA(q, 3, 0.970299, -1.458, 0.2910897);
}

TEST("sgd with weight decay: three updates by hand") {
  // g ← a·θ + 0.1·θ, so each coordinate is θ0·(1 − 0.01·(a + 0.1))ᵗ = (0.989ᵗ, −2·0.899ᵗ, 0.3·0.989ᵗ)
  // t=1: (0.989, −1.798, 0.2967)
  auto opt = make("sgd", {{"weight_decay", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_THETA(q, 1, 0.989, -1.798, 0.2967);
  CHECK_THETA(q, 2, 0.978121, -1.616402, 0.2934363);
  CHECK_THETA(q, 3, 0.967361669, -1.453145398, 0.2902085007);
}

TEST("momentum: the primer's form v = β·v − lr·g; θ += v, value by value") {
  // lr = 0.01, β = 0.9, v0 = 0.
  // t=1: v = −0.01·(1, −20, 0.3) = (−0.01, 0.2, −0.003);  θ = (0.99, −1.8, 0.297)
  // t=2: g = (0.99, −18, 0.297);  v = 0.9·v − 0.01·g = (−0.0189, 0.36, −0.00567);  θ = (0.9711, −1.44, 0.29133)
  // t=3: g = (0.9711, −14.4, 0.29133);  v = (−0.026721, 0.468, −0.0080163);  θ = (0.944379, −0.972, 0.2833137)
  auto opt = make("momentum");
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "v", -0.01, 0.2, -0.003);
  CHECK_THETA(q, 1, 0.99, -1.8, 0.297);
  CHECK_STATE(*opt, q, 2, "v", -0.0189, 0.36, -0.00567);
  CHECK_THETA(q, 2, 0.9711, -1.44, 0.29133);
  CHECK_STATE(*opt, q, 3, "v", -0.026721, 0.468, -0.0080163);
  CHECK_THETA(q, 3, 0.944379, -0.972, 0.2833137);
}

TEST("nesterov: look-ahead form, three updates by hand") {
  // lr = 0.01, β = 0.9.  v = β·v − lr·g;  θ += β·v − lr·g.
  // t=1: v = (−0.01, 0.2, −0.003);  θ = θ0 + 0.9·v − 0.01·g = (1 − 0.009 − 0.01, −2 + 0.18 + 0.2, 0.3 − 0.0027 − 0.003)
  //      = (0.981, −1.62, 0.2943)
  // t=2: g = (0.981, −16.2, 0.2943);  v = (−0.01881, 0.342, −0.005643);  θ = (0.954261, −1.1502, 0.2862783)
  // t=3: v = (−0.02647161, 0.42282, −0.007941483);  θ = (0.920893941, −0.654642, 0.2762681823)
  auto opt = make("nesterov");
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "v", -0.01, 0.2, -0.003);
  CHECK_THETA(q, 1, 0.981, -1.62, 0.2943);
  CHECK_STATE(*opt, q, 2, "v", -0.01881, 0.342, -0.005643);
  CHECK_THETA(q, 2, 0.954261, -1.1502, 0.2862783);
  CHECK_STATE(*opt, q, 3, "v", -0.02647161, 0.42282, -0.007941483);
  CHECK_THETA(q, 3, 0.920893941, -0.654642, 0.2762681823);
}

TEST("adagrad: three updates by hand") {
  // lr = 0.1, ε = 1e-10.  G += g²;  θ −= lr·g/(√G + ε).
  // t=1: G = (1, 400, 0.09);  θ = (1 − 0.1·1/(1 + 1e-10), −2 + 0.1·20/(20 + 1e-10), 0.3 − 0.1·0.3/(0.3 + 1e-10))
  //      = (0.90000000001, −1.9000000000005, 0.20000000003333333)
  // t=2: g = a·θ1;  G = (1.810000000018, 761.00000000019, 0.13000000001333334)
  auto opt = make("adagrad", {{"lr", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "G", 1, 400, 0.09);
  CHECK_THETA(q, 1, 0.90000000001, -1.9000000000005, 0.20000000003333332);
  CHECK_STATE(*opt, q, 2, "G", 1.8100000000179999, 761.00000000019, 0.13000000001333334);
  CHECK_THETA(q, 2, 0.8331035268523168, -1.8311250538092707, 0.14452998041979465);
  CHECK_STATE(*opt, q, 3, "G", 2.5040614864717687, 1096.3018962689905, 0.15088891525347956);
  CHECK_THETA(q, 3, 0.7804561813655163, -1.7758215150094772, 0.10732258450358707);
}

TEST("rmsprop: three updates by hand") {
  // lr = 0.01, β = 0.99, ε = 1e-8.  G = β·G + (1 − β)·g²;  θ −= lr·g/(√G + ε).
  // t=1: G = 0.01·g² = (0.01, 4, 0.0009);  √G = 0.1·|g|, so θ = θ0 − 0.01·g/(0.1·|g| + 1e-8) ≈ θ0 − 0.1·sign(g):
  //      (0.90000001, −1.9000000005, 0.2000000333)
  auto opt = make("rmsprop");
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "G", 0.010000000000000009, 4.0000000000000036, 0.0009000000000000007);
  CHECK_THETA(q, 1, 0.9000000099999991, -1.9000000005, 0.20000003333332225);
  CHECK_STATE(*opt, q, 2, "G", 0.018000000180000003, 7.5700000019000075, 0.0012910001333333013);
  CHECK_THETA(q, 2, 0.8329179752650593, -1.830943326143927, 0.1443370084232927);
  CHECK_STATE(*opt, q, 3, "G", 0.024757523713396467, 10.846653465431997, 0.001486421852005825);
  CHECK_THETA(q, 3, 0.7799822819823541, -1.7753494420032538, 0.10689953370682741);
}

TEST("adam: three updates by hand, with m, v, m_hat, v_hat") {
  // lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8.
  // t=1: m = 0.1·g = (0.1, −2, 0.03);  v = 0.001·g² = (0.001, 0.4, 0.00009);
  //      m̂ = m/0.1 = g;  v̂ = v/0.001 = g²;  θ = θ0 − 0.1·g/(|g| + 1e-8) = (0.900000001, −1.90000000005, 0.20000000333)
  // t=2: g = a·θ1;  m = 0.9·m + 0.1·g;  v = 0.999·v + 0.001·g²;  m̂ = m/0.19;  v̂ = v/0.001999
  auto opt = make("adam", {{"lr", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "m", 0.09999999999999998, -1.9999999999999996, 0.029999999999999992);
  CHECK_STATE(*opt, q, 1, "v", 0.0010000000000000009, 0.40000000000000036, 9.000000000000007e-05);
  CHECK_STATE(*opt, q, 1, "m_hat", 1.0, -20.0, 0.3);
  CHECK_STATE(*opt, q, 1, "v_hat", 1.0, 400.0, 0.09);
  CHECK_THETA(q, 1, 0.900000001, -1.90000000005, 0.2000000033333332);
  CHECK_STATE(*opt, q, 2, "m_hat", 0.9473684215789473, -19.473684210789475, 0.24736842280701746);
  CHECK_STATE(*opt, q, 2, "v_hat", 0.9049524771385824, 380.4902451320715, 0.06498749441387452);
  CHECK_THETA(q, 2, 0.8004122297123382, -1.8001664857113877, 0.10296479413987128);
  CHECK_STATE(*opt, q, 3, "m", 0.24204122306123377, -5.130166485756387, 0.0525964797139871);
  CHECK_STATE(*opt, q, 3, "v", 0.0024478507392712793, 1.0838993376468307, 0.00014038184016426614);
  CHECK_STATE(*opt, q, 3, "m_hat", 0.893141044506398, -18.93050363747745, 0.1940829509741222);
  CHECK_STATE(*opt, q, 3, "v_hat", 0.8167667409090887, 361.6613199818188, 0.04684077187971115);
  CHECK_THETA(q, 3, 0.701586274504415, -1.7006233914339461, 0.013288976474289949);
}

TEST("adam without bias correction: three updates by hand") {
  // m̂ = m, v̂ = v.  t=1: m = 0.1·g, v = 0.001·g², step = 0.1·0.1·g/(√0.001·|g| + 1e-8) ≈ 0.316·sign(g):
  //      θ = (1 − 0.01/(0.0316227766 + 1e-8), …) = (0.68377233398, −1.68377223898, −0.01622743268)
  auto opt = make("adam", {{"lr", 0.1}, {"bias_correction", 0}});
  auto q = run_quadratic(*opt, 3);
  CHECK_THETA(q, 1, 0.6837723339831306, -1.6837722389831622, -0.01622743268385579);
  CHECK_STATE(*opt, q, 1, "m_hat", 0.09999999999999998, -1.9999999999999996, 0.029999999999999992);
  CHECK_STATE(*opt, q, 1, "v_hat", 0.0010000000000000009, 0.40000000000000036, 9.000000000000007e-05);
  CHECK_THETA(q, 2, 0.2702061690866708, -1.26226525147689, -0.2834697094007468);
  CHECK_STATE(*opt, q, 3, "m", 0.1695601269671488, -4.397660266561735, -0.005507439881621699);
  CHECK_STATE(*opt, q, 3, "v_hat", 0.0015380894339285132, 0.8417571428903624, 0.00017043823238968152);
  CHECK_THETA(q, 3, -0.16214120740030852, -0.7829422548676732, -0.24128394510953768);
}

TEST("adam with L2 weight decay: three updates by hand") {
  // g ← a·θ + 0.1·θ = (1.1, −20.2, 0.33) at the start;  t=1: m̂ = g, v̂ = g², θ = θ0 − 0.1·g/(|g| + 1e-8)
  auto opt = make("adam", {{"lr", 0.1}, {"weight_decay", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "m_hat", 1.1, -20.2, 0.33);
  CHECK_THETA(q, 1, 0.9000000009090909, -1.900000000049505, 0.20000000303030294);
  CHECK_THETA(q, 2, 0.8004122295267845, -1.800166485710387, 0.10296479350809841);
  CHECK_STATE(*opt, q, 3, "m", 0.26624534533794625, -5.181468150612489, 0.0578561275858908);
  CHECK_STATE(*opt, q, 3, "v_hat", 0.988287756314072, 368.9307125132667, 0.05667733387303515);
  CHECK_THETA(q, 3, 0.7015862742210723, -1.70062339143243, 0.0132889755398235);
}

TEST("adamw: decoupled decay, three updates by hand") {
  // lr = 0.1, λ = 0.1.  θ ← θ·(1 − 0.01), then Adam's step with g = a·θ (no λ in g):
  // t=1: θ = 0.99·θ0 − 0.1·g/(|g| + 1e-8) = (0.99 − 0.099999999…, −1.98 + 0.1, 0.297 − 0.1) = (0.890000001, −1.88000000005, 0.1970000033)
  auto opt = make("adamw", {{"lr", 0.1}, {"weight_decay", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "m_hat", 1.0, -20.0, 0.3);
  CHECK_THETA(q, 1, 0.890000001, -1.88000000005, 0.1970000033333332);
  CHECK_STATE(*opt, q, 2, "m", 0.17900000009999995, -3.680000000049999, 0.04670000033333331);
  CHECK_STATE(*opt, q, 2, "v_hat", 0.895997999889958, 376.70835418649864, 0.06439169650492003);
  CHECK_THETA(q, 2, 0.7815718569541611, -1.7614089501813404, 0.09816914080832523);
  CHECK_STATE(*opt, q, 3, "m_hat", 0.8828678442266278, -18.72106623699757, 0.19131702723554433);
  CHECK_THETA(q, 3, 0.6751012231892007, -1.6443686829514537, 0.008103414396649189);
}

TEST("amsgrad: v_max takes over when v falls, three updates by hand") {
  // lr = 0.1, β2 = 0.5 (a short memory, so v falls within three updates).
  // t=1: as Adam: v = 0.5·g² = (0.5, 200, 0.045) = v_max;  θ = (0.900000001, −1.90000000005, 0.2000000033)
  // t=2: coordinate 2: g = 0.2, v = 0.5·0.045 + 0.5·0.04 = 0.0425 < v_max = 0.045, so v̂ = 0.045/0.75 = 0.06
  // t=3: coordinate 0 falls too: v = 0.6464 < v_max = 0.6550000009, v̂ = 0.6550000009/0.875
  auto opt = make("amsgrad", {{"lr", 0.1}, {"beta2", 0.5}});
  auto q = run_quadratic(*opt, 3);
  CHECK_THETA(q, 1, 0.900000001, -1.90000000005, 0.2000000033333332);
  CHECK_STATE(*opt, q, 2, "v", 0.6550000009, 280.50000000949996, 0.04250000066666665);
  CHECK_STATE(*opt, q, 2, "v_hat", 0.8733333345333333, 374.0000000126666, 0.06);
  CHECK_THETA(q, 2, 0.7986254645971879, -1.7993039762612777, 0.09901227173043313);
  CHECK_STATE(*opt, q, 3, "m", 0.24186254654971873, -5.129303976306277, 0.05220122747304329);
  CHECK_STATE(*opt, q, 3, "v", 0.646401316801537, 302.1247399542322, 0.02615171530994389);
  CHECK_STATE(*opt, q, 3, "m_hat", 0.8924817215856783, -18.927320945779627, 0.192624455620086);
  CHECK_STATE(*opt, q, 3, "v_hat", 0.7485714296, 345.2854170905511, 0.05142857142857143);
  CHECK_THETA(q, 3, 0.6954722654500891, -1.6974448309162982, 0.014072874475917554);
}

TEST("nadam: three updates by hand") {
  // lr = 0.1, β1 = 0.9, β2 = 0.999, ψ = 0.004.
  // t=1: μ1 = 0.9·(1 − ½·0.96^0.004) = 0.45007347359…, μ2 = 0.9·(1 − ½·0.96^0.008);  Π = μ1
  //      m = 0.1·g, v = 0.001·g², d = |g| + 1e-8
  //      θ = θ0 − 0.1·(1 − μ1)/(1 − Π)·g/d − 0.1·μ2/(1 − Π·μ2)·m/d = θ0 − 0.1·(1 + 0.1·μ2/(1 − μ1·μ2))·sign(g)
  //        = (0.894354823…, −1.894354822…, 0.194354825…)
  // t=2, 3: Π = μ1·μ2 = 0.2025991947…, then μ1·μ2·μ3 = 0.0912142874…
  auto opt = make("nadam", {{"lr", 0.1}});
  auto q = run_quadratic(*opt, 3);
  CHECK_THETA(q, 1, 0.894354823220913, -1.8943548222172837, 0.19435482568596696);
  CHECK_STATE(*opt, q, 1, "v_hat", 1.0, 400.0, 0.09);
  CHECK_STATE(*opt, q, 2, "m", 0.17943548232209128, -3.694354822217283, 0.046435482568596684);
  CHECK_STATE(*opt, q, 2, "v", 0.001798870549818512, 0.7584580192457884, 0.00012768379826742272);
  CHECK_THETA(q, 2, 0.8199730715315754, -1.8178975304410705, 0.13222468322059164);
  CHECK_STATE(*opt, q, 3, "v_hat", 0.8239661973104516, 363.0878682873037, 0.04839487251487109);
  CHECK_THETA(q, 3, 0.7527292676155415, -1.7475085007641595, 0.08412011308002793);
}

TEST("adadelta: three updates by hand") {
  // lr = 1, ρ = 0.9, ε = 1e-6.
  // t=1: E[g²] = 0.1·g² = (0.1, 40, 0.009);  Δ = −√(0 + 1e-6)/√(E[g²] + 1e-6)·g = (−0.00316226…, 0.00316227…, −0.00316210…)
  //      E[Δ²] = 0.1·Δ² = (9.9999e-7, 9.99999975e-7, 9.9988890e-7);  θ = θ0 + Δ = (0.99683773815, −1.99683772238, 0.29683789801)
  auto opt = make("adadelta");
  auto q = run_quadratic(*opt, 3);
  CHECK_STATE(*opt, q, 1, "Eg2", 0.09999999999999998, 39.99999999999999, 0.008999999999999998);
  CHECK_STATE(*opt, q, 1, "Edx2", 9.999900000999991e-07, 9.999999750000008e-07, 9.998889012331965e-07);
  CHECK_THETA(q, 1, 0.9968377381511013, -1.99683772237936, 0.296837898007285);
  CHECK_STATE(*opt, q, 2, "Eg2", 0.18936854762022032, 75.8736088951719, 0.016911273769338327);
  CHECK_STATE(*opt, q, 2, "Edx2", 1.9494527750289427e-06, 1.951053392563335e-06, 1.941839661411336e-06);
  CHECK_THETA(q, 2, 0.9935981984076517, -1.9935957269829054, 0.2936099890087204);
  CHECK_STATE(*opt, q, 3, "Eg2", 0.2691554308460914, 108.03048723209969, 0.023840828956974584);
  CHECK_STATE(*opt, q, 3, "Edx2", 2.8363356450248696e-06, 2.8416357505805847e-06, 2.8113604103176853e-06);
  CHECK_THETA(q, 3, 0.9903090828008376, -1.9903007494453893, 0.29034854038112023);
}

TEST("read_state before any update and out of range") {
  for (const auto& info : lab::optim::optimizer_list()) {
    auto opt = make(info.type);
    opt->reset(2);
    CHECK(opt->size() == 2 && opt->steps() == 0);
    std::vector<double> s(info.state_names.size(), -1);
    opt->read_state(1, s.data());
    for (double x : s) CHECK_NEAR(x, 0, 0);  // all state starts at zero (m̂, v̂ too: no division by 1 − β⁰)
    CHECK_THROWS_CODE(opt->read_state(2, s.data()), lab::code::internal, "out of range");
  }
}

TEST("reset clears state and the step count") {
  for (const auto& info : lab::optim::optimizer_list()) {
    auto opt = make(info.type, {{"lr", 0.1}});
    auto first = run_quadratic(*opt, 3);  // run_quadratic resets before running
    CHECK(opt->steps() == 3);
    auto again = run_quadratic(*opt, 3);
    for (int t = 0; t < 3; ++t)
      for (int i = 0; i < 3; ++i) CHECK(first.theta[t][i] == again.theta[t][i]);
  }
}

// ---- float and double, thread pool -----------------------------------------------------------

TEST("float and double instantiations agree") {
  for (const auto& info : lab::optim::optimizer_list()) {
    auto d = make<double>(info.type, {{"lr", 0.01}});
    auto f = make<float>(info.type, {{"lr", 0.01}});
    d->reset(3);
    f->reset(3);
    double td[3] = {kTheta0[0], kTheta0[1], kTheta0[2]}, gd[3];
    float tf[3] = {1.0f, -2.0f, 0.3f}, gf[3];
    for (int t = 0; t < 20; ++t) {
      for (int i = 0; i < 3; ++i) {
        gd[i] = kA[i] * td[i];
        gf[i] = static_cast<float>(kA[i]) * tf[i];
      }
      d->step(td, gd, 0.01);
      f->step(tf, gf, 0.01);
    }
    for (int i = 0; i < 3; ++i) {
      if (!check::rel_near(tf[i], td[i], 1e-5))
        check::fail(__FILE__, __LINE__, std::string(info.type) + ": float " + check::num(tf[i]) + " vs double " +
                                            check::num(td[i]));
    }
    std::vector<double> sd(info.state_names.size()), sf(info.state_names.size());
    for (int i = 0; i < 3; ++i) {
      d->read_state(i, sd.data());
      f->read_state(i, sf.data());
      for (std::size_t k = 0; k < sd.size(); ++k) CHECK(check::rel_near(sf[k], sd[k], 1e-4));
    }
  }
}

TEST("a step on a 4-thread pool gives the same bits as without (1e6 parameters)") {
  constexpr std::size_t n = 1000000;
  lab::ThreadPool pool(4);
  CHECK(n >= 2 * Optimizer<float>::kGrain);  // really takes the parallel path
  for (const auto& info : lab::optim::optimizer_list()) {
    auto serial = make<float>(info.type, {{"lr", 0.01}});
    auto parallel = make<float>(info.type, {{"lr", 0.01}});
    serial->reset(n);
    parallel->reset(n);
    std::vector<float> a(n), ts(n), tp(n), g(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = 0.5f + static_cast<float>(i % 97) / 10.0f;
      ts[i] = tp[i] = std::sin(static_cast<float>(i)) * 3.0f;
    }
    for (int t = 0; t < 3; ++t) {
      for (std::size_t i = 0; i < n; ++i) g[i] = a[i] * ts[i];
      serial->step(ts.data(), g.data(), 0.01);
      for (std::size_t i = 0; i < n; ++i) g[i] = a[i] * tp[i];
      parallel->step(tp.data(), g.data(), 0.01, &pool);
    }
    const bool same = std::memcmp(ts.data(), tp.data(), n * sizeof(float)) == 0;
    if (!same) check::fail(__FILE__, __LINE__, std::string(info.type) + ": pool changed the result");
    std::vector<double> s1(info.state_names.size()), s2(info.state_names.size());
    for (std::size_t i : {std::size_t(0), n / 2, n - 1}) {
      serial->read_state(i, s1.data());
      parallel->read_state(i, s2.data());
      CHECK(s1 == s2);
    }
  }
}

// ---- hyper-parameters: set/get, errors, configure, live changes -------------------------------

TEST("set and get hyper-parameters") {
  auto opt = make("adam");
  opt->set("lr", 0.05);
  opt->set("beta2", 0.95);
  opt->set("bias_correction", 0);
  CHECK_NEAR(opt->get("lr"), 0.05, 0);
  CHECK_NEAR(opt->get("beta2"), 0.95, 0);
  CHECK_NEAR(opt->get("bias_correction"), 0, 0);
  opt->set("bias_correction", 1);
  CHECK_NEAR(opt->get("bias_correction"), 1, 0);
}

TEST("set refuses bad values with codes and messages") {
  auto opt = make("adam");
  CHECK_THROWS_CODE(opt->set("lr", -1), lab::code::invalid_config, "adam.lr: expected a finite number > 0, got -1");
  CHECK_THROWS_CODE(opt->set("lr", 0), lab::code::invalid_config, "adam.lr: expected a finite number > 0, got 0");
  CHECK_THROWS_CODE(opt->set("lr", std::nan("")), lab::code::invalid_config, "got NaN");
  CHECK_THROWS_CODE(opt->set("lr", INFINITY), lab::code::invalid_config, "got Infinity");
  CHECK_THROWS_CODE(opt->set("beta1", 1), lab::code::invalid_config, "adam.beta1: expected a finite number in [0, 1), got 1");
  CHECK_THROWS_CODE(opt->set("weight_decay", -0.1), lab::code::invalid_config, "adam.weight_decay:");
  CHECK_THROWS_CODE(opt->set("bias_correction", 0.5), lab::code::invalid_config,
                    "adam.bias_correction: expected true or false, got 0.5");
  CHECK_THROWS_CODE(opt->set("bias_correction", 2), lab::code::invalid_config, "expected true or false, got 2");
  CHECK_THROWS_CODE(opt->set("momentum", 0.9), lab::code::unknown_hyperparameter,
                    "adam has no hyper-parameter \"momentum\"; expected one of: lr, beta1, beta2, eps, weight_decay, "
                    "bias_correction");
  CHECK_THROWS_CODE(opt->get("beta"), lab::code::unknown_hyperparameter, "adam has no hyper-parameter \"beta\"");
  CHECK_NEAR(opt->get("lr"), 0.001, 0);  // a refused value changes nothing
  CHECK_THROWS_CODE(make("adadelta")->set("rho", 1.5), lab::code::invalid_config, "adadelta.rho: expected a finite number in [0, 1], got 1.5");
}

TEST("configure sets hyper-parameters from a config object, errors name the field path") {
  Value::Object o{{"type", "adam"}, {"name", "mine"}, {"lr", 0.02}, {"beta1", 0.8}, {"bias_correction", false},
                  {"eps", nullptr}};
  auto opt = make("adam");
  lab::optim::configure(*opt, lab::Reader(Value(o), "race.optimizers[0]"), {"type", "name", "schedule"});
  CHECK_NEAR(opt->get("lr"), 0.02, 0);
  CHECK_NEAR(opt->get("beta1"), 0.8, 0);
  CHECK_NEAR(opt->get("bias_correction"), 0, 0);
  CHECK_NEAR(opt->get("eps"), 1e-8, 0);  // null keeps the current value

  auto cfg = [&](Value::Object obj) {
    lab::optim::configure(*opt, lab::Reader(Value(std::move(obj)), "race.optimizers[0]"), {"type"});
  };
  CHECK_THROWS_CODE(cfg({{"lr", -1}}), lab::code::invalid_config,
                    "race.optimizers[0].lr: expected a finite number > 0, got -1");
  CHECK_THROWS_CODE(cfg({{"lr", "abc"}}), lab::code::invalid_config,
                    "race.optimizers[0].lr: expected a finite number > 0, got \"abc\"");
  CHECK_THROWS_CODE(cfg({{"lr", true}}), lab::code::invalid_config,
                    "race.optimizers[0].lr: expected a finite number > 0, got true");
  CHECK_THROWS_CODE(cfg({{"lerning_rate", 0.1}}), lab::code::unknown_hyperparameter,
                    "race.optimizers[0].lerning_rate: adam has no hyper-parameter \"lerning_rate\"; expected one of: lr,");
  CHECK_THROWS_CODE(cfg({{"bias_correction", "yes"}}), lab::code::invalid_config,
                    "race.optimizers[0].bias_correction: expected true or false, got \"yes\"");
  CHECK_THROWS_CODE(cfg({{"bias_correction", 0.5}}), lab::code::invalid_config, "expected true or false, got 0.5");
  CHECK_THROWS_CODE(cfg({{"name", "x"}}), lab::code::unknown_hyperparameter, "race.optimizers[0].name:");
  CHECK_THROWS_CODE(cfg({{"beta1", 0.5}, {"lr", 0}}), lab::code::invalid_config, "race.optimizers[0].lr:");
  CHECK_NEAR(opt->get("beta1"), 0.8, 0);  // all or nothing: beta1 was valid but not applied
  cfg({{"type", "adam"}, {"bias_correction", 1}});  // 0/1 numbers work for switches
  CHECK_NEAR(opt->get("bias_correction"), 1, 0);
  CHECK_NEAR(opt->get("lr"), 0.02, 0);  // refused values changed nothing
}

TEST("live lr changes take effect at the next update") {
  // momentum: v1 = −0.1·g0;  then with lr 0.05: v2 = 0.9·v1 − 0.05·g1
  auto opt = make("momentum");
  opt->reset(1);
  double th = 1, g = 1;
  opt->step(&th, &g, 0.1);  // v1 = −0.1, θ1 = 0.9
  CHECK_REL(th, 0.9, 1e-15);
  opt->set("lr", 0.05);
  g = th;
  opt->step(&th, &g, opt->get("lr"));  // v2 = −0.09 − 0.045 = −0.135, θ2 = 0.765
  CHECK_REL(th, 0.765, 1e-15);

  // adam: the step size is the current lr however the moments were built (first update moves by lr·sign(g))
  auto adam = make("adam");
  adam->reset(1);
  th = 1;
  g = 4;
  adam->step(&th, &g, 0.1);
  CHECK_REL(th, 1 - 0.1 * 4 / (4 + 1e-8), 1e-15);
  adam->set("beta1", 0);  // a live change of β1 too: m becomes g, and 1 − β1ᵗ = 1
  adam->set("beta2", 0);
  const double before = th;
  adam->step(&th, &g, 0.01);
  CHECK_REL(th, before - 0.01 * 4 / (4 + 1e-8), 1e-15);
}

// ---- convergence to known minima --------------------------------------------------------------

namespace {

struct Run {
  double x, y, f;
};

// f = ½(x² + 10·y²), minimum 0 at (0, 0);  ∇f = (x, 10·y)
Run bowl(const char* type, Hypers hypers, int steps) {
  auto opt = make(type, hypers);
  opt->reset(2);
  double p[2] = {3, 2}, g[2];
  for (int k = 0; k < steps; ++k) {
    g[0] = p[0];
    g[1] = 10 * p[1];
    opt->step(p, g, opt->get("lr"));
  }
  return {p[0], p[1], 0.5 * (p[0] * p[0] + 10 * p[1] * p[1])};
}

// Rosenbrock, a = 1, b = 100: f = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1);
// ∂f/∂x = −2·(1 − x) − 400·x·(y − x²),  ∂f/∂y = 200·(y − x²)
Run rosenbrock(const char* type, Hypers hypers, int steps) {
  auto opt = make(type, hypers);
  opt->reset(2);
  double p[2] = {-1.5, 2}, g[2];
  for (int k = 0; k < steps; ++k) {
    const double x = p[0], y = p[1];
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
    opt->step(p, g, opt->get("lr"));
  }
  const double x = p[0], y = p[1];
  return {x, y, (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)};
}

void expect_near(const char* what, Run r, double mx, double my, double point_tol, double f_tol, int line) {
  const double dist = std::hypot(r.x - mx, r.y - my);
  std::printf("  %-44s -> (%.10g, %.10g)  |θ − θ*| = %.2g  f = %.2g\n", what, r.x, r.y, dist, r.f);
  if (!(dist <= point_tol))
    check::fail(__FILE__, line, std::string(what) + ": distance " + check::num(dist) + " > " + check::num(point_tol));
  if (!(r.f <= f_tol))
    check::fail(__FILE__, line, std::string(what) + ": f " + check::num(r.f) + " > " + check::num(f_tol));
}
#define EXPECT_NEAR_MIN(what, run, mx, my, ptol, ftol) expect_near(what, run, mx, my, ptol, ftol, __LINE__)

}  // namespace

TEST("each optimizer reaches the minimum of ½(x² + 10·y²) from (3, 2)") {
  EXPECT_NEAR_MIN("sgd lr 0.1, 200 steps", bowl("sgd", {{"lr", 0.1}}, 200), 0, 0, 1e-6, 1e-12);
  EXPECT_NEAR_MIN("momentum lr 0.02, 400 steps", bowl("momentum", {{"lr", 0.02}}, 400), 0, 0, 1e-6, 1e-12);
  EXPECT_NEAR_MIN("nesterov lr 0.02, 300 steps", bowl("nesterov", {{"lr", 0.02}}, 300), 0, 0, 1e-6, 1e-12);
  EXPECT_NEAR_MIN("adagrad lr 1, 500 steps", bowl("adagrad", {{"lr", 1}}, 500), 0, 0, 1e-9, 1e-18);
  // RMSprop's step is ≈ lr·g/RMS(g): with a constant lr it ends in a small oscillation of size ~lr
  // around the minimum (here |θ| ≈ 5e-4 with lr = 1e-3) instead of settling.
  EXPECT_NEAR_MIN("rmsprop lr 0.001, 5000 steps", bowl("rmsprop", {{"lr", 0.001}}, 5000), 0, 0, 1e-3, 1e-5);
  EXPECT_NEAR_MIN("adam lr 0.05, 1000 steps", bowl("adam", {{"lr", 0.05}}, 1000), 0, 0, 1e-9, 1e-18);
  EXPECT_NEAR_MIN("adamw lr 0.05 (λ 0.01), 1000 steps", bowl("adamw", {{"lr", 0.05}}, 1000), 0, 0, 1e-9, 1e-18);
  EXPECT_NEAR_MIN("amsgrad lr 0.05, 1000 steps", bowl("amsgrad", {{"lr", 0.05}}, 1000), 0, 0, 1e-9, 1e-18);
  EXPECT_NEAR_MIN("nadam lr 0.05, 1000 steps", bowl("nadam", {{"lr", 0.05}}, 1000), 0, 0, 1e-9, 1e-18);
  // Adadelta tunes its own step √E[Δ²]/√E[g²] and in the stiff y direction it settles at the edge of
  // stability (step ≈ 2/curvature): x converges, y keeps a period-2 oscillation whose amplitude grows
  // slowly (|y| ≈ 0.009 after 1000 steps, 0.024 after 3000; PyTorch's Adadelta does the same).
  const Run ad = bowl("adadelta", {}, 1000);
  EXPECT_NEAR_MIN("adadelta lr 1, 1000 steps (y oscillates)", ad, 0, 0, 0.01, 1e-3);
  CHECK(std::fabs(ad.x) < 1e-9);
}

TEST("optimizers on Rosenbrock from (-1.5, 2) reach (1, 1) where they can") {
  // Tolerances are what each rule really achieves with the stated lr and steps (distance to (1, 1)):
  EXPECT_NEAR_MIN("sgd lr 1e-3, 20000 steps", rosenbrock("sgd", {{"lr", 1e-3}}, 20000), 1, 1, 1e-3, 1e-6);  // ≈ 4e-4
  EXPECT_NEAR_MIN("momentum lr 1e-3, 3000 steps", rosenbrock("momentum", {{"lr", 1e-3}}, 3000), 1, 1, 1e-5, 1e-10);
  EXPECT_NEAR_MIN("nesterov lr 1e-3, 3000 steps", rosenbrock("nesterov", {{"lr", 1e-3}}, 3000), 1, 1, 1e-5, 1e-10);
  // Adagrad's steps shrink like 1/√t along the long flat valley: slow but steady.
  EXPECT_NEAR_MIN("adagrad lr 1, 30000 steps", rosenbrock("adagrad", {{"lr", 1}}, 30000), 1, 1, 1e-6, 1e-12);
  // RMSprop and NAdam, with a constant lr, end in a small cycle near the minimum (~4e-4 and ~5e-5 here).
  EXPECT_NEAR_MIN("rmsprop lr 5e-4, 15000 steps", rosenbrock("rmsprop", {{"lr", 5e-4}}, 15000), 1, 1, 1e-3, 1e-4);
  EXPECT_NEAR_MIN("adam lr 0.01, 5000 steps", rosenbrock("adam", {{"lr", 0.01}}, 5000), 1, 1, 1e-6, 1e-12);
  EXPECT_NEAR_MIN("amsgrad lr 0.1, 5000 steps", rosenbrock("amsgrad", {{"lr", 0.1}}, 5000), 1, 1, 1e-6, 1e-12);
  EXPECT_NEAR_MIN("nadam lr 0.002, 10000 steps", rosenbrock("nadam", {{"lr", 0.002}}, 10000), 1, 1, 1e-3, 1e-6);
  // AdamW with its default λ = 0.01 keeps pulling θ toward 0, so it hovers short of (1, 1) (≈ 0.007
  // away after 10000 steps); with λ = 0 it is Adam.
  const Run aw = rosenbrock("adamw", {{"lr", 0.01}}, 10000);
  EXPECT_NEAR_MIN("adamw lr 0.01 (λ 0.01), 10000 steps", aw, 1, 1, 0.02, 1e-4);
  CHECK(aw.x < 1 && aw.y < 1);
  EXPECT_NEAR_MIN("adamw lr 0.01 λ 0, 5000 steps", rosenbrock("adamw", {{"lr", 0.01}, {"weight_decay", 0}}, 5000), 1,
                  1, 1e-6, 1e-12);
  // Adadelta cannot get there: its self-tuned step sits at the edge of stability across the narrow
  // valley, so it reaches the valley floor near (1, 1) and then wanders along it (with lr 1 — the
  // paper's rule — it even drifts back toward the origin: f ≈ 0.6 after 10000 steps, PyTorch alike).
  // With lr 0.1 it gets within 0.08 of (1, 1) in 5000 steps and stays around there.
  EXPECT_NEAR_MIN("adadelta lr 0.1, 5000 steps (does not settle)", rosenbrock("adadelta", {{"lr", 0.1}}, 5000), 1, 1,
                  0.1, 0.01);
}

CHECK_MAIN()
