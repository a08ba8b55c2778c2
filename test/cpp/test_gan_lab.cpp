// The GAN lab's live session (labs/gan.hpp): the arrows are the generator loss's gradient at each fake
// (central differences of D's verdicts, for each loss), D only / G only steps touch only their own net,
// the frame's layout and counts, the streams, divergence as a status, and the refusals naming the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "data/image_set.hpp"
#include "gen/gan_run.hpp"
#include "labs/gan.hpp"
#include "labs/registry.hpp"

using namespace lab;
using namespace lab::gen;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

double softplus(double v) { return v > 0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v)); }

// The generator's loss for one fake whose D verdict is v (pack 1), as gan.hpp defines it.
double g_loss_of(GanLoss loss, double v) {
  switch (loss) {
    case GanLoss::minimax: return -softplus(v);          // ln(1 − σ(v))
    case GanLoss::non_saturating: return softplus(-v);   // −ln σ(v)
    case GanLoss::least_squares: return 0.5 * (v - 1) * (v - 1);
    case GanLoss::wgan_gp: break;
  }
  return -v;
}

struct Segments {
  std::size_t real, fakes, grid, mrows, mcols;
  const float* fake(const Frame& f) const { return f.data.data() + 2 * real; }
  const float* field(const Frame& f) const { return f.data.data() + 2 * real + 4 * fakes; }
};

Segments segments(const Frame& f) {
  const Value& m = f.meta;
  return {static_cast<std::size_t>(m.find("real")->as_number()), static_cast<std::size_t>(m.find("fakes")->as_number()),
          static_cast<std::size_t>(m.find("grid")->as_number()), static_cast<std::size_t>(m.find("manifold")->as_array()[0].as_number()),
          static_cast<std::size_t>(m.find("manifold")->as_array()[1].as_number())};
}

}  // namespace

TEST("the pull on each fake is −∂L_G/∂x: central differences of D's verdicts, for all four losses") {
  for (GanLoss loss : {GanLoss::non_saturating, GanLoss::minimax, GanLoss::least_squares, GanLoss::wgan_gp}) {
    GanConfig c;
    c.pack = 1, c.batch = 64, c.steps = 100, c.loss = loss, c.g_hidden = {16, 16}, c.d_hidden = {16, 16}, c.seed = 3;
    GanRun run(c, toy_source(toy2d("ring8", "data")));
    for (int s = 1; s <= 20; ++s) run.d_step(1), run.g_step(1);  // a D that is not flat
    std::vector<float> z(2 * 6);
    Rng rng(9);
    for (float& v : z) v = static_cast<float>(rng.normal());
    std::vector<float> points, pull;
    run.generator_pull(z, points, pull);
    CHECK(points.size() == 12 && pull.size() == 12);
    double largest = 0;
    for (std::size_t i = 0; i < 6; ++i)
      for (std::size_t k = 0; k < 2; ++k) {
        const double h = 1e-2;
        float p[2] = {points[2 * i], points[2 * i + 1]};
        p[k] += static_cast<float>(h);
        const double up = g_loss_of(loss, run.judge(p, 1)[0]);
        p[k] -= static_cast<float>(2 * h);
        const double down = g_loss_of(loss, run.judge(p, 1)[0]);
        const double expected = -(up - down) / (2 * h);
        largest = std::max(largest, std::abs(expected));
        CHECK_NEAR(pull[2 * i + k], expected, 5e-3 + 0.03 * std::abs(expected));
      }
    CHECK(largest > 1e-3);  // the check compared something
  }
}

TEST("judge: with packing 2, a point is judged as a pack of two copies of itself") {
  GanConfig c;
  c.pack = 2, c.batch = 8, c.g_hidden = {8}, c.d_hidden = {8};
  GanRun run(c, toy_source(toy2d("line", "data")));
  const float pts[] = {0.5f, -0.25f, 1.5f, 2.0f};
  const std::vector<float> two = run.judge(pts, 2);
  CHECK(two.size() == 2);
  CHECK_NEAR(run.judge(pts + 2, 1)[0], two[1], 1e-6);  // each point on its own row, whatever the others
  CHECK(std::abs(two[0] - two[1]) > 1e-6);
}

TEST("session: streams, evaluations and frames of a short ring8 run; the frame's layout adds up") {
  CollectSink sink;
  Session s(make_lab("gan", obj({{"data", "ring8"}, {"steps", 40.0}, {"eval_every", 10.0}, {"seed", 2.0},
                                 {"frames", obj({{"every_ms", 0.0}, {"grid", 4.0}, {"fakes", 5.0}, {"manifold", 3.0}})}})),
            {});
  s.run(&sink);
  const std::vector<double> step = sink.col("batch", 0, "step");
  CHECK(step.size() == 40 && step.front() == 1 && step.back() == 40);
  for (double d : sink.col("batch", 0, "d_loss")) CHECK(std::isfinite(d) && d > 0);
  CHECK(sink.col("eval", 0, "step") == (std::vector<double>{0, 10, 20, 30, 40}));
  for (double m : sink.col("eval", 0, "modes")) CHECK(m >= 0 && m <= 8);
  std::vector<const Frame*> frames;
  for (const auto& e : sink.events)
    if (e.kind == Event::Kind::Frame) frames.push_back(&e.frame);
  CHECK(frames.size() == 41);  // step 0 and every step (every_ms 0)
  const Frame& f = *frames.back();
  CHECK(f.step == 40 && f.name == "gan");
  const Segments g = segments(f);
  CHECK(g.real == 512 && g.fakes == 6);  // 5 fakes rounded up to whole packs of 2
  CHECK(g.grid == 4 && g.mrows == 3 && g.mcols == 3);
  CHECK(f.data.size() == 2 * g.real + 4 * g.fakes + g.grid * g.grid + 2 * g.mrows * g.mcols);
  CHECK(f.meta.find("field")->as_string() == "probability");
  for (std::size_t i = 0; i < g.grid * g.grid; ++i) CHECK(g.field(f)[i] >= 0 && g.field(f)[i] <= 1);
  CHECK(f.meta.find("centres")->as_array().size() == 8);
  const Value& sum = sink.summary();
  CHECK(sum.find("status")->as_string() == "completed");
  CHECK(sum.find("steps")->as_number() == 40);
  CHECK(sum.find("final")->find("modes")->as_number() == sink.col("eval", 0, "modes").back());
}

TEST("live: a D-only step leaves the generator's fakes as they were, a G-only step leaves D's field") {
  GanLab lab(obj({{"data", "moons"}, {"steps", 100.0}, {"schedule", "constant"}, {"frames", obj({{"grid", 6.0}, {"fakes", 8.0}})}}));
  Emitter em;
  lab.begin(em);
  const Frame a = lab.frame();
  const Segments g = segments(a);
  lab.apply_update(obj({{"nets", "d"}}));
  lab.step(em);
  const Frame b = lab.frame();
  for (std::size_t i = 0; i < 2 * g.fakes; ++i) CHECK(g.fake(a)[i] == g.fake(b)[i]);
  double moved = 0;
  for (std::size_t i = 0; i < g.grid * g.grid; ++i) moved += std::abs(g.field(a)[i] - g.field(b)[i]);
  CHECK(moved > 1e-4);
  lab.apply_update(obj({{"nets", "g"}, {"set", obj({{"g_lr", 0.01}})}}));
  lab.step(em);
  const Frame c = lab.frame();
  for (std::size_t i = 0; i < g.grid * g.grid; ++i) CHECK(g.field(b)[i] == g.field(c)[i]);
  double shifted = 0;
  for (std::size_t i = 0; i < 2 * g.fakes; ++i) shifted += std::abs(g.fake(b)[i] - g.fake(c)[i]);
  CHECK(shifted > 1e-4);
  CHECK(lab.steps_done() == 2);
}

TEST("a loss that is not finite ends the run as diverged, not a crash") {
  CollectSink sink;
  Session s(make_lab("gan", obj({{"data", "points"}, {"points", Value(Value::Array{3e38, 3e38, -3e38, 1.0, 2.0, 2.0})}, {"pack", 1.0}, {"steps", 20.0}, {"frames", false}})), {});
  s.run(&sink);
  CHECK(sink.summary().find("status")->as_string() == "diverged");
  CHECK(sink.summary().find("steps")->as_number() < 20);
}

TEST("refusals name the field") {
  auto bad = [](Value::Object o, const char* part) {
    CHECK_THROWS_CODE(make_lab("gan", obj(std::move(o))), code::invalid_config, part);
  };
  bad({{"frames", obj({{"grid", 1.0}})}}, "gan.frames.grid");
  bad({{"frames", 3.0}}, "gan.frames");
  bad({{"frames", obj({{"size", 3.0}})}}, "gan.frames");
  bad({{"data", "circle"}}, "gan.data");
  bad({{"batch_size", 10.0}, {"pack", 4.0}}, "gan.pack");
  bad({{"batch_size", 7.0}}, "gan.batch_size");
  bad({{"sample", 3.0}}, "sample");
  GanLab lab(obj({{"steps", 10.0}}));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"nets", "both_nets"}})), code::invalid_config, "update.nets");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"lr", 0.1}})}})), code::invalid_config, "update.set");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"d_steps", 0.0}})}})), code::invalid_config, "update.set.d_steps");
  lab.validate_update(obj({{"nets", "g"}, {"set", obj({{"g_lr", 0.5}, {"d_steps", 3.0}})}, {"steps_per_second", 10.0}}));
}

TEST("images: the digits GAN streams its losses and a grid of samples of fixed noise, no scores") {
  data::set_data_directory(std::string(GRADLAB_SOURCE_DIR) + "/build/data");
  const Value digits = obj({{"name", "digits"}, {"train", 200.0}, {"test", 50.0}});
  CollectSink sink;
  Session s(make_lab("gan", obj({{"dataset", digits}, {"steps", 4.0}, {"g_hidden", Value(Value::Array{Value(16.0)})}, {"d_hidden", Value(Value::Array{Value(16.0)})},
                                 {"frames", obj({{"every_ms", 0.0}, {"samples", 6.0}})}})),
            {});
  s.run(&sink);
  CHECK(sink.col("batch", 0, "d_loss").size() == 4);
  CHECK(sink.col("eval", 0, "step").empty());
  std::vector<const Frame*> frames;
  for (const auto& e : sink.events)
    if (e.kind == Event::Kind::Frame) frames.push_back(&e.frame);
  CHECK(frames.size() == 5);  // step 0 and each step
  const Frame& f = *frames.back();
  CHECK(f.name == "samples" && f.shape == (std::vector<std::int64_t>{6, 784}));
  for (float v : f.data) CHECK(v >= 0 && v <= 1);  // the generator's sigmoid
  CHECK(f.meta.find("rows")->as_number() == 28);
  // G-only steps change the samples, D-only ones do not (the noise is fixed)
  GanLab lab(obj({{"dataset", digits}, {"steps", 10.0}, {"g_hidden", Value(Value::Array{Value(16.0)})}, {"d_hidden", Value(Value::Array{Value(16.0)})}, {"nets", "d"}}));
  Emitter em;
  lab.begin(em);
  const Frame a = lab.frame();
  lab.step(em);
  CHECK(lab.frame().data == a.data);
  lab.apply_update(obj({{"nets", "g"}}));
  lab.step(em);
  CHECK(lab.frame().data != a.data);
  CHECK(sink.summary().find("data")->as_string() == "digits");
  CHECK(sink.summary().find("final")->find("js")->is_null());
  CHECK_THROWS_CODE(make_lab("gan", obj({{"dataset", digits}, {"data", "ring8"}})), code::invalid_config, "gan.data: expected nothing");
  CHECK_THROWS_CODE(make_lab("gan", obj({{"dataset", digits}, {"frames", obj({{"grid", 8.0}})}})), code::invalid_config, "gan.frames.grid: unknown field");
  CHECK_THROWS_CODE(make_lab("gan", obj({{"dataset", "moons"}})), code::invalid_config, "gan.dataset");
}

TEST("images: a DCGAN's layer lists — D sees a pack of images as the channels of one; G-only steps move the samples; refusals name the field") {
  data::set_data_directory(std::string(GRADLAB_SOURCE_DIR) + "/build/data");
  const Value digits = obj({{"name", "digits"}, {"train", 200.0}, {"test", 50.0}});
  auto list = [](std::initializer_list<Value> v) { return Value(Value::Array(v)); };
  const Value g = list({obj({{"type", "linear"}, {"out", 4.0 * 7 * 7}}), "batchnorm", "relu", obj({{"type", "reshape"}, {"channels", 4.0}, {"height", 7.0}, {"width", 7.0}}),
                        "upsample", obj({{"type", "conv"}, {"out", 4.0}, {"kernel", 3.0}, {"pad", 1.0}}), "relu", "upsample",
                        obj({{"type", "conv"}, {"out", 1.0}, {"kernel", 3.0}, {"pad", 1.0}}), "flatten", "sigmoid"});
  const Value d = list({obj({{"type", "conv"}, {"out", 4.0}, {"kernel", 4.0}, {"stride", 2.0}, {"pad", 1.0}}), obj({{"type", "leaky_relu"}, {"alpha", 0.2}}),
                        "flatten", "linear"});
  GanLab lab(obj({{"dataset", digits}, {"steps", 10.0}, {"batch_size", 8.0}, {"g_layers", g}, {"d_layers", d}, {"nets", "d"}, {"frames", obj({{"every_ms", 0.0}, {"samples", 4.0}})}}));
  Emitter em;
  lab.begin(em);
  const Frame a = lab.frame();
  CHECK(a.shape == (std::vector<std::int64_t>{4, 784}));
  for (float v : a.data) CHECK(v >= 0 && v <= 1);
  lab.step(em);
  CHECK(lab.frame().data == a.data);
  lab.apply_update(obj({{"nets", "g"}}));
  lab.step(em);
  CHECK(lab.frame().data != a.data);

  // D's parameters: conv over 2·1 channels (pack 2), 4×4: 4·2·16 + 4; linear 4·14·14 → 1
  GanConfig c;
  c.dim = 784, c.sigmoid_out = true, c.batch = 8, c.z_dim = 8, c.pack = 2, c.image = {1, 28, 28};
  c.g_layers = nn::read_layer_list(g, "g");
  c.d_layers = nn::read_layer_list(d, "d");
  GanRun run(c, [](float* out, std::size_t n, Rng& rng) {
    for (std::size_t i = 0; i < n * 784; ++i) out[i] = static_cast<float>(rng.uniform());
  });
  CHECK(run.discriminator().size() == (4 * 2 * 16 + 4) + (4 * 14 * 14 + 1));
  CHECK(run.discriminator().entries()[0].shape == (ag::Shape{4, 2, 4, 4}));
  // judge(x) packs x with itself: the same as D's forward on [1, 2, 28, 28] of two copies, by hand
  std::vector<float> x(784);
  Rng rng(3);
  for (float& v : x) v = static_cast<float>(rng.uniform());
  const float verdict = run.judge(x.data(), 1)[0];
  ag::ParamStore<float>& ds = run.discriminator();
  const float* w = ds.view("layers.0.weight").value;
  const float* b0 = ds.view("layers.0.bias").value;
  const float* lw = ds.view("layers.3.weight").value;
  double logit = ds.view("layers.3.bias").value[0];
  for (int o = 0; o < 4; ++o)
    for (int oy = 0; oy < 14; ++oy)
      for (int ox = 0; ox < 14; ++ox) {
        double acc = b0[o];
        for (int ch = 0; ch < 2; ++ch)
          for (int ky = 0; ky < 4; ++ky)
            for (int kx = 0; kx < 4; ++kx) {
              const int iy = 2 * oy - 1 + ky, ix = 2 * ox - 1 + kx;
              if (iy >= 0 && iy < 28 && ix >= 0 && ix < 28) acc += static_cast<double>(w[((o * 2 + ch) * 4 + ky) * 4 + kx]) * x[iy * 28 + ix];
            }
        const double act = acc > 0 ? acc : 0.2 * acc;
        logit += act * lw[(o * 14 + oy) * 14 + ox];  // flatten order: channel, row, column; linear weight [in, 1]
      }
  CHECK_NEAR(verdict, logit, 1e-4);

  CHECK_THROWS_CODE(GanLab(obj({{"dataset", digits}, {"g_layers", list({obj({{"type", "linear"}, {"out", 100.0}})})}})), code::invalid_config,
                    "gan.g_layers[0] (linear 64→100): the model's output is [100], expected [784]");
  CHECK_THROWS_CODE(GanLab(obj({{"dataset", digits}, {"d_layers", list({"flatten", "relu"})}})), code::invalid_config,
                    "gan.d_layers[1] (relu): the model's output is [1568], expected [1]");
  CHECK_THROWS_CODE(GanLab(obj({{"dataset", digits}, {"d_layers", d}, {"loss", "wgan-gp"}})), code::invalid_config, "gan.d_layers: expected nothing with loss \"wgan-gp\"");
  CHECK_THROWS_CODE(GanLab(obj({{"data", "ring8"}, {"g_layers", g}})), code::invalid_config, "gan.g_layers: expected nothing: layer lists and threads are for an image GAN");
}

CHECK_MAIN()
