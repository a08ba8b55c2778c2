// BucketedMeans — the curves of a run of `steps` steps kept short: each series' mean over buckets of
// consecutive steps, at most `points` buckets (the last may be shorter), each bucket stamped with its
// last step. What the labs' one-shot results return as their loss curves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace lab {

class BucketedMeans {
 public:
  BucketedMeans(std::int64_t steps, std::size_t series, std::int64_t points = 2000)
      : steps_(steps), bucket_((steps + points - 1) / points), sums_(series, 0.0), means_(series) {}

  // One step's values, one per series, in order.
  void add(std::int64_t step, std::initializer_list<double> values) {
    std::size_t i = 0;
    for (double v : values) sums_[i++] += v;
    if (++n_ == bucket_ || step == steps_) {
      step_.push_back(static_cast<double>(step));
      for (std::size_t s = 0; s < sums_.size(); ++s) means_[s].push_back(sums_[s] / static_cast<double>(n_)), sums_[s] = 0;
      n_ = 0;
    }
  }
  const std::vector<double>& steps() const { return step_; }
  const std::vector<double>& means(std::size_t series) const { return means_[series]; }

 private:
  std::int64_t steps_, bucket_, n_ = 0;
  std::vector<double> sums_, step_;
  std::vector<std::vector<double>> means_;
};

}  // namespace lab
