// The sequence labs' one-shot computations, as the addon exports them (synchronous: the CLI's):
//   trainSeq(config)        an RNN, LSTM or GRU trained on a text or a task (native/core/seq/seq_train.hpp)
//   trainAttention(config)  a transformer trained on a sequence task (native/core/seq/attn_train.hpp)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value TrainSeq(const Napi::CallbackInfo& info);
Napi::Value TrainAttention(const Napi::CallbackInfo& info);

}  // namespace binding
