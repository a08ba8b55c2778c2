// lab::AlignedVector: where slabs start (64 bytes; 2 MiB from kHugeFrom up), that growing and copying
// keep the values, and that the allocator's huge-page advice is in the slab's mapping where Linux has
// transparent huge pages.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "check.hpp"
#include "runtime/aligned_vector.hpp"

namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

}  // namespace

TEST("small slabs start on a cache line, large ones on a huge page (where huge pages are advised)") {
  for (std::size_t n : {1u, 3u, 1000u, 1048575u}) {  // 1048575 floats: just under kHugeFrom
    lab::AlignedVector<float> v(n);
    CHECK(address(v.data()) % 64 == 0);
  }
  const std::size_t large = lab::kHugePagesAdvisable ? lab::kHugePage : 64;
  lab::AlignedVector<float> big(lab::kHugeFrom / sizeof(float));
  CHECK(address(big.data()) % large == 0);
  lab::AlignedVector<double> bigger(3'000'001);
  CHECK(address(bigger.data()) % large == 0);
}

TEST("growing past kHugeFrom and copying keep every value") {
  lab::AlignedVector<float> v;
  for (std::size_t i = 0; i < 1'500'000; ++i) v.push_back(static_cast<float>(i % 9973) * 0.5f);
  CHECK(address(v.data()) % (lab::kHugePagesAdvisable ? lab::kHugePage : 64) == 0);
  bool same = true;
  for (std::size_t i = 0; i < v.size(); ++i) same = same && v[i] == static_cast<float>(i % 9973) * 0.5f;
  CHECK(same);
  const lab::AlignedVector<float> copy = v;
  CHECK(copy == v);
  v.resize(10);
  v.shrink_to_fit();  // reallocates to a small slab: a 64-byte start again, freed with its own alignment
  CHECK(address(v.data()) % 64 == 0);
  CHECK(v[9] == 4.5f);
}

TEST("a large slab's memory is marked for huge pages where the kernel has them (Linux: VmFlags hg)") {
  const bool has_thp = std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled");
  lab::AlignedVector<float> big(2 * lab::kHugePage / sizeof(float));
  std::ifstream smaps("/proc/self/smaps");
  if (!has_thp || !smaps) {
    std::printf("  no transparent huge pages here: nothing to check\n");
    return;
  }
  // The mapping that holds the slab, then its VmFlags line: "hg" is MADV_HUGEPAGE.
  const std::uintptr_t at = address(big.data());
  std::string line, flags;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &lo, &hi) == 2) {  // a mapping's first line
      inside = at >= lo && at < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      flags = line;
      break;
    }
  }
  std::printf("  %s\n", flags.c_str());
  CHECK((" " + flags + " ").find(" hg ") != std::string::npos);
  CHECK(lab::advise_huge_pages(big.data(), big.size() * sizeof(float)));
}

CHECK_MAIN()
