// The built-in test functions (see builtin_functions.hpp). Each is one struct with a single body that
// computes f and, when asked (G = true), the analytic gradient — so value() and value_grad() cannot
// drift apart, and value() (the contour-map path) skips the gradient work.
#include "builtin_functions.hpp"

#include <cmath>
#include <numbers>

namespace lab::land {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2 * std::numbers::pi;

template <class F>
class Builtin2D final : public Function2D {
 public:
  explicit Builtin2D(F f) : f_(f) {}
  double value(double x, double y) const override {
    double gx, gy;
    return f_.template eval<false>(x, y, gx, gy);
  }
  double value_grad(double x, double y, double& gx, double& gy) const override {
    return f_.template eval<true>(x, y, gx, gy);
  }
  void value_row(const double* xs, double y, double* out, std::size_t n) const override {
    double gx, gy;
    for (std::size_t i = 0; i < n; ++i) out[i] = f_.template eval<false>(xs[i], y, gx, gy);
  }

 private:
  F f_;
};

template <class F>
std::unique_ptr<Function2D> wrap(F f) {
  return std::make_unique<Builtin2D<F>>(f);
}

struct Rosenbrock {
  double a, b;
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double u = a - x, v = y - x * x;
    if constexpr (G) {
      gx = -2 * u - 4 * b * x * v;
      gy = 2 * b * v;
    }
    return u * u + b * v * v;
  }
};

// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
struct Beale {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double y2 = y * y, y3 = y2 * y;
    const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
    if constexpr (G) {
      gx = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
      gy = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
    }
    return t1 * t1 + t2 * t2 + t3 * t3;
  }
};

// (x² + y − 11)² + (x + y² − 7)²
struct Himmelblau {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double u = x * x + y - 11, v = x + y * y - 7;
    if constexpr (G) {
      gx = 4 * x * u + 2 * v;
      gy = 2 * u + 4 * y * v;
    }
    return u * u + v * v;
  }
};

// (x + 2y − 7)² + (2x + y − 5)²
struct Booth {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double u = x + 2 * y - 7, v = 2 * x + y - 5;
    if constexpr (G) {
      gx = 2 * u + 4 * v;
      gy = 4 * u + 2 * v;
    }
    return u * u + v * v;
  }
};

// 0.26·(x² + y²) − 0.48·xy
struct Matyas {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    if constexpr (G) {
      gx = 0.52 * x - 0.48 * y;
      gy = 0.52 * y - 0.48 * x;
    }
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  }
};

// [1 + u²·P]·[30 + v²·Q] with u = x + y + 1, P = 19 − 14x + 3x² − 14y + 6xy + 3y²,
//                             v = 2x − 3y,   Q = 18 − 32x + 12x² + 48y − 36xy + 27y²
struct GoldsteinPrice {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double u = x + y + 1, P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
    const double v = 2 * x - 3 * y, Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
    const double A = 1 + u * u * P, B = 30 + v * v * Q;
    if constexpr (G) {
      // ∂P/∂x = ∂P/∂y = −14 + 6x + 6y, so A has the same partial in x and y.
      const double dA = 2 * u * P + u * u * (-14 + 6 * x + 6 * y);
      const double dBx = 4 * v * Q + v * v * (-32 + 24 * x - 36 * y);
      const double dBy = -6 * v * Q + v * v * (48 - 36 * x + 54 * y);
      gx = dA * B + A * dBx;
      gy = dA * B + A * dBy;
    }
    return A * B;
  }
};

// −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20, written so that f(0, 0) is exactly 0.
struct Ackley {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double r = std::sqrt(0.5 * (x * x + y * y));
    const double e1 = std::exp(-0.2 * r);
    const double cx = std::cos(kTwoPi * x), cy = std::cos(kTwoPi * y);
    const double e2 = std::exp(0.5 * (cx + cy));
    if constexpr (G) {
      // d/dx of −20·e1 is 2·e1·x/r: undefined at r = 0 (the cone tip), where we return 0.
      const double cone = r > 0 ? 2 * e1 / r : 0.0;
      gx = cone * x + kPi * e2 * std::sin(kTwoPi * x);
      gy = cone * y + kPi * e2 * std::sin(kTwoPi * y);
    }
    return 20 * (1 - e1) + (std::numbers::e - e2);
  }
};

// 2A + x² − A·cos 2πx + y² − A·cos 2πy
struct Rastrigin {
  double A;
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    if constexpr (G) {
      gx = 2 * x + kTwoPi * A * std::sin(kTwoPi * x);
      gy = 2 * y + kTwoPi * A * std::sin(kTwoPi * y);
    }
    return (x * x + A * (1 - std::cos(kTwoPi * x))) + (y * y + A * (1 - std::cos(kTwoPi * y)));
  }
};

struct Saddle {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    if constexpr (G) {
      gx = 2 * x;
      gy = -2 * y;
    }
    return x * x - y * y;
  }
};

struct Quadratic {
  double kappa;
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    if constexpr (G) {
      gx = x;
      gy = kappa * y;
    }
    return 0.5 * (x * x + kappa * y * y);
  }
};

// 2x² − 1.05x⁴ + x⁶/6 + xy + y²
struct ThreeHumpCamel {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double x2 = x * x, x4 = x2 * x2;
    if constexpr (G) {
      gx = 4 * x - 4.2 * x2 * x + x4 * x + y;
      gy = x + 2 * y;
    }
    return 2 * x2 - 1.05 * x4 + x4 * x2 / 6 + x * y + y * y;
  }
};

// ½·Σ (x⁴ − 16x² + 5x)
struct StyblinskiTang {
  template <bool G>
  double eval(double x, double y, double& gx, double& gy) const {
    const double x2 = x * x, y2 = y * y;
    if constexpr (G) {
      gx = 2 * x2 * x - 16 * x + 2.5;
      gy = 2 * y2 * y - 16 * y + 2.5;
    }
    return 0.5 * ((x2 * x2 - 16 * x2 + 5 * x) + (y2 * y2 - 16 * y2 + 5 * y));
  }
};

}  // namespace

std::unique_ptr<Function2D> make_rosenbrock(double a, double b) { return wrap(Rosenbrock{a, b}); }
std::unique_ptr<Function2D> make_beale() { return wrap(Beale{}); }
std::unique_ptr<Function2D> make_himmelblau() { return wrap(Himmelblau{}); }
std::unique_ptr<Function2D> make_booth() { return wrap(Booth{}); }
std::unique_ptr<Function2D> make_matyas() { return wrap(Matyas{}); }
std::unique_ptr<Function2D> make_goldstein_price() { return wrap(GoldsteinPrice{}); }
std::unique_ptr<Function2D> make_ackley() { return wrap(Ackley{}); }
std::unique_ptr<Function2D> make_rastrigin(double A) { return wrap(Rastrigin{A}); }
std::unique_ptr<Function2D> make_saddle() { return wrap(Saddle{}); }
std::unique_ptr<Function2D> make_quadratic(double kappa) { return wrap(Quadratic{kappa}); }
std::unique_ptr<Function2D> make_three_hump_camel() { return wrap(ThreeHumpCamel{}); }
std::unique_ptr<Function2D> make_styblinski_tang() { return wrap(StyblinskiTang{}); }

}  // namespace lab::land
