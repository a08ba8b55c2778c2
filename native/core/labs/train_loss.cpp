// lab::TrainLoss: choosing and computing the training lab's loss (see train_loss.hpp).
#include "train_loss.hpp"

#include "../config/value.hpp"
#include "../error.hpp"

namespace lab {

const char* loss_name(TrainLoss loss) {
  switch (loss) {
    case TrainLoss::cross_entropy: return "cross_entropy";
    case TrainLoss::bce: return "bce";
    case TrainLoss::mse: return "mse";
  }
  return "?";
}

TrainLoss read_loss(const Value* v, const data::Dataset& ds, const std::string& path) {
  const bool cls = ds.kind == data::Kind::classification;
  if (v == nullptr || v->is_null()) return cls ? TrainLoss::cross_entropy : TrainLoss::mse;
  const std::string fits = cls ? (ds.classes == 2 ? "\"cross_entropy\" or \"bce\"" : "\"cross_entropy\" (bce needs exactly 2 classes)")
                               : "\"mse\"";
  const std::string what = "a loss that fits the " + std::string(data::kind_name(ds.kind)) + " data set \"" + ds.name +
                           "\" (" + std::to_string(ds.classes) + " classes): " + fits;
  if (v->kind() != Value::Kind::String) throw Error(code::invalid_config, path + ": expected " + what + ", got " + v->describe());
  const std::string& s = v->as_string();
  if (s == "cross_entropy" && cls) return TrainLoss::cross_entropy;
  if (s == "bce" && cls && ds.classes == 2) return TrainLoss::bce;
  if (s == "mse" && !cls) return TrainLoss::mse;
  throw Error(code::invalid_config, path + ": expected " + what + ", got " + v->describe());
}

std::int64_t loss_outputs(TrainLoss loss, const data::Dataset& ds) {
  return loss == TrainLoss::cross_entropy ? ds.classes : 1;
}

ag::Tensor<float> batch_loss(ag::Tape<float>& tape, TrainLoss loss, ag::Tensor<float> out, const std::int32_t* labels,
                             float* targets, std::int64_t* correct) {
  const std::int64_t n = out.dim(0);
  switch (loss) {
    case TrainLoss::cross_entropy:
      if (correct != nullptr) *correct = ag::count_correct(out, labels);
      return ag::softmax_cross_entropy(tape, out, labels).loss;
    case TrainLoss::bce:
      if (correct != nullptr) {
        std::int64_t right = 0;
        for (std::int64_t i = 0; i < n; ++i) right += (out.value[i] > 0) == (labels[i] == 1);
        *correct = right;
      }
      return ag::bce_with_logits(tape, out, ag::constant(targets, {n, 1}));
    case TrainLoss::mse:
      if (correct != nullptr) *correct = 0;
      return ag::mse(tape, out, ag::constant(targets, {n, 1}));
  }
  throw Error(code::internal, "batch_loss: unknown loss");
}

}  // namespace lab
