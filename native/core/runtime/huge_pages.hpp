// Transparent huge pages for the large slabs the hot loops stream (see aligned_vector.hpp).
// A step over 1e7 floats touches ~80 MB: with 4 KiB pages that is ~20 000 TLB entries per pass, with
// 2 MiB pages ~40. Linux maps 2 MiB pages into an anonymous range when asked (madvise MADV_HUGEPAGE;
// the default "madvise" setting of /sys/kernel/mm/transparent_hugepage/enabled needs the ask). It is
// advice only: without THP, or on other systems, the slab keeps its 4 KiB pages and nothing changes.
#pragma once

#include <cstddef>

namespace lab {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;  // x86-64 / arm64 with 4 KiB base pages
inline constexpr std::size_t kHugeFrom = std::size_t{4} << 20;  // smaller slabs would waste up to half

// Asks for huge pages over [p, p + bytes); p must start on a kHugePage boundary. Returns whether the
// kernel took the advice (false on systems without it). Never throws.
bool advise_huge_pages(void* p, std::size_t bytes) noexcept;

}  // namespace lab
