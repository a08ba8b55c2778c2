// lab::cpu_has_v4 (see dispatch.hpp): asked of the CPU once.
#include "dispatch.hpp"

namespace lab {

bool cpu_has_v4() {
#if defined(__GNUC__) && defined(__x86_64__)
  static const bool v4 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return v4;
#else
  return false;
#endif
}

}  // namespace lab
