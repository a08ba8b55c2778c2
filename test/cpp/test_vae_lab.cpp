// The VAE lab's live session (labs/vae.hpp): it trains exactly as `gradlab vae` does (the same losses
// to the last bit), its frames describe the scored images (labels, reconstructions from μ), a decoded z
// and an interpolation's ends are those reconstructions, β changes live, a finished run's weights answer
// the same probes outside a session, and the refusals name the field.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "data/image_set.hpp"
#include "data/read_dataset.hpp"
#include "gen/vae.hpp"
#include "labs/registry.hpp"
#include "labs/vae.hpp"

using namespace lab;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

Value::Object small() {
  data::set_data_directory(std::string(GRADLAB_SOURCE_DIR) + "/build/data");
  return {{"dataset", obj({{"name", "digits"}, {"train", 600.0}, {"test", 200.0}})}, {"epochs", 2.0}, {"hidden", Value(Value::Array{Value(32.0)})}, {"seed", 4.0}};
}

const Frame* last_frame(const CollectSink& s, const std::string& name) {
  const Frame* f = nullptr;
  for (const auto& e : s.events)
    if (e.kind == Event::Kind::Frame && e.frame.name == name) f = &e.frame;
  return f;
}

}  // namespace

TEST("the session trains as gradlab vae does: the same epoch losses, bit for bit") {
  const Value cli = gen::train_vae(obj(small()));
  CollectSink sink;
  Session s(make_lab("vae", obj(small())), {});
  s.run(&sink);
  const std::vector<double> test_loss = sink.col("epoch", 0, "test_loss");
  CHECK(test_loss.size() == 3);  // epoch 0 (untrained), 1, 2
  const auto& want = cli.find("epochs")->find("test_loss")->as_array();
  CHECK(test_loss[1] == want[0].as_number());
  CHECK(test_loss[2] == want[1].as_number());
  CHECK(test_loss[0] > test_loss[2]);
  const auto& train = cli.find("epochs")->find("train_loss")->as_array();
  CHECK(sink.col("epoch", 0, "train_loss")[2] == train[1].as_number());
  CHECK(std::isnan(sink.col("epoch", 0, "train_loss")[0]));
  CHECK(sink.col("batch", 0, "step").size() == 20);  // 600 / 64 → 10 batches an epoch
  CHECK(sink.summary().find("status")->as_string() == "completed");
  CHECK(sink.summary().find("final")->find("test_loss")->as_number() == want[1].as_number());
}

TEST("frames: the scored digits' means with their labels, the manifold, reconstructions; probes decode them") {
  Value::Object c = small();
  c["epochs"] = Value(1.0);
  c["frames"] = obj({{"points", 50.0}, {"grid", 3.0}, {"pairs", 4.0}});
  VaeLab lab(obj(c));
  Emitter em;
  lab.begin(em);
  while (lab.step(em)) {
  }
  CollectSink sink;  // frames come from a fresh session of the same config at its end
  Session s(make_lab("vae", obj(c)), {});
  s.run(&sink);
  const Frame* latent = last_frame(sink, "latent");
  const Frame* manifold = last_frame(sink, "manifold");
  const Frame* rec = last_frame(sink, "reconstructions");
  CHECK(latent && manifold && rec);
  CHECK(latent->shape == (std::vector<std::int64_t>{50, 3}));
  const data::Dataset ds = data::read_dataset(obj({{"name", "digits"}, {"train", 600.0}, {"test", 200.0}}), "d");
  for (std::size_t i = 0; i < 50; ++i) CHECK(latent->data[3 * i + 2] == static_cast<float>(ds.test_labels()[i]));
  CHECK(manifold->shape == (std::vector<std::int64_t>{3, 3, 784}));
  CHECK(manifold->meta.find("range")->as_number() >= 3);
  CHECK(rec->shape == (std::vector<std::int64_t>{2, 4, 784}));
  for (std::size_t k = 0; k < 784; ++k) CHECK(rec->data[k] == ds.test_x()[k]);  // the originals first
  for (float v : manifold->data) CHECK(v >= 0 && v <= 1);

  // z = μ of scored image 1 decodes to its reconstruction; an interpolation from image 1 to 2 starts and
  // ends on their reconstructions
  const Frame d = lab.probe(obj({{"z", Value(Value::Array{Value(double(latent->data[3])), Value(double(latent->data[4]))})}}));
  CHECK(d.name == "decoded" && d.data.size() == 784);
  for (std::size_t k = 0; k < 784; ++k) CHECK_NEAR(d.data[k], rec->data[4 * 784 + 784 + k], 1e-6);
  const Frame in = lab.probe(obj({{"between", Value(Value::Array{Value(1.0), Value(2.0)})}, {"steps", 5.0}}));
  CHECK(in.name == "interpolation" && in.shape == (std::vector<std::int64_t>{5, 784}));
  for (std::size_t k = 0; k < 784; ++k) {
    CHECK_NEAR(in.data[k], rec->data[4 * 784 + 784 + k], 1e-6);
    CHECK_NEAR(in.data[4 * 784 + k], rec->data[4 * 784 + 2 * 784 + k], 1e-6);
  }
  CHECK(in.meta.find("z")->as_array().size() == 5);
}

TEST("β: at β = 0 a step's loss is its reconstruction term alone, its KL still reported; β and the step change live") {
  CollectSink sink;
  Value::Object c = small();
  c["beta"] = Value(0.0);
  Session s(make_lab("vae", obj(c)), {});
  s.run(&sink);
  const auto loss = sink.col("batch", 0, "loss"), recon = sink.col("batch", 0, "recon"), kl = sink.col("batch", 0, "kl");
  CHECK(loss.size() == 20);
  for (std::size_t i = 0; i < loss.size(); ++i) CHECK(loss[i] == recon[i] && kl[i] > 0);
  CHECK(sink.col("epoch", 0, "beta").back() == 0);
  VaeLab lab(obj(small()));
  Emitter em;
  lab.begin(em);
  lab.step(em);
  const Value update = obj({{"set", obj({{"beta", 4.0}, {"lr", 0.002}})}});
  lab.validate_update(update);
  lab.apply_update(update);
  CHECK(lab.summary("stopped", 0, 0).find("beta")->as_number() == 4);
}

TEST("a finished run's weights answer the same probe outside a session") {
  const std::string path = "/tmp/gradlab-test-vae-lab.glw";
  Value::Object c = small();
  c["save_weights"] = Value(path);
  CollectSink sink;
  Session s(make_lab("vae", obj(c)), {});
  s.run(&sink);
  Value::Object again = small();
  again["init_weights"] = Value(path);
  const Value probe = obj({{"z", Value(Value::Array{Value(0.5), Value(-1.0)})}});
  VaeLab later(obj(again));
  const Frame a = later.probe(probe);
  const Frame* m = last_frame(sink, "manifold");
  CHECK(m != nullptr);
  // the same weights decode z = (0.5, −1) the same way twice
  VaeLab twice(obj(again));
  const Frame b = twice.probe(probe);
  for (std::size_t k = 0; k < a.data.size(); ++k) CHECK(a.data[k] == b.data[k]);
  std::remove(path.c_str());
}

TEST("refusals name the field") {
  auto bad = [](Value::Object o, const char* part) { CHECK_THROWS_CODE(make_lab("vae", obj(std::move(o))), code::invalid_config, part); };
  Value::Object c = small();
  c["frames"] = obj({{"grid", 1.0}});
  bad(c, "vae.frames.grid");
  c = small();
  c["dataset"] = Value("moons");
  bad(c, "vae.dataset");
  c = small();
  c["latent_size"] = Value(3.0);
  bad(c, "latent_size");
  VaeLab lab(obj(small()));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({{"z", Value(Value::Array{Value(1.0)})}})}})), code::invalid_config, "update.probe.z: expected a list of 2 numbers");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"probe", obj({{"between", Value(Value::Array{Value(0.0), Value(200.0)})}})}})), code::invalid_config, "update.probe.between[1]");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"gamma", 1.0}})}})), code::invalid_config, "update.set");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"beta", -1.0}})}})), code::invalid_config, "update.set.beta");
  CHECK_THROWS_CODE(lab.probe(obj({{"x", 1.0}})), code::invalid_config, "probe");
}

CHECK_MAIN()
