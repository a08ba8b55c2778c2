// lab::GanLab — the GAN lab's live session (issue #13): the 2-D GAN of gen/gan_run.hpp trained step by
// step, with what GAN Lab shows and more.
//
// Config (keys as `gradlab gan --data`, gen/gan.hpp; errors name gan.<field>):
//   { data: "ring8" | "grid25" | "moons" | "spiral" | "line" | "points", points?: [x, y, …],
//     steps?, batch_size?, z_dim?, g_hidden?, d_hidden?, loss?, d_steps?, gp_lambda?, pack?, g_lr?, d_lr?,
//     beta1?, beta2?, schedule?, seed?, eval_every? (default steps / 100),
//     frames?: false | {every_ms: 100, grid: 48, fakes: 256, manifold: 15}, nets?: "both" | "d" | "g",
//     init_weights?: bytes or a path (a trained start: both nets as weights_bytes writes them, or the
//     generator alone), save_weights?: a path (both nets written there when the run ends) }
// One step = d_steps D updates and one G update (nets "both"); nets "d" makes each step the D updates
// only, "g" the G update only (the other loss is NaN in that row); a live {nets} changes it.
// Streams:
//   "batch"  every step: step, d_loss, g_loss
//   "eval"   at step 0, every eval_every steps and at the end, on 1 000 fresh samples against 10 000 real
//            points (gen/gan_metrics.hpp): step, modes, high_quality (NaN unless a mixture), kl, js
// Frame "gan" (at step 0, then at most every every_ms, and at the end): data = real (R × 2, fixed
// points of the distribution), fakes (F × 2, the generator's images of fixed noise), pull (F × 2,
// −∂L_G/∂x at each fake: where the generator's loss pushes it), field (grid × grid, row r at
// y = ymin + (r + ½)·h: σ(D) for the logistic losses, D's raw score for least squares and WGAN-GP; D
// judges `pack` copies of each grid point), manifold (M × M × 2: the generator's image of a grid of z
// over [−2, 2]² in z's first two coordinates, the others 0; 1 × M × 2 when z_dim is 1), in that order;
// meta gives the counts, bounds, the field's kind and range, the centres and std of a mixture.
// Images: {dataset: an image-set spec (data/read_dataset.hpp), frames?: false | {every_ms, samples: 64}, …}
// trains the image GAN of gen/gan_images.hpp (its defaults: z 64, G 256-512 with batch norm and a sigmoid,
// D 512-256, batch 64, G 1e-3 and D 4e-4, 40 000 steps); no "eval" stream; frame "samples" [samples, pixels]: the
// generator's images of fixed noise (the same samples as training goes), meta {channels, rows, cols}.
// Images: {dataset: an image-set spec (data/read_dataset.hpp), frames?: false | {every_ms, samples: 64}, …}
// trains the image GAN of gen/gan_images.hpp (its defaults: z 64, G 256-512 with batch norm and a
// sigmoid, D 512-256, batch 64, G 1e-3 and D 4e-4, 40 000 steps); no "eval" stream; frame "samples" [samples, pixels]:
// the generator's images of fixed noise (the same samples as training goes), meta {channels, rows, cols}.
// Live updates: {set: {g_lr?, d_lr?, d_steps?}, nets?: "both" | "d" | "g"}. A non-finite loss ends the
// run as "diverged".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../data/dataset.hpp"
#include "../gen/gan_metrics.hpp"
#include "../gen/gan_run.hpp"
#include "../runtime/session.hpp"

namespace lab {

class GanLab : public Lab {
 public:
  explicit GanLab(const Value& config);

  void begin(Emitter& em) override;
  bool step(Emitter& em) override;
  void validate_update(const Value& update) const override;
  void apply_update(const Value& update) override;
  std::int64_t steps_done() const override { return step_; }
  Value summary(const std::string& status, double elapsed_ms, double compute_ms) const override;
  std::string weights_bytes() const override;

  // The frame of the current state (also what begin and the end emit).
  Frame frame();

 private:
  void evaluate(Emitter& em);

  gen::Toy2d dist_;
  data::Dataset ds_;     // an image GAN's images
  bool images_ = false;
  gen::GanConfig c_;
  std::unique_ptr<gen::GanRun> run_;
  std::vector<float> reference_;  // scored against (10 000 points)
  std::vector<float> shown_;      // drawn in the frame (512 of them)
  std::vector<float> noise_;      // the frame's fixed noise [fakes, z_dim]
  std::vector<float> grid_z_, field_xy_;
  double xmin_ = -1, xmax_ = 1, ymin_ = -1, ymax_ = 1;
  bool frames_on_ = true;
  double every_ms_ = 100;
  std::int64_t grid_ = 48, fakes_ = 256, manifold_ = 15, manifold_rows_ = 15;
  std::chrono::steady_clock::time_point last_frame_;
  std::string nets_ = "both";
  std::string save_weights_;  // a path: both nets written there when the run ends
  std::string status_ = "running";
  std::int64_t step_ = 0;
  double last_d_ = NAN, last_g_ = NAN;
  gen::GanScore score_;
  int train_stream_ = -1, eval_stream_ = -1;
};

}  // namespace lab
