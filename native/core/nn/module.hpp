// lab::nn::Module — one layer (or a stack of them) that maps a tensor to a tensor on a tape.
// Parameters live in a ag::ParamStore that the module was built with (and that must outlive it); a
// module keeps only ids into it, so forward() takes fresh views each time. Forward allocates nothing
// outside the tape's arena.
#pragma once

#include <string>

#include "../autograd/tape.hpp"

namespace lab::nn {

template <class T>
class Module {
 public:
  virtual ~Module() = default;
  virtual ag::Tensor<T> forward(ag::Tape<T>& tape, ag::Tensor<T> x) = 0;
  // Training (dropout active) or evaluation mode. Modules start in training mode.
  virtual void set_training(bool training) { (void)training; }
  virtual std::string describe() const = 0;  // "linear 2→8", "tanh", "dropout p=0.5"

  // Fusing a relu with the module after it (Sequential does, when is_relu() is followed by
  // takes_relu()): forward_after_relu(x) must equal forward(relu(x)) in value and gradient, bit for bit.
  virtual bool is_relu() const { return false; }
  virtual bool takes_relu() const { return false; }
  virtual ag::Tensor<T> forward_after_relu(ag::Tape<T>& tape, ag::Tensor<T> x) { return forward(tape, x); }
};

}  // namespace lab::nn
