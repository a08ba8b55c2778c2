// make_lab: kind name -> lab (see registry.hpp).
#include "registry.hpp"

#include "race.hpp"
#include "train.hpp"

namespace lab {

std::unique_ptr<Lab> make_lab(const std::string& kind, const Value& config) {
  if (kind == "race") return std::make_unique<RaceLab>(config);
  if (kind == "train") return std::make_unique<TrainLab>(config);
  throw Error(code::invalid_config, "kind: unknown lab \"" + kind + "\"; expected one of: race, train");
}

}  // namespace lab
