// The attention lab's live session (labs/attention.hpp): it trains as `gradlab attention` does (the same
// held-out scores to the bit), streams its loss and scores, frames every layer's and head's attention
// (each row a distribution over the positions before it) with accuracy per answer position and the
// positional table; a typed prompt is answered by greedy decoding and shown; refusals name the field.
#include <cmath>
#include <string>
#include <vector>

#include "check.hpp"
#include "collect_sink.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "labs/attention.hpp"
#include "labs/registry.hpp"
#include "seq/attn_train.hpp"

using namespace lab;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }
Value nums(std::vector<double> v) {
  Value::Array a;
  for (double x : v) a.emplace_back(x);
  return Value(std::move(a));
}

const Frame* last_frame(const CollectSink& s, const std::string& name) {
  const Frame* f = nullptr;
  for (const auto& e : s.events)
    if (e.kind == Event::Kind::Frame && e.frame.name == name) f = &e.frame;
  return f;
}

Value::Object sort_cfg() { return {{"task", "sort"}, {"length", 4.0}, {"vocab", 5.0}, {"steps", 30.0}, {"dim", 16.0}, {"heads", 2.0}, {"eval_every", 10.0}, {"seed", 3.0}}; }

}  // namespace

TEST("the session trains as gradlab attention does; maps are causal distributions; accuracy per position") {
  const Value cli = seq::train_attention(obj(sort_cfg()));
  Value::Object live = sort_cfg();
  live["frames"] = obj({{"every_ms", 0.0}});
  CollectSink sink;
  Session s(make_lab("attention", obj(live)), {});
  s.run(&sink);
  const auto& want = cli.find("evals")->find("seq_acc")->as_array();
  const auto got = sink.col("eval", 0, "seq_acc");
  CHECK(sink.col("eval", 0, "step") == (std::vector<double>{0, 10, 20, 30}));
  for (std::size_t i = 0; i < 3; ++i) CHECK(got[i + 1] == want[i].as_number());
  CHECK(sink.col("batch", 0, "loss").size() == 30);
  const Frame* a = last_frame(sink, "attention");
  CHECK(a && a->step == 30);
  const std::int64_t n = 8;  // 4 symbols, SEP, 4 answers: 9 tokens, 8 inputs
  CHECK(a->shape == (std::vector<std::int64_t>{2, 2, n, n}));
  for (std::int64_t m = 0; m < 4; ++m)
    for (std::int64_t i = 0; i < n; ++i) {
      double row = 0;
      for (std::int64_t j = 0; j < n; ++j) {
        const float p = a->data[static_cast<std::size_t>((m * n + i) * n + j)];
        if (j > i) CHECK(p == 0);  // causal
        row += p;
      }
      CHECK_NEAR(row, 1, 1e-5);
    }
  // the map of layer 1, head 0 is gradlab attention's for the same example
  const auto& cli_map = cli.find("attention")->as_array()[1].as_array()[0].as_array();
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) CHECK_NEAR(a->data[static_cast<std::size_t>(((2 + 0) * n + i) * n + j)], cli_map[static_cast<std::size_t>(i)].as_array()[static_cast<std::size_t>(j)].as_number(), 1e-6);
  CHECK(a->meta.find("tokens")->as_array().size() == 9);
  CHECK(a->meta.find("tokens")->as_array()[4].as_string() == "|");
  // the qkv frame of the same look: softmax(q·k/√d) over j ≤ i is the map, head by head
  const Frame* qkv = last_frame(sink, "qkv");
  CHECK(qkv && qkv->shape == (std::vector<std::int64_t>{2, n, 48}));
  const std::int64_t D = 16, d = 8;
  for (std::int64_t l = 0; l < 2; ++l)
    for (std::int64_t h = 0; h < 2; ++h)
      for (std::int64_t i = 0; i < n; ++i) {
        std::vector<double> sc;
        double top = -1e300, total = 0;
        for (std::int64_t j = 0; j <= i; ++j) {
          double dot = 0;
          for (std::int64_t k = 0; k < d; ++k) dot += double(qkv->data[static_cast<std::size_t>((l * n + i) * 3 * D + h * d + k)]) * qkv->data[static_cast<std::size_t>((l * n + j) * 3 * D + D + h * d + k)];
          sc.push_back(dot / std::sqrt(double(d)));
          top = std::max(top, sc.back());
        }
        for (double& v : sc) total += v = std::exp(v - top);
        for (std::int64_t j = 0; j <= i; ++j) CHECK_NEAR(sc[static_cast<std::size_t>(j)] / total, a->data[static_cast<std::size_t>(((l * 2 + h) * n + i) * n + j)], 1e-5);
      }
  const Frame* bp = last_frame(sink, "by_position");
  CHECK(bp && bp->data.size() == 4);
  const auto& cli_bp = cli.find("acc_by_position")->as_array();
  for (std::size_t k = 0; k < 4; ++k) CHECK_NEAR(bp->data[k], cli_bp[k].as_number(), 1e-6);
  const Frame* pos = last_frame(sink, "positions");
  CHECK(pos && pos->shape == (std::vector<std::int64_t>{8, 16}));
  CHECK(pos->data[0] == 0 && pos->data[1] == 1);  // PE[0] = sin 0, cos 0
}

TEST("a typed prompt: its sequence as the task defines it, the model's own answer by greedy decoding") {
  AttnLab lab(obj(sort_cfg()));
  Emitter em;
  lab.begin(em);
  const Value prompt = obj({{"input", nums({3, 1, 4, 1})}});
  lab.validate_update(prompt);
  lab.apply_update(prompt);
  const Frame f = lab.attention_frame();
  CHECK(f.meta.find("source")->as_string() == "yours");
  CHECK(f.meta.find("text")->as_string().rfind("3 1 4 1 | ", 0) == 0);
  const auto& predicted = f.meta.find("predicted")->as_array();
  CHECK(predicted.size() == 9);
  for (std::size_t i = 5; i < 9; ++i) {
    const int v = std::stoi(predicted[i].as_string());
    CHECK(v >= 0 && v < 6);  // a symbol (or the separator, untrained)
  }
  lab.apply_update(obj({{"input", Value()}}));
  CHECK(lab.attention_frame().meta.find("source")->as_string() == "held-out");
  // addition: two numbers of L digits
  AttnLab add(obj({{"task", "addition"}, {"length", 2.0}, {"steps", 5.0}, {"dim", 16.0}}));
  Emitter e2;
  add.begin(e2);
  add.apply_update(obj({{"input", nums({4, 7, 5, 8})}}));
  CHECK(add.attention_frame().meta.find("text")->as_string().rfind("47+58=", 0) == 0);
}

TEST("refusals name the field") {
  AttnLab lab(obj(sort_cfg()));
  CHECK_THROWS_CODE(lab.validate_update(obj({{"input", nums({1, 2, 3})}})), code::invalid_config, "update.input: expected 4 symbols");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"input", nums({1, 2, 3, 9})}})), code::invalid_config, "update.input[3]: expected a symbol from 0 to 4");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"input", "1 2 3 4"}})), code::invalid_config, "update.input: expected the prompt's symbols");
  CHECK_THROWS_CODE(lab.validate_update(obj({{"set", obj({{"beta", 1.0}})}})), code::invalid_config, "update.set");
  CHECK_THROWS_CODE(make_lab("attention", obj({{"task", "copy"}, {"frames", obj({{"grid", 1.0}})}})), code::invalid_config, "attention.frames.grid");
  CHECK_THROWS_CODE(make_lab("attention", obj({{"task", "copy"}, {"dim", 10.0}, {"heads", 4.0}})), code::invalid_config, "attention.dim");
  std::string text;
  for (int i = 0; i < 30; ++i) text += "abcab cabba ";
  AttnLab t(obj({{"text", text}, {"seq_len", 8.0}, {"steps", 2.0}, {"dim", 8.0}, {"heads", 2.0}}));
  CHECK_THROWS_CODE(t.validate_update(obj({{"input", "abz"}})), code::invalid_config, "update.input: the character \"z\" is not in the text");
  CHECK_THROWS_CODE(t.validate_update(obj({{"input", "abcabcabcabc"}})), code::invalid_config, "update.input: expected 2 to 9 characters");
  t.validate_update(obj({{"input", "abc ab"}}));
}

CHECK_MAIN()
