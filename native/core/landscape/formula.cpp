// compile_formula: a parsed Program behind the Function2D interface (see formula.hpp).
#include "formula.hpp"

namespace lab::land {

namespace {

class FormulaFunction final : public Function2D {
 public:
  explicit FormulaFunction(Program p) : p_(std::move(p)) {}
  double value(double x, double y) const override { return p_.value(x, y); }
  double value_grad(double x, double y, double& gx, double& gy) const override { return p_.value_grad(x, y, gx, gy); }
  void value_row(const double* xs, double y, double* out, std::size_t n) const override { p_.value_row(xs, y, out, n); }

 private:
  const Program p_;
};

}  // namespace

std::unique_ptr<Function2D> compile_formula(std::string_view text, const std::string& what) {
  return std::make_unique<FormulaFunction>(parse_formula(text, what));
}

}  // namespace lab::land
