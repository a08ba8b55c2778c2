// The GAN lab's 2-D pieces (issue #13): the distributions' spread and centres, the mode, quality and
// divergence scores on point sets whose answers are known by hand, and the config's refusals.
#include <cmath>
#include <vector>

#include "check.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "gen/gan.hpp"
#include "gen/gan_metrics.hpp"
#include "gen/toy2d.hpp"

using namespace lab;
using namespace lab::gen;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

}  // namespace

TEST("ring8: 8 centres on the circle of radius 2, 98.9 % of samples within 3 std of one, every mode drawn") {
  const Toy2d d = toy2d("ring8", "data");
  CHECK(d.modes() == 8);
  CHECK_NEAR(d.centres[2], std::sqrt(2.0), 1e-15);  // k = 1: (2 cos π/4, 2 sin π/4)
  CHECK_NEAR(d.centres[3], std::sqrt(2.0), 1e-15);
  Rng rng(1);
  std::vector<float> p(2 * 8000);
  d.sample(p.data(), 8000, rng);
  const GanScore s = score_samples(d, p.data(), 8000, p.data(), 8000);
  CHECK(s.modes == 8);
  CHECK(s.high_quality > 0.985);  // within 3σ in 2-D: 1 − e^{−9/2} = 98.9 %
  CHECK(s.high_quality < 0.993);
  CHECK_NEAR(s.kl, 0, 1e-12);     // a set against itself
  CHECK_NEAR(s.js, 0, 1e-12);
  for (double share : s.per_mode) CHECK_NEAR(share, 0.989 / 8, 0.012);
}

TEST("grid25 and the others: centres, ranges") {
  const Toy2d g = toy2d("grid25", "data");
  CHECK(g.modes() == 25);
  CHECK(g.centres[0] == -4 && g.centres[1] == -4 && g.centres[48] == 4 && g.centres[49] == 4);
  Rng rng(2);
  std::vector<float> p(2 * 2000);
  toy2d("line", "data").sample(p.data(), 2000, rng);
  for (std::size_t i = 0; i < 2000; ++i) CHECK(std::fabs(p[2 * i + 1] - 0.5 * p[2 * i]) < 0.15);  // on y = x/2
  CHECK_THROWS_CODE(toy2d("ring9", "gan.data"), code::invalid_config, "gan.data: unknown distribution \"ring9\"");
  CHECK_THROWS_CODE(toy2d_points({1, 2, 3}, "gan.points"), code::invalid_config, "gan.points");
}

TEST("scores by hand: one collapsed mode, points between modes, the 1 % line, KL and JS of two histograms") {
  const Toy2d d = toy2d("ring8", "data");
  // 100 points: 90 on centre 0, 10 halfway between centres 0 and 1 (far from both)
  std::vector<float> p;
  for (int i = 0; i < 90; ++i) p.insert(p.end(), {2.0f, 0.0f});
  for (int i = 0; i < 10; ++i) p.insert(p.end(), {static_cast<float>((2 + std::sqrt(2.0)) / 2), static_cast<float>(std::sqrt(2.0) / 2)});
  const GanScore s = score_samples(d, p.data(), 100, p.data(), 100);
  CHECK(s.modes == 1);
  CHECK_NEAR(s.high_quality, 0.9, 1e-15);
  CHECK_NEAR(s.per_mode[0], 0.9, 1e-15);
  // a mode holding 1 % is captured, one holding less is not: 99 on centre 0, 1 on centre 4
  std::vector<float> q;
  for (int i = 0; i < 99; ++i) q.insert(q.end(), {2.0f, 0.0f});
  q.insert(q.end(), {-2.0f, 0.0f});
  CHECK(score_samples(d, q.data(), 100, q.data(), 100).modes == 2);
  std::vector<float> r(q);
  r.insert(r.end(), {2.0f, 0.0f});  // 101 points: centre 4 now holds 1/101 < 1 %
  CHECK(score_samples(d, r.data(), 101, r.data(), 101).modes == 1);
  // real: 50 at (0, 0), 50 at (1, 1); fake: all at (0, 0). Bins p = (½, ½), q = (1, 1e-10):
  // KL(p‖q) = ½ ln ½ + ½ ln(½ / 1e-10); JS with m = (¾, ¼ + ½e-10)
  std::vector<float> real, fake;
  for (int i = 0; i < 50; ++i) real.insert(real.end(), {0.0f, 0.0f, 1.0f, 1.0f});
  for (int i = 0; i < 100; ++i) fake.insert(fake.end(), {0.0f, 0.0f});
  const Toy2d any = toy2d("moons", "data");
  const GanScore k = score_samples(any, fake.data(), 100, real.data(), 100);
  CHECK(k.modes == -1);
  const double floor = 1e-10, kl = 0.5 * std::log(0.5) + 0.5 * std::log(0.5 / floor);
  CHECK_REL(k.kl, kl, 1e-9);
  const double m0 = 0.75, m1 = 0.25 + floor / 2;
  const double js = 0.5 * (0.5 * std::log(0.5 / m0) + 0.5 * std::log(0.5 / m1)) + 0.5 * (1.0 * std::log(1.0 / m0) + floor * std::log(floor / m1));
  CHECK_REL(k.js, js, 1e-6);  // 9 998 empty bins add floor·ln(1) = 0 to both
}

TEST("a short ring8 run: the samples' count, the curves and scores present, the same run for a seed") {
  const Value cfg = obj({{"data", "ring8"}, {"steps", 200.0}, {"samples", 300.0}, {"seed", 4.0}});
  const Value a = train_gan(cfg), b = train_gan(cfg);
  CHECK(a.find("samples")->as_array().size() == 300);
  CHECK(a.find("summary")->find("status")->as_string() == "done");
  CHECK(a.find("curves")->find("step")->as_array().size() == 200);
  CHECK(a.find("metrics")->find("step")->as_array().size() == 50);  // every 4 steps (200/50), the last at the end
  for (std::size_t i = 0; i < 300; ++i) {
    const auto& pa = a.find("samples")->as_array()[i].as_array();
    const auto& pb = b.find("samples")->as_array()[i].as_array();
    CHECK(pa[0].as_number() == pb[0].as_number() && pa[1].as_number() == pb[1].as_number());
  }
}

TEST("bad configs name the field") {
  CHECK_THROWS_CODE(train_gan(obj({{"data", "ring9"}})), code::invalid_config, "gan.data");
  CHECK_THROWS_CODE(train_gan(obj({{"loss", "wasserstein"}})), code::invalid_config, "gan.loss");
  CHECK_THROWS_CODE(train_gan(obj({{"pack", 3.0}})), code::invalid_config, "gan.pack");
  CHECK_THROWS_CODE(train_gan(obj({{"batch_size", 7.0}})), code::invalid_config, "gan.batch_size: expected a multiple of pack (2");  // no pack given: the batch is named (this dereferenced a missing pack and crashed)
  CHECK_THROWS_CODE(train_gan(obj({{"g_hidden", Value(Value::Array{Value(0.0)})}})), code::invalid_config, "gan.g_hidden[0]");
  CHECK_THROWS_CODE(train_gan(obj({{"data", "points"}, {"points", Value(Value::Array{Value(1.0), Value(2.0)})}})), code::invalid_config, "gan.points");
  CHECK_THROWS_CODE(train_gan(obj({{"points", Value(Value::Array{})}})), code::invalid_config, "gan.points");
  CHECK_THROWS_CODE(train_gan(obj({{"g_lr", 0.0}})), code::invalid_config, "gan.g_lr");
}

CHECK_MAIN()
