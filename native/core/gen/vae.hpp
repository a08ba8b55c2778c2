// lab::gen — the variational autoencoder of the VAE lab (issue #13), trained on an image set.
//
// Model (D pixels, hidden widths H₁…H_k, latent size Z):
//   encoder  D → H₁ → … → H_k (ReLU each), then two heads H_k → μ [Z] and H_k → log σ² [Z]
//   sample   z = μ + ε ⊙ exp(½·log σ²), ε ~ N(0, I)                      (the reparameterisation trick)
//   decoder  Z → H_k → … → H₁ (ReLU each) → D: logits of a Bernoulli per pixel (sigmoid gives the
//            image), or the means of a unit-variance Gaussian per pixel
// Either side may instead be a layer list (nn/layer_stack.hpp), e.g. a conv encoder
//   [C,H,W] → conv(32,4,stride=2,pad=1) relu conv(64,4,stride=2,pad=1) relu flatten linear(256) relu → F
// (its output flat, of any width F; the heads take it to μ and log σ²) and a conv decoder
//   [Z] → linear(3136) relu reshape(64,7,7) upsample(2) conv(32,3,pad=1) relu upsample(2) conv(C,3,pad=1) flatten → D.
// Their parameters are "encoder.<i>.*" and "decoder.<i>.*" (i: the layer's index in its list).
// Loss of a batch of B images x (pixels / 255, in [0, 1], not binarised):
//   (1/B)·Σ_b [ −log p(x_b | z_b) + β·KL(N(μ_b, σ_b²) ‖ N(0, I)) ]
//   Bernoulli: −log p = Σ_pixels BCE(logit, x);  Gaussian: −log p = ½·Σ (x − mean)² + ½·D·log 2π.
// The test loss is the negative ELBO per test example in nats, with β = 1 whatever β trains with and
// one ε sample per example (drawn from a generator seeded by the run's seed, the same every epoch).
// Parameters are initialised as PyTorch does (nn/torch_init.hpp) so runs compare with torch's.
// Not here: the loss pieces (autograd/ops/variational.hpp), reading image sets (data/image_set.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../autograd/autograd.hpp"
#include "../config/value.hpp"
#include "../data/dataset.hpp"
#include "../nn/layer_stack.hpp"
#include "../nn/linear.hpp"
#include "../nn/sequential.hpp"
#include "../optim/optimizer.hpp"
#include "../optim/schedule.hpp"
#include "../runtime/rng.hpp"

namespace lab::gen {

enum class Decoder { bernoulli, gaussian };

struct VaeShape {
  std::int64_t pixels = 784;                 // D
  std::vector<std::int64_t> hidden{256};     // H₁…H_k (at least one)
  std::int64_t latent = 2;                   // Z
  Decoder decoder = Decoder::bernoulli;
  std::vector<std::int64_t> image;           // [C, H, W] of the images (for a layer-list encoder)
  std::vector<nn::LayerSpec> encoder_layers;  // empty: the MLP encoder over `hidden`
  std::vector<nn::LayerSpec> decoder_layers;  // empty: the MLP decoder over `hidden`, reversed
};

// The model's numbers for one batch (pointers into the tape's arena, valid until its next reset).
struct VaeForward {
  ag::Tensor<float> mu, logvar, z, out;       // out: logits (Bernoulli) or means (Gaussian), [B, D]
  ag::Tensor<float> recon, kl, loss;          // scalars: mean per example (kl already times β)
};

class VaeModel {
 public:
  VaeModel(const VaeShape& shape, Rng& rng);

  // x [B, D] with eps [B, Z] → the forward pass and the loss (recon + β·KL, means per example).
  VaeForward forward(ag::Tape<float>& tape, ag::Tensor<float> x, ag::Tensor<float> eps, double beta);
  // x [B, D] → μ [B, Z] and log σ² [B, Z]
  void encode(ag::Tape<float>& tape, ag::Tensor<float> x, ag::Tensor<float>& mu, ag::Tensor<float>& logvar);
  // z [B, Z] → the decoder's output [B, D] (logits or means)
  ag::Tensor<float> decode(ag::Tape<float>& tape, ag::Tensor<float> z);
  // Training (dropout on, batch norm from the batch) or evaluation mode, for layer-list sides; an MLP
  // side has neither. Training mode at construction.
  void set_training(bool training);

  ag::ParamStore<float>& store() { return store_; }
  const VaeShape& shape() const { return shape_; }
  // −log p(x | z) per example of a Gaussian decoder counts ½·log 2π per pixel more than the op sums.
  double recon_constant() const;
  // Each layer of a layer-list encoder and decoder with its output shape (empty for an MLP side).
  const std::vector<nn::LayerShape>& encoder_shapes() const { return enc_shapes_; }
  const std::vector<nn::LayerShape>& decoder_shapes() const { return dec_shapes_; }

 private:
  VaeShape shape_;
  ag::ParamStore<float> store_;
  std::vector<std::unique_ptr<nn::Linear<float>>> enc_, dec_;
  std::unique_ptr<nn::Linear<float>> mu_head_, logvar_head_, out_;
  std::unique_ptr<nn::Sequential<float>> enc_stack_, dec_stack_;  // when the side is a layer list
  std::vector<nn::LayerShape> enc_shapes_, dec_shapes_;
};

// Evaluation mode for as long as it lives (scores, frames), training mode again after.
class VaeEvalMode {
 public:
  explicit VaeEvalMode(VaeModel& m) : m_(m) { m_.set_training(false); }
  ~VaeEvalMode() { m_.set_training(true); }
  VaeEvalMode(const VaeEvalMode&) = delete;
  VaeEvalMode& operator=(const VaeEvalMode&) = delete;

 private:
  VaeModel& m_;
};

struct VaeConfig {
  VaeShape shape;
  double beta = 1;
  std::int64_t epochs = 10;
  std::int64_t batch = 64;
  std::uint64_t seed = 1;
  std::string save_weights;  // a path, or empty
};

// One epoch's numbers: train means over its batches (the weights changing as it goes), test at its end.
struct VaeEpoch {
  double train_loss, train_recon, train_kl, test_loss, test_recon, test_kl;
};

// {dataset: an image-set spec (data/read_dataset.hpp: "digits", {name: "images", …}), latent?: 2,
//  hidden?: [256], encoder_layers?: [layers], decoder_layers?: [layers] (nn/layer_stack.hpp), decoder?: "bernoulli" | "gaussian", beta?: 1, epochs?: 10, batch_size?: 64,
//  optimizer?: {type: "adam", lr: 0.001, …, schedule?}, seed?: 1, save_weights?: path}
// → {summary: {status: "done" | "diverged", epochs, steps, parameters, ms_per_step, final: {test_loss,
//    test_recon, test_kl, train_loss, train_recon, train_kl}}, epochs: {epoch: […], train_loss: […], …},
//    steps: {recon: […], kl: […]} (per step, means per example)}.
// INVALID_CONFIG naming the field (vae.*) for a bad config or a data set that is not images.
Value train_vae(const Value& config);

struct VaeScore {
  double loss, recon, kl;  // per example, in nats: loss = recon + kl
};

// The negative ELBO per example of `rows` images at `x` (D floats each), in nats, with β = 1 and one ε
// per example drawn from Rng(eps_seed), in batches of `batch`.
VaeScore evaluate_vae(VaeModel& model, ag::Tape<float>& tape, const float* x, std::size_t rows, std::uint64_t eps_seed,
                      std::size_t batch = 500);

}  // namespace lab::gen
