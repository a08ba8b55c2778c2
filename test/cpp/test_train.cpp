// lab::TrainLab: an MLP trained through a Session reaches what the primer promises — XOR perfectly,
// the 3-class spiral to ≥ 95 % — linear regression lands on the least-squares solution with full-batch
// GD and with SGD, the same seed gives the same curves, and a blow-up is a status.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "check.hpp"
#include "labs/train.hpp"
#include "train_run.hpp"

using namespace lab;


TEST("XOR: a 2-8-2 tanh network with Adam reaches 100 % training accuracy within 200 epochs") {
  Collect c = run(obj({{"dataset", obj({{"name", "xor"}, {"n", 200.0}, {"noise", 0.05}, {"test_fraction", 0.2}, {"seed", 3.0}})},
                       {"model", obj({{"hidden", arr({8.0})}, {"activation", "tanh"}})},
                       {"optimizer", obj({{"type", "adam"}, {"lr", 0.05}})},
                       {"batch_size", 32.0},
                       {"epochs", 200.0},
                       {"stop", obj({{"target_loss", 0.02}})}}));
  const auto& fin = *c.summary().find("final");
  CHECK(fin.find("train_acc")->as_number() == 1.0);
  CHECK(fin.find("test_acc")->as_number() == 1.0);
  const std::string st = c.summary().find("status")->as_string();
  CHECK(st == "reached_target" || st == "completed");
}

TEST("spiral: 3 classes, 2-64-64-3 tanh, Adam, batch 64 — at least 95 % training accuracy in 300 epochs") {
  Collect c = run(obj({{"dataset", obj({{"name", "spiral"}, {"classes", 3.0}, {"n", 300.0}, {"test_fraction", 0.2}, {"seed", 1.0}})},
                       {"model", obj({{"hidden", arr({64.0, 64.0})}, {"activation", "tanh"}})},
                       {"optimizer", obj({{"type", "adam"}, {"lr", 0.01}})},
                       {"batch_size", 64.0},
                       {"epochs", 300.0},
                       {"seed", 1.0}}));
  const auto acc = c.col("epoch", "train_acc");
  CHECK(acc.size() == 301);  // epoch 0 (untrained) + 300
  CHECK(acc.front() < 0.6);
  CHECK(acc.back() >= 0.95);
  CHECK(c.col("train", "step").size() == 300 * 4);  // 240 training rows in batches of 64: 4 steps an epoch
}

// y = 0.5 + 2x + noise on [-x_max, x_max]: the least-squares line from the normal equations of the
// training rows, computed here in double; a 1-1 identity network is exactly that line.
TEST("linear regression: full-batch GD and SGD both land on the least-squares solution") {
  auto config = [](double batch, double lr, double epochs, const char* opt) {
    return obj({{"dataset", obj({{"name", "polynomial"}, {"n", 200.0}, {"c0", 0.5}, {"c1", 2.0}, {"c2", 0.0}, {"c3", 0.0}, {"noise", 0.1}, {"test_fraction", 0.0}, {"seed", 5.0}})},
                {"model", obj({{"hidden", arr({})}})},
                {"optimizer", obj({{"type", opt}, {"lr", lr}})},
                {"batch_size", batch},
                {"epochs", epochs}});
  };
  TrainLab probe(config(200, 0.1, 1, "sgd"));
  const auto& ds = probe.dataset();
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(ds.n_train);
  for (std::size_t i = 0; i < ds.n_train; ++i) {
    sx += ds.x[i];
    sy += ds.y[i];
    sxx += static_cast<double>(ds.x[i]) * ds.x[i];
    sxy += static_cast<double>(ds.x[i]) * ds.y[i];
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n;
  double mse_ls = 0;
  for (std::size_t i = 0; i < ds.n_train; ++i) mse_ls += std::pow(ds.y[i] - (icpt + slope * ds.x[i]), 2) / n;

  Collect gd = run(config(0, 0.1, 2000, "sgd"));      // batch_size 0 = full batch: plain gradient descent
  Collect sgd = run(config(1, 0.002, 100, "sgd"));    // batch 1: stochastic gradient descent
  const double gd_loss = gd.col("epoch", "train_loss").back(), sgd_loss = sgd.col("epoch", "train_loss").back();
  CHECK_REL(gd_loss, mse_ls, 1e-4);   // GD converges to the minimum of the convex loss
  CHECK_REL(sgd_loss, mse_ls, 2e-2);  // SGD with a small constant lr hovers just above it
  CHECK(gd_loss >= mse_ls * (1 - 1e-6));
}

TEST("the same config and seed give the same curves, bit for bit; another seed does not") {
  auto cfg = [](double seed) {
    return obj({{"dataset", obj({{"name", "moons"}, {"n", 200.0}, {"noise", 0.1}, {"seed", 2.0}})},
                {"model", obj({{"hidden", arr({16.0, 16.0})}, {"activation", "relu"}, {"dropout", 0.1}})},
                {"optimizer", obj({{"type", "momentum"}, {"lr", 0.05}})},
                {"batch_size", 16.0},
                {"epochs", 20.0},
                {"seed", seed}});
  };
  Collect a = run(cfg(4)), b = run(cfg(4)), d = run(cfg(5));
  CHECK(a.col("train", "loss") == b.col("train", "loss"));
  CHECK(a.col("epoch", "test_loss") == b.col("epoch", "test_loss"));
  CHECK(a.col("train", "loss") != d.col("train", "loss"));
}

TEST("a learning rate that blows up ends the run as diverged, with a notice") {
  Collect c = run(obj({{"dataset", obj({{"name", "sine"}, {"n", 100.0}})},
                       {"model", obj({{"hidden", arr({32.0})}, {"activation", "relu"}})},
                       {"optimizer", obj({{"type", "sgd"}, {"lr", 1e6}})},
                       {"batch_size", 80.0},
                       {"epochs", 1000.0}}));
  CHECK(c.summary().find("status")->as_string() == "diverged");
  CHECK(c.summary().find("epochs")->as_number() < 1000);
  bool notice = false;
  for (const auto& e : c.events)
    notice = notice || (e.kind == Event::Kind::Notice && e.value.find("type")->as_string() == "train_status" &&
                        e.value.find("status")->as_string() == "diverged");
  CHECK(notice);
}

TEST("early stopping ends the run when the test loss stops improving") {
  Collect c = run(obj({{"dataset", obj({{"name", "blobs"}, {"n", 200.0}, {"noise", 0.3}})},
                       {"model", obj({{"hidden", arr({64.0, 64.0})}, {"activation", "relu"}})},
                       {"optimizer", obj({{"type", "adam"}, {"lr", 0.01}})},
                       {"epochs", 5000.0},
                       {"stop", obj({{"patience", 5.0}})}}));
  CHECK(c.summary().find("status")->as_string() == "early_stopped");
  CHECK(c.summary().find("epochs")->as_number() < 5000);
}

TEST("config errors name the field") {
  auto make = [](Value v) { return TrainLab(v); };
  CHECK_THROWS_CODE(make(obj({{"model", obj({})}})), "INVALID_CONFIG", "train.dataset: required");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"batch_size", -1.0}})), "INVALID_CONFIG", "train.batch_size");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"batch_size", 1e6}})), "INVALID_CONFIG", "train.batch_size");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"model", obj({{"hidden", arr({0.0})}})}})), "INVALID_CONFIG", "train.model.hidden[0]");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"model", obj({{"activation", "relux"}})}})), "INVALID_CONFIG", "relux");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"optimizer", obj({{"type", "adamm"}})}})), "UNKNOWN_OPTIMIZER", "train.optimizer.type");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"optimizer", obj({{"type", "adam"}, {"lr", -1.0}})}})), "INVALID_CONFIG", "train.optimizer.lr");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"epochs", 0.0}})), "INVALID_CONFIG", "train.epochs");
  CHECK_THROWS_CODE(make(obj({{"dataset", "spiral"}, {"epcohs", 3.0}})), "INVALID_CONFIG", "train.epcohs: unknown field");
}

namespace {
Value xor_config(double hidden, Value::Object extra = {}) {
  Value::Object o{{"dataset", obj({{"name", "xor"}, {"n", 200.0}, {"noise", 0.05}, {"seed", 3.0}})},
                  {"model", obj({{"hidden", arr({hidden})}, {"activation", "tanh"}})},
                  {"optimizer", obj({{"type", "adam"}, {"lr", 0.05}})},
                  {"epochs", 30.0}};
  for (auto& [k, v] : extra) o[k] = v;
  return obj(std::move(o));
}
std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}
void spit(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
// A file in the system's temporary folder, so a test run leaves nothing in the working directory.
std::string temp_file(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("gradlab-test-train-") + name)).string();
}
}  // namespace

TEST("save → load → identical predictions") {
  const std::string path = temp_file("weights.glw");
  Collect c = run(xor_config(8, {{"save_weights", path}}));
  const auto& fin = *c.summary().find("final");
  TrainLab loaded(xor_config(8, {{"init_weights", path}}));
  const EpochMetrics m = loaded.evaluate();
  CHECK(m.train_loss == fin.find("train_loss")->as_number());
  CHECK(m.test_loss == fin.find("test_loss")->as_number());
  CHECK(m.train_acc == fin.find("train_acc")->as_number());
  TrainLab fresh(xor_config(8));
  CHECK(fresh.evaluate().train_loss != m.train_loss);  // the untrained model predicts differently
  std::filesystem::remove(path);
}

TEST("a weights file that does not fit is refused with the reason") {
  const std::string good = temp_file("good.glw"), bad = temp_file("bad.glw");
  run(xor_config(8, {{"save_weights", good}}));
  const std::string bytes = slurp(good);
  auto load = [&](const std::string& file, double hidden) { return TrainLab(xor_config(hidden, {{"init_weights", file}})); };
  CHECK_THROWS_CODE(load("no_such_file.glw", 8), "INVALID_CONFIG", "no_such_file.glw: cannot open");
  spit(bad, "hello, not weights");
  CHECK_THROWS_CODE(load(bad, 8), "INVALID_CONFIG", "not a Gradient Lab weights file");
  spit(bad, bytes.substr(0, bytes.size() - 3));
  CHECK_THROWS_CODE(load(bad, 8), "INVALID_CONFIG", "the file ends early");
  std::string newer = bytes;
  newer[8] = 2;  // the version field follows the 8-byte magic
  spit(bad, newer);
  CHECK_THROWS_CODE(load(bad, 8), "INVALID_CONFIG", "format version 2 is newer");
  CHECK_THROWS_CODE(load(good, 16), "INVALID_CONFIG", "does not match the model");
  spit(bad, bytes + "x");
  CHECK_THROWS_CODE(load(bad, 8), "INVALID_CONFIG", "unexpected bytes");
  std::filesystem::remove(good);
  std::filesystem::remove(bad);
}

CHECK_MAIN()
