// The RL lab's one-shot computations, as the addon exports them:
//   solveGridworld(config)  a grid world solved by value or policy iteration (native/core/rl/gridworld_solve.hpp)
#pragma once

#include <napi.h>

namespace binding {

Napi::Value SolveGridworld(const Napi::CallbackInfo& info);

}  // namespace binding
