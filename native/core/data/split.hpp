// The train/test split of a data set: which rows the trainer learns from and which it only measures.
//
// split() reorders the rows of a Dataset so that the training rows come first and the test rows after
// (both contiguous, see dataset.hpp), using the caller's Rng:
//   n_test = round(n · test_fraction), kept in [1, n − 1] when test_fraction > 0 (0 when it is 0);
//   classification is stratified: rows are grouped by class, shuffled inside each class, and every
//   (n / n_test)-th row of that grouped order goes to the test set (systematic sampling), so class c
//   with m_c rows puts floor or ceil of m_c · n_test / n of them in the test set. Hence a class has rows
//   in both parts whenever m_c · n_test ≥ n and m_c · (n − n_test) ≥ n (for a balanced set: roughly
//   when n_test ≥ K and n − n_test ≥ K); n = 300, K = 3, test_fraction 0.2 ⇒ 80 train + 20 test rows
//   of each class. A class too small for that (possible in a CSV file) may sit in one part only;
//   regression: the same over one group (a uniformly random subset of n_test rows);
//   finally the train rows and the test rows are each shuffled, so neither part is sorted by class.
//
// Not here: per-epoch shuffling and batching (the trainer's, with its own Rng).
#pragma once

#include "../runtime/rng.hpp"
#include "dataset.hpp"

namespace lab::data {

// Number of test rows for n rows and a test fraction in [0, 1) (see above).
std::size_t test_size(std::size_t n, double test_fraction);

// Splits `ds` in place (all its rows, whatever an earlier split did); sets ds.n_train.
void split(Dataset& ds, double test_fraction, Rng& rng);

// A uniform index in [0, n) for n ≥ 1 (shared by the shuffles here).
std::size_t uniform_index(Rng& rng, std::size_t n);

}  // namespace lab::data
