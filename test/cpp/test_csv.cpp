// lab::data CSV reading: good files (header or not, CRLF, spaces, blank lines, a BOM, regression), every
// malformed case with its exact line and reason, the row limits, all-or-nothing, and files on disk.
#include <cstring>
#include <string>

#include "check.hpp"
#include "data/csv.hpp"
#include "error.hpp"

using namespace lab;
using namespace lab::data;

namespace {

const auto kClass = Kind::classification;
const auto kReg = Kind::regression;

// test/fixtures/csv/<name>, found from this source file's path.
std::string fixture(const char* name) {
  std::string dir = __FILE__;
  dir.resize(dir.find_last_of("/\\") + 1);
  return dir + "../fixtures/csv/" + name;
}

// Expects parse_csv(text) to throw INVALID_CONFIG with exactly `message`.
void expect_error(const std::string& text, std::optional<Kind> kind, const std::string& message, int line) {
  try {
    parse_csv(text, "pts.csv", kind);
    check::fail(__FILE__, line, "no error for \"" + text.substr(0, 60) + "\"");
  } catch (const Error& e) {
    if (e.code() != code::invalid_config) check::fail(__FILE__, line, "code " + e.code());
    if (e.what() != message)
      check::fail(__FILE__, line, std::string("message \"") + e.what() + "\", expected \"" + message + "\"");
  }
}
#define EXPECT_ERROR(text, kind, message) expect_error(text, kind, message, __LINE__)

std::string rows(int count, const char* row) {
  std::string s;
  for (int i = 0; i < count; ++i) s += row;
  return s;
}

}  // namespace

// ---- good files -------------------------------------------------------------------------------------

TEST("classification with a header: inputs, labels, K = max label + 1, unsplit, named csv") {
  const Dataset ds = parse_csv("x,y,label\n0.5,0.25,0\n-1,2,1\n3,-4,2\n", "pts.csv", kClass);
  CHECK(ds.name == "csv");
  CHECK(ds.kind == kClass && ds.d == 2 && ds.classes == 3);
  CHECK(ds.size() == 3 && ds.n_train == 3 && ds.n_test() == 0);
  CHECK(ds.x == (std::vector<float>{0.5f, 0.25f, -1, 2, 3, -4}));
  CHECK(ds.labels == (std::vector<std::int32_t>{0, 1, 2}));
  CHECK(ds.y.empty());
  // The view: the bounding box x ∈ [−1, 3], y ∈ [−4, 2] plus 5% of each span.
  CHECK_NEAR(ds.view.xmin, -1.2, 1e-12);
  CHECK_NEAR(ds.view.xmax, 3.2, 1e-12);
  CHECK_NEAR(ds.view.ymin, -4.3, 1e-12);
  CHECK_NEAR(ds.view.ymax, 2.3, 1e-12);
}

TEST("no header, CRLF, spaces and tabs, blank lines, no trailing newline, a BOM: all the same set") {
  const Dataset want = parse_csv("1,2,0\n3,4,1\n", "a", kClass);
  for (const char* text : {"x,y,label\n1,2,0\n3,4,1\n", "1,2,0\r\n3,4,1\r\n", "x,y,label\r\n1,2,0\r\n3,4,1",
                           "  1 , 2 ,\t0 \n 3,4,1  \n", "\n\n1,2,0\n\n   \n3,4,1\n\n",
                           "\xEF\xBB\xBFx,y,label\n1,2,0\n3,4,1\n",
                           "X , Y , Class\n1,2,0\n3,4,1"}) {
    const Dataset ds = parse_csv(text, "b", kClass);
    CHECK(ds.x == want.x);
    CHECK(ds.labels == want.labels);
    CHECK(ds.classes == 2);
  }
}

TEST("regression: x,y gives one input and its target") {
  const Dataset ds = parse_csv("x,y\n0,1\n0.5,-2\n", "r", kReg);
  CHECK(ds.kind == kReg && ds.d == 1 && ds.classes == 0);
  CHECK(ds.x == (std::vector<float>{0, 0.5f}));
  CHECK(ds.y == (std::vector<float>{1, -2}));
  CHECK(ds.labels.empty());
}

TEST("without a kind the first line decides: 3 fields classification, 2 regression") {
  CHECK(parse_csv("1,2,0\n3,4,1\n", "a").kind == kClass);
  CHECK(parse_csv("x,y,label\n1,2,0\n3,4,1\n", "a").kind == kClass);
  CHECK(parse_csv("1,2\n3,4\n", "a").kind == kReg);
  CHECK(parse_csv("\n\nx,y\n1,2\n3,4\n", "a").kind == kReg);
  EXPECT_ERROR("1,2,3,4\n", std::nullopt,
               "pts.csv: line 1: expected 3 comma-separated values (x,y,label) or 2 (x,y), got 4: \"1,2,3,4\"");
  EXPECT_ERROR("\n7\n", std::nullopt,
               "pts.csv: line 2: expected 3 comma-separated values (x,y,label) or 2 (x,y), got 1: \"7\"");
}

TEST("number forms: signs, exponents, leading dot; labels written as 1.0; empty classes allowed") {
  const Dataset ds = parse_csv("+0.5,-2.5E+2,1.0\n.5,1e-3,4\n", "n", kClass);
  CHECK(ds.x == (std::vector<float>{0.5f, -250, 0.5f, 0.001f}));
  CHECK(ds.labels == (std::vector<std::int32_t>{1, 4}));
  CHECK(ds.classes == 5);
  CHECK(parse_csv("0,0,99\n1,1,0\n", "n", kClass).classes == 100);
}

// ---- malformed files --------------------------------------------------------------------------------

TEST("wrong column count: the line, the count and the text") {
  std::string text = "x,y,label\n" + rows(15, "0.1,0.2,1\n") + "0.5,0.3\n" + rows(3, "0.1,0.2,0\n");
  EXPECT_ERROR(text, kClass, "pts.csv: line 17: expected 3 comma-separated values (x,y,label), got 2: \"0.5,0.3\"");
  EXPECT_ERROR("1,2,0\n1,2,1,5\n", kClass,
               "pts.csv: line 2: expected 3 comma-separated values (x,y,label), got 4: \"1,2,1,5\"");
  EXPECT_ERROR("x,y\n1,2\n1,2,3\n", kReg, "pts.csv: line 3: expected 2 comma-separated values (x,y), got 3: \"1,2,3\"");
  EXPECT_ERROR("x,y\n1,2,0\n3,4,1\n", kClass,
               "pts.csv: line 1: expected 3 comma-separated values (x,y,label), got 2: \"x,y\"");
  EXPECT_ERROR("1,2,0\n3,4,1,\n", kClass,
               "pts.csv: line 2: expected 3 comma-separated values (x,y,label), got 4: \"3,4,1,\"");
}

TEST("fields that are not numbers, or not finite, or beyond float32") {
  EXPECT_ERROR("1,2,0\nabc,1,0\n", kClass, "pts.csv: line 2: x is not a number: \"abc,1,0\"");
  EXPECT_ERROR("abc,1,0\n1,2,1\n", kClass, "pts.csv: line 1: x is not a number: \"abc,1,0\"");  // not a header
  EXPECT_ERROR("1,2,0\n3,4,1\nx,y,label\n", kClass, "pts.csv: line 3: x is not a number: \"x,y,label\"");
  EXPECT_ERROR("1,2,0\n1,0.5.5,1\n", kClass, "pts.csv: line 2: y is not a number: \"1,0.5.5,1\"");
  EXPECT_ERROR("1,2,0\n1,2 3,1\n", kClass, "pts.csv: line 2: y is not a number: \"1,2 3,1\"");
  EXPECT_ERROR("1,2,0\n,2,1\n", kClass, "pts.csv: line 2: x is empty: \",2,1\"");
  EXPECT_ERROR("1,2,0\nnan,2,1\n", kClass, "pts.csv: line 2: x is not finite: \"nan,2,1\"");
  EXPECT_ERROR("1,2,0\n1,inf,1\n", kClass, "pts.csv: line 2: y is not finite: \"1,inf,1\"");
  EXPECT_ERROR("1,2\n1,-inf\n", kReg, "pts.csv: line 2: y is not finite: \"1,-inf\"");
  EXPECT_ERROR("1,2\n1e39,0\n", kReg, "pts.csv: line 2: x is out of the float32 range: \"1e39,0\"");
  EXPECT_ERROR("1,2\n1e400,0\n", kReg, "pts.csv: line 2: x is out of the float32 range: \"1e400,0\"");
  EXPECT_ERROR("1,2\n0x10,0\n", kReg, "pts.csv: line 2: x is not a number: \"0x10,0\"");
}

TEST("labels: non-integer, negative, too large, empty") {
  EXPECT_ERROR("1,2,0\n1,2,1.5\n", kClass, "pts.csv: line 2: label is not an integer: \"1,2,1.5\"");
  EXPECT_ERROR("1,2,0\n1,2,one\n", kClass, "pts.csv: line 2: label is not an integer: \"1,2,one\"");
  EXPECT_ERROR("1,2,0\n1,2,nan\n", kClass, "pts.csv: line 2: label is not an integer: \"1,2,nan\"");
  EXPECT_ERROR("1,2,0\n1,2,-1\n", kClass, "pts.csv: line 2: label is negative: \"1,2,-1\"");
  EXPECT_ERROR("1,2,0\n1,2,100\n", kClass, "pts.csv: line 2: label is too large (at most 99): \"1,2,100\"");
  EXPECT_ERROR("1,2,0\n1,2,\n", kClass, "pts.csv: line 2: label is empty: \"1,2,\"");
}

TEST("line numbers count blank lines and headers; CRLF is not shown; long lines are cut at 60") {
  EXPECT_ERROR("\r\nx,y,label\r\n1,2,0\r\n\r\n1,2,-3\r\n", kClass, "pts.csv: line 5: label is negative: \"1,2,-3\"");
  const std::string long_line = "1,2," + std::string(100, '7');
  EXPECT_ERROR("1,2,0\n" + long_line + "\n", kClass,
               "pts.csv: line 2: label is too large (at most 99): \"" + long_line.substr(0, 60) + "…\"");
  EXPECT_ERROR("1,2,0\n   1 ,  x  ,1   \n", kClass, "pts.csv: line 2: y is not a number: \"1 ,  x  ,1\"");
}

TEST("too few rows, a single class") {
  EXPECT_ERROR("", kClass, "pts.csv: expected at least 2 data rows, got 0");
  EXPECT_ERROR("\n\n  \n", std::nullopt, "pts.csv: expected at least 2 data rows, got 0");
  EXPECT_ERROR("x,y,label\n", kClass, "pts.csv: expected at least 2 data rows, got 0");
  EXPECT_ERROR("x,y\n1,2\n", kReg, "pts.csv: expected at least 2 data rows, got 1");
  EXPECT_ERROR("1,2,0\n3,4,0\n", kClass, "pts.csv: expected labels of at least 2 classes (0 and 1), got only label 0");
}

TEST("at most 1,000,000 rows: exactly that many load, one more is refused at its line") {
  std::string text = "x,y,label\n" + rows(999'999, "0,0,0\n") + "1,1,1\n";
  const Dataset ds = parse_csv(text, "big.csv", kClass);
  CHECK(ds.size() == 1'000'000);
  CHECK(ds.labels.back() == 1);
  text += "2,2,1\n";
  EXPECT_ERROR(text, kClass, "pts.csv: line 1000002: more than 1000000 data rows: \"2,2,1\"");
}

TEST("all or nothing: a bad last line throws and leaves the earlier result untouched") {
  Dataset ds = parse_csv("1,2,0\n3,4,1\n", "a", kClass);
  const std::string bad = rows(500, "0.5,0.5,1\n") + "0.5,0.5,0\n" + "0.1,0.1,x\n";
  bool thrown = false;
  try {
    ds = parse_csv(bad, "bad.csv", kClass);
  } catch (const Error& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "bad.csv: line 502: label is not an integer: \"0.1,0.1,x\"");
  }
  CHECK(thrown);
  CHECK(ds.size() == 2);
  CHECK(ds.x == (std::vector<float>{1, 2, 3, 4}));
}

// ---- files ------------------------------------------------------------------------------------------

TEST("load_csv_file: fixtures on disk; errors name the path") {
  const Dataset three = load_csv_file(fixture("three_classes.csv"));
  CHECK(three.kind == kClass && three.classes == 3 && three.size() == 10);
  CHECK(three.x[0] == -0.8f && three.x[1] == -0.6f && three.labels[9] == 2);
  const Dataset sine = load_csv_file(fixture("sine.csv"), kReg);
  CHECK(sine.kind == kReg && sine.size() == 7);
  CHECK(sine.y[2] == 0.841f);
  const std::string bad = fixture("bad_label.csv");
  CHECK_THROWS_CODE(load_csv_file(bad), code::invalid_config, bad + ": line 6: label is negative: \"0.7,0.8,-1\"");
  CHECK_THROWS_CODE(load_csv_file(fixture("sine.csv"), kClass), code::invalid_config,
                    ": line 1: expected 3 comma-separated values (x,y,label), got 2: \"0,0\"");
  const std::string missing = fixture("no_such_file.csv");
  CHECK_THROWS_CODE(load_csv_file(missing), code::invalid_config, missing + ": cannot open the file");
}

CHECK_MAIN()
