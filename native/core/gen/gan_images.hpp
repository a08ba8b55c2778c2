// lab::gen::train_gan_images — the GAN lab's image GAN (issue #13): the 2-D GAN's loop (gan_run.hpp) on
// an image set (the digits, IDX files or a folder), with pixels / 255 in [0, 1], a generator z → hidden
// (linear, batch norm, LeakyReLU 0.2) → pixels (sigmoid) and a discriminator pixels → hidden (LeakyReLU
// 0.2) → a logit. Defaults (MLPs): z of 64, G 256-512, D 512-256, batch 64, Adam with betas (0.5, 0.999)
// at 1e-3 for G and 4e-4 for D, decayed along a cosine to 0, non-saturating loss, PacGAN packing 2,
// 40 000 steps (about 7 minutes on one core here): on the digits the CNN lab's classifier is sure of
// 82–84 % of the samples (seeds 1–3), every class at least 5.3 % of them. Without packing most samples
// were ones; at DCGAN's 2e-4 the same budget gave 66 % (docs/generative.md).
// Fixed noise: 16 vectors drawn once; their images are kept at every evaluation (`grids`), so the same
// samples can be watched as training goes. A judge — a classifier trained on real images (`gradlab train
// … --save-weights`), given as its layer list and weights file — labels the final samples: the share it
// labels with confidence ≥ 0.9, and how those spread over the classes.
#pragma once

#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "gan_run.hpp"

namespace lab::gen {

// {dataset: an image-set spec, steps?: 40000, batch_size?: 64, z_dim?: 64, g_hidden?: [256, 512],
//  d_hidden?: [512, 256], loss?, d_steps?, pack?: 2, g_lr?: 1e-3, d_lr?: 4e-4, beta1?, beta2?, schedule?,
//  gp_lambda?, seed?, samples?: 100, eval_every?: steps/10, judge?: {layers: [...], weights: path},
//  save_weights?: path (the generator), init_weights?: path (the generator starts from it; or both nets, as the GAN lab saves them)}
// → {summary: {status, steps, final: {d_loss, g_loss, confident?, class_shares?}}, curves, grids: {step,
//    images}, samples: images (rows of pixels in [0, 1]), image: {channels, rows, cols}, judge?: {…}}
Value train_gan_images(const Value& config);

// The image GAN's defaults in `c` (z 64, G 256-512, D 512-256, batch 64, G 1e-3 and D 4e-4, packing 2, 40 000 steps,
// a sigmoid on the generator's pixels, `ds`'s pixels per image), before read_gan_training reads the rest.
void image_gan_defaults(GanConfig& c, const data::Dataset& ds);
// Real images drawn uniformly from every image of `ds` (train and test); `ds` must outlive the source.
RealSource image_source(const data::Dataset& ds);

}  // namespace lab::gen
