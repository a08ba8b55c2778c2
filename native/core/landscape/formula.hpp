// lab::land formulas — a user's f(x, y), typed as text, compiled to a Function2D with exact gradients.
//
//   auto f = compile_formula("(1 - x)^2 + 100*(y - x^2)^2");
//   double gx, gy, v = f->value_grad(0.5, 0.5, gx, gy);
//
// Grammar (loosest first):  sum     := product (("+" | "-") product)*
//                           product := signed (("*" | "/") signed)*
//                           signed  := ("-" | "+") signed | power
//                           power   := atom ("^" signed)?         ("**" means "^")
//                           atom    := number | x | y | pi | e | function "(" sum ")" | "(" sum ")"
// so ^ is right-associative and binds tighter than a sign: -x^2 = -(x^2), 2^3^2 = 2^9, 2^-1 = 0.5.
// Numbers: 12, 1.5, .5, 1e-3. Functions: sin cos tan exp log (ln) sqrt abs tanh atan sinh cosh.
// Also accepted as typed in the app's own formulas: − (minus), · × ⋅ (times), π, x², x³.
//
// A malformed formula throws FormulaError (code FORMULA_SYNTAX) whose message names the problem, the
// 1-based position and a hint ("expected an operator at position 2 (1-based): "2x" — write 2*x"), and
// whose position() lets the UI underline it. Positions count UTF-16 code units, as JS strings do.
// Length and nesting are capped so that no input can exhaust the stack.
// Not here: the bytecode and its evaluation (formula_program.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "../error.hpp"
#include "formula_program.hpp"
#include "function2d.hpp"

namespace lab::land {

inline constexpr int kMaxFormulaLength = 2000;  // UTF-16 code units
inline constexpr int kMaxFormulaDepth = 200;    // nested parentheses, signs and exponents

class FormulaError : public Error {
 public:
  FormulaError(const std::string& message, int position) : Error(code::formula_syntax, message), position_(position) {}
  int position() const noexcept { return position_; }  // 1-based; one past the end for "ends too early"

 private:
  int position_;
};

// Parses and compiles `text`; `what` starts each error message ("race.function.formula: …").
Program parse_formula(std::string_view text, const std::string& what = "formula");
std::unique_ptr<Function2D> compile_formula(std::string_view text, const std::string& what = "formula");

// "x, y, pi, e or a function: sin, cos, …" — what a formula may name.
std::string formula_names_help();

}  // namespace lab::land
