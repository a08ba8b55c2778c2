// Image sets from bytes and the shipped digits (see image_set.hpp).
#include "image_set.hpp"

#include <algorithm>
#include <mutex>

#include "../error.hpp"
#include "../runtime/rng.hpp"
#include "catalog.hpp"
#include "digits.hpp"
#include "split.hpp"

namespace lab::data {

namespace {

std::mutex g_dir_mutex;
std::string g_data_dir;

const Range kImageSide{1, 4096, false, false, true};
const Range kChannels{1, 4, false, false, true};
const Range kClasses{2, 256, false, false, true};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Appends the images of one pixels/labels pair to ds (x as pixel / 255), checking the counts.
void append_images(Dataset& ds, const Reader& r, const char* pixels_key, const char* labels_key, std::size_t per_image) {
  const Value::Bytes& pixels = r.bytes(pixels_key);
  const Value::Bytes& labels = r.bytes(labels_key);
  if (pixels.size() % per_image != 0)
    throw Error(code::invalid_config, r.field_path(pixels_key) + ": " + plural(pixels.size(), "byte", "bytes") +
                                          " is not a whole number of images of " + std::to_string(per_image) +
                                          " bytes (channels × rows × cols)");
  const std::size_t n = pixels.size() / per_image;
  if (n != labels.size())
    throw Error(code::invalid_config, r.field_path(labels_key) + ": " + plural(labels.size(), "label", "labels") + " for " +
                                          plural(n, "image", "images") + " in " + r.field_path(pixels_key));
  const std::size_t at = ds.x.size();
  ds.x.resize(at + pixels.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) ds.x[at + i] = static_cast<float>(pixels[i]) / 255.0f;
  for (std::uint8_t l : labels) ds.labels.push_back(l);
}

void check_labels(const Dataset& ds, const Reader& r, std::size_t from, std::size_t to, const char* labels_key) {
  for (std::size_t i = from; i < to; ++i)
    if (ds.labels[i] >= ds.classes)
      throw Error(code::invalid_config, r.field_path(labels_key) + "[" + std::to_string(i - from) + "]: label " +
                                            std::to_string(ds.labels[i]) + " is not below classes = " +
                                            std::to_string(ds.classes));
}

}  // namespace

void set_data_directory(const std::string& dir) {
  std::lock_guard<std::mutex> lock(g_dir_mutex);
  g_data_dir = dir;
}

std::string data_directory() {
  std::lock_guard<std::mutex> lock(g_dir_mutex);
  return g_data_dir;
}

Dataset read_image_set(const Reader& r) {
  r.only({"name", "channels", "rows", "cols", "classes", "pixels", "labels", "test_pixels", "test_labels",
          "test_fraction", "seed"});
  Dataset ds;
  ds.name = "images";
  ds.kind = Kind::classification;
  ds.image_channels = static_cast<int>(r.number("channels", kChannels));
  ds.image_rows = static_cast<int>(r.number("rows", kImageSide));
  ds.image_cols = static_cast<int>(r.number("cols", kImageSide));
  const std::size_t per_image = static_cast<std::size_t>(ds.image_channels) * static_cast<std::size_t>(ds.image_rows) *
                                static_cast<std::size_t>(ds.image_cols);
  if (per_image > (std::size_t{1} << 24))
    throw Error(code::invalid_config, r.field_path("rows") + ": images of " + std::to_string(per_image) +
                                          " values are too large (at most 16 777 216 = channels × rows × cols)");
  ds.d = static_cast<int>(per_image);
  ds.view = {0, static_cast<double>(ds.image_cols), 0, static_cast<double>(ds.image_rows)};
  const bool has_test = r.get("test_pixels") != nullptr || r.get("test_labels") != nullptr;
  if (has_test && r.get("test_fraction") != nullptr)
    throw Error(code::invalid_config, r.field_path("test_fraction") + ": not used with a test set (test_pixels, test_labels); leave it out");
  append_images(ds, r, "pixels", "labels", per_image);
  const std::size_t n_train = ds.labels.size();
  if (n_train == 0) throw Error(code::invalid_config, r.field_path("pixels") + ": no images (expected at least 2)");
  if (has_test) {
    append_images(ds, r, "test_pixels", "test_labels", per_image);
    if (ds.labels.size() == n_train) throw Error(code::invalid_config, r.field_path("test_pixels") + ": no images in the test set");
  }
  const int largest = *std::max_element(ds.labels.begin(), ds.labels.end());
  ds.classes = static_cast<int>(r.number("classes", std::max(2, largest + 1), kClasses));
  check_labels(ds, r, 0, n_train, "labels");
  if (has_test) check_labels(ds, r, n_train, ds.labels.size(), "test_labels");
  std::vector<std::size_t> counts(static_cast<std::size_t>(ds.classes), 0);
  for (std::size_t i = 0; i < n_train; ++i) ++counts[static_cast<std::size_t>(ds.labels[i])];
  for (std::size_t c = 0; c < counts.size(); ++c)
    if (counts[c] == 0)
      throw Error(code::invalid_config, r.field_path("labels") + ": class " + std::to_string(c) + " has no training image (classes = " +
                                            std::to_string(ds.classes) + ")");
  if (has_test) {
    ds.n_train = n_train;
    return ds;
  }
  const double test_fraction = r.number("test_fraction", 0.2, kTestFractionRange);
  Rng rng(static_cast<std::uint64_t>(r.number("seed", 1, kSeedRange)));
  if (n_train < 2 && test_fraction > 0)
    throw Error(code::invalid_config, r.field_path("pixels") + ": 1 image cannot be split into a training and a test set");
  if (test_fraction > 0) split(ds, test_fraction, rng);
  else ds.n_train = n_train;
  return ds;
}

Dataset read_digits(const Reader& r) {
  r.only({"name", "train", "test", "seed"});
  const auto n_train = static_cast<std::size_t>(r.number("train", 8000, Range{1, 10000, false, false, true}));
  const auto n_test = static_cast<std::size_t>(r.number("test", 2000, Range{0, 9999, false, false, true}));
  const auto seed = static_cast<std::uint64_t>(r.number("seed", 1, kSeedRange));
  if (n_train + n_test > 10000)
    throw Error(code::invalid_config, r.path() + ": train + test = " + std::to_string(n_train + n_test) +
                                          " images, the shipped digits are 10000");
  const std::string dir = data_directory();
  if (dir.empty()) throw Error(code::internal, r.path() + ": the engine's data directory is not set (the binding sets it at load)");
  const DigitImages images = read_digit_file(dir + "/digits.u8");
  Dataset ds = digits_dataset(images, n_train, n_test, seed, r.path());
  ds.image_channels = 1;
  return ds;
}

}  // namespace lab::data
