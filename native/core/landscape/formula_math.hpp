// Scalar and dual-number arithmetic for formula programs — internal to the formula compiler.
//
// Each op has a double overload (f only) and a Dual overload (f and its partials along x and y, by the
// rules of differentiation). The Dual overloads compute the value with the same double expression as
// the scalar ones, so value() and value_grad() of a Program agree on f bit for bit.
// Not here: the evaluation loops (formula_eval.cpp).
#pragma once

#include <cmath>

namespace lab::land::fmath {

// A dual number: a value with its partial derivatives along x and y.
struct Dual {
  double v, dx, dy;
};

// d·g, but 0 when g is 0 even if d is infinite or NaN: √x at x = 0 has ∂/∂y = 0, not NaN.
inline double chain(double d, double g) { return g == 0 ? 0.0 : d * g; }
// f(a) with f'(a) = d, by the chain rule.
inline Dual lift(double v, double d, const Dual& a) { return {v, chain(d, a.dx), chain(d, a.dy)}; }

// ---- scalar arithmetic ----
inline double konst(double k, double) { return k; }
inline double add(double a, double b) { return a + b; }
inline double sub(double a, double b) { return a - b; }
inline double mul(double a, double b) { return a * b; }
inline double div(double a, double b) { return a / b; }
inline double pow_(double a, double b) { return std::pow(a, b); }
inline double neg(double a) { return -a; }
inline double sqr(double a) { return a * a; }
inline double sin_(double a) { return std::sin(a); }
inline double cos_(double a) { return std::cos(a); }
inline double tan_(double a) { return std::tan(a); }
inline double exp_(double a) { return std::exp(a); }
inline double log_(double a) { return std::log(a); }
inline double sqrt_(double a) { return std::sqrt(a); }
inline double abs_(double a) { return std::fabs(a); }
inline double tanh_(double a) { return std::tanh(a); }
inline double atan_(double a) { return std::atan(a); }
inline double sinh_(double a) { return std::sinh(a); }
inline double cosh_(double a) { return std::cosh(a); }

// ---- dual arithmetic (the same value computations, plus the derivative rules) ----
inline Dual konst(double k, const Dual&) { return {k, 0, 0}; }
inline Dual add(const Dual& a, const Dual& b) { return {a.v + b.v, a.dx + b.dx, a.dy + b.dy}; }
inline Dual sub(const Dual& a, const Dual& b) { return {a.v - b.v, a.dx - b.dx, a.dy - b.dy}; }
inline Dual mul(const Dual& a, const Dual& b) { return {a.v * b.v, a.dx * b.v + a.v * b.dx, a.dy * b.v + a.v * b.dy}; }
inline Dual div(const Dual& a, const Dual& b) {
  const double q = a.v / b.v;  // (a/b)' = (a' − q·b') / b
  return {q, (a.dx - q * b.dx) / b.v, (a.dy - q * b.dy) / b.v};
}
// (a^b)' = b·a^(b−1)·a' + a^b·ln a·b', each term only where its factor moves.
inline Dual pow_(const Dual& a, const Dual& b) {
  const double v = std::pow(a.v, b.v);
  const double da = b.v * std::pow(a.v, b.v - 1);
  const double db = v == 0 ? 0.0 : v * std::log(a.v);  // 0^b stays 0 while b > 0 moves: no 0·ln 0
  return {v, chain(da, a.dx) + chain(db, b.dx), chain(da, a.dy) + chain(db, b.dy)};
}
inline Dual add(const Dual& a, double k) { return {a.v + k, a.dx, a.dy}; }
inline Dual sub(const Dual& a, double k) { return {a.v - k, a.dx, a.dy}; }
inline Dual sub(double k, const Dual& a) { return {k - a.v, -a.dx, -a.dy}; }
inline Dual mul(const Dual& a, double k) { return {a.v * k, a.dx * k, a.dy * k}; }
inline Dual div(const Dual& a, double k) { return {a.v / k, a.dx / k, a.dy / k}; }
inline Dual div(double k, const Dual& a) {
  const double v = k / a.v;
  return lift(v, -v / a.v, a);
}
inline Dual pow_(const Dual& a, double k) { return lift(std::pow(a.v, k), k * std::pow(a.v, k - 1), a); }
inline Dual pow_(double k, const Dual& a) {
  const double v = std::pow(k, a.v);
  return lift(v, v * std::log(k), a);
}
inline Dual neg(const Dual& a) { return {-a.v, -a.dx, -a.dy}; }
inline Dual sqr(const Dual& a) { return {a.v * a.v, 2 * a.v * a.dx, 2 * a.v * a.dy}; }
inline Dual sin_(const Dual& a) { return lift(std::sin(a.v), std::cos(a.v), a); }
inline Dual cos_(const Dual& a) { return lift(std::cos(a.v), -std::sin(a.v), a); }
inline Dual tan_(const Dual& a) {
  const double t = std::tan(a.v);
  return lift(t, 1 + t * t, a);
}
inline Dual exp_(const Dual& a) {
  const double e = std::exp(a.v);
  return lift(e, e, a);
}
inline Dual log_(const Dual& a) { return lift(std::log(a.v), 1 / a.v, a); }
inline Dual sqrt_(const Dual& a) {
  const double s = std::sqrt(a.v);
  return lift(s, 0.5 / s, a);
}
inline Dual abs_(const Dual& a) { return lift(std::fabs(a.v), a.v > 0 ? 1.0 : (a.v < 0 ? -1.0 : 0.0), a); }
inline Dual tanh_(const Dual& a) {
  const double t = std::tanh(a.v);
  return lift(t, 1 - t * t, a);
}
inline Dual atan_(const Dual& a) { return lift(std::atan(a.v), 1 / (1 + a.v * a.v), a); }
inline Dual sinh_(const Dual& a) { return lift(std::sinh(a.v), std::cosh(a.v), a); }
inline Dual cosh_(const Dual& a) { return lift(std::cosh(a.v), std::sinh(a.v), a); }

}  // namespace lab::land::fmath
