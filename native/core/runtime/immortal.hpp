// lab::immortal — a copy of a value that is never destroyed, for function-local static tables:
//     static const auto& table = immortal(make_table());
// Threads can outlive the static destructors: Node's process.exit() runs them while session threads
// and pool threads still run, and a table destroyed then would be read after it was freed (see
// docs/engine.md, "Shutdown"). The copy stays reachable through the static reference, so leak
// checkers do not report it. Tables of trivially destructible values (arrays of numbers and C strings)
// need none of this.
#pragma once

#include <type_traits>
#include <utility>

namespace lab {

template <class T>
const std::decay_t<T>& immortal(T&& value) {
  return *new std::decay_t<T>(std::forward<T>(value));
}

}  // namespace lab
