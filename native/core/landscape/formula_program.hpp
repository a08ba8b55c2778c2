// lab::land::Program — a compiled user formula: a flat postfix program over a small stack, evaluated
// either on doubles (f only: contour grids) or on dual numbers (f, ∂f/∂x, ∂f/∂y: exact forward-mode
// derivatives, no finite differences).
//
//   "(1 - x)^2 + 100*(y - x^2)^2"  →  x k_sub:1 sqr y x sqr sub sqr mul_k:100 add
//
// value_row runs each instruction over a block of points at once (a grid row), which spends the
// dispatch once per block and lets the compiler vectorise the arithmetic.
// ProgramBuilder folds constants while the parser emits (2*pi*x → x mul_k:6.28…), turns an operation
// with one constant side into a single instruction (x^3 → pow_k:3, x^2 → sqr), and records the deepest
// stack the program needs. Evaluation reads only the program and keeps its stack on the caller's frame,
// so one Program serves any number of threads at once.
// Not here: parsing and syntax errors (formula.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lab::land {

enum class Op : std::uint8_t {
  Const, X, Y,                                      // push
  Add, Sub, Mul, Div, Pow,                          // a b → a∘b
  AddK, SubK, MulK, DivK, PowK,                     // a → a∘k
  KSub, KDiv, KPow,                                 // a → k∘a
  Neg, Sqr, Sin, Cos, Tan, Exp, Log, Sqrt, Abs, Tanh, Atan, Sinh, Cosh,  // a → f(a)
};

struct Instr {
  Op op;
  double k;  // the constant of Const and the *K / K* forms
};

class Program {
 public:
  double value(double x, double y) const;
  double value_grad(double x, double y, double& gx, double& gy) const;
  // out[i] = value(xs[i], y), bit for bit, interpreting each instruction once per block of points.
  void value_row(const double* xs, double y, double* out, std::size_t n) const;

  const std::vector<Instr>& code() const { return code_; }
  int max_stack() const { return max_stack_; }
  std::string disassemble() const;  // "x sqr y sqr add", constants as "mul_k:100"

 private:
  friend class ProgramBuilder;
  std::vector<Instr> code_;
  int max_stack_ = 0;
};

// Emits a program bottom-up. Each call returns an Operand describing the code just emitted for a
// sub-expression; operands must be combined in the order they were emitted (left before right).
class ProgramBuilder {
 public:
  struct Operand {
    std::size_t start;  // index of its first instruction
    bool is_const;      // its code is exactly one Const at `start`
    double k;
  };

  Operand constant(double k);
  Operand x();
  Operand y();
  Operand unary(Op op, Operand a);               // Neg or a function (Sin … Cosh)
  Operand binary(Op op, Operand a, Operand b);   // Add, Sub, Mul, Div or Pow
  Program finish() &&;

 private:
  Operand emit(Op op, double k, std::size_t start);
  std::vector<Instr> code_;
};

// The scalar meaning of an op (constant folding and tests use the evaluator's own arithmetic).
double apply_unary(Op op, double a);
double apply_binary(Op op, double a, double b);

// An op's value and its local partial derivatives ∂/∂a and ∂/∂b (0 for a unary op), by the same
// derivative rules as value_grad — what the graph lesson shows on each edge of the chain rule.
struct LocalGrad {
  double value, da, db;
};
LocalGrad differentiate_unary(Op op, double a);
LocalGrad differentiate_binary(Op op, double a, double b);
const char* op_name(Op op);

}  // namespace lab::land
