// CSV text → Dataset, checked line by line with messages that name the line (see csv.hpp).
#include "csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <system_error>
#include <vector>

#include "../error.hpp"

namespace lab::data {

namespace {

constexpr std::size_t kShownChars = 60;
constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The fields of one line, trimmed (an empty line has one empty field).
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    const std::size_t comma = line.find(',');
    fields.push_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) return fields;
    line.remove_prefix(comma + 1);
  }
}

enum class NumberStatus { ok, empty, not_a_number, out_of_range };

// One whole field as a double (an optional leading '+' allowed).
NumberStatus parse_number(std::string_view s, double& out) {
  if (s.empty()) return NumberStatus::empty;
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  if (end != s.data() + s.size()) return NumberStatus::not_a_number;
  if (ec == std::errc::result_out_of_range) return NumberStatus::out_of_range;
  if (ec != std::errc()) return NumberStatus::not_a_number;
  return NumberStatus::ok;
}

const char* columns_of(Kind k) { return k == Kind::classification ? "x,y,label" : "x,y"; }
std::size_t width_of(Kind k) { return k == Kind::classification ? 3 : 2; }

class Parser {
 public:
  Parser(const std::string& source, std::optional<Kind> kind) : source_(source), kind_(kind) {}

  Dataset run(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    bool first = true;
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      line_ = trim(text.substr(0, nl));
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      ++line_no_;
      if (line_.empty()) continue;
      const auto fields = split_fields(line_);
      if (first) {
        first = false;
        decide_kind(fields.size());
        if (is_header(fields)) {
          check_width(fields.size());
          continue;
        }
      }
      add_row(fields);
    }
    return finish();
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    std::string shown(line_.substr(0, kShownChars));
    if (line_.size() > kShownChars) shown += "…";
    throw Error(code::invalid_config,
                source_ + ": line " + std::to_string(line_no_) + ": " + reason + ": \"" + shown + "\"");
  }

  void decide_kind(std::size_t width) {
    if (kind_) return;
    if (width == 3) kind_ = Kind::classification;
    else if (width == 2) kind_ = Kind::regression;
    else
      fail("expected 3 comma-separated values (x,y,label) or 2 (x,y), got " + std::to_string(width));
  }

  static bool is_header(const std::vector<std::string_view>& fields) {
    double v;
    auto numeric = [&](std::string_view f) { return parse_number(f, v) == NumberStatus::ok; };
    return std::none_of(fields.begin(), fields.end(), numeric);
  }

  void check_width(std::size_t width) const {
    if (width != width_of(*kind_))
      fail("expected " + std::to_string(width_of(*kind_)) + " comma-separated values (" + columns_of(*kind_) +
           "), got " + std::to_string(width));
  }

  // A finite float32 value of column `name`.
  float number(std::string_view field, const char* name) const {
    double v = 0;
    switch (parse_number(field, v)) {
      case NumberStatus::empty: fail(std::string(name) + " is empty");
      case NumberStatus::not_a_number: fail(std::string(name) + " is not a number");
      case NumberStatus::out_of_range: fail(std::string(name) + " is out of the float32 range");
      case NumberStatus::ok: break;
    }
    if (!std::isfinite(v)) fail(std::string(name) + " is not finite");
    if (std::fabs(v) > std::numeric_limits<float>::max()) fail(std::string(name) + " is out of the float32 range");
    return static_cast<float>(v);
  }

  std::int32_t label(std::string_view field) const {
    double v = 0;
    switch (parse_number(field, v)) {
      case NumberStatus::empty: fail("label is empty");
      case NumberStatus::ok: break;
      default: fail("label is not an integer");
    }
    if (!std::isfinite(v) || v != std::floor(v)) fail("label is not an integer");
    if (v < 0) fail("label is negative");
    if (v > kCsvMaxLabel) fail("label is too large (at most " + std::to_string(kCsvMaxLabel) + ")");
    return static_cast<std::int32_t>(v);
  }

  void add_row(const std::vector<std::string_view>& fields) {
    check_width(fields.size());
    if (rows_ == kCsvMaxRows) fail("more than " + std::to_string(kCsvMaxRows) + " data rows");
    ++rows_;
    if (*kind_ == Kind::classification) {
      x_.push_back(number(fields[0], "x"));
      x_.push_back(number(fields[1], "y"));
      labels_.push_back(label(fields[2]));
    } else {
      x_.push_back(number(fields[0], "x"));
      y_.push_back(number(fields[1], "y"));
    }
  }

  Dataset finish() {
    if (rows_ < kCsvMinRows)
      throw Error(code::invalid_config, source_ + ": expected at least " + std::to_string(kCsvMinRows) +
                                            " data rows, got " + std::to_string(rows_));
    Dataset ds;
    ds.name = "csv";
    ds.kind = *kind_;
    if (ds.kind == Kind::classification) {
      ds.d = 2;
      ds.classes = *std::max_element(labels_.begin(), labels_.end()) + 1;
      if (ds.classes < 2)
        throw Error(code::invalid_config,
                    source_ + ": expected labels of at least 2 classes (0 and 1), got only label 0");
    } else {
      ds.d = 1;
      ds.classes = 0;
    }
    ds.x = std::move(x_);
    ds.labels = std::move(labels_);
    ds.y = std::move(y_);
    ds.n_train = rows_;
    ds.view = data_bounds(ds);
    return ds;
  }

  const std::string& source_;
  std::optional<Kind> kind_;
  std::string_view line_;
  std::size_t line_no_ = 0;
  std::size_t rows_ = 0;
  std::vector<float> x_, y_;
  std::vector<std::int32_t> labels_;
};

}  // namespace

Dataset parse_csv(std::string_view text, const std::string& source, std::optional<Kind> kind) {
  return Parser(source, kind).run(text);
}

Dataset load_csv_file(const std::string& path, std::optional<Kind> kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(code::invalid_config, path + ": cannot open the file");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw Error(code::invalid_config, path + ": cannot read the file");
  if (static_cast<std::size_t>(size) > kMaxFileBytes)
    throw Error(code::invalid_config, path + ": the file is larger than 256 MiB");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0, std::ios::beg);
  if (!in.read(text.data(), size)) throw Error(code::invalid_config, path + ": cannot read the file");
  return parse_csv(text, path, kind);
}

}  // namespace lab::data
