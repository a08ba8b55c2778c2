// Training-time image augmentation (see augment.hpp).
#include "augment.hpp"

#include <algorithm>

#include "../error.hpp"

namespace lab::data {

Augment::Augment(const Value* v, const Dataset& ds, std::uint64_t seed, const std::string& path) {
  if (v == nullptr || v->is_null()) return;
  const Reader r(*v, path);
  r.only({"shift", "flip"});
  shift_ = static_cast<int>(r.number("shift", 0, Range{0, 8, false, false, true}));
  flip_ = r.boolean("flip", false);
  if (active() && !ds.is_images())
    throw Error(code::invalid_config, path + ": expected an image set to shift and mirror (the data set \"" + ds.name +
                                          "\" holds points; leave augment out)");
  c_ = ds.image_channels, h_ = ds.image_rows, w_ = ds.image_cols;
  rng_.reseed(seed ^ 0xA5A5'5A5A'C3C3'3C3Cull);
}

void Augment::apply(const float* src, float* dst) {
  const auto span = static_cast<std::uint64_t>(2 * shift_ + 1);
  const std::int64_t dx = shift_ > 0 ? static_cast<std::int64_t>(rng_.next_u64() % span) - shift_ : 0;
  const std::int64_t dy = shift_ > 0 ? static_cast<std::int64_t>(rng_.next_u64() % span) - shift_ : 0;
  const bool mirror = flip_ && (rng_.next_u64() >> 63) != 0;
  // dst[y][x] = src[y − dy][x' − dx] where x' = W−1−x when mirrored; 0 where that falls outside
  for (std::int64_t c = 0; c < c_; ++c)
    for (std::int64_t y = 0; y < h_; ++y) {
      float* row = dst + (c * h_ + y) * w_;
      const std::int64_t sy = y - dy;
      if (sy < 0 || sy >= h_) {
        std::fill_n(row, w_, 0.0f);
        continue;
      }
      const float* from = src + (c * h_ + sy) * w_;
      for (std::int64_t x = 0; x < w_; ++x) {
        const std::int64_t sx = (mirror ? w_ - 1 - x : x) - dx;
        row[x] = sx >= 0 && sx < w_ ? from[sx] : 0.0f;
      }
    }
}

Value Augment::describe() const {
  return Value(Value::Object{{"shift", static_cast<double>(shift_)}, {"flip", flip_}});
}

}  // namespace lab::data
