// Formula tokens, positions and the shape of syntax errors (see formula_lexer.hpp).
#include "formula_lexer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>

#include "formula.hpp"

namespace lab::land {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Characters from typeset formulas that mean an operator, a constant or a small power.
struct Alias {
  std::string_view utf8;
  Tok kind;
  std::string_view name;  // for Name
  double power;           // for superscripts: "^" then this number
};
constexpr Alias kAliases[] = {
    {"\u2212", Tok::Minus, {}, 0},  // − minus sign
    {"\u00B7", Tok::Star, {}, 0},   // · middle dot
    {"\u22C5", Tok::Star, {}, 0},   // ⋅ dot operator
    {"\u00D7", Tok::Star, {}, 0},   // × times
    {"\u03C0", Tok::Name, "pi", 0}, // π
    {"\u00B2", Tok::Caret, {}, 2},  // ²
    {"\u00B3", Tok::Caret, {}, 3},  // ³
};

std::string quoted(std::string_view s) {
  std::string q = "\"";
  q.append(s);
  q += '"';
  return q;
}

std::string quote_char(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  char buf[32];
  if (c >= 0x20 && c < 0x7F) return quoted(text.substr(i, 1));
  if (c < 0x80) {
    std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
  }
  const std::size_t n = utf8_length(c);
  bool valid = n > 1 && i + n <= text.size();
  for (std::size_t k = 1; valid && k < n; ++k) valid = is_continuation(static_cast<unsigned char>(text[i + k]));
  if (valid) return quoted(text.substr(i, n));
  std::snprintf(buf, sizeof buf, "byte 0x%02X (not UTF-8)", c);
  return buf;
}

std::string char_hint(char c) {
  switch (c) {
    case '[': case ']': case '{': case '}': return "use ( and ) for grouping";
    case '=': return "write only the expression in x and y, e.g. x^2 + y^2";
    case '|': return "write abs(…) for an absolute value";
    case '.': return "a number needs a digit next to its point, e.g. .5 or 5.0";
    default: return "";
  }
}

}  // namespace

FormulaSource::FormulaSource(std::string_view text, std::string what) : text_(text), what_(std::move(what)) {
  u16_.resize(text.size() + 1);
  int units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    u16_[i] = units;
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_continuation(c)) units += c >= 0xF0 ? 2 : 1;  // 4-byte sequences are surrogate pairs in JS
  }
  u16_[text.size()] = units;
}

std::string FormulaSource::excerpt(std::size_t byte) const {
  constexpr std::size_t kWhole = 60, kSide = 30;
  std::size_t b = 0, e = text_.size();
  if (text_.size() > kWhole) {
    b = byte > kSide ? byte - kSide : 0;
    e = std::min(text_.size(), byte + kSide);
    while (b > 0 && is_continuation(static_cast<unsigned char>(text_[b]))) --b;
    while (e < text_.size() && is_continuation(static_cast<unsigned char>(text_[e]))) ++e;
  }
  std::string s = b > 0 ? "…" : "";
  for (std::size_t i = b; i < e; ++i) s += (text_[i] == '\n' || text_[i] == '\r' || text_[i] == '\t') ? ' ' : text_[i];
  if (e < text_.size()) s += "…";
  return s;
}

void FormulaSource::fail(std::size_t byte, const std::string& problem, const std::string& hint) const {
  const int pos = position(std::min(byte, text_.size()));
  std::string msg = what_ + ": " + problem + " at position " + std::to_string(pos) + " (1-based): \"" + excerpt(byte) + "\"";
  if (!hint.empty()) msg += " — " + hint;
  throw FormulaError(msg, pos);
}

std::string describe(const Token& t) {
  if (t.kind == Tok::End) return "the end of the formula";
  return quoted(t.text);
}

std::vector<Token> lex(const FormulaSource& src) {
  const std::string_view s = src.text();
  std::vector<Token> out;
  std::size_t i = 0;
  auto add = [&](Tok kind, std::size_t at, std::size_t len) { out.push_back({kind, at, s.substr(at, len), {}, 0}); };

  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
      const std::size_t start = i;
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
      }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {  // an exponent only if digits follow: "2e" is 2·e
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && is_digit(s[j])) {
          i = j;
          while (i < s.size() && is_digit(s[i])) ++i;
        }
      }
      if (i < s.size() && (s[i] == '.' || is_digit(s[i]))) {
        while (i < s.size() && (s[i] == '.' || is_digit(s[i]))) ++i;
        src.fail(start, "malformed number \"" + std::string(s.substr(start, i - start)) + "\"",
                 "a number has at most one decimal point");
      }
      double v = 0;
      const auto r = std::from_chars(s.data() + start, s.data() + i, v);
      if (r.ec == std::errc::result_out_of_range) {
        // from_chars reports both overflow and underflow; an underflow is as good as 0.
        bool negative_exponent = false;
        for (std::size_t k = start; k + 1 < i; ++k)
          if ((s[k] == 'e' || s[k] == 'E') && s[k + 1] == '-') negative_exponent = true;
        if (!negative_exponent)
          src.fail(start, "number \"" + std::string(s.substr(start, i - start)) + "\" is too large",
                   "the largest is about 1.8e308");
        v = 0;
      } else if (r.ec != std::errc() || r.ptr != s.data() + i) {
        src.fail(start, "malformed number \"" + std::string(s.substr(start, i - start)) + "\"");
      }
      Token t{Tok::Number, start, s.substr(start, i - start), {}, v};
      out.push_back(t);
      continue;
    }
    if (is_alpha(c)) {
      const std::size_t start = i;
      while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]))) ++i;
      Token t{Tok::Name, start, s.substr(start, i - start), s.substr(start, i - start), 0};
      out.push_back(t);
      continue;
    }
    switch (c) {
      case '+': add(Tok::Plus, i, 1); ++i; continue;
      case '-': add(Tok::Minus, i, 1); ++i; continue;
      case '/': add(Tok::Slash, i, 1); ++i; continue;
      case '^': add(Tok::Caret, i, 1); ++i; continue;
      case '(': add(Tok::LParen, i, 1); ++i; continue;
      case ')': add(Tok::RParen, i, 1); ++i; continue;
      case ',': add(Tok::Comma, i, 1); ++i; continue;
      case '*':
        if (i + 1 < s.size() && s[i + 1] == '*') {
          add(Tok::Caret, i, 2);
          i += 2;
        } else {
          add(Tok::Star, i, 1);
          ++i;
        }
        continue;
      default: break;
    }
    bool aliased = false;
    for (const Alias& a : kAliases) {
      if (s.substr(i, a.utf8.size()) != a.utf8) continue;
      Token t{a.kind, i, s.substr(i, a.utf8.size()), a.name, 0};
      out.push_back(t);
      if (a.power != 0) out.push_back({Tok::Number, i, t.text, {}, a.power});
      i += a.utf8.size();
      aliased = true;
      break;
    }
    if (aliased) continue;
    src.fail(i, "unexpected character " + quote_char(s, i), char_hint(c));
  }
  out.push_back({Tok::End, s.size(), {}, {}, 0});
  return out;
}

}  // namespace lab::land
