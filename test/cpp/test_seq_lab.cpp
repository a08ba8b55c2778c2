// The RNN lab's live session (labs/seq.hpp): it trains as `gradlab seq` does (the same held-out scores
// to the bit), streams its losses and scores, frames a sample, the hidden state over the validation
// text's first characters, the gradient's norm through time and a task's held-out sequence; sampling
// changes live; a task refuses sampling settings; refusals name the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "labs/registry.hpp"
#include "labs/seq.hpp"
#include "seq/seq_train.hpp"

using namespace lab;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

std::string text() {
  std::string s;
  for (int i = 0; i < 40; ++i) s += "the cat sat on the mat. a dog ran to the log. ";
  return s;
}

const Frame* last_frame(const CollectSink& s, const std::string& name) {
  const Frame* f = nullptr;
  for (const auto& e : s.events)
    if (e.kind == Event::Kind::Frame && e.frame.name == name) f = &e.frame;
  return f;
}

}  // namespace

TEST("text: the session trains as gradlab seq does; bpc, a sample, the hidden state and gradients through time") {
  const Value::Object cfg{{"text", text()}, {"steps", 30.0}, {"hidden", 16.0}, {"seq_len", 12.0}, {"eval_every", 10.0}, {"seed", 7.0}};
  const Value cli = seq::train_seq(obj(cfg));
  Value::Object live = cfg;
  live["frames"] = obj({{"every_ms", 0.0}, {"passage", 10.0}, {"units", 4.0}});
  live["sample"] = Value(25.0);
  CollectSink sink;
  Session s(make_lab("seq", obj(live)), {});
  s.run(&sink);
  const auto bpc = sink.col("eval", 0, "val_bpc");
  const auto& want = cli.find("evals")->find("val_bpc")->as_array();
  CHECK(sink.col("eval", 0, "step") == (std::vector<double>{0, 10, 20, 30}));
  CHECK(bpc[1] == want[0].as_number() && bpc[3] == want[2].as_number());
  const auto loss = sink.col("batch", 0, "loss"), bits = sink.col("batch", 0, "bpc");
  CHECK(loss.size() == 30);
  CHECK_NEAR(bits[29], loss[29] / std::log(2.0), 1e-12);
  const Frame* sample = last_frame(sink, "sample");
  CHECK(sample && sample->step == 30);
  std::size_t chars = 0;
  for (unsigned char ch : sample->meta.find("text")->as_string()) chars += (ch & 0xC0) != 0x80;
  CHECK(chars == 25);
  const Frame* hidden = last_frame(sink, "hidden");
  CHECK(hidden && hidden->shape == (std::vector<std::int64_t>{10, 4}));
  for (float v : hidden->data) CHECK(v > -1 && v < 1);  // an LSTM's h = o·tanh(c)
  CHECK(hidden->meta.find("chars")->as_array().size() == 10);
  const Frame* g = last_frame(sink, "gradients");
  CHECK(g && g->shape == (std::vector<std::int64_t>{12}));
  for (float v : g->data) CHECK(std::isfinite(v) && v > 0);
  // the last step's norms are the ones gradlab seq reports
  const auto& cli_norms = cli.find("grad_norm_through_time")->as_array();
  for (std::size_t t = 0; t < 12; ++t) CHECK(g->data[t] == static_cast<float>(cli_norms[t].as_number()));
  CHECK(sink.summary().find("final")->find("val_bpc")->as_number() == want[2].as_number());
}

TEST("live sampling: a new temperature answers with a new sample at once; a task refuses it") {
  SeqLab lab(obj({{"text", text()}, {"steps", 10.0}, {"hidden", 8.0}, {"seq_len", 8.0}}));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"sampling", obj({{"temperature", 0.0}})}})), code::invalid_config, "update.sampling.temperature");
  lab.validate_update(obj({{"sampling", obj({{"temperature", 0.5}, {"top_k", 3.0}})}, {"set", obj({{"lr", 0.01}})}}));
  SeqLab task(obj({{"task", "parity"}, {"steps", 10.0}}));
  CHECK_THROWS_CODE(task.validate_update(obj({{"sampling", obj({{"temperature", 0.5}})}})), code::invalid_config, "update.sampling: expected nothing");
  CHECK_THROWS_CODE(make_lab("seq", obj({{"task", "copy"}, {"temperature", 0.5}})), code::invalid_config, "seq.temperature: expected nothing");
}

TEST("tasks: accuracy as the score and a held-out sequence with the net's outputs") {
  CollectSink sink;
  Session s(make_lab("seq", obj({{"task", "copy"}, {"seq_len", 4.0}, {"vocab", 4.0}, {"steps", 20.0}, {"frames", obj({{"every_ms", 0.0}})}})), {});
  s.run(&sink);
  for (double a : sink.col("eval", 0, "acc")) CHECK(a >= 0 && a <= 1);
  const Frame* ex = last_frame(sink, "example");
  CHECK(ex != nullptr);
  const auto& targets = ex->meta.find("targets")->as_array();
  CHECK(targets.size() == 8);  // 4 symbols, a separator and 3 blanks
  int scored = 0;
  for (const Value& v : targets) scored += !v.is_null();
  CHECK(scored == 4);
  for (const Value& v : ex->meta.find("outputs")->as_array()) CHECK(v.as_number() >= 0 && v.as_number() < 4);
  CHECK(sink.summary().find("task")->as_string() == "copy");
}

TEST("refusals name the field") {
  CHECK_THROWS_CODE(make_lab("seq", obj({{"task", "copy"}, {"frames", obj({{"units", 0.0}})}})), code::invalid_config, "seq.frames.units");
  CHECK_THROWS_CODE(make_lab("seq", obj({{"task", "copy"}, {"frames", 3.0}})), code::invalid_config, "seq.frames");
  CHECK_THROWS_CODE(make_lab("seq", obj({{"text", "short"}})), code::invalid_config, "seq.");
  CHECK_THROWS_CODE(make_lab("seq", obj({{"task", "sort"}})), code::invalid_config, "seq.task");
  SeqLab lab(obj({{"task", "copy"}}));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"beta", 1.0}})}})), code::invalid_config, "update.set");
}

CHECK_MAIN()
