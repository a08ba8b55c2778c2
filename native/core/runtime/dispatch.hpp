// LAB_KERNEL — builds a hot loop twice, for the baseline ISA and for AVX2, and lets the loader pick the
// one this CPU runs (GCC/Clang function multi-versioning; what ships stays baseline x86-64, never
// -march=native). AVX2 without FMA: no multiply-add is fused, so both versions give the same bits.
// Only on non-virtual functions (a virtual one calls a LAB_KERNEL member). Empty on other compilers and
// CPUs, where the baseline loop runs.
#pragma once

#if defined(__x86_64__) && defined(__has_attribute) && !defined(GRADLAB_NO_DISPATCH)
#if __has_attribute(target_clones)
#define LAB_KERNEL __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef LAB_KERNEL
#define LAB_KERNEL
#endif
