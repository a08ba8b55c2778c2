// lab::data::Augment — random changes to each training image as its batch is gathered, so a small image
// set looks larger: a shift by whole pixels (the uncovered border filled with 0, the background of
// digits) and a mirror image left to right (for photos; never for digits or letters).
//   config  train.augment: {shift: S (0…8 pixels, default 0), flip: bool (default false)}
// Each image gets its own draw: dx, dy uniform in [−S, S], a flip with probability ½. Only training
// batches are changed; evaluation, frames and probes see the images as they are. The draws come from
// their own generator, seeded from the run's seed, so turning augmentation on leaves the shuffling and
// the initial weights as they were, and the same seed gives the same run.
#pragma once

#include <cstdint>
#include <string>

#include "../config/value.hpp"
#include "../runtime/rng.hpp"
#include "dataset.hpp"

namespace lab::data {

class Augment {
 public:
  Augment() = default;
  // Reads `v` (nullptr: off); INVALID_CONFIG naming `path` for bad fields, or for augmentation of a
  // data set that is not an image set.
  Augment(const Value* v, const Dataset& ds, std::uint64_t seed, const std::string& path);
  bool active() const { return shift_ > 0 || flip_; }
  // dst ← src (one image [C,H,W]) shifted and maybe mirrored; dst and src must not overlap.
  void apply(const float* src, float* dst);
  Value describe() const;  // {shift, flip}

 private:
  int shift_ = 0;
  bool flip_ = false;
  std::int64_t c_ = 0, h_ = 0, w_ = 0;
  Rng rng_;
};

}  // namespace lab::data
