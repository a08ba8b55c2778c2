// lab::land::FormulaSink — what the formula parser emits into, so that one grammar (formula_parse.cpp)
// serves both the landscape compiler (a Program in x and y) and the computation-graph lesson (a DAG of
// scalar nodes over any named variables, graph/expression_graph.hpp).
//
// The parser calls the sink bottom-up, left operand before right, and hands back the Refs the sink gave:
//   "w*x + 1"  →  variable("w") = 0, variable("x") = 1, binary(Mul, 0, 1) = 2, constant(1) = 3,
//                 binary(Add, 2, 3) = 4
// A sink decides which names are variables: variable() returns nullopt for a name it does not know,
// and the parser reports it as an unknown name (with a hint) at its position.
// Not here: the grammar and its error messages (formula.hpp), the bytecode (formula_program.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "formula_program.hpp"

namespace lab::land {

class FormulaSink {
 public:
  using Ref = std::size_t;  // a sub-expression, as numbered by the sink
  virtual ~FormulaSink() = default;

  // A number, or the constant pi / e; `text` is as typed ("2.5", "π").
  virtual Ref constant(double k, std::string_view text) = 0;
  // A name that is neither a function nor pi / e; nullopt when the sink has no such variable.
  virtual std::optional<Ref> variable(std::string_view name) = 0;
  virtual Ref unary(Op op, Ref a) = 0;             // Neg or a function (Sin … Cosh)
  virtual Ref binary(Op op, Ref a, Ref b) = 0;     // Add, Sub, Mul, Div or Pow
  // The words of the parser's hints, so that they speak of this sink's variables.
  struct Help {
    std::string names;    // after "expected " for an unknown name: "x, y, pi, e or a function: sin, …"
    std::string operand;  // after "expected " where an operand is missing: "a number, x, y, a function or \"(\""
    std::string empty;    // for an empty formula: "write an expression in x and y, e.g. x^2 + y^2"
  };
  virtual Help help() const = 0;
};

// Parses `text` into `sink` and returns the root. A malformed formula throws FormulaError
// (FORMULA_SYNTAX, with the position); `what` starts each message ("graph.expression: …").
FormulaSink::Ref parse_formula_into(std::string_view text, const std::string& what, FormulaSink& sink);

}  // namespace lab::land
