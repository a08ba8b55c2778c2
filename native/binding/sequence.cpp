// trainSeq, trainAttention (see sequence.hpp).
#include "sequence.hpp"

#include "convert.hpp"
#include "seq/attn_train.hpp"
#include "seq/seq_train.hpp"

namespace binding {

Napi::Value TrainSeq(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::seq::train_seq(to_value(info[0], "seq"))); });
}

Napi::Value TrainAttention(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::seq::train_attention(to_value(info[0], "attention"))); });
}

}  // namespace binding
