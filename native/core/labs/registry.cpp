// make_lab: kind name -> lab (see registry.hpp). A new lab adds one row to kLabs.
#include "registry.hpp"

#include <array>

#include "attention.hpp"
#include "cartpole.hpp"
#include "gan.hpp"
#include "gridworld.hpp"
#include "mcts.hpp"
#include "race.hpp"
#include "seq.hpp"
#include "train.hpp"
#include "vae.hpp"

namespace lab {

namespace {

template <class L>
std::unique_ptr<Lab> build(const Value& config) {
  return std::make_unique<L>(config);
}

struct Entry {
  const char* kind;
  std::unique_ptr<Lab> (*make)(const Value&);
};

constexpr std::array kLabs{
    Entry{"race", &build<RaceLab>},
    Entry{"train", &build<TrainLab>},
    Entry{"gan", &build<GanLab>},
    Entry{"vae", &build<VaeLab>},
    Entry{"seq", &build<SeqLab>},
    Entry{"attention", &build<AttnLab>},
    Entry{"gridworld", &build<GridworldLab>},
    Entry{"mcts", &build<MctsLab>},
    Entry{"cartpole", &build<CartpoleLab>},
};

}  // namespace

std::unique_ptr<Lab> make_lab(const std::string& kind, const Value& config) {
  std::string names;
  for (const Entry& e : kLabs) {
    if (kind == e.kind) return e.make(config);
    names += (names.empty() ? "" : ", ") + std::string(e.kind);
  }
  throw Error(code::invalid_config, "kind: unknown lab \"" + kind + "\"; expected one of: " + names);
}

}  // namespace lab
