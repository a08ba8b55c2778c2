// The RNN lab's sequence tasks with known answers (issue #12), each drawn fresh per batch from a seed:
//   copy     L symbols of V, then a separator and L − 1 blanks; from the separator on, the net outputs the
//            L symbols in order. Inputs: V + 2 symbols; outputs: V classes at the last L steps.
//   reverse  the same, the symbols in reverse order.
//   adding   (Hochreiter & Schmidhuber 1997, as Le et al. 2015 state it) T steps of (value ~ U(0, 1),
//            marker); exactly two markers, one in each half; at the last step the net outputs the sum
//            of the two marked values. An output is right when its error is under 0.04.
//   parity   L bits; at every step, the parity (XOR) of the bits so far, as 2 classes (every step scored,
//            so the last output is the whole sequence's parity).
//   sine     next-value prediction: x_t = sin(ω·0.2t + φ) + N(0, 0.02²), ω ~ U(0.5, 2), φ ~ U(0, 2π);
//            inputs x_0…x_{T−1}, targets x_1…x_T, all scored (mean squared error).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../runtime/rng.hpp"

namespace lab::seq {

enum class Task { copy, reverse, adding, parity, sine };

struct TaskSpec {
  Task task = Task::copy;
  std::int64_t length = 8;  // L (symbols, bits) or T (adding, sine)
  std::int64_t vocab = 8;   // V content symbols (copy, reverse)

  std::int64_t steps() const;         // time steps of one sequence
  std::int64_t in_vocab() const;      // input symbols (0: real-valued inputs)
  std::int64_t inputs() const;        // real-valued input width (adding 2, sine 1)
  std::int64_t outputs() const;       // classes, or 1 value
  bool classification() const { return task == Task::copy || task == Task::reverse || task == Task::parity; }
};

// A batch of B sequences, each `steps()` long, batch-major: position p = b·T + t.
struct TaskBatch {
  std::vector<std::int32_t> ids;     // input symbols (classification tasks)
  std::vector<float> x;              // real-valued inputs [B, T, inputs]
  std::vector<std::int32_t> labels;  // per position: the class, or 0 where not scored
  std::vector<float> targets;        // per position: the value (regression); where not scored, see below
  std::vector<std::uint8_t> scored;  // per position: 1 where the output counts
  std::int64_t scored_count = 0;
};

Task task_named(const std::string& name, const std::string& path);  // INVALID_CONFIG listing the names
const char* task_name(Task t);

void make_batch(const TaskSpec& spec, std::int64_t B, Rng& rng, TaskBatch& out);

}  // namespace lab::seq
