// The formula grammar (see formula.hpp): a recursive-descent parser that emits into a FormulaSink as
// it goes (no syntax tree), and explains each way a formula can be malformed. parse_formula emits a
// Program through ProgramBuilder (the sink below); the graph lesson has a sink of its own.
#include <cctype>
#include <numbers>

#include "formula.hpp"
#include "formula_lexer.hpp"
#include "formula_sink.hpp"

namespace lab::land {

namespace {

struct Function {
  std::string_view name;
  Op op;
};
constexpr Function kFunctions[] = {
    {"sin", Op::Sin},   {"cos", Op::Cos},   {"tan", Op::Tan},   {"exp", Op::Exp},   {"log", Op::Log},
    {"sqrt", Op::Sqrt}, {"abs", Op::Abs},   {"tanh", Op::Tanh}, {"atan", Op::Atan}, {"sinh", Op::Sinh},
    {"cosh", Op::Cosh}, {"ln", Op::Log},
};

const Function* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

bool is_constant_or_variable(std::string_view n) { return n == "x" || n == "y" || n == "pi" || n == "e"; }

// "xy" → "x*y", "pix" → "pi*x"; empty when `s` is not made of x, y, pi and e only.
std::string split_variables(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::string part;
    if (s.substr(i, 2) == "pi") {
      part = "pi";
    } else if (s[i] == 'x' || s[i] == 'y' || s[i] == 'e') {
      part = std::string(1, s[i]);
    } else {
      return "";
    }
    out += (out.empty() ? "" : "*") + part;
    i += part.size();
  }
  return out;
}

std::string unknown_name_hint(std::string_view n, const std::string& names) {
  std::string lower(n);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != n && (is_constant_or_variable(lower) || find_function(lower)))
    return "names are lower-case: write " + lower;
  if (n.size() > 1) {
    if (std::string v = split_variables(n); !v.empty()) return "to multiply, write " + v;
    for (const auto& f : kFunctions)
      if (n.starts_with(f.name) && n.size() > f.name.size())
        if (std::string v = split_variables(n.substr(f.name.size())); !v.empty())
          return "write " + std::string(f.name) + "(" + v + ")";
    std::size_t d = n.size();
    while (d > 0 && std::isdigit(static_cast<unsigned char>(n[d - 1]))) --d;
    if (d > 0 && d < n.size()) {
      if (std::string v = split_variables(n.substr(0, d)); !v.empty()) {
        const std::string digits(n.substr(d));
        return "write " + v + "^" + digits + " for a power or " + v + "*" + digits + " for a product";
      }
    }
  }
  return "expected " + names;
}

bool is_operator(Tok k) {
  return k == Tok::Plus || k == Tok::Minus || k == Tok::Star || k == Tok::Slash || k == Tok::Caret;
}

class Parser {
 public:
  using Operand = FormulaSink::Ref;

  Parser(const FormulaSource& src, std::vector<Token> tokens, FormulaSink& sink)
      : src_(src), toks_(std::move(tokens)), b_(sink), help_(sink.help()) {}

  Operand run() && {
    const Operand root = sum();
    if (cur().kind != Tok::End) after_operand();
    return root;
  }

 private:
  const Token& cur() const { return toks_[i_]; }
  const Token& prev() const { return toks_[i_ - 1]; }
  void next() { ++i_; }
  int pos(std::size_t byte) const { return src_.position(byte); }

  Operand sum() {
    Operand a = product();
    while (cur().kind == Tok::Plus || cur().kind == Tok::Minus) {
      const Op op = cur().kind == Tok::Plus ? Op::Add : Op::Sub;
      next();
      const Operand b = product();
      a = b_.binary(op, a, b);
    }
    return a;
  }

  Operand product() {
    Operand a = signed_();
    while (cur().kind == Tok::Star || cur().kind == Tok::Slash) {
      const Op op = cur().kind == Tok::Star ? Op::Mul : Op::Div;
      next();
      const Operand b = signed_();
      a = b_.binary(op, a, b);
    }
    return a;
  }

  // Every level of recursion passes through here, so this one counter bounds the parser's stack.
  Operand signed_() {
    if (++depth_ > kMaxFormulaDepth)
      src_.fail(cur().at, "nested too deeply",
                "at most " + std::to_string(kMaxFormulaDepth) + " levels of parentheses, signs and exponents");
    Operand r;
    if (cur().kind == Tok::Minus) {
      next();
      r = b_.unary(Op::Neg, signed_());
    } else if (cur().kind == Tok::Plus) {
      next();
      r = signed_();
    } else {
      r = power();
    }
    --depth_;
    return r;
  }

  Operand power() {
    Operand a = atom();
    if (cur().kind == Tok::Caret) {
      next();
      const Operand b = signed_();  // right-associative; the exponent may carry a sign: 2^-x
      a = b_.binary(Op::Pow, a, b);
    }
    return a;
  }

  Operand atom() {
    const Token& t = cur();
    switch (t.kind) {
      case Tok::Number: next(); return b_.constant(t.num, t.text);
      case Tok::Name: return name();
      case Tok::LParen: return group();
      default: operand_expected();
    }
  }

  // "(" sum ")" — at the current "(".
  Operand group() {
    opens_.push_back(cur().at);
    next();
    const Operand a = sum();
    if (cur().kind != Tok::RParen) after_operand();
    next();
    opens_.pop_back();
    return a;
  }

  Operand name() {
    const Token t = cur();
    next();
    if (t.name == "pi") return b_.constant(std::numbers::pi, t.text);
    if (t.name == "e") return b_.constant(std::numbers::e, t.text);
    if (const Function* f = find_function(t.name)) {
      if (cur().kind != Tok::LParen) {
        const bool arg = cur().kind == Tok::Name || cur().kind == Tok::Number;
        src_.fail(cur().at, "expected \"(\" after " + std::string(t.name),
                  "write " + std::string(t.name) + "(" + (arg ? std::string(cur().text) : "x") + ")");
      }
      return b_.unary(f->op, group());
    }
    if (const auto v = b_.variable(t.name)) return *v;
    src_.fail(t.at, "unknown name \"" + std::string(t.text) + "\"", unknown_name_hint(t.name, help_.names));
  }

  // A complete operand is followed by something that cannot continue it.
  [[noreturn]] void after_operand() const {
    const Token& t = cur();
    switch (t.kind) {
      case Tok::End:
        src_.fail(t.at, "missing \")\"", "the \"(\" at position " + std::to_string(pos(opens_.back())) + " is never closed");
      case Tok::RParen:
        src_.fail(t.at, "unexpected \")\"", "there is no \"(\" before it to close");
      case Tok::Comma:
        src_.fail(t.at, "unexpected \",\"", "functions here take one argument");
      case Tok::Number: case Tok::Name: case Tok::LParen: {
        const Token& p = prev();
        const std::string left = p.kind == Tok::RParen ? "(…)" : std::string(p.text);
        std::string right = t.kind == Tok::LParen ? "(…)" : std::string(t.text);
        if (t.kind == Tok::Name && find_function(t.name)) right += "(…)";
        src_.fail(t.at, "expected an operator", "to multiply, write " + left + "*" + right);
      }
      default:
        src_.fail(t.at, "unexpected " + describe(t));
    }
  }

  // An operand (number, name, "(") was expected.
  [[noreturn]] void operand_expected() const {
    const Token& t = cur();
    const Token* p = i_ > 0 ? &prev() : nullptr;
    if (t.kind == Tok::End && p != nullptr && is_operator(p->kind))
      src_.fail(p->at, "trailing operator " + describe(*p), "it needs an operand after it");
    if (t.kind == Tok::End && p != nullptr && p->kind == Tok::LParen)
      src_.fail(t.at, "the formula ends too early",
                "expected an expression after the \"(\" at position " + std::to_string(pos(p->at)));
    if (t.kind == Tok::RParen && p != nullptr && p->kind == Tok::LParen)
      src_.fail(t.at, "unexpected \")\"", "empty parentheses: put an expression inside");
    src_.fail(t.at, "unexpected " + describe(t), "expected " + help_.operand);
  }

  const FormulaSource& src_;
  std::vector<Token> toks_;
  std::size_t i_ = 0;
  int depth_ = 0;
  std::vector<std::size_t> opens_;  // byte offsets of the "(" not yet closed
  FormulaSink& b_;
  const FormulaSink::Help help_;
};

// The landscape sink: x and y are the only variables; sub-expressions are ProgramBuilder operands.
class ProgramSink final : public FormulaSink {
 public:
  Ref constant(double k, std::string_view) override { return keep(b_.constant(k)); }
  std::optional<Ref> variable(std::string_view name) override {
    if (name == "x") return keep(b_.x());
    if (name == "y") return keep(b_.y());
    return std::nullopt;
  }
  Ref unary(Op op, Ref a) override { return keep(b_.unary(op, operands_[a])); }
  Ref binary(Op op, Ref a, Ref b) override { return keep(b_.binary(op, operands_[a], operands_[b])); }
  Help help() const override {
    return {formula_names_help(), "a number, x, y, a function or \"(\"",
            "write an expression in x and y, e.g. x^2 + y^2"};
  }
  Program finish() && { return std::move(b_).finish(); }

 private:
  Ref keep(ProgramBuilder::Operand o) {
    operands_.push_back(o);
    return operands_.size() - 1;
  }
  ProgramBuilder b_;
  std::vector<ProgramBuilder::Operand> operands_;
};

}  // namespace

std::string formula_names_help() {
  std::string s = "x, y, pi, e or a function: ";
  bool first = true;
  for (const auto& f : kFunctions) {
    s += (first ? "" : ", ") + std::string(f.name);
    first = false;
  }
  return s;
}

FormulaSink::Ref parse_formula_into(std::string_view text, const std::string& what, FormulaSink& sink) {
  // Count UTF-16 units before building anything sized by the text.
  std::size_t units = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0) != 0x80) units += u >= 0xF0 ? 2 : 1;
  }
  if (units > static_cast<std::size_t>(kMaxFormulaLength))
    throw FormulaError(what + ": the formula is too long: " + std::to_string(units) + " characters (at most " +
                           std::to_string(kMaxFormulaLength) + ")",
                       kMaxFormulaLength + 1);
  FormulaSource src(text, what);
  std::vector<Token> tokens = lex(src);
  if (tokens.front().kind == Tok::End) throw FormulaError(what + ": the formula is empty — " + sink.help().empty, 1);
  return Parser(src, std::move(tokens), sink).run();
}

Program parse_formula(std::string_view text, const std::string& what) {
  ProgramSink sink;
  parse_formula_into(text, what, sink);
  return std::move(sink).finish();
}

}  // namespace lab::land
