// Lists of numbers as config values, for the labs' one-shot results: a finite number stays a number, a
// NaN or infinity becomes null (JSON has no NaN), and a list of layer widths is read with its errors
// naming the entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "value.hpp"

namespace lab {

// A finite number as itself, NaN or infinity as null.
Value number_or_null(double v);
// [1.5, null, 2] from {1.5, NaN, 2}.
Value number_list(const std::vector<double>& v);

// A lab's `frames` setting: absent, null or true leaves `on` true with the lab's defaults (nullopt),
// false turns frames off (nullopt), an object is returned to read; anything else is INVALID_CONFIG
// naming frames and `expected`.
std::optional<Reader> frames_option(const Reader& r, bool& on, const std::string& expected);

// r[key] as 1 to `max_layers` integer widths in [1, max_width] ("[256, 512]"); `def` when absent or null.
// INVALID_CONFIG naming key or key[i].
std::vector<std::int64_t> read_widths(const Reader& r, const std::string& key, std::vector<std::int64_t> def, std::size_t max_layers = 8,
                                      double max_width = 8192);

}  // namespace lab
