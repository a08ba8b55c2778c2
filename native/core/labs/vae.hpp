// lab::VaeLab — the VAE lab's live session (issue #13): gen/vae_run.hpp trained a mini-batch at a time,
// with its latent map, its manifold, reconstructions, and decodes on demand.
//
// Config: what `gradlab vae` takes (gen/vae.hpp: dataset, latent, hidden, decoder, beta, epochs,
// batch_size, optimizer, seed, save_weights, init_weights; errors name vae.<field>), and
//   frames?: false | {every_ms: 300, points: 1000, grid: 12, pairs: 8}
// Streams:
//   "batch"  every step: step, epoch, loss (recon + β·KL), recon, kl (per example, nats; kl without β),
//            beta (the β the step trained with)
//   "epoch"  epoch 0 (the untrained model) and every epoch's end: epoch, step, train_loss, train_recon,
//            train_kl (means over the epoch's batches, β = 1; NaN at epoch 0), test_loss, test_recon,
//            test_kl (the negative ELBO of the scored set, β = 1), beta (the β it trained with)
// Frames (at step 0, then at most every every_ms, at each epoch's end and at the end):
//   "latent"           [N, 3]: μ₁, μ₂ (0 when latent is 1) and the label (−1 without labels) of the
//                      first `points` scored images; meta {latent, classes, range}
//   "manifold"         [grid, grid, C·H·W]: the decoder's images of z on a grid over [−range, range]² in
//                      z's first two coordinates (others 0), row 0 at the top (z₂ = +range); meta
//                      {range, channels, rows, cols}; range is 3, or wider to hold 98 % of the μ shown
//   "reconstructions"  [2, pairs, C·H·W]: the first scored images, then their reconstructions from μ
// Images are intensities in [0, 1] (the Bernoulli decoder's σ(logit), the Gaussian one's mean clipped).
// Live updates: {set: {beta?, lr?}}, {probe: {z: [Z numbers]}} → frame "decoded" [C·H·W] (meta {z}),
// {probe: {between: [i, j], steps?: 9}} → frame "interpolation" [steps, C·H·W]: images decoded along
// μ_i → μ_j (scored images i and j; meta {from, to, z: [[…], …]}). The same probes answer outside a
// session through probe() (a finished run's weights loaded with init_weights).
// A non-finite loss ends the run as "diverged".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../data/dataset.hpp"
#include "../gen/vae_run.hpp"
#include "../runtime/session.hpp"

namespace lab {

class VaeLab : public Lab {
 public:
  explicit VaeLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return run_->steps(); }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;
  Frame probe(const Value& probe) override;
  // The model's parameters now, as a weights file's bytes: before the first step, the initial weights
  // (what an exported script starts from).
  std::string weights_bytes() const override;

 private:
  void emit_frames(Emitter& em);
  void check_probe(const Value& probe, const std::string& path) const;
  Frame latent_frame();
  Frame manifold_frame();
  Frame reconstructions_frame();
  // The decoder's images of n latent vectors z [n, Z], as intensities in [0, 1].
  std::vector<float> decode(const std::vector<float>& z, std::int64_t n);
  // μ of scored images [first, first + n)
  std::vector<float> encode_means(std::size_t first, std::size_t n);
  Value::Object image_meta() const;

  data::Dataset ds_;
  std::unique_ptr<gen::VaeRun> run_;
  bool frames_on_ = true;
  double every_ms_ = 300;
  std::int64_t points_ = 1000, grid_ = 12, pairs_ = 8;
  double range_ = 3;
  std::chrono::steady_clock::time_point last_frame_;
  std::string status_ = "running";
  std::vector<double> last_epoch_;  // the last "epoch" row
  int batch_stream_ = -1, epoch_stream_ = -1;
  Emitter* em_ = nullptr;  // the session's, from begin(): probes answer through it
};

}  // namespace lab
