// The digits file and its train/test split (see digits.hpp).
#include "digits.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>

#include "../error.hpp"
#include "../runtime/rng.hpp"
#include "split.hpp"

namespace lab::data {

namespace {

constexpr char kMagic[8] = {'G', 'L', 'D', 'I', 'G', 'I', 'T', '1'};
constexpr std::size_t kHeader = 16;
constexpr std::size_t kMaxPixels = std::size_t{1} << 24;  // per image: d = rows·cols stays an int

std::uint32_t u32_at(const std::vector<std::uint8_t>& b, std::size_t at) {
  return std::uint32_t{b[at]} | std::uint32_t{b[at + 1]} << 8 | std::uint32_t{b[at + 2]} << 16 |
         std::uint32_t{b[at + 3]} << 24;
}
int u16_at(const std::vector<std::uint8_t>& b, std::size_t at) { return b[at] | b[at + 1] << 8; }

[[noreturn]] void bad_file(const std::string& path, const std::string& what) {
  throw Error(code::invalid_config, path + ": " + what + " (it is built by `npm install`; run scripts/build-digits.mjs --force to rebuild it)");
}

}  // namespace

DigitImages read_digit_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_file(path, "cannot open the digits file");
  const std::vector<std::uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (b.size() < kHeader || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    bad_file(path, "not a digits file (expected it to start with \"GLDIGIT1\")");
  DigitImages d;
  const std::size_t count = u32_at(b, 8);
  d.rows = u16_at(b, 12);
  d.cols = u16_at(b, 14);
  const std::size_t per = static_cast<std::size_t>(d.rows) * static_cast<std::size_t>(d.cols);
  if (count == 0 || per == 0) bad_file(path, "the header says there are no images");
  if (per > kMaxPixels)
    bad_file(path, "images of " + std::to_string(d.rows) + "×" + std::to_string(d.cols) + " are larger than " +
                       std::to_string(kMaxPixels) + " pixels");
  const std::size_t expect = kHeader + count + count * per;
  if (b.size() != expect)
    bad_file(path, "expected " + std::to_string(expect) + " bytes for " + std::to_string(count) + " images of " +
                       std::to_string(d.rows) + "×" + std::to_string(d.cols) + ", found " + std::to_string(b.size()));
  d.labels.assign(b.begin() + kHeader, b.begin() + static_cast<std::ptrdiff_t>(kHeader + count));
  for (std::size_t i = 0; i < count; ++i)
    if (d.labels[i] > 9) bad_file(path, "image " + std::to_string(i) + " has label " + std::to_string(d.labels[i]) + ", expected 0–9");
  d.pixels.assign(b.begin() + static_cast<std::ptrdiff_t>(kHeader + count), b.end());
  return d;
}

Dataset digits_dataset(const DigitImages& images, std::size_t n_train, std::size_t n_test, std::uint64_t seed,
                       const std::string& path) {
  const std::size_t n = n_train + n_test;
  const std::size_t per_image = static_cast<std::size_t>(images.rows) * static_cast<std::size_t>(images.cols);
  if (images.pixels.size() != images.count() * per_image)
    throw Error(code::internal, path + ": " + std::to_string(images.pixels.size()) + " pixels for " +
                                    std::to_string(images.count()) + " images of " + std::to_string(per_image));
  if (n_train == 0) throw Error(code::invalid_config, path + ".n_train: expected at least 1 training image, got 0");
  if (n > images.count())
    throw Error(code::invalid_config, path + ": asked for " + std::to_string(n_train) + " + " + std::to_string(n_test) +
                                          " images, the digits file has " + std::to_string(images.count()));
  // The first n of a seeded Fisher–Yates shuffle of all images.
  std::vector<std::size_t> order(images.count());
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng(seed);
  for (std::size_t i = 0; i < n; ++i) std::swap(order[i], order[i + uniform_index(rng, order.size() - i)]);

  Dataset ds;
  ds.name = "digits";
  ds.kind = Kind::classification;
  ds.classes = 10;
  ds.image_channels = 1;
  ds.image_rows = images.rows;
  ds.image_cols = images.cols;
  ds.d = images.rows * images.cols;
  ds.n_train = n_train;
  ds.view = {0, static_cast<double>(images.cols), 0, static_cast<double>(images.rows)};
  const std::size_t per = static_cast<std::size_t>(ds.d);
  ds.x.resize(n * per);
  ds.labels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* px = images.pixels.data() + order[i] * per;
    for (std::size_t p = 0; p < per; ++p) ds.x[i * per + p] = static_cast<float>(px[p]) / 255.0f;
    ds.labels[i] = images.labels[order[i]];
  }
  return ds;
}

}  // namespace lab::data
