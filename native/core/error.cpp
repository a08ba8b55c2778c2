// Number formatting for error messages (see error.hpp): the shortest digits that round-trip, laid out
// the way JavaScript's Number#toString does (1000000, 0.001, 1e-7, 1e+21), so a message from the
// engine and one from the TypeScript schemas show a value the same way.
#include "error.hpp"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstdlib>

namespace lab {

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return "0";
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);  // d.ddde±XX
  std::string sci(buf, r.ptr);
  const bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  const auto e_at = sci.find('e');
  std::string digits = sci.substr(0, e_at);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exp = std::atoi(sci.c_str() + e_at + 1);  // value = 0.d1d2… × 10^(exp+1)
  const int k = static_cast<int>(digits.size()), n = exp + 1;
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out.append(".").append(digits, 1, std::string::npos);
    out.append(n - 1 >= 0 ? "e+" : "e-").append(std::to_string(std::abs(n - 1)));
  }
  return neg ? "-" + out : out;
}

}  // namespace lab
