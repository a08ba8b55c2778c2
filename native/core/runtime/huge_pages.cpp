// Transparent huge pages for large slabs (see huge_pages.hpp).
#include "huge_pages.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace lab {

bool advise_huge_pages(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  return ::madvise(p, bytes, MADV_HUGEPAGE) == 0;
#else
  (void)p;
  (void)bytes;
  return false;
#endif
}

}  // namespace lab
