// A character corpus for the RNN lab (issue #12): any UTF-8 text as Unicode code points (a Chinese
// character is one character), its vocabulary (the distinct code points, in code-point order) and the
// split: the last 10 % of the characters are validation, the rest training.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/rng.hpp"

namespace lab::seq {

struct Corpus {
  std::vector<char32_t> vocab;      // sorted distinct code points
  std::vector<std::int32_t> ids;    // the text as vocabulary indices
  std::size_t n_train = 0;          // ids [0, n_train) train, [n_train, size) validation

  std::size_t size() const { return ids.size(); }
  // The unigram entropy of the training part in bits per character (the bpc of a model that ignores
  // context and predicts each character's training frequency).
  double unigram_bits() const;
  // B windows of T + 1 characters from random starts in the training part: the first T of each to
  // `inputs`, the last T (the next characters) to `targets`, each [B, T]. Needs n_train > T.
  void random_windows(std::int64_t B, std::int64_t T, Rng& rng, std::int32_t* inputs, std::int32_t* targets) const;
  // The validation part's cross-entropy under the training part's unigram frequencies (unseen
  // characters counted once, as add-one smoothing does), in bits per character.
  double unigram_val_bits() const;
};

// Decodes `utf8` (a byte-order mark is skipped). INVALID_CONFIG naming `path` and the byte offset for a
// malformed sequence, or when the text has fewer than 20 characters or one distinct character.
Corpus read_corpus(const std::string& utf8, const std::string& path);

// The code points of UTF-8 text (a byte-order mark skipped); INVALID_CONFIG naming `path` and the byte
// offset of a malformed sequence.
std::vector<char32_t> from_utf8(const std::string& utf8, const std::string& path);
// The UTF-8 bytes of code points (for samples).
std::string to_utf8(const std::vector<char32_t>& text);

}  // namespace lab::seq
