// The sequence tasks (see tasks.hpp).
#include "tasks.hpp"

#include <cmath>
#include <numbers>

#include "../error.hpp"

namespace lab::seq {

std::int64_t TaskSpec::steps() const {
  switch (task) {
    case Task::copy:
    case Task::reverse: return 2 * length;
    default: return length;
  }
}
std::int64_t TaskSpec::in_vocab() const {
  switch (task) {
    case Task::copy:
    case Task::reverse: return vocab + 2;
    case Task::parity: return 2;
    default: return 0;
  }
}
std::int64_t TaskSpec::inputs() const { return task == Task::adding ? 2 : 1; }
std::int64_t TaskSpec::outputs() const {
  switch (task) {
    case Task::copy:
    case Task::reverse: return vocab;
    case Task::parity: return 2;
    default: return 1;
  }
}

Task task_named(const std::string& name, const std::string& path) {
  if (name == "copy") return Task::copy;
  if (name == "reverse") return Task::reverse;
  if (name == "adding") return Task::adding;
  if (name == "parity") return Task::parity;
  if (name == "sine") return Task::sine;
  throw Error(code::invalid_config, path + ": unknown task \"" + name + "\"; expected one of copy, reverse, adding, parity, sine");
}

const char* task_name(Task t) {
  static const char* const names[] = {"copy", "reverse", "adding", "parity", "sine"};
  return names[static_cast<int>(t)];
}

void make_batch(const TaskSpec& spec, std::int64_t B, Rng& rng, TaskBatch& out) {
  const std::int64_t T = spec.steps(), L = spec.length, n = B * T;
  out.ids.assign(static_cast<std::size_t>(spec.in_vocab() > 0 ? n : 0), 0);
  out.x.assign(static_cast<std::size_t>(spec.in_vocab() > 0 ? 0 : n * spec.inputs()), 0.f);
  out.labels.assign(static_cast<std::size_t>(n), 0);
  out.targets.assign(static_cast<std::size_t>(n), 0.f);
  out.scored.assign(static_cast<std::size_t>(n), 0);
  out.scored_count = 0;
  auto at = [&](std::int64_t b, std::int64_t t) { return static_cast<std::size_t>(b * T + t); };
  for (std::int64_t b = 0; b < B; ++b) {
    switch (spec.task) {
      case Task::copy:
      case Task::reverse: {
        const auto sep = static_cast<std::int32_t>(spec.vocab), blank = sep + 1;
        for (std::int64_t t = 0; t < L; ++t) out.ids[at(b, t)] = static_cast<std::int32_t>(rng.next_u64() % static_cast<std::uint64_t>(spec.vocab));
        out.ids[at(b, L)] = sep;
        for (std::int64_t t = L + 1; t < T; ++t) out.ids[at(b, t)] = blank;
        for (std::int64_t k = 0; k < L; ++k) {
          const std::int64_t src = spec.task == Task::copy ? k : L - 1 - k;
          out.labels[at(b, L + k)] = out.ids[at(b, src)];
          out.scored[at(b, L + k)] = 1;
        }
        out.scored_count += L;
        break;
      }
      case Task::parity: {
        std::int32_t x = 0;
        for (std::int64_t t = 0; t < T; ++t) {
          const auto bit = static_cast<std::int32_t>(rng.next_u64() & 1);
          out.ids[at(b, t)] = bit;
          x ^= bit;
          out.labels[at(b, t)] = x;
          out.scored[at(b, t)] = 1;
        }
        out.scored_count += T;
        break;
      }
      case Task::adding: {
        const std::int64_t half = T / 2;
        const std::int64_t m1 = static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(half > 0 ? half : 1));
        const std::int64_t m2 = half + static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(T - half));
        double sum = 0;
        for (std::int64_t t = 0; t < T; ++t) {
          const float v = static_cast<float>(rng.uniform());
          out.x[at(b, t) * 2] = v;
          const bool marked = t == m1 || t == m2;
          out.x[at(b, t) * 2 + 1] = marked ? 1.f : 0.f;
          if (marked) sum += v;
        }
        out.targets[at(b, T - 1)] = static_cast<float>(sum);
        out.scored[at(b, T - 1)] = 1;
        ++out.scored_count;
        break;
      }
      case Task::sine: {
        const double w = 0.5 + 1.5 * rng.uniform(), phi = 2 * std::numbers::pi * rng.uniform();
        auto value = [&](std::int64_t t) { return static_cast<float>(std::sin(w * 0.2 * static_cast<double>(t) + phi) + 0.02 * rng.normal()); };
        float prev = value(0);
        for (std::int64_t t = 0; t < T; ++t) {
          const float next = value(t + 1);
          out.x[at(b, t)] = prev;
          out.targets[at(b, t)] = next;
          out.scored[at(b, t)] = 1;
          prev = next;
        }
        out.scored_count += T;
        break;
      }
    }
  }
}

}  // namespace lab::seq
