// lab::gen::train_gan_images — the GAN lab's image GAN (issue #13): the 2-D GAN's loop (gan_run.hpp) on
// an image set (the digits, IDX files or a folder), with pixels / 255 in [0, 1], a generator z → hidden
// (linear, batch norm, LeakyReLU 0.2) → pixels (sigmoid) and a discriminator pixels → hidden (LeakyReLU
// 0.2) → a logit. Defaults (MLPs; Adam as DCGAN's recipe): z of 64, G 256-512, D 512-256, batch 64, Adam
// 2e-4 with betas (0.5, 0.999) decayed along a cosine to 0, non-saturating loss, PacGAN packing 2: after
// 25 000 steps on the digits, without packing a LeNet-5 judge was sure of 77 % of the samples but 57 %
// of those were ones (two classes under 1 %); with it, 63 % sure and every class 6–22 %.
// Fixed noise: 16 vectors drawn once; their images are kept at every evaluation (`grids`), so the same
// samples can be watched as training goes. A judge — a classifier trained on real images (`gradlab train
// … --save-weights`), given as its layer list and weights file — labels the final samples: the share it
// labels with confidence ≥ 0.9, and how those spread over the classes.
#pragma once

#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "gan_run.hpp"

namespace lab::gen {

// {dataset: an image-set spec, steps?: 20000, batch_size?: 64, z_dim?: 64, g_hidden?: [256, 512],
//  d_hidden?: [512, 256], loss?, d_steps?, pack?: 2, g_lr?: 2e-4, d_lr?: 2e-4, beta1?, beta2?, schedule?,
//  gp_lambda?, seed?, samples?: 100, eval_every?: steps/10, judge?: {layers: [...], weights: path},
//  save_weights?: path (the generator), init_weights?: path (the generator starts from it; or both nets, as the GAN lab saves them)}
// → {summary: {status, steps, final: {d_loss, g_loss, confident?, class_shares?}}, curves, grids: {step,
//    images}, samples: images (rows of pixels in [0, 1]), image: {channels, rows, cols}, judge?: {…}}
Value train_gan_images(const Value& config);

// The image GAN's defaults in `c` (z 64, G 256-512, D 512-256, batch 64, 2e-4, packing 2, 20 000 steps,
// a sigmoid on the generator's pixels, `ds`'s pixels per image), before read_gan_training reads the rest.
void image_gan_defaults(GanConfig& c, const data::Dataset& ds);
// Real images drawn uniformly from every image of `ds` (train and test); `ds` must outlive the source.
RealSource image_source(const data::Dataset& ds);

}  // namespace lab::gen
