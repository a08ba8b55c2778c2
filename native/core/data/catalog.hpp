// The list of generated data sets as the UI and the CLI see them: name, kind, a one-line description,
// every setting with its default and accepted range (as optim::HyperParam), the default view, and the
// generator behind it.
//
//   for (const DatasetInfo& info : dataset_list()) show(info.name, info.description, info.params);
//   Dataset ds = generate(*find_dataset("spiral"), values);  // values: one per info.params entry
//
// Every entry's params begin with the four common settings, in this order:
//   n (total samples), noise, test_fraction, seed
// followed by its own (classes, factor, size, x_max, c0…c3, levels). The CSV source ("csv") is not a
// generator and is not listed; read_dataset.hpp reads it.
//
// Not here: reading a config value (read_dataset.hpp), the shapes themselves (generators.hpp).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "../optim/optimizer.hpp"
#include "../runtime/rng.hpp"
#include "dataset.hpp"

namespace lab::data {

struct DatasetInfo {
  const char* name;         // "spiral" (stable id)
  Kind kind;
  const char* description;  // one line for help texts and the picker
  std::span<const optim::HyperParam> params;  // common settings first (see above), then its own
  Bounds view;              // default view at default params
  // The unsplit set for validated values p (one per params entry, in order), drawing from rng.
  Dataset (*make)(std::span<const double> p, Rng& rng);
};

std::span<const DatasetInfo> dataset_list();
const DatasetInfo* find_dataset(std::string_view name);  // nullptr when unknown
std::string dataset_names();                              // "spiral, circles, …, step" for messages

// Indices of the common settings in every DatasetInfo::params, and the ranges of those shared with CSV
// specs.
inline constexpr std::size_t kParamN = 0, kParamNoise = 1, kParamTestFraction = 2, kParamSeed = 3;
inline constexpr Range kTestFractionRange{0, 0.9};
inline constexpr Range kSeedRange{0, 9007199254740991.0, false, false, true};  // 2⁵³ − 1: exact in JS

// Number of classes of a classification entry at values p (its "classes" setting, or 2); 0 for
// regression.
int classes_of(const DatasetInfo& info, std::span<const double> p);

// Checks values p (one per info.params entry) against their ranges and n ≥ 2·classes (two samples per
// class at least); errors are INVALID_CONFIG naming `path`.<setting>.
void check_values(const DatasetInfo& info, std::span<const double> p, const std::string& path);

// The generated set, split: check_values(info, p, info.name), then Rng(seed) draws the points and then
// the split (split.hpp). Same values ⇒ identical bits; the points (as a set) do not depend on
// test_fraction, only which of them are held out.
Dataset generate(const DatasetInfo& info, std::span<const double> p);

}  // namespace lab::data
