// lab::land::ProgramBuilder (constant folding, one-constant forms, stack depth) and the program's
// listing (see formula_program.hpp). Folding uses the evaluator's own arithmetic (formula_math.hpp), so a
// folded constant is exactly what evaluation would have computed.
#include "formula_program.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "../error.hpp"
#include "formula_math.hpp"

namespace lab::land {

namespace {

using namespace fmath;

bool has_constant(Op op) {
  switch (op) {
    case Op::Const: case Op::AddK: case Op::SubK: case Op::MulK: case Op::DivK: case Op::PowK:
    case Op::KSub: case Op::KDiv: case Op::KPow:
      return true;
    default:
      return false;
  }
}

}  // namespace

const char* op_name(Op op) {
  switch (op) {
    case Op::Const: return "const";
    case Op::X: return "x";
    case Op::Y: return "y";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Pow: return "pow";
    case Op::AddK: return "add_k";
    case Op::SubK: return "sub_k";
    case Op::MulK: return "mul_k";
    case Op::DivK: return "div_k";
    case Op::PowK: return "pow_k";
    case Op::KSub: return "k_sub";
    case Op::KDiv: return "k_div";
    case Op::KPow: return "k_pow";
    case Op::Neg: return "neg";
    case Op::Sqr: return "sqr";
    case Op::Sin: return "sin";
    case Op::Cos: return "cos";
    case Op::Tan: return "tan";
    case Op::Exp: return "exp";
    case Op::Log: return "log";
    case Op::Sqrt: return "sqrt";
    case Op::Abs: return "abs";
    case Op::Tanh: return "tanh";
    case Op::Atan: return "atan";
    case Op::Sinh: return "sinh";
    case Op::Cosh: return "cosh";
  }
  return "?";
}

std::string Program::disassemble() const {
  std::string s;
  for (const Instr& in : code_) {
    if (!s.empty()) s += ' ';
    if (in.op == Op::Const) {
      s += format_number(in.k);
    } else {
      s += op_name(in.op);
      if (has_constant(in.op)) {
        s += ':';
        s += format_number(in.k);
      }
    }
  }
  return s;
}

namespace {

// One switch per arity, for doubles (evaluation, folding) and dual numbers (local derivatives).
template <class T>
T unary_of(Op op, const T& a) {
  switch (op) {
    case Op::Neg: return neg(a);
    case Op::Sqr: return sqr(a);
    case Op::Sin: return sin_(a);
    case Op::Cos: return cos_(a);
    case Op::Tan: return tan_(a);
    case Op::Exp: return exp_(a);
    case Op::Log: return log_(a);
    case Op::Sqrt: return sqrt_(a);
    case Op::Abs: return abs_(a);
    case Op::Tanh: return tanh_(a);
    case Op::Atan: return atan_(a);
    case Op::Sinh: return sinh_(a);
    case Op::Cosh: return cosh_(a);
    default: throw Error(code::internal, std::string("apply_unary: not a unary op: ") + op_name(op));
  }
}

template <class T>
T binary_of(Op op, const T& a, const T& b) {
  switch (op) {
    case Op::Add: return add(a, b);
    case Op::Sub: return sub(a, b);
    case Op::Mul: return mul(a, b);
    case Op::Div: return div(a, b);
    case Op::Pow: return pow_(a, b);
    default: throw Error(code::internal, std::string("apply_binary: not a binary op: ") + op_name(op));
  }
}

}  // namespace

double apply_unary(Op op, double a) { return unary_of(op, a); }
double apply_binary(Op op, double a, double b) { return binary_of(op, a, b); }

LocalGrad differentiate_unary(Op op, double a) {
  const Dual r = unary_of(op, Dual{a, 1, 0});
  return {r.v, r.dx, 0};
}

LocalGrad differentiate_binary(Op op, double a, double b) {
  const Dual r = binary_of(op, Dual{a, 1, 0}, Dual{b, 0, 1});
  return {r.v, r.dx, r.dy};
}

// ---- the builder ----

ProgramBuilder::Operand ProgramBuilder::emit(Op op, double k, std::size_t start) {
  code_.push_back({op, k});
  return {start, false, 0};
}

ProgramBuilder::Operand ProgramBuilder::constant(double k) {
  const std::size_t start = code_.size();
  code_.push_back({Op::Const, k});
  return {start, true, k};
}

ProgramBuilder::Operand ProgramBuilder::x() { return emit(Op::X, 0, code_.size()); }
ProgramBuilder::Operand ProgramBuilder::y() { return emit(Op::Y, 0, code_.size()); }

ProgramBuilder::Operand ProgramBuilder::unary(Op op, Operand a) {
  if (a.is_const) {
    code_.resize(a.start);
    return constant(apply_unary(op, a.k));
  }
  return emit(op, 0, a.start);
}

ProgramBuilder::Operand ProgramBuilder::binary(Op op, Operand a, Operand b) {
  if (a.is_const && b.is_const) {
    code_.resize(a.start);
    return constant(apply_binary(op, a.k, b.k));
  }
  if (b.is_const) {  // a ∘ k: drop the Const, use the k form
    code_.pop_back();
    const double k = b.k;
    switch (op) {
      case Op::Add: return emit(Op::AddK, k, a.start);
      case Op::Sub: return emit(Op::SubK, k, a.start);
      case Op::Mul: return emit(Op::MulK, k, a.start);
      case Op::Div: return emit(Op::DivK, k, a.start);
      default:  // Pow
        if (k == 2) return emit(Op::Sqr, 0, a.start);
        if (k == 1) return a;  // a^1 is a, bit for bit, and so are its derivatives
        if (k == 0) {          // a^0 is 1 everywhere (pow(NaN, 0) too); its derivative 0
          code_.resize(a.start);
          return constant(1);
        }
        return emit(Op::PowK, k, a.start);
    }
  }
  if (a.is_const) {  // k ∘ b: drop the Const in front of b's code (+ and · commute exactly in IEEE)
    const double k = a.k;
    code_.erase(code_.begin() + static_cast<std::ptrdiff_t>(a.start));
    switch (op) {
      case Op::Add: return emit(Op::AddK, k, a.start);
      case Op::Sub: return emit(Op::KSub, k, a.start);
      case Op::Mul: return emit(Op::MulK, k, a.start);
      case Op::Div: return emit(Op::KDiv, k, a.start);
      default:  // Pow
        if (k == std::numbers::e) return emit(Op::Exp, 0, a.start);  // e^b means exp(b)
        return emit(Op::KPow, k, a.start);
    }
  }
  return emit(op, 0, a.start);
}

Program ProgramBuilder::finish() && {
  Program p;
  int depth = 0, deepest = 0;
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::Const: case Op::X: case Op::Y: ++depth; break;
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: --depth; break;
      default: break;
    }
    deepest = std::max(deepest, depth);
  }
  if (depth != 1) throw Error(code::internal, "formula program leaves " + std::to_string(depth) + " values on the stack");
  p.code_ = std::move(code_);
  p.max_stack_ = deepest;
  return p;
}

}  // namespace lab::land
