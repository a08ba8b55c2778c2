// The RNN lab's data and training (issue #12): UTF-8 decoding (a Chinese character is one character),
// the vocabulary, the 90/10 split and the unigram entropy by hand; the tasks' batches checked element by
// element; a character LSTM whose validation bpc falls below the text's unigram entropy; the copy task
// learnt; and the refusals naming the field.
#include <cmath>
#include <string>

#include "check.hpp"
#include "config/value.hpp"
#include "error.hpp"
#include "seq/seq_train.hpp"
#include "seq/tasks.hpp"
#include "seq/text.hpp"

using namespace lab;
using namespace lab::seq;

namespace {

Value obj(Value::Object o) { return Value(std::move(o)); }

}  // namespace

TEST("a corpus: code points, a sorted vocabulary, the last 10 % for validation, the unigram entropy") {
  // "梯度下降" is 4 characters (12 bytes); the text has 20 characters: 4 Chinese + 16 'ab'
  const Corpus c = read_corpus("梯度下降abababababababab", "text");
  CHECK(c.size() == 20);
  CHECK(c.vocab.size() == 6);
  CHECK(c.vocab[0] == U'a' && c.vocab[1] == U'b' && c.vocab[2] == U'下');  // code-point order: 0x4E0B
  CHECK(c.n_train == 18);
  // training part: 梯 度 下 降 once each, a 7, b 7 of 18
  const double h = -(4 * (1.0 / 18) * std::log2(1.0 / 18) + 2 * (7.0 / 18) * std::log2(7.0 / 18));
  CHECK_REL(c.unigram_bits(), h, 1e-12);
  CHECK(to_utf8(c.vocab) == "ab下度梯降");
  CHECK_THROWS_CODE(read_corpus("abc\xff" "defghijklmnopqrstuvwxyz", "seq.text"), code::invalid_config, "seq.text: not UTF-8 text at byte 3");
  CHECK_THROWS_CODE(read_corpus("abcdefghijklmnopqrstuvwxy\xe6\xa2", "seq.text"), code::invalid_config, "byte 25");
  CHECK_THROWS_CODE(read_corpus("short", "seq.text"), code::invalid_config, "at least 20 characters");
  CHECK_THROWS_CODE(read_corpus(std::string(30, 'a'), "seq.text"), code::invalid_config, "one distinct character");
  CHECK(read_corpus("\xEF\xBB\xBF" "abababababababababab", "t").size() == 20);  // the byte-order mark skipped
}

TEST("task batches: copy, reverse, parity, adding and sine, element by element") {
  Rng rng(5);
  TaskBatch b;
  TaskSpec copy{Task::copy, 4, 5};
  make_batch(copy, 3, rng, b);
  CHECK(copy.steps() == 8 && copy.in_vocab() == 7 && copy.outputs() == 5);
  CHECK(b.scored_count == 12);
  for (int s = 0; s < 3; ++s) {
    CHECK(b.ids[static_cast<std::size_t>(s * 8 + 4)] == 5);  // the separator
    for (int k = 0; k < 4; ++k) {
      CHECK(b.labels[static_cast<std::size_t>(s * 8 + 4 + k)] == b.ids[static_cast<std::size_t>(s * 8 + k)]);
      CHECK(b.scored[static_cast<std::size_t>(s * 8 + k)] == 0 && b.scored[static_cast<std::size_t>(s * 8 + 4 + k)] == 1);
    }
    for (int k = 5; k < 8; ++k) CHECK(b.ids[static_cast<std::size_t>(s * 8 + k)] == 6);  // blanks
  }
  TaskSpec rev{Task::reverse, 4, 5};
  make_batch(rev, 2, rng, b);
  for (int k = 0; k < 4; ++k) CHECK(b.labels[static_cast<std::size_t>(4 + k)] == b.ids[static_cast<std::size_t>(3 - k)]);
  TaskSpec par{Task::parity, 6, 0};
  make_batch(par, 4, rng, b);
  CHECK(b.scored_count == 24);
  for (int s = 0; s < 4; ++s) {
    int x = 0;
    for (int t = 0; t < 6; ++t) {
      x ^= b.ids[static_cast<std::size_t>(s * 6 + t)];
      CHECK(b.labels[static_cast<std::size_t>(s * 6 + t)] == x);
    }
  }
  TaskSpec add{Task::adding, 10, 0};
  make_batch(add, 5, rng, b);
  for (int s = 0; s < 5; ++s) {
    double sum = 0;
    int marks = 0, first_half = 0;
    for (int t = 0; t < 10; ++t)
      if (b.x[static_cast<std::size_t>((s * 10 + t) * 2 + 1)] == 1.f) sum += b.x[static_cast<std::size_t>((s * 10 + t) * 2)], ++marks, first_half += t < 5;
    CHECK(marks == 2 && first_half == 1);
    CHECK_NEAR(b.targets[static_cast<std::size_t>(s * 10 + 9)], sum, 1e-6);
  }
  TaskSpec sine{Task::sine, 16, 0};
  make_batch(sine, 2, rng, b);
  for (int t = 0; t + 1 < 16; ++t) CHECK(b.targets[static_cast<std::size_t>(t)] == b.x[static_cast<std::size_t>(t + 1)]);  // the next value
  CHECK_THROWS_CODE(task_named("sort", "seq.task"), code::invalid_config, "unknown task \"sort\"");
}

TEST("a character LSTM on a small text: validation bpc below the unigram entropy, a sample drawn") {
  std::string text;
  Rng rng(3);
  const char* words[] = {"gradient ", "descent ", "moves ", "downhill ", "slowly ", "and ", "surely "};
  while (text.size() < 6000) text += words[rng.next_u64() % 7];
  const Value r = train_seq(obj({{"text", text}, {"hidden", 64.0}, {"seq_len", 32.0}, {"steps", 300.0}, {"sample", 50.0}, {"seed", 2.0}}));
  const double bpc = r.find("summary")->find("final")->find("val_bpc")->as_number(), uni = r.find("unigram_bpc")->as_number();
  std::printf("  val bpc %.3f, unigram %.3f\n", bpc, uni);
  CHECK(bpc < uni * 0.6);
  CHECK(r.find("sample")->as_string().size() >= 50);
  CHECK(r.find("grad_norm_through_time")->as_array().size() == 32);
}

TEST("bad configs name the field") {
  CHECK_THROWS_CODE(train_seq(obj({})), code::invalid_config, "seq.text");
  CHECK_THROWS_CODE(train_seq(obj({{"task", "copy"}, {"text", "abababababababababababab"}})), code::invalid_config, "seq.task");
  CHECK_THROWS_CODE(train_seq(obj({{"task", "copy"}, {"cell", "transformer"}})), code::invalid_config, "seq.cell");
  CHECK_THROWS_CODE(train_seq(obj({{"task", "sort"}})), code::invalid_config, "seq.task");
  CHECK_THROWS_CODE(train_seq(obj({{"task", "copy"}, {"sample", 10.0}})), code::invalid_config, "seq.sample");
  CHECK_THROWS_CODE(train_seq(obj({{"text", "abababababababababababab"}, {"seq_len", 100.0}})), code::invalid_config, "seq.seq_len");
}

CHECK_MAIN()
