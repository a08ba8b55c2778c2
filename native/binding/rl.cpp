// solveGridworld (see rl.hpp).
#include "rl.hpp"

#include "convert.hpp"
#include "mcts/move.hpp"
#include "rl/cartpole.hpp"
#include "rl/cartpole_learn.hpp"
#include "rl/gridworld_solve.hpp"
#include "az/az_train.hpp"

namespace binding {

Napi::Value SolveGridworld(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::rl::solve_gridworld(to_value(info[0], "gridworld"))); });
}

Napi::Value GridworldBackup(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::rl::gridworld_backup(to_value(info[0], "backup"))); });
}

Napi::Value CartpoleRollout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::rl::cartpole_rollout(to_value(info[0], "cartpole"))); });
}

Napi::Value TrainCartpole(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::rl::train_cartpole(to_value(info[0], "rltrain"))); });
}

Napi::Value TrainAz(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::az::train_az(to_value(info[0], "azt"))); });
}

Napi::Value MctsMove(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&] { return from_value(env, lab::mcts::mcts_move(to_value(info[0], "mcts"))); });
}

}  // namespace binding
