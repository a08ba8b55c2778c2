// solveGridworld (see rl.hpp).
#include "rl.hpp"

#include "convert.hpp"
#include "rl/gridworld_solve.hpp"

namespace binding {

Napi::Value SolveGridworld(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::rl::solve_gridworld(to_value(info[0], "gridworld"))); });
}

}  // namespace binding
