// lab::data generators, split and config reading: shapes, class balance, determinism, the ideal shapes
// at noise 0, the noise scale, split sizes and stratification, views, and every config error.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>
#include <tuple>

#include "check.hpp"
#include "data/catalog.hpp"
#include "data/generators.hpp"
#include "data/read_dataset.hpp"
#include "data/split.hpp"
#include "error.hpp"

using namespace lab;
using namespace lab::data;

namespace {

constexpr double kTwoPi = 6.283185307179586;

Dataset gen(const char* name, Value::Object extra = {}) {
  extra["name"] = name;
  return read_dataset(Value(std::move(extra)), "data");
}

bool same_bytes(const Dataset& a, const Dataset& b) {
  auto eq = [](const auto& u, const auto& v) {
    return u.size() == v.size() && (u.empty() || std::memcmp(u.data(), v.data(), u.size() * sizeof(u[0])) == 0);
  };
  return eq(a.x, b.x) && eq(a.labels, b.labels) && eq(a.y, b.y) && a.n_train == b.n_train;
}

// The rows as sortable tuples (x, y-or-second-input, label), to compare sets of points.
std::vector<std::tuple<float, float, int>> rows(const Dataset& ds) {
  std::vector<std::tuple<float, float, int>> r;
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (ds.d == 2) r.emplace_back(ds.x[2 * i], ds.x[2 * i + 1], ds.labels[i]);
    else r.emplace_back(ds.x[i], ds.y[i], -1);
  }
  std::sort(r.begin(), r.end());
  return r;
}

std::vector<std::size_t> counts_in(std::span<const std::int32_t> labels, int classes) {
  std::vector<std::size_t> c(static_cast<std::size_t>(classes), 0);
  for (auto l : labels) ++c[static_cast<std::size_t>(l)];
  return c;
}

double px(const Dataset& ds, std::size_t i) { return ds.x[2 * i]; }
double py(const Dataset& ds, std::size_t i) { return ds.x[2 * i + 1]; }

// Angle difference wrapped into (−π, π].
double wrap(double a) { return a - kTwoPi * std::round(a / kTwoPi); }

// Expects INVALID_CONFIG with a message containing `part`.
#define BAD(expr, part) CHECK_THROWS_CODE(expr, code::invalid_config, part)

}  // namespace

// ---- the list -----------------------------------------------------------------------------------

TEST("the list: nine generators, common settings first, defaults in range") {
  const auto list = dataset_list();
  CHECK(list.size() == 9);
  CHECK(dataset_names() == "spiral, circles, moons, xor, blobs, checkerboard, sine, polynomial, step");
  int regression = 0;
  for (const auto& info : list) {
    CHECK(find_dataset(info.name) == &info);
    CHECK(info.params.size() >= 4);
    CHECK(std::string(info.params[kParamN].name) == "n");
    CHECK(std::string(info.params[kParamNoise].name) == "noise");
    CHECK(std::string(info.params[kParamTestFraction].name) == "test_fraction");
    CHECK(std::string(info.params[kParamSeed].name) == "seed");
    for (const auto& p : info.params) {
      CHECK(p.range.contains(p.def));
      CHECK(std::strlen(p.doc) > 0);
    }
    CHECK(std::strlen(info.description) > 0);
    CHECK(info.view.xmin < info.view.xmax && info.view.ymin < info.view.ymax);
    regression += info.kind == Kind::regression;
  }
  CHECK(regression == 3);
  CHECK(find_dataset("csv") == nullptr);
  CHECK(find_dataset("Spiral") == nullptr);
}

// ---- shapes, balance, determinism ---------------------------------------------------------------

TEST("every generator at its defaults: shape n×d, labels in range, targets finite") {
  for (const auto& info : dataset_list()) {
    const Dataset ds = read_dataset(Value(info.name), "data");
    const auto n = static_cast<std::size_t>(info.params[kParamN].def);
    CHECK(ds.name == info.name);
    CHECK(ds.kind == info.kind);
    CHECK(ds.size() == n);
    if (info.kind == Kind::classification) {
      CHECK(ds.d == 2);
      CHECK(ds.x.size() == 2 * n);
      CHECK(ds.labels.size() == n);
      CHECK(ds.y.empty());
      CHECK(ds.classes == (info.name == std::string("spiral") || info.name == std::string("blobs") ? 3 : 2));
      for (auto l : ds.labels) CHECK(l >= 0 && l < ds.classes);
    } else {
      CHECK(ds.d == 1);
      CHECK(ds.classes == 0);
      CHECK(ds.x.size() == n);
      CHECK(ds.y.size() == n);
      CHECK(ds.labels.empty());
      for (float v : ds.y) CHECK(std::isfinite(v));
    }
    for (float v : ds.x) CHECK(std::isfinite(v));
  }
}

TEST("classes are balanced: n / K each, the remainder one each from class 0 up") {
  CHECK(class_count(10, 3, 0) == 4 && class_count(10, 3, 1) == 3 && class_count(10, 3, 2) == 3);
  CHECK(class_count(302, 4, 0) == 76 && class_count(302, 4, 1) == 76 && class_count(302, 4, 2) == 75);
  for (const auto& info : dataset_list()) {
    if (info.kind != Kind::classification) continue;
    const bool has_k = classes_of(info, std::vector<double>(info.params.size(), 7.0)) == 7;
    for (int k : {2, 3, 4, 7, 10}) {
      if (!has_k && k != 2) continue;
      for (double n : {301.0, 302.0, 303.0, 40.0}) {
        Value::Object o{{"n", n}};
        if (has_k) o["classes"] = k;
        const Dataset ds = gen(info.name, o);
        CHECK(ds.classes == k);
        const auto counts = class_counts(ds);
        for (int c = 0; c < k; ++c) CHECK(counts[c] == class_count(static_cast<std::size_t>(n), k, c));
      }
    }
  }
}

TEST("same seed ⇒ identical bytes; another seed ⇒ other points") {
  for (const auto& info : dataset_list()) {
    const Dataset a = gen(info.name, {{"seed", 7}});
    const Dataset b = gen(info.name, {{"seed", 7}});
    const Dataset c = gen(info.name, {{"seed", 8}});
    CHECK(same_bytes(a, b));
    CHECK(a.x != c.x);
    // The seed default is 1.
    CHECK(same_bytes(gen(info.name), gen(info.name, {{"seed", 1}})));
  }
}

// ---- the ideal shapes at noise 0 ------------------------------------------------------------------

TEST("spiral, noise 0: radius j/(m−1) and angle 2πk/K + 4r on every arm") {
  const Dataset ds = gen("spiral", {{"noise", 0}, {"classes", 4}, {"n", 400}});
  std::vector<int> ends(4, 0);  // points at r = 0 or r = 1, per class
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const int k = ds.labels[i];
    const double r = std::hypot(px(ds, i), py(ds, i));
    CHECK(r <= 1 + 1e-6);
    // m = 100 per class: r is a multiple of 1/99.
    CHECK_NEAR(r * 99, std::round(r * 99), 1e-4);
    if (r < 1e-9 || r > 1 - 1e-6) ++ends[k];
    if (r > 0.05) CHECK_NEAR(wrap(std::atan2(py(ds, i), px(ds, i)) - (kTwoPi * k / 4 + 4 * r)), 0, 1e-5);
  }
  for (int e : ends) CHECK(e == 2);
}

TEST("circles, noise 0: class 0 on radius 1, class 1 on radius factor") {
  const Dataset ds = gen("circles", {{"noise", 0}, {"factor", 0.3}});
  for (std::size_t i = 0; i < ds.size(); ++i)
    CHECK_NEAR(std::hypot(px(ds, i), py(ds, i)), ds.labels[i] == 0 ? 1.0 : 0.3, 1e-6);
}

TEST("moons, noise 0: two unit half circles, one the other turned about the origin") {
  const Dataset ds = gen("moons", {{"noise", 0}});
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const double s = ds.labels[i] == 0 ? 1 : -1;  // map class 1 onto class 0
    const double u = s * px(ds, i) + 0.5, v = s * py(ds, i) + 0.25;
    CHECK_NEAR(std::hypot(u, v), 1, 1e-6);
    CHECK(v >= -1e-6);
    CHECK(std::fabs(px(ds, i)) <= 1.5 + 1e-6 && std::fabs(py(ds, i)) <= 0.75 + 1e-6);
  }
}

TEST("xor, noise 0: class = sign of x·y, |x|, |y| in [0.1, 1], each quadrant a quarter") {
  const Dataset ds = gen("xor", {{"noise", 0}, {"n", 400}});
  int quadrant[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const double x = px(ds, i), y = py(ds, i);
    CHECK((x * y > 0) == (ds.labels[i] == 0));
    CHECK(std::fabs(x) >= 0.1 - 1e-6 && std::fabs(x) <= 1 + 1e-6);
    CHECK(std::fabs(y) >= 0.1 - 1e-6 && std::fabs(y) <= 1 + 1e-6);
    ++quadrant[(x > 0 ? 0 : 1) + (y > 0 ? 0 : 2)];
  }
  for (int q : quadrant) CHECK(q == 100);
}

TEST("blobs, noise 0: every point on its centre 0.6·(cos 2πk/K, sin 2πk/K)") {
  const Dataset ds = gen("blobs", {{"noise", 0}, {"classes", 5}});
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const double a = kTwoPi * ds.labels[i] / 5;
    CHECK(ds.x[2 * i] == static_cast<float>(0.6 * std::cos(a)));
    CHECK(ds.x[2 * i + 1] == static_cast<float>(0.6 * std::sin(a)));
  }
}

TEST("checkerboard, noise 0: the label is the parity of the cell, every cell used") {
  for (int size : {2, 3, 4, 8}) {
    const Dataset ds = gen("checkerboard", {{"noise", 0}, {"size", size}, {"n", 2000}});
    std::set<int> used;
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const double x = px(ds, i), y = py(ds, i);
      CHECK(x >= -1 && x <= 1 && y >= -1 && y <= 1);
      const int ci = std::min(size - 1, static_cast<int>(std::floor((x + 1) / 2 * size)));
      const int cj = std::min(size - 1, static_cast<int>(std::floor((y + 1) / 2 * size)));
      CHECK((ci + cj) % 2 == ds.labels[i]);
      used.insert(cj * size + ci);
    }
    CHECK(used.size() == static_cast<std::size_t>(size * size));
  }
}

TEST("sine, noise 0: y = sin(x) exactly, x in [−x_max, x_max]") {
  for (double x_max : {3.141592653589793, 10.0}) {
    const Dataset ds = gen("sine", {{"noise", 0}, {"x_max", x_max}});
    for (std::size_t i = 0; i < ds.size(); ++i) {
      CHECK(ds.y[i] == static_cast<float>(std::sin(static_cast<double>(ds.x[i]))));
      CHECK(std::fabs(ds.x[i]) <= static_cast<float>(x_max));
    }
  }
}

TEST("polynomial, noise 0: y = c0 + c1·x + c2·x² + c3·x³ (default x³ − x)") {
  const Dataset def = gen("polynomial", {{"noise", 0}});
  for (std::size_t i = 0; i < def.size(); ++i) {
    const double x = def.x[i];
    CHECK_NEAR(def.y[i], x * x * x - x, 1e-6);
    CHECK(std::fabs(x) <= 1.5);
  }
  const Dataset ds = gen("polynomial", {{"noise", 0}, {"c0", 1}, {"c1", 0}, {"c2", 2}, {"c3", 0}, {"x_max", 2}});
  for (std::size_t i = 0; i < ds.size(); ++i) CHECK_NEAR(ds.y[i], 1 + 2.0 * ds.x[i] * ds.x[i], 1e-5);
}

TEST("step, noise 0: levels 2 jumps from −1 to 1 at 0; levels 3 at ±1/3 through 0") {
  const Dataset two = gen("step", {{"noise", 0}});
  for (std::size_t i = 0; i < two.size(); ++i) CHECK(two.y[i] == (two.x[i] < 0 ? -1.0f : 1.0f));
  const Dataset three = gen("step", {{"noise", 0}, {"levels", 3}, {"n", 1000}});
  std::set<float> seen;
  for (std::size_t i = 0; i < three.size(); ++i) {
    const double x = three.x[i];
    const float want = x < -1.0 / 3 ? -1.0f : (x < 1.0 / 3 ? 0.0f : 1.0f);
    CHECK(three.y[i] == want);
    seen.insert(three.y[i]);
  }
  CHECK(seen.size() == 3);
}

TEST("noise is a standard deviation: circles' radius and sine's residual spread by ≈ noise") {
  const Dataset c = gen("circles", {{"noise", 0.02}, {"n", 20000}});
  const Dataset s = gen("sine", {{"noise", 0.3}, {"n", 20000}});
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double e = std::hypot(px(c, i), py(c, i)) - (c.labels[i] == 0 ? 1.0 : 0.5);
    sum += e;
    sum2 += e * e;
  }
  // Radial spread of a 2-D Gaussian jitter σ around a circle of radius R ≫ σ: ≈ σ.
  CHECK_NEAR(std::sqrt(sum2 / c.size() - (sum / c.size()) * (sum / c.size())), 0.02, 0.002);
  double r2 = 0;
  for (std::size_t i = 0; i < s.size(); ++i) r2 += std::pow(s.y[i] - std::sin(static_cast<double>(s.x[i])), 2);
  CHECK_NEAR(std::sqrt(r2 / s.size()), 0.3, 0.01);
}

// ---- views ------------------------------------------------------------------------------------------

TEST("views: every point inside; the default view kept at noise 0, widened for large noise") {
  for (const auto& info : dataset_list()) {
    for (double noise : {0.0, 0.1, 3.0}) {
      const Dataset ds = gen(info.name, {{"noise", noise}});
      for (std::size_t i = 0; i < ds.size(); ++i) {
        const double x = ds.x[i * ds.d], y = ds.d == 2 ? ds.x[i * 2 + 1] : ds.y[i];
        CHECK(x > ds.view.xmin && x < ds.view.xmax && y > ds.view.ymin && y < ds.view.ymax);
      }
      CHECK(ds.view.xmin <= info.view.xmin && ds.view.xmax >= info.view.xmax);
      CHECK(ds.view.ymin <= info.view.ymin && ds.view.ymax >= info.view.ymax);
      if (noise == 0) {
        CHECK(ds.view.xmin == info.view.xmin && ds.view.xmax == info.view.xmax);
        CHECK(ds.view.ymin == info.view.ymin && ds.view.ymax == info.view.ymax);
      }
      // Noise moves both inputs (spiral: only the angle) or the regression target.
      if (noise == 3.0 && info.kind == Kind::classification && info.name != std::string("spiral"))
        CHECK(ds.view.xmax - ds.view.xmin > info.view.xmax - info.view.xmin);
      if (noise == 3.0 && info.kind == Kind::regression)
        CHECK(ds.view.ymax - ds.view.ymin > info.view.ymax - info.view.ymin);
    }
  }
}

// ---- the split ------------------------------------------------------------------------------------

TEST("test_size: round(n·fraction), at least 1 when the fraction is > 0, at most n − 1") {
  CHECK(test_size(300, 0.2) == 60);
  CHECK(test_size(200, 0.2) == 40);
  CHECK(test_size(10, 0) == 0);
  CHECK(test_size(10, 0.01) == 1);
  CHECK(test_size(2, 0.9) == 1);
  CHECK(test_size(5, 0.5) == 3);  // 2.5 rounds away from zero
  CHECK(test_size(1'000'000, 0.9) == 900'000);
}

TEST("n = 300, test_fraction 0.2: 240 train + 60 test, 80 + 20 of each of 3 classes") {
  const Dataset ds = gen("spiral", {{"n", 300}, {"test_fraction", 0.2}});
  CHECK(ds.n_train == 240);
  CHECK(ds.n_test() == 60);
  CHECK(ds.train_x().size() == 480 && ds.test_x().size() == 120);
  CHECK(ds.train_labels().size() == 240 && ds.test_labels().size() == 60);
  CHECK(ds.train_y().empty() && ds.test_y().empty());
  CHECK(counts_in(ds.train_labels(), 3) == (std::vector<std::size_t>{80, 80, 80}));
  CHECK(counts_in(ds.test_labels(), 3) == (std::vector<std::size_t>{20, 20, 20}));
  CHECK(ds.train_x().data() == ds.x.data() && ds.test_x().data() == ds.x.data() + 480);
}

TEST("every generated class appears in both parts, for small n and many fractions") {
  for (const auto& info : dataset_list()) {
    if (info.kind != Kind::classification) continue;
    for (double n : {20.0, 50.0, 301.0}) {
      for (double tf : {0.2, 0.3, 0.5, 0.8}) {
        const Dataset ds = gen(info.name, {{"n", n}, {"test_fraction", tf}});
        CHECK(ds.n_test() == test_size(static_cast<std::size_t>(n), tf));
        for (auto c : counts_in(ds.train_labels(), ds.classes)) CHECK(c > 0);
        for (auto c : counts_in(ds.test_labels(), ds.classes)) CHECK(c > 0);
        // Each class holds floor or ceil of its share of the test set.
        const auto all = class_counts(ds);
        const auto test = counts_in(ds.test_labels(), ds.classes);
        for (std::size_t c = 0; c < all.size(); ++c) {
          const double share = static_cast<double>(all[c]) * ds.n_test() / ds.size();
          CHECK(test[c] >= std::floor(share) && test[c] <= std::ceil(share));
        }
      }
    }
  }
}

TEST("regression split: 200 ⇒ 160 + 40; test_fraction 0 ⇒ no test rows") {
  const Dataset ds = gen("sine");
  CHECK(ds.n_train == 160 && ds.n_test() == 40);
  CHECK(ds.train_y().size() == 160 && ds.test_y().size() == 40);
  CHECK(ds.train_labels().empty());
  const Dataset all = gen("sine", {{"test_fraction", 0}});
  CHECK(all.n_train == 200 && all.n_test() == 0 && all.test_x().empty());
}

TEST("the split moves rows, never changes them; the points do not depend on test_fraction") {
  Rng rng(3);
  const Dataset raw = make_blobs(101, 4, 0.2, rng);
  CHECK(raw.n_train == 101);
  Dataset ds = raw;
  Rng split_rng(5);
  split(ds, 0.3, split_rng);
  CHECK(ds.n_train == 71);
  CHECK(rows(ds) == rows(raw));
  for (const auto& info : dataset_list())
    CHECK(rows(gen(info.name, {{"test_fraction", 0.1}})) == rows(gen(info.name, {{"test_fraction", 0.5}})));
}

TEST("the train and test parts are shuffled, not sorted by class") {
  const Dataset ds = gen("moons");
  const auto tr = ds.train_labels();
  CHECK(!std::is_sorted(tr.begin(), tr.end()));
  const auto te = ds.test_labels();
  CHECK(!std::is_sorted(te.begin(), te.end()));
}

TEST("stratified on an unbalanced set: 90 + 10 rows, test_fraction 0.2 ⇒ 18 + 2 held out") {
  Dataset ds;
  ds.classes = 2;
  for (int i = 0; i < 100; ++i) {
    ds.x.push_back(static_cast<float>(i));
    ds.x.push_back(0);
    ds.labels.push_back(i < 90 ? 0 : 1);
  }
  Rng rng(1);
  split(ds, 0.2, rng);
  CHECK(ds.n_train == 80);
  CHECK(counts_in(ds.test_labels(), 2) == (std::vector<std::size_t>{18, 2}));
  // Rows keep their label: x < 90 ⇔ class 0.
  for (std::size_t i = 0; i < ds.size(); ++i) CHECK((ds.x[2 * i] < 90) == (ds.labels[i] == 0));
}

// ---- config -----------------------------------------------------------------------------------------

TEST("config: a bare name is the generator at its defaults; null means default") {
  CHECK(same_bytes(read_dataset(Value("xor"), "data"), gen("xor")));
  CHECK(same_bytes(gen("spiral", {{"n", nullptr}}), gen("spiral", {{"n", 300}})));
  const Dataset ds = gen("spiral", {{"classes", 3}, {"n", 300}, {"noise", 0.1}, {"test_fraction", 0.2}, {"seed", 1}});
  CHECK(ds.size() == 300 && ds.classes == 3 && ds.n_train == 240);
}

TEST("config errors: unknown names and fields, with the known ones listed") {
  const std::string known = "spiral, circles, moons, xor, blobs, checkerboard, sine, polynomial, step, csv, digits, images";
  BAD(gen("spirals"), "data.name: expected a data set name, one of: " + known + "; got \"spirals\"");
  BAD(read_dataset(Value("nope"), "data"), "data: expected a data set name, one of: " + known);
  BAD(read_dataset(Value(Value::Object{{"n", 3}}), "data"), "data.name: required, expected one of: " + known);
  BAD(read_dataset(Value(Value::Object{{"name", 3}}), "data"), "data.name: expected a data set name");
  BAD(read_dataset(Value("csv"), "data"), "data: expected {name: \"csv\", text: …} for CSV data, got \"csv\"");
  BAD(read_dataset(Value(3), "train.data"), "train.data: expected a data set name or {name, …}, got 3");
  BAD(gen("spiral", {{"clases", 3}}),
      "data.clases: unknown field for spiral; expected one of: name, n, noise, test_fraction, seed, classes");
  BAD(gen("moons", {{"classes", 3}}),
      "data.classes: unknown field for moons; expected one of: name, n, noise, test_fraction, seed");
}

TEST("config errors: every setting out of range names its path, value and range") {
  BAD(gen("spiral", {{"n", 1}}), "data.n: expected an integer in [2, 1000000], got 1");
  BAD(gen("sine", {{"n", 1000001}}), "data.n: expected an integer in [2, 1000000], got 1000001");
  BAD(gen("sine", {{"n", 10.5}}), "data.n: expected an integer in [2, 1000000], got 10.5");
  BAD(gen("sine", {{"n", "300"}}), "data.n: expected an integer in [2, 1000000], got \"300\"");
  BAD(gen("spiral", {{"classes", 11}}), "data.classes: expected an integer in [2, 10], got 11");
  BAD(gen("blobs", {{"classes", 1}}), "data.classes: expected an integer in [2, 10], got 1");
  BAD(gen("moons", {{"noise", -0.1}}), "data.noise: expected a finite number in [0, 10], got -0.1");
  BAD(gen("moons", {{"noise", 11}}), "data.noise: expected a finite number in [0, 10], got 11");
  BAD(gen("xor", {{"test_fraction", 0.95}}), "data.test_fraction: expected a finite number in [0, 0.9], got 0.95");
  BAD(gen("xor", {{"seed", -1}}), "data.seed: expected an integer in [0, 9007199254740991], got -1");
  BAD(gen("xor", {{"seed", 1.5}}), "data.seed: expected an integer");
  BAD(gen("circles", {{"factor", 1}}), "data.factor: expected a finite number in (0, 1), got 1");
  BAD(gen("checkerboard", {{"size", 9}}), "data.size: expected an integer in [2, 8], got 9");
  BAD(gen("sine", {{"x_max", 0}}), "data.x_max: expected a finite number in (0, 100], got 0");
  BAD(gen("polynomial", {{"c3", 1000}}), "data.c3: expected a finite number in [-100, 100], got 1000");
  BAD(gen("step", {{"levels", 1}}), "data.levels: expected an integer in [2, 10], got 1");
  BAD(gen("step", {{"noise", true}}), "data.noise: expected a finite number in [0, 10], got true");
}

TEST("config errors: at least two samples per class") {
  BAD(gen("spiral", {{"classes", 10}, {"n", 19}}),
      "data.n: expected an integer ≥ 20 (two samples per class, 10 classes), got 19");
  BAD(gen("moons", {{"n", 3}}), "data.n: expected an integer ≥ 4 (two samples per class, 2 classes), got 3");
  CHECK(gen("spiral", {{"classes", 10}, {"n", 20}}).size() == 20);
  CHECK(gen("sine", {{"n", 2}}).size() == 2);
}

TEST("generate() checks its values too, naming the generator") {
  const DatasetInfo& spiral = *find_dataset("spiral");
  std::vector<double> p;
  for (const auto& h : spiral.params) p.push_back(h.def);
  CHECK(generate(spiral, p).size() == 300);
  p[kParamNoise] = -1;
  BAD(generate(spiral, p), "spiral.noise: expected a finite number in [0, 10], got -1");
  p.pop_back();
  BAD(generate(spiral, p), "spiral: expected 5 settings for spiral, got 4");
}

TEST("config: csv text, split like a generator; its errors name data.text and the line") {
  std::string text = "x,y,label\n";
  for (int i = 0; i < 50; ++i)
    text += std::to_string(i) + "," + std::to_string(i % 7) + "," + std::to_string(i % 2) + "\n";
  const Dataset ds = gen("csv", {{"kind", "classification"}, {"text", text}, {"seed", 4}});
  CHECK(ds.name == "csv" && ds.kind == Kind::classification && ds.classes == 2);
  CHECK(ds.n_train == 40 && ds.n_test() == 10);
  CHECK(counts_in(ds.test_labels(), 2) == (std::vector<std::size_t>{5, 5}));
  CHECK(same_bytes(ds, gen("csv", {{"kind", "classification"}, {"text", text}, {"seed", 4}})));
  const Dataset reg = gen("csv", {{"text", "0,1\n1,2\n2,3\n"}, {"test_fraction", 0}});
  CHECK(reg.kind == Kind::regression && reg.n_train == 3);

  BAD(gen("csv", {{"kind", "classification"}, {"text", "x,y,label\n1,2,0\n0.5,0.3\n"}}),
      "data.text: line 3: expected 3 comma-separated values (x,y,label), got 2: \"0.5,0.3\"");
  BAD(gen("csv", {{"kind", "regression"}, {"text", "1,2,0\n1,2,1\n"}}),
      "data.text: line 1: expected 2 comma-separated values (x,y), got 3");
  BAD(gen("csv", {{"kind", "both"}, {"text", "1,2\n3,4\n"}}),
      "data.kind: expected \"classification\" or \"regression\", got \"both\"");
  BAD(gen("csv", {{"kind", "regression"}}), "data.text: required, expected a string");
  BAD(gen("csv", {{"text", 3}}), "data.text: expected a string, got 3");
  BAD(gen("csv", {{"text", "1,2\n3,4\n"}, {"noise", 0.1}}),
      "data.noise: unknown field; expected one of: name, kind, text, test_fraction, seed");
  BAD(gen("csv", {{"text", "1,2\n3,4\n"}, {"test_fraction", 1}}),
      "data.test_fraction: expected a finite number in [0, 0.9], got 1");
}

CHECK_MAIN()
