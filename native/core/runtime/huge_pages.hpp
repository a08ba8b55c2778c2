// Transparent huge pages for the large slabs the hot loops stream (see aligned_vector.hpp).
// A step over 1e7 floats touches ~80 MB: with 4 KiB pages that is ~20 000 TLB entries per pass, with
// 2 MiB pages ~40. Linux maps 2 MiB pages into an anonymous range when asked (madvise MADV_HUGEPAGE;
// the default "madvise" setting of /sys/kernel/mm/transparent_hugepage/enabled needs the ask). It is
// advice only: without THP the slab keeps its 4 KiB pages; on other systems nothing is asked or aligned.
#pragma once

#include <cstddef>

namespace lab {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;  // x86-64 / arm64 with 4 KiB base pages
inline constexpr std::size_t kHugeFrom = std::size_t{4} << 20;  // smaller slabs would waste up to half
// Whether this system takes the advice at all. Elsewhere large slabs are not 2 MiB-aligned either:
// an aligned allocation over-allocates by up to the alignment there (MSVC's aligned new does).
#if defined(__linux__)
inline constexpr bool kHugePagesAdvisable = true;
#else
inline constexpr bool kHugePagesAdvisable = false;
#endif

// Asks for huge pages over [p, p + bytes); p must start on a kHugePage boundary. Returns whether the
// kernel took the advice (false on systems without it). Never throws.
bool advise_huge_pages(void* p, std::size_t bytes) noexcept;

}  // namespace lab
