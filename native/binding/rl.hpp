// The RL lab's one-shot computations, as the addon exports them:
//   solveGridworld(config)   a grid world solved or learned (native/core/rl/gridworld_solve.hpp)
//   cartpoleRollout(config)  the cart-pole stepped through given actions (native/core/rl/cartpole.hpp)
//   mctsMove(config)         one MCTS search from a board (native/core/mcts/move.hpp)
//   trainCartpole(config)    a learner trained on the cart-pole (native/core/rl/cartpole_learn.hpp)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value SolveGridworld(const Napi::CallbackInfo& info);
Napi::Value GridworldBackup(const Napi::CallbackInfo& info);
Napi::Value TrainAz(const Napi::CallbackInfo& info);
Napi::Value CartpoleRollout(const Napi::CallbackInfo& info);
Napi::Value MctsMove(const Napi::CallbackInfo& info);
Napi::Value TrainCartpole(const Napi::CallbackInfo& info);

}  // namespace binding
