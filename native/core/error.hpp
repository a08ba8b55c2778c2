// lab::Error — the one error type of the engine core.
//
// The core never aborts or exits: every bad input or impossible request throws lab::Error with a
// stable string code and a message that names the field, the value received and what was expected.
// The binding (native/binding) is the one place that turns it into a JS `LabError` with `.code`.
// Divergence (NaN/Inf) is not an error: it is a run status.
#pragma once

#include <stdexcept>
#include <string>

namespace lab {

// Stable codes. JS code matches on these strings; never rename one, only add.
namespace code {
inline constexpr const char* invalid_config = "INVALID_CONFIG";          // a field has the wrong type or range
inline constexpr const char* unknown_optimizer = "UNKNOWN_OPTIMIZER";    // optimizer type not in the registry
inline constexpr const char* unknown_function = "UNKNOWN_FUNCTION";      // landscape name not in the registry
inline constexpr const char* unknown_hyperparameter = "UNKNOWN_HYPERPARAMETER";
inline constexpr const char* formula_syntax = "FORMULA_SYNTAX";          // user formula does not parse
inline constexpr const char* session_state = "SESSION_STATE";            // control call not valid now
inline constexpr const char* internal = "INTERNAL";                      // a bug: should never be seen
}  // namespace code

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

// Formats a double for messages the way a user typed it (shortest round-trip, "NaN", "Infinity").
std::string format_number(double v);

}  // namespace lab
