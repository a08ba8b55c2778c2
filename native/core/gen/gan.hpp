// lab::gen — the GAN lab's 2-D GAN (issue #13): a generator MLP z → (x, y) and a discriminator MLP
// (x, y) → a logit, trained against each other on a 2-D distribution (toy2d.hpp).
//
// One step = k discriminator updates (each on a fresh real batch and fresh fakes, the fakes detached)
// then one generator update, each with its own Adam. Losses over a batch of B (D(·) a logit, σ the
// sigmoid; means over the batch):
//   minimax          D: −ln σ(D(x)) − ln(1 − σ(D(G(z))))      G: ln(1 − σ(D(G(z))))      (Goodfellow 2014)
//   non-saturating   D: as minimax                           G: −ln σ(D(G(z)))
//   least-squares    D: ½(D(x) − 1)² + ½·D(G(z))²             G: ½(D(G(z)) − 1)²          (Mao et al. 2017)
//   wgan-gp          D: D(G(z)) − D(x) + λ·(‖∇D(x̂)‖ − 1)²      G: −D(G(z))                 (Gulrajani et al. 2017)
//                    x̂ = εx + (1 − ε)G(z), ε ~ U(0, 1) per point; the penalty's gradient in D's weights
//                    is a double backward (critic_gradient.hpp); defaults 5 critic steps, betas
//                    (0.5, 0.9), λ = 10
// Generator: z ~ N(0, I) of z_dim → hidden (ReLU) → 2. Discriminator: 2 → hidden (LeakyReLU 0.2) → 1.
// Parameters start as PyTorch's defaults (nn/torch_init.hpp). A non-finite loss ends the run as
// "diverged".
// Not here: the distributions (toy2d.hpp), the scores (gan_metrics.hpp).
#pragma once

#include "../config/value.hpp"

namespace lab::gen {

// {data: "ring8" | "grid25" | "moons" | "spiral" | "line" | "points", points?: [x, y, x, y, …] (data
//  "points"), steps?: 10000, batch_size?, z_dim?, g_hidden?: [..], d_hidden?: [..], loss?:
//  "non-saturating" | "minimax" | "least-squares" | "wgan-gp", gp_lambda?: 10, d_steps?: 1, g_lr?, d_lr?, beta1?, beta2?, seed?: 1,
//  samples?: 1000, eval_every?}
// → {samples: [[x, y], …] (from the final generator), summary: {status, steps, final: {d_loss, g_loss,
//    modes, high_quality, kl, js}}, curves: {step, d_loss, g_loss} (means over at most 2 000 buckets),
//    metrics: {step, modes, high_quality, kl, js} (every eval_every steps), per_mode, centres, std}.
// modes and high_quality are null when the distribution is not a mixture. INVALID_CONFIG names the field
// (gan.*).
Value train_gan(const Value& config);

}  // namespace lab::gen
