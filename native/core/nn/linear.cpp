// The affine layer (see linear.hpp).
#include "linear.hpp"

#include "../autograd/ops/binary.hpp"
#include "../autograd/ops/matmul.hpp"
#include "../error.hpp"

namespace lab::nn {

template <class T>
Linear<T>::Linear(ag::ParamStore<T>& store, const std::string& name, std::int64_t in, std::int64_t out, Init init,
                  Rng& rng)
    : store_(&store), name_(name), in_(in), out_(out) {
  weight_ = store.add(name + ".weight", ag::Shape{in, out});
  bias_ = store.add(name + ".bias", ag::Shape{out});
  init_weights(store.view(weight_).value, in, out, init, rng);
}

template <class T>
ag::Tensor<T> Linear<T>::forward(ag::Tape<T>& tape, ag::Tensor<T> x) {
  if (x.rank() != 2 || x.dim(1) != in_)
    throw Error(code::invalid_config, name_ + ": expected inputs of shape [batch, " + std::to_string(in_) + "], got " +
                                          x.shape.str());
  return ag::add(tape, ag::matmul(tape, x, weight()), bias());  // [B,in]·[in,out] + [out]
}

template <class T>
std::string Linear<T>::describe() const {
  return "linear " + std::to_string(in_) + "→" + std::to_string(out_);
}

template class Linear<float>;
template class Linear<double>;

}  // namespace lab::nn
