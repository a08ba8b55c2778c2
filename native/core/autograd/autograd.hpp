// Reverse-mode automatic differentiation for the training labs — include this one header.
//
// Three pieces, each in its own file:
//   Tensor<T>      a view: value pointer, grad pointer (nullptr = no gradient), row-major shape ≤ 4-D
//   ParamStore<T>  all parameters of a model in one values slab and one grads slab, named views
//   Tape<T>        the graph of one forward pass; backward() walks it in reverse; an arena that keeps
//                  its capacity holds every activation, so a step after the first allocates nothing
// and the ops in ops/, each a forward/backward pair of plain functions (shapes in comments) plus a
// tape-level wrapper that allocates the output, runs the forward and records the node.
// T is float for training and double for gradient checks.
//
// A worked example: one SGD step of y = tanh(x·W + b) under MSE.
//
//   ag::ParamStore<float> store;
//   auto W = store.add("w", {2, 3}), b = store.add("b", {3});   // ids; values start at 0
//   ag::Tape<float> tape;
//   float xs[4 * 2] = {...}, ts[4 * 3] = {...};
//   for (int step = 0; step < 100; ++step) {
//     tape.reset();                                            // frees nothing
//     auto x = ag::constant(xs, {4, 2}), t = ag::constant(ts, {4, 3});
//     auto y = ag::tanh(tape, ag::add(tape, ag::matmul(tape, x, store.view(W)), store.view(b)));
//     auto loss = ag::mse(tape, y, t);                         // loss.value[0]
//     store.zero_grad();
//     tape.backward(loss);                                     // grads accumulate into store.grads()
//     for (std::size_t i = 0; i < store.size(); ++i) store.values()[i] -= 0.1f * store.grads()[i];
//   }
//
// Not here: layers and models (native/core/nn/), optimizers (native/core/optim/).
#pragma once

#include "param_store.hpp"
#include "tape.hpp"
#include "tensor.hpp"
#include "ops/activations.hpp"
#include "ops/attention.hpp"
#include "ops/batch_norm.hpp"
#include "ops/binary.hpp"
#include "ops/conv2d.hpp"
#include "ops/cross_entropy.hpp"
#include "ops/dropout.hpp"
#include "ops/embedding.hpp"
#include "ops/gelu_tanh.hpp"
#include "ops/losses.hpp"
#include "ops/layer_norm.hpp"
#include "ops/matmul.hpp"
#include "ops/penalties.hpp"
#include "ops/penalty_ops.hpp"
#include "ops/pool2d.hpp"
#include "ops/recurrent.hpp"
#include "ops/reduce.hpp"
#include "ops/reshape.hpp"
#include "ops/upsample.hpp"
#include "ops/variational.hpp"
