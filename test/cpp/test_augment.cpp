// Training-time augmentation (data/augment.hpp): shifts and mirrors checked pixel by pixel against the
// rule, every shift in [−S, S] drawn and no other, the same seed the same draws, and refusals named.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check.hpp"
#include "data/augment.hpp"
#include "data/read_dataset.hpp"
#include "error.hpp"

using namespace lab;

namespace {

// A 1×3×4 image set description whose pixel (y, x) holds 1 + 4y + x (so a moved pixel tells where from).
data::Dataset grid_set(int channels = 1) {
  data::Dataset ds;
  ds.name = "grid";
  ds.image_channels = channels;
  ds.image_rows = 3;
  ds.image_cols = 4;
  ds.d = channels * 12;
  return ds;
}

// Values that live as long as the test binary (the Augment reads them at construction only).
const Value* vp(Value v) {
  static std::vector<std::unique_ptr<Value>> keep;
  keep.push_back(std::make_unique<Value>(std::move(v)));
  return keep.back().get();
}

Value config(double shift, bool flip) { return Value(Value::Object{{"shift", shift}, {"flip", flip}}); }

// Where the image came from: the (dy, dx, mirrored) that maps src to dst under the documented rule, or
// nothing when no such move does.
std::vector<std::pair<int, int>> moves_of(const std::vector<float>& src, const std::vector<float>& dst, int shift, bool mirror) {
  std::vector<std::pair<int, int>> found;
  for (int dy = -shift; dy <= shift; ++dy)
    for (int dx = -shift; dx <= shift; ++dx) {
      bool same = true;
      for (int y = 0; y < 3 && same; ++y)
        for (int x = 0; x < 4 && same; ++x) {
          const int sy = y - dy, sx = (mirror ? 3 - x : x) - dx;
          const float want = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? src[sy * 4 + sx] : 0.0f;
          same = dst[y * 4 + x] == want;
        }
      if (same) found.emplace_back(dy, dx);
    }
  return found;
}

}  // namespace

TEST("augment: every shift in [−2, 2]² is drawn, each image is a shifted copy with 0 where nothing came in") {
  const data::Dataset ds = grid_set();
  data::Augment aug(vp(config(2, false)), ds, 7, "train.augment");
  CHECK(aug.active());
  std::vector<float> src(12), dst(12);
  for (int i = 0; i < 12; ++i) src[i] = static_cast<float>(1 + i);
  std::set<std::pair<int, int>> seen;
  for (int k = 0; k < 400; ++k) {
    aug.apply(src.data(), dst.data());
    const auto m = moves_of(src, dst, 2, false);
    CHECK(m.size() == 1);  // pixels are distinct and nonzero: exactly one move explains the image
    if (m.size() == 1) seen.insert(m[0]);
  }
  CHECK(seen.size() == 25);
}

TEST("augment: by hand, a flip mirrors each row; shift 0 with flip off is inactive; the same seed draws the same") {
  const data::Dataset ds = grid_set();
  data::Augment flip(vp(config(0, true)), ds, 3, "a");
  std::vector<float> src(12), dst(12);
  for (int i = 0; i < 12; ++i) src[i] = static_cast<float>(1 + i);
  int mirrored = 0;
  for (int k = 0; k < 200; ++k) {
    flip.apply(src.data(), dst.data());
    if (dst[0] == 4 && dst[1] == 3 && dst[2] == 2 && dst[3] == 1 && dst[11] == 9) ++mirrored;
    else CHECK(dst == src);
  }
  CHECK(mirrored > 70 && mirrored < 130);  // probability ½
  CHECK(!data::Augment(vp(config(0, false)), ds, 3, "a").active());
  CHECK(!data::Augment(nullptr, ds, 3, "a").active());
  data::Augment a(vp(config(1, true)), ds, 9, "a"), b(vp(config(1, true)), ds, 9, "a");
  std::vector<float> da(12), db(12);
  for (int k = 0; k < 50; ++k) {
    a.apply(src.data(), da.data());
    b.apply(src.data(), db.data());
    CHECK(da == db);
  }
}

TEST("augment: two channels move together") {
  const data::Dataset ds = grid_set(2);
  data::Augment aug(vp(config(1, true)), ds, 5, "a");
  std::vector<float> src(24), dst(24);
  for (int i = 0; i < 24; ++i) src[i] = static_cast<float>(1 + i % 12);  // both planes alike
  for (int k = 0; k < 100; ++k) {
    aug.apply(src.data(), dst.data());
    CHECK(std::vector<float>(dst.begin(), dst.begin() + 12) == std::vector<float>(dst.begin() + 12, dst.end()));
  }
}

TEST("augment: bad fields and points data sets are INVALID_CONFIG naming the field") {
  const data::Dataset ds = grid_set();
  CHECK_THROWS_CODE(data::Augment(vp(config(9, false)), ds, 1, "train.augment"), "INVALID_CONFIG",
                    "train.augment.shift: expected an integer in [0, 8], got 9");
  CHECK_THROWS_CODE(data::Augment(vp(Value::Object{{"rotate", 10.0}}), ds, 1, "train.augment"), "INVALID_CONFIG",
                    "train.augment.rotate");
  const data::Dataset points = data::read_dataset(Value("moons"), "train.dataset");
  CHECK_THROWS_CODE(data::Augment(vp(config(2, false)), points, 1, "train.augment"), "INVALID_CONFIG",
                    "train.augment: expected an image set to shift and mirror (the data set \"moons\" holds points; leave augment out)");
  CHECK(!data::Augment(vp(config(0, false)), points, 1, "train.augment").active());  // off is fine anywhere
}

CHECK_MAIN()
