// LAB_KERNEL — builds a hot loop twice, for the baseline ISA and for AVX2, and lets the loader pick the
// one this CPU runs (GCC/Clang function multi-versioning; what ships stays baseline x86-64, never
// -march=native). AVX2 without FMA: no multiply-add is fused, so both versions give the same bits.
// Only on non-virtual functions (a virtual one calls a LAB_KERNEL member). Empty on other compilers and
// CPUs, where the baseline loop runs.
// LAB_V4 — a third build of a loop for AVX-512 CPUs (x86-64-v4), as a separate function the caller picks
// with cpu_has_v4() (LAB_HAS_V4 says whether this compiler builds one). Its file must compile with
// -ffp-contract=off (CMakeLists.txt), so that, with FMA available, no multiply-add is fused either and
// the bits stay those of the other two builds.
#pragma once

#if defined(__x86_64__) && defined(__has_attribute) && !defined(GRADLAB_NO_DISPATCH)
#if __has_attribute(target_clones)
#define LAB_KERNEL __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef LAB_KERNEL
#define LAB_KERNEL
#endif

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(GRADLAB_NO_DISPATCH)
#define LAB_V4 __attribute__((target("arch=x86-64-v4")))
#define LAB_HAS_V4 1
#else
#define LAB_V4
#define LAB_HAS_V4 0
#endif

namespace lab {
// True when this CPU runs x86-64-v4 code (AVX-512 F/BW/DQ/VL with AVX2 and FMA); false elsewhere.
bool cpu_has_v4();
}  // namespace lab
