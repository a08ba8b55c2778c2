// The labs a session can run, by kind name: a table in registry.cpp, one row per lab.
#pragma once

#include <memory>
#include <string>

#include "../config/value.hpp"
#include "../runtime/session.hpp"

namespace lab {

// Builds the lab of `kind` from its config; throws INVALID_CONFIG for an unknown kind or a bad config.
std::unique_ptr<Lab> make_lab(const std::string& kind, const Value& config);

}  // namespace lab
