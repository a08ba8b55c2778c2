// The table of generated data sets: settings, defaults, ranges, descriptions and views (see catalog.hpp).
#include "catalog.hpp"

#include "../error.hpp"
#include "generators.hpp"
#include "split.hpp"

namespace lab::data {

namespace {

using optim::HyperParam;
using Values = std::span<const double>;

constexpr Range kN{2, 1'000'000, false, false, true};
constexpr Range kNoise{0, 10};
constexpr Range kTestFraction = kTestFractionRange;
constexpr Range kSeed = kSeedRange;
constexpr Range kClasses{2, 10, false, false, true};
constexpr Range kCoefficient{-100, 100};

constexpr const char* kNDoc = "number of samples, train and test together";
constexpr const char* kTestDoc = "share of the samples held out as the test set (stratified by class)";
constexpr const char* kSeedDoc = "random seed: the same seed gives the same points and the same split";
constexpr const char* kJitterDoc = "standard deviation of the Gaussian noise added to each coordinate";
constexpr const char* kTargetNoiseDoc = "standard deviation of the Gaussian noise added to the target";

const HyperParam kSpiral[] = {
    {"n", 300, kN, false, kNDoc},
    {"noise", 0.2, kNoise, false, "standard deviation of the Gaussian noise added to the angle, in radians"},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"classes", 3, kClasses, false, "number of spiral arms, one class each"},
};
const HyperParam kCircles[] = {
    {"n", 300, kN, false, kNDoc},
    {"noise", 0.05, kNoise, false, kJitterDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"factor", 0.5, Range{0, 1, true, true, false}, false, "radius of the inner ring (the outer ring has radius 1)"},
};
const HyperParam kMoons[] = {
    {"n", 300, kN, false, kNDoc},
    {"noise", 0.1, kNoise, false, kJitterDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
};
const HyperParam kXor[] = {
    {"n", 300, kN, false, kNDoc},
    {"noise", 0.05, kNoise, false, kJitterDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
};
const HyperParam kBlobs[] = {
    {"n", 300, kN, false, kNDoc},
    {"noise", 0.15, kNoise, false, "standard deviation of each cluster in each coordinate"},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"classes", 3, kClasses, false, "number of clusters, one class each"},
};
const HyperParam kCheckerboard[] = {
    {"n", 800, kN, false, kNDoc},
    {"noise", 0, kNoise, false, kJitterDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"size", 4, Range{2, 8, false, false, true}, false, "cells per side of the board"},
};
const HyperParam kSine[] = {
    {"n", 200, kN, false, kNDoc},
    {"noise", 0.1, kNoise, false, kTargetNoiseDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"x_max", 3.141592653589793, Range{0, 100, true, false, false}, false, "inputs are uniform in [−x_max, x_max]"},
};
const HyperParam kPolynomial[] = {
    {"n", 200, kN, false, kNDoc},
    {"noise", 0.1, kNoise, false, kTargetNoiseDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"x_max", 1.5, Range{0, 10, true, false, false}, false, "inputs are uniform in [−x_max, x_max]"},
    {"c0", 0, kCoefficient, false, "constant term"},
    {"c1", -1, kCoefficient, false, "coefficient of x"},
    {"c2", 0, kCoefficient, false, "coefficient of x²"},
    {"c3", 1, kCoefficient, false, "coefficient of x³"},
};
const HyperParam kStep[] = {
    {"n", 200, kN, false, kNDoc},
    {"noise", 0.1, kNoise, false, kTargetNoiseDoc},
    {"test_fraction", 0.2, kTestFraction, false, kTestDoc},
    {"seed", 1, kSeed, false, kSeedDoc},
    {"levels", 2, Range{2, 10, false, false, true}, false, "number of flat steps from y = −1 up to y = 1"},
};

std::size_t n_of(Values p) { return static_cast<std::size_t>(p[kParamN]); }
double noise_of(Values p) { return p[kParamNoise]; }

const DatasetInfo kTable[] = {
    {"spiral", Kind::classification, "K interleaved spiral arms: needs a curved, many-piece boundary", kSpiral,
     view::spiral, [](Values p, Rng& r) { return make_spiral(n_of(p), static_cast<int>(p[4]), noise_of(p), r); }},
    {"circles", Kind::classification, "a ring inside a ring: not separable by any line", kCircles, view::circles,
     [](Values p, Rng& r) { return make_circles(n_of(p), p[4], noise_of(p), r); }},
    {"moons", Kind::classification, "two interleaving half circles: a gently curved boundary", kMoons, view::moons,
     [](Values p, Rng& r) { return make_moons(n_of(p), noise_of(p), r); }},
    {"xor", Kind::classification, "four quadrant clusters, opposite corners alike: needs a hidden layer", kXor,
     view::xor_, [](Values p, Rng& r) { return make_xor(n_of(p), noise_of(p), r); }},
    {"blobs", Kind::classification, "K Gaussian clusters on a circle: nearly linearly separable", kBlobs, view::blobs,
     [](Values p, Rng& r) { return make_blobs(n_of(p), static_cast<int>(p[4]), noise_of(p), r); }},
    {"checkerboard", Kind::classification, "a k×k board of alternating cells: many sharp corners", kCheckerboard,
     view::checkerboard,
     [](Values p, Rng& r) { return make_checkerboard(n_of(p), static_cast<int>(p[4]), noise_of(p), r); }},
    {"sine", Kind::regression, "y = sin(x) plus noise: a smooth curve to fit", kSine, view::sine,
     [](Values p, Rng& r) { return make_sine(n_of(p), p[4], noise_of(p), r); }},
    {"polynomial", Kind::regression, "y = c0 + c1·x + c2·x² + c3·x³ plus noise (default x³ − x)", kPolynomial,
     view::polynomial,
     [](Values p, Rng& r) { return make_polynomial(n_of(p), {p[5], p[6], p[7], p[8]}, p[4], noise_of(p), r); }},
    {"step", Kind::regression, "a staircase plus noise: jumps that smooth units only approximate", kStep, view::step,
     [](Values p, Rng& r) { return make_step(n_of(p), static_cast<int>(p[4]), noise_of(p), r); }},
};

}  // namespace

std::span<const DatasetInfo> dataset_list() { return kTable; }

const DatasetInfo* find_dataset(std::string_view name) {
  for (const auto& info : kTable)
    if (name == info.name) return &info;
  return nullptr;
}

std::string dataset_names() {
  std::string names;
  for (const auto& info : kTable) names += std::string(names.empty() ? "" : ", ") + info.name;
  return names;
}

int classes_of(const DatasetInfo& info, std::span<const double> p) {
  if (info.kind == Kind::regression) return 0;
  for (std::size_t i = 0; i < info.params.size(); ++i)
    if (std::string_view(info.params[i].name) == "classes") return static_cast<int>(p[i]);
  return 2;
}

void check_values(const DatasetInfo& info, std::span<const double> p, const std::string& path) {
  if (p.size() != info.params.size())
    throw Error(code::invalid_config, path + ": expected " + std::to_string(info.params.size()) + " settings for " +
                                          info.name + ", got " + std::to_string(p.size()));
  for (std::size_t i = 0; i < p.size(); ++i)
    check_number(path + "." + info.params[i].name, Value(p[i]), info.params[i].range);
  const int k = classes_of(info, p);
  if (k > 0 && p[kParamN] < 2.0 * k)
    throw Error(code::invalid_config, path + ".n: expected an integer ≥ " + std::to_string(2 * k) +
                                          " (two samples per class, " + std::to_string(k) + " classes), got " +
                                          format_number(p[kParamN]));
}

Dataset generate(const DatasetInfo& info, std::span<const double> p) {
  check_values(info, p, info.name);
  Rng rng(static_cast<std::uint64_t>(p[kParamSeed]));
  Dataset ds = info.make(p, rng);
  split(ds, p[kParamTestFraction], rng);
  return ds;
}

}  // namespace lab::data
