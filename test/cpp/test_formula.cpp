// User formulas: every built-in retyped as a formula agrees with it (value and gradient), precedence
// and associativity by hand, each derivative rule against its hand derivative, constant folding, every
// kind of malformed formula (code, position, hint), limits, and use from several threads.
#include <cmath>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include "check.hpp"
#include "landscape/builtin.hpp"
#include "landscape/formula.hpp"
#include "runtime/rng.hpp"

using namespace lab;
using namespace lab::land;

namespace {

double eval(const std::string& text, double x = 0, double y = 0) { return compile_formula(text)->value(x, y); }

struct Grad {
  double f, gx, gy;
};
Grad grad(const std::string& text, double x, double y) {
  Grad g{};
  g.f = compile_formula(text)->value_grad(x, y, g.gx, g.gy);
  return g;
}

// Expects a FormulaError with FORMULA_SYNTAX, `position` and every part in the message.
void expect_syntax(const std::string& text, int position, std::initializer_list<const char*> parts, int line) {
  try {
    (void)compile_formula(text);
    check::fail(__FILE__, line, "no error for \"" + text + "\"");
  } catch (const FormulaError& e) {
    if (e.code() != std::string(code::formula_syntax)) check::fail(__FILE__, line, "code " + e.code());
    if (e.position() != position)
      check::fail(__FILE__, line, "position " + std::to_string(e.position()) + ", expected " + std::to_string(position) +
                                      " (" + e.what() + ")");
    for (const char* p : parts)
      if (std::string(e.what()).find(p) == std::string::npos)
        check::fail(__FILE__, line, std::string("message \"") + e.what() + "\" lacks \"" + p + "\"");
  } catch (const std::exception& e) {
    check::fail(__FILE__, line, std::string("other exception: ") + e.what());
  }
}
#define SYNTAX(text, pos, ...) expect_syntax(text, pos, {__VA_ARGS__}, __LINE__)

// Each built-in at its default params, typed as a user would.
struct Retyped {
  const char* name;
  const char* formula;
};
const Retyped kRetyped[] = {
    {"rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2"},
    {"beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"},
    {"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
    {"booth", "(x + 2*y - 7)^2 + (2*x + y - 5)^2"},
    {"matyas", "0.26*(x^2 + y^2) - 0.48*x*y"},
    {"goldstein_price",
     "(1 + (x + y + 1)^2 * (19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2)) * "
     "(30 + (2*x - 3*y)^2 * (18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))"},
    {"ackley", "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20"},
    {"rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"},
    {"saddle", "x^2 - y^2"},
    {"quadratic", "0.5*(x^2 + 10*y^2)"},
    {"three_hump_camel", "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2"},
    {"styblinski_tang", "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)"},
};

}  // namespace

TEST("every built-in retyped as a formula: same f and ∇f at 50 seeded points (1e-10 relative)") {
  CHECK(std::size(kRetyped) == builtins().size());  // a new built-in needs its line here
  for (const auto& r : kRetyped) {
    const Builtin* b = find_builtin(r.name);
    CHECK(b != nullptr);
    if (b == nullptr) continue;
    const Landscape l = make_landscape(Value(r.name), "f");
    const auto f = compile_formula(r.formula);
    Rng rng(7);
    for (int i = 0; i < 50; ++i) {
      const double x = l.bounds.xmin + (l.bounds.xmax - l.bounds.xmin) * rng.uniform();
      const double y = l.bounds.ymin + (l.bounds.ymax - l.bounds.ymin) * rng.uniform();
      double bx, by, fx, fy;
      const double bv = l.fn->value_grad(x, y, bx, by);
      const double fv = f->value_grad(x, y, fx, fy);
      CHECK(fv == f->value(x, y));
      if (!(check::rel_near(fv, bv, 1e-10) && check::rel_near(fx, bx, 1e-10) && check::rel_near(fy, by, 1e-10)))
        check::fail(__FILE__, __LINE__, std::string(r.name) + " at (" + check::num(x) + ", " + check::num(y) + "): f " +
                                            check::num(fv) + " vs " + check::num(bv) + ", gx " + check::num(fx) + " vs " +
                                            check::num(bx) + ", gy " + check::num(fy) + " vs " + check::num(by));
    }
  }
}

TEST("precedence and associativity, by hand") {
  CHECK(eval("-x^2", 3) == -9);        // ^ binds tighter than a sign
  CHECK(eval("-2^2") == -4);
  CHECK(eval("(-2)^2") == 4);
  CHECK(eval("2^3^2") == 512);          // right-associative: 2^9
  CHECK(eval("(2^3)^2") == 64);
  CHECK(eval("2^-1") == 0.5);           // a sign in the exponent
  CHECK(eval("-x^-2", 2) == -0.25);
  CHECK(eval("2**3") == 8);
  CHECK(eval("2**3**2") == 512);
  CHECK(eval("2*3+4") == 10);
  CHECK(eval("2+3*4") == 14);
  CHECK(eval("2*3^2") == 18);
  CHECK(eval("2^3*4") == 32);
  CHECK(eval("1/2^2") == 0.25);
  CHECK(eval("8/4/2") == 1);            // left-associative
  CHECK(eval("8-4-2") == 2);
  CHECK(eval("3 - -2") == 5);
  CHECK(eval("--x", 7) == 7);
  CHECK(eval("+x", 7) == 7);
  CHECK(eval("2*-x", 1) == -2);
  CHECK(eval("(1+2)*(3+4)") == 21);
  CHECK(eval("x/y/2", 8, 2) == 2);
  CHECK(eval("-x*y", 2, 3) == -6);
  CHECK(eval("-sin(x)^2", 1) == -(std::sin(1.0) * std::sin(1.0)));
}

TEST("numbers, names and typeset characters") {
  CHECK(eval("123") == 123);
  CHECK(eval("1.5") == 1.5);
  CHECK(eval(".5") == 0.5);
  CHECK(eval("5.") == 5);
  CHECK(eval("1e-3") == 1e-3);
  CHECK(eval("2.5E+2") == 250);
  CHECK(eval("1e-400") == 0);  // underflow is zero
  CHECK(eval("pi") == std::numbers::pi);
  CHECK(eval("e") == std::numbers::e);
  CHECK(eval("ln(e)") == std::log(std::numbers::e));
  CHECK(eval(" \t x \n+ y\r", 1, 2) == 3);
  CHECK(eval("x² − y³", 3, 2) == 1);           // − is a minus sign, ² and ³ powers
  CHECK(eval("2·π×x ⋅ 1", 1) == 2 * std::numbers::pi);
  CHECK(eval("x²²", 2) == 16);                  // x^2^2 = x^4
}

TEST("derivative rules: each function and operator against its hand derivative") {
  const double x = 0.7, y = -1.3;
  struct Case {
    const char* f;
    double v, gx, gy;
  };
  const double sx = std::sin(x), cx = std::cos(x), tx = std::tan(x), th = std::tanh(x);
  const Case cases[] = {
      {"sin(x)", sx, cx, 0},
      {"cos(x)", cx, -sx, 0},
      {"tan(x)", tx, 1 + tx * tx, 0},
      {"exp(x)", std::exp(x), std::exp(x), 0},
      {"log(x)", std::log(x), 1 / x, 0},
      {"ln(x)", std::log(x), 1 / x, 0},
      {"sqrt(x)", std::sqrt(x), 0.5 / std::sqrt(x), 0},
      {"abs(y)", 1.3, 0, -1},
      {"abs(x)", x, 1, 0},
      {"tanh(x)", th, 1 - th * th, 0},
      {"atan(y)", std::atan(y), 0, 1 / (1 + y * y)},
      {"sinh(y)", std::sinh(y), 0, std::cosh(y)},
      {"cosh(y)", std::cosh(y), 0, std::sinh(y)},
      {"x*y", x * y, y, x},
      {"x/y", x / y, 1 / y, -x / (y * y)},
      {"x + y", x + y, 1, 1},
      {"x - y", x - y, 1, -1},
      {"-x", -x, -1, 0},
      {"x^3", std::pow(x, 3), 3 * x * x, 0},
      {"x^2", x * x, 2 * x, 0},
      {"x^0.5", std::pow(x, 0.5), 0.5 * std::pow(x, -0.5), 0},
      {"2^y", std::pow(2, y), 0, std::pow(2, y) * std::log(2.0)},
      {"e^y", std::exp(y), 0, std::exp(y)},
      {"x^(-y)", std::pow(x, -y), -y * std::pow(x, -y - 1), -std::pow(x, -y) * std::log(x)},
      {"3/x", 3 / x, -3 / (x * x), 0},
      {"5 - y", 5 - y, 0, -1},
      {"sin(x*y)", std::sin(x * y), std::cos(x * y) * y, std::cos(x * y) * x},  // the chain rule
      {"exp(sin(x) + y^2)", std::exp(sx + y * y), std::exp(sx + y * y) * cx, std::exp(sx + y * y) * 2 * y},
  };
  for (const auto& c : cases) {
    const Grad g = grad(c.f, x, y);
    if (!(check::rel_near(g.f, c.v, 1e-14) && check::rel_near(g.gx, c.gx, 1e-14) && check::rel_near(g.gy, c.gy, 1e-14)))
      check::fail(__FILE__, __LINE__, std::string(c.f) + ": got (" + check::num(g.f) + ", " + check::num(g.gx) + ", " +
                                          check::num(g.gy) + "), expected (" + check::num(c.v) + ", " + check::num(c.gx) +
                                          ", " + check::num(c.gy) + ")");
  }
}

TEST("derivatives where a rule has a singular factor: no NaN leaks into the still direction") {
  Grad g = grad("sqrt(x) + y", 0, 2);  // ∂/∂x is +∞ at 0; ∂/∂y must stay 1
  CHECK(g.f == 2 && std::isinf(g.gx) && g.gy == 1);
  g = grad("abs(x)", 0, 0);  // the kink: 0
  CHECK(g.f == 0 && g.gx == 0 && g.gy == 0);
  g = grad("log(x)", 0, 1);
  CHECK(std::isinf(g.f) && g.f < 0 && g.gy == 0);
  g = grad("x^y", 2, 3);  // general power: (y·x^(y−1), x^y·ln x)
  CHECK(g.f == 8 && g.gx == 12);
  CHECK_REL(g.gy, 8 * std::log(2.0), 1e-15);
  g = grad("x^y", 0, 3);  // 0^y is 0 for every y near 3: both partials 0, not 0·ln 0 = NaN
  CHECK(g.f == 0 && g.gx == 0 && g.gy == 0);
  g = grad("x*y + sin(x)", 2, 3);  // the API test's case: gy exactly 2
  CHECK(g.gy == 2);
  g = grad("7", 1, 1);
  CHECK(g.f == 7 && g.gx == 0 && g.gy == 0);
}

TEST("constant folding and one-constant forms in the program") {
  CHECK(parse_formula("2*3*x").disassemble() == "x mul_k:6");
  CHECK(parse_formula("x^2").disassemble() == "x sqr");
  CHECK(parse_formula("x^1").disassemble() == "x");
  CHECK(parse_formula("x^0").disassemble() == "1");
  CHECK(parse_formula("x^3").disassemble() == "x pow_k:3");
  CHECK(parse_formula("2^x").disassemble() == "x k_pow:2");
  CHECK(parse_formula("e^x").disassemble() == "x exp");
  CHECK(parse_formula("1/x").disassemble() == "x k_div:1");
  CHECK(parse_formula("x/2").disassemble() == "x div_k:2");
  CHECK(parse_formula("1 - x").disassemble() == "x k_sub:1");
  CHECK(parse_formula("x - 1").disassemble() == "x sub_k:1");
  CHECK(parse_formula("sin(0) + 2*pi").disassemble() == format_number(2 * std::numbers::pi));
  CHECK(parse_formula("-(2)").disassemble() == "-2");
  CHECK(parse_formula("x*y").disassemble() == "x y mul");
  const Program p = parse_formula("(1 - x)^2 + 100*(y - x^2)^2");
  CHECK(p.disassemble() == "x k_sub:1 sqr y x sqr sub sqr mul_k:100 add");
  CHECK(p.max_stack() == 3);
}

TEST("malformed formulas: FORMULA_SYNTAX with the 1-based position and a hint") {
  SYNTAX("x^2 + )", 7, "formula: unexpected \")\" at position 7 (1-based): \"x^2 + )\"", "expected a number, x, y");
  SYNTAX("2x + y", 2, "expected an operator at position 2", "write 2*x");
  SYNTAX("x y", 3, "expected an operator at position 3", "write x*y");
  SYNTAX("(x+1)(x-1)", 6, "expected an operator at position 6", "write (…)*(…)");
  SYNTAX("2 sin(x)", 3, "write 2*sin(…)");
  SYNTAX("z + 1", 1, "unknown name \"z\" at position 1", "expected x, y, pi, e or a function: sin, cos, tan, exp, log, sqrt");
  SYNTAX("x + a", 5, "unknown name \"a\" at position 5");
  SYNTAX("xy", 1, "unknown name \"xy\"", "to multiply, write x*y");
  SYNTAX("2*pix", 3, "write pi*x");
  SYNTAX("X^2", 1, "names are lower-case: write x");
  SYNTAX("Sin(x)", 1, "write sin");
  SYNTAX("sinx", 1, "write sin(x)");
  SYNTAX("x2", 1, "write x^2 for a power or x*2 for a product");
  SYNTAX("sin(x", 6, "missing \")\" at position 6", "the \"(\" at position 4 is never closed");
  SYNTAX("((x + 1)", 9, "missing \")\"", "the \"(\" at position 1 is never closed");
  SYNTAX("(x + 1))", 8, "unexpected \")\" at position 8", "no \"(\" before it");
  SYNTAX("", 1, "formula: the formula is empty");
  SYNTAX("  \t ", 1, "the formula is empty");
  SYNTAX("sin x", 5, "expected \"(\" after sin at position 5", "write sin(x)");
  SYNTAX("2*sin", 6, "expected \"(\" after sin at position 6", "write sin(x)");
  SYNTAX("x^2 +", 5, "trailing operator \"+\" at position 5");
  SYNTAX("x *", 3, "trailing operator \"*\" at position 3");
  SYNTAX("x^", 2, "trailing operator \"^\"");
  SYNTAX("-", 1, "trailing operator \"-\"");
  SYNTAX("sin(", 5, "the formula ends too early at position 5", "after the \"(\" at position 4");
  SYNTAX("x + * y", 5, "unexpected \"*\" at position 5");
  SYNTAX("* x", 1, "unexpected \"*\" at position 1");
  SYNTAX("()", 2, "unexpected \")\" at position 2", "empty parentheses");
  SYNTAX("sin()", 5, "empty parentheses");
  SYNTAX("sin(x, y)", 6, "unexpected \",\" at position 6", "one argument");
  SYNTAX("x $ y", 3, "unexpected character \"$\" at position 3");
  SYNTAX("[x]", 1, "use ( and )");
  SYNTAX("f = x", 3, "unexpected character \"=\"", "write only the expression");
  SYNTAX("|x|", 1, "abs(");
  SYNTAX("x + .", 5, "unexpected character \".\"");
  SYNTAX("1.2.3", 1, "malformed number \"1.2.3\" at position 1");
  SYNTAX("1e999", 1, "number \"1e999\" is too large");
  SYNTAX(std::string("x + \x01"), 5, "unexpected character U+0001");
  SYNTAX("x + \xff", 5, "byte 0xFF (not UTF-8)");
  // positions count UTF-16 units, as JS does: π, · are one each; 😀 is two
  SYNTAX("π·x + )", 7, "unexpected \")\" at position 7");
  SYNTAX("x + 😀", 5, "unexpected character \"😀\" at position 5");
  SYNTAX("\"😀\"", 1, "unexpected character \"\"\" at position 1");
  SYNTAX("(😀)", 2, "position 2");
  SYNTAX("x\n+ )", 5, "\"x + )\"");  // line breaks show as spaces in the quote
  // the caller's path starts the message
  try {
    (void)compile_formula("x +", "race.function.formula");
    CHECK(false);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).starts_with("race.function.formula: trailing operator"));
  }
}

TEST("long formulas are quoted around the error, not whole") {
  std::string text = "x";
  for (int i = 0; i < 100; ++i) text += " + x";
  text += " + )";
  try {
    (void)compile_formula(text);
    CHECK(false);
  } catch (const FormulaError& e) {
    const std::string m = e.what();
    CHECK(e.position() == static_cast<int>(text.size()));
    CHECK(m.find("\"…") != std::string::npos);
    CHECK(m.find("+ )\"") != std::string::npos);
    CHECK(m.size() < 200);
  }
}

TEST("limits: length and nesting are refused with a clear error, never a crash") {
  SYNTAX(std::string(2001, 'x'), 2001, "the formula is too long: 2001 characters (at most 2000)");
  SYNTAX(std::string(1 << 20, '('), 2001, "too long: 1048576 characters");
  SYNTAX(std::string(1000, '(') + "x" + std::string(1000, ')'), 2001, "too long");
  // 200 levels are fine, the 201st is refused where it starts
  CHECK(eval(std::string(199, '(') + "x" + std::string(199, ')'), 5) == 5);
  SYNTAX(std::string(300, '(') + "x" + std::string(300, ')'), 201, "nested too deeply at position 201", "at most 200 levels");
  SYNTAX(std::string(300, '-') + "x", 201, "nested too deeply");
  std::string tower = "x";
  for (int i = 0; i < 300; ++i) tower += "^x";
  SYNTAX(tower, 401, "nested too deeply");
  // a long flat sum is not deep: 1000 terms in 1999 characters
  std::string sum = "x";
  for (int i = 1; i < 1000; ++i) sum += "+x";
  CHECK(sum.size() == 1999);
  CHECK(eval(sum, 1.5) == 1500);
  // a deep right-nested sum needs a stack of ~200 values: past the inline buffer, still right
  std::string deep = "x";
  for (int i = 0; i < 190; ++i) deep = "x+(" + deep + ")";
  const Program p = parse_formula(deep);
  CHECK(p.max_stack() > 64);
  double gx, gy;
  CHECK(p.value(2, 0) == 382);
  CHECK(p.value_grad(2, 0, gx, gy) == 382 && gx == 191 && gy == 0);
}

TEST("FormulaError is a lab::Error carrying its position") {
  try {
    (void)compile_formula("2x");
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.code() == code::formula_syntax);
    const auto* fe = dynamic_cast<const FormulaError*>(&e);
    CHECK(fe != nullptr && fe->position() == 2);
  }
}

TEST("one compiled formula evaluated from four threads at once gives the single-thread numbers") {
  const auto f = compile_formula("sin(3*x)*cos(2*y) + (x^2 + y^2)^0.75 - atan(x*y)");
  const int n = 20000;
  std::vector<double> want(3 * n), got(3 * n);
  auto fill = [&](std::vector<double>& out, int begin, int end) {
    for (int i = begin; i < end; ++i) {
      const double x = -2 + 4.0 * i / n, y = 1.5 - 3.0 * ((i * 7919) % n) / n;
      out[3 * i] = f->value_grad(x, y, out[3 * i + 1], out[3 * i + 2]);
    }
  };
  fill(want, 0, n);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { fill(got, t * n / 4, (t + 1) * n / 4); });
  for (auto& t : threads) t.join();
  CHECK(got == want);
}

CHECK_MAIN()
