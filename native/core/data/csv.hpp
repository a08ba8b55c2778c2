// Data sets from CSV text, for users' own points: one sample per line,
//   x,y,label   classification: two inputs and a class label (an integer in [0, 99]; K = max label + 1)
//   x,y         regression: one input x and its target y
// An optional header line (a first line none of whose fields is a number, e.g. "x,y,label") is skipped.
// Lines end in \n or \r\n; fields may have spaces around them; blank lines and a trailing newline are
// fine; a UTF-8 byte-order mark is skipped. Numbers are read with std::from_chars (locale-independent)
// and must be finite and within float32 range.
//
// All or nothing: the text is checked in full before a Dataset is returned; the first problem throws
// INVALID_CONFIG naming the source, the 1-based line, the reason and the line itself, e.g.
//   points.csv: line 17: expected 3 comma-separated values (x,y,label), got 2: "0.5,0.3"
// The result is not split (n_train = n, rows in file order; see split.hpp), named "csv", with the view
// data_bounds() of its points.
//
// Not here: the spec {"name": "csv", "text": …} of a config (read_dataset.hpp) and the split.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dataset.hpp"

namespace lab::data {

inline constexpr std::size_t kCsvMinRows = 2;
inline constexpr std::size_t kCsvMaxRows = 1'000'000;
inline constexpr int kCsvMaxLabel = 99;

// `source` names the text in messages (a file path, or a config field such as "data.text"). Without a
// `kind`, the first line decides: 3 fields ⇒ classification, 2 ⇒ regression.
Dataset parse_csv(std::string_view text, const std::string& source, std::optional<Kind> kind = std::nullopt);

// Reads the file at `path` (for the CLI) and parses it, naming `path` in messages. A file that cannot be
// read, or is larger than 256 MiB, is refused with INVALID_CONFIG.
Dataset load_csv_file(const std::string& path, std::optional<Kind> kind = std::nullopt);

}  // namespace lab::data
