// lab::gen::VaeRun — one VAE training run on an image set, a mini-batch at a time: the config read
// (errors vae.*), the model, its optimizer and schedule, the epoch's shuffle, and the epoch's end
// (the test set's negative ELBO). `gradlab vae` (train_vae) and the live VAE lab (labs/vae.hpp) both
// drive it, so they train alike:
//   VaeRun run(reader, dataset);
//   while (run.epoch() <= epochs) { if (!run.step()) …diverged…; if (run.epoch_ended()) run.end_epoch(); }
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "../data/dataset.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "vae.hpp"

namespace lab::gen {

class VaeRun {
 public:
  // Reads latent, hidden, decoder, beta, epochs, batch_size, optimizer, seed and init_weights from `r`
  // (an object read with path "vae"); `ds` must be an image set and outlive the run.
  VaeRun(const Reader& r, const data::Dataset& ds);

  // One mini-batch update (the epoch's shuffle first when an epoch starts). False, with nothing
  // updated, when the batch's loss is not finite.
  bool step();
  // Whether the last step was its epoch's last batch (then end_epoch() scores it).
  bool epoch_ended() const { return cursor_ >= ds_.n_train; }
  // The epoch's train means and the test set's score (β = 1, one fixed ε per example); the next step
  // starts the next epoch.
  VaeEpoch end_epoch();

  std::int64_t steps() const { return steps_; }
  std::int64_t epoch() const { return epoch_; }  // the epoch under way (1-based)
  std::int64_t epochs() const { return c_.epochs; }
  double last_recon() const { return last_recon_; }  // the last batch's, per example, nats
  double last_kl() const { return last_kl_; }        // …its KL, without β (also at β = 0)
  double step_ms() const { return step_ms_; }        // time spent in step() so far
  double beta() const { return c_.beta; }
  void set_beta(double b) { c_.beta = b; }
  optim::Optimizer<float>& optimizer() { return *opt_; }
  VaeModel& model() { return model_; }
  ag::Tape<float>& tape() { return tape_; }
  const VaeConfig& config() const { return c_; }
  // The images scored at epoch ends: the test set, or the training set when there is none.
  const float* test_x() const { return test_x_; }
  std::size_t test_rows() const { return test_rows_; }
  // their labels (empty when the set has none)
  std::span<const std::int32_t> test_labels() const;

 private:
  const data::Dataset& ds_;
  VaeConfig c_;
  Rng rng_;
  VaeModel model_;
  std::unique_ptr<optim::Optimizer<float>> opt_;
  optim::Schedule schedule_;
  ag::Tape<float> tape_;
  std::vector<std::size_t> order_;
  std::vector<float> bx_, eps_;
  std::size_t cursor_ = 0;  // the next batch's first position in order_; n_train: the epoch is over
  std::int64_t steps_ = 0, epoch_ = 0;
  double sum_recon_ = 0, sum_kl_ = 0, last_recon_ = 0, last_kl_ = 0, step_ms_ = 0;
  std::size_t seen_ = 0;
  const float* test_x_;
  std::size_t test_rows_;
};

// The VAE config's shape (latent, hidden, decoder) for an image set of `ds.d` pixels.
VaeShape read_vae_shape(const Reader& r, const data::Dataset& ds);

}  // namespace lab::gen
