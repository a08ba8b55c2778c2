// lab::land::Program evaluation (see formula_program.hpp): one loop for a point (on doubles or on dual
// numbers) and one for a block of points (a grid row), both over the same arithmetic (formula_math.hpp).
#include <algorithm>
#include <memory>
#include <vector>

#include "formula_math.hpp"
#include "formula_program.hpp"

namespace lab::land {

namespace {

using namespace fmath;

// The one point-at-a-time loop. The top of the stack lives in `top` (a register); `s` holds the values
// beneath it and needs max_stack slots (the first push parks the empty top in s[0]).
template <class T>
T run(const std::vector<Instr>& code, T* s, const T& x, const T& y) {
  T top = konst(0, x);
  T* sp = s;  // the next free slot
  for (const Instr& in : code) {
    switch (in.op) {
      case Op::Const: *sp++ = top; top = konst(in.k, x); break;
      case Op::X: *sp++ = top; top = x; break;
      case Op::Y: *sp++ = top; top = y; break;
      case Op::Add: top = add(*--sp, top); break;
      case Op::Sub: top = sub(*--sp, top); break;
      case Op::Mul: top = mul(*--sp, top); break;
      case Op::Div: top = div(*--sp, top); break;
      case Op::Pow: top = pow_(*--sp, top); break;
      case Op::AddK: top = add(top, in.k); break;
      case Op::SubK: top = sub(top, in.k); break;
      case Op::MulK: top = mul(top, in.k); break;
      case Op::DivK: top = div(top, in.k); break;
      case Op::PowK: top = pow_(top, in.k); break;
      case Op::KSub: top = sub(in.k, top); break;
      case Op::KDiv: top = div(in.k, top); break;
      case Op::KPow: top = pow_(in.k, top); break;
      case Op::Neg: top = neg(top); break;
      case Op::Sqr: top = sqr(top); break;
      case Op::Sin: top = sin_(top); break;
      case Op::Cos: top = cos_(top); break;
      case Op::Tan: top = tan_(top); break;
      case Op::Exp: top = exp_(top); break;
      case Op::Log: top = log_(top); break;
      case Op::Sqrt: top = sqrt_(top); break;
      case Op::Abs: top = abs_(top); break;
      case Op::Tanh: top = tanh_(top); break;
      case Op::Atan: top = atan_(top); break;
      case Op::Sinh: top = sinh_(top); break;
      case Op::Cosh: top = cosh_(top); break;
    }
  }
  return top;
}

// Runs with the stack on this frame (or on the heap for a pathological program).
template <class T>
T run_local(const std::vector<Instr>& code, int max_stack, const T& x, const T& y) {
  constexpr int kInline = 64;
  T local[kInline];
  if (max_stack <= kInline) return run(code, local, x, y);
  auto heap = std::make_unique<T[]>(static_cast<std::size_t>(max_stack));
  return run(code, heap.get(), x, y);
}

// ---- a block of points at a time: each stack slot is a column of kBlock values ----
constexpr std::size_t kBlock = 256;

template <class F>
inline void each(double* a, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) a[i] = f(a[i]);
}
template <class F>
inline void each2(double* a, const double* b, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) a[i] = f(a[i], b[i]);
}

// Points (xs[i], y), i < n ≤ kBlock; `s` holds max_stack columns. The result is column 0.
void run_block(const std::vector<Instr>& code, double* s, const double* xs, double y, std::size_t n) {
  std::size_t d = 0;  // columns in use
  auto col = [&](std::size_t c) { return s + c * kBlock; };
  for (const Instr& in : code) {
    const double k = in.k;
    double* a = d > 0 ? col(d - 1) : nullptr;  // the top column
    switch (in.op) {
      case Op::Const: std::fill(col(d), col(d) + n, k); ++d; break;
      case Op::X: std::copy(xs, xs + n, col(d)); ++d; break;
      case Op::Y: std::fill(col(d), col(d) + n, y); ++d; break;
      case Op::Add: --d; each2(col(d - 1), col(d), n, [](double u, double v) { return add(u, v); }); break;
      case Op::Sub: --d; each2(col(d - 1), col(d), n, [](double u, double v) { return sub(u, v); }); break;
      case Op::Mul: --d; each2(col(d - 1), col(d), n, [](double u, double v) { return mul(u, v); }); break;
      case Op::Div: --d; each2(col(d - 1), col(d), n, [](double u, double v) { return div(u, v); }); break;
      case Op::Pow: --d; each2(col(d - 1), col(d), n, [](double u, double v) { return pow_(u, v); }); break;
      case Op::AddK: each(a, n, [k](double u) { return add(u, k); }); break;
      case Op::SubK: each(a, n, [k](double u) { return sub(u, k); }); break;
      case Op::MulK: each(a, n, [k](double u) { return mul(u, k); }); break;
      case Op::DivK: each(a, n, [k](double u) { return div(u, k); }); break;
      case Op::PowK: each(a, n, [k](double u) { return pow_(u, k); }); break;
      case Op::KSub: each(a, n, [k](double u) { return sub(k, u); }); break;
      case Op::KDiv: each(a, n, [k](double u) { return div(k, u); }); break;
      case Op::KPow: each(a, n, [k](double u) { return pow_(k, u); }); break;
      case Op::Neg: each(a, n, [](double u) { return neg(u); }); break;
      case Op::Sqr: each(a, n, [](double u) { return sqr(u); }); break;
      case Op::Sin: each(a, n, [](double u) { return sin_(u); }); break;
      case Op::Cos: each(a, n, [](double u) { return cos_(u); }); break;
      case Op::Tan: each(a, n, [](double u) { return tan_(u); }); break;
      case Op::Exp: each(a, n, [](double u) { return exp_(u); }); break;
      case Op::Log: each(a, n, [](double u) { return log_(u); }); break;
      case Op::Sqrt: each(a, n, [](double u) { return sqrt_(u); }); break;
      case Op::Abs: each(a, n, [](double u) { return abs_(u); }); break;
      case Op::Tanh: each(a, n, [](double u) { return tanh_(u); }); break;
      case Op::Atan: each(a, n, [](double u) { return atan_(u); }); break;
      case Op::Sinh: each(a, n, [](double u) { return sinh_(u); }); break;
      case Op::Cosh: each(a, n, [](double u) { return cosh_(u); }); break;
    }
  }
}

}  // namespace

double Program::value(double x, double y) const { return run_local<double>(code_, max_stack_, x, y); }

double Program::value_grad(double x, double y, double& gx, double& gy) const {
  const Dual r = run_local<Dual>(code_, max_stack_, Dual{x, 1, 0}, Dual{y, 0, 1});
  gx = r.dx;
  gy = r.dy;
  return r.v;
}

void Program::value_row(const double* xs, double y, double* out, std::size_t n) const {
  std::vector<double> s(static_cast<std::size_t>(max_stack_) * kBlock);
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t m = std::min(kBlock, n - b);
    run_block(code_, s.data(), xs + b, y, m);
    std::copy(s.data(), s.data() + m, out + b);
  }
}

}  // namespace lab::land
