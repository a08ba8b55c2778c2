// read_dataset — the data set of a training config, checked field by field:
//   "moons"                                                   a generator at its defaults
//   {"name": "spiral", "classes": 3, "n": 300, "noise": 0.1, "test_fraction": 0.2, "seed": 1}
//   {"name": "csv", "kind": "classification", "text": "x,y,label\n…", "test_fraction": 0.2, "seed": 1}
//   "digits", {"name": "digits", …}, {"name": "images", …}   image sets (image_set.hpp)
// A generator takes the settings its catalog entry lists (catalog.hpp), each optional. A CSV spec
// carries the file's text, not a path (the caller reads the file); "kind" is optional (without it the
// first line decides); test_fraction (default 0.2) and seed (default 1) drive the split as for a
// generator. The text's lines are named in errors as `path`.text: line N.
//
// Errors: INVALID_CONFIG naming the field path, the value and what was expected — an unknown name
// (listing the known ones), an unknown field, a setting out of range, fewer than two samples per class,
// or any CSV problem (csv.hpp).
//
// Not here: the generators (generators.hpp), the CSV rules (csv.hpp), the split rule (split.hpp).
#pragma once

#include <string>

#include "../config/value.hpp"
#include "dataset.hpp"

namespace lab::data {

// The data set described by `spec`, split into train and test rows; `path` names spec in messages
// ("train.data").
Dataset read_dataset(const Value& spec, const std::string& path);

}  // namespace lab::data
