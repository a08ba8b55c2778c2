// Character corpora (see text.hpp).
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "../error.hpp"

namespace lab::seq {

namespace {

[[noreturn]] void bad(const std::string& path, std::size_t at, const std::string& what) {
  throw Error(code::invalid_config, path + ": not UTF-8 text at byte " + std::to_string(at) + " (" + what + ")");
}

std::vector<char32_t> decode(const std::string& s, const std::string& path) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF) i = 3;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t cp = 0;
    if (b < 0x80) cp = b;
    else if ((b & 0xE0) == 0xC0) extra = 1, cp = b & 0x1F;
    else if ((b & 0xF0) == 0xE0) extra = 2, cp = b & 0x0F;
    else if ((b & 0xF8) == 0xF0) extra = 3, cp = b & 0x07;
    else bad(path, i, "a byte that cannot start a character");
    if (i + static_cast<std::size_t>(extra) >= s.size() && extra > 0) bad(path, i, "a character cut short by the end");
    for (int k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((c & 0xC0) != 0x80) bad(path, i, "a character cut short");
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) bad(path, i, "an overlong or invalid code point");
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

}  // namespace

Corpus read_corpus(const std::string& utf8, const std::string& path) {
  const std::vector<char32_t> text = decode(utf8, path);
  if (text.size() < 20) throw Error(code::invalid_config, path + ": expected a text of at least 20 characters, got " + std::to_string(text.size()));
  Corpus c;
  c.vocab = text;
  std::sort(c.vocab.begin(), c.vocab.end());
  c.vocab.erase(std::unique(c.vocab.begin(), c.vocab.end()), c.vocab.end());
  if (c.vocab.size() < 2) throw Error(code::invalid_config, path + ": the text has one distinct character; a model needs at least two");
  c.ids.reserve(text.size());
  for (char32_t ch : text) c.ids.push_back(static_cast<std::int32_t>(std::lower_bound(c.vocab.begin(), c.vocab.end(), ch) - c.vocab.begin()));
  c.n_train = text.size() - text.size() / 10;
  return c;
}

double Corpus::unigram_bits() const {
  std::vector<double> n(vocab.size(), 0);
  for (std::size_t i = 0; i < n_train; ++i) n[static_cast<std::size_t>(ids[i])] += 1;
  double h = 0;
  for (double k : n)
    if (k > 0) h -= k / static_cast<double>(n_train) * std::log2(k / static_cast<double>(n_train));
  return h;
}

double Corpus::unigram_val_bits() const {
  std::vector<double> n(vocab.size(), 1);  // add-one
  for (std::size_t i = 0; i < n_train; ++i) n[static_cast<std::size_t>(ids[i])] += 1;
  const double total = static_cast<double>(n_train + vocab.size());
  double bits = 0;
  for (std::size_t i = n_train; i < ids.size(); ++i) bits -= std::log2(n[static_cast<std::size_t>(ids[i])] / total);
  return bits / static_cast<double>(ids.size() - n_train);
}

void Corpus::random_windows(std::int64_t B, std::int64_t T, Rng& rng, std::int32_t* inputs, std::int32_t* targets) const {
  for (std::int64_t b = 0; b < B; ++b) {
    const auto start = static_cast<std::size_t>(rng.next_u64() % (n_train - static_cast<std::size_t>(T)));
    std::copy_n(ids.data() + start, T, inputs + b * T);
    std::copy_n(ids.data() + start + 1, T, targets + b * T);
  }
}

std::vector<char32_t> from_utf8(const std::string& utf8, const std::string& path) { return decode(utf8, path); }

std::string to_utf8(const std::vector<char32_t>& text) {
  std::string s;
  for (char32_t c : text) {
    if (c < 0x80) s += static_cast<char>(c);
    else if (c < 0x800) s += static_cast<char>(0xC0 | (c >> 6)), s += static_cast<char>(0x80 | (c & 0x3F));
    else if (c < 0x10000) s += static_cast<char>(0xE0 | (c >> 12)), s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)), s += static_cast<char>(0x80 | (c & 0x3F));
    else
      s += static_cast<char>(0xF0 | (c >> 18)), s += static_cast<char>(0x80 | ((c >> 12) & 0x3F)), s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
          s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

}  // namespace lab::seq
