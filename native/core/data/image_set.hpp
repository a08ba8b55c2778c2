// Image-classification sets for the CNN lab, from bytes: N images of C channels × H rows × W columns,
// pixel values 0–255 (channel planes one after another, each row-major), one label byte per image.
// The caller decodes the files (IDX, PNG, JPEG: src/data/) and hands the engine the bytes, so no file
// path crosses into the engine for user data; the shipped digits are read from the data directory.
//
//   {name: "images", channels: 1, rows: 28, cols: 28, pixels: <bytes>, labels: <bytes>,
//    classes?: K (default: largest label + 1), test_pixels?: <bytes>, test_labels?: <bytes>,
//    test_fraction?: 0.2, seed?: 1}
//   {name: "digits", train?: 8000, test?: 2000, seed?: 1}     (the 10 000 shipped MNIST digits)
// With a test pair every training image is trained on; without one a seeded, stratified split
// (split.hpp) holds test_fraction of the images out. Inputs are pixel / 255.
// Errors (INVALID_CONFIG) name the field and what is wrong: a byte count that is not images × pixels,
// mismatched label and image counts, an empty set, a label ≥ classes, a class with no image.
#pragma once

#include <string>

#include "../config/value.hpp"
#include "dataset.hpp"

namespace lab::data {

// Where the engine finds the files built with it (digits.u8). Set once by the binding at load time;
// tests set it too. Empty until set.
void set_data_directory(const std::string& dir);
std::string data_directory();

// The "images" spec above.
Dataset read_image_set(const Reader& r);

// The "digits" spec above.
Dataset read_digits(const Reader& r);

}  // namespace lab::data
